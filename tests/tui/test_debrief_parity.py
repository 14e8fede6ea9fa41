"""The same notes saved from the CLI and from the TUI write the same rows: one save path, one behaviour."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from textual.widgets import Input, TextArea
from typer.testing import CliRunner

from coach.cli import app as cli
from coach.config import load_settings
from coach.tui.app import CoachApp
from coach.tui.dialogs import Confirm
from coach.workspace import Workspace
from tests.tui.conftest import TODAY, fixed_search

NOTES = (
    "Good 1:1. She offered to draft the on-call rota by Friday.\n"
    "I'll chase procurement about the licences.\n"
    "We agreed Tom would pair with her on the reconciliation screens.\n"
    "She mentioned her mum is in hospital this week. She's moving flat next weekend.\n"
)
PERSON = "Amara Okafor"


def rows(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What memory holds about the person, without ids or timestamps (which differ between two runs)."""
    con = sqlite3.connect(data_dir / "coach.db")
    try:
        pid = con.execute("SELECT id FROM people WHERE name = ?", (PERSON,)).fetchone()[0]
        meetings = con.execute(
            "SELECT date, status, cancelled_by, length_minutes, notes FROM meetings WHERE person_id = ? ORDER BY id",
            (pid,),
        ).fetchall()
        actions = con.execute(
            "SELECT text, owner, owner_name, proposed_by, due, done, meeting_id IS NOT NULL FROM actions "
            "WHERE person_id = ? ORDER BY id",
            (pid,),
        ).fetchall()
        notes = con.execute(
            "SELECT text, personal, sensitive, meeting_id IS NOT NULL FROM notes WHERE person_id = ? ORDER BY id",
            (pid,),
        ).fetchall()
        return {"meetings": meetings, "actions": actions, "notes": notes}
    finally:
        con.close()


def demo_dir(root: Path, name: str) -> Path:
    ws = Workspace(load_settings(data_dir=root / name))
    ws.load_demo(TODAY)
    ws.close()
    return root / name


async def save_in_tui(data_dir: Path) -> None:
    ws = Workspace(load_settings(data_dir=data_dir))
    app = CoachApp(ws, today=TODAY, search=fixed_search, warm=False)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            app.select(PERSON)
            await pilot.press("f3")
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.query_one("#notes", TextArea).text = NOTES
            app.query_one("#minutes", Input).value = "25"
            await pilot.press("f6")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("f7")
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            await pilot.click("#yes")
            await pilot.pause()
    finally:
        ws.close()


async def test_a_debrief_saved_in_the_tui_writes_what_the_cli_writes(tmp_path: Path) -> None:
    by_cli, by_tui = demo_dir(tmp_path, "cli"), demo_dir(tmp_path, "tui")
    notes_file = tmp_path / "notes.txt"
    notes_file.write_text(NOTES, encoding="utf-8")
    args = ["--data-dir", str(by_cli), "debrief", PERSON, "--notes", str(notes_file), "--save"]
    result = CliRunner().invoke(cli, [*args, "--date", TODAY.isoformat(), "--length", "25"])
    assert result.exit_code == 0, result.output

    await save_in_tui(by_tui)

    cli_rows, tui_rows = rows(by_cli), rows(by_tui)
    assert tui_rows == cli_rows
    kept = [(text, personal, sensitive) for text, personal, sensitive, _ in tui_rows["notes"]]
    assert ("She mentioned her mum is in hospital this week.", 1, 1) in kept
    assert ("She's moving flat next weekend.", 1, 0) in kept
    assert any("rota" in a[0] for a in tui_rows["actions"])
    assert any(a[1:3] == ("other", "Tom") for a in tui_rows["actions"])


async def test_saving_the_same_meeting_twice_in_the_tui_adds_nothing(tmp_path: Path) -> None:
    data = demo_dir(tmp_path, "twice")
    await save_in_tui(data)
    once = rows(data)
    await save_in_tui(data)
    assert rows(data) == once
