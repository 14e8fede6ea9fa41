"""brief / debrief: before and after a 1:1."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli.common import console, emit_json, parse_date, workspace
from coach.domain import Meeting, MeetingStatus, Party
from coach.errors import CoachError

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
) -> None:
    """Turn your notes after a 1:1 into actions, with who owns them, and coaching nudges."""
    from coach.coaching.debrief import analyse_notes

    ws = workspace(ctx)
    record = ws.memory.record(name)  # unknown person: exit 2 with suggestions
    text = _read_notes(notes).strip()
    day = parse_date(date) or dt.date.today()
    if status is MeetingStatus.held and by is not None:
        raise CoachError("--by only applies to a cancelled or moved meeting")
    result = analyse_notes(text, record.person, record, day, status, length)
    out = result.to_json()
    out["saved"], out["meeting_id"] = False, None
    if save:
        existing = ws.memory.find_meeting(record.person.name, day, text)
        if existing is not None:
            out["meeting_id"] = existing.id
            out["warnings"].append(f"already saved: this meeting on {day.isoformat()} is recorded (id {existing.id})")
        else:
            meeting = Meeting(date=day, status=status, cancelled_by=by, length_minutes=length, notes=text)
            saved, _, _ = ws.memory.log_meeting(
                record.person.name, meeting, [a.to_action() for a in result.actions], result.notes_to_save()
            )
            out["saved"], out["meeting_id"] = True, saved.id
    if as_json:
        emit_json(out)
        return
    _print(out)


def _print(out: dict[str, Any]) -> None:
    from rich.markdown import Markdown

    from coach.coaching.brief import md

    s = out["summary"]
    lines = [f"# Debrief: {md(out['person'])}", ""]
    lines += [
        f"{s['total']} action(s): {s['owned_by_them']} owned by them, {s['proposed_by_them']} proposed by them, "
        f"{s['owned_by_me']} owned by you.",
        "",
    ]
    for a in out["actions"]:
        due = f", due {a['due']}" if a["due"] else ""
        lines.append(f"- {md(a['text'])} (owner: {a['owner']}, proposed by: {a['proposed_by']}{due})")
    if out["actions"]:
        lines.append("")
    if out["nudges"]:
        lines += ["## Nudges", "", *[f"- {md(n)}" for n in out["nudges"]], ""]
    if out["personal_notes"]:
        lines += ["## Shared with you (kept as personal notes)", "", *[f"- {md(n)}" for n in out["personal_notes"]], ""]
    for w in out["warnings"]:
        lines += [f"*{md(w)}*", ""]
    if out["saved"]:
        lines.append(f"Saved as meeting {out['meeting_id']}.")
    console.print(Markdown("\n".join(lines)))
