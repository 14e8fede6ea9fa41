"""The debrief finds commitments, their owner (third persons too) and proposer, personal news, and nudges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from coach.coaching.debrief import Debrief
from coach.coaching.debrief import analyse_notes as _analyse_notes
from coach.coaching.debrief.dates import find_due
from coach.domain import Meeting, MeetingStatus, Note, Person, PersonRecord, Relationship
from coach.errors import CoachError
from coach.nlp import debrief_model
from coach.nlp.spacy_en import PINNED_SHA256, load, verify

PRIYA = Person(name="Priya Raman")
WED = dt.date(2025, 2, 26)
ISSUE_NOTE = """Good 1:1 with Priya. She's worried the payments migration will slip because the ledger team keeps \
changing the API.
She suggested she set up a weekly sync with their lead, which I think is great.
I offered to escalate to their director if it doesn't improve by end of month.
We agreed Tom would pair with her on the reconciliation screens.
She's moving flat next weekend so she'll be offline Friday.
Action: me - book the architecture review room for the 12th."""


def analyse_notes(*args: Any, rules_only: bool = False, **kwargs: Any) -> Debrief:
    """The debrief as the workspace runs it: the verified pipeline and the shipped scorers handed in."""
    scorers = None if rules_only else debrief_model.load()
    return _analyse_notes(*args, nlp=load(), scorer=scorers, personal_scorer=scorers, **kwargs)


def roles(got: Debrief) -> list[tuple[str, str, str | None, str]]:
    return [(a.text, a.owner.value, a.owner_name, a.proposed_by.value) for a in got.actions]


@pytest.mark.parametrize("rules_only", [False, True], ids=["shipped", "rules alone"])
def test_the_issue_note_gives_its_four_actions_and_a_personal_follow_up(rules_only: bool) -> None:
    got = analyse_notes(ISSUE_NOTE, PRIYA, meeting_date=dt.date(2026, 3, 4), rules_only=rules_only)
    assert roles(got) == [
        ("Set up a weekly sync with their lead", "them", None, "them"),
        ("Escalate to their director if it doesn't improve by end of month", "me", None, "me"),
        ("Pair with her on the reconciliation screens", "other", "Tom", "unclear"),
        ("Book the architecture review room for the 12th", "me", None, "unclear"),
    ]
    assert [a.due for a in got.actions] == [None, dt.date(2026, 3, 31), None, dt.date(2026, 3, 12)]
    assert [(p.text, p.sensitive) for p in got.personal] == [
        ("She's moving flat next weekend so she'll be offline Friday.", False)
    ]
    assert "report_owns" in got.nudge_codes and any("Priya proposed" in n for n in got.nudges)
    assert "others_own" in got.nudge_codes and any(n.startswith("Tom owns") for n in got.nudges)


def test_core_patterns() -> None:
    got = analyse_notes(
        "I'll email the vendor. She asked me to chase procurement. I told her to update the roadmap.", PRIYA
    )
    assert [(a.text, a.owner.value, a.proposed_by.value) for a in got.actions] == [
        ("Email the vendor", "me", "me"),
        ("Chase procurement", "me", "them"),
        ("Update the roadmap", "them", "me"),
    ]
    assert got.summary() == {
        "total": 3,
        "owned_by_them": 1,
        "proposed_by_them": 1,
        "owned_by_me": 2,
        "owned_by_others": 0,
    }


@pytest.mark.parametrize(
    "notes",
    [
        "She's worried the launch will slip.",  # a worry
        "He thinks the new beds will help once they arrive.",  # a forecast under a cognition verb
        "I already sent the deck last week.",  # a past event
        "We decided not to change the rota this month.",  # a decision not to act
        "She might do the leadership course at some point.",  # an idea with no commitment
        "She'll be offline Friday.",  # an absence
        "He'll be on leave next week.",
        "No actions this time.",
        "Good chat.",
    ],
)
def test_non_actions(notes: str) -> None:
    assert analyse_notes(notes, PRIYA).actions == []
    assert analyse_notes(notes, PRIYA, rules_only=True).actions == []


@pytest.mark.parametrize(
    ("notes", "owner", "name", "proposer"),
    [
        ("He asked me to get him an answer from finance.", "me", None, "them"),  # the report asks the manager
        ("I suggested he pair the new drivers with a buddy.", "them", None, "me"),
        ("She volunteered to run the retro.", "them", None, "them"),
        ("She agreed to take on the audit.", "them", None, "me"),  # "agreed": the other side raised it
        ("Legal will check the wording before Friday.", "other", "Legal", "unclear"),
        ("Sharon in HR will check whether the contract changes.", "other", "Sharon", "unclear"),
        ("We'll review it together on Monday.", "both", None, "unclear"),
        ("She wants the numbers before the board, so I'll pull them together by Wednesday.", "me", None, "them"),
    ],
)
def test_owner_and_proposer_come_from_the_construction(notes: str, owner: str, name: str | None, proposer: str) -> None:
    [action] = analyse_notes(notes, PRIYA, meeting_date=WED).actions
    assert (action.owner.value, action.owner_name, action.proposed_by.value) == (owner, name, proposer)


def test_bulleted_notes_with_headers_and_owner_tags() -> None:
    notes = (
        "Priya - weekly\n"
        "Concerns:\n- worried the vendor will miss the date\n"
        "Next steps:\n- me: book the venue\n- send the agenda (her)\n- Tom to draft the invite\n"
        "- reprint the badges - who? tbc\n"
        "Parked\n- new loyalty app, maybe in Q4\n"
    )
    got = analyse_notes(notes, PRIYA, meeting_date=WED)
    assert [(a.text, a.owner.value, a.owner_name) for a in got.actions] == [
        ("Book the venue", "me", None),
        ("Send the agenda", "them", None),
        ("Draft the invite", "other", "Tom"),
        ("Reprint the badges", "unclear", None),
    ]


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("by Friday", dt.date(2025, 2, 28)),
        ("by Thursday", dt.date(2025, 2, 27)),
        ("by Wednesday", dt.date(2025, 3, 5)),  # the meeting's own weekday: next week's
        ("next week", dt.date(2025, 3, 7)),
        ("by 3 March", dt.date(2025, 3, 3)),
        ("tomorrow", dt.date(2025, 2, 27)),
        ("end of month", dt.date(2025, 2, 28)),
        ("by the end of the month", dt.date(2025, 2, 28)),
        ("in two weeks", dt.date(2025, 3, 12)),
        ("by the 12th", dt.date(2025, 3, 12)),
        ("before the 28th", dt.date(2025, 2, 28)),
        ("before Christmas", dt.date(2025, 12, 24)),
        ("before our next 1:1", dt.date(2025, 3, 5)),
        ("by wedensday", dt.date(2025, 3, 5)),  # a typo of a weekday
        ("from next week", None),  # a start, not a due date
        ("from May", None),
        ("from Monday", dt.date(2025, 3, 3)),  # a start on one day: the first of it is due then
        ("starting tomorrow", dt.date(2025, 2, 27)),
        ("on a Saturday", None),  # any one of a kind
        ("from last Friday", None),  # a day gone by
        ("and move the cut-off to the 19th", None),  # the new date is what the task sets
        ("to our next 1:1", dt.date(2025, 3, 5)),
        ("every Friday", None),
        ("whenever", None),
    ],
)
def test_due_dates_resolve_against_the_meeting(phrase: str, due: dt.date | None) -> None:
    assert find_due(f"send it {phrase}", WED) == due


def test_a_line_opening_with_a_team_and_an_infinitive_is_that_teams_task() -> None:
    notes = "- QA to sign off the cards\n- security firm to add a door person\n- no change to close calendar\n"
    got = analyse_notes(notes, PRIYA, meeting_date=WED)
    assert [(a.owner.value, a.owner_name) for a in got.actions] == [("other", "QA"), ("other", "security firm")]


def test_a_subject_the_small_parser_loses_is_still_the_owner() -> None:
    notes = (
        "My team leader Carla will make the new shift plan. "
        "I need to speak to the warehouse about the testers and Ravi on the night crew will do a recount of the cage."
    )
    got = analyse_notes(notes, PRIYA, meeting_date=WED)
    assert [(a.owner.value, a.owner_name) for a in got.actions] == [
        ("other", "Carla"),
        ("me", None),
        ("other", "Ravi"),
    ]


def test_an_owner_tag_followed_by_a_bare_day_still_names_the_owner() -> None:
    notes = "- chase carrier re damaged pallets (me) fri\n- chase hq re aircon engineer — me, thurs\n"
    got = analyse_notes(notes, PRIYA, meeting_date=WED)
    assert [(a.owner.value, a.due) for a in got.actions] == [("me", dt.date(2025, 2, 28)), ("me", dt.date(2025, 2, 27))]


def test_a_reply_in_the_same_breath_answers_the_request() -> None:
    got = analyse_notes(
        "She asked me to lend her a receptionist on Saturdays, I said I will check my rota. "
        "He asked me to send the deck. I'll ask Aisha about the rota.",
        PRIYA,
        meeting_date=WED,
    )
    assert [(a.owner.value, a.proposed_by.value) for a in got.actions] == [
        ("me", "them"),
        ("me", "them"),
        ("me", "them"),
        ("me", "me"),
    ]


def test_together_anywhere_in_the_tasks_words_makes_it_shared() -> None:
    notes = "- review the allergen matrix together next week\n- she'll check it together with me after\n"
    got = analyse_notes(notes, PRIYA, meeting_date=WED)
    assert [a.owner.value for a in got.actions] == ["both", "both"]
    [pulled] = analyse_notes("She'll pull the numbers together.", PRIYA, meeting_date=WED).actions
    assert pulled.owner.value == "them"


def test_a_verb_with_a_prefix_is_one_word() -> None:
    got = analyse_notes(
        "She's going to re-run the calc by Friday. Legal to re-audit the contracts.", PRIYA, meeting_date=WED
    )
    assert [a.text for a in got.actions] == ["Re-run the calc by Friday", "Re-audit the contracts"]


def test_a_day_that_names_a_thing_is_no_due_date_and_a_split_day_is_read_whole() -> None:
    notes = (
        "- me: send the Christmas staffing plan by wed\n"  # the tokeniser reads "wed" as "we'd"
        "- she'll cover his Tuesday shift\n"
        "- he'll demo it at Thursday's huddle\n"
    )
    got = analyse_notes(notes, PRIYA, meeting_date=WED)
    assert [a.due for a in got.actions] == [dt.date(2025, 3, 5), None, dt.date(2025, 2, 27)]


def test_an_ambiguous_day_ending_a_terse_line_is_a_day() -> None:
    assert find_due("she'll trial a ticket system sat", WED) == dt.date(2025, 3, 1)
    assert find_due("retrain night shift on the torque settings wed", WED) == dt.date(2025, 3, 5)
    assert find_due("the exam she sat", WED) is None


def test_next_one_to_one_follows_the_cadence_the_record_shows() -> None:
    fortnightly = PersonRecord(
        person=PRIYA, meetings=[Meeting(id=i, date=WED - dt.timedelta(days=14 * i)) for i in range(1, 5)]
    )
    assert find_due("bring it to the next 1:1", WED, fortnightly) == dt.date(2025, 3, 12)
    [action] = analyse_notes("She'll bring the plan to our next 1:1.", PRIYA, fortnightly, meeting_date=WED).actions
    assert action.due == dt.date(2025, 3, 12)


def test_personal_news_is_kept_and_sensitive_news_marked() -> None:
    got = analyse_notes(
        "She'll send the numbers by Friday. Her son started school this week. Her mum is in hospital again.",
        PRIYA,
        meeting_date=WED,
    )
    assert [(p.text, p.sensitive) for p in got.personal] == [
        ("Her son started school this week.", False),
        ("Her mum is in hospital again.", True),
    ]
    saved = got.notes_to_save()
    assert [(n.personal, n.sensitive) for n in saved] == [(True, False), (True, True)]
    assert [n.text for n in analyse_notes("I'm off to a wedding on Saturday.", PRIYA).personal] == []


def test_manager_proposing_most_is_asked_which_the_report_could_own() -> None:
    notes = "I told her to fix the build. I suggested she write the doc. I asked her to book the room."
    got = analyse_notes(notes, PRIYA, meeting_date=WED)
    assert "manager_proposed_most" in got.nudge_codes
    [nudge] = [n for c, n in zip(got.nudge_codes, got.nudges, strict=True) if c == "manager_proposed_most"]
    assert "You proposed 3 of the 3 actions" in nudge and "could Priya own" in nudge
    peer = Person(name="Priya Raman", relationship=Relationship.peer)
    assert "manager_proposed_most" not in analyse_notes(notes, peer, meeting_date=WED).nudge_codes


def test_too_many_actions_and_support_nudges() -> None:
    notes = "She'll write the doc. I'll call HR. She'll book the room. I'll help her with the slides."
    got = analyse_notes(notes, PRIYA, meeting_date=WED)
    assert len(got.actions) == 4
    assert {"too_many_actions", "support_actions"} <= set(got.nudge_codes)


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
    assert shared.personal and "personize" not in shared.nudge_codes


@pytest.mark.parametrize(
    ("notes", "text", "owner"),
    [
        ("The design doc will be reviewed by the team.", "Review the design doc", "other"),
        ("The slides will be sent by Priya next week.", "Send the slides next week", "them"),
        ("Priya to draft the proposal.", "Draft the proposal", "them"),
    ],
)
def test_passive_and_shorthand_actions_read_cleanly(notes: str, text: str, owner: str) -> None:
    [action] = analyse_notes(notes, PRIYA, meeting_date=WED).actions
    assert (action.text, action.owner.value) == (text, owner)


def test_bad_input() -> None:
    with pytest.raises(CoachError):
        analyse_notes("   \n", PRIYA)
    german = analyse_notes("Wir müssen das Angebot bis Freitag überarbeiten, sagte sie, und dann telefonieren.", PRIYA)
    assert german.actions == [] and "English" in german.warnings[0]
    weird = analyse_notes("\x1b[31mI'll send\x00 the 🎉 deck\u202e by Friday\x07", PRIYA, meeting_date=WED)
    assert len(weird.actions) == 1 and "\x1b" not in weird.actions[0].text


def test_models_are_pinned_and_checked(tmp_path: Path) -> None:
    assert load() is load()
    for rel in PINNED_SHA256:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"tampered")
    with pytest.raises(CoachError, match="checksum"):
        verify(tmp_path)
    assert debrief_model.read_weights()  # the shipped weights match their pin
    copy = tmp_path / "weights.json"
    copy.write_bytes(debrief_model.WEIGHTS.read_bytes().replace(b'"bias":', b'"bias": ', 1))
    with pytest.raises(CoachError, match="checksum"):
        debrief_model.read_weights(copy)
