"""What every CLI command shares: the workspace, safe output, parsing of dates."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from coach.domain import check_date
from coach.errors import CoachError
from coach.textsafe import inline, json_text, printable
from coach.workspace import Workspace

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def workspace(ctx: typer.Context) -> Workspace:
    """The workspace built by the root callback (created lazily, closed on exit)."""
    root = ctx.find_root()
    ws = root.obj
    if not isinstance(ws, Workspace):  # pragma: no cover - the callback always sets it
        raise CoachError("internal error: no workspace")
    return ws


def parse_date(value: str | None) -> dt.date | None:
    """A date as the CLI takes it (YYYY-MM-DD, today, yesterday, tomorrow), within the years coach plans in."""
    if value is None:
        return None
    text = value.strip().lower()
    if text == "today":
        return dt.date.today()
    if text == "yesterday":
        return dt.date.today() - dt.timedelta(days=1)
    if text == "tomorrow":
        return dt.date.today() + dt.timedelta(days=1)
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        shown = inline(value, 40)
        raise CoachError(f"{shown!r} is not a date; use YYYY-MM-DD, today, yesterday or tomorrow") from None
    try:
        return check_date(day)
    except ValueError as exc:
        raise CoachError(str(exc)) from None


def require_text(value: str, what: str = "text") -> str:
    if not value or not value.strip():
        raise CoachError(f"{what} must not be empty")
    return value.strip()


def safe(value: object) -> Text:
    """Untrusted text for Rich: no markup interpretation, no control sequences."""
    return Text(printable("" if value is None else str(value)))


def cell(value: object) -> Text:
    """Untrusted text inside a table cell or a one-line message: a newline or a tab in it is shown
    escaped, so it can neither break the table's rows nor hide what it is."""
    return Text(inline("" if value is None else str(value)))


def emit_json(data: Any) -> None:
    sys.stdout.write(json_text(data))


def table(*columns: str, title: str | None = None) -> Table:
    t = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        t.add_column(column)
    return t


def pct(share: float | None) -> str:
    """A share as a whole percentage, or a dash when there was nothing to count."""
    return "—" if share is None else f"{round(share * 100)}%"
