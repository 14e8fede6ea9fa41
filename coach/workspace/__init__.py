"""The one door: everything a user can do with coach, for the faces (CLI, TUI) to call.

The faces parse input and show results; they call nothing but a `Workspace` (and
the plain types in `coach.domain`). Each job lives in its own module here and loads
its heavy parts on first use:

| module | what a user does |
| --- | --- |
| `people.py` | edit the relationship memory; forget a person completely |
| `knowledge.py` | search the index with citations (one error policy), add, list, remove, rebuild, read a source |
| `prep.py` | the brief before a 1:1 |
| `debrief.py` | notes → actions (both readings, disputes, nudges) → memory |
| `practice.py` | score lines and transcripts; rehearse with the offline persona or a model |
| `lines.py` | the line scorer every score uses; one line scored without opening anything else |
| `sessions.py` | conversations with a model (prep, debrief interview, Ask); accepting its proposals |
| `data.py` | export, import, the demo team, `doctor` |
| `calendar.py` | import a calendar's 1:1s as attendance and upcoming 1:1s; the day's 1:1s (`today`) |
| `progress.py` | the manager's habits per month (attendance, ownership, rehearsal talk); saving rehearsals |

The `Workspace` itself is in `door.py`, and this package loads it (with every job) only when a name is
asked for: importing `coach.workspace.lines` alone keeps `coach score --line` from paying for pydantic,
memory and the index, none of which scoring a line needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.workspace.calendar import CalendarAnswer, CalendarImport, CalendarRead, DayItem, Stranger
    from coach.workspace.data import Check, ExportFormat
    from coach.workspace.debrief import DebriefResult, SavedDebrief
    from coach.workspace.door import Workspace
    from coach.workspace.knowledge import SourceDocument
    from coach.workspace.people import Forgotten

_HOMES = {
    "CalendarAnswer": "calendar",
    "CalendarImport": "calendar",
    "CalendarRead": "calendar",
    "Check": "data",
    "DayItem": "calendar",
    "DebriefResult": "debrief",
    "ExportFormat": "data",
    "Forgotten": "people",
    "SavedDebrief": "debrief",
    "SourceDocument": "knowledge",
    "Stranger": "calendar",
    "Workspace": "door",
}

__all__ = [
    "CalendarAnswer",
    "CalendarImport",
    "CalendarRead",
    "Check",
    "DayItem",
    "DebriefResult",
    "ExportFormat",
    "Forgotten",
    "SavedDebrief",
    "SourceDocument",
    "Stranger",
    "Workspace",
]


def __getattr__(name: str) -> Any:
    """`from coach.workspace import Workspace` (and the result types) load their module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'coach.workspace' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"coach.workspace.{home}"), name)
    globals()[name] = value
    return value
