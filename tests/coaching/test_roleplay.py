"""The offline rehearsal behaves like a person would: memory, an inner state, replies that follow, a visible rubric."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from coach.coaching import roleplay as rp
from coach.coaching.roleplay.persona import build_card
from coach.coaching.roleplay.scenarios import SCENARIOS, choose_scenario, default_scenario
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
from coach.text import split_sentences

TODAY = dt.date(2025, 6, 1)


def _record(**person: object) -> PersonRecord:
    return PersonRecord(
        person=Person(name="Sam Lee", role="Data engineer", **person),
        meetings=[Meeting(date=TODAY - dt.timedelta(days=7), notes="Pipeline review")],
        actions=[Action(text="Fix the flaky ingest job", owner=Owner.them, proposed_by=Proposer.me)],
        notes=[Note(text="Her son just started nursery", personal=True)],
    )


def _sentences(drill: rp.Drill) -> list[str]:
    return [re.sub(r"\W+", " ", s.lower()).strip() for who, line in drill.transcript if who == "them"
            for s in split_sentences(line)]  # fmt: skip


def test_guarded_persona_answers_a_closed_opener_briefly() -> None:
    drill = rp.start(_record(), "first-1on1", "guarded", seed=1, today=TODAY)
    turn = rp.reply(drill, "Is the pipeline done?")
    assert turn.analysis.question == "closed"
    assert len(turn.reply.split()) <= 8


def test_reveal_and_ask_make_replies_warmer_and_personal() -> None:
    drill = rp.start(_record(), "first-1on1", "guarded", seed=2, today=TODAY)
    cold = rp.reply(drill, "Is the pipeline done?")  # a bare "How are you?" is a greeting, not personal (docs/nlp.md)
    shared = rp.reply(drill, "I had a rough week myself, my dad was in hospital.")
    warm = rp.reply(drill, "How are things with you, really?")
    assert warm.openness > shared.openness > cold.openness
    assert len(warm.reply) > len(cold.reply)
    said = (shared.reply + " " + warm.reply).lower()
    assert "my son just started nursery" in said  # what they shared before, in their own voice, once warm


def test_no_sentence_repeats_in_thirty_turns_of_the_same_three_lines() -> None:
    drill = rp.start(_record(), "performance-concern", "frustrated", seed=3, today=TODAY)
    for line in ["Did you do it?", "ok", "Send it today."] * 10:
        rp.reply(drill, line)
    said = _sentences(drill)
    assert len(said) == len(set(said)) and len(said) >= 30


def test_twenty_varied_turns_never_repeat_a_sentence_and_tails_are_rare() -> None:
    lines = [
        "How have things been?", "What's on your mind this week?", "Tell me more about that.", "Is it on track?",
        "So it's been a lot.", "How are you, really?", "What would help?", "Did you talk to the team?",
        "I had a hard month too.", "What else?", "It sounds like the ingest job is wearing you down.",
        "Why do you think it keeps slipping?", "Okay.", "What would you like to do next?", "Fix it by Friday.",
        "How's home?", "What matters most to you right now?", "Anything else?", "So you're stretched.", "Thanks.",
    ]  # fmt: skip
    for seed in (1, 2, 3):
        drill = rp.start(_record(), "performance-concern", seed=seed, today=TODAY)
        replies = [rp.reply(drill, line).reply for line in lines]
        said = _sentences(drill)
        assert len(said) == len(set(said)), [s for s in said if said.count(s) > 1]
        tails = sum(r.endswith(("It's been a long few weeks.", "Anyway.")) for r in replies)
        assert tails <= 4


def test_directive_gets_flat_compliance_and_no_self_proposed_action() -> None:
    drill = rp.start(_record(), "performance-concern", seed=4, today=TODAY)
    turn = rp.reply(drill, "You need to fix the ingest job by Friday.")
    assert turn.analysis.directive
    assert turn.proposed_action is None and len(turn.reply.split()) <= 8
    card = rp.end(drill)
    assert not card.proposed_own_actions
    assert "What options do you see?" in card.try_next


def test_a_forward_question_gets_their_own_step_once_they_trust_you_and_is_handed_back_before() -> None:
    drill = rp.start(_record(), "performance-concern", "guarded", seed=5, today=TODAY)
    early = rp.reply(drill, "What feels like the priority for you right now?")
    assert early.proposed_action is None  # a guarded person with no rapport hands the question back
    rp.reply(drill, "How are you doing, really?")
    rp.reply(drill, "It sounds like the ingest job has been hanging over you.")
    later = rp.reply(drill, "What would you like to do about it?")
    assert later.proposed_action
    card = rp.end(drill)
    assert card.proposed_own_actions and card.proposed_actions
    assert "proposed their own actions: yes" in card.to_markdown()
    step = next(r for r in card.rubric if r.id == "their_step")
    assert step.met and step.text == later.proposed_action


def test_scorecard_cites_a_passage_when_a_searcher_is_given() -> None:
    passage = Passage(rank=1, score=0.9, title="Reciprocity", source="card", chunk_id="c1", text="Two-way trust.")
    drill = rp.start(_record(), "first-1on1", seed=6, today=TODAY)
    rp.reply(drill, "Is it done?")
    card = rp.end(drill, lambda query, k=4: [passage])
    assert card.passage == passage and "Reciprocity" in card.to_markdown()
    assert "no passage" in rp.end(drill, None).to_markdown().lower()


def test_external_engine_can_supply_the_persona_lines() -> None:
    drill = rp.start(_record(), "first-1on1", seed=7, today=TODAY)
    drill.record_user_line("What would you like to focus on?")
    drill.record_persona_line("I'll draft a plan for the ingest rewrite and bring it next week.")
    card = rp.end(drill)
    assert card.proposed_own_actions and card.summary.open_questions == 1
    assert "Sam Lee" in drill.persona.describe() and "nursery" in drill.persona.describe()


def test_agreeing_to_an_order_is_not_proposing_a_step() -> None:
    drill = rp.start(_record(), "first-1on1", seed=7, today=TODAY)
    drill.record_user_line("Send me the ingest fix by Friday.")
    drill.record_persona_line("Okay, I'll send you the ingest fix by Friday.")
    card = rp.end(drill)
    assert not card.proposed_own_actions
    step = next(r for r in card.rubric if r.id == "their_step")
    assert not step.met and "agreed to your step" in step.why


def test_same_seed_same_replies() -> None:
    lines = ["How was your weekend?", "What matters most this month?"]
    a, b = rp.start(_record(), seed=9, today=TODAY), rp.start(_record(), seed=9, today=TODAY)
    assert [rp.reply(a, x).reply for x in lines] == [rp.reply(b, x).reply for x in lines]


def test_the_rubric_is_visible_before_and_decided_after_with_the_line_and_the_why() -> None:
    drill = rp.start(_record(), "after-cancellations", seed=1, today=TODAY)
    before = drill.rubric()
    assert [r.label for r in before][:2] == [
        "Acknowledge the cancellations as yours",
        "Make at least one personal move",
    ]
    assert all(r.pending and r.mark() == "·" for r in before)
    first = rp.reply(drill, "I'm sorry. I cancelled the last two and that's on me.")
    assert [r.id for r in first.newly_met] == ["own", "directives", "talk"]
    rp.reply(drill, "Just send me the backlog.")
    rp.reply(drill, "And bring the numbers.")
    card = rp.end(drill)
    own = next(r for r in card.rubric if r.id == "own")
    assert own.met and own.line == 1 and "on me" in own.why
    told = next(r for r in card.rubric if r.id == "directives")
    assert not told.met and told.line == 3 and told.text == "And bring the numbers."
    data = card.to_json()
    assert data["checks_total"] == len(SCENARIOS["after-cancellations"].checks)
    assert {"id", "label", "met", "line", "text", "why"} <= set(data["rubric"][0])
    assert "✓ Acknowledge the cancellations as yours: met — line 1" in card.to_markdown()


def test_an_apology_without_ownership_is_the_closest_miss() -> None:
    drill = rp.start(_record(), "after-cancellations", seed=1, today=TODAY)
    rp.reply(drill, "Sorry, it's been a hectic few weeks with the board.")
    own = next(r for r in rp.end(drill).rubric if r.id == "own")
    assert not own.met and own.line == 1 and "apology" in own.why


def test_directives_and_interrogation_keep_the_agenda_buried_and_say_so() -> None:
    drill = rp.start(_record(), "performance-concern", seed=2, today=TODAY)
    for line in ["You need to fix the ingest job.", "Did you start?", "Is it hard?", "Do it today."]:
        rp.reply(drill, line)
    card = rp.end(drill)
    assert card.agenda is not None and not card.agenda.surfaced
    kinds = {e.kind for e in card.agenda.blocked_by}
    assert {"directive", "interrogation"} <= kinds
    assert "stayed buried" in card.agenda.why() and "a directive (line 1)" in card.agenda.why()
    assert "did not surface" in card.to_markdown()


def test_the_persona_card_holds_memory_as_the_person_would_say_it() -> None:
    rec = _record()
    rec.meetings = [
        Meeting(date=TODAY - dt.timedelta(days=40), notes="Talked about the roadmap; she seemed tired."),
        Meeting(date=TODAY - dt.timedelta(days=20), status=MeetingStatus.cancelled, cancelled_by=Party.me),
        Meeting(date=TODAY - dt.timedelta(days=6), status=MeetingStatus.cancelled, cancelled_by=Party.me),
    ]
    rec.actions.append(
        Action(text="Introduce Sam to the platform team", owner=Owner.me, due=TODAY - dt.timedelta(days=3))
    )
    card = build_card(rec, today=TODAY)
    assert card.cancelled_by_me == 2 and card.days_since_held == 40 and card.held == 1
    assert card.yours[0].phrase == "introducing me to the platform team" and card.yours[0].overdue
    assert card.personal_notes == ["My son just started nursery."]
    text = card.describe()
    assert "the user cancelled 2 of the last three" in text and "Notes from your last 1:1: Talked about" in text
    assert "overdue by 3 days" in text


def test_memory_picks_the_scenario_that_fits_and_says_why() -> None:
    assert default_scenario(_record(relationship=Relationship.boss)).id == "disagree-with-boss"
    assert default_scenario(_record(relationship=Relationship.peer)).id == "peer-conflict"
    assert default_scenario(_record(level=Level.manager)).id == "strategy-drift"
    rec = _record()
    rec.meetings = [
        Meeting(date=TODAY - dt.timedelta(days=d), status=MeetingStatus.cancelled, cancelled_by=Party.me)
        for d in (3, 10)
    ]
    chosen, why = choose_scenario(rec, TODAY)
    assert chosen.id == "after-cancellations" and "you cancelled 2" in why
    assert default_scenario(_record(), TODAY).id == "first-1on1"
    late = _record()
    late.actions = [Action(text=f"Task {i}", owner=Owner.them, due=TODAY - dt.timedelta(days=5)) for i in range(2)]
    assert default_scenario(late, TODAY).id == "performance-concern"
    assert {
        "after-cancellations", "first-1on1", "performance-concern", "may-leave", "say-no", "impossible-timeline",
        "peer-conflict", "opener", "promotion", "disagree-with-boss", "strategy-drift",
    } == set(SCENARIOS)  # fmt: skip


def test_old_scenario_names_and_from_memory_still_work() -> None:
    assert rp.start(_record(), "missed-actions", seed=1, today=TODAY).scenario.id == "performance-concern"
    assert rp.start(_record(), "from-memory", seed=1, today=TODAY).chosen_because


def test_persona_opens_some_scenarios() -> None:
    drill = rp.start(_record(relationship=Relationship.boss), seed=1, today=TODAY)
    assert drill.persona_opens and drill.transcript[0][0] == "them"
    assert not rp.start(_record(), "first-1on1", seed=1, today=TODAY).persona_opens


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [({"scenario": "nope"}, "first-1on1"), ({"temperament": "sleepy"}, "guarded"), ({"difficulty": 7}, "1, 2 or 3")],
)
def test_bad_options_are_clear_errors(kwargs: dict[str, object], word: str) -> None:
    with pytest.raises(CoachError, match=word):
        rp.start(_record(), **kwargs)  # type: ignore[arg-type]
