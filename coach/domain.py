"""The words of the domain: people, meetings, actions, notes.

"me" is always the user and "them" the other person, so the same words work
whether the other person is a report, a peer or the user's own boss.
Pure data, no I/O: every layer above imports from here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from enum import StrEnum
from typing import Annotated, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach.textsafe import HIDDEN, inline

# A row id as SQLite stores it (a signed 64-bit integer; coach's ids start at 1).
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
NAME_MAX = 200
# Alphabets whose letters look alike: one word mixing them is how a look-alike name is made.
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


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


class MeetingSource(StrEnum):
    """Where a meeting row came from: typed by the user (or a debrief), or read from their calendar."""

    manual = "manual"
    calendar = "calendar"


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


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    return next((s for s in _CONFUSABLE_SCRIPTS if name.startswith(s + " ")), None)


def _joins(text: str, i: int) -> bool:
    """A zero-width (non-)joiner doing its job: between two letters of a script that shapes with it
    (Persian, Indic…), or inside an emoji sequence (👩🏽‍💻)."""
    before, after = text[i - 1 : i], text[i + 1 : i + 2]
    if not before or not after:
        return False
    kinds = {unicodedata.category(c) for c in (before, after)}
    if kinds <= {"So", "Sk"}:
        return True
    return all(unicodedata.category(c)[0] in "LM" and not _script(c) for c in (before, after))


def check_name(value: str) -> str:
    """A person's name as it may be stored (stripped), or ValueError saying why not.

    A name must be visible as itself: a zero-width space, a bidi override or a newline inside
    "Priya Raman" would make a second person who looks like the first everywhere (and break
    tables), so every invisible or control character is refused, as is one word that mixes
    look-alike alphabets (Latin "a" and Cyrillic "а"). Zero-width joiners stay allowed between
    letters of the scripts that need them.
    """
    name = value.strip() if value else ""
    if not name:
        raise ValueError("a name must not be empty")
    if len(name) > NAME_MAX:
        raise ValueError(f"a name is at most {NAME_MAX} characters (this one has {len(name):,})")
    for i, ch in enumerate(name):
        if HIDDEN.match(ch) and not (ch in "\u200c\u200d" and _joins(name, i)):
            label = {"\n": "a line break", "\t": "a tab", "\r": "a carriage return"}.get(ch) or unicodedata.name(
                ch, "a control character"
            ).lower()
            raise ValueError(
                f"the name has an invisible or control character ({inline(ch)}, {label}) at position {i + 1}; "
                "type the name without it"
            )
    for word in name.split():
        scripts = sorted({s for s in map(_script, word) if s})
        if len(scripts) > 1:
            raise ValueError(
                f"{inline(word)!r} mixes {' and '.join(s.title() for s in scripts)} letters, which look alike; "
                "type the name in one alphabet"
            )
    return name


# The years a 1:1, an action or a due date may fall in. Due dates are worked out from the meeting
# ("by Friday", "in 3 months"), so a meeting near the end of the calendar (9999-12-31) has no Friday
# after it; no real 1:1 is that far off either.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def check_date(day: dt.date) -> dt.date:
    """`day` if it is between FIRST_DAY and LAST_DAY, else ValueError saying so."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day.isoformat()} is outside the dates coach plans in ({FIRST_DAY.year} to {LAST_DAY.year})")
    return day


def looks_alike(name: str) -> str:
    """What a name looks like on screen: compatibility forms folded (full-width "Ｐ" is "P"), case and
    spacing ignored. Two names with the same look-alike key cannot be told apart by the user."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def normalise_email(value: str | None) -> str | None:
    """An address as coach keeps it: trimmed, without `mailto:`, lower case; blank means none."""
    if value is None:
        return None
    text = value.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    text = text.strip().casefold()
    if not text:
        return None
    if "@" not in text or any(ch.isspace() for ch in text) or text.startswith("@") or text.endswith("@"):
        raise ValueError(f"{value!r} is not an email address")
    return text


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """A time without a zone is taken as the machine's local time, so every stored time compares."""
    if value is None or value.tzinfo is not None:
        return value
    return value.astimezone()


class _Model(BaseModel):
    model_config = ConfigDict(use_enum_values=False, validate_assignment=True)


class Person(_Model):
    id: Id | None = None
    name: str
    relationship: Relationship = Relationship.report
    role: str = ""
    level: Level = Level.ic
    context: str = ""
    email: str | None = None  # matches them to calendar attendees

    _check_name = field_validator("name")(lambda cls, v: _not_blank(v))
    _check_email = field_validator("email")(lambda cls, v: normalise_email(v))


class Meeting(_Model):
    id: Id | None = None
    person_id: Id | None = None
    date: dt.date
    status: MeetingStatus = MeetingStatus.held
    cancelled_by: Party | None = None
    length_minutes: int | None = Field(default=None, ge=0, le=24 * 60)
    notes: str = ""
    source: MeetingSource = MeetingSource.manual
    # A calendar occurrence is keyed on its event's UID and recurrence id ("" for a one-off event), so
    # importing the same calendar again finds it instead of adding it twice.
    uid: str | None = None
    recurrence_id: str | None = None
    starts_at: dt.datetime | None = None  # when it started, in the user's time zone, if known

    _aware = field_validator("starts_at")(lambda cls, v: aware(v))


class Action(_Model):
    id: Id | None = None
    person_id: Id | None = None
    meeting_id: Id | None = None
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

    id: Id | None = None
    person_id: Id | None = None
    meeting_id: Id | None = None
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


class Upcoming(_Model):
    """A 1:1 still to come: from the calendar, or set by hand (`coach meeting next`)."""

    id: int | None = None
    person_id: int | None = None
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    title: str = ""
    source: MeetingSource = MeetingSource.manual
    uid: str | None = None
    recurrence_id: str | None = None
    moved_from: dt.datetime | None = None  # a moved occurrence: when it was first planned

    _aware = field_validator("starts_at", "ends_at", "moved_from")(lambda cls, v: aware(v))

    def label(self, today: dt.date) -> str:
        """Today 14:00, Thu 14:00 within the week ahead, else Thu 12 Mar 14:00 (see `when_label`)."""
        return when_label(self.starts_at, today)


def when_label(moment: dt.datetime, today: dt.date) -> str:
    """A short, unambiguous day and time for a 1:1 seen from `today`."""
    day = moment.date()
    clock = f"{moment:%H:%M}"
    if day == today:
        return f"today {clock}"
    if day == today + dt.timedelta(days=1):
        return f"tomorrow {clock}"
    if today < day < today + dt.timedelta(days=7):
        return f"{moment:%a} {clock}"
    if day.year == today.year:
        return f"{moment:%a} {day.day} {moment:%b} {clock}"
    return f"{moment:%a} {day.day} {moment:%b %Y} {clock}"


class Rehearsal(_Model):
    """A rehearsal's scorecard, kept so the manager can see their habits change over the months.

    `reflections` and `reflection_to_question` are None when the scorer that made the scorecard
    did not count reflections."""

    id: int | None = None
    person_id: int | None = None
    created: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))
    scenario: str = ""
    turns: int = Field(default=0, ge=0)
    talk_ratio: float | None = Field(default=None, ge=0, le=1)
    open_question_share: float | None = Field(default=None, ge=0, le=1)
    questions: int = Field(default=0, ge=0)
    open_questions: int = Field(default=0, ge=0)
    personal_asks: int = Field(default=0, ge=0)
    personal_reveals: int = Field(default=0, ge=0)
    directives: int = Field(default=0, ge=0)
    reflections: int | None = Field(default=None, ge=0)
    reflection_to_question: float | None = Field(default=None, ge=0)
    personized: bool = False
    proposed_own_actions: bool = False

    @property
    def personal_moves(self) -> int:
        return self.personal_asks + self.personal_reveals


class PersonSummary(_Model):
    """One row of the people overview."""

    person: Person
    open_actions: int = 0
    last_meeting: dt.date | None = None
    last_held: dt.date | None = None
    cancelled_by_me_recently: bool = False
    next_1on1: Upcoming | None = None
    headline: str = ""  # the brief's one line (filled by the workspace, which reads the whole record)


class PersonRecord(_Model):
    """Everything memory holds about one person: what the coaching core reads."""

    person: Person
    meetings: list[Meeting] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    upcoming: list[Upcoming] = Field(default_factory=list)  # soonest first
    rehearsals: list[Rehearsal] = Field(default_factory=list)

    def next_1on1(self, now: dt.datetime) -> Upcoming | None:
        """The soonest 1:1 that has not started by `now` (an aware datetime)."""
        later = [u for u in self.upcoming if u.starts_at >= now]
        return min(later, key=lambda u: u.starts_at) if later else None


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
