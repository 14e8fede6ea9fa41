"""The relationship memory: people, meetings, actions and notes in SQLite."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coach.domain import (
    Action,
    Level,
    Meeting,
    MeetingStatus,
    Note,
    Owner,
    Party,
    Person,
    PersonRecord,
    PersonSummary,
    Relationship,
)
from coach.errors import CoachError, NotFoundError, UnknownPersonError
from coach.store.db import connect, transaction

DB_FILENAME = "coach.db"


def name_key(name: str) -> str:
    """Names are unique regardless of case, in any script."""
    return " ".join(name.casefold().split())


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _person(row: sqlite3.Row) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        relationship=Relationship(row["relationship"]),
        role=row["role"],
        level=Level(row["level"]),
        context=row["context"],
    )


def _meeting(row: sqlite3.Row) -> Meeting:
    return Meeting(
        id=row["id"],
        person_id=row["person_id"],
        date=dt.date.fromisoformat(row["date"]),
        status=MeetingStatus(row["status"]),
        cancelled_by=Party(row["cancelled_by"]) if row["cancelled_by"] else None,
        length_minutes=row["length_minutes"],
        notes=row["notes"],
    )


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

    def _insert_person(self, person: Person) -> Person:
        if self.con.execute("SELECT 1 FROM people WHERE name_key = ?", (name_key(person.name),)).fetchone():
            raise CoachError(f"a person named {person.name!r} already exists")
        cur = self.con.execute(
            "INSERT INTO people(id, name, name_key, relationship, role, level, context) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                person.id,
                person.name,
                name_key(person.name),
                person.relationship.value,
                person.role,
                person.level.value,
                person.context,
            ),
        )
        return person.model_copy(update={"id": cur.lastrowid})

    def edit_person(self, current_name: str, **changes: Any) -> Person:
        with transaction(self.con):
            current = self.person(current_name)
            updated = Person.model_validate(current.model_dump() | {k: v for k, v in changes.items() if v is not None})
            if name_key(updated.name) != name_key(current.name):
                clash = self.con.execute(
                    "SELECT 1 FROM people WHERE name_key = ?", (name_key(updated.name),)
                ).fetchone()
                if clash:
                    raise CoachError(f"a person named {updated.name!r} already exists")
            self.con.execute(
                "UPDATE people SET name=?, name_key=?, relationship=?, role=?, level=?, context=? WHERE id=?",
                (
                    updated.name,
                    name_key(updated.name),
                    updated.relationship.value,
                    updated.role,
                    updated.level.value,
                    updated.context,
                    current.id,
                ),
            )
            return updated

    def forget(self, name: str) -> dict[str, int]:
        """Erase the person and every row about them. Returns what was removed."""
        with transaction(self.con):
            person = self.person(name)
            counts = {
                table: self.con.execute(f"SELECT COUNT(*) FROM {table} WHERE person_id = ?", (person.id,)).fetchone()[0]
                for table in ("meetings", "actions", "notes")
            }
            for table in ("actions", "notes", "meetings"):
                self.con.execute(f"DELETE FROM {table} WHERE person_id = ?", (person.id,))
            self.con.execute("DELETE FROM people WHERE id = ?", (person.id,))
        # Leave no trace of the deleted rows in free pages or the WAL.
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.con.execute("VACUUM")
        return counts

    def summaries(self, today: dt.date | None = None) -> list[PersonSummary]:
        today = today or dt.date.today()
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
            out.append(
                PersonSummary(
                    person=person,
                    open_actions=open_actions,
                    last_meeting=_date(last),
                    last_held=_date(last_held),
                    cancelled_by_me_recently=any(
                        r["status"] == "cancelled" and r["cancelled_by"] == "me" for r in recent
                    ),
                )
            )
        return out

    def record(self, name: str) -> PersonRecord:
        person = self.person(name)
        return PersonRecord(
            person=person,
            meetings=[
                _meeting(r)
                for r in self.con.execute("SELECT * FROM meetings WHERE person_id=? ORDER BY date, id", (person.id,))
            ],
            actions=[
                _action(r)
                for r in self.con.execute("SELECT * FROM actions WHERE person_id=? ORDER BY id", (person.id,))
            ],
            notes=[
                _note(r) for r in self.con.execute("SELECT * FROM notes WHERE person_id=? ORDER BY id", (person.id,))
            ],
        )

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
            cur = self.con.execute(
                "INSERT INTO meetings(id, person_id, date, status, cancelled_by, length_minutes, notes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    meeting.id,
                    person.id,
                    meeting.date.isoformat(),
                    meeting.status.value,
                    meeting.cancelled_by.value if meeting.cancelled_by else None,
                    meeting.length_minutes,
                    meeting.notes,
                ),
            )
            saved = meeting.model_copy(update={"id": cur.lastrowid, "person_id": person.id})
            assert person.id is not None and saved.id is not None
            new_actions = [self._insert_action(person.id, a, saved.id) for a in actions]
            new_notes = [self._insert_note(person.id, n, saved.id) for n in notes]
            return saved, new_actions, new_notes

    def find_meeting(self, name: str, date: dt.date, notes: str) -> Meeting | None:
        person = self.person(name)
        row = self.con.execute(
            "SELECT * FROM meetings WHERE person_id=? AND date=? AND notes=?",
            (person.id, date.isoformat(), notes),
        ).fetchone()
        return _meeting(row) if row else None

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
