"""Fit the debrief's learned scorers on the corpus's train split (and the older hand-made sets), deterministically.

Run: .venv/bin/python bench/train_debrief.py
Writes coach/nlp/data/debrief_weights.json and pins its sha256 in coach/nlp/debrief_model.py.

Each candidate the parse finds in a train note is labelled a task when its words contain a labelled
action's `text_contains`; each piece of personal news when it contains a labelled one. Four logistic
regressions are fitted by Newton's method with an L2 penalty chosen by five-fold cross-validation over
the notes (fold = note number mod 5): the action model (parse features + MiniLM embedding), a parse-only
action model for huge notes, and the same pair for personal news and for its sensitivity. No randomness:
the same corpus gives the same weights, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval_debrief import load_split, normal  # noqa: E402
from coach.coaching.debrief import read_notes  # noqa: E402
from coach.coaching.debrief.features import action_context, action_features, personal_features  # noqa: E402
from coach.coaching.debrief.personal import candidates as personal_pieces  # noqa: E402
from coach.domain import Person, Relationship  # noqa: E402
from coach.nlp import debrief_model  # noqa: E402
from coach.nlp.spacy_en import load  # noqa: E402
from coach.retrieval.embeddings import MiniLMEmbedding  # noqa: E402

LAMBDAS = (0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5


def examples(splits: tuple[str, ...]) -> dict[str, list[Any]]:
    """Rows, contexts, labels and note numbers for the action and the personal models."""
    nlp = load()
    out: dict[str, list[Any]] = {k: [] for k in ("a_rows", "a_text", "a_y", "a_note", "p_rows", "p_text", "p_y")}
    out |= {"p_sens": [], "p_note": []}
    n = 0
    for split in splits:
        for note in load_split(split):
            n += 1
            person = Person(name=note["person"], relationship=Relationship(note.get("relationship", "report")))
            reading = read_notes(note["notes"], person, nlp)
            wanted = [normal(a["text_contains"]) for a in note["actions"]]
            for _, _, cand in reading.found:
                text = normal(cand.text)
                out["a_rows"].append(action_features(cand))
                out["a_text"].append(action_context(cand))
                out["a_y"].append(float(any(w in text for w in wanted)))
                out["a_note"].append(n)
            if note.get("personal") is None:
                continue
            news = [(normal(p["text_contains"]), p["sensitive"]) for p in note["personal"]]
            for seg, piece in personal_pieces(reading.segments):
                text = normal(piece)
                hit = next((s for w, s in news if w in text), None)
                out["p_rows"].append(personal_features(seg, piece))
                out["p_text"].append(piece)
                out["p_y"].append(float(hit is not None))
                out["p_sens"].append(float(bool(hit)))
                out["p_note"].append(n)
    return out


def design(rows: list[dict[str, float]], names: list[str]) -> np.ndarray:
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for k, v in row.items():
            if k in index:
                x[r, index[k]] = v
    return x


def fit(x: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by Newton's method (the bias is not penalised)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], lam)
    penalty[-1] = 1e-6
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w[:-1], float(w[-1])


def f1(y: np.ndarray, p: np.ndarray) -> float:
    pred = p >= 0.5
    tp = float(np.sum(pred & (y == 1)))
    prec = tp / max(1.0, float(np.sum(pred)))
    rec = tp / max(1.0, float(np.sum(y == 1)))
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def choose(x: np.ndarray, y: np.ndarray, notes: np.ndarray) -> tuple[float, float]:
    """The penalty with the best cross-validated F1 (ties: the stronger penalty)."""
    best = (-1.0, 0.0)
    for lam in sorted(LAMBDAS, reverse=True):
        p = np.zeros(len(y))
        for k in range(FOLDS):
            test = notes % FOLDS == k
            w, b = fit(x[~test], y[~test], lam)
            p[test] = 1.0 / (1.0 + np.exp(-(x[test] @ w + b)))
        score = f1(y, p)
        if score > best[0] + 1e-9:
            best = (score, lam)
    return best[1], best[0]


def model(x: np.ndarray, y: np.ndarray, notes: np.ndarray, names: list[str], dims: int) -> dict[str, Any]:
    lam, cv = choose(x, y, notes)
    w, b = fit(x, y, lam)
    print(f"  lambda {lam}  cross-validated F1 {cv:.3f}  n={len(y)} positives={int(y.sum())}")
    out: dict[str, Any] = {
        "features": names,
        "weights": [round(float(v), 5) for v in w[: len(names)]],
        "bias": round(b, 5),
        "lambda": lam,
        "cv_f1": round(cv, 4),
    }
    if dims:
        out["embedding"] = [round(float(v), 5) for v in w[len(names) :]]
    return out


def main() -> None:
    data = examples(("train", "legacy"))
    embed = MiniLMEmbedding(batch_size=64).embed
    models: dict[str, Any] = {}
    a_names = sorted({k for r in data["a_rows"] for k in r})
    xa = design(data["a_rows"], a_names)
    ya, na = np.array(data["a_y"]), np.array(data["a_note"])
    va = embed(data["a_text"]).astype(np.float64) * debrief_model.EMBED_SCALE
    print("action (parse + embedding)")
    models["action"] = model(np.hstack([xa, va]), ya, na, a_names, va.shape[1])
    print("action (parse only)")
    models["action_parse"] = model(xa, ya, na, a_names, 0)
    p_names = sorted({k for r in data["p_rows"] for k in r})
    xp = design(data["p_rows"], p_names)
    yp, sp, np_ = np.array(data["p_y"]), np.array(data["p_sens"]), np.array(data["p_note"])
    vp = embed(data["p_text"]).astype(np.float64) * debrief_model.EMBED_SCALE
    print("personal (cues + embedding)")
    models["personal"] = model(np.hstack([xp, vp]), yp, np_, p_names, vp.shape[1])
    print("personal (cues only)")
    models["personal_parse"] = model(xp, yp, np_, p_names, 0)
    kept = yp == 1
    print("sensitive (cues + embedding), on personal news only")
    models["sensitive"] = model(np.hstack([xp, vp])[kept], sp[kept], np_[kept], p_names, vp.shape[1])
    print("sensitive (cues only)")
    models["sensitive_parse"] = model(xp[kept], sp[kept], np_[kept], p_names, 0)
    doc = {"version": 1, "embedding": "all-MiniLM-L6-v2-int8", "trained_on": "corpus/notes/train + tests/data"}
    doc["models"] = models
    text = json.dumps(doc, sort_keys=True, separators=(",", ":")) + "\n"
    debrief_model.WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    debrief_model.WEIGHTS.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    source = Path(debrief_model.__file__)
    code = re.sub(r'WEIGHTS_SHA256 = "[0-9a-f]{64}"', f'WEIGHTS_SHA256 = "{digest}"', source.read_text())
    source.write_text(code, encoding="utf-8")
    print(f"wrote {debrief_model.WEIGHTS.relative_to(ROOT)} ({len(text)} bytes), sha256 {digest}")


if __name__ == "__main__":
    main()
