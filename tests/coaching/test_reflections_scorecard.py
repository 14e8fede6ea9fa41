"""The role-play scorecard counts reflections and, when they are scarce, suggests reflecting before asking."""

from __future__ import annotations

import datetime as dt

from coach.coaching import roleplay as rp
from coach.coaching.analysis import LineAnalysis, analyse_line
from coach.coaching.roleplay.scenarios import get_scenario
from coach.coaching.roleplay.scorecard import try_next
from coach.coaching.transcript import Summary
from coach.domain import Person, PersonRecord


def _record() -> PersonRecord:
    return PersonRecord(person=Person(name="Sam Lee", role="Data engineer"), meetings=[], actions=[], notes=[])


def test_the_scorecard_counts_reflections_per_question_against_miti() -> None:
    drill = rp.start(_record(), "first-1on1", "open", seed=4, today=dt.date(2025, 6, 1))
    rp.reply(drill, "How has the first month been?")
    rp.reply(drill, "It sounds like it's been a lot to take in.")
    rp.reply(drill, "You're finding your feet but the on-call worries you.")
    card = rp.end(drill)
    assert card.summary.reflections == 2 and card.summary.questions == 1
    assert "- Reflections: 2 (2 per question: good; MITI: 1 fair, 2 good)" in card.to_markdown()
    data = card.to_json()["summary"]
    assert data["reflections"] == 2 and data["reflection_to_question"] == 2.0


def test_the_drill_scores_my_line_against_their_last_turn() -> None:
    seen: list[tuple[str, str | None]] = []

    def score(text: str, previous: str | None = None) -> LineAnalysis:
        seen.append((text, previous))
        return analyse_line(text, previous)

    drill = rp.start(_record(), "first-1on1", "open", seed=4, score=score)
    turn = rp.reply(drill, "How are things?")
    rp.reply(drill, "So it's been busy.")
    assert seen[-2] == ("So it's been busy.", turn.reply)  # my line, read against the persona's reply


def test_try_next_suggests_reflecting_when_questions_outnumber_reflections() -> None:
    summary = Summary(lines_me=5, lines_them=5, words_me=40, words_them=90, questions=4, open_questions=4)
    advice, query = try_next(summary, personized=True, proposed=True, scenario=get_scenario("first-1on1"))
    assert advice.startswith("After they answer, say back what you heard") and "reflect" in query
    summary.reflections = 4
    advice, _ = try_next(summary, personized=True, proposed=True, scenario=get_scenario("first-1on1"))
    assert not advice.startswith("After they answer")
