"""Memory at hand in the TUI: the palette's add / log / complete / forget / export actions.

Each action opens a dialog and does the memory call itself, reporting success or
the user's error as a notification. The dialogs module is imported on first use,
so none of these forms costs anything at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from coach.domain import Action, Meeting, MeetingStatus, Note, Owner, Party, Person, Proposer
from coach.errors import CoachError
from coach.textsafe import printable

if TYPE_CHECKING:
    from coach.workspace import ExportFormat, Workspace


def _dialogs() -> Any:
    from coach.tui import dialogs

    return dialogs


class MemoryActions(App[None]):
    """The app's memory operations; CoachApp supplies the workspace, today, the selection and `changed`."""

    ws: Workspace
    selected: str | None

    @property
    def today(self) -> dt.date:
        raise NotImplementedError

    def changed(self, keep: str | None = None) -> None:
        raise NotImplementedError

    def _guard(self, fn: Callable[[], Any], done: str) -> bool:
        try:
            fn()
        except CoachError as exc:
            self.notify(printable(exc.message), severity="error", markup=False)
            return False
        self.notify(printable(done), markup=False)
        return True

    def _need_person(self) -> str | None:
        if self.selected is None:
            self.notify("Select a person first.", severity="warning")
        return self.selected

    def _welcomed(self, choice: str | None) -> None:
        if choice == "demo":
            self.action_load_demo()
        elif choice == "add":
            self.action_add_person()

    def action_load_demo(self) -> None:
        if self._guard(lambda: self.ws.load_demo(self.today), "Loaded the demo team."):
            self.changed()

    def action_add_person(self) -> None:
        def done(v: dict[str, Any] | None) -> None:
            if not v or not v["name"]:
                return
            person = Person(name=v["name"], relationship=v["relationship"], role=v["role"], level=v["level"])
            if self._guard(lambda: self.ws.add_person(person), f"Added {person.name}."):
                self.changed(person.name)

        self.push_screen(_dialogs().add_person_form(), done)

    def action_log_meeting(self) -> None:
        if (name := self._need_person()) is None:
            return

        def done(v: dict[str, Any] | None) -> None:
            if not v:
                return

            def log() -> None:
                try:
                    day = dt.date.fromisoformat(v["date"])
                except ValueError:
                    raise CoachError(f"not a date: {v['date']!r} (use YYYY-MM-DD)") from None
                status = MeetingStatus(v["status"])
                by = None if status is MeetingStatus.held or v["by"] == "—" else Party(v["by"])
                self.ws.log_meeting(name, Meeting(date=day, status=status, cancelled_by=by))

            if self._guard(log, f"Logged a {v['status']} 1:1 with {name}."):
                self.changed()

        self.push_screen(_dialogs().log_meeting_form(name, self.today), done)

    def action_add_action(self) -> None:
        if (name := self._need_person()) is None:
            return

        def done(v: dict[str, Any] | None) -> None:
            if not v or not v["text"]:
                return

            def add() -> None:
                try:
                    due = dt.date.fromisoformat(v["due"]) if v["due"] else None
                except ValueError:
                    raise CoachError(f"not a date: {v['due']!r} (use YYYY-MM-DD)") from None
                owner, who = Owner(v["owner"]), " ".join(v.get("owner_name", "").split()) or None
                if owner is Owner.other and who is None:
                    raise CoachError("an action owned by someone else needs their name (Who, when the owner is other)")
                action = Action(
                    text=v["text"],
                    owner=owner,
                    owner_name=who if owner is Owner.other else None,
                    proposed_by=Proposer(v["proposed_by"]),
                    due=due,
                )
                self.ws.add_action(name, action)

            if self._guard(add, "Action added."):
                self.changed()

        self.push_screen(_dialogs().add_action_form(name), done)

    def action_complete(self) -> None:
        if (name := self._need_person()) is None:
            return
        open_actions = [(f"#{a.id} {a.text} ({a.owner_label()})", a.id) for _, a in self.ws.actions(name, True)]
        if not open_actions:
            self.notify(printable(f"{name} has no open actions."), markup=False)
            return

        def done(action_id: int | None) -> None:
            if action_id is not None and self._guard(
                lambda: self.ws.complete_action(action_id, self.today), "Action done."
            ):
                self.changed()

        self.push_screen(_dialogs().complete_action_form([(t, i) for t, i in open_actions if i is not None]), done)

    def action_add_note(self) -> None:
        if (name := self._need_person()) is None:
            return

        def done(v: dict[str, Any] | None) -> None:
            if v and v["text"]:
                note = Note(text=v["text"], personal=bool(v["personal"]))
                if self._guard(lambda: self.ws.add_note(name, note), "Note added."):
                    self.changed()

        self.push_screen(_dialogs().add_note_form(name), done)

    def action_forget(self) -> None:
        if (name := self._need_person()) is None:
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                report = self.ws.forget(name)
            except CoachError as exc:
                self.notify(printable(exc.message), severity="error", markup=False)
                return
            self.notify(printable(" ".join(report.lines())), markup=False, timeout=10)
            self.selected = None
            self.changed()

        question = f"Forget {name}? Every meeting, action and note about them is erased."
        self.push_screen(_dialogs().Confirm(question), done)

    def action_export(self) -> None:
        def done(v: dict[str, Any] | None) -> None:
            if not v:
                return
            fmt: ExportFormat = "json" if v["format"] == "json" else "md"
            if not v["path"]:
                self.notify("Say where to save the export.", severity="warning")
                return
            path = Path(v["path"]).expanduser()
            if path.suffix.lower() not in (".md", ".json"):
                path = path.with_name(f"{path.name}.{fmt}")
            self._guard(lambda: self.ws.export_to(path, fmt), f"Exported to {path}")

        default = Path("~") / f"coach-export-{self.today.isoformat()}"
        self.push_screen(_dialogs().export_form(str(default)), done)
