"""The debrief finds commitments, their owner and proposer, and nudges like a coach would."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from coach.coaching.debrief.dates import find_due
from coach.domain import Meeting, MeetingStatus, Note, Person, PersonRecord
from coach.errors import CoachError
from coach.nlp.spacy_en import PINNED_SHA256, load, verify
from tests.coaching.debrief_eval import analyse_notes

PRIYA = Person(name="Priya Raman")


def score(filename: str) -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("debrief_eval", Path(__file__).with_name("debrief_eval.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score(filename)  # type: ignore[no-any-return]


WED = dt.date(2025, 2, 26)


def test_labelled_set_meets_the_accuracy_bar() -> None:
    result = score("debrief_notes.json")
    assert result["cases"] >= 70
    assert result["f1"] >= 0.85
    assert result["owner_accuracy"] >= 0.90
    assert result["proposed_by_accuracy"] >= 0.80


def test_core_patterns() -> None:
    got = analyse_notes(
        "I'll email the vendor. She asked me to chase procurement. I told her to update the roadmap.", PRIYA
    )
    roles = {a.text.split()[0]: (a.owner.value, a.proposed_by.value) for a in got.actions}
    assert roles == {"Email": ("me", "me"), "Chase": ("me", "them"), "Update": ("them", "me")}
    assert got.summary() == {"total": 3, "owned_by_them": 1, "proposed_by_them": 1, "owned_by_me": 2}


@pytest.mark.parametrize(
    "notes",
    ["We decided not to hire.", "We might look at X at some point.", "I already sent the deck.", "Good chat."],
)
def test_non_actions(notes: str) -> None:
    assert analyse_notes(notes, PRIYA).actions == []


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("by Friday", dt.date(2025, 2, 28)),
        ("next week", dt.date(2025, 3, 7)),
        ("by 3 March", dt.date(2025, 3, 3)),
        ("tomorrow", dt.date(2025, 2, 27)),
        ("end of month", dt.date(2025, 2, 28)),
        ("whenever", None),
    ],
)
def test_due_dates_resolve_against_the_meeting(phrase: str, due: dt.date | None) -> None:
    assert find_due(f"send it {phrase}", WED) == due


def test_too_many_actions_and_assigned_actions_nudge() -> None:
    notes = (
        "I told her to fix the build. She'll write the doc. I'll call HR. She'll book the room. "
        "I'll help her with the slides."
    )
    got = analyse_notes(notes, PRIYA, meeting_date=WED)
    assert len(got.actions) == 5
    assert {"too_many_actions", "assigned_by_me", "support_actions"} <= set(got.nudge_codes)
    assert any("one or two" in n for n in got.nudges)


def test_cut_short_meeting_nudges_attendance() -> None:
    got = analyse_notes("Ran out of time. She'll send the numbers.", PRIYA, length_minutes=10)
    assert "attendance" in got.nudge_codes
    assert "attendance" in analyse_notes("x y", PRIYA, status=MeetingStatus.cancelled).nudge_codes


def test_personizing_prompt_when_nothing_personal_lately() -> None:
    meetings = [Meeting(id=i, date=WED - dt.timedelta(days=7 * i), notes="status") for i in (1, 2, 3)]
    quiet = PersonRecord(person=PRIYA, meetings=meetings)
    assert "personize" in analyse_notes("She'll send the numbers.", PRIYA, quiet).nudge_codes
    warm = quiet.model_copy(update={"notes": [Note(text="Her dog is ill", personal=True, meeting_id=3)]})
    assert "personize" not in analyse_notes("She'll send the numbers.", PRIYA, warm).nudge_codes
    shared = analyse_notes("She mentioned her mum is in hospital.", PRIYA, quiet)
    assert shared.personal_notes and "personize" not in shared.nudge_codes


@pytest.mark.parametrize(
    ("notes", "text", "owner"),
    [
        ("The design doc will be reviewed by the team.", "Review the design doc", "unclear"),
        ("The slides will be sent by Priya next week.", "Send the slides next week", "them"),
        ("Priya to draft the proposal.", "Draft the proposal", "them"),
    ],
)
def test_passive_and_shorthand_actions_read_cleanly(notes: str, text: str, owner: str) -> None:
    [action] = analyse_notes(notes, PRIYA, meeting_date=WED).actions
    assert (action.text, action.owner.value) == (text, owner)


def test_one_support_action_is_spoken_of_in_the_singular() -> None:
    got = analyse_notes("She asked me to chase procurement.", PRIYA, meeting_date=WED)
    [nudge] = [n for c, n in zip(got.nudge_codes, got.nudges, strict=True) if c == "support_actions"]
    assert "Do it before" in nudge


def test_bad_input() -> None:
    with pytest.raises(CoachError):
        analyse_notes("   \n", PRIYA)
    german = analyse_notes("Wir müssen das Angebot bis Freitag überarbeiten, sagte sie, und dann telefonieren.", PRIYA)
    assert german.actions == [] and "English" in german.warnings[0]
    weird = analyse_notes("\x1b[31mI'll send\x00 the 🎉 deck\u202e by Friday\x07", PRIYA, meeting_date=WED)
    assert len(weird.actions) == 1 and "\x1b" not in weird.actions[0].text


def test_model_is_pinned_and_checked(tmp_path: Path) -> None:
    assert load() is load()
    for rel in PINNED_SHA256:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"tampered")
    with pytest.raises(CoachError, match="checksum"):
        verify(tmp_path)
