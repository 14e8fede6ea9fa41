"""The reordered Prep (the person first, the kind's purpose folded) and the Progress view, driven by keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Collapsible, TabbedContent
from textual_plotext import PlotextPlot

from coach.tui.app import CoachApp
from coach.tui.modes.roleplay import ScorecardScreen
from tests.tui.helpers import text_of


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_prep_opens_with_the_person_and_folds_the_purpose(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        top = text_of(app, "#brief")
        headline = app.ws.brief("Amara Okafor", app.today, with_passages=False).headline
        assert headline and headline in top
        assert "next 1:1: today 16:30" in top  # the demo's next 1:1 with Amara
        order = [top.index(headline), top.index("## Watch-outs"), top.index("## Open actions"),
                 top.index("## Opener"), top.index("## Three key questions")]  # fmt: skip
        assert order == sorted(order)
        assert "## Purpose" not in top and "Outcomes to aim for" not in top
        fold = app.query_one("#brief-fold", Collapsible)
        assert fold.collapsed and "Purpose and outcomes" in str(fold.title)
        assert "Outcomes to aim for" in text_of(app, "#brief-purpose")
        assert not app.query_one("#brief-purpose").region.height  # folded: takes no room
        fold.collapsed = False
        await pilot.pause()
        assert app.query_one("#brief-purpose").region.height > 0


async def test_progress_view_shows_the_numbers_and_switches_to_everyone(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down")  # Priya Raman
        await pilot.press("f5")
        await settle(pilot)
        assert app.query_one("#modes", TabbedContent).active == "progress"
        assert "Your progress with Priya Raman" in text_of(app, "#progress-title")
        numbers = app.query_one("#progress-mode").result  # type: ignore[attr-defined]
        assert numbers.person == "Priya Raman" and [m.month for m in numbers.months][-1] == "2025-03"
        assert sum(m.rehearsals.rehearsals for m in numbers.months) == 2  # the demo's two rehearsals with her
        assert len(app.query(PlotextPlot)) == 3
        await pilot.press("f6")
        await settle(pilot)
        assert "Your progress with everyone" in text_of(app, "#progress-title")
        everyone = app.query_one("#progress-mode").result  # type: ignore[attr-defined]
        assert sum(m.rehearsals.rehearsals for m in everyone.months) == 4


async def test_a_finished_rehearsal_is_saved_and_shows_in_progress(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        before = len(app.ws.record("Amara Okafor").rehearsals)
        await pilot.press("f2", "f6")
        await settle(pilot)
        await pilot.press(*"What would make this week better for you?", "enter")
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, ScorecardScreen)
        saved = app.ws.record("Amara Okafor").rehearsals
        assert len(saved) == before + 1 and saved[-1].questions == 1 and saved[-1].open_questions == 1
        await pilot.press("escape", "f5")
        await settle(pilot)
        result = app.query_one("#progress-mode").result  # type: ignore[attr-defined]
        assert result.person == "Amara Okafor" and sum(m.rehearsals.rehearsals for m in result.months) == 1


async def test_the_progress_view_counts_a_rehearsal_finished_after_it_was_opened(
    make_app: Callable[..., CoachApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await settle(pilot)
        mode: Any = app.query_one("#progress-mode")
        assert sum(m.rehearsals.rehearsals for m in mode.result.months) == 0  # none with Amara yet
        await pilot.press("f2", "f6")
        await settle(pilot)
        await pilot.press(*"How are things with the team leads?", "enter")
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("escape", "f5")
        await settle(pilot)
        assert sum(m.rehearsals.rehearsals for m in mode.result.months) == 1
