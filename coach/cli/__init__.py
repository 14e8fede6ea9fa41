"""The `coach` command. Thin: parse input, call the workspace, render output."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.text import Text
from typer.core import TyperGroup

from coach import __version__
from coach.cli import (
    agent_cmds,
    calendar_cmds,
    data_cmds,
    knowledge_cmds,
    memory_cmds,
    practice_cmds,
    prep_cmds,
    progress_cmds,
)
from coach.cli.common import err_console
from coach.config import load_settings
from coach.errors import CoachError
from coach.textsafe import printable
from coach.workspace import Workspace

try:  # Typer >= 0.20 carries its own copy of Click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older Typer on the real Click
    from click import exceptions as click_errors  # type: ignore[no-redef]


def report_error(exc: CoachError) -> None:
    """The error as one line on stderr, never wrapped at the terminal's width."""
    err_console.print(Text.assemble(("error: ", "bold red"), printable(exc.message)), soft_wrap=True)


class CoachGroup(TyperGroup):
    """Turns a CoachError anywhere below into one clear line and a non-zero exit."""

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except UnicodeEncodeError as exc:
            report_error(_encoding_error(exc))
            raise typer.Exit(2) from None


def _encoding_error(exc: UnicodeEncodeError) -> CoachError:
    """Bytes that are not UTF-8 in an argument (lone surrogates), or a terminal that cannot show a character."""
    bad = exc.object[exc.start : exc.end] if isinstance(exc.object, str) else ""
    if bad and all("\udc80" <= ch <= "\udcff" for ch in bad):
        return CoachError(f"the input has bytes that are not valid UTF-8 ({bad!r}); check your terminal's encoding")
    return CoachError(
        f"cannot show {bad!r} in this terminal's encoding ({exc.encoding}); use a UTF-8 locale, e.g. LANG=C.UTF-8"
    )


app = typer.Typer(
    name="coach",
    cls=CoachGroup,
    help="A coaching agent for people managers: prep, role-play and debrief your 1:1s.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        print(f"coach {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None, typer.Option("--data-dir", help="Where all data lives (env COACH_DATA_DIR).", metavar="PATH")
    ] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Use the offline coach even if a model is set.")] = False,
    config: Annotated[
        str | None, typer.Option("--config", help="Config file (env COACH_CONFIG).", metavar="FILE")
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    settings = load_settings(config_path=config, data_dir=data_dir, offline=True if offline else None)
    ws = Workspace(settings)
    ctx.obj = ws
    ctx.call_on_close(ws.close)
    if ctx.invoked_subcommand is None:
        from coach.cli.launch import launch

        launch(ws)


for module in (
    memory_cmds,
    calendar_cmds,
    data_cmds,
    knowledge_cmds,
    prep_cmds,
    practice_cmds,
    progress_cmds,
    agent_cmds,
):
    module.register(app)


def usage_error(exc: click_errors.ClickException) -> CoachError:
    """Click's complaint about the command line (a bad value, an unknown option, a missing argument) as one
    line naming what was wrong and where to look, instead of a usage box."""
    message = " ".join(exc.format_message().replace("Value error, ", "").split())
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message += f" (see `{ctx.command_path} --help`)"
    return CoachError(message)


def main(argv: list[str] | None = None) -> None:
    """Entry point: bad input is one clear line on stderr and exit code 2; Ctrl-C is 130."""
    try:
        code = app(args=argv, prog_name="coach", standalone_mode=False)
    except CoachError as exc:  # raised before a command ran, e.g. by a malformed config file
        report_error(exc)
        sys.exit(exc.exit_code)
    except click_errors.NoArgsIsHelpError as exc:  # the group's help is already shown
        sys.exit(exc.exit_code)
    except click_errors.ClickException as exc:
        report_error(usage_error(exc))
        sys.exit(2)
    except (KeyboardInterrupt, typer.Abort):
        err_console.print("interrupted")
        sys.exit(130)
    except OSError as exc:  # the terminal or a file the command was given, failing underneath us
        report_error(CoachError(f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}"))
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
