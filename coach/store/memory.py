"""The relationship memory: people, meetings, actions and notes in SQLite."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coach.domain import (
    MAX_ID,
    Action,
    Level,
    Meeting,
    MeetingSource,
    MeetingStatus,
    Note,
    Owner,
    Party,
    Person,
    PersonRecord,
    PersonSummary,
    Rehearsal,
    Relationship,
    Upcoming,
    check_name,
    looks_alike,
)
from coach.errors import CoachError, NotFoundError, UnknownPersonError
from coach.store.db import connect, quick_check, scrub, transaction
from coach.textsafe import inline

DB_FILENAME = "coach.db"


def name_key(name: str) -> str:
    """Names are unique regardless of case, in any script."""
    return " ".join(name.casefold().split())


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _moment(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _person(row: sqlite3.Row) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        relationship=Relationship(row["relationship"]),
        role=row["role"],
        level=Level(row["level"]),
        context=row["context"],
        email=row["email"],
    )


def meeting_from_row(row: sqlite3.Row) -> Meeting:
    return Meeting(
        id=row["id"],
        person_id=row["person_id"],
        date=dt.date.fromisoformat(row["date"]),
        status=MeetingStatus(row["status"]),
        cancelled_by=Party(row["cancelled_by"]) if row["cancelled_by"] else None,
        length_minutes=row["length_minutes"],
        notes=row["notes"],
        source=MeetingSource(row["source"]),
        uid=row["uid"],
        recurrence_id=row["recurrence_id"],
        starts_at=_moment(row["starts_at"]),
    )


def upcoming_from_row(row: sqlite3.Row) -> Upcoming:
    return Upcoming(
        id=row["id"],
        person_id=row["person_id"],
        starts_at=dt.datetime.fromisoformat(row["starts_at"]),
        ends_at=_moment(row["ends_at"]),
        title=row["title"],
        source=MeetingSource(row["source"]),
        uid=row["uid"],
        recurrence_id=row["recurrence_id"],
        moved_from=_moment(row["moved_from"]),
    )


REHEARSAL_FIELDS = (
    "created", "scenario", "turns", "talk_ratio", "open_question_share", "questions", "open_questions",
    "personal_asks", "personal_reveals", "directives", "reflections", "reflection_to_question", "personized",
    "proposed_own_actions",
)  # fmt: skip


def _rehearsal(row: sqlite3.Row) -> Rehearsal:
    return Rehearsal.model_validate({"id": row["id"], "person_id": row["person_id"]} | {
        f: row[f] for f in REHEARSAL_FIELDS
    })  # fmt: skip


def _action(row: sqlite3.Row) -> Action:
    return Action(
        id=row["id"],
        person_id=row["person_id"],
        meeting_id=row["meeting_id"],
        text=row["text"],
        owner=row["owner"],
        owner_name=row["owner_name"],
        proposed_by=row["proposed_by"],
        due=_date(row["due"]),
        done=bool(row["done"]),
        done_on=_date(row["done_on"]),
        created=dt.datetime.fromisoformat(row["created"]),
    )


def _note(row: sqlite3.Row) -> Note:
    return Note(
        id=row["id"],
        person_id=row["person_id"],
        meeting_id=row["meeting_id"],
        text=row["text"],
        personal=bool(row["personal"]),
        sensitive=bool(row["sensitive"]),
        created=dt.datetime.fromisoformat(row["created"]),
    )


class Memory:
    """Reads and atomic writes over one database file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = connect(path)

    @classmethod
    def in_dir(cls, data_dir: Path) -> Memory:
        return cls(data_dir / DB_FILENAME)

    @property
    def readonly(self) -> bool:
        """Opened read-only (the user may not write the file or its folder): reads work, writes say why not."""
        return self.con.readonly

    def data_version(self) -> int:
        """Changes whenever another connection (another coach process) commits to the file."""
        return int(self.con.execute("PRAGMA data_version").fetchone()[0])

    def problems(self) -> list[str]:
        """What SQLite's quick check finds damaged in the file (empty when it is sound)."""
        return quick_check(self.con)

    def has(self, name: str) -> bool:
        """Is someone in memory under exactly this name (any case)? Conversations are kept by full name."""
        return self.con.execute("SELECT 1 FROM people WHERE name_key = ?", (name_key(name),)).fetchone() is not None

    def exists(self, person_id: int) -> Person | None:
        """The person with this id as memory has them now (renamed, perhaps), or None once forgotten."""
        row = self.con.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
        return _person(row) if row else None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- people ---------------------------------------------------------
    def names(self) -> list[str]:
        return [r["name"] for r in self.con.execute("SELECT name FROM people ORDER BY name_key")]

    def schema_version(self) -> int:
        """The schema version this file is at (`PRAGMA user_version`)."""
        return int(self.con.execute("PRAGMA user_version").fetchone()[0])

    def is_empty(self) -> bool:
        return self.con.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0

    def person(self, name: str) -> Person:
        """Exact name (any case), or a first name that only one person has."""
        key = name_key(name)
        row = self.con.execute("SELECT * FROM people WHERE name_key = ?", (key,)).fetchone()
        if row is None and key and " " not in key:
            rows = self.con.execute(
                "SELECT * FROM people WHERE substr(name_key, 1, ?) = ?", (len(key) + 1, key + " ")
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise UnknownPersonError(name, self.names())
        return _person(row)

    def add_person(self, person: Person) -> Person:
        with transaction(self.con):
            return self._insert_person(person)

    def _valid_name(self, name: str, person_id: int | None = None) -> str:
        """The name, checked (see `check_name`) and told apart from everyone else's on screen."""
        try:
            name = check_name(name)
        except ValueError as exc:
            raise CoachError(str(exc)) from None
        key, look = name_key(name), looks_alike(name)
        for row in self.con.execute("SELECT id, name, name_key FROM people").fetchall():
            if row["id"] == person_id:
                continue
            if row["name_key"] == key:
                raise CoachError(f"a person named {inline(row['name'], 80)!r} already exists")
            if looks_alike(row["name"]) == look:
                raise CoachError(
                    f"{inline(name, 80)!r} looks the same as {inline(row['name'], 80)!r}, who is already in memory; "
                    "use a name you can tell apart"
                )
        return name

    def _insert_person(self, person: Person) -> Person:
        person = person.model_copy(update={"name": self._valid_name(person.name)})
        self._check_email_free(person.email, None)
        cur = self.con.execute(
            "INSERT INTO people(id, name, name_key, relationship, role, level, context, email) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                person.id,
                person.name,
                name_key(person.name),
                person.relationship.value,
                person.role,
                person.level.value,
                person.context,
                person.email,
            ),
        )
        return person.model_copy(update={"id": cur.lastrowid})

    def _check_email_free(self, email: str | None, person_id: int | None) -> None:
        if email is None:
            return
        row = self.con.execute("SELECT name FROM people WHERE email = ? AND id IS NOT ?", (email, person_id)).fetchone()
        if row is not None:
            raise CoachError(f"{email} is already {row['name']}'s address")

    def people_list(self) -> list[Person]:
        """Everyone, with their email addresses (what a calendar is matched against)."""
        return [_person(r) for r in self.con.execute("SELECT * FROM people ORDER BY name_key")]

    def edit_person(self, current_name: str, **changes: Any) -> Person:
        with transaction(self.con):
            current = self.person(current_name)
            updated = Person.model_validate(current.model_dump() | {k: v for k, v in changes.items() if v is not None})
            if updated.name != current.name:
                updated.name = self._valid_name(updated.name, current.id)
            self._check_email_free(updated.email, current.id)
            self.con.execute(
                "UPDATE people SET name=?, name_key=?, relationship=?, role=?, level=?, context=?, email=? WHERE id=?",
                (
                    updated.name,
                    name_key(updated.name),
                    updated.relationship.value,
                    updated.role,
                    updated.level.value,
                    updated.context,
                    updated.email,
                    current.id,
                ),
            )
            return updated

    def forget(self, name: str) -> dict[str, int]:
        """Erase the person and every row about them. Returns what was removed, and `scrubbed`: 1 when the
        file itself holds nothing of them any more, 0 when another program's long read kept the old pages
        (the next coach to open the file finishes; see `coach.store.db.scrub`)."""
        with transaction(self.con):
            person = self.person(name)
            counts = {
                table: self.con.execute(f"SELECT COUNT(*) FROM {table} WHERE person_id = ?", (person.id,)).fetchone()[0]
                for table in ("meetings", "actions", "notes", "rehearsals", "upcoming")
            }
            for table in ("actions", "notes", "rehearsals", "upcoming", "calendar_addresses", "meetings"):
                self.con.execute(f"DELETE FROM {table} WHERE person_id = ?", (person.id,))
            self.con.execute("DELETE FROM people WHERE id = ?", (person.id,))
        # Leave no trace of the deleted rows in free pages, the WAL or the main file.
        counts["scrubbed"] = int(scrub(self.con))
        return counts

    def summaries(self, today: dt.date | None = None, now: dt.datetime | None = None) -> list[PersonSummary]:
        """One row per person; `now` (aware) decides which 1:1 is next (default: the start of `today`)."""
        today = today or dt.date.today()
        now = now or dt.datetime.combine(today, dt.time.min).astimezone()
        out = []
        for row in self.con.execute("SELECT * FROM people ORDER BY name_key").fetchall():
            person = _person(row)
            open_actions = self.con.execute(
                "SELECT COUNT(*) FROM actions WHERE person_id=? AND done=0", (person.id,)
            ).fetchone()[0]
            last = self.con.execute(
                "SELECT MAX(date) FROM meetings WHERE person_id=? AND date<=?", (person.id, today.isoformat())
            ).fetchone()[0]
            last_held = self.con.execute(
                "SELECT MAX(date) FROM meetings WHERE person_id=? AND status='held' AND date<=?",
                (person.id, today.isoformat()),
            ).fetchone()[0]
            recent = self.con.execute(
                "SELECT status, cancelled_by FROM meetings WHERE person_id=? AND date<=? "
                "ORDER BY date DESC, id DESC LIMIT 3",
                (person.id, today.isoformat()),
            ).fetchall()
            soon = self.upcoming(person.id, now)
            out.append(
                PersonSummary(
                    person=person,
                    open_actions=open_actions,
                    last_meeting=_date(last),
                    last_held=_date(last_held),
                    cancelled_by_me_recently=any(
                        r["status"] == "cancelled" and r["cancelled_by"] == "me" for r in recent
                    ),
                    next_1on1=soon[0] if soon else None,
                )
            )
        return out

    def record(self, name: str) -> PersonRecord:
        person = self.person(name)
        return PersonRecord(
            person=person,
            meetings=[
                meeting_from_row(r)
                for r in self.con.execute("SELECT * FROM meetings WHERE person_id=? ORDER BY date, id", (person.id,))
            ],
            actions=[
                _action(r)
                for r in self.con.execute("SELECT * FROM actions WHERE person_id=? ORDER BY id", (person.id,))
            ],
            notes=[
                _note(r) for r in self.con.execute("SELECT * FROM notes WHERE person_id=? ORDER BY id", (person.id,))
            ],
            upcoming=self.upcoming(person.id),
            rehearsals=[
                _rehearsal(r)
                for r in self.con.execute(
                    "SELECT * FROM rehearsals WHERE person_id=? ORDER BY created, id", (person.id,)
                )
            ],
        )

    def upcoming(self, person_id: int | None, after: dt.datetime | None = None) -> list[Upcoming]:
        """A person's 1:1s still to come, soonest first (all of them, or those starting at or after `after`)."""
        rows = self.con.execute("SELECT * FROM upcoming WHERE person_id=?", (person_id,)).fetchall()
        found = [upcoming_from_row(r) for r in rows]
        if after is not None:
            found = [u for u in found if u.starts_at >= after]
        return sorted(found, key=lambda u: u.starts_at)

    # -- meetings, actions, notes -------------------------------------------
    def log_meeting(
        self,
        name: str,
        meeting: Meeting,
        actions: Iterable[Action] = (),
        notes: Iterable[Note] = (),
    ) -> tuple[Meeting, list[Action], list[Note]]:
        """Record a meeting with what came out of it, all in one transaction."""
        if meeting.status is MeetingStatus.held and meeting.cancelled_by is not None:
            raise CoachError("--by only applies to a cancelled or moved meeting")
        with transaction(self.con):
            person = self.person(name)
            assert person.id is not None
            saved = self._claim_imported(person.id, meeting) or self.insert_meeting(person.id, meeting)
            assert saved.id is not None
            new_actions = [self._insert_action(person.id, a, saved.id) for a in actions]
            new_notes = [self._insert_note(person.id, n, saved.id) for n in notes]
            return saved, new_actions, new_notes

    def insert_meeting(self, person_id: int, meeting: Meeting) -> Meeting:
        """Add one meeting row (inside the caller's transaction)."""
        cur = self.con.execute(
            "INSERT INTO meetings(id, person_id, date, status, cancelled_by, length_minutes, notes, source, uid, "
            "recurrence_id, starts_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                meeting.id,
                person_id,
                meeting.date.isoformat(),
                meeting.status.value,
                meeting.cancelled_by.value if meeting.cancelled_by else None,
                meeting.length_minutes,
                meeting.notes,
                meeting.source.value,
                meeting.uid,
                meeting.recurrence_id,
                _iso(meeting.starts_at),
            ),
        )
        return meeting.model_copy(update={"id": cur.lastrowid, "person_id": person_id})

    def _claim_imported(self, person_id: int, meeting: Meeting) -> Meeting | None:
        """A 1:1 typed by hand (or saved by a debrief) on a day the calendar import already recorded one with
        nothing written about it yet: it is that meeting, so it is completed rather than added twice. What the
        user says (status, who cancelled, length, notes) replaces what the calendar guessed."""
        if meeting.uid is not None:
            return None
        row = self.con.execute(
            "SELECT * FROM meetings WHERE person_id=? AND date=? AND source='calendar' AND notes='' "
            "ORDER BY id LIMIT 1",
            (person_id, meeting.date.isoformat()),
        ).fetchone()
        if row is None:
            return None
        found = meeting_from_row(row)
        claimed = found.model_copy(
            update={
                "status": meeting.status,
                "cancelled_by": meeting.cancelled_by,
                "length_minutes": meeting.length_minutes
                if meeting.length_minutes is not None
                else found.length_minutes,
                "notes": meeting.notes,
                "source": MeetingSource.manual,
            }
        )
        self.con.execute(
            "UPDATE meetings SET status=?, cancelled_by=?, length_minutes=?, notes=?, source=? WHERE id=?",
            (
                claimed.status.value,
                claimed.cancelled_by.value if claimed.cancelled_by else None,
                claimed.length_minutes,
                claimed.notes,
                claimed.source.value,
                claimed.id,
            ),
        )
        return claimed

    def save_rehearsal(self, name: str, rehearsal: Rehearsal) -> Rehearsal:
        """Keep a rehearsal's scorecard (what `coach progress` draws)."""
        with transaction(self.con):
            person = self.person(name)
            assert person.id is not None
            return self.insert_rehearsal(person.id, rehearsal)

    def insert_rehearsal(self, person_id: int, rehearsal: Rehearsal) -> Rehearsal:
        data = rehearsal.model_dump(mode="json", include=set(REHEARSAL_FIELDS))
        cur = self.con.execute(
            f"INSERT INTO rehearsals(id, person_id, {', '.join(REHEARSAL_FIELDS)}) "
            f"VALUES (?, ?, {', '.join('?' * len(REHEARSAL_FIELDS))})",
            (rehearsal.id, person_id, *[data[f] for f in REHEARSAL_FIELDS]),
        )
        return rehearsal.model_copy(update={"id": cur.lastrowid, "person_id": person_id})

    def find_meeting(self, name: str, date: dt.date, notes: str) -> Meeting | None:
        person = self.person(name)
        row = self.con.execute(
            "SELECT * FROM meetings WHERE person_id=? AND date=? AND notes=?",
            (person.id, date.isoformat(), notes),
        ).fetchone()
        return meeting_from_row(row) if row else None

    def _insert_action(self, person_id: int, action: Action, meeting_id: int | None) -> Action:
        cur = self.con.execute(
            "INSERT INTO actions(id, person_id, meeting_id, text, owner, owner_name, proposed_by, due, done, done_on, "
            "created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                action.id,
                person_id,
                meeting_id,
                action.text,
                action.owner.value,
                action.owner_name if action.owner is Owner.other else None,
                action.proposed_by.value,
                action.due.isoformat() if action.due else None,
                int(action.done),
                action.done_on.isoformat() if action.done_on else None,
                action.created.isoformat(),
            ),
        )
        return action.model_copy(update={"id": cur.lastrowid, "person_id": person_id, "meeting_id": meeting_id})

    def _insert_note(self, person_id: int, note: Note, meeting_id: int | None) -> Note:
        cur = self.con.execute(
            "INSERT INTO notes(id, person_id, meeting_id, text, personal, sensitive, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                note.id,
                person_id,
                meeting_id,
                note.text,
                int(note.personal or note.sensitive),
                int(note.sensitive),
                note.created.isoformat(),
            ),
        )
        return note.model_copy(update={"id": cur.lastrowid, "person_id": person_id, "meeting_id": meeting_id})

    def add_action(self, name: str, action: Action) -> Action:
        with transaction(self.con):
            person = self.person(name)
            assert person.id is not None
            return self._insert_action(person.id, action, action.meeting_id)

    def add_note(self, name: str, note: Note) -> Note:
        with transaction(self.con):
            person = self.person(name)
            assert person.id is not None
            return self._insert_note(person.id, note, note.meeting_id)

    def action(self, action_id: int) -> Action:
        if not 0 < action_id <= MAX_ID:
            raise NotFoundError(f"no action with id {inline(str(action_id), 40)}")
        row = self.con.execute("SELECT * FROM actions WHERE id=?", (action_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no action with id {action_id}")
        return _action(row)

    def complete_action(self, action_id: int, on: dt.date | None = None) -> Action:
        with transaction(self.con):
            current = self.action(action_id)
            if current.done:
                return current
            on = on or dt.date.today()
            self.con.execute("UPDATE actions SET done=1, done_on=? WHERE id=?", (on.isoformat(), action_id))
            return current.model_copy(update={"done": True, "done_on": on})

    def actions(self, name: str | None = None, open_only: bool = False) -> list[tuple[str, Action]]:
        """(person name, action) pairs, oldest first."""
        sql = "SELECT a.*, p.name AS person_name FROM actions a JOIN people p ON p.id = a.person_id"
        where, args = [], []
        if name is not None:
            where.append("a.person_id = ?")
            args.append(self.person(name).id)
        if open_only:
            where.append("a.done = 0")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.id"
        return [(r["person_name"], _action(r)) for r in self.con.execute(sql, args)]
