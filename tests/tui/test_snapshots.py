"""SVG snapshots of the main screens at 80×24 and 120×40 (frozen today, fixed demo data and search)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from coach.tui.app import CoachApp
from coach.workspace import Workspace
from tests.tui.conftest import TODAY, fixed_search

SIZES = [(80, 24), (120, 40)]


async def settle(pilot: Pilot[Any], rounds: int = 400) -> None:
    """Until no worker runs and two looks in a row see the same screen.

    One wait is not enough on a busy machine: a worker's result arrives as a message after the worker
    ends, and some workers start only when another has finished (the brief after the first paint).
    """
    last: str | None = None
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for field in pilot.app.screen.query("Input, TextArea"):
            field.cursor_blink = False  # type: ignore[attr-defined]  # a blinking cursor is a coin toss
        now = pilot.app.export_screenshot()  # layout too: a size breakpoint may apply a frame later
        if now == last and not any(w.is_running for w in pilot.app.workers):
            return
        last = now
        await pilot.pause(0.05)


@pytest.mark.parametrize("size", SIZES)
def test_prep(snap_compare: Any, make_app: Callable[..., CoachApp], size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_roleplay_after_a_turn(snap_compare: Any, make_app: Callable[..., CoachApp], size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("f2", "f6")
        await settle(pilot)
        await pilot.press(*"What would make this week better for you?", "enter")
        await settle(pilot)
        pilot.app.query_one("#rp-input").cursor_blink = False  # the shot must not depend on when the cursor blinks
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_debrief_extracted(snap_compare: Any, make_app: Callable[..., CoachApp], size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("f3")
        pilot.app.query_one(
            "#notes", TextArea
        ).text = "She will draft the platform principles.\nI will book the offsite."
        await pilot.press("f6")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_ask_offline(snap_compare: Any, make_app: Callable[..., CoachApp], size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("f4")
        pilot.app.query_one("#ask-chat .chat-input").focus()
        await pilot.press(*"how do I delegate", "enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_welcome(snap_compare: Any, ws: Workspace, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """First run (empty memory): the welcome dialog over the real main screen."""
    assert ws.memory.is_empty()  # opened in the test's data dir; the dialog then names a fixed one
    monkeypatch.setattr(ws.settings, "data_dir", Path("/home/you/.local/share/coach"))
    app = CoachApp(ws, today=TODAY, search=fixed_search, warm=False)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_progress(snap_compare: Any, make_app: Callable[..., CoachApp], size: tuple[int, int]) -> None:
    """The Progress view (F5) for the selected person: the numbers, then the charts."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("f5")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run)
