"""The words of the domain: people, meetings, actions, notes.

"me" is always the user and "them" the other person, so the same words work
whether the other person is a report, a peer or the user's own boss.
Pure data, no I/O: every layer above imports from here.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Relationship(StrEnum):
    report = "report"
    boss = "boss"
    peer = "peer"


class Level(StrEnum):
    """`manager` means the person manages managers (a manager of managers)."""

    ic = "ic"
    manager = "manager"


class MeetingStatus(StrEnum):
    held = "held"
    cancelled = "cancelled"
    moved = "moved"


class Party(StrEnum):
    me = "me"
    them = "them"


class Owner(StrEnum):
    """Who does an action. `other` is a named third person or team ("Tom", "legal"), kept in `owner_name`."""

    me = "me"
    them = "them"
    both = "both"
    other = "other"
    unclear = "unclear"


class Proposer(StrEnum):
    me = "me"
    them = "them"
    unclear = "unclear"


def _not_blank(value: str) -> str:
    if not value or not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


class _Model(BaseModel):
    model_config = ConfigDict(use_enum_values=False, validate_assignment=True)


class Person(_Model):
    id: int | None = None
    name: str
    relationship: Relationship = Relationship.report
    role: str = ""
    level: Level = Level.ic
    context: str = ""

    _check_name = field_validator("name")(lambda cls, v: _not_blank(v))


class Meeting(_Model):
    id: int | None = None
    person_id: int | None = None
    date: dt.date
    status: MeetingStatus = MeetingStatus.held
    cancelled_by: Party | None = None
    length_minutes: int | None = Field(default=None, ge=0, le=24 * 60)
    notes: str = ""


class Action(_Model):
    id: int | None = None
    person_id: int | None = None
    meeting_id: int | None = None
    text: str
    owner: Owner = Owner.unclear
    owner_name: str | None = None  # who, when the owner is `other`; None for every other owner
    proposed_by: Proposer = Proposer.unclear
    due: dt.date | None = None
    done: bool = False
    done_on: dt.date | None = None
    created: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))

    _check_text = field_validator("text")(lambda cls, v: _not_blank(v))

    @model_validator(mode="after")
    def _named_other(self) -> Action:
        name = " ".join((self.owner_name or "").split())
        if self.owner is Owner.other and not name:
            raise ValueError("an action owned by someone else (owner 'other') needs their name")
        if self.owner is not Owner.other:
            name = ""
        if (name or None) != self.owner_name:
            object.__setattr__(self, "owner_name", name or None)  # no re-validation loop
        return self

    def owner_label(self) -> str:
        """ "me", "them", … or the third person's name with "(other)": "Tom (other)"."""
        return f"{self.owner_name} (other)" if self.owner is Owner.other else self.owner.value

    def age_days(self, today: dt.date) -> int:
        return max(0, (today - self.created.date()).days)

    def overdue(self, today: dt.date) -> bool:
        return not self.done and self.due is not None and self.due < today


class Note(_Model):
    """Something the person shared. `personal` marks Level 2 knowledge (family,
    health, interests, feelings): shown with care, never required. `sensitive` marks
    personal news to follow up with particular care (health, illness, bereavement,
    pregnancy): it is always personal too."""

    id: int | None = None
    person_id: int | None = None
    meeting_id: int | None = None
    text: str
    personal: bool = False
    sensitive: bool = False
    created: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))

    _check_text = field_validator("text")(lambda cls, v: _not_blank(v))

    @model_validator(mode="after")
    def _sensitive_is_personal(self) -> Note:
        if self.sensitive and not self.personal:
            object.__setattr__(self, "personal", True)
        return self


class PersonSummary(_Model):
    """One row of the people overview."""

    person: Person
    open_actions: int = 0
    last_meeting: dt.date | None = None
    last_held: dt.date | None = None
    cancelled_by_me_recently: bool = False


class PersonRecord(_Model):
    """Everything memory holds about one person: what the coaching core reads."""

    person: Person
    meetings: list[Meeting] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)


class Passage(_Model):
    """A cited piece of knowledge returned by search. `score` is cosine similarity."""

    rank: int
    score: float
    title: str
    source: str
    chunk_id: str
    text: str
    concepts: list[str] = Field(default_factory=list)


class Searcher(Protocol):
    """How the coaching core asks for passages without knowing about Chroma."""

    def __call__(self, query: str, k: int = 4) -> list[Passage]: ...
