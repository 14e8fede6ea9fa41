"""Prep and debrief with a model: the coach's first question is ours, the model carries on from the answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from coach.config import load_settings
from coach.workspace import Workspace
from tests.fake_model import FakeChatModel

TODAY = dt.date(2025, 3, 14)


@pytest.fixture
def ws(monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.setattr(Workspace, "search", lambda self, q, k=4, **kw: [])  # no index build here
    w = Workspace(load_settings())
    w.load_demo(TODAY)
    yield w
    w.close()


async def test_prep_opens_by_asking_what_the_manager_wants_grounded_in_the_brief(ws: Workspace) -> None:
    model = FakeChatModel.scripted(["Good aim. What will you ask first?", "Fine."])
    s = await ws.open_session("prep", "Tom Becker", model=model, today=TODAY)
    try:
        assert s.opening is not None and s.opening.startswith("What do you want from this 1:1 with Tom?")
        assert "From the brief:" in s.opening  # a fact from his brief, e.g. the open actions or a watch-out
        assert await s.reply("I want to hear how the move is going.") == "Good aim. What will you ask first?"
        first_call = [(m.type, m.text) for m in model.calls[0]]
        assert first_call[1:] == [("ai", s.opening), ("human", "I want to hear how the move is going.")]
        assert "opened this conversation by asking the manager what they want" in " ".join(first_call[0][1].split())
        await s.reply("Then about the roadmap.")
        assert [m.type for m in await s.history()] == ["ai", "human", "ai", "human", "ai"]  # asked once, not again
    finally:
        await s.aclose()


async def test_a_resumed_prep_conversation_does_not_ask_again(ws: Workspace) -> None:
    first = await ws.open_session("prep", "Tom Becker", model=FakeChatModel.scripted(["Noted."]), today=TODAY)
    await first.reply("Clarity on the roadmap.")
    await first.aclose()
    model = FakeChatModel.scripted(["Welcome back."])
    again = await ws.open_session("prep", "Tom Becker", model=model, today=TODAY)
    await again.reply("Where were we?")
    assert [m.type for m in model.calls[0]].count("ai") == 2  # the opening and "Noted.", from the saved thread
    await again.aclose()


async def test_debrief_interview_carries_on_from_the_question_already_shown(ws: Workspace) -> None:
    question = "What did they bring to the meeting, and what did you bring?"
    model = FakeChatModel.scripted(["And who suggested that step?"])
    s = await ws.open_session("debrief", "Tom Becker", notes="notes so far", model=model, opening=question)
    try:
        assert await s.reply("He brought the usability findings.") == "And who suggested that step?"
        assert [(m.type, m.text) for m in model.calls[0][1:]] == [
            ("ai", question),
            ("human", "He brought the usability findings."),
        ]
        system = " ".join(model.calls[0][0].text.split())
        assert "said mattered most" in system and "who suggested each step" in system
    finally:
        await s.aclose()
