"""The `coach` executable opens the TUI only for a bare run; everything else is the CLI."""

from __future__ import annotations

import pytest

from coach.entry import _tui_options, main


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
