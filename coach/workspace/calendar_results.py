"""What a calendar import answers with: the file as read, the strangers to ask about, what was recorded,
and the day's 1:1s. Plain results for the faces (built by `calendar.py`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.domain import Relationship, Upcoming

if TYPE_CHECKING:
    from coach.calendar.ics import Occurrence
    from coach.calendar.oneonones import Series
    from coach.store.calendar import CalendarCounts


@dataclass(frozen=True)
class CalendarAnswer:
    """What the user said about an attendee coach did not know: a person in memory, a new person, or skip."""

    person: str | None = None
    new: Relationship | None = None
    skip: bool = False


@dataclass
class Stranger:
    """An attendee (or a 1:1 title naming no one coach knows) to ask about, once for all their series."""

    key: str
    label: str
    suggested_name: str
    email: str | None
    titles: list[str] = field(default_factory=list)
    occurrences: int = 0
    suggestions: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "attendee": self.label,
            "name": self.suggested_name,
            "email": self.email,
            "titles": self.titles,
            "occurrences": self.occurrences,
            "suggestions": self.suggestions,
        }


@dataclass
class CalendarRead:
    """A calendar file read and matched, before any question is answered. Nothing has been written."""

    path: Path
    me: list[str]
    now: dt.datetime
    since: dt.date
    until: dt.date
    series: list[tuple[Series, list[Occurrence]]]
    matched: dict[str, str]  # event uid -> person name
    strangers: list[Stranger]
    emails: dict[str, str]  # person name -> an address seen for them, to remember
    aliases: dict[str, str]  # attendee key -> person name, to remember
    warnings: list[str] = field(default_factory=list)

    def stranger_key(self, series: Series) -> str:
        return key_of(series)


@dataclass
class SeriesResult:
    uid: str
    title: str
    person: str | None
    held: int = 0
    cancelled_by_me: int = 0
    cancelled_by_them: int = 0
    moved: int = 0
    upcoming: int = 0
    skipped: str | None = None  # why it was not imported

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "title": self.title,
            "person": self.person,
            "held": self.held,
            "cancelled_by_me": self.cancelled_by_me,
            "cancelled_by_them": self.cancelled_by_them,
            "moved": self.moved,
            "upcoming": self.upcoming,
            "skipped": self.skipped,
        }


@dataclass
class CalendarImport:
    """What an import recorded (or, on a dry run, would record)."""

    path: Path
    dry_run: bool
    me: list[str]
    series: list[SeriesResult]
    counts: CalendarCounts
    next_1on1: dict[str, Upcoming]
    people_added: list[str]
    today: dt.date
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "dry_run": self.dry_run,
            "me": self.me,
            "series": [s.to_json() for s in self.series],
            "counts": self.counts.to_json(),
            "people_added": self.people_added,
            "next_1on1": [
                {"person": name, "starts_at": u.starts_at.isoformat(), "label": u.label(self.today), "title": u.title}
                for name, u in sorted(self.next_1on1.items(), key=lambda kv: kv[1].starts_at)
            ],
            "warnings": self.warnings,
        }


@dataclass
class DayItem:
    """One 1:1 on the day `coach today` shows: done (held, cancelled, moved) or still to come."""

    person: str
    status: str  # held | cancelled | moved | upcoming
    starts_at: dt.datetime | None
    cancelled_by: str | None
    title: str
    headline: str
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "time": f"{self.starts_at:%H:%M}" if self.starts_at else None,
            "starts_at": self.starts_at.isoformat() if self.starts_at else None,
            "status": self.status,
            "cancelled_by": self.cancelled_by,
            "title": self.title,
            "headline": self.headline,
            "source": self.source,
        }


def key_of(series: Series) -> str:
    if series.other is not None:
        return series.other.key
    return "title:" + " ".join(series.event.title.casefold().split())
