"""The relationship memory on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from coach.domain import (
    Action,
    Meeting,
    MeetingStatus,
    Note,
    Owner,
    Party,
    Person,
    Proposer,
    Rehearsal,
    Relationship,
)
from coach.errors import CoachError, StoreError, UnknownPersonError
from coach.store.db import APPLICATION_ID
from coach.store.memory import Memory
from coach.store.migrations import LATEST


@pytest.fixture
def memory(tmp_data_dir: Path) -> Memory:
    return Memory.in_dir(tmp_data_dir)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_database_is_private_to_its_owner(memory: Memory) -> None:
    mode = stat.S_IMODE(memory.path.stat().st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(memory.path.parent.stat().st_mode) & 0o077 == 0


def test_wal_foreign_keys_and_recorded_migrations(memory: Memory) -> None:
    assert memory.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert memory.con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    rows = memory.con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [r["version"] for r in rows] == list(range(1, LATEST + 1))
    assert rows[0]["name"] == "initial_memory"


def test_reopening_does_not_rerun_migrations(tmp_data_dir: Path) -> None:
    Memory.in_dir(tmp_data_dir).close()
    with Memory.in_dir(tmp_data_dir) as again:
        assert again.con.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == LATEST


def test_newer_database_is_refused_and_untouched(tmp_data_dir: Path) -> None:
    Memory.in_dir(tmp_data_dir).close()
    path = tmp_data_dir / "coach.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {LATEST + 5}")
    con.close()
    before = digest(path)
    with pytest.raises(StoreError, match="newer version of coach"):
        Memory(path)
    assert digest(path) == before


@pytest.mark.parametrize(
    "content",
    [b"name,relationship\nAda,report\n", b"\x00\x01\x02 binary junk" * 50],
)
def test_a_file_that_is_not_a_coach_database_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "coach.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a coach database"):
        Memory(path)
    assert path.read_bytes() == content


def test_another_apps_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(StoreError, match="not a coach database"):
        Memory(path)
    assert digest(path) == before


def test_names_are_unique_ignoring_case_in_any_script(memory: Memory) -> None:
    memory.add_person(Person(name="Zoë Ångström"))
    with pytest.raises(CoachError, match="already exists"):
        memory.add_person(Person(name="ZOË ÅNGSTRÖM"))
    assert memory.person("zoë ångström").name == "Zoë Ångström"
    memory.add_person(Person(name="李小龍"))
    assert memory.person("李小龍").name == "李小龍"


def test_unknown_person_suggests_close_matches(memory: Memory) -> None:
    memory.add_person(Person(name="Priya Raman"))
    memory.add_person(Person(name="Tom Becker"))
    with pytest.raises(UnknownPersonError) as err:
        memory.person("Pria Raman")
    assert err.value.suggestions == ["Priya Raman"]
    assert "did you mean 'Priya Raman'" in err.value.message
    with pytest.raises(UnknownPersonError) as err:
        memory.person("Tomm")
    assert "Tom Becker" in err.value.suggestions


def test_meeting_with_actions_and_notes_lands_atomically(memory: Memory) -> None:
    memory.add_person(Person(name="Ada", relationship=Relationship.report))
    taken = memory.add_note("Ada", Note(text="already here"))
    with pytest.raises(StoreError, match="UNIQUE"):  # the last insert fails after the others ran
        memory.log_meeting(
            "Ada",
            Meeting(date=dt.date(2026, 1, 5)),
            [Action(text="good one", owner=Owner.them, proposed_by=Proposer.them)],
            [Note(id=taken.id, text="clashes with an existing note id")],
        )
    record = memory.record("Ada")
    assert record.meetings == [] and record.actions == []
    assert [n.text for n in record.notes] == ["already here"]


def test_held_meeting_cannot_be_cancelled_by_someone(memory: Memory) -> None:
    memory.add_person(Person(name="Ada"))
    with pytest.raises(CoachError, match="--by only applies"):
        memory.log_meeting("Ada", Meeting(date=dt.date(2026, 1, 5), cancelled_by=Party.me))


def test_forget_erases_every_row_and_leaves_no_trace_in_the_file(memory: Memory) -> None:
    from coach.store.calendar import set_next

    memory.add_person(Person(name="Secret Sam", email="quokka-unique@corp.example"))
    memory.add_person(Person(name="Other"))
    memory.log_meeting(
        "Secret Sam",
        Meeting(date=dt.date(2026, 2, 1), uid="walrus-unique-uid", recurrence_id=""),
        [Action(text="zebra-unique-action", owner=Owner.them, proposed_by=Proposer.them)],
        [Note(text="xylophone-unique-note about family", personal=True)],
    )
    memory.save_rehearsal("Secret Sam", Rehearsal(scenario="narwhal-unique-scenario", turns=3))
    set_next(memory, "Secret Sam", dt.datetime(2026, 3, 1, 14, 0, tzinfo=dt.UTC), title="okapi-unique-title")
    memory.con.execute(
        "INSERT INTO calendar_addresses(address, kind, person_id) VALUES ('ibex-unique-alias', 'person', ?)",
        (memory.person("Secret Sam").id,),
    )
    memory.log_meeting("Other", Meeting(date=dt.date(2026, 2, 2)))
    counts = memory.forget("secret sam")
    assert counts == {"meetings": 1, "actions": 1, "notes": 1, "rehearsals": 1, "upcoming": 1, "scrubbed": 1}
    for table in ("meetings", "actions", "notes", "rehearsals", "upcoming", "calendar_addresses"):
        assert (
            memory.con.execute(
                f"SELECT COUNT(*) FROM {table} WHERE person_id NOT IN (SELECT id FROM people)"
            ).fetchone()[0]
            == 0
        )
    assert memory.names() == ["Other"]
    memory.close()
    raw = b"".join(p.read_bytes() for p in memory.path.parent.glob("coach.db*"))
    secrets = (b"Secret Sam", b"zebra-unique-action", b"xylophone-unique-note", b"quokka-unique", b"walrus-unique",
               b"narwhal-unique", b"okapi-unique", b"ibex-unique")  # fmt: skip
    for secret in secrets:
        assert secret not in raw


def test_summaries_mark_recent_cancellations_by_me(memory: Memory) -> None:
    memory.add_person(Person(name="Ada"))
    today = dt.date(2026, 3, 1)
    memory.log_meeting("Ada", Meeting(date=today - dt.timedelta(days=14)))
    memory.log_meeting(
        "Ada", Meeting(date=today - dt.timedelta(days=7), status=MeetingStatus.cancelled, cancelled_by=Party.me)
    )
    memory.add_action("Ada", Action(text="Write it up", owner=Owner.them, proposed_by=Proposer.them))
    [summary] = memory.summaries(today)
    assert summary.open_actions == 1
    assert summary.last_meeting == today - dt.timedelta(days=7)
    assert summary.last_held == today - dt.timedelta(days=14)
    assert summary.cancelled_by_me_recently


def test_complete_action_records_the_day(memory: Memory) -> None:
    memory.add_person(Person(name="Ada"))
    action = memory.add_action("Ada", Action(text="Ship it", owner=Owner.me, proposed_by=Proposer.them))
    assert action.id is not None
    done = memory.complete_action(action.id, on=dt.date(2026, 4, 1))
    assert done.done and done.done_on == dt.date(2026, 4, 1)
    assert memory.actions(open_only=True) == []


def test_application_id_marks_our_files(memory: Memory) -> None:
    assert memory.con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_unique_first_name_is_enough(memory: Memory) -> None:
    memory.add_person(Person(name="Priya Raman"))
    memory.add_person(Person(name="Tom Becker"))
    memory.add_person(Person(name="Tom Hardy"))
    assert memory.person("priya").name == "Priya Raman"
    with pytest.raises(UnknownPersonError) as err:
        memory.person("Tom")  # two Toms: ambiguous, so ask
    assert set(err.value.suggestions) >= {"Tom Becker", "Tom Hardy"}


def test_a_data_dir_that_cannot_be_used_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="is a file, not a directory"):
        Memory.in_dir(blocker)
    with pytest.raises(StoreError, match=r"cannot use .* as the data directory"):
        Memory.in_dir(blocker / "below" / "it")
    assert blocker.read_text() == "not a folder"


def test_a_database_locked_past_the_busy_timeout_is_a_clear_error(
    tmp_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Memory.in_dir(tmp_data_dir).close()
    holder = sqlite3.connect(tmp_data_dir / "coach.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # e.g. another program that never lets go
    monkeypatch.setattr("coach.store.db.BUSY_TIMEOUT_MS", 50)
    try:
        with pytest.raises(StoreError, match="locked"):
            Memory.in_dir(tmp_data_dir)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
