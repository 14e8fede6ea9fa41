"""Prep, Role-play, Debrief and Ask, offline, driven by keys."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Input, TabbedContent, TextArea

from coach.tui.app import CoachApp
from coach.tui.dialogs import Confirm, PassageScreen
from coach.tui.modes.roleplay import ScorecardScreen
from tests.tui.conftest import TODAY
from tests.tui.helpers import screen_text, text_of


async def test_prep_shows_brief_and_opens_a_source(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Amara Okafor" in text_of(app, "#brief")
        app.query_one("#passages").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PassageScreen)
        assert "Let them own the next step" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, PassageScreen)


async def test_prep_key_starts_a_roleplay(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query_one("#modes", TabbedContent).active == "roleplay"
        assert "Amara Okafor" in text_of(app, "#persona")


async def test_roleplay_turn_updates_score_and_ends_with_scorecard(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*"How are you finding the new plan?", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        score = text_of(app, "#score")
        assert "Open qs    100%" in score and "You talk" in score
        lines = [str(w.content) for w in app.query(".line-them")]
        assert lines and lines[-1].startswith("Amara Okafor: ")
        await pilot.press("f7")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)


async def test_debrief_extracts_lets_user_fix_owner_and_saves(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        app.query_one("#notes", TextArea).text = "I will send her the budget numbers by Friday.\n"
        await pilot.press("f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.query_one("#actions", DataTable)
        assert table.row_count >= 1
        before = table.get_cell_at((0, 1))
        table.focus()
        await pilot.press("o")
        assert table.get_cell_at((0, 1)) != before
        await pilot.press("p")
        chosen = table.get_cell_at((0, 1))
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.click("#yes")
        await pilot.pause()
        record = app.ws.memory.record("Amara Okafor")
        assert record.meetings[-1].date == TODAY and "budget" in record.meetings[-1].notes
        assert record.actions[-1].owner.value == chosen
        assert "Saved." in text_of(app, "#nudges")


async def test_debrief_interview_offline_puts_answers_in_notes(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        app.query_one("#interview .chat-input", Input).focus()
        await pilot.press(*"She brought the hiring plan", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "She brought the hiring plan" in app.query_one("#notes", TextArea).text
        assert "who said they would do it" in screen_text(app)


async def test_ask_offline_labels_search_results(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        app.query_one("#ask-chat .chat-input", Input).focus()
        await pilot.press(*"how do I delegate", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Search results" in text and "it does not answer" in text
        assert "Let them own the next step" in text and "knowledge/ownership" in text
