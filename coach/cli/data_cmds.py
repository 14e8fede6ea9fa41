"""export / import / forget / demo: the user's data as a whole."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.common import console, safe, workspace
from coach.cli.memory_cmds import forget_person


class ExportFormat(StrEnum):
    md = "md"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_)
    app.command("forget")(forget)
    app.command("demo")(demo)


def export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to a file (0600) instead of stdout.")
    ] = None,
) -> None:
    """Export everything: Markdown to read, JSON that `coach import` restores."""
    ws = workspace(ctx)
    if output is None:
        typer.echo(ws.export(fmt.value), nl=False)
        return
    ws.export_to(output, fmt.value)
    console.print(safe(f"Exported to {output}"))


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A JSON file from `coach export --format json`.")],
    replace: Annotated[bool, typer.Option("--replace", help="Overwrite people who already exist.")] = False,
) -> None:
    """Restore people from a JSON export."""
    count = workspace(ctx).import_(file, replace=replace)
    console.print(f"Imported {count} {'person' if count == 1 else 'people'}.")


def forget(
    ctx: typer.Context,
    name: str,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a person and every row about them, completely."""
    forget_person(ctx, name, yes)


def demo(ctx: typer.Context) -> None:
    """Load a sample team to explore coach with."""
    names = workspace(ctx).load_demo()
    console.print(f'Loaded the demo team: {", ".join(names)}. Try `coach people list` or `coach brief "{names[0]}"`.')
