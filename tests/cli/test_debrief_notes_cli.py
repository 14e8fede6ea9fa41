"""A manager's real notes through `coach debrief`, as a new user would type it, into memory and the next brief."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from coach.cli import app

NOTES = """Good 1:1 with Priya. She's worried the payments migration will slip because the ledger team keeps \
changing the API.
She suggested she set up a weekly sync with their lead, which I think is great.
I offered to escalate to their director if it doesn't improve by end of month.
We agreed Tom would pair with her on the reconciliation screens.
She's moving flat next weekend so she'll be offline Friday. Her dad is in hospital again.
Action: me - book the architecture review room for the 12th.
"""


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output + result.stderr, result.output
    return result.exit_code, result.stdout, result.stderr


def test_the_issue_note_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    assert invoke(runner, "people", "add", "Priya Raman", "--relationship", "report")[0] == 0
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    code, out, _ = invoke(runner, "debrief", "Priya", "--notes", str(notes), "--json", "--date", "2026-03-04")
    assert code == 0
    data = json.loads(out)
    assert [(a["owner"], a["owner_name"], a["proposed_by"]) for a in data["actions"]] == [
        ("them", None, "them"),
        ("me", None, "me"),
        ("other", "Tom", "unclear"),
        ("me", None, "unclear"),
    ]
    assert data["summary"]["owned_by_others"] == 1
    assert [(p["sensitive"]) for p in data["personal_followups"]] == [False, True]
    assert data["personal_notes"][0].startswith("She's moving flat")

    code, page, _ = invoke(runner, "debrief", "Priya", "--notes", str(notes), "--date", "2026-03-04", "--save")
    assert code == 0 and "Tom (other)" in page and "sensitive" in page and "Saved as meeting" in page
    code, listed, _ = invoke(runner, "action", "list", "Priya", "--json")
    assert [(a["owner"], a["owner_name"]) for a in json.loads(listed)][2] == ("other", "Tom")
    code, shown, _ = invoke(runner, "people", "show", "Priya", "--json")
    kept = [(n["text"], n["personal"], n["sensitive"]) for n in json.loads(shown)["notes"]]
    assert kept == [
        ("She's moving flat next weekend so she'll be offline Friday.", True, False),
        ("Her dad is in hospital again.", True, True),
    ]

    code, brief, _ = invoke(runner, "brief", "Priya", "--json", "--no-passages")
    data = json.loads(brief)
    followups = data["personal_followups_detail"]
    assert sorted(f["sensitive"] for f in followups) == [False, True]
    gentle = next(f["text"] for f in followups if f["sensitive"])
    assert "only if they want to talk about it" in gentle and "don't ask for details" in gentle
    assert any(a["owner"] == "other" and a["owner_name"] == "Tom" for a in data["open_actions"])
    code, page, _ = invoke(runner, "brief", "Priya", "--no-passages")
    assert "Tom (other)" in page and "only if they want to share" in page


def test_action_add_with_another_owner(runner: CliRunner, tmp_path: Path) -> None:
    assert invoke(runner, "people", "add", "Daniel", "-r", "peer")[0] == 0
    code, _, err = invoke(runner, "action", "add", "Daniel", "Check the contract", "--owner", "other")
    assert code == 2 and "--owner-name" in err
    code, _, err = invoke(runner, "action", "add", "Daniel", "x", "--owner", "me", "--owner-name", "Tom")
    assert code == 2 and "--owner other" in err
    code, out, _ = invoke(
        runner, "action", "add", "Daniel", "Check the contract", "--owner", "other", "--owner-name", "legal"
    )
    assert code == 0 and "legal (other)" in out
    code, out, _ = invoke(runner, "action", "list")
    assert "legal (other)" in out
    backup = tmp_path / "backup.json"
    assert invoke(runner, "export", "--format", "json", "--output", str(backup))[0] == 0
    exported = json.loads(backup.read_text())["people"][0]["actions"][0]
    assert (exported["owner"], exported["owner_name"]) == ("other", "legal")
    assert invoke(runner, "import", str(backup), "--replace")[0] == 0
    code, listed, _ = invoke(runner, "action", "list", "--json")
    assert [(a["owner"], a["owner_name"]) for a in json.loads(listed)] == [("other", "legal")]
