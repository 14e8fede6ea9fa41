"""What a calendar import writes, in one transaction: people, remembered addresses, meetings, upcoming 1:1s.

Each occurrence is keyed on (event UID, recurrence id), so importing the same calendar again
finds the meetings it wrote. A meeting coach read from the calendar follows the calendar
when it changes (a slot since cancelled); one the user typed or debriefed on the same day is
matched to the occurrence instead of being added twice, and keeps what the user said. A dry
run does all of it and rolls back, so what it reports is exactly what a real run would do.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Literal

from coach.domain import Meeting, MeetingSource, Person, Upcoming
from coach.store.db import transaction
from coach.store.memory import Memory, meeting_from_row, name_key, upcoming_from_row

AddressKind = Literal["me", "ignore", "person"]


@dataclass
class CalendarChanges:
    """Everything one import would write. Meetings and upcoming 1:1s are by person name."""

    new_people: list[Person] = field(default_factory=list)
    emails: dict[str, str] = field(default_factory=dict)  # person name -> address to keep as theirs
    addresses: dict[str, tuple[AddressKind, str | None]] = field(default_factory=dict)  # key -> (kind, person)
    meetings: list[tuple[str, Meeting]] = field(default_factory=list)
    upcoming: list[tuple[str, Upcoming]] = field(default_factory=list)
    uids: set[str] = field(default_factory=set)  # the series read, whose upcoming 1:1s are replaced


@dataclass
class CalendarCounts:
    added: dict[str, int] = field(default_factory=lambda: {"held": 0, "cancelled": 0, "moved": 0})
    matched: int = 0  # typed by hand on the same day: linked, not duplicated
    updated: int = 0  # imported before, changed in the calendar since
    unchanged: int = 0
    upcoming: int = 0
    people_added: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "added": dict(self.added),
            "matched": self.matched,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "upcoming": self.upcoming,
            "people_added": self.people_added,
        }


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def addresses(memory: Memory) -> dict[str, tuple[AddressKind, str | None]]:
    """Remembered answers: the user's own addresses, ones to ignore, and extra addresses or names of people."""
    rows = memory.con.execute(
        "SELECT a.address, a.kind, p.name FROM calendar_addresses a LEFT JOIN people p ON p.id = a.person_id"
    ).fetchall()
    return {r["address"]: (r["kind"], r["name"]) for r in rows}


def apply(memory: Memory, changes: CalendarChanges, *, dry_run: bool = False) -> CalendarCounts:
    counts = CalendarCounts()
    try:
        with transaction(memory.con):
            _write(memory, changes, counts)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return counts


def _write(memory: Memory, changes: CalendarChanges, counts: CalendarCounts) -> None:
    con = memory.con
    for person in changes.new_people:
        memory._insert_person(person)
        counts.people_added += 1
    ids = {name: memory.person(name).id for name in {n for n, _ in (*changes.meetings, *changes.upcoming)}}
    for name, email in changes.emails.items():
        con.execute("UPDATE people SET email=? WHERE name_key=? AND email IS NULL", (email, name_key(name)))
    for key, (kind, who) in changes.addresses.items():
        person_id = memory.person(who).id if kind == "person" and who else None
        con.execute(
            "INSERT INTO calendar_addresses(address, kind, person_id) VALUES (?, ?, ?) "
            "ON CONFLICT(address) DO UPDATE SET kind=excluded.kind, person_id=excluded.person_id",
            (key, kind, person_id),
        )
    for name, meeting in changes.meetings:
        person_id = ids[name]
        assert person_id is not None
        _record(memory, person_id, meeting, counts)
    if changes.uids:
        marks = ",".join("?" * len(changes.uids))
        con.execute(f"DELETE FROM upcoming WHERE source='calendar' AND uid IN ({marks})", tuple(changes.uids))
    for person_id in {ids[name] for name, _ in changes.upcoming}:
        con.execute("DELETE FROM upcoming WHERE person_id=?", (person_id,))  # the calendar now knows their schedule
    for name, item in changes.upcoming:
        insert_upcoming(con, ids[name], item)
        counts.upcoming += 1


def insert_upcoming(con: sqlite3.Connection, person_id: int | None, item: Upcoming) -> None:
    con.execute(
        "INSERT INTO upcoming(person_id, starts_at, ends_at, title, source, uid, recurrence_id, moved_from) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            person_id,
            item.starts_at.isoformat(),
            item.ends_at.isoformat() if item.ends_at else None,
            item.title,
            item.source.value,
            item.uid,
            item.recurrence_id,
            item.moved_from.isoformat() if item.moved_from else None,
        ),
    )


def _record(memory: Memory, person_id: int, meeting: Meeting, counts: CalendarCounts) -> None:
    con = memory.con
    starts = meeting.starts_at.isoformat() if meeting.starts_at else None
    by = meeting.cancelled_by.value if meeting.cancelled_by else None
    row = con.execute(
        "SELECT * FROM meetings WHERE uid=? AND recurrence_id=?", (meeting.uid, meeting.recurrence_id)
    ).fetchone()
    if row is not None:
        if row["source"] != MeetingSource.calendar.value:  # the user spoke for this one: theirs stands
            counts.unchanged += 1
            return
        now = (person_id, meeting.date.isoformat(), meeting.status.value, by, starts, meeting.length_minutes)
        before = (row["person_id"], row["date"], row["status"], row["cancelled_by"], row["starts_at"])
        if before == now[:5] and row["length_minutes"] == meeting.length_minutes:
            counts.unchanged += 1
            return
        con.execute(
            "UPDATE meetings SET person_id=?, date=?, status=?, cancelled_by=?, starts_at=?, length_minutes=? "
            "WHERE id=?",
            (*now, row["id"]),
        )
        counts.updated += 1
        return
    typed = con.execute(
        "SELECT id FROM meetings WHERE person_id=? AND date=? AND uid IS NULL ORDER BY id LIMIT 1",
        (person_id, meeting.date.isoformat()),
    ).fetchone()
    if typed is not None:
        con.execute(
            "UPDATE meetings SET uid=?, recurrence_id=?, starts_at=COALESCE(starts_at, ?) WHERE id=?",
            (meeting.uid, meeting.recurrence_id, starts, typed["id"]),
        )
        counts.matched += 1
        return
    memory.insert_meeting(person_id, meeting)
    counts.added[meeting.status.value] += 1


def set_next(memory: Memory, name: str, when: dt.datetime | None, title: str = "") -> Upcoming | None:
    """The next 1:1 with `name`, set by hand (None clears the ones set by hand). Calendar entries stay."""
    with transaction(memory.con):
        person = memory.person(name)
        memory.con.execute("DELETE FROM upcoming WHERE person_id=? AND source='manual'", (person.id,))
        if when is None:
            return None
        item = Upcoming(starts_at=when, title=title, source=MeetingSource.manual)
        insert_upcoming(memory.con, person.id, item)
        return item.model_copy(update={"person_id": person.id})


def day_meetings(memory: Memory, day: dt.date) -> list[tuple[str, Meeting]]:
    """(person, meeting) for every meeting dated `day`."""
    rows = memory.con.execute(
        "SELECT m.*, p.name AS person_name FROM meetings m JOIN people p ON p.id = m.person_id WHERE m.date=?",
        (day.isoformat(),),
    ).fetchall()
    return [(r["person_name"], meeting_from_row(r)) for r in rows]


def day_upcoming(memory: Memory, day: dt.date) -> list[tuple[str, Upcoming]]:
    """(person, upcoming 1:1) for every one whose start falls on `day` (in the zone it was stored in)."""
    rows = memory.con.execute(
        "SELECT u.*, p.name AS person_name FROM upcoming u JOIN people p ON p.id = u.person_id "
        "WHERE substr(u.starts_at, 1, 10) BETWEEN ? AND ?",
        ((day - dt.timedelta(days=1)).isoformat(), (day + dt.timedelta(days=1)).isoformat()),
    ).fetchall()
    return [(r["person_name"], upcoming_from_row(r)) for r in rows]
