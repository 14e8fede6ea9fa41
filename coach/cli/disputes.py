"""`coach debrief` with a model: the user settles each action the rules and the model read differently.

In a terminal, one prompt per disagreement (no default: the user types the
answer). Elsewhere (`--json`, a pipe) disputed actions are shown with both
readings and none is chosen; `--save` then refuses unless `--resolve` says
whose reading to take. Nothing disputed is written without a decision.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from coach.cli.common import console, safe
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.coaching.debrief.disputes import Merged, MergedAction, Reading

LABELS = {"owner": "owner", "proposed_by": "proposed by"}


class Resolve(StrEnum):
    rules = "rules"
    model = "model"


def interactive(notes_source: str, as_json: bool) -> bool:
    """Prompts only where a person can answer and see them: a terminal both ways, stdin not carrying the notes."""
    return not as_json and notes_source != "-" and sys.stdin.isatty() and sys.stdout.isatty()


def _ask(question: str, choices: list[str]) -> str:
    """Ask until one of `choices` is typed: there is no default, so nothing is chosen for the user."""
    while True:
        try:
            answer = str(typer.prompt(f"{question} [{'/'.join(choices)}]")).strip().lower()
        except typer.Abort:  # end of input (Ctrl-D) or Ctrl-C
            raise CoachError("stopped before every disputed action was decided; nothing was saved") from None
        if answer in choices:
            return answer
        console.print(safe(f"Please type one of: {', '.join(choices)}"))


def _describe(r: Reading) -> str:
    due = f", due {r.due.isoformat()}" if r.due else ""
    return f"owner {r.owner}, proposed by {r.proposed_by}{due}"


def _decide(action: MergedAction, number: int, total: int) -> Reading | None:
    head = f"\nDisputed {number} of {total}: {action.text!r}"
    if action.found_by != "both":
        reading = action.rules or action.model
        assert reading is not None
        console.print(safe(f"{head}\n  only the {action.found_by} found this action ({_describe(reading)})"))
        return reading if _ask("Keep it (k) or drop it (d)?", ["k", "d"]) == "k" else None
    assert action.rules is not None and action.model is not None
    console.print(safe(head))
    chosen = action.rules
    for field in action.conflicts:
        rules, model = getattr(action.rules, field), getattr(action.model, field)
        console.print(safe(f"  {LABELS[field]}: the rules read {rules!r}, the model reads {model!r}"))
        answer = _ask("Take the rules' reading (r), the model's (m), or drop the action (d)?", ["r", "m", "d"])
        if answer == "d":
            return None
        chosen = chosen.model_copy(update={field: rules if answer == "r" else model})
    return chosen.model_copy(update={"due": action.rules.due or action.model.due})


def decide(merged: Merged) -> dict[int, Reading | None]:
    """Ask about every disputed action in turn (None: the user dropped it); the agreed ones need no decision."""
    disputes = merged.disputes
    if disputes:
        console.print(safe(f"The rules and the model read {len(disputes)} action(s) differently. You decide:"))
    out: dict[int, Reading | None] = {}
    number = 0
    for i, action in enumerate(merged.actions):
        if action.disputed:
            number += 1
            out[i] = _decide(action, number, len(disputes))
    return out
