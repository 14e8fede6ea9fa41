"""Scoring of the debrief extractor against labelled notes (shared by the test and the bench)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from coach.coaching.debrief import Debrief
from coach.coaching.debrief import analyse_notes as _analyse_notes
from coach.domain import Person
from coach.nlp.spacy_en import load

DATA = Path(__file__).resolve().parent.parent / "data"
MEETING = dt.date(2025, 2, 26)


def analyse_notes(*args: Any, **kwargs: Any) -> Debrief:
    """The debrief as the workspace runs it: with the verified English pipeline handed in."""
    return _analyse_notes(*args, nlp=load(), **kwargs)


def score(filename: str, verbose: bool = False) -> dict[str, Any]:
    cases = json.loads((DATA / filename).read_text(encoding="utf-8"))
    tp = fp = fn = owner_ok = proposer_ok = 0
    misses: list[str] = []
    for case in cases:
        person = Person(name=case.get("person", "Priya Raman"))
        got = analyse_notes(case["notes"], person, meeting_date=MEETING).actions
        used: set[int] = set()
        for want in case["actions"]:
            hit = next(
                (i for i, a in enumerate(got) if i not in used and want["text_contains"].lower() in a.text.lower()),
                None,
            )
            if hit is None:
                fn += 1
                misses.append(f"MISS {want['text_contains']!r} in {case['notes'][:70]!r} got {[a.text for a in got]}")
                continue
            used.add(hit)
            tp += 1
            a = got[hit]
            owner_ok += a.owner.value == want["owner"]
            proposer_ok += a.proposed_by.value == want["proposed_by"]
            if a.owner.value != want["owner"] or a.proposed_by.value != want["proposed_by"]:
                misses.append(
                    f"ROLE {a.text!r}: got {a.owner.value}/{a.proposed_by.value} "
                    f"want {want['owner']}/{want['proposed_by']}"
                )
        for i, a in enumerate(got):
            if i not in used:
                fp += 1
                misses.append(f"EXTRA {a.text!r} from {case['notes'][:70]!r}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = {
        "cases": len(cases),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "owner_accuracy": round(owner_ok / tp, 3) if tp else 0.0,
        "proposed_by_accuracy": round(proposer_ok / tp, 3) if tp else 0.0,
    }
    if verbose:
        result["errors"] = misses
    return result


if __name__ == "__main__":
    import sys

    out = score(sys.argv[1] if len(sys.argv) > 1 else "debrief_notes.json", verbose=True)
    for line in out.pop("errors"):
        print(line)
    print(out)
