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

md = partial(md_escape, flat=True)
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

    ws = workspace(ctx)
    ws.person(name)  # unknown person: exit 2 with suggestions, before reading the notes
    text = _read_notes(notes)
    day = parse_date(date) or dt.date.today()
    meeting = Meeting(date=day, status=status, cancelled_by=by, length_minutes=length)
    choice = ws.model_choice()
    if not choice.offline and not as_json:
        err_console.print(safe(f"Reading the notes with {choice.label} as well…"), style="dim")
    result = ws.debrief(name, text, meeting)
    already = save and result.saved_as is not None
    decisions: dict[int, Any] | None = None
    how = ""
    if not result.disputes:
        decisions = {}
    elif resolve is not None:
        decisions, how = result.decide_all(resolve.value), resolve.value
    elif disputes.interactive(notes, as_json) and not already:  # no questions for a meeting already saved
        decisions, how = disputes.decide(result.merged), "you"
    out = result.to_json(decisions, how)
    out["saved"], out["meeting_id"] = False, None
    if save:
        if decisions is None and not already:
            raise result.refusal()
        saved = ws.save_debrief(result, decisions)
        out["saved"], out["meeting_id"] = saved.saved, saved.meeting_id
        if saved.warning:
            out["warnings"].append(saved.warning)
    if as_json:
        emit_json(out)
        return
    _print(out)


def _owner(action: dict[str, Any]) -> str:
    """ "them", "me", … or "Tom (other)"."""
    name = action.get("owner_name")
    return f"{name} (other)" if action["owner"] == "other" and name else str(action["owner"])


def _action_lines(actions: list[dict[str, Any]]) -> list[str]:

    lines: list[str] = []
    shown: set[int] = set()
    for a in actions:
        due = f", due {a['due']}" if a["due"] else ""
        if not a.get("disputed"):
            lines.append(f"- {md(a['text'])} (owner: {md(_owner(a))}, proposed by: {a['proposed_by']}{due})")
            continue
        if a["dispute"] in shown:
            continue
        shown.add(a["dispute"])
        readings = [
            f"{b['source']}: owner {_owner(b)}, proposed by {b['proposed_by']}"
            for b in actions
            if b.get("dispute") == a["dispute"]
        ]
        only = "" if a["found_by"] == "both" else f"only the {a['found_by']} found it; "
        lines.append(f"- **disputed:** {md(a['text'])} ({only}{md('; '.join(readings))})")
    return lines


def _print(out: dict[str, Any]) -> None:
    from rich.markdown import Markdown

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
    if out["personal_followups"]:
        lines += ["## Shared with you (kept as personal notes, to ask about next time if they want to share)", ""]
        for p in out["personal_followups"]:
            care = " *(sensitive: follow up with care)*" if p["sensitive"] else ""
            lines.append(f"- {md(p['text'])}{care}")
        lines.append("")
    for w in out["warnings"]:
        lines += [f"*{md(w)}*", ""]
    if out["saved"]:
        lines.append(f"Saved as meeting {out['meeting_id']}.")
    console.print(Markdown("\n".join(lines)))
