"""Replayed rehearsals: for every scenario a good manager earns the agenda and meets every check, a poor one does not.

The lines are in tests/data/rehearsal_scripts.json, written as a manager would say them. They are
played against the demo team (plus a new report and a peer) through the workspace, with the
workspace's line scorer, so the labels are the ones a user gets.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import pytest

from coach.coaching.roleplay import SCENARIOS
from coach.config import load_settings
from coach.text import split_sentences
from coach.workspace import Workspace
from tests.coaching.rehearsals import Script, load_team, play, scripts

SCRIPTS = scripts()


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    settings = load_settings(data_dir=tmp_path_factory.mktemp("rehearsals"))
    w = Workspace(settings)
    load_team(w)
    yield w
    w.close()


def _ids(script: Script) -> str:
    return script.scenario


def test_every_scenario_has_a_script() -> None:
    assert {s.scenario for s in SCRIPTS} == set(SCENARIOS)


@pytest.mark.parametrize("seed", [3, 7])  # the persona's words differ by seed, and each line is read against them
@pytest.mark.parametrize("script", SCRIPTS, ids=_ids)
def test_a_good_manager_surfaces_the_agenda_and_meets_every_check(ws: Workspace, script: Script, seed: int) -> None:
    drill, card = play(ws, script, "good", seed=seed)
    unmet = [(r.label, r.why) for r in card.rubric if not r.met]
    assert not unmet, unmet
    assert card.agenda is not None and card.agenda.surfaced, card.agenda.why() if card.agenda else ""
    line = drill.state.surfaced_at
    replies = [s.text for s in drill.lines if s.speaker == "them" and s.turn == line]
    assert replies and drill.agenda.core in replies[0]  # it came up in the reply to that line
    assert card.agenda.opened_by and "What opened it" in card.agenda.why()


@pytest.mark.parametrize("seed", [3, 7])
@pytest.mark.parametrize("script", SCRIPTS, ids=_ids)
def test_a_poor_manager_keeps_it_buried_and_misses_checks(ws: Workspace, script: Script, seed: int) -> None:
    drill, card = play(ws, script, "poor", seed=seed)
    assert card.agenda is not None and not card.agenda.surfaced
    assert card.checks_met < len(card.rubric)
    assert all(drill.agenda.core not in line for _, line in drill.transcript)
    assert card.agenda.blocked_by, "a poor conversation names what kept the agenda down"


@pytest.mark.parametrize("script", SCRIPTS, ids=_ids)
def test_harder_difficulty_surfaces_the_agenda_later(ws: Workspace, script: Script) -> None:
    turns = []
    for level in (1, 2, 3):
        drill, _ = play(ws, script, "good", difficulty=level)
        turns.append(drill.state.surfaced_at if drill.state.surfaced_at is not None else math.inf)
    assert turns[0] <= turns[1] <= turns[2] and turns[0] < turns[2], turns
    assert turns[0] < math.inf


@pytest.mark.parametrize("script", SCRIPTS, ids=_ids)
def test_no_sentence_repeats_in_a_session(ws: Workspace, script: Script) -> None:
    for which in ("good", "poor"):
        drill, _ = play(ws, script, which, seed=11)
        said = [re.sub(r"\W+", " ", s.lower()).strip() for who, line in drill.transcript if who == "them"
                for s in split_sentences(line)]  # fmt: skip
        assert len(said) == len(set(said)), [s for s in said if said.count(s) > 1]


def test_temperament_changes_behaviour_on_the_same_lines(ws: Workspace) -> None:
    script = next(s for s in SCRIPTS if s.scenario == "may-leave")
    trust = {}
    for temper in ("open", "guarded"):
        drill, _ = play(ws, script, "good", temperament=temper)
        trust[temper] = (drill.state.surfaced_at or math.inf, [e.delta for e in drill.state.events])
    assert trust["open"][0] < trust["guarded"][0]
    assert trust["open"][1] != trust["guarded"][1]


def test_a_persona_from_the_demo_team_brings_up_a_real_open_action_and_a_personal_note(ws: Workspace) -> None:
    drill = ws.drill("Priya Raman", "may-leave", "open", 1, seed=3)
    lines = [
        "How have things been for you lately?",
        "So it's been a full few weeks.",
        "How are you, really, outside work?",
        "What's been on your mind about the work?",
        "Tell me more.",
        "It sounds like you've been carrying a lot.",
    ]
    for line in lines:
        ws.reply(drill, line)
    said = " ".join(line for who, line in drill.transcript if who == "them").lower()
    actions = [a.phrase.lower() for a in drill.persona.theirs + drill.persona.yours]
    personal = ["half marathon", "daughter just started school", "15 km"]
    assert any(a in said for a in actions), said
    assert any(p in said for p in personal), said
