"""The line scorer's learned head: its weights file (checked by sha256) and the embedder it reads with.

The weights (`line_head.json`, ~100 KB) are produced by `python -m coach.nlp.train_lines` from the
corpus's train split; `WEIGHTS_SHA256` pins the shipped bytes, so a damaged or hand-edited file is
refused. The embedder is the MiniLM model the knowledge index uses (`coach.retrieval.embeddings`):
one process-wide instance, loaded only when a line needs the head. `line_scorer()` wires both
into `coach.coaching.lines.head.LineScorer`.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import CoachError
from coach.pinned import read_pinned

if TYPE_CHECKING:
    from coach.coaching.lines.head import Embed, HeadWeights, LineScorer
    from coach.retrieval.embeddings import MiniLMEmbedding

WEIGHTS_FILE = Path(__file__).with_name("line_head.json")
WEIGHTS_SHA256 = "148c134bb9262d3ed7db0130abbd87845fabb957d5c6677406776a4c8aff864b"

_lock = threading.Lock()
_embedder: MiniLMEmbedding | None = None


def parse_weights(data: bytes) -> HeadWeights:
    """The head's weights from the bytes of a weights file."""
    from coach.coaching.lines.head import HeadWeights

    raw: dict[str, Any] = json.loads(data)
    return HeadWeights(
        features=tuple(raw["features"]),
        dims=int(raw["dims"]),
        embedding_scale=float(raw["embedding_scale"]),
        weights={name: [float(v) for v in values] for name, values in raw["heads"].items()},
        model=str(raw.get("model", "")),
    )


def load_weights(path: Path = WEIGHTS_FILE, expected: str | None = None) -> HeadWeights:
    """The shipped weights, refused unless their sha256 is the pinned one."""
    data = read_pinned(
        path,
        expected or WEIGHTS_SHA256,
        "the line-scoring weights",
        "reinstall coach (or retrain: python -m coach.nlp.train_lines)",
    )
    weights = parse_weights(data)
    from coach.retrieval.embeddings import MODEL_ID

    if weights.model != MODEL_ID:
        raise CoachError(f"the line-scoring weights were trained on {weights.model!r}, not {MODEL_ID!r}: retrain them")
    return weights


def shared_embedder() -> MiniLMEmbedding:
    """The process-wide MiniLM embedder for lines (its model is loaded on first use)."""
    global _embedder
    if _embedder is None:
        with _lock:
            if _embedder is None:
                from coach.retrieval.embeddings import MiniLMEmbedding

                _embedder = MiniLMEmbedding()
    return _embedder


def line_scorer(embedder: MiniLMEmbedding | None = None) -> LineScorer:
    """The full line scorer: rules, then the head on the lines they are unsure of.

    If the weights or the embedding model cannot be loaded, it scores with the rules alone and says
    why in `LineScorer.failure`.
    """
    from coach.coaching.lines.head import LineScorer

    def embed() -> Embed:
        model = embedder or shared_embedder()
        model.check()  # missing or damaged files: the rules alone; the session loads on the first batch
        return model.embed

    return LineScorer(load_weights, embed, unavailable=(CoachError, ValueError, OSError))
