"""The memory commands as a user types them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.store.memory import name_key


def run(runner: CliRunner, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    assert "Traceback" not in result.output + result.stderr, result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def team(runner: CliRunner) -> CliRunner:
    assert run(runner, "people", "add", "Priya Raman", "--relationship", "report", "--role", "Engineer")[0] == 0
    assert run(runner, "people", "add", "Daniel", "-r", "boss", "--level", "manager")[0] == 0
    return runner


def test_people_list_json_shape(team: CliRunner) -> None:
    run(team, "meeting", "log", "priya raman", "--date", "2026-03-02", "--status", "held")
    run(team, "action", "add", "Priya Raman", "Draft the plan", "--owner", "them", "--proposed-by", "them")
    code, out, _ = run(team, "people", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows[1] == {
        "name": "Priya Raman",
        "relationship": "report",
        "role": "Engineer",
        "level": "ic",
        "open_actions": 1,
        "last_meeting": "2026-03-02",
        "email": None,
        "next_1on1": None,
        "headline": rows[1]["headline"],
    }
    assert rows[1]["headline"]  # the brief's one line, e.g. how the last 1:1s went
    assert rows[0]["name"] == "Daniel" and rows[0]["last_meeting"] is None


def test_action_list_json_shape_and_done(team: CliRunner) -> None:
    run(
        team,
        "action",
        "add",
        "Daniel",
        "Send the proposal",
        "--owner",
        "me",
        "--proposed-by",
        "them",
        "--due",
        "2026-04-01",
    )
    _code, out, _ = run(team, "action", "list", "--json")
    [row] = json.loads(out)
    assert set(row) == {"id", "person", "text", "owner", "owner_name", "proposed_by", "due", "done", "created"}
    assert (row["person"], row["owner"], row["proposed_by"], row["due"], row["done"]) == (
        "Daniel",
        "me",
        "them",
        "2026-04-01",
        False,
    )
    assert run(team, "action", "done", str(row["id"]))[0] == 0
    assert json.loads(run(team, "action", "list", "--open", "--json")[1]) == []


def test_unknown_person_exits_2_with_suggestions(team: CliRunner) -> None:
    code, _out, err = run(team, "note", "add", "Pria", "hello")
    assert code == 2
    assert "no person named 'Pria'" in err and "Priya Raman" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["meeting", "log", "Daniel", "--date", "2026-02-30"], "not a date"),
        (["meeting", "log", "Daniel", "--status", "skipped"], "held"),
        (["people", "add", "X", "--relationship", "friend"], "report"),
        (["action", "add", "Daniel", "x", "--owner", "nobody"], "both"),
        (["action", "add", "Daniel", "   "], "must not be empty"),
        (["note", "add", "Daniel", ""], "must not be empty"),
        (["people", "add", "priya RAMAN"], "already exists"),
        (["meeting", "log", "Daniel", "--status", "cancelled"], "--by me|them"),
        (["action", "done", "999"], "no action with id 999"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(team: CliRunner, args: list[str], expected: str) -> None:
    code, out, err = run(team, *args)
    assert code == 2
    assert expected in out + err


def test_control_sequences_are_stored_but_never_echoed_raw(team: CliRunner, tmp_data_dir: Path) -> None:
    evil = "Mallory \x1b]0;pwned\x07\x1b[2J"
    code, out, err = run(team, "people", "add", evil)  # a name cannot hold them (it would hide who it is)...
    assert code == 2 and "control character" in err and "\x1b" not in out + err
    # ...but one stored by an older coach, and notes, roles and actions, keep them and show them escaped.
    con = sqlite3.connect(tmp_data_dir / "coach.db")
    with con:
        con.execute(
            "INSERT INTO people(name, name_key, relationship, role, level, context) VALUES (?, ?, 'peer', ?, 'ic', '')",
            (evil, name_key(evil), evil),
        )
    con.close()
    run(team, "note", "add", evil, "likes \x1b[31mred\x1b[0m \x07 bells", "--personal")
    run(team, "action", "add", evil, "ring the \x07 bell \x1b[2J")
    for args in (["people", "list"], ["people", "show", evil], ["export"], ["action", "list"]):
        code, out, _err = run(team, *args)
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out, args
    _, out, _ = run(team, "people", "list", "--json")
    assert evil in [row["name"] for row in json.loads(out)]  # stored exactly as given


def test_unicode_names_and_notes_round_trip(team: CliRunner) -> None:
    assert run(team, "people", "add", "Zoë 李 👩🏽‍💻")[0] == 0
    run(team, "note", "add", "zoë 李 👩🏽‍💻", "Fête de famille — 週末 🎉", "--personal")
    code, out, _ = run(team, "people", "show", "ZOË 李 👩🏽‍💻", "--json")
    assert code == 0
    assert json.loads(out)["notes"][0]["text"] == "Fête de famille — 週末 🎉"


def test_forget_asks_first_and_erases_everything(team: CliRunner) -> None:
    run(team, "note", "add", "Priya Raman", "running a marathon", "--personal")
    code, _, err = run(team, "forget", "Priya Raman", input="n\n")
    assert code == 2 and "nothing was erased" in err
    assert "Priya Raman" in run(team, "people", "list", "--json")[1]
    code, out, _ = run(team, "forget", "Priya Raman", "--yes")
    assert code == 0 and "1 notes erased" in out
    assert "Priya" not in run(team, "people", "list", "--json")[1]
    assert "marathon" not in run(team, "export", "--format", "json")[1]


def test_export_then_import_restores(team: CliRunner, tmp_path: Path) -> None:
    run(team, "action", "add", "Daniel", "Share data", "--owner", "me", "--proposed-by", "them")
    out_file = tmp_path / "backup.json"
    assert run(team, "export", "--format", "json", "--output", str(out_file))[0] == 0
    assert oct(out_file.stat().st_mode & 0o777) == "0o600"
    run(team, "forget", "Daniel", "--yes")
    code, _out, _ = run(team, "import", str(out_file), "--replace")
    assert code == 0
    assert json.loads(run(team, "action", "list", "--json")[1])[0]["text"] == "Share data"


def test_import_of_a_non_export_exits_2(team: CliRunner, tmp_path: Path) -> None:
    bogus = tmp_path / "x.json"
    bogus.write_text("[1, 2]")
    code, _, err = run(team, "import", str(bogus))
    assert code == 2 and "not a coach export" in err
    code, _, err = run(team, "import", str(tmp_path / "missing.json"))
    assert code == 2 and "no such file" in err


def test_a_data_dir_holding_a_foreign_file_exits_2_untouched(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "elsewhere"
    data.mkdir()
    (data / "coach.db").write_text("this is my shopping list")
    code, _, err = run(runner, "--data-dir", str(data), "people", "list")
    assert code == 2 and "not a coach database" in err
    assert (data / "coach.db").read_text() == "this is my shopping list"


def test_demo_loads_the_sample_team_once(runner: CliRunner) -> None:
    assert run(runner, "demo")[0] == 0
    rows = json.loads(run(runner, "people", "list", "--json")[1])
    kinds = sorted((r["relationship"], r["level"]) for r in rows)
    assert kinds == [("boss", "manager"), ("report", "ic"), ("report", "ic"), ("report", "manager")]
    actions = json.loads(run(runner, "action", "list", "--json")[1])
    assert {a["owner"] for a in actions} >= {"me", "them"}
    code, _, err = run(runner, "demo")
    assert code == 2 and "already loaded" in err


def test_first_run_without_data_says_how_to_start(runner: CliRunner, tmp_data_dir: Path) -> None:
    code, out, _ = run(runner)
    assert code == 0
    assert "coach people add" in out and "coach demo" in out
    assert str(tmp_data_dir) in out.replace("\n", "")


def test_an_argument_that_is_not_utf8_is_a_clear_error(team: CliRunner) -> None:
    # A terminal in another encoding hands Python undecodable bytes as lone surrogates.
    code, _, err = run(team, "people", "add", "Bad\udc9bName")
    assert code == 2 and "not valid UTF-8" in err
    code, _, err = run(team, "note", "add", "Daniel", "caf\udce9")
    assert code == 2 and "not valid UTF-8" in err
    assert "Bad" not in run(team, "people", "list", "--json")[1]


def test_forget_without_an_answer_erases_nothing_and_exits_2(team: CliRunner) -> None:
    code, _, err = run(team, "forget", "Daniel", input="")  # end of input, e.g. in a script without --yes
    assert code == 2 and "nothing was erased" in err and "--yes" in err
    assert "Daniel" in run(team, "people", "list", "--json")[1]


def test_export_to_a_folder_or_a_missing_folder_exits_2(team: CliRunner, tmp_path: Path) -> None:
    code, _, err = run(team, "export", "--format", "json", "--output", str(tmp_path))
    assert code == 2 and "is a folder" in " ".join(err.split())
    code, _, err = run(team, "export", "--output", str(tmp_path / "missing" / "x.md"))
    assert code == 2 and "cannot write" in " ".join(err.split())
