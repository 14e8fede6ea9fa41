"""Train the line scorer's learned head from the corpus's train split, deterministically.

    python -m coach.nlp.train_lines            # writes coach/nlp/line_head.json and prints its sha256
    python -m coach.nlp.train_lines --check    # retrains in memory; exit 1 unless it equals the shipped file

Each head (`coach.coaching.lines.head.HEADS`) is an L2-regularised logistic regression over the rules'
features and the scaled MiniLM embedding, fitted by Newton's method (iteratively reweighted least
squares) for a fixed number of steps from zero: no randomness, no threads that change the sums. The
weights are rounded to 4 decimals so a last-bit difference in the embedding cannot change the file.
Only `corpus/lines/train/` is read; dev and test are never seen here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from coach.coaching.lines import read_line
from coach.coaching.lines.features import FEATURES, vector
from coach.coaching.lines.head import HEADS, design
from coach.nlp.line_head import WEIGHTS_FILE

ROOT = Path(__file__).resolve().parent.parent.parent
TRAIN = ROOT / "corpus" / "lines" / "train"
EMBEDDING_SCALE = 8.0  # MiniLM vectors are unit length over 384 dims; scaled so one penalty suits both parts
PENALTY = 2.0  # L2 strength (the bias is not penalised)
STEPS = 30
DECIMALS = 4


def load_rows(folder: Path = TRAIN) -> list[dict[str, Any]]:
    """The labelled lines of one split folder, in a fixed order (file name, then line)."""
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    if not rows:
        raise SystemExit(f"no labelled lines in {folder}")
    return rows


def targets(rows: Sequence[dict[str, Any]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """For each head, which rows it learns from and the 0/1 target of each."""
    question = np.array([r["question"] is not None for r in rows])
    everyone = np.ones(len(rows), dtype=bool)
    return {
        "question": (everyone, question.astype(float)),
        "open": (question, np.array([r["question"] == "open" for r in rows], dtype=float)),
        "reflection": (everyone, np.array([bool(r["reflection"]) for r in rows], dtype=float)),
        "directive": (everyone, np.array([bool(r["directive"]) for r in rows], dtype=float)),
        "ask": (everyone, np.array([r["personal"] == "ask" for r in rows], dtype=float)),
        "reveal": (everyone, np.array([r["personal"] == "reveal" for r in rows], dtype=float)),
    }


def fit(x: np.ndarray, y: np.ndarray, penalty: float = PENALTY, steps: int = STEPS) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method from zero (deterministic)."""
    d = x.shape[1]
    w = np.zeros(d)
    reg = np.full(d, penalty)
    reg[0] = 1e-6  # the bias is (almost) free
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + reg * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return w


def train(rows: Sequence[dict[str, Any]], embeddings: np.ndarray, model_id: str) -> bytes:
    """The weights file's bytes for these rows and their embeddings."""
    features = [vector(read_line(str(r["text"]), r.get("previous"))) for r in rows]
    x = design(features, embeddings, EMBEDDING_SCALE)
    heads: dict[str, list[float]] = {}
    for name, (mask, y) in targets(rows).items():
        w = fit(x[mask], y[mask])
        heads[name] = [round(float(v), DECIMALS) + 0.0 for v in w]
    assert set(heads) == set(HEADS)
    payload = {
        "format": "coach-line-head",
        "version": 1,
        "model": model_id,
        "features": list(FEATURES),
        "dims": int(embeddings.shape[1]),
        "embedding_scale": EMBEDDING_SCALE,
        "penalty": PENALTY,
        "trained_on": "corpus/lines/train",
        "lines": len(rows),
        "heads": {name: heads[name] for name in HEADS},
    }
    return (json.dumps(payload, separators=(",", ":"), sort_keys=False) + "\n").encode()


def build() -> bytes:
    """Embed the train split with the shipped MiniLM model and train the head."""
    from coach.retrieval.embeddings import MODEL_ID, MiniLMEmbedding

    rows = load_rows()
    embedder = MiniLMEmbedding(threads=1)
    embeddings = embedder.embed([str(r["text"]) for r in rows])
    return train(rows, embeddings, MODEL_ID)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 unless retraining gives the shipped file")
    parser.add_argument("--output", type=Path, default=WEIGHTS_FILE)
    args = parser.parse_args(argv)
    data = build()
    digest = hashlib.sha256(data).hexdigest()
    if args.check:
        same = args.output.is_file() and args.output.read_bytes() == data
        print(f"{'same as' if same else 'DIFFERENT from'} {args.output} (retrained sha256 {digest})")
        return 0 if same else 1
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes), sha256 {digest}")
    print("pin it: WEIGHTS_SHA256 in coach/nlp/line_head.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
