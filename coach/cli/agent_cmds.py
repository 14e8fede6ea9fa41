"""`coach ask` (one question to the coach, streamed) and `coach doctor` (is everything working?)."""

from __future__ import annotations

import asyncio
import sys
import time
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coach.cli.common import console, emit_json, safe, workspace
from coach.errors import CoachError
from coach.textsafe import printable

if TYPE_CHECKING:
    from coach.domain import Passage
    from coach.workspace import Workspace

PING_TIMEOUT = 8.0


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("ask")(ask)
    app.command("doctor")(doctor)


def _citation(p: Passage) -> dict[str, str]:
    return {"title": p.title, "source": p.source, "chunk_id": p.chunk_id}


def _search(ws: Workspace, question: str, k: int = 4) -> list[Passage]:
    return list(ws.knowledge.search(question, k))


def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="Your question to the coach.")],
    person: Annotated[str | None, typer.Option("--person", help="Whom the question is about.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object when done.")] = False,
) -> None:
    """Ask the coach one question; the answer streams as it is written (offline: the best passages)."""
    from coach.agent.factory import choose

    if not question.strip():
        raise CoachError("the question must not be empty")
    ws = workspace(ctx)
    if person is not None:
        person = ws.memory.person(person).name
    choice = choose(ws.settings)
    if choice.offline:
        _ask_offline(ws, question, choice.reason, as_json)
        return
    answer, passages = asyncio.run(_ask_online(ws, question, person, stream=not as_json))
    if as_json:
        emit_json({"answer": answer, "citations": [_citation(p) for p in passages], "model": choice.model})
    elif passages:
        console.print(safe("\nSources: " + "; ".join(f"{p.title} — {p.source}" for p in passages)), style="dim")


async def _ask_online(ws: Workspace, question: str, person: str | None, stream: bool) -> tuple[str, list[Passage]]:
    from coach.agent.jobs import ask_session

    session, passages = await ask_session(ws, question, person)
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
    passages = _search(ws, question)
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
def _check_model(ws: Workspace) -> tuple[bool, str]:
    from coach.agent.errors import explain
    from coach.agent.factory import choose

    choice = choose(ws.settings)
    if choice.offline:
        return True, f"offline coach ({choice.reason})"
    try:
        from coach.agent.factory import make_chat_model

        chat = make_chat_model(ws.settings, timeout=PING_TIMEOUT, max_retries=0)

        async def ping() -> None:
            from langchain_core.messages import HumanMessage

            await asyncio.wait_for(chat.ainvoke([HumanMessage("Reply with OK.")], max_tokens=2), PING_TIMEOUT + 2)

        started = time.perf_counter()
        asyncio.run(ping())
        return True, f"{choice.label} answers ({(time.perf_counter() - started) * 1000:.0f} ms)"
    except Exception as exc:
        message = explain(exc, base_url=choice.base_url, model=choice.model).message
        # Name the server once: most messages already say where it is.
        head = repr(choice.model) if choice.base_url and choice.base_url in message else choice.label
        return False, f"{head}: {message}"


def _check_data(ws: Workspace) -> tuple[bool, str]:
    import os

    path = ws.settings.data_dir
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        return False, f"{path}: cannot create ({exc.strerror})"
    if not os.access(path, os.W_OK):
        return False, f"{path}: not writable"
    return True, str(path)


def _check_schema(ws: Workspace) -> tuple[bool, str]:
    from coach.store.migrations import LATEST

    try:
        version = ws.memory.con.execute("PRAGMA user_version").fetchone()[0]
    except CoachError as exc:
        return False, exc.message
    return version == LATEST, f"version {version} (this coach knows {LATEST})"


def _check_knowledge(ws: Workspace) -> tuple[bool, str]:
    try:
        sources = ws.knowledge.list_sources()
    except CoachError as exc:
        return False, exc.message
    except Exception as exc:  # a broken index must not give a traceback
        return False, f"the knowledge index cannot be opened ({type(exc).__name__})"
    chunks = sum(int(s.get("chunks", 0)) for s in sources)
    return bool(sources), f"{len(sources)} sources, {chunks} passages" if sources else "empty"


CHECKS = {"model": _check_model, "data dir": _check_data, "database": _check_schema, "knowledge": _check_knowledge}


def doctor(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False
) -> None:
    """Check the model, the data directory, the database and the knowledge index."""
    ws = workspace(ctx)
    results: dict[str, Any] = {}
    for name, check in CHECKS.items():
        ok, detail = check(ws)
        results[name] = {"ok": ok, "detail": detail}
        if not as_json:
            mark = ("ok  ", "green") if ok else ("FAIL", "red")
            console.print(safe(f"{mark[0]} {name}: {detail}"), style=None if ok else mark[1], soft_wrap=True)
    all_ok = all(r["ok"] for r in results.values())
    if as_json:
        emit_json({"ok": all_ok, "checks": results})
    raise typer.Exit(0 if all_ok else 1)
