"""`coach knowledge add | list | search | remove | rebuild`: the local index of source material.

Nothing heavy is imported at module level: Chroma and onnxruntime load on the first
command that needs them, so `coach --help` stays fast.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

from coach.cli.common import console, emit_json, err_console, require_text, safe, table, workspace
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.retrieval.ingest import AddReport
    from coach.workspace import Workspace

knowledge_app = typer.Typer(help="The knowledge index: built-in cards plus your own files.", no_args_is_help=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]
DELAY_S = 2.0  # a command that is done sooner shows no progress at all


class RichProgress:
    """Progress on stderr for anything that takes longer than DELAY_S (nothing for a quick command).

    While files are indexed it is a bar in bytes; before that (loading the model, waiting for another
    coach process) a spinner with what is going on. `note` prints a line such as "waiting for …".
    """

    def __init__(self, enabled: bool, label: str = "working") -> None:
        self.enabled = enabled
        self.label = label
        self._lock = threading.Lock()
        self._bar: Progress | None = None
        self._task: Any = None
        self._total: int | None = None
        self._done = 0
        self._description = label
        self._timer: threading.Timer | None = None
        if enabled:
            self._timer = threading.Timer(DELAY_S, self._show)
            self._timer.daemon = True
            self._timer.start()

    def _show(self) -> None:
        with self._lock:
            if self._bar is not None or not self.enabled:
                return
            self._bar = Progress(
                SpinnerColumn(),
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TimeRemainingColumn(),
                console=err_console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self._description, total=self._total, completed=self._done)

    def start(self, total_bytes: int) -> None:
        with self._lock:
            self._total, self._done, self._description = total_bytes, 0, "indexing"
            if self._bar is not None:
                self._bar.update(self._task, total=total_bytes, completed=0, description="indexing")

    def advance(self, amount: int, label: str = "") -> None:
        with self._lock:
            self._done += amount
            if label:
                self._description = f"indexing {Text(Path(label).name).plain}"
            if self._bar is not None:
                self._bar.update(self._task, completed=self._done, description=self._description)

    def note(self, message: str) -> None:
        """One line for the user (shown at once: it says why the command is waiting)."""
        if self.enabled:
            err_console.print(Text(message, style="dim"))

    def stop(self) -> None:
        with self._lock:
            self.enabled = False
            if self._timer is not None:
                self._timer.cancel()
            if self._bar is not None:
                self._bar.stop()
                self._bar = None


@contextlib.contextmanager
def progress_on_stderr(enabled: bool, label: str = "working") -> Iterator[RichProgress]:
    """A RichProgress for the block, stopped however it ends."""
    progress = RichProgress(enabled, label)
    try:
        yield progress
    finally:
        progress.stop()


def prepare_index(ws: Workspace, as_json: bool) -> None:
    """Build or repair the index before a command that cites it, with progress unless --json.

    A failure is left for the command itself to report (a brief says why it has no passages).
    """
    with progress_on_stderr(not as_json, "loading the knowledge index") as progress, contextlib.suppress(CoachError):
        ws.ensure_index(progress)


def _ready(ctx: typer.Context, as_json: bool) -> Workspace:
    """The workspace with the built-in cards indexed (progress if that takes a while, unless --json)."""
    ws = workspace(ctx)
    with progress_on_stderr(not as_json, "loading the knowledge index") as progress:
        ws.ensure_index(progress)
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
    with progress_on_stderr(not as_json) as progress:
        report = workspace(ctx).add_knowledge(paths, progress)
    _summary(report, as_json)


@knowledge_app.command("list")
def list_(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Every indexed source with its title and number of chunks."""
    rows = _ready(ctx, as_json).index_sources()
    if as_json:
        emit_json(rows)
        return
    out = table("source", "title", "chunks", "added", "status")
    pending = [row for row in rows if row["status"] != "ok"]
    for row in rows:
        status = "ok" if row["status"] == "ok" else f"missing {row['chunks'] - row['indexed']}"
        out.add_row(safe(row["source"]), safe(row["title"]), str(row["chunks"]), safe(row["added"]), status)
    console.print(out)
    for row in pending:
        err_console.print(
            Text.assemble(
                ("warning: ", "yellow"),
                f"{row['source']} is not fully indexed; `coach knowledge add` it again (or `coach knowledge rebuild`)",
            )
        )


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
    ws = _ready(ctx, as_json)
    with progress_on_stderr(not as_json, "searching"):
        passages = ws.search(query, k, source=source, concept=concept)
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
    with progress_on_stderr(not as_json, "rebuilding") as progress:
        report = workspace(ctx).rebuild_knowledge(progress)
    _summary(report, as_json)


def register(app: typer.Typer) -> None:
    """Add the `knowledge` sub-app to the root app."""
    app.add_typer(knowledge_app, name="knowledge")
