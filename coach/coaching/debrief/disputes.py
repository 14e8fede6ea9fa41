"""Two readings of the same notes, the rules' and a model's, merged; where they differ the user decides.

Neither reader wins a disagreement. An action both found but read differently
(owner, proposed by) and an action only one side found are *disputed*: both
readings are kept, and nothing disputed is written to memory until the user has
decided it (the TUI's table, the CLI's prompts, or `--resolve rules|model`).

A decision is a final reading per action, by its position in `Merged.actions`
(None: drop it). Undisputed actions need no decision; the user may still give one
(an owner corrected in the TUI).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from coach.domain import Action, Owner, Proposer
from coach.errors import CoachError

FIELDS = ("owner", "proposed_by")
Side = Literal["rules", "model"]


class Reading(BaseModel):
    """One side's reading of an action (plain strings: the values of Owner and Proposer).

    `owner_name` is who, when the owner is "other" (a named third person or team); None otherwise.
    """

    text: str
    owner: str
    owner_name: str | None = None
    proposed_by: str
    due: dt.date | None = None

    def to_action(self) -> Action:
        return Action(
            text=self.text,
            owner=Owner(self.owner),
            owner_name=self.owner_name,
            proposed_by=Proposer(self.proposed_by),
            due=self.due,
        )

    def to_json(self) -> dict[str, Any]:
        return {**self.model_dump(), "due": self.due.isoformat() if self.due else None}

    def owner_label(self) -> str:
        """ "them", "me", … or "Tom (other)"."""
        return f"{self.owner_name} (other)" if self.owner == "other" and self.owner_name else self.owner

    @classmethod
    def of(cls, action: Any) -> Reading:
        """The reading of anything shaped like an action (a DebriefAction, a model's action, an Action)."""
        value = lambda x: str(getattr(x, "value", x))  # noqa: E731 - enums and plain strings alike
        owner = value(action.owner)
        name = getattr(action, "owner_name", None) if owner == "other" else None
        return cls(
            text=action.text, owner=owner, owner_name=name, proposed_by=value(action.proposed_by), due=action.due
        )


class MergedAction(BaseModel):
    """An action after the merge: agreed, or disputed until the user picks a side."""

    found_by: Literal["both", "rules", "model"]
    rules: Reading | None = None
    model: Reading | None = None
    conflicts: list[str] = Field(default_factory=list)  # fields both found but read differently
    disputed: bool = False

    @property
    def text(self) -> str:
        shown = self.rules or self.model
        assert shown is not None
        return shown.text

    def choose(self, side: Side) -> Reading | None:
        """The action as `side` reads it; None when that side found no such action (so it is dropped)."""
        if self.found_by != "both":
            return self.rules if side == "rules" else self.model
        assert self.rules is not None and self.model is not None
        picked = self.rules if side == "rules" else self.model
        update = {f: getattr(picked, f) for f in self.conflicts}
        if "owner" in self.conflicts:
            update["owner_name"] = picked.owner_name  # the name goes with the owner it names
        return self.rules.model_copy(update=update | {"due": self.rules.due or self.model.due})

    def agreed(self) -> Reading:
        """The one reading of an undisputed action."""
        if self.disputed:
            raise ValueError(f"the action {self.text!r} is disputed: the user has to decide")
        reading = self.choose("rules") if self.rules is not None else self.choose("model")
        assert reading is not None
        return reading


class Merged(BaseModel):
    actions: list[MergedAction] = Field(default_factory=list)

    @property
    def disputes(self) -> list[MergedAction]:
        return [a for a in self.actions if a.disputed]


Decisions = Mapping[int, "Reading | Action | None"]  # an Action: the user's edited row, read as is


def _key(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 2)


def _same(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return a.strip().casefold() == b.strip().casefold()
    return len(ka & kb) / len(ka | kb) >= 0.5


def _same_name(a: Reading, b: Reading) -> bool:
    """ "Tom" and "Tom Becker", "the caretaker" and "caretaker" name the same owner."""
    wa, wb = (re.findall(r"[a-z0-9]+", (r.owner_name or "").casefold()) for r in (a, b))
    wa, wb = [w for w in wa if w != "the"], [w for w in wb if w != "the"]
    return bool(wa and wb) and (set(wa) <= set(wb) or set(wb) <= set(wa))


def merge(model_actions: Sequence[Any], rule_actions: Sequence[Any]) -> Merged:
    """Union of both lists. A matching pair read differently, or an action only one side found, is disputed.

    An "unclear" from the model is no reading at all, so it never disputes the rules.
    """
    out = Merged()
    models = [Reading.of(m) for m in model_actions]
    used: set[int] = set()
    for ra in rule_actions:
        rules = Reading.of(ra)
        match = next((i for i, m in enumerate(models) if i not in used and _same(m.text, rules.text)), None)
        if match is None:
            out.actions.append(MergedAction(found_by="rules", rules=rules, disputed=True))
            continue
        used.add(match)
        model = models[match]
        conflicts = [f for f in FIELDS if getattr(model, f) not in (getattr(rules, f), "unclear")]
        if "owner" not in conflicts and model.owner == rules.owner == "other" and not _same_name(model, rules):
            conflicts.insert(0, "owner")  # both read a third person, but not the same one
        out.actions.append(
            MergedAction(found_by="both", rules=rules, model=model, conflicts=conflicts, disputed=bool(conflicts))
        )
    out.actions += [
        MergedAction(found_by="model", model=m, disputed=True) for i, m in enumerate(models) if i not in used
    ]
    return out


def only_rules(rule_actions: Sequence[Any]) -> Merged:
    """The rules' reading as a merge with nothing disputed (offline, or the model failed)."""
    return Merged(actions=[MergedAction(found_by="rules", rules=Reading.of(a)) for a in rule_actions])


def decide_all(merged: Merged, side: Side) -> dict[int, Reading | None]:
    """Every dispute settled for `side` (the user's explicit choice, e.g. `--resolve rules`)."""
    return {i: a.choose(side) for i, a in enumerate(merged.actions) if a.disputed}


def undecided(merged: Merged, decisions: Decisions) -> int:
    return sum(a.disputed and i not in decisions for i, a in enumerate(merged.actions))


def refuse_to_save(count: int) -> CoachError:
    return CoachError(
        f"{count} action(s) are disputed between the rule-based reading and the model's, so nothing was saved: "
        "decide each one (in the TUI: r, m or x on each row marked ⚠; or run the debrief in a terminal, "
        "without --json), or pass --resolve rules or --resolve model"
    )


def final_readings(merged: Merged, decisions: Decisions) -> list[Reading]:
    """The actions to save: each decision taken, undisputed ones as agreed. Refuses while a dispute is open."""
    if count := undecided(merged, decisions):
        raise refuse_to_save(count)
    out: list[Reading] = []
    for i, action in enumerate(merged.actions):
        decided = decisions[i] if i in decisions else action.agreed()
        if decided is not None:
            out.append(Reading.of(decided))
    return out


def summary(readings: Sequence[Reading], disputed: int = 0) -> dict[str, int]:
    """How many actions, and how many of them the report owns and proposed."""
    out = {
        "total": len(readings),
        "owned_by_them": sum(r.owner == "them" for r in readings),
        "proposed_by_them": sum(r.proposed_by == "them" for r in readings),
        "owned_by_me": sum(r.owner == "me" for r in readings),
        "owned_by_others": sum(r.owner == "other" for r in readings),
    }
    return out | ({"disputed": disputed} if disputed else {})


def dispute_json(merged: Merged) -> list[dict[str, Any]]:
    """Actions for `--json` before a decision: agreed ones once; each dispute as its readings, flagged, none chosen."""
    out: list[dict[str, Any]] = []
    n = 0
    for a in merged.actions:
        if not a.disputed:
            out.append(a.agreed().to_json() | {"found_by": a.found_by, "disputed": False})
            continue
        n += 1
        for side, reading in (("rules", a.rules), ("model", a.model)):
            if reading is not None:
                entry = {"found_by": a.found_by, "disputed": True, "dispute": n, "source": side}
                out.append(reading.to_json() | entry | {"conflicts": list(a.conflicts)})
    return out


def decided_json(merged: Merged, decisions: Decisions, how: str) -> list[dict[str, Any]]:
    """Actions for `--json` after every dispute was decided (`how`: rules, model or you)."""
    out: list[dict[str, Any]] = []
    for i, a in enumerate(merged.actions):
        decided = decisions[i] if i in decisions else a.agreed()
        if decided is not None:
            reading, extra = Reading.of(decided), {"decided_by": how} if a.disputed else {}
            out.append(reading.to_json() | {"found_by": a.found_by, "disputed": False} | extra)
    return out
