"""`coach score` (conversation analysis) and `coach roleplay` (the offline rehearsal)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.common import console, emit_json, safe, workspace
from coach.domain import Passage, Searcher
from coach.errors import CoachError

END_WORDS = frozenset({"end", "/end", "/quit", "/exit"})


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise CoachError(f"no such transcript file: {source}")
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CoachError(f"cannot read {source}: {exc.strerror}") from None


def _label(value: object) -> str:
    return "-" if value in (None, False) else "directive" if value is True else str(value)


def score(
    transcript: Annotated[str | None, typer.Argument(help="Transcript file, or - for stdin.")] = None,
    line: Annotated[str | None, typer.Option("--line", help="Score a single line instead.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score what you said: open/closed questions, personal asks/reveals, directives, talk ratio."""
    from coach.coaching.analysis import analyse_line
    from coach.coaching.transcript import analyse_transcript

    if line is not None:
        if transcript is not None:
            raise CoachError("give a transcript or --line, not both")
        result = analyse_line(line)
        if as_json:
            emit_json(result.to_json())
        else:
            console.print(
                safe(
                    f"question: {_label(result.question)}  personal: {_label(result.personal)}  "
                    f"directive: {'yes' if result.directive else 'no'}"
                )
            )
        return
    if transcript is None:
        raise CoachError("give a transcript file (or - for stdin), or --line TEXT")
    analysis = analyse_transcript(_read(transcript))
    if as_json:
        emit_json(analysis.to_json())
        return
    for warning in analysis.warnings:
        console.print(safe(f"warning: {warning}"), style="yellow")
    s = analysis.summary
    ratio = "n/a" if s.talk_ratio is None else f"{round(s.talk_ratio * 100)}%"
    share = "n/a" if s.open_question_share is None else f"{round(s.open_question_share * 100)}%"
    console.print(safe(f"Your share of the words: {ratio}"))
    console.print(safe(f"Open questions: {s.open_questions} of {s.questions} ({share})"))
    console.print(safe(f"Personal asks: {s.personal_asks}  reveals: {s.personal_reveals}  directives: {s.directives}"))
    for item in s.feedback:
        console.print(safe(f"- {item.point} ({item.source})"))


def _searcher(ctx: typer.Context) -> Searcher | None:
    """The knowledge index's search, if that part is installed; roleplay works without it."""
    try:
        from coach.retrieval import knowledge  # noqa: F401
    except ImportError:
        return None
    ws = workspace(ctx)

    def search(query: str, k: int = 4) -> list[Passage]:
        try:
            return ws.knowledge.search(query, k)
        except (ImportError, OSError):
            return []

    return search


def roleplay(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person to rehearse with.")],
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Scenario id (default: from memory).")
    ] = None,
    temperament: Annotated[
        str | None, typer.Option("--temperament", "-t", help="guarded, open, frustrated, anxious or skeptical.")
    ] = None,
    difficulty: Annotated[str, typer.Option("--difficulty", "-d", help="1-3 or easy, normal, hard.")] = "normal",
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for reproducible replies.")] = None,
) -> None:
    """Rehearse a conversation line by line; type 'end' (or EOF) for the scorecard."""
    from coach.coaching import roleplay as rp
    from coach.coaching.roleplay.persona import parse_difficulty, parse_temperament
    from coach.coaching.roleplay.scenarios import get_scenario

    chosen = get_scenario(scenario)
    temper = parse_temperament(temperament)
    level = parse_difficulty(difficulty)
    record = workspace(ctx).memory.record(name)
    drill = rp.start(record, chosen, temper, level, seed)
    who = drill.persona.first_name
    console.print(
        safe(f"Role-play: {drill.scenario.title} ({drill.scenario.id}) with {drill.persona.name}"), style="bold"
    )
    console.print(
        safe(f"{drill.persona.temperament.value}, difficulty {drill.persona.difficulty}. {drill.scenario.brief}")
    )
    console.print(safe("Type your lines; 'end' finishes and shows the scorecard."))
    console.print(safe(f"{who}: {drill.opening}" if drill.persona_opens else drill.opening))
    for raw in sys.stdin:
        line = raw.strip()
        if line.lower() in END_WORDS:
            break
        if not line:
            continue
        turn = rp.reply(drill, line)
        console.print(safe(f"{who}: {turn.reply}"))
    card = rp.end(drill, _searcher(ctx))
    console.print()
    console.print(safe(card.to_markdown()))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("score")(score)
    app.command("roleplay")(roleplay)
