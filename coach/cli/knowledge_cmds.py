"""`coach knowledge add | list | search | remove | rebuild`: the local index of source material.

Nothing heavy is imported at module level: Chroma and onnxruntime load on the first
command that needs them, so `coach --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from coach.cli.common import console, emit_json, err_console, require_text, safe, table, workspace

if TYPE_CHECKING:
    from coach.retrieval.ingest import AddReport
    from coach.workspace import Workspace

knowledge_app = typer.Typer(help="The knowledge index: built-in cards plus your own files.", no_args_is_help=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]
SHOW_PROGRESS_BYTES = 256 * 1024


class RichProgress:
    """Byte-based progress bar on stderr; shown only when there is enough to read."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Progress | None = None
        self._task: Any = None

    def start(self, total_bytes: int) -> None:
        if not self.enabled or total_bytes < SHOW_PROGRESS_BYTES or self._bar is not None:
            return
        self._bar = Progress(
            TextColumn("[bold]indexing[/] {task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=err_console,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("", total=total_bytes)

    def advance(self, amount: int, label: str = "") -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=amount, description=Text(Path(label).name).plain)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _ready(ctx: typer.Context, as_json: bool) -> Workspace:
    """The workspace with the built-in cards indexed (a progress bar the first time, unless --json)."""
    ws = workspace(ctx)
    progress = RichProgress(enabled=not as_json)
    try:
        ws.ensure_index(progress)
    finally:
        progress.stop()
    return ws


def _warn(report: AddReport) -> None:
    for item in report.skipped:
        err_console.print(Text.assemble(("warning: ", "yellow"), f"skipped {item['path']}: {item['reason']}"))
    for source in report.removed:
        err_console.print(Text.assemble(("warning: ", "yellow"), f"dropped {source}: the file no longer exists"))


def _summary(report: AddReport, as_json: bool) -> None:
    _warn(report)
    if as_json:
        emit_json(report.as_dict())
        return
    console.print(
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped; {report.chunks} chunks indexed"
    )


@knowledge_app.command("add")
def add(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.md .txt .html .pdf), folders recursively.")],
    as_json: JsonOpt = False,
) -> None:
    """Index your own files; unchanged files are skipped, changed ones replaced."""
    progress = RichProgress(enabled=not as_json)
    try:
        report = workspace(ctx).add_knowledge(paths, progress)
    finally:
        progress.stop()
    _summary(report, as_json)


@knowledge_app.command("list")
def list_(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Every indexed source with its title and number of chunks."""
    rows = _ready(ctx, as_json).index_sources()
    if as_json:
        emit_json(rows)
        return
    out = table("source", "title", "chunks", "added")
    for row in rows:
        out.add_row(safe(row["source"]), safe(row["title"]), str(row["chunks"]), safe(row["added"]))
    console.print(out)


@knowledge_app.command("search")
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="What you want to know, in your own words.")],
    k: Annotated[int, typer.Option("-k", "--top", min=1, max=100, help="How many passages.")] = 4,
    source: Annotated[str | None, typer.Option("--source", help="Only sources whose path contains TEXT.")] = None,
    concept: Annotated[str | None, typer.Option("--concept", help="Only cards tagged with this concept.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Passages that best answer QUERY, best first, with their sources."""
    query = require_text(query, "the search query")
    passages = _ready(ctx, as_json).search(query, k, source=source, concept=concept)
    if as_json:
        emit_json([p.model_dump() for p in passages])
        return
    if not passages:
        console.print("no passages found")
        return
    for p in passages:
        console.print(Text.assemble((f"{p.rank}. ", "bold"), (safe(p.title).plain, "bold"), f"  ({p.score:.2f})"))
        console.print(Text.assemble("   ", (safe(p.source).plain, "dim")))
        console.print(Text("   ") + safe(shorten(p.text, 300)))


def shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


@knowledge_app.command("remove")
def remove(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The source as `knowledge list` shows it (or its path).")],
    as_json: JsonOpt = False,
) -> None:
    """Remove one source and all its chunks from the index."""
    rec = workspace(ctx).remove_knowledge(require_text(source, "source"))
    if as_json:
        emit_json({"removed": rec.source, "chunks": rec.chunks})
    else:
        console.print(Text.assemble("removed ", safe(rec.source), f" ({rec.chunks} chunks)"))


@knowledge_app.command("rebuild")
def rebuild(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Wipe the index and re-ingest every known source (also repairs a damaged index)."""
    progress = RichProgress(enabled=not as_json)
    try:
        report = workspace(ctx).rebuild_knowledge(progress)
    finally:
        progress.stop()
    _summary(report, as_json)


def register(app: typer.Typer) -> None:
    """Add the `knowledge` sub-app to the root app."""
    app.add_typer(knowledge_app, name="knowledge")
