"""The `coach` executable: the TUI opens without loading the command-line layer.

Typer, Rich's help machinery and every command module cost a noticeable share of
the TUI's start-up, yet bare `coach` (optionally with `--offline`, `--data-dir` or
`--config`) needs none of them. Anything else goes to the Typer app in `coach.cli`.
"""

from __future__ import annotations

import sys

_VALUED = {"--data-dir", "--config"}


def _tui_options(argv: list[str]) -> dict[str, str | bool] | None:
    """The global options of a bare `coach` run (paths as typed), or None when the CLI must handle it."""
    options: dict[str, str | bool] = {}
    i = 0
    while i < len(argv):
        arg, value = argv[i].partition("=")[0], argv[i].partition("=")[2]
        if arg == "--offline" and not value:
            options["offline"] = True
        elif arg in _VALUED:
            if "=" not in argv[i]:
                if i + 1 >= len(argv):
                    return None
                i += 1
                value = argv[i]
            options[arg[2:].replace("-", "_")] = value
        else:
            return None
        i += 1
    return options


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    options = _tui_options(args)
    if options is None or not sys.stdout.isatty():
        from coach.cli import main as cli_main

        cli_main(args)
        return
    import gc

    # Start-up only allocates what lives as long as the process (modules, classes, the first screen):
    # collecting it is wasted work. The TUI turns the collector back on after its first paint.
    gc.disable()
    from coach.config import load_settings
    from coach.errors import CoachError

    try:
        config, data_dir = options.get("config"), options.get("data_dir")
        settings = load_settings(
            config_path=config if isinstance(config, str) else None,
            data_dir=data_dir if isinstance(data_dir, str) else None,
            offline=True if options.get("offline") else None,
        )
        from coach.tui.app import run_app
        from coach.workspace import Workspace

        ws = Workspace(settings)
        try:
            run_app(ws)
        finally:
            ws.close()
    except CoachError as exc:
        from coach.textsafe import printable

        print(f"error: {printable(exc.message)}", file=sys.stderr)
        sys.exit(exc.exit_code)
