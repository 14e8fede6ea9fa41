"""`coach score` (conversation analysis) and `coach roleplay` (the offline rehearsal)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.common import console, emit_json, safe, workspace
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


def score(
    ctx: typer.Context,
    transcript: Annotated[str | None, typer.Argument(help="Transcript file, or - for stdin.")] = None,
    line: Annotated[str | None, typer.Option("--line", help="Score a single line instead.")] = None,
    previous: Annotated[
        str | None, typer.Option("--previous", help="With --line: what the other person said just before it.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score what you said: open/closed questions, reflections, personal asks/reveals, directives, talk ratio."""
    ws = workspace(ctx)
    if previous is not None and line is None:
        raise CoachError("--previous goes with --line")
    if line is not None:
        if transcript is not None:
            raise CoachError("give a transcript or --line, not both")
        if not line.strip():
            raise CoachError("the line is empty; give the words you said, e.g. --line 'what would help?'")
        result = ws.score_line(line, previous)
        if as_json:
            emit_json(result.to_json())
        else:
            labels, cues = result.report()
            console.print(safe(labels), soft_wrap=True)  # a cue is one row, as long as it is: grep finds it
            for cue in cues:
                console.print(safe(cue), style="dim", soft_wrap=True)
        return
    if transcript is None:
        raise CoachError("give a transcript file (or - for stdin), or --line TEXT")
    text = _read(transcript)
    if not text.strip():
        raise CoachError(f"the transcript {'on standard input' if transcript == '-' else transcript} is empty")
    analysis = ws.score_transcript(text)
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
    per_question = (
        ""
        if s.reflection_to_question is None
        else f" ({s.reflection_to_question:g} per question: {s.reflection_rating})"
    )
    console.print(safe(f"Reflections: {s.reflections}{per_question}"))
    for item in s.feedback:
        console.print(safe(f"- {item.point} ({item.source})"))


def roleplay(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person to rehearse with.")],
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Scenario id (default: from-memory picks one).")
    ] = None,
    temperament: Annotated[
        str | None, typer.Option("--temperament", "-t", help="guarded, open, frustrated, anxious or skeptical.")
    ] = None,
    difficulty: Annotated[str, typer.Option("--difficulty", "-d", help="1-3 or easy, normal, hard.")] = "normal",
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for reproducible replies.")] = None,
) -> None:
    """Rehearse a conversation line by line, scored as you go; type 'end' (or EOF) for the scorecard."""
    ws = workspace(ctx)
    drill = ws.drill(name, scenario, temperament, difficulty, seed)
    who = drill.persona.first_name
    console.print(
        safe(f"Role-play: {drill.scenario.title} ({drill.scenario.id}) with {drill.persona.name}"), style="bold"
    )
    if drill.chosen_because:
        console.print(safe(f"Picked from memory: {drill.chosen_because}."))
    console.print(
        safe(f"{drill.persona.temperament.value}, difficulty {drill.persona.difficulty}. {drill.scenario.brief}")
    )
    console.print(safe(f"The checks (yes/no); {who} also has something they have not said yet:"))
    for check in drill.scenario.checks:
        console.print(safe(f"  [ ] {check.label}"))
    console.print(safe("Type your lines; a score line follows each; 'end' finishes and shows the scorecard."))
    console.print(safe(f"{who}: {drill.opening}" if drill.persona_opens else drill.opening))
    for raw in sys.stdin:
        line = raw.strip()
        if line.lower() in END_WORDS:
            break
        if not line:
            continue
        turn = ws.reply(drill, line)
        console.print(safe(f"  ↳ {turn.live}"), style="dim")
        for met in turn.newly_met:
            console.print(safe(f"  ✓ {met.label}"), style="green")
        console.print(safe(f"{who}: {turn.reply}"))
    card = ws.scorecard(drill)
    console.print()
    console.print(safe(card.to_markdown()))
    if ws.save_rehearsal(drill.persona.name, card) is not None:
        console.print(safe("Saved to your progress: see `coach progress`."), style="dim")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("score")(score)
    app.command("roleplay")(roleplay)
