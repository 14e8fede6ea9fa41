"""The learned head: where the rules are unsure, a small linear model over the sentence embedding decides.

Six logistic regressions (`HEADS`), each over the rules' features (features.py) and the line's
MiniLM embedding, trained on the corpus's train split by `coach/nlp/train_lines.py`. Rules go
first: a label the rules call firmly keeps their call and cue; the head decides the rest, and a
line whose every label is firm is never embedded (so `coach score --line "How are you?"` does not
load the embedding model). The weights and the embedding function are handed in (loaded by
`coach/nlp/line_head.py`); numpy is imported only when the head runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coach.coaching.analysis import LineAnalysis, PersonalMove, QuestionType, from_reading
from coach.coaching.lines import Reading, read_line
from coach.coaching.lines.features import FEATURES, vector

if TYPE_CHECKING:
    import numpy as np

# question: is it a question; open: open rather than closed, given a question; ask / reveal: the personal move.
HEADS = ("question", "open", "reflection", "directive", "ask", "reveal")
THRESHOLD = 0.5
# Reflections (one line in six) and personal moves (one in ten) are rarer than not, and the head, trained on
# other writers, under-calls them: a reflection counts from p >= 0.3, a personal move from p >= 0.35.
THRESHOLDS = {"question": 0.5, "open": 0.5, "reflection": 0.3, "directive": 0.5, "personal": 0.35}
# How far from 0.5 the head must be to overrule an unsure rule. Whether a line is a question, open or
# closed, and whether it is a directive, the rules read from form and are usually right even when unsure:
# the head must be confident (p >= 0.8 or <= 0.2). Reflections and personal moves depend on meaning: the
# head decides. (Chosen on the dev split, where both of its writers gained; docs/nlp.md.)
MARGIN = {"question": 0.3, "open": 0.3, "reflection": 0.0, "directive": 0.3, "personal": 0.0}

Embed = Callable[[list[str]], Any]  # texts -> array (n, dims) of L2-normalised vectors


@dataclass(frozen=True)
class HeadWeights:
    """One bias and one weight per feature and per embedding dimension, for each head."""

    features: tuple[str, ...]
    dims: int
    embedding_scale: float
    weights: Mapping[str, Sequence[float]]  # head -> [bias, *feature weights, *embedding weights]
    model: str = ""  # the embedding model the weights were trained on

    def check(self) -> None:
        """Refuse weights trained on other features or another embedding size."""
        if tuple(self.features) != FEATURES:
            raise ValueError("the line-scoring weights were trained on other features: retrain them")
        for name in HEADS:
            if len(self.weights[name]) != 1 + len(self.features) + self.dims:
                raise ValueError(f"the line-scoring weights for {name!r} have the wrong size")


def design(feature_rows: Sequence[Sequence[float]], embeddings: Any, scale: float) -> np.ndarray:
    """The head's input matrix: a column of ones, the rules' features, the scaled embedding."""
    import numpy as np

    features = np.asarray(feature_rows, dtype=np.float64).reshape(len(feature_rows), len(FEATURES))
    vectors = np.asarray(embeddings, dtype=np.float64) * scale
    return np.hstack([np.ones((len(features), 1)), features, vectors])


def probabilities(weights: HeadWeights, x: np.ndarray) -> dict[str, list[float]]:
    """Each head's probability for each row of the design matrix."""
    import numpy as np

    out: dict[str, list[float]] = {}
    for name in HEADS:
        w = np.asarray(weights.weights[name], dtype=np.float64)
        z = np.clip(x @ w, -30.0, 30.0)
        out[name] = [float(p) for p in 1.0 / (1.0 + np.exp(-z))]
    return out


def _all_firm(reading: Reading) -> bool:
    return reading.question.firm and reading.reflection.firm and reading.directive.firm and reading.personal.firm


_KIND = {"open": "an open question", "closed": "a closed question", None: "no question"}


def decide(reading: Reading, p: Mapping[str, float]) -> LineAnalysis:
    """The labels: the rules' call where it is firm, the head's elsewhere; `why` names whichever decided."""
    rules = from_reading(reading)
    why = dict(rules.why)

    question: QuestionType | None = rules.question
    if not reading.question.firm:
        asked = p["question"] >= THRESHOLD
        if abs(p["question"] - THRESHOLD) < MARGIN["question"]:
            asked = rules.question is not None
        question = ("open" if p["open"] >= THRESHOLD else "closed") if asked else None
        if asked and rules.question is not None and abs(p["open"] - THRESHOLD) < MARGIN["open"]:
            question = rules.question  # the rules read the form; an unsure head does not overrule it
        if question != rules.question:
            if question is None:
                sure = 1 - p["question"]
            elif rules.question is None:
                sure = p["question"]
            else:
                sure = p["open"] if question == "open" else 1 - p["open"]
            why["question"] = f"learned: reads like {_KIND[question]} ({sure:.2f})"

    reflection = rules.reflection
    if not reading.reflection.firm and abs(p["reflection"] - THRESHOLD) >= MARGIN["reflection"]:
        reflection = p["reflection"] >= THRESHOLDS["reflection"]
        if reflection != rules.reflection:
            sure = p["reflection"] if reflection else 1 - p["reflection"]
            what = "a reflection of what they said" if reflection else "no reflection"
            why["reflection"] = f"learned: reads like {what} ({sure:.2f})"

    directive = rules.directive
    if not reading.directive.firm and abs(p["directive"] - THRESHOLD) >= MARGIN["directive"]:
        directive = p["directive"] >= THRESHOLD
        if directive != rules.directive:
            sure = p["directive"] if directive else 1 - p["directive"]
            what = "telling them what to do" if directive else "not telling them what to do"
            why["directive"] = f"learned: reads like {what} ({sure:.2f})"

    personal: PersonalMove | None = rules.personal
    if not reading.personal.firm:
        ask, reveal = p["ask"], p["reveal"]
        personal = ("ask" if ask >= reveal else "reveal") if max(ask, reveal) >= THRESHOLDS["personal"] else None
        if personal != rules.personal:
            sure = {"ask": ask, "reveal": reveal, None: 1 - max(ask, reveal)}[personal]
            what = {"ask": "a personal ask", "reveal": "a personal reveal", None: "nothing personal"}[personal]
            why["personal"] = f"learned: reads like {what} ({sure:.2f})"

    return LineAnalysis(reading.text, question, personal, directive, reflection, why)


class LineScorer:
    """Rules first, the learned head where they are unsure. Satisfies `Scorer` and `BatchScorer`.

    `weights` and `embed` are loaded on first need (callables), so building a scorer costs nothing
    and a line the rules read firmly never loads the embedding model. Without them (or if loading
    fails with `unavailable`), the scorer is the rules alone.
    """

    def __init__(
        self,
        weights: Callable[[], HeadWeights] | None,
        embed: Callable[[], Embed] | None,
        unavailable: tuple[type[BaseException], ...] = (),
    ) -> None:
        self._load_weights = weights
        self._load_embed = embed
        self._unavailable = unavailable
        self._weights: HeadWeights | None = None
        self._embed: Embed | None = None
        self.failure: str | None = None  # why the head could not be used, if it could not

    def __call__(self, text: str, previous: str | None = None) -> LineAnalysis:
        return self.batch([(text, previous)])[0]

    def _ready(self) -> bool:
        if self._weights is not None and self._embed is not None:
            return True
        if self.failure is not None or self._load_weights is None or self._load_embed is None:
            return False
        try:
            weights = self._load_weights()
            weights.check()
            self._weights, self._embed = weights, self._load_embed()
        except self._unavailable as exc:
            self.failure = str(exc)
            return False
        return True

    def batch(self, items: Sequence[tuple[str, str | None]]) -> list[LineAnalysis]:
        """Every (line, previous turn) labelled; the unsure ones embedded in one batch."""
        readings = [read_line(text, previous) for text, previous in items]
        unsure = [i for i, r in enumerate(readings) if r.english and not _all_firm(r)]
        if not unsure or not self._ready():
            return [from_reading(r) for r in readings]
        assert self._weights is not None and self._embed is not None
        try:
            vectors = self._embed([readings[i].text for i in unsure])
        except self._unavailable as exc:  # the model would not load after all: the rules alone, saying why
            self.failure, self._embed = str(exc), None
            return [from_reading(r) for r in readings]
        x = design([vector(readings[i]) for i in unsure], vectors, self._weights.embedding_scale)
        probs = probabilities(self._weights, x)
        out = [from_reading(r) for r in readings]
        for row, i in enumerate(unsure):
            out[i] = decide(readings[i], {name: probs[name][row] for name in HEADS})
        return out
