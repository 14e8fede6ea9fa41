"""The app open while another process (the CLI) changes memory: it notices, says what happened, loses no text.

The other process is a real `coach` command on the same data directory; the app polls
`PRAGMA data_version`, so the tests wait (with a generous deadline) for it to notice.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from coach.tui.app import CoachApp
from coach.workspace import Workspace
from tests.fake_model import FakeChatModel
from tests.procs import coach

NOTES = "- she will draft the rota by Friday\n- I owe her the budget numbers"


@pytest.fixture(autouse=True)
def no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Workspace, "search", lambda self, q, k=4, **kw: [])


def notices(app: CoachApp) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def until(pilot: Pilot[Any], check: Callable[[], bool], rounds: int = 600) -> bool:
    """Let the app run until `check()` holds (the watcher polls once a second), or give up after a long while."""
    for _ in range(rounds):
        if check():
            return True
        await pilot.pause(0.1)
    return check()


async def debrief_for(pilot: Pilot[Any], app: CoachApp, name: str, text: str) -> TextArea:
    app.select(name)
    await pilot.press("f3")
    await pilot.pause()
    area = app.query_one("#notes", TextArea)
    area.focus()
    area.insert(text)
    await pilot.pause()
    return area


def draft_files(data: Path) -> list[Path]:
    return sorted((data / "drafts").glob("*.json")) if (data / "drafts").exists() else []


async def test_forgotten_in_another_process_the_app_says_so_and_keeps_the_notes(
    make_app: Callable[..., CoachApp], tmp_data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        area = await debrief_for(pilot, app, "Tom Becker", NOTES)
        assert await until(pilot, lambda: bool(draft_files(tmp_data_dir)))  # typed text reaches the disk
        assert coach("forget", "Tom Becker", "--yes").returncode == 0
        assert await until(pilot, lambda: "forgotten in another window" in notices(app))
        assert "Tom Becker" not in app.ws.names()
        assert app.selected is None and NOTES in area.text  # no one else is chosen for the user's notes
        assert not draft_files(tmp_data_dir)  # forget took the draft too, and nothing wrote it back
        app.select("Priya Raman")  # the user picks someone: the app goes on, the notes come along
        await pilot.pause()
        assert app.is_running and NOTES in area.text


async def test_a_stale_sidebar_entry_does_not_end_the_app(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        assert coach("forget", "Tom Becker", "--yes").returncode == 0
        app.select("Tom Becker")  # before the watcher noticed: the sidebar still listed Tom
        await pilot.pause()
        assert app.is_running
        assert await until(pilot, lambda: "Tom Becker" not in app.ws.names() and app.selected != "Tom Becker")


async def test_renamed_in_another_process_the_app_follows_and_keeps_the_notes(
    make_app: Callable[..., CoachApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        area = await debrief_for(pilot, app, "Tom Becker", NOTES)
        assert coach("people", "edit", "Tom", "--name", "Thomas Becker").returncode == 0
        assert await until(pilot, lambda: app.selected == "Thomas Becker")
        assert "now called Thomas Becker" in notices(app)
        assert NOTES in area.text


async def test_unsaved_notes_survive_the_app_and_go_once_saved(
    make_app: Callable[..., CoachApp], tmp_data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await debrief_for(pilot, app, "Tom Becker", NOTES)
        assert await until(pilot, lambda: bool(draft_files(tmp_data_dir)))
    [draft] = draft_files(tmp_data_dir)
    assert json.loads(draft.read_text())["text"] == NOTES and draft.stat().st_mode & 0o077 == 0

    again = make_app()  # a new run (the last one could have crashed): the notes come back
    async with again.run_test(size=(120, 40)) as pilot:
        again.select("Tom Becker")
        await pilot.press("f3")
        await pilot.pause()
        area = again.query_one("#notes", TextArea)
        assert await until(pilot, lambda: area.text == NOTES)
        assert "unsaved notes for Tom Becker are back" in notices(again)
        area.text = ""  # cleared: discarded
        await pilot.pause()
        assert await until(pilot, lambda: not draft_files(tmp_data_dir))


async def test_notes_typed_for_one_person_stay_with_them(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        area = await debrief_for(pilot, app, "Tom Becker", NOTES)
        app.select("Priya Raman")
        await pilot.pause()
        assert area.text == ""  # Priya's box is her own
        app.select("Tom Becker")
        await pilot.pause()
        assert area.text == NOTES


async def test_a_roleplay_line_being_typed_is_kept_as_a_draft(
    make_app: Callable[..., CoachApp], tmp_data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.select("Tom Becker")
        await pilot.press("f2")
        await pilot.pause()
        prompt = app.query_one("#rp-input", Input)
        prompt.focus()
        await pilot.press(*"how are you finding the new project?")
        assert await until(pilot, lambda: any("roleplay" in p.name for p in draft_files(tmp_data_dir)))
        app.select("Priya Raman")
        await pilot.pause()
        assert prompt.value == ""
        app.select("Tom Becker")
        await pilot.pause()
        assert prompt.value == "how are you finding the new project?"


def threads(data: Path, person: str) -> int:
    path = data / "conversations.db"
    if not path.exists():
        return 0
    con = sqlite3.connect(path)
    try:
        return int(
            con.execute(
                "SELECT COUNT(*) FROM checkpoints WHERE thread_id LIKE ?", (person.casefold() + ":%",)
            ).fetchone()[0]
        )
    finally:
        con.close()


async def test_an_open_prep_chat_ends_when_its_person_is_forgotten(
    make_app: Callable[..., CoachApp], tmp_data_dir: Path
) -> None:
    app = make_app(chat_model=FakeChatModel.scripted(["Ask how the launch went.", "This must never be saved."]))
    async with app.run_test(size=(120, 40)) as pilot:
        app.select("Tom Becker")
        await pilot.pause()
        chat = app.query_one("#prep-chat .chat-input", Input)
        chat.focus()
        await pilot.press(*"What should I ask Tom?", "enter")
        assert await until(pilot, lambda: threads(tmp_data_dir, "Tom Becker") > 0)
        await app.workers.wait_for_complete()
        assert coach("forget", "Tom Becker", "--yes").returncode == 0
        assert threads(tmp_data_dir, "Tom Becker") == 0
        app.prep.query_one("#prep-chat").focus()  # the next message, sent before or after the app noticed
        session = app.prep.query_one("#prep-chat").session  # type: ignore[attr-defined]
        if session is not None:
            with pytest.raises(Exception, match="no longer in memory"):
                await session.reply("And what about his promotion?")
        assert await until(pilot, lambda: "forgotten in another window" in notices(app))
        await app.workers.wait_for_complete()
        assert threads(tmp_data_dir, "Tom Becker") == 0  # nothing of the conversation came back
        forget_again = coach("forget", "Tom Becker", "--yes")
        assert forget_again.returncode == 2 and "no person named" in forget_again.stderr
