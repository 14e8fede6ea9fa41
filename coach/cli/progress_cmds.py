"""`coach progress`: your own habits month by month, drawn in the terminal (plotext) and as numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from coach.cli.common import console, emit_json, pct, safe, table, workspace

if TYPE_CHECKING:
    from coach.coaching.progress import Progress

CHART_HEIGHT = 12


def register(app: typer.Typer) -> None:
    app.command("progress")(progress)


def progress(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="One person (default: everyone).")] = None,
    months: Annotated[int, typer.Option("--months", "-m", min=1, max=120, help="How many months back.")] = 6,
    as_json: Annotated[bool, typer.Option("--json", help="The numbers, per month.")] = False,
) -> None:
    """Are you getting better? Attendance, who owns the actions, and how you talk in rehearsals, per month."""
    result = workspace(ctx).progress(name, months)
    if as_json:
        emit_json(result.to_json())
        return
    who = result.person or "everyone"
    console.print(safe(f"Your progress with {who}, last {months} month(s)"), style="bold")
    for chart in charts(result, console.width, color=console.is_terminal):
        console.print(chart, markup=False, highlight=False, soft_wrap=True)
    for part in numbers(result):
        console.print(part)
    if not any(m.rehearsals.rehearsals for m in result.months):
        console.print("No saved rehearsals yet: `coach roleplay NAME` keeps each scorecard here.", style="dim")


def _series(values: list[float | None]) -> tuple[list[int], list[float]]:
    """The months that have a value (a month with nothing to count is left out, not drawn as zero)."""
    xs = [i for i, v in enumerate(values) if v is not None]
    return [i + 1 for i in xs], [round(float(values[i]) * 100, 1) for i in xs]  # type: ignore[arg-type]


def charts(result: Progress, width: int, *, color: bool = True) -> list[Any]:
    """The charts as text: attendance (bars), ownership of actions and, when there are saved rehearsals, how
    the user talked in them (lines, in %). A month with nothing to count has no point."""
    import plotext as plt
    from rich.text import Text

    labels = [f"{m.month[5:]}/{m.month[2:4]}" for m in result.months]
    ticks = list(range(1, len(labels) + 1))
    out: list[Any] = []

    def start(title: str) -> None:
        plt.clear_figure()
        plt.plotsize(max(40, min(width, 100)), CHART_HEIGHT)
        plt.theme("pro" if color else "clear")
        plt.title(title)

    def lines(title: str, series: list[tuple[list[float | None], str]]) -> None:
        start(title)
        for values, label in series:
            xs, ys = _series(values)
            if xs:
                plt.plot(xs, ys, label=label, marker="dot")
        plt.xlim(0.5, len(labels) + 0.5)
        plt.ylim(0, 100)
        plt.xticks(ticks, labels)
        out.append(Text.from_ansi(plt.build()))

    start("1:1s held, with those you cancelled on top")
    held = [m.attendance.held for m in result.months]
    cancelled = [m.attendance.cancelled_by_me for m in result.months]
    plt.stacked_bar(labels, [held, cancelled], labels=["held", "cancelled by you"], width=0.5)
    out.append(Text.from_ansi(plt.build()))
    lines(
        "New actions: % they own, % they proposed",
        [
            ([m.actions.owned_share for m in result.months], "they own"),
            ([m.actions.proposed_share for m in result.months], "they proposed"),
        ],
    )
    if any(m.rehearsals.rehearsals for m in result.months):
        lines(
            "Rehearsals: % your talk, % open questions",
            [
                ([m.rehearsals.talk_share for m in result.months], "your talk"),
                ([m.rehearsals.open_question_share for m in result.months], "open questions"),
            ],
        )
    return out


def numbers(result: Progress) -> list[Any]:
    """Two tables that fit 80 columns: the 1:1s and their actions, and the rehearsals."""
    meetings = table("Month", "Held", "Cancelled by you", "New actions", "They own", "They proposed", "Done")
    talk = table("Month", "Rehearsals", "Your talk", "Open questions", "Reflections / q", "Personal moves")
    for m in result.months:
        a, o, r = m.attendance, m.actions, m.rehearsals
        meetings.add_row(
            m.month,
            f"{a.held} of {a.scheduled}",
            str(a.cancelled_by_me),
            str(o.new),
            pct(o.owned_share),
            pct(o.proposed_share),
            str(o.done),
        )
        talk.add_row(
            m.month,
            str(r.rehearsals),
            pct(r.talk_share),
            pct(r.open_question_share),
            "—" if r.reflections_per_question is None else f"{r.reflections_per_question:.2f}",
            "—" if r.personal_moves is None else f"{r.personal_moves:.1f}",
        )
    return [meetings, talk]
