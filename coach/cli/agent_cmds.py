"""`coach ask` (one question to the coach, streamed) and `coach doctor` (is everything working?)."""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coach.cli.common import console, emit_json, err_console, safe, workspace
from coach.errors import CoachError
from coach.textsafe import printable

if TYPE_CHECKING:
    from coach.domain import Passage
    from coach.workspace import Workspace


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("ask")(ask)
    app.command("doctor")(doctor)


def _citation(p: Passage) -> dict[str, str]:
    return {"title": p.title, "source": p.source, "chunk_id": p.chunk_id}


def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="Your question to the coach.")],
    person: Annotated[str | None, typer.Option("--person", help="Whom the question is about.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object when done.")] = False,
) -> None:
    """Ask the coach one question; the answer streams as it is written (offline: the best passages)."""
    if not question.strip():
        raise CoachError("the question must not be empty")
    ws = workspace(ctx)
    if person is not None:
        person = ws.person(person).name
    choice = ws.model_choice()
    if choice.offline:
        _ask_offline(ws, question, choice.reason, as_json)
        return
    answer, passages = asyncio.run(_ask_online(ws, question, person, stream=not as_json))
    if as_json:
        emit_json({"answer": answer, "citations": [_citation(p) for p in passages], "model": choice.model})
    elif passages:
        console.print(safe("\nSources: " + "; ".join(f"{p.title} — {p.source}" for p in passages)), style="dim")


async def _ask_online(ws: Workspace, question: str, person: str | None, stream: bool) -> tuple[str, list[Passage]]:
    session, passages, note = await ws.ask(question, person)
    if note and stream:
        err_console.print(safe(note), style="yellow")
    parts: list[str] = []
    try:
        async for chunk in session.stream(question):
            parts.append(chunk)
            if stream:
                sys.stdout.write(printable(chunk))
                sys.stdout.flush()
    finally:
        await session.aclose()
        if stream and parts:
            sys.stdout.write("\n")
    return "".join(parts), passages


def _ask_offline(ws: Workspace, question: str, reason: str, as_json: bool) -> None:
    passages = ws.search(question)
    if as_json:
        emit_json(
            {
                "answer": None,
                "citations": [_citation(p) for p in passages],
                "model": None,
                "offline": True,
                "search_results": [_citation(p) | {"text": p.text} for p in passages],
            }
        )
        return
    console.print(safe(f"Offline coach ({reason}). These are search results from the knowledge base, "))
    console.print(safe("not the coach's own words:\n"))
    if not passages:
        console.print(safe("No passages matched."))
    for i, p in enumerate(passages, 1):
        console.print(safe(f"[{i}] {p.title} — {p.source} ({p.chunk_id})"), style="bold")
        console.print(safe(p.text.strip()))
        console.print()


# -- doctor ------------------------------------------------------------------------
def doctor(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False
) -> None:
    """Check the model, the data directory, the database and the knowledge index."""
    results: dict[str, Any] = {}
    for name, check in workspace(ctx).doctor().items():
        results[name] = {"ok": check.ok, "detail": check.detail}
        if not as_json:
            mark = ("ok  ", "green") if check.ok else ("FAIL", "red")
            console.print(
                safe(f"{mark[0]} {name}: {check.detail}"), style=None if check.ok else mark[1], soft_wrap=True
            )
    all_ok = all(r["ok"] for r in results.values())
    if as_json:
        emit_json({"ok": all_ok, "checks": results})
    raise typer.Exit(0 if all_ok else 1)
