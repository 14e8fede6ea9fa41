"""brief / debrief: before and after a 1:1."""

from __future__ import annotations

import datetime as dt
import sys
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli.common import console, emit_json, err_console, parse_date, safe, workspace
from coach.cli.disputes import Resolve
from coach.domain import Meeting, MeetingStatus, Party
from coach.errors import CoachError
from coach.textsafe import md_escape

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
MAX_NOTES_BYTES = 5_000_000


def register(app: typer.Typer) -> None:
    """Add `brief` and `debrief` to the root app."""
    app.command("brief")(brief)
    app.command("debrief")(debrief)


def brief(
    ctx: typer.Context,
    name: str,
    as_json: JsonOpt = False,
    passages: Annotated[
        bool, typer.Option("--passages/--no-passages", help="Cite passages from the knowledge index.")
    ] = True,
) -> None:
    """What to read in the two minutes before a 1:1 with NAME."""
    from rich.markdown import Markdown

    result = workspace(ctx).brief(name, with_passages=passages)
    if as_json:
        emit_json(result.to_json())
        return
    console.print(Markdown(result.to_markdown()))


def _read_notes(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read(MAX_NOTES_BYTES + 1) if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    else:
        path = Path(source).expanduser()
        if not path.is_file():
            raise CoachError(f"no notes file at {source!r}")
        with path.open("rb") as fh:
            data = fh.read(MAX_NOTES_BYTES + 1)
    if len(data) > MAX_NOTES_BYTES:
        raise CoachError(f"the notes are larger than {MAX_NOTES_BYTES // 1_000_000} MB; split them up")
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        raise CoachError("the notes are empty")
    return text


def debrief(
    ctx: typer.Context,
    name: str,
    notes: Annotated[str, typer.Option("--notes", help="A notes file, or - for standard input.")],
    as_json: JsonOpt = False,
    save: Annotated[bool, typer.Option("--save", help="Record the meeting, its actions and notes.")] = False,
    date: Annotated[str | None, typer.Option("--date", help="Meeting date, YYYY-MM-DD (default today).")] = None,
    status: Annotated[MeetingStatus, typer.Option("--status")] = MeetingStatus.held,
    by: Annotated[Party | None, typer.Option("--by", help="Who cancelled or moved it.")] = None,
    length: Annotated[int | None, typer.Option("--length", min=0, max=1440, help="Minutes it lasted.")] = None,
    resolve: Annotated[
        Resolve | None,
        typer.Option(
            "--resolve",
            help="With a model: where the rules and the model disagree, take this side's reading without asking "
            "(rules: the rule-based actions exactly; model: the model's). Without it, --save refuses to write "
            "disputed actions unless you decide each one in a terminal.",
        ),
    ] = None,
) -> None:
    """Turn your notes after a 1:1 into actions, with who owns them, and coaching nudges.

    With a model configured, the model reads the notes too; where the readings disagree, you decide.

    In a terminal you are asked about each disagreement; --resolve rules|model decides them all.

    --json lists both readings of a disputed action, flagged "disputed": true, and chooses neither.
    """
    from coach.cli import disputes
    from coach.coaching.debrief import analyse_notes

    ws = workspace(ctx)
    record = ws.memory.record(name)  # unknown person: exit 2 with suggestions
    text = _read_notes(notes).strip()
    day = parse_date(date) or dt.date.today()
    if status is MeetingStatus.held and by is not None:
        raise CoachError("--by only applies to a cancelled or moved meeting")
    result = analyse_notes(text, record.person, record, day, status, length)
    out = result.to_json()
    found = _model_reading(ws, result.actions, text, record.person.name, quiet=as_json)
    out["model"] = found.model
    if found.error is not None:
        out["model_error"] = found.error
        out["warnings"].append(found.message())
    existing = ws.memory.find_meeting(record.person.name, day, text) if save else None
    merged, pairs = found.merged, None
    if not merged.disputes:
        pairs, how = [(a, a.agreed()) for a in merged.actions], ""
    elif resolve is not None:
        pairs, how = disputes.resolved(merged, resolve), resolve.value
    elif disputes.interactive(notes, as_json) and existing is None:  # no questions for a meeting already saved
        pairs, how = disputes.decide(merged), "you"
    if pairs is None:
        if save and existing is None:
            raise disputes.refuse_to_save(len(merged.disputes))
        from coach.agent.debrief import dispute_json

        out["actions"] = dispute_json(merged)
        agreed = [a.agreed() for a in merged.actions if not a.disputed]
        out["summary"] = disputes.summary(agreed, len(merged.disputes))
    else:
        out["actions"] = disputes.decided_json(pairs, how)
        out["summary"] = disputes.summary([r for _, r in pairs])
    out["saved"], out["meeting_id"] = False, None
    if save:
        if existing is not None:
            out["meeting_id"] = existing.id
            out["warnings"].append(f"already saved: this meeting on {day.isoformat()} is recorded (id {existing.id})")
        elif pairs is not None:
            meeting = Meeting(date=day, status=status, cancelled_by=by, length_minutes=length, notes=text)
            actions = [r.to_action() for _, r in pairs]
            saved, _, _ = ws.memory.log_meeting(record.person.name, meeting, actions, result.notes_to_save())
            out["saved"], out["meeting_id"] = True, saved.id
    if as_json:
        emit_json(out)
        return
    _print(out)


def _model_reading(ws: Any, rule_actions: list[Any], text: str, person: str, quiet: bool) -> Any:
    """The model's reading merged with the rules' (offline: the rules' alone). A failure is a message, never a crash."""
    import asyncio

    from coach.agent.debrief import debrief_actions
    from coach.agent.factory import choose

    choice = choose(ws.settings)
    if not choice.offline and not quiet:
        err_console.print(safe(f"Reading the notes with {choice.label} as well…"), style="dim")
    return asyncio.run(debrief_actions(ws.settings, rule_actions, text, person))


def _action_lines(actions: list[dict[str, Any]]) -> list[str]:
    md = partial(md_escape, flat=True)

    lines: list[str] = []
    shown: set[int] = set()
    for a in actions:
        due = f", due {a['due']}" if a["due"] else ""
        if not a.get("disputed"):
            lines.append(f"- {md(a['text'])} (owner: {a['owner']}, proposed by: {a['proposed_by']}{due})")
            continue
        if a["dispute"] in shown:
            continue
        shown.add(a["dispute"])
        readings = [
            f"{b['source']}: owner {b['owner']}, proposed by {b['proposed_by']}"
            for b in actions
            if b.get("dispute") == a["dispute"]
        ]
        only = "" if a["found_by"] == "both" else f"only the {a['found_by']} found it; "
        lines.append(f"- **disputed:** {md(a['text'])} ({only}{md('; '.join(readings))})")
    return lines


def _print(out: dict[str, Any]) -> None:
    from rich.markdown import Markdown

    md = partial(md_escape, flat=True)

    s = out["summary"]
    lines = [f"# Debrief: {md(out['person'])}", ""]
    lines += [
        f"{s['total']} action(s): {s['owned_by_them']} owned by them, {s['proposed_by_them']} proposed by them, "
        f"{s['owned_by_me']} owned by you.",
        "",
    ]
    lines += _action_lines(out["actions"])
    if out["actions"]:
        lines.append("")
    if s.get("disputed"):
        lines += [
            f"*{s['disputed']} action(s) are disputed between the rules and the model. Run this in a terminal to "
            "decide each one, or pass --resolve rules or --resolve model.*",
            "",
        ]
    if out["nudges"]:
        lines += ["## Nudges", "", *[f"- {md(n)}" for n in out["nudges"]], ""]
    if out["personal_notes"]:
        lines += ["## Shared with you (kept as personal notes)", "", *[f"- {md(n)}" for n in out["personal_notes"]], ""]
    for w in out["warnings"]:
        lines += [f"*{md(w)}*", ""]
    if out["saved"]:
        lines.append(f"Saved as meeting {out['meeting_id']}.")
    console.print(Markdown("\n".join(lines)))
