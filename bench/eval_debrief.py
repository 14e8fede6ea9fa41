"""Score the debrief against the labelled notes in corpus/notes/<split>/ (format: corpus/README.md).

Run: .venv/bin/python bench/eval_debrief.py --split train|dev|test [--errors] [--legacy]
Writes bench/results/eval_debrief_<split>.json. The tests import `score` and hold floors just below
the figures measured here. Tune on train, check on dev; score test only once everything is frozen.

What is measured, per note and summed over the split:
- actions: a labelled action is found when an extracted action's text contains its `text_contains`
  (compared after the same normalising of case, spelling and punctuation on both sides); precision,
  recall and F1 over all actions;
- owner, proposed_by and due: accuracy over the found actions; owner_name: over found actions
  labelled `other`, right when the owner is `other` and the names agree;
- personal follow-ups: recall and precision of the personal notes, and how many found ones carry
  the right `sensitive` flag;
- the same action figures per pattern tag (notes carrying the tag).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from coach.coaching.debrief import Debrief, analyse_notes  # noqa: E402
from coach.coaching.lexicon import respell  # noqa: E402
from coach.domain import Person, Relationship  # noqa: E402

CORPUS = ROOT / "corpus" / "notes"
LEGACY = ROOT / "tests" / "data"
RESULTS = ROOT / "bench" / "results"
LEGACY_MEETING = dt.date(2025, 2, 26)
_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def normal(text: str) -> str:
    """Case, chat spellings and punctuation folded away, so "Send the 'Q3' deck," contains "send the q3 deck"."""
    return " ".join(_WORDS.findall(respell(text).casefold().replace("’", "'")))


def _name(text: str | None) -> str:
    words = normal(text or "").split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def same_name(want: str | None, got: str | None) -> bool:
    """ "the caretaker" is "caretaker"; "Tom" is "Tom Becker"; nothing is nobody."""
    a, b = _name(want), _name(got)
    if not a or not b:
        return False
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def load_split(split: str) -> list[dict[str, Any]]:
    """The labelled notes of one split (`legacy`: the two older hand-made sets, read as notes)."""
    if split == "legacy":
        out = []
        for filename in ("debrief_notes.json", "debrief_holdout.json"):
            for i, case in enumerate(json.loads((LEGACY / filename).read_text(encoding="utf-8"))):
                out.append(
                    {
                        "id": f"{filename.split('.')[0]}-{i}",
                        "person": case.get("person", "Priya Raman"),
                        "relationship": "report",
                        "meeting_date": LEGACY_MEETING.isoformat(),
                        "notes": case["notes"],
                        "actions": [
                            {"owner_name": None, "due": "?", **a}  # no due dates labelled: not scored
                            for a in case["actions"]
                        ],
                        "personal": None,  # not labelled: not scored
                        "patterns": [],
                    }
                )
        return out
    folder = CORPUS / split
    if not folder.is_dir():
        raise SystemExit(f"no split {split!r} in {CORPUS}")
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.open(encoding="utf-8")]


def read(note: dict[str, Any], nlp: Any, scorers: Any = None) -> Debrief:
    """The debrief as the workspace runs it: the verified pipeline and (unless `scorers` is False) the
    shipped learned scorers handed in."""
    person = Person(name=note["person"], relationship=Relationship(note.get("relationship", "report")))
    day = dt.date.fromisoformat(note["meeting_date"])
    return analyse_notes(note["notes"], person, meeting_date=day, nlp=nlp, scorer=scorers, personal_scorer=scorers)


class Tally:
    """Counts for one group of notes (the whole split, or the notes with one pattern tag)."""

    def __init__(self) -> None:
        self.notes = self.tp = self.fp = self.fn = 0
        self.owner = self.proposer = self.due = self.due_scored = 0
        self.other = self.other_named = 0

    def add(self, other: Tally) -> None:
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)

    def figures(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        ratio = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
        return {
            "notes": self.notes,
            "actions": self.tp + self.fn,
            "found": self.tp + self.fp,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f1, 3),
            "owner_accuracy": ratio(self.owner, self.tp),
            "proposed_by_accuracy": ratio(self.proposer, self.tp),
            "owner_name_accuracy": ratio(self.other_named, self.other),
            "due_accuracy": ratio(self.due, self.due_scored),
        }


def score_note(note: dict[str, Any], got: Debrief, errors: list[str]) -> tuple[Tally, dict[str, int]]:
    """One note's action tally and personal-note counts; what went wrong is appended to `errors`."""
    t = Tally()
    t.notes = 1
    used: set[int] = set()
    texts = [normal(a.text) for a in got.actions]
    for want in note["actions"]:
        phrase = normal(want["text_contains"])
        hit = next((i for i, text in enumerate(texts) if i not in used and phrase in text), None)
        if hit is None:
            t.fn += 1
            errors.append(f"{note['id']} MISS {want['text_contains']!r}")
            continue
        used.add(hit)
        t.tp += 1
        a = got.actions[hit]
        owner, proposer = a.owner.value, a.proposed_by.value
        t.owner += owner == want["owner"]
        t.proposer += proposer == want["proposed_by"]
        if want["owner"] == "other":
            t.other += 1
            t.other_named += owner == "other" and same_name(want["owner_name"], a.owner_name)
        if want.get("due") != "?":
            t.due_scored += 1
            due = a.due.isoformat() if a.due else None
            t.due += due == want["due"]
            if due != want["due"]:
                errors.append(f"{note['id']} DUE {a.text!r}: got {due} want {want['due']}")
        if owner != want["owner"] or proposer != want["proposed_by"]:
            errors.append(
                f"{note['id']} ROLE {a.text!r}: got {owner}/{proposer} want {want['owner']}/{want['proposed_by']}"
            )
        elif owner == "other" and not same_name(want["owner_name"], a.owner_name):
            errors.append(f"{note['id']} NAME {a.text!r}: got {a.owner_name!r} want {want['owner_name']!r}")
    for i, a in enumerate(got.actions):
        if i not in used:
            t.fp += 1
            errors.append(f"{note['id']} EXTRA {a.text!r}")
    personal = {"wanted": 0, "found": 0, "kept": 0, "right": 0, "sensitive_right": 0}
    if note.get("personal") is not None:
        kept = [normal(p.text) for p in got.personal]
        hits: set[int] = set()
        for want in note["personal"]:
            personal["wanted"] += 1
            phrase = normal(want["text_contains"])
            hit = next((i for i, text in enumerate(kept) if phrase in text), None)
            if hit is None:
                errors.append(f"{note['id']} PERSONAL MISS {want['text_contains']!r}")
                continue
            hits.add(hit)
            personal["found"] += 1
            personal["sensitive_right"] += got.personal[hit].sensitive == want["sensitive"]
        personal["kept"] = len(kept)
        personal["right"] = len(hits)
        errors.extend(
            f"{note['id']} PERSONAL EXTRA {got.personal[i].text!r}" for i in range(len(kept)) if i not in hits
        )
    return t, personal


def score(split: str, nlp: Any = None, errors: list[str] | None = None, rules_only: bool = False) -> dict[str, Any]:
    """Every figure for one split, as written to bench/results/eval_debrief_<split>.json.

    `rules_only`: without the learned scorers (the rules decide alone).
    """
    from coach.nlp import debrief_model

    if nlp is None:
        from coach.nlp.spacy_en import load

        nlp = load()
    scorers = None if rules_only else debrief_model.load()
    errors = [] if errors is None else errors
    total = Tally()
    by_tag: dict[str, Tally] = defaultdict(Tally)
    by_style: dict[str, Tally] = defaultdict(Tally)
    by_writer: dict[str, Tally] = defaultdict(Tally)  # a split may hold several writers (the id's prefix)
    personal: dict[str, int] = defaultdict(int)
    notes = load_split(split)
    for note in notes:
        tally, counts = score_note(note, read(note, nlp, scorers), errors)
        total.add(tally)
        for tag in note.get("patterns", []):
            by_tag[tag].add(tally)
        by_style[note.get("style", "?")].add(tally)
        by_writer[str(note["id"]).split("-")[0]].add(tally)
        for k, v in counts.items():
            personal[k] += v
    out = {"split": split, "scorer": "rules" if rules_only else "rules+learned", **total.figures()}
    if personal["wanted"] or personal["kept"]:
        out["personal_recall"] = round(personal["found"] / personal["wanted"], 3) if personal["wanted"] else None
        out["personal_precision"] = round(personal["right"] / personal["kept"], 3) if personal["kept"] else None
        out["personal_sensitive_accuracy"] = (
            round(personal["sensitive_right"] / personal["found"], 3) if personal["found"] else None
        )
    out["by_writer"] = {k: v.figures() for k, v in sorted(by_writer.items())}
    out["by_style"] = {k: v.figures() for k, v in sorted(by_style.items())}
    out["by_pattern"] = {k: v.figures() for k, v in sorted(by_tag.items()) if v.notes >= 3}
    return out


def _headline(out: dict[str, Any]) -> Iterable[str]:
    keys = ("notes", "actions", "precision", "recall", "f1", "owner_accuracy", "proposed_by_accuracy")
    keys += ("owner_name_accuracy", "due_accuracy", "personal_recall", "personal_precision")
    keys += ("personal_sensitive_accuracy",)
    for k in keys:
        if k in out:
            yield f"{k:32} {out[k]}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", required=True, choices=["train", "dev", "test", "legacy"])
    parser.add_argument("--errors", action="store_true", help="print every miss, extra and wrong role")
    parser.add_argument("--patterns", action="store_true", help="print the figures per pattern tag")
    parser.add_argument("--rules", action="store_true", help="the rules alone, without the learned scorers")
    args = parser.parse_args(argv)
    errors: list[str] = []
    out = score(args.split, errors=errors, rules_only=args.rules)
    if args.errors:
        print("\n".join(errors))
    print("\n".join(_headline(out)))
    for writer, fig in out["by_writer"].items():
        print(f"  writer {writer}: n={fig['notes']} f1={fig['f1']} owner={fig['owner_accuracy']} "
              f"proposed={fig['proposed_by_accuracy']}")  # fmt: skip
    if args.patterns:
        for tag, fig in out["by_pattern"].items():
            print(f"  {tag:28} n={fig['notes']:3} f1={fig['f1']} owner={fig['owner_accuracy']} "
                  f"proposed={fig['proposed_by_accuracy']}")  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"eval_debrief_{args.split}{'_rules' if args.rules else ''}.json"
    (RESULTS / name).write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
