"""Score the line scorer against one split of the labelled corpus (corpus/lines/<split>/).

Run: .venv/bin/python bench/eval_lines.py --split train|dev|test [--rules-only] [--errors N]

Per label: accuracy for the question type (open / closed / none over every line), open vs closed
(over the lines both the corpus and the scorer call a question), personal (ask / reveal / none);
precision, recall and F1 for question present, reflection, directive, personal ask and personal reveal.
Prints a table and writes bench/results/eval_lines_<split>[_rules].json. The test split is for the one
final report: never read it while tuning (see corpus/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.coaching.analysis import LineAnalysis  # noqa: E402

CORPUS = ROOT / "corpus" / "lines"
RESULTS = Path(__file__).resolve().parent / "results"


def load_split(split: str) -> list[dict[str, Any]]:
    """Every labelled line of one split, in file order."""
    rows: list[dict[str, Any]] = []
    for path in sorted((CORPUS / split).glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    if not rows:
        raise SystemExit(f"no labelled lines in {CORPUS / split}")
    return rows


def _prf(gold: Sequence[bool], got: Sequence[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, got, strict=True))
    fp = sum(p and not g for g, p in zip(gold, got, strict=True))
    fn = sum(g and not p for g, p in zip(gold, got, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}


def metrics(rows: Sequence[dict[str, Any]], got: Sequence[LineAnalysis]) -> dict[str, Any]:
    """The figures `bench/eval_lines.py` reports, for labelled rows and the scorer's answers in the same order."""
    n = len(rows)
    both_q = [(r["question"], a.question) for r, a in zip(rows, got, strict=True) if r["question"] and a.question]
    return {
        "lines": n,
        "question_accuracy": round(sum(r["question"] == a.question for r, a in zip(rows, got, strict=True)) / n, 4),
        "open_vs_closed_accuracy": round(sum(g == p for g, p in both_q) / len(both_q), 4) if both_q else 0.0,
        "question_present": _prf([r["question"] is not None for r in rows], [a.question is not None for a in got]),
        "reflection": _prf([bool(r["reflection"]) for r in rows], [a.reflection for a in got]),
        "directive": _prf([bool(r["directive"]) for r in rows], [a.directive for a in got]),
        "personal_accuracy": round(sum(r["personal"] == a.personal for r, a in zip(rows, got, strict=True)) / n, 4),
        "personal_ask": _prf([r["personal"] == "ask" for r in rows], [a.personal == "ask" for a in got]),
        "personal_reveal": _prf([r["personal"] == "reveal" for r in rows], [a.personal == "reveal" for a in got]),
    }


def score_rows(rows: Sequence[dict[str, Any]], rules_only: bool = False) -> list[LineAnalysis]:
    """The scorer's answers, with the other person's previous turn as context."""
    items = [(str(r["text"]), r.get("previous")) for r in rows]
    if rules_only:
        from coach.coaching.analysis import analyse_line

        return [analyse_line(text, previous) for text, previous in items]
    from coach.workspace import Workspace

    return Workspace().scorer().batch(items)


def table(result: dict[str, Any]) -> str:
    lines = [f"{'label':<26}{'figure':>10}{'P':>8}{'R':>8}{'n':>7}"]
    for key in ("question_accuracy", "open_vs_closed_accuracy", "personal_accuracy"):
        lines.append(f"{key:<26}{result[key]:>10.3f}")
    for key in ("question_present", "reflection", "directive", "personal_ask", "personal_reveal"):
        m = result[key]
        lines.append(f"{key + ' F1':<26}{m['f1']:>10.3f}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['support']:>7}")
    return "\n".join(lines)


LABELS = ("question", "reflection", "directive", "personal")


def errors(
    rows: Sequence[dict[str, Any]], got: Sequence[LineAnalysis], limit: int, labels: Sequence[str] = LABELS
) -> list[str]:
    out = []
    for row, a in zip(rows, got, strict=True):
        wrong = [
            f"{key}: gold {row[key]!r} got {getattr(a, key)!r} ({a.why.get(key, '')})"
            for key in labels
            if row[key] != getattr(a, key)
        ]
        if wrong:
            out.append(f"{row['id']} {row['text']!r}\n    prev: {row.get('previous')!r}\n    " + "\n    ".join(wrong))
    return out[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev", "test"), required=True)
    parser.add_argument("--rules-only", action="store_true", help="the hand-written rules alone, no learned head")
    parser.add_argument("--with-rules", action="store_true", help="also score the rules alone, in the same run")
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrong lines (not for the test split)")
    parser.add_argument("--label", choices=LABELS, help="only errors on this label")
    args = parser.parse_args()
    if args.errors and args.split == "test":
        raise SystemExit("the test split is scored, never read: no --errors for it")
    rows = load_split(args.split)
    t0 = time.perf_counter()
    got = score_rows(rows, args.rules_only)
    seconds = time.perf_counter() - t0
    result = {"split": args.split, "scorer": "rules" if args.rules_only else "full", **metrics(rows, got)}
    result["seconds"] = round(seconds, 3)
    print(table(result))
    for item in errors(rows, got, args.errors, [args.label] if args.label else LABELS):
        print(item)
    RESULTS.mkdir(exist_ok=True)
    name = f"eval_lines_{args.split}{'_rules' if args.rules_only else ''}.json"
    (RESULTS / name).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.with_rules and not args.rules_only:
        rules = {"split": args.split, "scorer": "rules", **metrics(rows, score_rows(rows, rules_only=True))}
        print("\nrules alone:")
        print(table(rules))
        (RESULTS / f"eval_lines_{args.split}_rules.json").write_text(
            json.dumps(rules, indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
