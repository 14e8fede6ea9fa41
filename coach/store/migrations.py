"""Numbered, named schema migrations. Append only: never edit a shipped one."""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial_memory",
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            relationship TEXT NOT NULL CHECK (relationship IN ('report','boss','peer')),
            role TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL DEFAULT 'ic' CHECK (level IN ('ic','manager')),
            context TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('held','cancelled','moved')),
            cancelled_by TEXT CHECK (cancelled_by IN ('me','them')),
            length_minutes INTEGER,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX meetings_person_date ON meetings(person_id, date);
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            owner TEXT NOT NULL CHECK (owner IN ('me','them','both','unclear')),
            proposed_by TEXT NOT NULL CHECK (proposed_by IN ('me','them','unclear')),
            due TEXT,
            done INTEGER NOT NULL DEFAULT 0,
            done_on TEXT,
            created TEXT NOT NULL
        );
        CREATE INDEX actions_person ON actions(person_id, done);
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            personal INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL
        );
        CREATE INDEX notes_person ON notes(person_id);
        """,
    ),
    Migration(
        2,
        "index_meeting_links",
        """
        CREATE INDEX actions_meeting ON actions(meeting_id);
        CREATE INDEX notes_meeting ON notes(meeting_id);
        """,
    ),
)

LATEST = MIGRATIONS[-1].version
