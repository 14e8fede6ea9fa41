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
    # A named third person can own an action ("Tom will pair with her"): owner 'other' with owner_name.
    # SQLite cannot change a CHECK constraint, so the actions table is rebuilt, every row and id kept.
    # Personal notes gain `sensitive` (health, bereavement, pregnancy…: followed up with care).
    Migration(
        3,
        "actions_owner_other",
        """
        CREATE TABLE actions_v3 (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            owner TEXT NOT NULL CHECK (owner IN ('me','them','both','other','unclear')),
            owner_name TEXT CHECK ((owner = 'other') = (owner_name IS NOT NULL)),
            proposed_by TEXT NOT NULL CHECK (proposed_by IN ('me','them','unclear')),
            due TEXT,
            done INTEGER NOT NULL DEFAULT 0,
            done_on TEXT,
            created TEXT NOT NULL
        );
        INSERT INTO actions_v3(id, person_id, meeting_id, text, owner, owner_name, proposed_by, due, done, done_on,
                               created)
            SELECT id, person_id, meeting_id, text, owner, NULL, proposed_by, due, done, done_on, created FROM actions;
        DROP TABLE actions;
        ALTER TABLE actions_v3 RENAME TO actions;
        CREATE INDEX actions_person ON actions(person_id, done);
        CREATE INDEX actions_meeting ON actions(meeting_id);
        ALTER TABLE notes ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1));
        """,
    ),
)

LATEST = MIGRATIONS[-1].version
