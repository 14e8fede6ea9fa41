"""`coach brief` and `coach debrief` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from coach.cli import app

NOTES = "I'll email the vendor by Friday. She offered to draft the plan.\nShe mentioned her mum is in hospital.\n"


def _demo(runner: CliRunner) -> None:
    assert runner.invoke(app, ["demo"]).exit_code == 0


def test_brief_json_and_page(runner: CliRunner) -> None:
    _demo(runner)
    res = runner.invoke(app, ["brief", "Tom Becker", "--json", "--no-passages"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["kind"] == "ic" and "cancelled_by_me" in data["watch_out_codes"]
    page = runner.invoke(app, ["brief", "Amara Okafor", "--no-passages"])
    assert page.exit_code == 0 and "Three key questions" in page.stdout


def test_unknown_person_suggests(runner: CliRunner, tmp_path: Path) -> None:
    _demo(runner)
    res = runner.invoke(app, ["brief", "Amarra"])
    assert res.exit_code == 2 and "Amara Okafor" in res.output
    notes = tmp_path / "n.txt"
    notes.write_text(NOTES)
    assert runner.invoke(app, ["debrief", "Nobody", "--notes", str(notes)]).exit_code == 2


def test_debrief_save_twice_does_not_duplicate(runner: CliRunner, tmp_path: Path) -> None:
    _demo(runner)
    notes = tmp_path / "n.txt"
    notes.write_text(NOTES)
    args = ["debrief", "Tom Becker", "--notes", str(notes), "--save", "--json", "--date", "2025-02-26"]
    first = json.loads(runner.invoke(app, args).stdout)
    assert first["saved"] is True and first["summary"]["total"] == 2
    second = json.loads(runner.invoke(app, args).stdout)
    assert second["saved"] is False and any("already saved" in w for w in second["warnings"])
    listed = json.loads(runner.invoke(app, ["action", "list", "Tom Becker", "--json"]).stdout)
    texts = [json.dumps(a) for a in listed]
    assert sum("Email the vendor" in t for t in texts) == 1
    assert sum("Draft the plan" in t for t in texts) == 1


def test_debrief_from_stdin_and_empty_notes(runner: CliRunner) -> None:
    _demo(runner)
    res = runner.invoke(app, ["debrief", "Priya Raman", "--notes", "-"], input="She asked me to chase procurement.")
    assert res.exit_code == 0 and "Chase procurement" in res.stdout
    assert runner.invoke(app, ["debrief", "Priya Raman", "--notes", "-"], input="  \n").exit_code == 2
