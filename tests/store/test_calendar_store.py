"""The schema-4 memory: an older file upgrades in place; export and import carry rehearsals, upcoming 1:1s,
emails and the calendar answers; a calendar import is one transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from coach.demo import load_demo
from coach.domain import Meeting, MeetingSource, MeetingStatus, Person, Rehearsal
from coach.errors import CoachError
from coach.store.calendar import CalendarChanges, apply, set_next
from coach.store.db import APPLICATION_ID
from coach.store.export import export_json, import_doc, read_export
from coach.store.memory import Memory
from coach.store.migrations import LATEST, MIGRATIONS


def test_a_schema_2_file_upgrades_in_place_and_keeps_everything(tmp_data_dir: Path) -> None:
    tmp_data_dir.mkdir(parents=True, exist_ok=True)
    path = tmp_data_dir / "coach.db"
    con = sqlite3.connect(path)
    for migration in MIGRATIONS[:2]:
        con.executescript(migration.sql)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 2")
    con.execute("INSERT INTO people(name, name_key, relationship) VALUES ('Ada Old', 'ada old', 'report')")
    con.execute("INSERT INTO meetings(person_id, date, status) VALUES (1, '2024-05-01', 'held')")
    con.commit()
    con.close()
    with Memory(path) as memory:
        assert memory.schema_version() == LATEST == 4
        record = memory.record("Ada")
        assert record.person.email is None and record.rehearsals == [] and record.upcoming == []
        assert record.meetings[0].source is MeetingSource.manual and record.meetings[0].uid is None


def test_export_and_import_carry_rehearsals_upcoming_emails_and_answers(tmp_data_dir: Path, tmp_path: Path) -> None:
    today = dt.date(2025, 3, 14)
    with Memory.in_dir(tmp_data_dir) as memory:
        load_demo(memory, today)
        memory.edit_person("Priya", email="priya@corp.example")
        memory.log_meeting("Priya", Meeting(date=today, source=MeetingSource.calendar, uid="u1", recurrence_id="r1"))
        apply(memory, CalendarChanges(addresses={"sam@corp.example": ("me", None), "x@y.z": ("ignore", None),
                                                 "priya.r@home.example": ("person", "Priya Raman")}))  # fmt: skip
        first = export_json(memory)
    assert first["calendar_addresses"] == [
        {"address": "sam@corp.example", "kind": "me"},
        {"address": "x@y.z", "kind": "ignore"},
    ]
    priya = next(p for p in first["people"] if p["name"] == "Priya Raman")
    assert priya["email"] == "priya@corp.example" and priya["calendar_aliases"] == ["priya.r@home.example"]
    assert len(priya["rehearsals"]) == 2 and len(priya["upcoming"]) == 1
    backup = tmp_path / "backup.json"
    import json

    backup.write_text(json.dumps(first))
    with Memory.in_dir(tmp_path / "fresh") as fresh:
        import_doc(fresh, read_export(backup))
        assert export_json(fresh) == first


def test_an_export_from_before_the_calendar_still_imports(tmp_data_dir: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(
        '{"format": "coach-export", "version": 1, "people": [{"name": "Ada", "relationship": "report", '
        '"meetings": [{"id": 3, "date": "2024-01-02", "status": "held"}], "actions": [], "notes": []}]}'
    )
    with Memory.in_dir(tmp_data_dir) as memory:
        import_doc(memory, read_export(old))
        assert memory.record("Ada").meetings[0].date == dt.date(2024, 1, 2)


def test_two_people_cannot_share_an_address(tmp_data_dir: Path) -> None:
    with Memory.in_dir(tmp_data_dir) as memory:
        memory.add_person(Person(name="Ada", email="ada@x.example"))
        with pytest.raises(CoachError, match="already Ada's address"):
            memory.add_person(Person(name="Bo", email="ADA@x.example"))
        memory.add_person(Person(name="Bo"))
        with pytest.raises(CoachError, match="already Ada's address"):
            memory.edit_person("Bo", email="ada@x.example")


def test_a_failing_import_writes_nothing_and_a_dry_run_rolls_back(tmp_data_dir: Path) -> None:
    with Memory.in_dir(tmp_data_dir) as memory:
        memory.add_person(Person(name="Ada"))
        held = Meeting(date=dt.date(2025, 1, 6), source=MeetingSource.calendar, uid="s", recurrence_id="1")
        dry = apply(memory, CalendarChanges(new_people=[Person(name="Bo")], meetings=[("Ada", held)]), dry_run=True)
        assert dry.added["held"] == 1 and dry.people_added == 1
        assert memory.names() == ["Ada"] and memory.record("Ada").meetings == []
        broken = CalendarChanges(new_people=[Person(name="Bo")], meetings=[("Ada", held), ("Nobody", held)])
        with pytest.raises(CoachError):
            apply(memory, broken)
        assert memory.names() == ["Ada"] and memory.record("Ada").meetings == []


def test_the_calendar_follows_a_slot_it_recorded_but_not_one_the_user_spoke_for(tmp_data_dir: Path) -> None:
    with Memory.in_dir(tmp_data_dir) as memory:
        memory.add_person(Person(name="Ada"))
        slot = {"source": MeetingSource.calendar, "uid": "s", "recurrence_id": "1"}
        apply(memory, CalendarChanges(meetings=[("Ada", Meeting(date=dt.date(2025, 1, 6), **slot))]))
        later = Meeting(date=dt.date(2025, 1, 6), status=MeetingStatus.cancelled, cancelled_by="them", **slot)
        assert apply(memory, CalendarChanges(meetings=[("Ada", later)])).updated == 1
        assert memory.record("Ada").meetings[0].status is MeetingStatus.cancelled
        memory.log_meeting("Ada", Meeting(date=dt.date(2025, 1, 6), notes="we met after all"))  # claims the slot
        assert apply(memory, CalendarChanges(meetings=[("Ada", later)])).unchanged == 1
        meetings = memory.record("Ada").meetings
        assert [(m.status, m.notes) for m in meetings] == [(MeetingStatus.held, "we met after all")]


def test_the_next_1on1_set_by_hand_is_the_soonest_still_to_come(tmp_data_dir: Path) -> None:
    with Memory.in_dir(tmp_data_dir) as memory:
        memory.add_person(Person(name="Ada"))
        when = dt.datetime(2025, 3, 20, 14, 0, tzinfo=dt.UTC)
        set_next(memory, "Ada", when)
        summary = memory.summaries(dt.date(2025, 3, 14))[0]
        assert summary.next_1on1 is not None and summary.next_1on1.starts_at == when
        assert memory.summaries(dt.date(2025, 3, 21))[0].next_1on1 is None  # it has passed
        assert memory.record("Ada").next_1on1(when - dt.timedelta(minutes=1)) is not None
        memory.save_rehearsal("Ada", Rehearsal(turns=2, talk_ratio=0.4))
        assert memory.record("Ada").rehearsals[0].talk_ratio == 0.4
