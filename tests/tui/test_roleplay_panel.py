"""The role-play live panel: the score, the rubric ticking off, a subtle trust meter (a setting hides it), the why."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from coach.tui.app import CoachApp
from coach.tui.modes.roleplay import RoleplayMode
from tests.tui.helpers import text_of


async def test_the_panel_ticks_the_rubric_and_shows_the_why_on_demand(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        before = text_of(app, "#score")
        assert "Rubric" in before and "· Ask at least two open questions" in before  # visible before a word is said
        assert "Trust ▰" in before or "Trust ▱" in before
        app.query_one("#rp-input", Input).focus()
        await pilot.press(*"How is the department's work lining up with the strategy?", "enter")
        await app.workers.wait_for_complete()
        await pilot.press(*"What would you like to change first?", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        after = text_of(app, "#score")
        assert "✓ Ask at least two open questions" in after
        assert "Last line  open question" in after
        assert "Why (last line)" not in after
        await pilot.press("f8")
        await pilot.pause()
        shown = text_of(app, "#score")
        assert "Why (last line)" in shown and "question: open" in shown
        await pilot.press("f8")
        await pilot.pause()
        assert "Why (last line)" not in text_of(app, "#score")


async def test_the_trust_meter_setting_hides_it(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    app.ws.settings.roleplay_trust_meter = False
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.query_one("#rp-input", Input).focus()
        await pilot.press(*"How are things?", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = text_of(app, "#score")
        assert "Rubric" in panel and "Trust" not in panel


async def test_rehearsing_the_brief_opener_picks_the_opener_scenario(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f6")  # in Prep: rehearse the brief's opener
        await app.workers.wait_for_complete()
        await pilot.pause()
        mode = app.query_one(RoleplayMode)
        assert mode.drill is not None and mode.drill.scenario.id == "opener"
        assert app.query_one("#rp-input", Input).value  # the opener waits in the prompt
