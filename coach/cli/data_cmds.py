"""export / import / forget / demo: the user's data as a whole."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.common import console, safe, workspace
from coach.cli.memory_cmds import forget_person
from coach.store.export import export_json, export_markdown, import_doc, read_export, write_export


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
    memory = workspace(ctx).memory
    text = (
        json.dumps(export_json(memory), ensure_ascii=False, indent=2) + "\n"
        if fmt is ExportFormat.json
        else export_markdown(memory)
    )
    if output is None:
        typer.echo(text, nl=False)
        return
    write_export(output, text)
    console.print(safe(f"Exported to {output}"))


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A JSON file from `coach export --format json`.")],
    replace: Annotated[bool, typer.Option("--replace", help="Overwrite people who already exist.")] = False,
) -> None:
    """Restore people from a JSON export."""
    count = import_doc(workspace(ctx).memory, read_export(file), replace=replace)
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
    from coach.demo import load_demo

    names = load_demo(workspace(ctx).memory)
    console.print(f'Loaded the demo team: {", ".join(names)}. Try `coach people list` or `coach brief "{names[0]}"`.')
