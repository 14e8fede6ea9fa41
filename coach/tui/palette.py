"""Memory at hand: command palette entries for every memory operation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


def memory_commands(app: CoachApp) -> Iterator[SystemCommand]:
    yield SystemCommand("Add a person", "Someone you meet 1:1 (report, boss or peer)", app.action_add_person)
    yield SystemCommand("Log a meeting", "Held, cancelled or moved, for the selected person", app.action_log_meeting)
    yield SystemCommand("Add an action", "Something to do, for the selected person", app.action_add_action)
    yield SystemCommand("Complete an action", "Mark an open action of the selected person done", app.action_complete)
    yield SystemCommand("Add a note", "Something the selected person shared", app.action_add_note)
    yield SystemCommand("Forget this person", "Erase the selected person completely", app.action_forget)
    yield SystemCommand("Export memory", "Write everything to Markdown or JSON", app.action_export)
    yield SystemCommand("Load the demo team", "Four sample people with a few months of 1:1s", app.action_load_demo)
    for key, mode in (("1", "Prep"), ("2", "Role-play"), ("3", "Debrief"), ("4", "Ask")):
        yield SystemCommand(f"Mode: {mode}", f"Switch to {mode} (F{key})", lambda m=mode: app.switch_mode_tab(m))
