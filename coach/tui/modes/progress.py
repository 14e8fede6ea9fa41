"""Progress: the manager's own habits month by month, for the selected person or everyone (F6 switches).

The numbers first (they fit any width), then three charts (textual-plotext): 1:1s held and
cancelled by you, the share of new actions the report owns and proposed, and, from saved
rehearsals, the share of the words that were yours and of your questions that were open.
A month with nothing to count is left out of a line rather than drawn as zero.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static
from textual_plotext import PlotextPlot

from coach.domain import PersonRecord
from coach.textsafe import printable
from coach.tui.protocol import coach_app

if TYPE_CHECKING:
    from coach.coaching.progress import Progress

MONTHS = 6


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


def _table(*columns: str) -> Table:
    t = Table(box=None, padding=(0, 1, 0, 0), header_style="bold", expand=False)
    for column in columns:
        t.add_column(column, justify="left" if column == "Month" else "right", no_wrap=True)
    return t


def numbers(result: Progress) -> Group:
    """Two narrow tables (they fit beside the sidebar at 80 columns): 1:1s and actions, then rehearsals."""
    meetings = _table("Month", "Held", "You ✕", "New", "Theirs", "Their idea", "Done")
    talk = _table("Month", "Rehearsals", "Talk", "Open q", "Refl/q", "Personal")
    for m in result.months:
        a, o, r = m.attendance, m.actions, m.rehearsals
        meetings.add_row(
            m.month, f"{a.held}/{a.scheduled}", str(a.cancelled_by_me), str(o.new), _pct(o.owned_share),
            _pct(o.proposed_share), str(o.done),
        )  # fmt: skip
        talk.add_row(
            m.month,
            str(r.rehearsals),
            _pct(r.talk_share),
            _pct(r.open_question_share),
            "—" if r.reflections_per_question is None else f"{r.reflections_per_question:.2f}",
            "—" if r.personal_moves is None else f"{r.personal_moves:.1f}",
        )
    return Group(
        Text("1:1s and the actions from them", style="bold"),
        meetings,
        Text("\nRehearsals", style="bold"),
        talk,
        Text("You ✕: cancelled by you. Theirs: new actions they own. Their idea: ones they proposed.", style="dim"),
    )


def _points(values: list[float | None]) -> tuple[list[int], list[float]]:
    xs = [i for i, v in enumerate(values) if v is not None]
    return [i + 1 for i in xs], [round(float(values[i] or 0) * 100, 1) for i in xs]


class ProgressMode(Vertical):
    BINDINGS = [Binding("f6", "scope", "Everyone / this person")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.record: PersonRecord | None = None
        self.everyone = False
        self.today: dt.date | None = None
        self.result: Progress | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="progress-title", markup=False)
        with VerticalScroll(id="progress-scroll"):
            yield Static("", id="progress-numbers")
            yield PlotextPlot(id="chart-attendance", classes="chart")
            yield PlotextPlot(id="chart-actions", classes="chart")
            yield PlotextPlot(id="chart-talk", classes="chart")

    def show(self, record: PersonRecord | None, today: dt.date | None = None) -> None:
        self.record = record
        self.today = today
        self.reload()

    def on_show(self) -> None:
        """Shown again (its tab chosen): a rehearsal may have been saved since."""
        if self.today is not None:
            self.reload()

    def action_scope(self) -> None:
        self.everyone = not self.everyone
        self.reload()

    def reload(self) -> None:
        app = coach_app(self)
        who = None if self.everyone or self.record is None else self.record.person.name
        self.result = result = app.ws.progress(who, MONTHS, self.today or app.today)
        scope = printable(result.person) if result.person else "everyone"
        other = "everyone" if result.person else "the selected person"
        self.query_one("#progress-title", Static).update(
            Text.assemble((f"Your progress with {scope}", "bold"), (f" · last {MONTHS} months · F6: {other}", "dim"))
        )
        self.query_one("#progress-numbers", Static).update(numbers(result))
        self._draw(result)

    def _draw(self, result: Progress) -> None:
        labels = [f"{m.month[5:]}/{m.month[2:4]}" for m in result.months]
        ticks = [float(t) for t in range(1, len(labels) + 1)]
        bars = self.query_one("#chart-attendance", PlotextPlot)
        plt = bars.plt
        plt.clear_figure()
        plt.title("1:1s held, with those you cancelled on top")
        plt.stacked_bar(
            labels,
            [[m.attendance.held for m in result.months], [m.attendance.cancelled_by_me for m in result.months]],
            labels=["held", "cancelled by you"],  # type: ignore[call-arg]  # plotext takes labels; the stub says label
            width=0.5,
        )
        bars.refresh()
        charts = (
            (
                "#chart-actions",
                "New actions: % they own, % they proposed",
                [([m.actions.owned_share for m in result.months], "they own"),
                 ([m.actions.proposed_share for m in result.months], "they proposed")],
            ),
            (
                "#chart-talk",
                "Rehearsals: % your talk, % open questions",
                [([m.rehearsals.talk_share for m in result.months], "your talk"),
                 ([m.rehearsals.open_question_share for m in result.months], "open questions")],
            ),
        )  # fmt: skip
        for selector, title, series in charts:
            widget = self.query_one(selector, PlotextPlot)
            plt = widget.plt
            plt.clear_figure()
            plt.title(title)
            drawn = False
            for values, label in series:
                xs, ys = _points(values)
                if xs:
                    plt.plot(xs, ys, label=label, marker="dot")
                    drawn = True
            if not drawn:
                plt.title(f"{title}: nothing to count yet")
            plt.xlim(0.5, len(labels) + 0.5)
            plt.ylim(0, 100)
            plt.xticks(ticks, labels)
            widget.refresh()
