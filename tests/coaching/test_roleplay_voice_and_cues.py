"""Memory said in the persona's own voice, and the rehearsal's structural cues (ownership, a clear position, recall)."""

from __future__ import annotations

import pytest

from coach.coaching.roleplay.cues import ownership, position, recall, self_proposal
from coach.coaching.roleplay.voice import as_gerund_phrase, as_statement, dated, their_view


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("Training for her first half marathon", "I'm training for my first half marathon."),
        (
            "Her daughter just started school; mornings are hectic",
            "My daughter just started school; mornings are hectic.",
        ),
        ("Ran 15 km last weekend, her longest so far", "I ran 15 km last weekend, my longest so far."),
        ("Keen to lead the reliability work next quarter", "I'm keen to lead the reliability work next quarter."),
        ("We agreed Tom would pair with her", "We agreed Tom would pair with me."),
        ("Coaching his son's football team on Saturdays", "I'm coaching my son's football team on Saturdays."),
    ],
)
def test_a_note_about_them_is_said_in_their_own_voice(note: str, said: str) -> None:
    assert as_statement(note) == said


def test_the_managers_own_words_come_back_as_you() -> None:
    assert their_view("I disagreed with the reorg timing; he asked for data.") == (
        "You disagreed with the reorg timing; I asked for data."
    )


@pytest.mark.parametrize(
    ("action", "phrase"),
    [
        ("Introduce Tom to the research team", "introducing me to the research team"),
        ("Send Tom Becker the accessibility guidelines", "sending me the accessibility guidelines"),
        ("Set up a weekly design critique", "setting up a weekly design critique"),
        ("Bring attrition and delivery data on the reorg", "bringing attrition and delivery data on the reorg"),
        ("Share the updated quarterly priorities", "sharing the updated quarterly priorities"),
        ("Plan the offsite", "planning the offsite"),
    ],
)
def test_a_promise_becomes_a_phrase_to_ask_about(action: str, phrase: str) -> None:
    name = "Tom Becker"
    assert as_gerund_phrase(action, name) == phrase


def test_a_dated_note_is_said_as_what_was_said_then() -> None:
    assert dated("My half marathon is this Sunday.", 8) == "About a week ago I said my half marathon was that Sunday."
    assert dated("My half marathon is this Sunday.", 1) == "My half marathon is this Sunday."  # still current
    assert dated("My daughter started school.", 40) == "My daughter started school."  # no time of its own


@pytest.mark.parametrize(
    "line",
    [
        "I'm sorry about that. I cancelled three times and that's on me.",
        "I kept moving our 1:1s, and I shouldn't have.",
        "That was my mistake, I dropped the ball on the intro.",
        "I haven't followed through on the budget question.",
    ],
)
def test_owning_a_lapse_is_credited(line: str) -> None:
    assert ownership(line).met


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Sorry, it has been a hectic few weeks.", "apology"),
        ("We kept cancelling, it's been chaos.", '"we"'),
        ("It wasn't my fault, the board moved it.", "not theirs"),
    ],
)
def test_near_misses_say_why_they_fell_short(line: str, why: str) -> None:
    cue = ownership(line)
    assert not cue.met and cue.near and why in cue.why


def test_moving_house_is_not_a_lapse() -> None:
    assert not ownership("I moved to Leeds last year, so I know the feeling.").met


def test_a_clear_position_needs_no_hedge_and_a_reason() -> None:
    assert position("I can't commit to Friday, because testing alone takes two weeks.").met
    assert position("That date isn't realistic: we have 3 weeks of work left.").met
    hedged = position("Maybe we can't do it by Friday.")
    assert not hedged.met and "hedged" in hedged.why
    bare = position("I don't agree with the timing.")
    assert not bare.met and "no reason" in bare.why


def test_recall_names_the_fact_it_refers_to() -> None:
    facts = [("personal note", "Training for her first half marathon"), ("your action", "Book the offsite room")]
    cue = recall("How did the marathon go?", facts)
    assert cue.met and cue.kind == "personal note" and '"marathon"' in cue.why
    assert not recall("How was the week?", facts).met


def test_a_step_of_their_own_is_not_compliance() -> None:
    assert self_proposal("Okay, I'll do that.") is None
    assert self_proposal("Hm. I think I'll put a short agenda in our doc. Then we see.") == (
        "I'll put a short agenda in our doc"
    )
