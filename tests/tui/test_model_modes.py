"""Prep, Ask and Role-play with a (fake) model: resumed conversations, follow-ups, cancel and errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from coach.domain import Passage
from coach.tui.app import CoachApp
from coach.tui.dialogs import PassageScreen
from coach.tui.modes.roleplay import RoleplayMode
from coach.workspace import Workspace
from tests.fake_model import FakeChatModel
from tests.tui.conftest import TODAY
from tests.tui.helpers import screen_text, text_of


@pytest.fixture(autouse=True)
def no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may build the real knowledge index (~50 s)."""
    monkeypatch.setattr(Workspace, "search", lambda self, q, k=4, **kw: [])


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def settle_until(pilot: Pilot[Any], text: str, rounds: int = 200) -> str:
    """Settle until `text` is on screen (or give up): some workers start only after others finish,
    e.g. the conversation opens after the first paint has built the brief, later on a loaded machine."""
    for _ in range(rounds):
        await settle(pilot)
        if text in (shown := screen_text(pilot.app)):
            return shown
        await pilot.pause(0.05)
    return screen_text(pilot.app)


def notices(app: CoachApp) -> str:
    return " ".join(str(n.message) for n in app._notifications)


def user_lines(mode: RoleplayMode) -> list[str]:
    return [text for who, text in mode.drill.transcript if who == "me"]


async def test_prep_chat_answers_and_a_resumed_conversation_shows_earlier_messages(
    make_app: Callable[..., CoachApp],
) -> None:
    app = make_app(chat_model=FakeChatModel.scripted(["Start with how the move is going."]))
    async with app.run_test(size=(120, 40)) as pilot:
        assert "What do you want from this 1:1" in await settle_until(pilot, "What do you want from this 1:1")
        app.query_one("#prep-chat .chat-input", Input).focus()
        await pilot.press(*"What should I focus on?", "enter")
        await settle(pilot)
        assert "Start with how the move is going." in screen_text(app)

    again = make_app(chat_model=FakeChatModel.scripted([]))
    async with again.run_test(size=(120, 40)) as pilot:
        text = await settle_until(pilot, "earlier conversation")
        assert "What should I focus on?" in text and "Start with how the move is going." in text
        assert "earlier conversation" in text


async def test_an_ask_follow_up_is_read_with_the_earlier_exchange(make_app: Callable[..., CoachApp]) -> None:
    model = FakeChatModel.scripted(["Ask what she needs to say yes.", "Then agree a smaller first step.", "Hello."])
    app = make_app(chat_model=model)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        app.query_one("#ask-chat .chat-input", Input).focus()
        await pilot.press(*"how do I ask Amara to lead the review", "enter")
        await settle(pilot)
        await pilot.press(*"and what if she says no?", "enter")
        await settle(pilot)
        assert "Then agree a smaller first step." in screen_text(app)
        follow_up = [m.text for m in model.calls[1]]
        assert "how do I ask Amara to lead the review" in follow_up and "Ask what she needs to say yes." in follow_up
        await pilot.press("f6")  # a new conversation forgets the earlier one
        await pilot.pause()
        assert "Then agree a smaller first step." not in screen_text(app)
        await pilot.press(*"hi", "enter")
        await settle(pilot)
        assert "how do I ask Amara to lead the review" not in [m.text for m in model.calls[2]]


async def start_model_roleplay(pilot: Pilot[Any]) -> RoleplayMode:
    await pilot.press("f2", "f6")
    await settle(pilot)
    mode = pilot.app.query_one(RoleplayMode)
    assert mode.chat is not None  # the model plays the persona
    return mode


async def test_escape_cancels_the_persona_and_the_line_is_scored_once_when_said_again(
    make_app: Callable[..., CoachApp],
) -> None:
    slow = " ".join(["busy"] * 300)
    app = make_app(chat_model=FakeChatModel.scripted([slow, "Fine, thanks."], delay=0.05))
    async with app.run_test(size=(120, 40)) as pilot:
        mode = await start_model_roleplay(pilot)
        prompt = app.query_one("#rp-input", Input)
        await pilot.press(*"How are you finding the new plan?", "enter")
        for _ in range(200):  # until the persona has started answering
            if app.query(".line-them") and "busy" in app.query(".line-them").last().source:  # type: ignore[attr-defined]
                break
            await pilot.pause(0.05)
        await pilot.press("escape")
        await pilot.pause()
        assert prompt.value == "How are you finding the new plan?"
        assert user_lines(mode) == [] and not app.query(".line-me")
        assert "cancelled" in notices(app)
        await pilot.press("enter")  # say it again
        await settle(pilot)
        assert user_lines(mode) == ["How are you finding the new plan?"]
        assert "Fine, thanks" in app.query(".line-them").last().source  # type: ignore[attr-defined]
        assert "Open qs    100%" in text_of(app, "#score")


async def test_a_model_error_is_a_notification_and_the_line_stays(make_app: Callable[..., CoachApp]) -> None:
    app = make_app(chat_model=FakeChatModel.scripted([RuntimeError("server down"), "Sure."]))
    async with app.run_test(size=(120, 40)) as pilot:
        mode = await start_model_roleplay(pilot)
        await pilot.press(*"What would help this week?", "enter")
        await settle(pilot)
        assert "could not answer" in notices(app)
        assert app.query_one("#rp-input", Input).value == "What would help this week?"
        assert user_lines(mode) == []
        await pilot.press("enter")
        await settle(pilot)
        assert user_lines(mode) == ["What would help this week?"]
        assert "Sure" in app.query(".line-them").last().source  # type: ignore[attr-defined]


async def test_prep_f6_rehearses_the_briefs_opener(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        opener = app.ws.brief("Amara Okafor", TODAY, with_passages=False).opener
        await pilot.press("f6")
        await settle(pilot)
        assert app.query_one("#modes", TabbedContent).active == "roleplay"
        assert app.query_one("#rp-input", Input).value == opener
        await pilot.press("enter")
        await settle(pilot)
        mode = app.query_one(RoleplayMode)
        assert user_lines(mode) == [opener] and app.query(".line-them")  # said, and the persona answered


CARD = "one-to-ones/action-overload.md"
SECOND = "Long lists dilute attention, suggest the manager wasn't listening, and quietly guarantee failure"


def cited(source: str, text: str) -> Callable[[str, int], list[Passage]]:
    passage = Passage(rank=1, score=0.9, title="Too many actions", source=source, chunk_id="c-1", text=text)
    return lambda query, k=4: [passage]


async def open_first_source(pilot: Pilot[Any]) -> PassageScreen:
    await settle(pilot)
    pilot.app.query_one("#passages").focus()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PassageScreen)
    return pilot.app.screen


async def test_a_cited_card_opens_whole_with_the_passage_marked(make_app: Callable[..., CoachApp]) -> None:
    app = make_app(search=cited(CARD, SECOND + ", which then eats into trust at the next session."))
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_first_source(pilot)
        blocks = [str(w.content) for w in dialog.query("#passage-body Static")]
        assert any("Leaving a 1:1 with a long list of actions" in b for b in blocks)  # the card's first paragraph
        assert any("Try this" in b for b in blocks)  # and its last
        marked = [str(w.content) for w in dialog.query(".passage-hit")]
        assert len(marked) == 1 and marked[0].startswith(SECOND)


async def test_a_vanished_file_still_shows_the_passage(make_app: Callable[..., CoachApp]) -> None:
    app = make_app(search=cited("/nowhere/notes.md", "Ask before you tell."))
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_first_source(pilot)
        assert "Ask before you tell." in screen_text(app)
        assert "Only the cited passage is available." in screen_text(app)
        assert [str(w.content) for w in dialog.query(".passage-hit")] == ["Ask before you tell."]
