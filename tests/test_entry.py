"""The `coach` executable: a bare run opens the TUI and one scored line skips the CLI; everything else is the CLI."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from coach.entry import _line_request, _tui_options, main


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        ([], {}),
        (["--offline"], {"offline": True}),
        (["--data-dir", "d", "--offline"], {"data_dir": "d", "offline": True}),
        (["--config=c.toml"], {"config": "c.toml"}),
        (["--data-dir="], {"data_dir": ""}),  # kept as typed, so settings refuse it instead of using "."
        (["people", "list"], None),
        (["--offline", "brief", "Priya"], None),
        (["--data-dir"], None),
        (["--help"], None),
    ],
)
def test_only_a_bare_run_skips_the_cli(argv: list[str], want: dict[str, object] | None) -> None:
    assert _tui_options(argv) == want


def test_a_command_still_goes_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and "coach" in capsys.readouterr().out


def test_a_bare_run_without_a_terminal_prints_the_overview(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--offline"])  # stdout is captured, not a terminal: the CLI's overview, not the TUI
    assert exit_.value.code == 0 and "coach demo" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        (["score", "--line", "how's the baby?"], ("how's the baby?", None, False)),
        (["score", "--json", "--line=ok then", "--previous", "I'm off"], ("ok then", "I'm off", True)),
        (["score", "--line", "--json"], ("--json", None, False)),  # as Click reads it: the option's value
        (["score", "--line", "  "], None),  # the CLI says the line is empty
        (["score", "--line"], None),
        (["score", "--line", "a", "--line", "b"], None),
        (["score", "--previous", "x"], None),
        (["score", "t.txt"], None),
        (["score", "--line", "a", "--help"], None),
        (["--offline", "score", "--line", "a"], None),
        (["score", "--line", "caf\udce9"], None),  # not UTF-8 on the command line: the CLI explains
    ],
)
def test_only_one_scored_line_skips_the_cli(argv: list[str], want: tuple[str, str | None, bool] | None) -> None:
    assert _line_request(argv) == want


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "--line", "could you just send the deck to finance?"],
        ["score", "--line", "So the deadline is what's worrying you?", "--previous", "I can't sleep before launches"],
        ["score", "--line", "how's your mum doing after the operation?", "--json"],
        ["score", "--json", "--line", "I went through the same when my manager kept cancelling on me."],
    ],
)
def test_a_scored_line_reads_the_same_as_through_the_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from typer.testing import CliRunner

    from coach.cli import app

    main(argv)
    fast = capsys.readouterr()
    through_cli = CliRunner().invoke(app, argv)
    assert through_cli.exit_code == 0, through_cli.output
    assert fast.out == through_cli.stdout and fast.err == ""
    assert "why" in fast.out if "--json" in argv else "  personal   " in fast.out


def test_a_scored_line_loads_neither_settings_nor_the_cli() -> None:
    """What keeps `coach score --line` interactive: it never imports the CLI, pydantic or the memory."""
    code = (
        "import sys\n"
        "from coach.entry import main\n"
        "main(['score', '--line', 'anything planned for the weekend?'])\n"
        "print(sorted(m for m in ('typer', 'rich', 'pydantic', 'coach.cli', 'coach.config', 'coach.store',"
        " 'coach.workspace.door') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "question: " in out and out.strip().endswith("[]"), out


def test_a_scored_line_still_refuses_junk_in_the_model_variables(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACH_EMBED_THREADS", "lots")
    with pytest.raises(SystemExit) as exit_:
        main(["score", "--line", "what's on your mind?"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.startswith("error: environment variable COACH_EMBED_THREADS")


def test_a_blank_line_gets_the_cli_message(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["score", "--line", " "])
    assert exit_.value.code == 2 and "the line is empty" in capsys.readouterr().err


def _scored_line_into(stdout: int) -> subprocess.CompletedProcess[str]:
    code = "from coach.entry import main; main(['score', '--line', 'please send the rota'])"
    return subprocess.run([sys.executable, "-c", code], stdout=stdout, stderr=subprocess.PIPE, text=True)


def test_a_scored_line_into_a_closed_pipe_ends_quietly() -> None:
    """`coach score --line … | head -0`: the reader is gone, which is no error to report (nor a traceback)."""
    read, write = os.pipe()
    os.close(read)  # closed before the child starts, so its write always finds no reader
    try:
        done = _scored_line_into(write)
    finally:
        os.close(write)
    assert done.returncode == 1 and done.stderr == ""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_scored_line_onto_a_full_disk_says_so_in_one_line() -> None:
    with open("/dev/full", "w") as full:
        done = _scored_line_into(full.fileno())
    assert done.returncode == 2 and done.stderr == "error: No space left on device\n"
