"""The `Workspace`: every job of the door in one object (see the package's docstring for the map)."""

from __future__ import annotations

from coach.workspace.calendar import CalendarJobs
from coach.workspace.data import DataJobs
from coach.workspace.debrief import DebriefJobs
from coach.workspace.people import PeopleJobs
from coach.workspace.practice import PracticeJobs
from coach.workspace.progress import ProgressJobs


class Workspace(DataJobs, DebriefJobs, PracticeJobs, CalendarJobs, ProgressJobs, PeopleJobs):
    """Settings, memory, the index and the agent, wired once; every method is one thing a user can do."""
