"""What `coach` with no command opens."""

from __future__ import annotations

import sys

from rich.text import Text

from coach.cli.common import cell, console, safe, table
from coach.workspace import Workspace


def launch(ws: Workspace) -> None:
    """Open the TUI when it is available; otherwise the people overview."""
    if sys.stdout.isatty():
        try:
            from coach.tui.app import run_app
        except ImportError:
            pass
        else:
            run_app(ws)
            return
    overview(ws)


def overview(ws: Workspace) -> None:
    if ws.is_empty():
        console.print(Text("Welcome to coach.", style="bold"))
        console.print(safe(f"Your data lives in {ws.settings.data_dir} (only you can read it)."))
        if sys.stdin.isatty() and console.input("Load a demo team to explore? [y/N] ").strip().lower() in {"y", "yes"}:
            ws.load_demo()
        else:
            console.print(
                "Start with `coach people add NAME --relationship report`, or `coach demo` for a sample team."
            )
            return
    t = table("Name", "Relationship", "Open actions", "Last 1:1", title="Your people")
    for s in ws.people():
        mark = "  ⚠ you cancelled" if s.cancelled_by_me_recently else ""
        last = s.last_meeting.isoformat() if s.last_meeting else "—"
        t.add_row(cell(s.person.name), s.person.relationship.value, str(s.open_actions), last + mark)
    console.print(t)
    console.print(
        "Commands: `coach brief NAME`, `coach debrief NAME --notes FILE`, `coach roleplay NAME`, `coach --help`."
    )
