"""Migration 3: a database from before third-party owners upgrades in place, every row and id kept."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from coach.domain import Action, Note, Owner, Proposer
from coach.store.db import APPLICATION_ID, _statements
from coach.store.memory import Memory
from coach.store.migrations import MIGRATIONS


def _schema_2_database(path: Path) -> None:
    """A coach file exactly as schema 2 left it, with a person, a meeting, two actions and a note."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("BEGIN")
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for m in MIGRATIONS[:2]:
        for statement in _statements(m.sql):
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01T00:00:00+00:00')", (m.version, m.name))
    con.execute(
        "INSERT INTO people(id, name, name_key, relationship) VALUES (7, 'Priya Raman', 'priya raman', 'report')"
    )
    con.execute("INSERT INTO meetings(id, person_id, date, status, notes) VALUES (3, 7, '2025-02-26', 'held', 'n')")
    created = "2025-02-26T10:00:00+00:00"
    con.execute(
        "INSERT INTO actions(id, person_id, meeting_id, text, owner, proposed_by, due, done, created) "
        "VALUES (41, 7, 3, 'Draft the rota', 'them', 'them', '2025-03-07', 0, ?), "
        "(42, 7, NULL, 'Chase procurement', 'me', 'them', NULL, 1, ?)",
        (created, created),
    )
    con.execute(
        "INSERT INTO notes(id, person_id, meeting_id, text, personal, created) VALUES (5, 7, 3, 'x', 1, ?)", (created,)
    )
    con.execute("COMMIT")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 2")
    con.close()


def test_schema_2_upgrades_keeping_every_row_and_id(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    _schema_2_database(path)
    with Memory(path) as memory:
        assert memory.schema_version() >= 3
        names = [r[0] for r in memory.con.execute("SELECT name FROM schema_migrations ORDER BY version")]
        assert names[2] == "actions_owner_other"
        record = memory.record("Priya")
        assert [(a.id, a.text, a.owner, a.owner_name, a.meeting_id, a.done) for a in record.actions] == [
            (41, "Draft the rota", Owner.them, None, 3, False),
            (42, "Chase procurement", Owner.me, None, None, True),
        ]
        assert record.actions[0].due == dt.date(2025, 3, 7)
        assert [(n.id, n.personal, n.sensitive) for n in record.notes] == [(5, True, False)]
        assert memory.con.execute("PRAGMA foreign_key_check").fetchall() == []
        indexes = {r[0] for r in memory.con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"actions_person", "actions_meeting"} <= indexes

        tom = memory.add_action("Priya", Action(text="Pair with her", owner=Owner.other, owner_name="Tom"))
        note = memory.add_note("Priya", Note(text="Mum in hospital", sensitive=True))
        again = memory.record("Priya")
        assert again.actions[-1].owner_label() == "Tom (other)" and again.actions[-1].id == tom.id
        assert (again.notes[-1].personal, again.notes[-1].sensitive) == (True, True) and again.notes[-1].id == note.id

        # The rebuilt table keeps its rules: a name only with 'other', and the rows go with the person.
        with pytest.raises(sqlite3.IntegrityError):
            memory.con.execute(
                "INSERT INTO actions(person_id, text, owner, owner_name, proposed_by, created) "
                "VALUES (7, 't', 'me', 'Tom', 'me', '2025-01-01T00:00:00+00:00')"
            )
        with pytest.raises(sqlite3.IntegrityError):
            memory.con.execute(
                "INSERT INTO actions(person_id, text, owner, proposed_by, created) "
                "VALUES (7, 't', 'other', 'me', '2025-01-01T00:00:00+00:00')"
            )
        memory.forget("Priya")
        assert memory.con.execute("SELECT COUNT(*) FROM actions").fetchone()[0] == 0


def test_an_owner_name_is_kept_only_for_other() -> None:
    assert Action(text="x", owner=Owner.me, owner_name="Tom").owner_name is None
    assert Action(text="x", owner=Owner.other, owner_name="  the   caretaker ").owner_name == "the caretaker"
    with pytest.raises(ValueError, match="needs their name"):
        Action(text="x", owner=Owner.other, proposed_by=Proposer.me)
