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
| `sessions.py` | conversations with a model (prep, debrief interview, Ask); accepting its proposals |
| `data.py` | export, import, the demo team, `doctor` |
| `calendar.py` | import a calendar's 1:1s as attendance and upcoming 1:1s; the day's 1:1s (`today`) |
| `progress.py` | the manager's habits per month (attendance, ownership, rehearsal talk); saving rehearsals |
"""

from __future__ import annotations

from coach.workspace.calendar import CalendarAnswer, CalendarImport, CalendarJobs, CalendarRead, DayItem, Stranger
from coach.workspace.data import Check, DataJobs, ExportFormat
from coach.workspace.debrief import DebriefJobs, DebriefResult, SavedDebrief
from coach.workspace.knowledge import SourceDocument
from coach.workspace.people import Forgotten, PeopleJobs
from coach.workspace.practice import PracticeJobs
from coach.workspace.progress import ProgressJobs

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


class Workspace(DataJobs, DebriefJobs, PracticeJobs, CalendarJobs, ProgressJobs, PeopleJobs):
    """Settings, memory, the index and the agent, wired once; every method is one thing a user can do."""
