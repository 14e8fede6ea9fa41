"""Label what someone says in a 1:1: question type, reflection, directive, personal move, and why.

Two scorers share one result type. `analyse_line` is the hand-written rules alone
(`coach.coaching.lines`): a cheap parse of each clause's shape, fast enough for any transcript,
and deterministic. `LineScorer` (`coach.coaching.lines.head`) runs the same rules first and lets
a small learned head over the MiniLM sentence embedding decide the labels the rules are unsure of;
the workspace builds it with the shipped weights, so `coach score`, the role-play and the
scorecard all use it. The conventions are in docs/nlp.md.

Decisions worth knowing:
- A line may hold several sentences; the last question in it decides `question`.
- A reflection voiced with a question mark is a reflection, not a question.
- `personal` is the first personal move in the line (an `ask` or a `reveal`).
- `directive` is true if any clause tells the listener what to do, including a request in
  question form ("could you just…"); offers, permission and invitations are not directives.
- `why` holds, per label, the cue that decided it, in words a manager can read.
- Text with no English function words (emoji, another language) gets null labels.

Why not spaCy here: tagging costs about 2.6 ms a line, which would make a 10,000-line transcript
take ~26 s before any embedding; the clause shapes the rules need are read from word order
directly (docs/nlp.md, "How the line scorer decides").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from coach.coaching.lines import PersonalMove, QuestionType, Reading, read_line

__all__ = [
    "BatchScorer",
    "LineAnalysis",
    "PersonalMove",
    "QuestionType",
    "Scorer",
    "analyse_line",
    "from_reading",
    "score_all",
]


@dataclass(frozen=True)
class LineAnalysis:
    """The labels for one utterance, and for each the cue that decided it (`why`, keyed by label)."""

    text: str
    question: QuestionType | None
    personal: PersonalMove | None
    directive: bool
    reflection: bool = False
    why: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "question": self.question,
            "personal": self.personal,
            "directive": self.directive,
            "reflection": self.reflection,
            "why": dict(self.why),
        }

    def report(self) -> tuple[str, list[str]]:
        """What `coach score --line` prints: the four labels on one line, then each label's cue."""
        question = self.question or "-"
        personal = self.personal or "-"
        labels = (
            f"question: {question}  personal: {personal}  directive: {'yes' if self.directive else 'no'}  "
            f"reflection: {'yes' if self.reflection else 'no'}"
        )
        return labels, [f"  {label:<11}{why}" for label, why in self.why.items()]


class Scorer(Protocol):
    """Labels one line; `previous` is the other person's turn just before it, when there is one."""

    def __call__(self, text: str, previous: str | None = None) -> LineAnalysis: ...


@runtime_checkable
class BatchScorer(Protocol):
    """A scorer that labels many lines at once faster than one by one (it embeds them in batches)."""

    def __call__(self, text: str, previous: str | None = None) -> LineAnalysis: ...

    def batch(self, items: Sequence[tuple[str, str | None]]) -> list[LineAnalysis]: ...


def from_reading(reading: Reading) -> LineAnalysis:
    """The rules' labels for a parsed line."""
    return LineAnalysis(
        reading.text,
        reading.question.value,
        reading.personal.value,
        reading.directive.value,
        reading.reflection.value,
        {
            "question": reading.question.why,
            "reflection": reading.reflection.why,
            "directive": reading.directive.why,
            "personal": reading.personal.why,
        },
    )


def analyse_line(text: str, previous: str | None = None) -> LineAnalysis:
    """Label one utterance with the rules alone. Never raises; unusual input gets null labels."""
    return from_reading(read_line(text, previous))


def score_all(score: Scorer, items: Sequence[tuple[str, str | None]]) -> list[LineAnalysis]:
    """Every (line, previous turn) labelled, in batches when the scorer can."""
    if isinstance(score, BatchScorer):
        return score.batch(items)
    return [score(text, previous) for text, previous in items]
