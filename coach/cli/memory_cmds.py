"""people / meeting / action / note: the relationship memory from the command line."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.text import Text

from coach.cli.common import cell, console, emit_json, parse_date, require_text, safe, table, workspace
from coach.domain import (
    Action,
    Level,
    Meeting,
    MeetingStatus,
    Note,
    Owner,
    Party,
    Person,
    Proposer,
    Relationship,
    normalise_email,
)
from coach.errors import CoachError
from coach.textsafe import one_line

people_app = typer.Typer(help="Add, list, show, edit and remove people.", no_args_is_help=True)
meeting_app = typer.Typer(help="Log 1:1s: held, cancelled or moved.", no_args_is_help=True)
action_app = typer.Typer(help="Actions from 1:1s, with who owns them and who proposed them.", no_args_is_help=True)
note_app = typer.Typer(help="What a person shared (mark Level 2 knowledge --personal).", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def register(app: typer.Typer) -> None:
    app.add_typer(people_app, name="people")
    app.add_typer(meeting_app, name="meeting")
    app.add_typer(action_app, name="action")
    app.add_typer(note_app, name="note")


def _email(value: str | None) -> str | None:
    """An address from the command line ("" clears it), or one clear line saying why it is not one."""
    if value is None:
        return None
    try:
        return normalise_email(value)
    except ValueError as exc:
        raise CoachError(str(exc)) from None


# -- people -----------------------------------------------------------------
@people_app.command("add")
def people_add(
    ctx: typer.Context,
    name: str,
    relationship: Annotated[Relationship, typer.Option("--relationship", "-r")] = Relationship.report,
    role: Annotated[str, typer.Option(help="Their role, e.g. 'Backend engineer'.")] = "",
    level: Annotated[Level, typer.Option(help="ic, or manager for a manager of managers.")] = Level.ic,
    context: Annotated[str, typer.Option(help="Anything worth remembering about the relationship.")] = "",
    email: Annotated[str | None, typer.Option(help="Their address, to match them in your calendar.")] = None,
) -> None:
    """Add a person: a report, your boss or a peer."""
    person = workspace(ctx).add_person(
        Person(
            name=require_text(name, "name"),
            relationship=relationship,
            role=role,
            level=level,
            context=context,
            email=_email(email),
        )
    )
    console.print(safe(f"Added {person.name} ({person.relationship.value})."))


@people_app.command("list")
def people_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Everyone you have 1:1s with, with open actions and the last meeting."""
    summaries = workspace(ctx).people()
    if as_json:
        emit_json(
            [
                {
                    "name": s.person.name,
                    "relationship": s.person.relationship.value,
                    "role": s.person.role,
                    "level": s.person.level.value,
                    "open_actions": s.open_actions,
                    "last_meeting": s.last_meeting.isoformat() if s.last_meeting else None,
                    "email": s.person.email,
                    "next_1on1": s.next_1on1.starts_at.isoformat() if s.next_1on1 else None,
                    "headline": s.headline,
                }
                for s in summaries
            ]
        )
        return
    if not summaries:
        console.print("No people yet. Add one with `coach people add NAME`, or try `coach demo`.")
        return
    today = dt.date.today()
    t = table("Name", "Relationship", "Open", "Last 1:1", "Next 1:1", "Headline")
    for s in summaries:
        t.add_row(
            cell(s.person.name),
            s.person.relationship.value + (" (manager)" if s.person.level.value == "manager" else ""),
            str(s.open_actions),
            (s.last_meeting.isoformat() if s.last_meeting else "—")
            + ("  ⚠ you cancelled" if s.cancelled_by_me_recently else ""),
            s.next_1on1.label(today) if s.next_1on1 else "—",
            cell(s.headline),
        )
    console.print(t)


@people_app.command("show")
def people_show(ctx: typer.Context, name: str, as_json: JsonOpt = False) -> None:
    """Everything memory holds about one person."""
    record = workspace(ctx).record(name)
    if as_json:
        emit_json(record.model_dump(mode="json"))
        return
    p = record.person
    console.print(cell(f"{p.name} — {p.relationship.value}, {p.level.value}" + (f", {p.role}" if p.role else "")))
    if p.email:
        console.print(cell(p.email))
    if p.context:
        console.print(safe(p.context))
    upcoming = record.next_1on1(dt.datetime.now().astimezone())
    if upcoming is not None:
        console.print(safe(f"next 1:1: {upcoming.label(dt.date.today())}"))
    if record.meetings:
        t = table("Date", "Status", "By", "Minutes", "Notes", title="Meetings")
        for m in record.meetings[-10:]:
            t.add_row(
                m.date.isoformat(),
                m.status.value,
                m.cancelled_by.value if m.cancelled_by else "",
                str(m.length_minutes or ""),
                safe(one_line(m.notes, 60)),
            )
        console.print(t)
    _print_actions([(p.name, a) for a in record.actions], show_person=False)
    if record.notes:
        t = table("Date", "Kind", "Note", title="What they shared")
        for n in record.notes:
            kind = "sensitive" if n.sensitive else "personal" if n.personal else "work"
            t.add_row(n.created.date().isoformat(), kind, safe(one_line(n.text, 80)))
        console.print(t)


@people_app.command("edit")
def people_edit(
    ctx: typer.Context,
    name: str,
    new_name: Annotated[str | None, typer.Option("--name")] = None,
    relationship: Annotated[Relationship | None, typer.Option("--relationship", "-r")] = None,
    role: Annotated[str | None, typer.Option()] = None,
    level: Annotated[Level | None, typer.Option()] = None,
    context: Annotated[str | None, typer.Option()] = None,
    email: Annotated[str | None, typer.Option(help='Their address ("" clears it).')] = None,
) -> None:
    """Change a person's name, relationship, role, level, context or email."""
    if new_name is not None:
        new_name = require_text(new_name, "name")
    if email is not None:
        _email(email)
    person = workspace(ctx).edit_person(
        name, name=new_name, relationship=relationship, role=role, level=level, context=context, email=email
    )
    console.print(safe(f"Updated {person.name}."))


@people_app.command("remove")
def people_remove(
    ctx: typer.Context, name: str, yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False
) -> None:
    """Remove a person and everything about them (same as `coach forget`)."""
    forget_person(ctx, name, yes)


def forget_person(ctx: typer.Context, name: str, yes: bool) -> None:
    person = workspace(ctx).person(name)
    question = f"Erase {one_line(person.name)} and every meeting, action and note about them? This cannot be undone"
    try:
        confirmed = yes or typer.confirm(question)
    except typer.Abort:  # no answer (end of input, Ctrl-C): treat as no
        confirmed = False
    if not confirmed:
        raise CoachError("nothing was erased (to erase without being asked, add --yes)")
    report = workspace(ctx).forget(person.name)
    for line in report.lines():
        console.print(safe(line), soft_wrap=True)


# -- meetings -----------------------------------------------------------------
@meeting_app.command("log")
def meeting_log(
    ctx: typer.Context,
    name: str,
    date: Annotated[str, typer.Option(help="YYYY-MM-DD, today or yesterday.")] = "today",
    status: Annotated[MeetingStatus, typer.Option()] = MeetingStatus.held,
    by: Annotated[Party | None, typer.Option("--by", help="Who cancelled or moved it.")] = None,
    length: Annotated[int | None, typer.Option("--length", min=0, max=1440, help="Minutes.")] = None,
    notes: Annotated[str, typer.Option(help="A few words on how it went.")] = "",
) -> None:
    """Log a 1:1 as held, cancelled or moved."""
    if status is not MeetingStatus.held and by is None:
        raise CoachError(f"say who {status.value} it with --by me|them")
    day = parse_date(date)
    assert day is not None
    ws = workspace(ctx)
    meeting = ws.log_meeting(
        name, Meeting(date=day, status=status, cancelled_by=by, length_minutes=length, notes=notes)
    )
    console.print(safe(f"Logged a {meeting.status.value} 1:1 with {ws.person(name).name} on {day}."))


@meeting_app.command("next")
def meeting_next(
    ctx: typer.Context,
    name: str,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD, today or tomorrow.")] = None,
    time: Annotated[str, typer.Option(help="HH:MM, your local time.")] = "09:00",
    clear: Annotated[bool, typer.Option("--clear", help="Forget the next 1:1 set by hand.")] = False,
) -> None:
    """Set the next 1:1 with a person by hand (without a calendar import); `coach today` and the brief show it."""
    ws = workspace(ctx)
    if clear:
        ws.set_next_1on1(name, None)
        console.print(safe(f"Cleared the next 1:1 with {ws.person(name).name} set by hand."))
        return
    day = parse_date(date)
    if day is None:
        raise CoachError("give the day with --date YYYY-MM-DD (or --clear)")
    try:
        clock = dt.time.fromisoformat(time.strip())
    except ValueError:
        raise CoachError(f"{time!r} is not a time; use HH:MM, e.g. 14:00") from None
    when = dt.datetime.combine(day, clock).astimezone()
    item = ws.set_next_1on1(name, when)
    assert item is not None
    console.print(safe(f"Next 1:1 with {ws.person(name).name}: {item.label(dt.date.today())}."))


# -- actions ------------------------------------------------------------------
@action_app.command("add")
def action_add(
    ctx: typer.Context,
    name: str,
    text: str,
    owner: Annotated[Owner, typer.Option(help="Who does it (other: a third person, named with --owner-name).")] = (
        Owner.them
    ),
    owner_name: Annotated[
        str | None, typer.Option("--owner-name", help="Who, when --owner other (e.g. 'Tom', 'legal').")
    ] = None,
    proposed_by: Annotated[Proposer, typer.Option("--proposed-by", help="Who suggested it.")] = Proposer.unclear,
    due: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
) -> None:
    """Add an action for a person."""
    if owner is Owner.other and not (owner_name or "").strip():
        raise CoachError("--owner other needs --owner-name: who will do it")
    if owner_name is not None and owner is not Owner.other:
        raise CoachError("--owner-name only goes with --owner other")
    action = workspace(ctx).add_action(
        name,
        Action(
            text=require_text(text), owner=owner, owner_name=owner_name, proposed_by=proposed_by, due=parse_date(due)
        ),
    )
    console.print(safe(f"Action {action.id} added (owner: {action.owner_label()})."))


@action_app.command("done")
def action_done(ctx: typer.Context, action_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Mark an action done."""
    action = workspace(ctx).complete_action(action_id)
    console.print(safe(f"Done: {one_line(action.text, 70)}"))


@action_app.command("list")
def action_list(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument()] = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only actions not done yet.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List actions, for everyone or one person."""
    rows = workspace(ctx).actions(name, open_only=open_only)
    if as_json:
        emit_json([action_json(person, a) for person, a in rows])
        return
    if not rows:
        console.print("No actions.")
        return
    _print_actions(rows, show_person=name is None)


def action_json(person: str, a: Action) -> dict[str, object]:
    return {
        "id": a.id,
        "person": person,
        "text": a.text,
        "owner": a.owner.value,
        "owner_name": a.owner_name,
        "proposed_by": a.proposed_by.value,
        "due": a.due.isoformat() if a.due else None,
        "done": a.done,
        "created": a.created.isoformat(),
    }


def _print_actions(rows: list[tuple[str, Action]], show_person: bool) -> None:
    if not rows:
        return
    today = dt.date.today()
    cols = ["ID", *(["Person"] if show_person else []), "Action", "Owner", "Proposed by", "Due", "Status"]
    t = table(*cols, title="Actions")
    for person, a in rows:
        status = "done" if a.done else ("OVERDUE" if a.overdue(today) else "open")
        cells: list[str | Text] = [str(a.id), *([cell(person)] if show_person else [])]
        cells += [safe(one_line(a.text, 70)), cell(a.owner_label()), a.proposed_by.value]
        cells.append(a.due.isoformat() if a.due else "")
        t.add_row(*cells, status)
    console.print(t)


# -- notes ----------------------------------------------------------------------
@note_app.command("add")
def note_add(
    ctx: typer.Context,
    name: str,
    text: str,
    personal: Annotated[bool, typer.Option("--personal", help="Level 2: family, health, interests, feelings.")] = False,
    sensitive: Annotated[
        bool,
        typer.Option("--sensitive", help="Personal news to follow up with care (health, loss…); implies --personal."),
    ] = False,
) -> None:
    """Record something the person shared."""
    note = workspace(ctx).add_note(name, Note(text=require_text(text), personal=personal, sensitive=sensitive))
    kind = " (sensitive: followed up with care)" if note.sensitive else " (personal: shown with care)"
    console.print(f"Note {note.id} saved{kind if note.personal else ''}.")
