"""The persona card: who the rehearsal partner is, built from the relationship memory.

The same card drives the offline reply engine and, rendered with `describe()`,
the prompt an LLM uses to play the person, so both play the same character.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from coach.domain import Level, MeetingStatus, Owner, Party, PersonRecord, Relationship
from coach.errors import CoachError


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


@dataclass
class PersonaCard:
    """What the rehearsal partner knows about themselves and how they behave."""

    name: str
    relationship: Relationship
    level: Level
    role: str = ""
    context: str = ""
    personal_notes: list[str] = field(default_factory=list)  # newest first
    work_notes: list[str] = field(default_factory=list)  # newest first
    open_actions: list[str] = field(default_factory=list)  # theirs, oldest first
    overdue_actions: list[str] = field(default_factory=list)
    my_open_actions: list[str] = field(default_factory=list)  # promises the user made to them
    cancelled_by_me: int = 0  # among the last few scheduled meetings
    temperament: Temperament = Temperament.guarded
    difficulty: int = 2

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def role_text(self) -> str:
        if self.role:
            return self.role.split("(")[0].strip()
        return "my boss" if self.relationship is Relationship.boss else "my job"

    def describe(self) -> str:
        """The card as plain text, for an LLM prompt or a screen."""
        level = "manages managers" if self.level is Level.manager else "individual contributor"
        lines = [
            f"Name: {self.name}",
            f"Relationship to the user: {self.relationship.value} ({level})",
            f"Role: {self.role or 'not recorded'}",
        ]
        if self.context:
            lines.append(f"Context: {self.context}")
        lines.append(f"Temperament: {self.temperament.value}; difficulty {self.difficulty} of 3")
        if self.work_notes:
            lines.append("Recent work topics: " + "; ".join(self.work_notes[:3]))
        if self.personal_notes:
            lines.append(
                "Personal things they have shared (mention only if they feel safe; never pry): "
                + "; ".join(self.personal_notes[:3])
            )
        if self.open_actions:
            lines.append("Their open actions: " + "; ".join(self.open_actions[:4]))
        if self.overdue_actions:
            lines.append("Overdue: " + "; ".join(self.overdue_actions[:3]))
        if self.my_open_actions:
            lines.append("Promises the user has not kept yet: " + "; ".join(self.my_open_actions[:3]))
        if self.cancelled_by_me:
            lines.append(f"The user cancelled {self.cancelled_by_me} of your recent 1:1s.")
        return "\n".join(lines)


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
    return PersonaCard(
        name=p.name,
        relationship=p.relationship,
        level=p.level,
        role=p.role,
        context=p.context,
        personal_notes=[first_person(n.text) for n in notes if n.personal],
        work_notes=[first_person(n.text) for n in notes if not n.personal],
        open_actions=[a.text for a in theirs],
        overdue_actions=[a.text for a in theirs if a.overdue(today)],
        my_open_actions=[a.text for a in open_actions if a.owner is Owner.me],
        cancelled_by_me=recent_cancellations(record),
        temperament=temperament,
        difficulty=difficulty,
    )


_PRONOUNS = {"she": "I", "he": "I", "her": "my", "his": "my", "hers": "mine", "herself": "myself", "himself": "myself"}
_VERB_AFTER_I = {"is": "am", "was": "was", "has": "have", "does": "do"}


def first_person(note: str) -> str:
    """Notes are written about the person ("Her daughter started school"); the persona says them as its own."""
    words = note.split(" ")
    out: list[str] = []
    for word in words:
        bare = word.strip(".,;:!?")
        low = bare.lower()
        if low in _PRONOUNS:
            new = _PRONOUNS[low]
            new = new[0].upper() + new[1:] if bare[:1].isupper() or new == "I" else new
            word = word.replace(bare, new)
        elif out and out[-1].strip(".,;:") == "I" and low in _VERB_AFTER_I:
            word = word.replace(bare, _VERB_AFTER_I[low])
        out.append(word)
    return " ".join(out)


def recent_cancellations(record: PersonRecord, last: int = 3) -> int:
    """How many of the last few scheduled 1:1s the user cancelled."""
    recent = sorted(record.meetings, key=lambda m: m.date, reverse=True)[:last]
    return sum(m.status is MeetingStatus.cancelled and m.cancelled_by is Party.me for m in recent)
