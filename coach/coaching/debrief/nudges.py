"""Coaching nudges after a 1:1, phrased as questions where a question will do, each grounded in what the
debrief found (quoting the action it is about).

After the 121s article (the report names their own actions; too many actions swamp
people; turn up) and Schein & Schein on personizing. The report proposing and owning an
action is praised; a manager who proposed most of the actions is asked which the report
could own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coach.domain import MeetingStatus, Person, PersonRecord, Relationship

CUT_SHORT = re.compile(
    r"\b(cut short|ran out of time|out of time|ran over|rushed|had to (?:leave|drop|jump) (?:off |early)|"
    r"only had \d+ ?min|cut it short)",
    re.I,
)


@dataclass(frozen=True)
class Nudge:
    code: str
    text: str


@dataclass(frozen=True)
class ActionView:
    """What nudges need to know about an extracted action."""

    text: str
    owner: str
    proposed_by: str
    verb: str
    owner_name: str | None = None


def _first(person: Person) -> str:
    return person.name.split()[0] if person.name.split() else person.name


def _quote(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return "“" + (flat if len(flat) <= width else flat[: width - 1] + "…") + "”"


def build_nudges(
    actions: Sequence[ActionView],
    person: Person,
    record: PersonRecord | None,
    notes: str,
    status: MeetingStatus,
    length_minutes: int | None,
    personal_in_notes: bool,
) -> list[Nudge]:
    first = _first(person)
    out: list[Nudge] = []
    is_report = person.relationship is Relationship.report

    if len(actions) > 3:
        out.append(
            Nudge(
                "too_many_actions",
                f"{len(actions)} new actions came out of this 1:1. Which one or two matter most, and could {first} "
                "be the one to choose them? A long list tends to swamp people rather than help them.",
            )
        )
    theirs = [a for a in actions if a.owner == "them" and a.proposed_by == "them"]
    if theirs and is_report:
        extra = f" (and {len(theirs) - 1} more)" if len(theirs) > 1 else ""
        out.append(
            Nudge(
                "report_owns",
                f"{first} proposed {_quote(theirs[0].text, 50)}{extra} and owns it: the next step came from them. "
                "Say you noticed next time; people follow through on the actions they chose.",
            )
        )
    proposed = [a for a in actions if a.proposed_by in ("me", "them")]
    mine = [a for a in proposed if a.proposed_by == "me"]
    most_mine = is_report and len(proposed) >= 2 and len(mine) * 2 > len(proposed)
    if most_mine:
        listed = ", ".join(_quote(a.text, 40) for a in mine[:3])
        out.append(
            Nudge(
                "manager_proposed_most",
                f"You proposed {len(mine)} of the {len(proposed)} actions ({listed}). Which of them could {first} "
                f"own? Next time, ask “What do you think the next step is?” before offering yours.",
            )
        )
    assigned = [a for a in actions if a.owner == "them" and a.proposed_by == "me"]
    if assigned and is_report and not most_mine:
        listed = ", ".join(_quote(a.text, 40) for a in assigned[:3])
        out.append(
            Nudge(
                "assigned_by_me",
                f"You proposed {listed} for {first}. Next time, what question could you ask so that {first} names "
                "that step first, for example “What do you think the next step is?” People follow through more "
                "on actions they chose.",
            )
        )
    unclear = [a for a in actions if a.owner == "unclear"]
    if unclear:
        out.append(
            Nudge(
                "owner_unclear",
                f"Who owns {_quote(unclear[0].text, 50)}"
                + (f" and {len(unclear) - 1} more" if len(unclear) > 1 else "")
                + "? A quick message to agree an owner saves a surprise at the next 1:1.",
            )
        )
    others = [a for a in actions if a.owner == "other"]
    if others:
        a = others[0]
        out.append(
            Nudge(
                "others_own",
                f"{a.owner_name or 'Someone else'} owns {_quote(a.text, 50)}"
                + (f" and {len(others) - 1} more action(s) sit with others" if len(others) > 1 else "")
                + ". Do they know? A short message to confirm it keeps it from falling between you.",
            )
        )
    support = [a for a in actions if a.owner == "me" and (a.proposed_by == "them" or a.verb in _SUPPORT)]
    if support and is_report:
        out.append(
            Nudge(
                "support_actions",
                f"You're carrying {len(support)} support action{'s' if len(support) > 1 else ''} "
                f"({_quote(support[0].text, 40)}). That is the “what can I do to help?” question answered: good. "
                f"Do {'them' if len(support) > 1 else 'it'} before the next 1:1 so {first} sees the help arrive.",
            )
        )
    cut = CUT_SHORT.search(notes)
    if status is not MeetingStatus.held or (length_minutes is not None and length_minutes < 20) or cut:
        what = (
            "cancelled"
            if status is MeetingStatus.cancelled
            else "moved"
            if status is MeetingStatus.moved
            else "cut short"
        )
        out.append(
            Nudge(
                "attendance",
                f"This 1:1 was {what}. Can you protect the full slot next time? Turning up, every time, is the "
                "first promise a manager keeps, and the one people notice most.",
            )
        )
    if not personal_in_notes and _quiet_lately(record):
        out.append(
            Nudge(
                "personize",
                f"Nothing personal has come up in your last few 1:1s with {first}. Next time, could you open with a "
                "small reveal of your own and an open question, such as “What's taking up your energy outside work "
                "at the moment?”, and let them choose how much to say?",
            )
        )
    return out


_SUPPORT = {"help", "support", "unblock", "introduce", "connect", "find", "chase", "sponsor", "fund", "approve"}


def _quiet_lately(record: PersonRecord | None) -> bool:
    if record is None:
        return False
    held = [m for m in record.meetings if m.status is MeetingStatus.held][-3:]
    if len(held) < 3:
        return False
    ids = {m.id for m in held}
    return not any(n.personal and n.meeting_id in ids for n in record.notes)
