"""The offline role-play drill behaves like a person would in the rehearsal."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.coaching import roleplay as rp
from coach.coaching.roleplay.scenarios import SCENARIOS, default_scenario
from coach.domain import (
    Action,
    Level,
    Meeting,
    MeetingStatus,
    Note,
    Owner,
    Party,
    Passage,
    Person,
    PersonRecord,
    Proposer,
    Relationship,
)
from coach.errors import CoachError

TODAY = dt.date(2025, 6, 1)


def _record(**person: object) -> PersonRecord:
    return PersonRecord(
        person=Person(name="Sam Lee", role="Data engineer", **person),
        meetings=[Meeting(date=TODAY - dt.timedelta(days=7), notes="Pipeline review")],
        actions=[Action(text="Fix the flaky ingest job", owner=Owner.them, proposed_by=Proposer.me)],
        notes=[Note(text="Her son just started nursery", personal=True)],
    )


def test_guarded_persona_answers_a_closed_opener_briefly() -> None:
    drill = rp.start(_record(), "first-1on1", "guarded", seed=1)
    turn = rp.reply(drill, "Is the pipeline done?")
    assert turn.analysis.question == "closed"
    assert len(turn.reply.split()) <= 8


def test_reveal_and_ask_make_replies_warmer_and_personal() -> None:
    drill = rp.start(_record(), "first-1on1", "guarded", seed=2)
    cold = rp.reply(drill, "Is the pipeline done?")  # a bare "How are you?" is a greeting, not personal (docs/nlp.md)
    shared = rp.reply(drill, "I had a rough week myself, my dad was in hospital.")
    warm = rp.reply(drill, "How are things with you, really?")
    assert warm.openness > cold.openness
    assert len(warm.reply) > len(cold.reply)
    later = shared.reply + " " + warm.reply
    assert "nursery" in later  # the persona brings up what it shared before, in its own voice
    assert "my son" in later.lower()


def test_no_identical_reply_twice_in_thirty_turns() -> None:
    drill = rp.start(_record(), "missed-actions", "frustrated", seed=3)
    replies = [rp.reply(drill, line).reply for line in ["Did you do it?", "ok", "Send it today."] * 10]
    assert len(set(replies)) == 30


def test_directive_gets_compliance_and_no_self_proposed_action() -> None:
    drill = rp.start(_record(), "missed-actions", seed=4)
    turn = rp.reply(drill, "You need to fix the ingest job by Friday.")
    assert turn.analysis.directive
    assert turn.proposed_action is None
    card = rp.end(drill)
    assert not card.proposed_own_actions
    assert "What options do you see?" in card.try_next


def test_open_priority_question_leads_to_the_persona_proposing_and_the_scorecard_says_so() -> None:
    drill = rp.start(_record(), "missed-actions", "guarded", seed=5)
    turn = rp.reply(drill, "What feels like the priority for you right now?")
    assert turn.proposed_action
    card = rp.end(drill)
    assert card.proposed_own_actions and card.proposed_actions
    assert "proposed their own actions: yes" in card.to_markdown()
    assert card.to_json()["proposed_own_actions"] is True


def test_scorecard_cites_a_passage_when_a_searcher_is_given() -> None:
    passage = Passage(rank=1, score=0.9, title="Reciprocity", source="card", chunk_id="c1", text="Two-way trust.")
    drill = rp.start(_record(), "first-1on1", seed=6)
    rp.reply(drill, "Is it done?")
    card = rp.end(drill, lambda query, k=4: [passage])
    assert card.passage == passage and "Reciprocity" in card.to_markdown()
    assert "no passage" in rp.end(drill, None).to_markdown().lower()


def test_external_engine_can_supply_the_persona_lines() -> None:
    drill = rp.start(_record(), "first-1on1", seed=7)
    drill.record_user_line("What would you like to focus on?")
    drill.record_persona_line("I'll draft a plan for the ingest rewrite and bring it next week.")
    card = rp.end(drill)
    assert card.proposed_own_actions and card.summary.open_questions == 1
    assert "Sam Lee" in drill.persona.describe() and "nursery" in drill.persona.describe()


def test_same_seed_same_replies() -> None:
    lines = ["How was your weekend?", "What matters most this month?"]
    a, b = rp.start(_record(), seed=9), rp.start(_record(), seed=9)
    assert [rp.reply(a, x).reply for x in lines] == [rp.reply(b, x).reply for x in lines]


def test_default_scenarios_follow_the_relationship() -> None:
    assert default_scenario(_record(relationship=Relationship.boss)).id == "disagree-with-boss"
    assert default_scenario(_record(level=Level.manager)).id == "strategy-drift"
    rec = _record()
    rec.meetings = [
        Meeting(date=TODAY - dt.timedelta(days=d), status=MeetingStatus.cancelled, cancelled_by=Party.me)
        for d in (3, 10)
    ]
    assert default_scenario(rec).id == "after-cancellations"
    assert default_scenario(_record()).id == "first-1on1"
    assert {
        "first-1on1",
        "missed-actions",
        "promotion",
        "after-cancellations",
        "disagree-with-boss",
        "strategy-drift",
    } == set(SCENARIOS)


def test_persona_opens_some_scenarios() -> None:
    drill = rp.start(_record(relationship=Relationship.boss), seed=1)
    assert drill.persona_opens and drill.transcript[0][0] == "them"
    assert not rp.start(_record(), "first-1on1", seed=1).persona_opens


@pytest.mark.parametrize(
    ("kwargs", "word"), [({"scenario": "nope"}, "first-1on1"), ({"temperament": "sleepy"}, "guarded")]
)
def test_bad_options_are_clear_errors(kwargs: dict[str, str], word: str) -> None:
    with pytest.raises(CoachError, match=word):
        rp.start(_record(), **kwargs)  # type: ignore[arg-type]
