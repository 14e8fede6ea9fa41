"""`coach calendar import` (attendance from a calendar export) and `coach today` (the day's 1:1s).

An attendee coach does not know is asked about once, in a terminal (or answered with
`--map`, or added with `--add-unknown`); the answer is remembered. Elsewhere (a pipe,
`--json`) nothing is asked and their series are reported as not imported.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.common import console, emit_json, parse_date, safe, table, workspace
from coach.domain import Relationship
from coach.errors import CoachError
from coach.textsafe import one_line
from coach.workspace import CalendarAnswer

if TYPE_CHECKING:
    from coach.workspace import CalendarImport, CalendarRead, Stranger, Workspace

calendar_app = typer.Typer(help="Read your 1:1s from a calendar export (.ics).", no_args_is_help=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
TzOpt = Annotated[
    str | None, typer.Option("--tz", help="Your time zone, e.g. Europe/London (default: this machine's).")
]


def register(app: typer.Typer) -> None:
    app.add_typer(calendar_app, name="calendar")
    app.command("today")(today)


def interactive(as_json: bool) -> bool:
    """Ask only where a person can see the question and answer it."""
    return not as_json and sys.stdin.isatty() and sys.stdout.isatty()


@calendar_app.command("import")
def calendar_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An .ics export of your calendar.")],
    me: Annotated[
        list[str] | None, typer.Option("--me", help="Your address in the calendar (remembered; repeat for several).")
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="ATTENDEE=PERSON: an attendee's address or name, and who they are: a person in coach, "
            "new (add them as a report; new:boss, new:peer) or skip (never import them). Remembered.",
        ),
    ] = None,
    add_unknown: Annotated[
        bool, typer.Option("--add-unknown", help="Add every attendee coach does not know as a report, without asking.")
    ] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="Import 1:1s from this date on (default: a year ago).")
    ] = None,
    tz: TzOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be recorded; write nothing.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Record your 1:1s from a calendar export: past ones held, cancelled ones cancelled, moved ones moved.

    Importing the same calendar again changes only what changed. A 1:1 you logged by hand on the same day is
    matched, not added twice. The next 1:1 with each person is kept for `coach today` and the brief.
    """
    ws = workspace(ctx)
    read = ws.read_calendar(file.expanduser(), me=me or [], tz=tz, since=parse_date(since))
    answers = _answers(ws, read, mapping or [], add_unknown, as_json)
    result = ws.import_calendar(read, answers, dry_run=dry_run)
    if as_json:
        emit_json(result.to_json() | {"unknown": [s.to_json() for s in read.strangers if s.key not in answers]})
        return
    _print_import(read, result, answers)


def _answer(value: str) -> CalendarAnswer:
    word = value.strip()
    low = word.lower()
    if low in ("skip", "never", "ignore"):
        return CalendarAnswer(skip=True)
    if low == "new" or low.startswith(("new:", "new ")):
        kind = low[4:].strip() or "report"
        try:
            return CalendarAnswer(new=Relationship(kind))
        except ValueError:
            raise CoachError(f"{value!r}: a new person is new, new:boss or new:peer") from None
    if not word:
        raise CoachError("an answer must name a person, or be new or skip")
    return CalendarAnswer(person=word)


def _find(read: CalendarRead, key: str) -> Stranger | None:
    wanted = " ".join(key.casefold().split()).removeprefix("mailto:")
    for s in read.strangers:
        names = {s.key, s.email or "", " ".join(s.suggested_name.casefold().split()), s.label.casefold()}
        titles = {" ".join(t.casefold().split()) for t in s.titles}
        if wanted in names or wanted in titles:
            return s
    return None


def _answers(
    ws: Workspace, read: CalendarRead, mapping: list[str], add_unknown: bool, as_json: bool
) -> dict[str, CalendarAnswer]:
    answers: dict[str, CalendarAnswer] = {}
    for item in mapping:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CoachError(f'--map {item!r}: write ATTENDEE=PERSON, e.g. alex@example.com="Alex Kim"')
        stranger = _find(read, key)
        if stranger is None:
            read.warnings.append(
                f"--map {key.strip()}: no attendee coach does not already know has that address or name"
            )
            continue
        answer = _answer(value)
        if answer.person:
            ws.person(answer.person)  # unknown: exit 2 with suggestions, before anything is written
        answers[stranger.key] = answer
    for stranger in read.strangers:
        if stranger.key in answers:
            continue
        if add_unknown:
            answers[stranger.key] = CalendarAnswer(new=Relationship.report)
        elif interactive(as_json):
            asked = _ask(ws, stranger)
            if asked is not None:
                answers[stranger.key] = asked
    return answers


def _ask(ws: Workspace, stranger: Stranger) -> CalendarAnswer | None:
    """One question per stranger; Enter leaves them for next time."""
    titles = ", ".join(f"“{one_line(t, 40)}”" for t in dict.fromkeys(stranger.titles))
    new = (
        f'"new" adds {stranger.suggested_name} as a report ("new boss", "new peer")' if stranger.suggested_name else ""
    )
    hint = f" Perhaps {', '.join(stranger.suggestions)}?" if stranger.suggestions else ""
    console.print(safe(f"\nWho is {stranger.label}? ({titles}: {stranger.occurrences} occurrences){hint}"))
    console.print(safe(f"  Type a person in coach, {new + ', ' if new else ''}\"skip\" to never import them, "
                       "or Enter to leave them for now."))  # fmt: skip
    while True:
        try:
            raw = str(typer.prompt("  answer", default="", show_default=False)).strip()
        except typer.Abort:
            return None
        if not raw:
            return None
        try:
            answer = _answer(raw)
            if answer.new is not None and not stranger.suggested_name:
                raise CoachError("there is no name to add them under; type a person in coach, or skip")
            if answer.person:
                ws.person(answer.person)
            return answer
        except CoachError as exc:
            console.print(safe(f"  {exc.message}"), style="yellow")


def _print_import(read: CalendarRead, result: CalendarImport, answers: dict[str, CalendarAnswer]) -> None:
    console.print(safe(f"Read {len(result.series)} 1:1 series from {read.path.name} (you: {', '.join(read.me)})."))
    nexts = result.next_1on1
    for s in result.series:
        if s.person is None:
            continue
        parts = [f"{s.held} held"]
        if s.cancelled_by_me:
            parts.append(f"{s.cancelled_by_me} cancelled by you")
        if s.cancelled_by_them:
            parts.append(f"{s.cancelled_by_them} cancelled by them")
        if s.moved:
            parts.append(f"{s.moved} moved")
        nxt = nexts.get(s.person)
        if nxt is not None:
            parts.append(f"next 1:1: {nxt.label(result.today)}")
        console.print(safe(f"  {s.person} — “{one_line(s.title, 40)}”: {', '.join(parts)}"))
    for stranger in read.strangers:
        if stranger.key in answers:
            continue
        console.print(
            safe(
                f"  Not imported: {stranger.label} (“{one_line(stranger.titles[0], 40)}”). Run this in a terminal to "
                f"be asked, or pass --map {stranger.email or stranger.key}=NAME|new|skip"
            ),
            style="yellow",
        )
    c = result.counts
    added = sum(c.added.values())
    verb = "Would record" if result.dry_run else "Recorded"
    console.print(
        safe(
            f"{verb}: {added} new meeting(s) ({c.added['held']} held, {c.added['cancelled']} cancelled, "
            f"{c.added['moved']} moved), {c.matched} matched to ones you logged, {c.updated} updated, "
            f"{c.unchanged} unchanged; {c.upcoming} upcoming 1:1(s)"
            + (f"; {c.people_added} new person(s): {', '.join(result.people_added)}" if c.people_added else "")
            + "."
        )
    )
    for warning in result.warnings:
        console.print(safe(f"note: {warning}"), style="yellow")
    if result.dry_run:
        console.print("Dry run: nothing was written.", style="dim")


def today(
    ctx: typer.Context,
    date: Annotated[str | None, typer.Option("--date", help="Another day: YYYY-MM-DD, today, tomorrow.")] = None,
    tz: TzOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The day's 1:1s in time order, each with the one line that matters about the person."""
    ws = workspace(ctx)
    day = parse_date(date) or dt.date.today()
    items = ws.day_1on1s(day, tz=tz)
    if as_json:
        emit_json({"date": day.isoformat(), "one_on_ones": [i.to_json() for i in items]})
        return
    heading = f"{day:%a} {day.day} {day:%b %Y}"
    if not items:
        console.print(safe(f"No 1:1s on {heading}."))
        console.print(
            "Import your calendar with `coach calendar import FILE.ics`, or set the next 1:1 with "
            "`coach meeting next NAME --date D --time HH:MM`.",
            style="dim",
        )
        return
    t = table("Time", "Person", "", "Headline", title=f"1:1s on {heading}")
    for i in items:
        status = "" if i.status == "upcoming" else i.status + (f" by {i.cancelled_by}" if i.cancelled_by else "")
        t.add_row(f"{i.starts_at:%H:%M}" if i.starts_at else "—", safe(i.person), status, safe(i.headline))
    console.print(t)
