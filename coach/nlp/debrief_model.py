"""The debrief's learned scorers: small logistic regressions over the parse's features and the MiniLM
embedding of the clause, fitted on the corpus's train split by `bench/train_debrief.py`.

The weights ship in `coach/nlp/data/debrief_weights.json` (a few thousand numbers), pinned by sha256 and
checked on first load; the embedding model is the one the knowledge index uses
(`coach.retrieval.embeddings.MiniLMEmbedding`), loaded only when the first note is scored. Huge notes
(more than `EMBED_BUDGET` candidates) are scored by the parse-only model fitted alongside, so a pasted
megabyte stays fast; a normal page of notes never reaches it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.pinned import read_pinned

if TYPE_CHECKING:
    import numpy as np

    from coach.coaching.debrief.extract import Candidate
    from coach.coaching.debrief.personal import Piece

WEIGHTS = Path(__file__).parent / "data" / "debrief_weights.json"
WEIGHTS_SHA256 = "aa888a91ff23128bbb91808671d7bbd367de9deb9337c3675f98012965e8d951"
EMBED_BUDGET = 400  # candidates per call scored with the embedding; beyond, the parse-only model
EMBED_SCALE = 4.0  # the embedding is unit length; scaled so its weights are regularised like the features'

_lock = threading.Lock()
_loaded: Scorers | None = None


@dataclass(frozen=True)
class Linear:
    """One logistic regression: named features, optionally the embedding, a bias."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    embedding: tuple[float, ...]  # empty: this model reads no embedding
    bias: float
    threshold: float = 0.5

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Linear:
        return cls(
            tuple(raw["features"]),
            tuple(float(w) for w in raw["weights"]),
            tuple(float(w) for w in raw.get("embedding", ())),
            float(raw["bias"]),
            float(raw.get("threshold", 0.5)),
        )

    def probabilities(self, rows: Sequence[dict[str, float]], vectors: np.ndarray | None = None) -> list[float]:
        import numpy as np

        index = {name: i for i, name in enumerate(self.features)}
        x = np.zeros((len(rows), len(self.features)), dtype=np.float64)
        for r, row in enumerate(rows):
            for name, value in row.items():
                if name in index:
                    x[r, index[name]] = value
        z = x @ np.asarray(self.weights) + self.bias
        if self.embedding:
            if vectors is None:
                raise ValueError("this model reads the embedding")
            z = z + EMBED_SCALE * (vectors.astype(np.float64) @ np.asarray(self.embedding))
        # Shifted so that `threshold` maps to 0.5: callers compare with 0.5.
        shift = float(np.log(self.threshold / (1 - self.threshold)))
        return [float(p) for p in 1.0 / (1.0 + np.exp(-(z - shift)))]


class Scorers:
    """The action scorer (`decide.Scorer`) and the personal-news scorer (`personal.PersonalScorer`)."""

    def __init__(self, models: dict[str, Linear], embed: Any) -> None:
        self.models = models
        self._embed = embed  # a callable: list[str] -> array (n, 384)

    def probabilities(self, candidates: Sequence[Candidate]) -> list[float]:
        from coach.coaching.debrief.features import action_context, action_features

        rows = [action_features(c) for c in candidates]
        if len(candidates) > EMBED_BUDGET:
            return self.models["action_parse"].probabilities(rows)
        return self.models["action"].probabilities(rows, self._embed([action_context(c) for c in candidates]))

    def personal(self, pieces: Sequence[Piece]) -> list[tuple[float, float]]:
        from coach.coaching.debrief.features import personal_features

        rows = [personal_features(seg, text) for seg, text in pieces]
        if len(pieces) > EMBED_BUDGET:
            keep, sens = self.models["personal_parse"], self.models["sensitive_parse"]
            return list(zip(keep.probabilities(rows), sens.probabilities(rows), strict=True))
        vectors = self._embed([text for _, text in pieces])
        keep_p = self.models["personal"].probabilities(rows, vectors)
        sens_p = self.models["sensitive"].probabilities(rows, vectors)
        return list(zip(keep_p, sens_p, strict=True))


def read_weights(path: Path = WEIGHTS, expected: str | None = None) -> dict[str, Linear]:
    """The fitted models, refused unless the file has the pinned sha256."""
    data = read_pinned(path, expected or WEIGHTS_SHA256, "the debrief's model weights")
    raw = json.loads(data)
    return {name: Linear.from_json(model) for name, model in raw["models"].items()}


def load() -> Scorers:
    """The process-wide scorers, checked on first use; the embedder loads on the first note scored."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                from coach.retrieval.embeddings import MiniLMEmbedding

                embedder = MiniLMEmbedding(batch_size=64)
                _loaded = Scorers(read_weights(), embedder.embed)
    return _loaded
