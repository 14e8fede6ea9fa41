"""Forgetting a person reaches every copy coach made: exports in the data dir, drafts, renamed conversations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.config import Settings
from coach.demo import load_demo
from coach.domain import Note
from coach.workspace import Workspace
from tests.agent.sessions import saved_session
from tests.fake_model import FakeChatModel
from tests.procs import coach, file_bytes

SECRET = "told me about the adoption"


@pytest.fixture
def ws(settings: Settings) -> Iterator[Workspace]:
    workspace = Workspace(settings)
    load_demo(workspace.memory)
    workspace.add_note("Tom Becker", Note(text=SECRET, personal=True))
    yield workspace
    workspace.close()


def test_forget_takes_the_person_out_of_exports_in_the_data_dir(ws: Workspace, tmp_path: Path) -> None:
    data = ws.settings.data_dir
    ws.export_to(data / "coach-export-2026-03-01.json", "json")  # what an older app's palette left there
    ws.export_to(data / "coach-export-2026-03-01.md", "md")
    ws.export_to(data / "priya-only.md", "md")
    (data / "priya-only.md").write_text((data / "priya-only.md").read_text().split("## Tom Becker")[0])
    (data / "unrelated.json").write_text('{"Tom Becker": "not an export"}')
    outside = tmp_path / "backup.json"
    ws.export_to(outside, "json")
    ws.close()

    run = coach("forget", "Tom Becker", "--yes")
    assert run.returncode == 0, run.stderr
    assert "taken out of the JSON exports in the data directory: coach-export-2026-03-01.json" in run.stdout
    assert "Deleted the Markdown exports in the data directory that held them: coach-export-2026-03-01.md" in run.stdout
    kept = json.loads((data / "coach-export-2026-03-01.json").read_text())
    assert "Tom Becker" not in [p["name"] for p in kept["people"]] and "Priya Raman" in [
        p["name"] for p in kept["people"]
    ]
    assert (data / "coach-export-2026-03-01.json").stat().st_mode & 0o077 == 0
    assert not (data / "coach-export-2026-03-01.md").exists()
    assert (data / "priya-only.md").exists() and (data / "unrelated.json").exists()  # not about Tom / not ours
    assert SECRET in outside.read_text()  # the user's own backup elsewhere is theirs
    assert SECRET.encode() not in b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    restored = coach("import", str(data / "coach-export-2026-03-01.json"), "--replace")
    assert restored.returncode == 0, restored.stderr


def test_forget_removes_the_persons_drafts(ws: Workspace) -> None:
    tom = ws.person("Tom")
    assert tom.id is not None and ws.save_draft(tom.id, "debrief", f"- {SECRET}")
    report = ws.forget("Tom")
    assert report.drafts == 1 and "1 unsaved drafts" in report.lines()[0]
    assert SECRET.encode() not in file_bytes(ws.settings.data_dir, "drafts/*")
    assert ws.save_draft(tom.id, "debrief", "typed after the forget") is False  # nothing is written for them
    assert not list(ws.settings.data_dir.glob("drafts/*"))


async def test_a_renamed_persons_conversations_are_forgotten_with_them(ws: Workspace) -> None:
    s = await saved_session(
        ws, job="prep", person="Tom Becker", system_prompt="s", model=FakeChatModel.scripted(["ok"])
    )
    await s.reply(f"Tom {SECRET}")
    await s.aclose()
    ws.edit_person("Tom Becker", name="Thomas Becker")
    again = await saved_session(
        ws, job="prep", person="Thomas Becker", system_prompt="s", model=FakeChatModel.scripted([])
    )
    assert any(SECRET in str(m.content) for m in await again.history())  # the conversation moved with the name
    await again.aclose()
    assert ws.forget("Thomas Becker").conversations == 1
    assert SECRET.encode() not in file_bytes(ws.settings.data_dir, "conversations.db*")
