"""Every bad input is one line on stderr and exit code 2: no traceback, no usage box.

These run `coach.cli.main`, the real entry point (Typer's test runner would hide how Click's own
errors are shown). The last tests walk the whole command tree, so a new command is covered too.
"""

from __future__ import annotations

import enum
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import typer

from coach.cli import app, main
from coach.store.memory import name_key


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(exit_.value.code or 0), out, err


def one_line(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, _, err = run(capsys, *argv)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, (argv, code, err)
    assert len(lines) == 1 and lines[0].startswith("error: "), (argv, err)
    assert "Usage:" not in err and "Traceback" not in err
    return lines[0]


@pytest.fixture
def demo(capsys: pytest.CaptureFixture[str], tmp_data_dir: Path) -> Path:
    assert run(capsys, "demo")[0] == 0
    return tmp_data_dir


def export_file(tmp_path: Path, body: Any, name: str = "x.json") -> str:
    path = tmp_path / name
    path.write_text(body if isinstance(body, str) else json.dumps(body))
    return str(path)


def person(**fields: Any) -> dict[str, Any]:
    return {"format": "coach-export", "version": 1, "people": [{"name": "X", "relationship": "peer"} | fields]}


BAD: list[tuple[list[str], str]] = [
    # 8. the tracebacks the attack round hit
    (["action", "done", "99999999999999999999999"], "no action with id"),
    (["action", "done", "--", "-3"], "no action with id"),
    (["meeting", "log", "Priya", "--date", "9999-12-31"], "outside the dates"),
    # 9. Typer's option errors, one line, valid values named
    (["meeting", "log", "Priya", "--date", "2026-02-30"], "is not a date"),
    (["meeting", "log", "Priya", "--length", "-5"], "--length"),
    (["meeting", "log", "Priya", "--status", "nope"], "'held', 'cancelled', 'moved'"),
    (["people", "add", "Zed", "--relationship", "bos"], "'report', 'boss', 'peer'"),
    (["people", "add", "Zed", "--level", "vp"], "'ic', 'manager'"),
    (["action", "add", "Priya", "x", "--owner", "nobody"], "'me', 'them', 'both', 'other', 'unclear'"),
    (["action", "add", "Priya", "x", "--due", "someday"], "is not a date"),
    (["knowledge", "search", "foo", "-k", "0"], "-k"),
    (["people", "list", "--bogus"], "No such option: --bogus"),
    (["export", "--format", "pdf"], "'md', 'json'"),
    (["debrief", "Priya", "--notes", "-", "--resolve", "both"], "'rules', 'model'"),
    (["roleplay", "Priya", "--difficulty", "9"], "difficulty"),
    (["roleplay", "Priya", "--seed", "x"], "--seed"),
    (["people", "add"], "Missing argument"),
    (["nosuchcommand"], "No such command"),
    # 10. edge cases
    (["--data-dir", "", "people", "list"], "must not be empty"),
    (["--config", "", "people", "list"], "must not be empty"),
    (["score", "--line", ""], "the line is empty"),
    (["score", "--line", "   "], "the line is empty"),
    (["people", "show", "x" * 100_000], "(100,000 characters)"),
    (["people", "add", "Priya\u200b Raman"], "zero width space"),
    (["people", "add", "Priya\u202eRaman"], "right-to-left override"),
    (["people", "add", "Tom\nBecker"], "a line break"),
    (["people", "add", "Tom\tBecker"], "a tab"),
    (["people", "add", "Priy\u0430 Raman"], "mixes Cyrillic and Latin"),
    (["people", "add", "\uff30riya Raman"], "looks the same as 'Priya Raman'"),
    (["people", "add", "x" * 201], "at most 200 characters"),
    (["people", "edit", "Tom", "--name", "Priya\u200bRaman"], "zero width space"),
]


@pytest.mark.parametrize(("argv", "expected"), BAD, ids=[" ".join(a)[:50] for a, _ in BAD])
def test_bad_input_is_one_line(demo: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    line = one_line(capsys, *argv)
    assert expected in line
    assert len(line) < 400  # nothing typed is echoed in full


def test_a_debrief_on_the_last_day_of_the_calendar_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = export_file(tmp_path, "- she will send the deck by Friday\n", "notes.txt")
    assert "outside the dates" in one_line(capsys, "debrief", "Priya", "--notes", notes, "--date", "9999-12-31")


def test_an_empty_transcript_is_refused(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "is empty" in one_line(capsys, "score", export_file(tmp_path, "  \n\n", "t.txt"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[" * 200_000, "nested too deeply"),
        (person(meetings=[{"id": 2**70, "date": "2026-01-01"}]), "less than or equal to 9223372036854775807"),
        (person(actions=[{"id": 1, "text": "x", "meeting_id": -(2**70)}]), "meeting_id"),
        (person(name="   "), "must not be empty"),
        (person(name="Eve\u200b"), "zero width space"),
        (person(name="Eve\x1b[2J"), "control character"),
        ({"format": "coach-export", "version": "1", "people": []}, "'1', not a whole number"),
        ({"format": "coach-export", "version": 7, "people": []}, "from a newer coach"),
        ({"format": "coach-export", "version": 1, "people": {}}, "invalid export at people"),
        ("\xff\xfe not text", "is not a coach export"),
        ({"hello": 1}, 'missing "format"'),
    ],
)
def test_import_of_a_hostile_file_is_one_line(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], body: Any, expected: str
) -> None:
    assert expected in one_line(capsys, "import", export_file(tmp_path, body))


def test_import_refuses_a_look_alike_of_someone_in_memory(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = one_line(capsys, "import", export_file(tmp_path, person(name="PRIYA  raman")))
    assert "already exists" in line


def test_config_values_that_name_no_folder_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COACH_DATA_DIR")
    config = tmp_path / "config.toml"
    for value, expected in (('""', "must not be empty"), ('"a\\u0000b"', "NUL byte")):
        config.write_text(f"data_dir = {value}\n")
        assert expected in one_line(capsys, "people", "list")
        assert not (Path.cwd() / "coach.db").exists()


def test_junk_embed_threads_is_refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for junk in ("junk", "0", "-2", "1e3", "٣"):
        monkeypatch.setenv("COACH_EMBED_THREADS", junk)
        assert "COACH_EMBED_THREADS" in one_line(capsys, "people", "list")
    monkeypatch.setenv("COACH_EMBED_THREADS", "2")
    assert run(capsys, "people", "list")[0] == 0


def test_junk_embed_graph_is_refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COACH_EMBED_GRAPH", "fastest")
    assert "COACH_EMBED_GRAPH" in one_line(capsys, "people", "list")
    monkeypatch.setenv("COACH_EMBED_GRAPH", "plain")
    assert run(capsys, "people", "list")[0] == 0


def test_names_with_newlines_from_an_older_coach_do_not_break_tables(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    con = sqlite3.connect(demo / "coach.db")
    with con:
        con.execute(
            "INSERT INTO people(name, name_key, relationship, role, level, context) VALUES (?, ?, 'peer', ?, 'ic', '')",
            ("Line\nBreak\tName", name_key("Line\nBreak\tName"), "two\nlines"),
        )
    con.close()
    code, out, _ = run(capsys, "people", "list")
    assert code == 0
    row = next(line for line in out.splitlines() if "Line" in line)
    assert "Line\\x0aBr" in row  # escaped in its cell (cut to the column's width)
    assert not any(line.strip("│ ").startswith("Break") for line in out.splitlines())
    code, out, _ = run(capsys, "people", "show", "Line\nBreak\tName")
    assert code == 0 and "two\\x0alines" in out and not any(line.startswith("lines") for line in out.splitlines())


# -- every command, every option -----------------------------------------------------------------------
def leaves(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    commands = getattr(group, "commands", None)
    if not commands:
        return [(path, group)]
    return [leaf for name, cmd in sorted(commands.items()) for leaf in leaves(cmd, (*path, name))]


COMMANDS = leaves(typer.main.get_command(app))


def placeholders(command: Any) -> list[str]:
    """Values for a command's arguments, so the option after them is what Click complains about."""
    return ["Priya Raman" for p in command.params if p.param_type_name == "argument" and p.required]


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_answers_an_unknown_option_in_one_line(
    demo: Path, capsys: pytest.CaptureFixture[str], path: tuple[str, ...], command: Any
) -> None:
    line = one_line(capsys, *path, *placeholders(command), "--no-such-option")
    assert "No such option: --no-such-option" in line and f"coach {' '.join(path)} --help" in line


def choice_options() -> list[tuple[tuple[str, ...], Any, Any]]:
    out = []
    for path, command in COMMANDS:
        for param in command.params:
            kind = getattr(getattr(param, "type_descriptor", None), "annotation", None)
            if param.param_type_name == "option" and isinstance(kind, type) and issubclass(kind, enum.Enum):
                out.append((path, command, param))
    return out


CHOICES = choice_options()


@pytest.mark.parametrize(
    ("path", "command", "param"), CHOICES, ids=[f"{' '.join(p)} {o.opts[0]}" for p, _, o in CHOICES]
)
def test_every_choice_option_names_its_values(
    demo: Path, capsys: pytest.CaptureFixture[str], path: tuple[str, ...], command: Any, param: Any
) -> None:
    line = one_line(capsys, *path, *placeholders(command), param.opts[0], "not-a-value")
    assert "'not-a-value' is not one of" in line


def test_the_choice_walk_found_the_enum_options() -> None:
    names = {f"{' '.join(p)} {o.opts[0]}" for p, _, o in CHOICES}
    assert {"people add --relationship", "meeting log --status", "export --format"} <= names
    assert os.environ["COACH_DATA_DIR"]  # the walk ran against the test's own data
