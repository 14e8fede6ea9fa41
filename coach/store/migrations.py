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
    Migration(
        4,
        "calendar_schedule_rehearsals",
        """
        ALTER TABLE people ADD COLUMN email TEXT;
        CREATE UNIQUE INDEX people_email ON people(email) WHERE email IS NOT NULL;
        ALTER TABLE meetings ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
            CHECK (source IN ('manual','calendar'));
        ALTER TABLE meetings ADD COLUMN uid TEXT;
        ALTER TABLE meetings ADD COLUMN recurrence_id TEXT;
        ALTER TABLE meetings ADD COLUMN starts_at TEXT;
        CREATE UNIQUE INDEX meetings_occurrence ON meetings(uid, recurrence_id) WHERE uid IS NOT NULL;
        CREATE TABLE upcoming (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            starts_at TEXT NOT NULL,
            ends_at TEXT,
            title TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','calendar')),
            uid TEXT,
            recurrence_id TEXT,
            moved_from TEXT
        );
        CREATE INDEX upcoming_person ON upcoming(person_id, starts_at);
        CREATE TABLE rehearsals (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            created TEXT NOT NULL,
            scenario TEXT NOT NULL DEFAULT '',
            turns INTEGER NOT NULL DEFAULT 0,
            talk_ratio REAL,
            open_question_share REAL,
            questions INTEGER NOT NULL DEFAULT 0,
            open_questions INTEGER NOT NULL DEFAULT 0,
            personal_asks INTEGER NOT NULL DEFAULT 0,
            personal_reveals INTEGER NOT NULL DEFAULT 0,
            directives INTEGER NOT NULL DEFAULT 0,
            reflections INTEGER,
            reflection_to_question REAL,
            personized INTEGER NOT NULL DEFAULT 0,
            proposed_own_actions INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX rehearsals_person ON rehearsals(person_id, created);
        CREATE TABLE calendar_addresses (
            address TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('me','ignore','person')),
            person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
            CHECK ((kind = 'person') = (person_id IS NOT NULL))
        );
        """,
    ),
)

LATEST = MIGRATIONS[-1].version
