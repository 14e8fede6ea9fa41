"""Layout, sidebar, timeline, mode keys, status line, welcome screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, OptionList, TabbedContent

from coach.tui.app import CoachApp
from coach.tui.welcome import WelcomeScreen
from coach.workspace import Workspace
from tests.tui.conftest import TODAY
from tests.tui.helpers import text_of


def sidebar_lines(app: CoachApp) -> list[str]:
    people = app.query_one("#people", OptionList)
    return [str(people.get_option_at_index(i).prompt) for i in range(people.option_count)]


async def test_sidebar_lists_people_with_open_actions_days_and_cancel_mark(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = sidebar_lines(app)
        assert [line.split("\n")[0].rstrip(" ⚠") for line in lines] == [
            "Amara Okafor",
            "Daniel Ortiz",
            "Priya Raman",
            "Tom Becker",
        ]
        tom = lines[3]
        assert "⚠" in tom and "next 1:1: Mon 11:00 · 3 open" in tom  # his next 1:1 is on Monday
        assert "you cancelled 2 of the last 5" in tom.split("\n")[2]  # the brief's headline, on its own line
        assert "⚠" not in lines[0]
        assert "offline coach" in text_of(app, "#status")


async def test_sidebar_without_a_next_1on1_shows_days_since_the_last(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    app.ws.set_next_1on1("Tom Becker", None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tom = sidebar_lines(app)[3]
        assert "report · 3 open · 34d" in tom and "next 1:1" not in tom  # his last held 1:1 was 34 days ago


async def test_timeline_shows_glyphs_dates_and_owners(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down")  # Tom Becker
        await pilot.pause()
        timeline = text_of(app, "#timeline")
        assert "Tom Becker — last 1:1s" in timeline
        assert "✕ 08 Mar by me" in timeline  # cancelled 6 days before TODAY
        assert "● 08 Feb held" in timeline
        assert "███m" in timeline  # three actions the manager took from that 1:1


async def test_function_keys_switch_modes_even_while_typing(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        modes = app.query_one("#modes", TabbedContent)
        for key, mode in (("f2", "roleplay"), ("f3", "debrief"), ("f4", "ask"), ("f1", "prep")):
            await pilot.press(key)
            assert modes.active == mode
        await pilot.press("f4")
        prompt = app.query_one("#ask-chat .chat-input", Input)
        prompt.focus()
        await pilot.press("1", "2")
        assert prompt.value == "12" and modes.active == "ask"  # digits type, they do not switch modes


async def test_welcome_screen_on_first_run_loads_demo(ws: Workspace) -> None:
    app = CoachApp(ws, today=TODAY, warm=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert str(ws.settings.data_dir) in "".join(str(s.content) for s in app.screen.query("Static"))
        await pilot.click("#demo")
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeScreen)
        assert len(sidebar_lines(app)) == 4


async def test_welcome_offers_to_add_first_person(ws: Workspace) -> None:
    app = CoachApp(ws, today=TODAY, warm=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.click("#add")
        await pilot.pause()
        await pilot.press(*"Sam Lee", "enter")
        await pilot.pause()
        assert ws.memory.names() == ["Sam Lee"]
        assert sidebar_lines(app)[0].startswith("Sam Lee")
