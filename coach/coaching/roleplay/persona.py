"""The persona card: who the rehearsal partner is, built from the relationship memory.

The same card drives the offline reply engine and, rendered with `describe()`, the
prompt an LLM uses to play the person, so both play the same character with the same
facts: the role and context, open actions (theirs and the user's, the overdue ones
marked), what they shared (personal notes), attendance with who cancelled, and the last
1:1's notes. Memory holds no pronouns, so the card never assumes any: the persona speaks
in the first person and coach's own text uses the name or "they".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from coach.coaching.roleplay.voice import as_gerund_phrase, as_statement, dated, first_person
from coach.domain import Action, Level, MeetingStatus, Owner, Party, PersonRecord, Relationship
from coach.errors import CoachError

__all__ = [
    "DIFFICULTY_NAMES",
    "PersonaCard",
    "Temperament",
    "build_card",
    "first_person",
    "parse_difficulty",
    "parse_temperament",
    "recent_cancellations",
]


class Temperament(StrEnum):
    guarded = "guarded"
    open = "open"
    frustrated = "frustrated"
    anxious = "anxious"
    skeptical = "skeptical"


DIFFICULTY_NAMES = {"easy": 1, "normal": 2, "hard": 3}


def parse_temperament(value: str | Temperament | None) -> Temperament | None:
    if value is None or isinstance(value, Temperament):
        return value
    try:
        return Temperament(value.strip().lower())
    except ValueError:
        valid = ", ".join(t.value for t in Temperament)
        raise CoachError(f"unknown temperament {value!r}; choose one of: {valid}") from None


def parse_difficulty(value: int | str) -> int:
    """1–3, or easy/normal/hard."""
    if isinstance(value, str):
        key = value.strip().lower()
        if key in DIFFICULTY_NAMES:
            return DIFFICULTY_NAMES[key]
        if not key.isdigit():
            raise CoachError(f"unknown difficulty {value!r}; use 1-3 or easy, normal, hard")
        value = int(key)
    if value not in (1, 2, 3):
        raise CoachError(f"difficulty must be 1, 2 or 3 (easy, normal, hard), not {value}")
    return value


@dataclass(frozen=True)
class ActionFact:
    """An open action as the persona knows it: the memory text and how the persona says it."""

    text: str  # as memory holds it
    phrase: str  # "introducing me to the research team"
    overdue: bool = False
    days_overdue: int = 0


@dataclass
class PersonaCard:
    """What the rehearsal partner knows about themselves and how they behave."""

    name: str
    relationship: Relationship
    level: Level
    role: str = ""
    context: str = ""
    personal_notes: list[str] = field(default_factory=list)  # newest first, in their own voice
    work_notes: list[str] = field(default_factory=list)  # newest first, in their own voice
    theirs: list[ActionFact] = field(default_factory=list)  # their open actions, overdue first
    yours: list[ActionFact] = field(default_factory=list)  # the user's open promises to them, overdue first
    cancelled_by_me: int = 0  # among the last few scheduled meetings
    cancelled_by_them: int = 0
    held: int = 0  # 1:1s held, ever
    days_since_held: int | None = None  # since the last one that happened
    last_notes: str = ""  # the last held 1:1's notes, as memory holds them
    temperament: Temperament = Temperament.guarded
    difficulty: int = 2
    raw_personal: list[str] = field(default_factory=list)  # the personal notes as memory holds them (for matching)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def role_text(self) -> str:
        if self.role:
            return self.role.split("(")[0].strip()
        return "my boss" if self.relationship is Relationship.boss else "my job"

    # Kept for callers of the earlier card: plain lists of memory text.
    @property
    def open_actions(self) -> list[str]:
        return [a.text for a in self.theirs]

    @property
    def overdue_actions(self) -> list[str]:
        return [a.text for a in self.theirs if a.overdue]

    @property
    def my_open_actions(self) -> list[str]:
        return [a.text for a in self.yours]

    def facts(self) -> list[tuple[str, str]]:
        """Every fact the persona may use, as (kind, memory text): what a line can refer back to."""
        out = [("personal note", n) for n in self.raw_personal]
        out += [("note", n) for n in self.work_notes]
        out += [("their action", a.text) for a in self.theirs]
        out += [("your action", a.text) for a in self.yours]
        if self.last_notes:
            out.append(("last 1:1", self.last_notes))
        if self.context:
            out.append(("context", self.context))
        return out

    def describe(self) -> str:
        """The card as plain text, for an LLM prompt or a screen: the facts only, nothing made up."""
        level = "manages managers" if self.level is Level.manager else "individual contributor"
        lines = [
            f"Name: {self.name}",
            f"Relationship to the user: {self.relationship.value} ({level})",
            f"Role: {self.role or 'not recorded'}",
        ]
        if self.context:
            lines.append(f"Context (the user's words about you): {self.context}")
        lines.append(f"Temperament: {self.temperament.value}; difficulty {self.difficulty} of 3")
        if self.work_notes:
            lines.append("Recent work topics: " + "; ".join(self.work_notes[:3]))
        if self.personal_notes:
            lines.append(
                "Personal things you have shared (bring up only once you feel safe; never invent more): "
                + "; ".join(self.personal_notes[:3])
            )
        if self.theirs:
            lines.append("Your open actions: " + "; ".join(_fact_text(a) for a in self.theirs[:4]))
        if self.yours:
            lines.append(
                "What the user promised you and has not done yet: " + "; ".join(_fact_text(a) for a in self.yours[:4])
            )
        lines.append(self.attendance())
        if self.last_notes:
            lines.append(f"Notes from your last 1:1: {self.last_notes}")
        return "\n".join(lines)

    def attendance(self) -> str:
        if not self.held and not self.cancelled_by_me:
            return "Attendance: this is your first 1:1 together."
        parts = [f"Attendance: {self.held} 1:1s held"]
        if self.days_since_held is not None:
            parts.append(f"the last one {self.days_since_held} days ago")
        if self.cancelled_by_me:
            parts.append(f"the user cancelled {self.cancelled_by_me} of the last three")
        if self.cancelled_by_them:
            parts.append(f"you cancelled {self.cancelled_by_them} of the last three")
        return ", ".join(parts) + "."


def _fact_text(a: ActionFact) -> str:
    return f"{a.text} (overdue by {a.days_overdue} days)" if a.overdue else a.text


def _facts(actions: list[Action], name: str, today: dt.date) -> list[ActionFact]:
    facts = [
        ActionFact(
            text=a.text,
            phrase=as_gerund_phrase(a.text, name),
            overdue=a.overdue(today),
            days_overdue=(today - a.due).days if a.overdue(today) and a.due else 0,
        )
        for a in actions
    ]
    return sorted(facts, key=lambda f: not f.overdue)  # overdue first, otherwise oldest first


def build_card(
    record: PersonRecord,
    temperament: Temperament = Temperament.guarded,
    difficulty: int = 2,
    today: dt.date | None = None,
) -> PersonaCard:
    today = today or dt.date.today()
    p = record.person
    notes = sorted(record.notes, key=lambda n: n.created, reverse=True)
    open_actions = sorted((a for a in record.actions if not a.done), key=lambda a: a.created)
    theirs = [a for a in open_actions if a.owner in (Owner.them, Owner.both)]
    yours = [a for a in open_actions if a.owner is Owner.me]
    past = sorted((m for m in record.meetings if m.date <= today), key=lambda m: m.date)
    held = [m for m in past if m.status is MeetingStatus.held]
    recent = past[-3:]
    return PersonaCard(
        name=p.name,
        relationship=p.relationship,
        level=p.level,
        role=p.role,
        context=p.context,
        personal_notes=[dated(as_statement(n.text), (today - n.created.date()).days) for n in notes if n.personal],
        raw_personal=[n.text for n in notes if n.personal],
        work_notes=[dated(as_statement(n.text), (today - n.created.date()).days) for n in notes if not n.personal],
        theirs=_facts(theirs, p.name, today),
        yours=_facts(yours, p.name, today),
        cancelled_by_me=recent_cancellations(record),
        cancelled_by_them=sum(m.status is MeetingStatus.cancelled and m.cancelled_by is Party.them for m in recent),
        held=len(held),
        days_since_held=(today - held[-1].date).days if held else None,
        last_notes=held[-1].notes.strip() if held else "",
        temperament=temperament,
        difficulty=difficulty,
    )


def recent_cancellations(record: PersonRecord, last: int = 3) -> int:
    """How many of the last few scheduled 1:1s the user cancelled."""
    recent = sorted(record.meetings, key=lambda m: m.date, reverse=True)[:last]
    return sum(m.status is MeetingStatus.cancelled and m.cancelled_by is Party.me for m in recent)
