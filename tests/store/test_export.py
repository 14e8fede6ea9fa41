"""Export to JSON, import into an empty memory, export again: nothing changes."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.domain import (
    Action,
    Level,
    Meeting,
    MeetingStatus,
    Note,
    Owner,
    Party,
    Person,
    Proposer,
    Relationship,
    check_name,
    looks_alike,
)
from coach.errors import CoachError
from coach.store.export import export_json, export_markdown, import_doc, read_export
from coach.store.memory import Memory

text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
stamps = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=dt.UTC)
)


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    status = draw(st.sampled_from(MeetingStatus))
    return Meeting(
        date=draw(days),
        status=status,
        cancelled_by=None if status is MeetingStatus.held else draw(st.sampled_from(Party)),
        length_minutes=draw(st.none() | st.integers(0, 240)),
        notes=draw(st.just("") | text),
    )


def _storable(name: str) -> bool:
    try:
        check_name(name)
    except ValueError:
        return False
    return True


names_ = text.filter(_storable)  # names memory accepts: no hidden characters, no look-alike alphabets mixed


@st.composite
def people(draw: st.DrawFn) -> list[tuple[Person, list[Meeting], list[Action], list[Note]]]:
    names = draw(st.lists(names_, min_size=0, max_size=4, unique_by=looks_alike))
    out = []
    for name in names:
        person = Person(
            name=name.strip(),
            relationship=draw(st.sampled_from(Relationship)),
            role=draw(st.just("") | text),
            level=draw(st.sampled_from(Level)),
            context=draw(st.just("") | text),
        )
        done = draw(st.booleans())
        actions = [
            Action(
                text=t,
                owner=(owner := draw(st.sampled_from(Owner))),
                owner_name=draw(text) if owner is Owner.other else None,
                proposed_by=draw(st.sampled_from(Proposer)),
                due=draw(st.none() | days),
                done=done,
                done_on=draw(days) if done else None,
                created=draw(stamps),
            )
            for t in draw(st.lists(text, max_size=3))
        ]
        notes = [
            Note(text=t, personal=draw(st.booleans()), sensitive=draw(st.booleans()), created=draw(stamps))
            for t in draw(st.lists(text, max_size=3))
        ]
        out.append((person, draw(st.lists(meetings(), max_size=3)), actions, notes))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=people())
def test_export_import_export_is_identical(data: list[tuple[Person, list[Meeting], list[Action], list[Note]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first = Memory(Path(tmp) / "a.db")
        for person, meets, actions, notes in data:
            first.add_person(person)
            for i, meeting in enumerate(meets):
                # attach the actions and notes to the first meeting, keep the rest free-standing
                first.log_meeting(person.name, meeting, actions if i == 0 else [], notes if i == 0 else [])
            if not meets:
                for action in actions:
                    first.add_action(person.name, action)
                for note in notes:
                    first.add_note(person.name, note)
        exported = export_json(first)
        first.close()
        path = Path(tmp) / "export.json"
        path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
        second = Memory(Path(tmp) / "b.db")
        import_doc(second, read_export(path))
        assert export_json(second) == exported
        second.close()


def test_import_refuses_existing_people_unless_replacing(tmp_data_dir: Path, tmp_path: Path) -> None:
    memory = Memory.in_dir(tmp_data_dir)
    memory.add_person(Person(name="Ada"))
    memory.add_action("Ada", Action(text="old", owner=Owner.me, proposed_by=Proposer.me))
    path = tmp_path / "e.json"
    path.write_text(json.dumps(export_json(memory)))
    with pytest.raises(CoachError, match="already exists"):
        import_doc(memory, read_export(path))
    assert len(memory.actions()) == 1
    import_doc(memory, read_export(path), replace=True)
    assert [a.text for _, a in memory.actions()] == ["old"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a coach export"),
        ('{"format": "other"}', "not a coach export"),
        ('{"format": "coach-export", "version": 99, "people": []}', "version 99"),
        ('{"format": "coach-export", "version": 1, "people": [{"name": "X", "relationship": "friend"}]}', "people.0"),
    ],
)
def test_bad_import_files_get_clear_messages(tmp_data_dir: Path, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CoachError, match=message):
        read_export(path)


def test_markdown_export_shows_control_characters_escaped(tmp_data_dir: Path) -> None:
    memory = Memory.in_dir(tmp_data_dir)
    memory.add_person(Person(name="Eve"))
    memory.add_note("Eve", Note(text="hi \x1b]0;pwned\x07 there", personal=True))
    md = export_markdown(memory)
    assert "\x1b" not in md and "\x07" not in md
    assert "\\x1b]0;pwned\\x07" in md
