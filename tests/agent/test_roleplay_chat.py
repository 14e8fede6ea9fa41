"""Role-play with a model: the model plays the persona, the drill scores every line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach.config import load_settings
from coach.workspace import Workspace
from tests.fake_model import FakeChatModel


@pytest.fixture
def ws() -> Iterator[Workspace]:
    w = Workspace(load_settings())
    w.load_demo()
    yield w
    w.close()


async def test_model_persona_lines_are_scored_and_reach_the_scorecard(ws: Workspace) -> None:
    model = FakeChatModel.scripted(
        [
            "Fine, I suppose.",
            "Honestly the race went well. I'll write up the reliability plan and bring it next week.",
            "Thanks for the chat.",
        ]
    )
    chat = await ws.model_drill("Priya Raman", "first-1on1", "guarded", model=model)
    chat.search = None  # no cited passage needed here

    first = chat.score("do you have the report?")
    assert first.question == "closed"
    assert "".join([c async for c in chat.stream("do you have the report?")]) == "Fine, I suppose."

    ask = chat.score("how did your half marathon go? I ran my first 10k last month")
    assert ask.personal == "ask"
    _ = [c async for c in chat.stream("how did your half marathon go?")]

    card = await chat.end()
    assert card["turns"] == 2
    assert card["summary"]["personal_asks"] == 1
    assert card["personized"] is True
    assert card["proposed_own_actions"] is True
    assert card["model_feedback"] == "Thanks for the chat."
    await chat.session.aclose()  # the saved conversation's aiosqlite thread must end before the loop closes


async def test_a_new_rehearsal_does_not_inherit_the_last_one(ws: Workspace) -> None:
    model = FakeChatModel.scripted(["Fine.", "Hello."])
    first = await ws.model_drill("Priya Raman", "first-1on1", "guarded", model=model)
    first.score("the old rehearsal line")
    _ = [c async for c in first.stream("the old rehearsal line")]
    await first.session.aclose()

    second = await ws.model_drill("Priya Raman", "promotion", "open", model=model)
    second.score("a new start")
    _ = [c async for c in second.stream("a new start")]
    assert [(m.type, m.text) for m in model.calls[-1][1:]] == [("human", "a new start")]
    assert [m.text for m in await second.session.history()] == ["a new start", "Hello."]
    await second.session.aclose()


async def test_the_model_knows_the_scenario_and_its_own_opening_line(ws: Workspace) -> None:
    model = FakeChatModel.scripted(["I think I'm ready for more."])
    chat = await ws.model_drill("Priya Raman", "promotion", "open", model=model)
    _ = [c async for c in chat.stream("Tell me more.")]
    system = model.calls[0][0].text
    assert "A report who wants a promotion" in system and "my next step here" in system
    assert chat.drill.persona_opens and chat.drill.opening in system
    assert system.count("</persona>") == 1 and system.index("</persona>") > system.index(chat.drill.opening)
    await chat.session.aclose()


async def test_the_model_gets_the_memory_facts_the_agenda_and_the_reveal_rule(ws: Workspace) -> None:
    model = FakeChatModel.scripted(["Okay."])
    chat = await ws.model_drill("Tom Becker", "after-cancellations", model=model)
    _ = [c async for c in chat.stream("Hi Tom.")]
    system = model.calls[0][0].text
    assert "Introduce Tom to the research team" in system  # the user's open promise
    assert "the user cancelled 2 of the last three" in system  # attendance, with who cancelled
    assert "finding it hard to meet people in the new city" in system  # what he shared, in his own voice
    assert chat.drill.agenda.text in system and "Keep it to yourself at first" in system
    assert "skeptical" in system and system.index("Keep it to yourself") < system.index("<persona>")
    await chat.session.aclose()


async def test_a_model_session_gets_the_same_rubric_and_agenda_report(ws: Workspace) -> None:
    agenda_echo = (
        "Honestly, when our 1:1s kept getting cancelled I started to feel I wasn't much of a priority, "
        "so I stopped saving things up for them."
    )
    model = FakeChatModel.scripted(
        ["It's been a while.", "Thanks for saying that.", agenda_echo, "I'll put a short agenda in our doc.", "Done."]
    )
    chat = await ws.model_drill("Tom Becker", "after-cancellations", difficulty=1, model=model)
    chat.search = None
    for line in [
        "I cancelled the last two and that's on me, I'm sorry.",
        "I went through the same when my manager kept cancelling on me.",
        "How have things been for you since we last talked?",
        "What would make these worth your time from here?",
    ]:
        chat.score(line)
        _ = [c async for c in chat.stream(line)]
    card = await chat.end()
    assert card["engine"] == "model" and card["checks_total"] == 6
    own = next(r for r in card["rubric"] if r["id"] == "own")
    assert own["met"] and own["line"] == 1
    assert card["agenda"]["surfaced"] and card["agenda"]["line"] == 3
    step = next(r for r in card["rubric"] if r["id"] == "their_step")
    assert step["met"] and "short agenda" in step["text"]
    await chat.session.aclose()
