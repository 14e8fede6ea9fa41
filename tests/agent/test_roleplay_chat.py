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
