"""The `coach` executable: the TUI, and one scored line, without loading the command-line layer.

Typer, Rich's help machinery and every command module cost a noticeable share of
the TUI's start-up, yet bare `coach` (optionally with `--offline`, `--data-dir` or
`--config`) needs none of them. `coach score --line TEXT` (with `--previous TEXT`
and `--json`, nothing else) has to answer as fast as a manager types, and reads no
settings, memory or index: it goes straight to the workspace's line scorer and prints
what the CLI's `score` prints. Anything else goes to the Typer app in `coach.cli`,
which also gives every error message (an empty line, an unknown option).
"""

from __future__ import annotations

import os
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


def _line_request(argv: list[str]) -> tuple[str, str | None, bool] | None:
    """(line, previous, as_json) of `coach score --line TEXT [--previous TEXT] [--json]`, options in any
    order and as `--line=TEXT` too; None for anything the CLI must see (a blank line, a repeated or
    unknown option, bytes that are not UTF-8), so its message stays the only one."""
    if not argv or argv[0] != "score":
        return None
    values: dict[str, str] = {}
    as_json = False
    i = 1
    while i < len(argv):
        name, eq, value = argv[i].partition("=")
        if argv[i] == "--json" and not as_json:
            as_json = True
        elif name in ("--line", "--previous") and name not in values:
            if not eq:
                if i + 1 >= len(argv):
                    return None
                i += 1
                value = argv[i]
            values[name] = value
        else:
            return None
        i += 1
    line, previous = values.get("--line"), values.get("--previous")
    if line is None or not line.strip() or not all(_utf8(text) for text in (line, previous or "")):
        return None
    return line, previous, as_json


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: bytes that were not UTF-8 on the command line
        return False
    return True


def _score_line(line: str, previous: str | None, as_json: bool) -> str | None:
    """What `coach score --line` prints, or None when this terminal cannot show it (the CLI says why)."""
    from coach.envchecks import check_process_vars
    from coach.textsafe import json_text, printable
    from coach.workspace.lines import score_one_line

    check_process_vars()
    result = score_one_line(line, previous)
    if as_json:
        text = json_text(result.to_json())
    else:
        labels, cues = result.report()
        dim = sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        shown = (f"\x1b[2m{printable(cue)}\x1b[0m" if dim else printable(cue) for cue in cues)
        text = "".join(f"{row}\n" for row in (labels, *shown))
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:
        return None
    return text


def _fail(message: str, code: int) -> None:
    from coach.textsafe import printable

    print(f"error: {printable(message)}", file=sys.stderr)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    request = _line_request(args)
    if request is not None:
        from coach.errors import CoachError

        try:
            text = _score_line(*request)
            if text is not None:
                sys.stdout.write(text)
                sys.stdout.flush()
                return
        except CoachError as exc:
            _fail(exc.message, exc.exit_code)
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            sys.exit(130)
        except BrokenPipeError:  # the reader went away (`| head -1`): nothing to say, as the CLI says nothing
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:  # standard output failing under us (a full disk)
            _fail(f"{exc.strerror or exc}", 2)
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
        _fail(exc.message, exc.exit_code)
