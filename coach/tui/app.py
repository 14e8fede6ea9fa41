"""The coach TUI: people on the left, four modes on the right, memory in the palette.

Nothing heavy is imported here: the knowledge index (Chroma, onnxruntime) is
warmed in a thread worker after the first paint, and the coaching core is
imported by the modes when first used (see `coach.tui.services`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static, TabbedContent, TabPane

from coach.domain import Action, Meeting, MeetingStatus, Note, Owner, Party, Person, PersonRecord, Proposer
from coach.errors import CoachError
from coach.textsafe import printable
from coach.tui import dialogs, services
from coach.tui.modes.ask import AskMode
from coach.tui.modes.debrief import DebriefMode
from coach.tui.modes.prep import PrepMode
from coach.tui.modes.roleplay import RoleplayMode
from coach.tui.palette import memory_commands
from coach.tui.sidebar import PeopleList
from coach.tui.timeline import Timeline
from coach.workspace import Workspace

MODES = {"Prep": "prep", "Role-play": "roleplay", "Debrief": "debrief", "Ask": "ask"}


class CoachApp(App[None]):
    TITLE = "coach"
    CSS_PATH = "app.tcss"
    # Under 100 columns the sidebar narrows and role-play stacks its score under the conversation.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("f1", "mode('prep')", "Prep", priority=True),
        Binding("f2", "mode('roleplay')", "Role-play", priority=True),
        Binding("f3", "mode('debrief')", "Debrief", priority=True),
        Binding("f4", "mode('ask')", "Ask", priority=True),
        Binding("ctrl+p", "command_palette", "Memory…", priority=True),
        Binding("f6", "mode_key('f6')", show=False, priority=True),
        Binding("f7", "mode_key('f7')", show=False, priority=True),
    ]

    def __init__(
        self,
        ws: Workspace,
        *,
        today: dt.date | Callable[[], dt.date] | None = None,
        search: services.Search | None = None,
        chat_model: Any = None,
        warm: bool = True,
        rp_seed: int | None = None,
        exit_after_paint: bool = False,
    ) -> None:
        super().__init__()
        self.ws = ws
        self._today = today
        self._search = search
        self.chat_model = chat_model
        self.warm = warm
        self.rp_seed = rp_seed
        self.exit_after_paint = exit_after_paint
        self.selected: str | None = None
        self.index_state = "index not loaded" if not warm and search is None else "index loading…"
        self.index_ready = search is not None

    # -- parts the modes use -------------------------------------------------------
    @property
    def today(self) -> dt.date:
        if self._today is None:
            return dt.date.today()
        return self._today if isinstance(self._today, dt.date) else self._today()

    def search(self, query: str, k: int = 4) -> list[Any]:
        """Knowledge search; callable from thread workers (the index is built on first use)."""
        if self._search is None:
            self._search = services.searcher(self.ws) if self.warm else services.no_search
        return self._search(query, k)

    @cached_property
    def model_label(self) -> str | None:
        if self.chat_model is not None:
            return str(getattr(self.chat_model, "model_name", None) or type(self.chat_model).__name__)
        return services.model_label(self.ws)

    # -- layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="status", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield PeopleList(id="people")
                yield Timeline(id="timeline")
            with TabbedContent(id="modes"):
                with TabPane("Prep F1", id="prep"):
                    yield PrepMode(id="prep-mode")
                with TabPane("Role-play F2", id="roleplay"):
                    yield RoleplayMode(id="roleplay-mode")
                with TabPane("Debrief F3", id="debrief"):
                    yield DebriefMode(id="debrief-mode")
                with TabPane("Ask F4", id="ask"):
                    yield AskMode(id="ask-mode")
        yield Footer()

    def on_mount(self) -> None:
        self.update_status()
        self.refresh_people()
        if self.exit_after_paint:
            self.call_after_refresh(self.exit)
            return
        if self.ws.memory.is_empty():
            from coach.tui.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(self.ws.settings.data_dir), self._welcomed)
        if self.warm and self._search is None:
            self.run_worker(self._warm_index, thread=True, group="warm", exit_on_error=False)

    def _warm_index(self) -> None:
        self.search("warm up", 1)
        state = "index ready" if self._search is not services.no_search else "index not available"
        self.call_from_thread(self._set_index_state, state)

    def _set_index_state(self, state: str) -> None:
        self.index_state = state
        self.index_ready = True
        self.update_status()
        if state == "index ready" and self.selected:  # the brief can now cite its sources
            self.query_one(PrepMode).show(self.record(), self.today)

    def update_status(self) -> None:
        label = self.model_label
        model = f"model: {label}" if label else "offline coach"
        text = Text.assemble(("coach", "bold"), " · ", (model, "bold green" if label else "bold cyan"))
        text.append(f" · {self.index_state} · {self.today.isoformat()}", style="dim")
        self.query_one("#status", Static).update(text)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from memory_commands(self)
        yield from super().get_system_commands(screen)

    # -- people ------------------------------------------------------------------
    def refresh_people(self, keep: str | None = None) -> None:
        self.query_one(PeopleList).load(self.ws.memory.summaries(self.today), self.today, keep or self.selected)

    def on_people_list_chosen(self, event: PeopleList.Chosen) -> None:
        self.select(event.name)

    def select(self, name: str | None) -> None:
        self.selected = name
        record = self.ws.memory.record(name) if name else None
        self.query_one(Timeline).show(record)
        self.query_one(PrepMode).show(record, self.today)
        self.query_one(RoleplayMode).show(record)
        self.query_one(DebriefMode).show(record, self.today)

    def record(self) -> PersonRecord | None:
        return self.ws.memory.record(self.selected) if self.selected else None

    def changed(self, keep: str | None = None) -> None:
        """After a write: the sidebar, the timeline and the brief show the new state."""
        self.refresh_people(keep)
        self.select(self.query_one(PeopleList).current)

    # -- modes -------------------------------------------------------------------
    def action_mode(self, mode: str) -> None:
        self.query_one("#modes", TabbedContent).active = mode

    def action_mode_key(self, key: str) -> None:
        """F6/F7 act on the visible mode wherever the focus is (its own bindings name the action)."""
        mode = self.query_one(f"#{self.query_one('#modes', TabbedContent).active}-mode")
        for binding in getattr(mode, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.key == key:
                self.call_later(mode.run_action, binding.action)

    def switch_mode_tab(self, title: str) -> None:
        self.action_mode(MODES[title])

    def start_roleplay(self, scenario: str | None) -> None:
        self.action_mode("roleplay")
        self.query_one(RoleplayMode).begin(scenario)

    # -- memory ------------------------------------------------------------------
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
        from coach.demo import load_demo

        if self._guard(lambda: load_demo(self.ws.memory, self.today), "Loaded the demo team."):
            self.changed()

    def action_add_person(self) -> None:
        def done(v: dict[str, Any] | None) -> None:
            if not v or not v["name"]:
                return
            person = Person(name=v["name"], relationship=v["relationship"], role=v["role"], level=v["level"])
            if self._guard(lambda: self.ws.memory.add_person(person), f"Added {person.name}."):
                self.changed(person.name)

        self.push_screen(dialogs.add_person_form(), done)

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
                self.ws.memory.log_meeting(name, Meeting(date=day, status=status, cancelled_by=by))

            if self._guard(log, f"Logged a {v['status']} 1:1 with {name}."):
                self.changed()

        self.push_screen(dialogs.log_meeting_form(name, self.today), done)

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
                action = Action(
                    text=v["text"], owner=Owner(v["owner"]), proposed_by=Proposer(v["proposed_by"]), due=due
                )
                self.ws.memory.add_action(name, action)

            if self._guard(add, "Action added."):
                self.changed()

        self.push_screen(dialogs.add_action_form(name), done)

    def action_complete(self) -> None:
        if (name := self._need_person()) is None:
            return
        open_actions = [(f"#{a.id} {a.text} ({a.owner.value})", a.id) for _, a in self.ws.memory.actions(name, True)]
        if not open_actions:
            self.notify(printable(f"{name} has no open actions."), markup=False)
            return

        def done(action_id: int | None) -> None:
            if action_id is not None and self._guard(
                lambda: self.ws.memory.complete_action(action_id, self.today), "Action done."
            ):
                self.changed()

        self.push_screen(dialogs.complete_action_form([(t, i) for t, i in open_actions if i is not None]), done)

    def action_add_note(self) -> None:
        if (name := self._need_person()) is None:
            return

        def done(v: dict[str, Any] | None) -> None:
            if v and v["text"]:
                note = Note(text=v["text"], personal=bool(v["personal"]))
                if self._guard(lambda: self.ws.memory.add_note(name, note), "Note added."):
                    self.changed()

        self.push_screen(dialogs.add_note_form(name), done)

    def action_forget(self) -> None:
        if (name := self._need_person()) is None:
            return

        def done(yes: bool | None) -> None:
            if yes and self._guard(lambda: self.ws.forget(name), f"Forgot {name} completely."):
                self.selected = None
                self.changed()

        self.push_screen(dialogs.Confirm(f"Forget {name}? Every meeting, action and note about them is erased."), done)

    def action_export(self) -> None:
        def done(v: dict[str, Any] | None) -> None:
            if not v:
                return
            from coach.store.export import export_json, export_markdown, write_export

            fmt = v["format"]
            path = self.ws.settings.data_dir / f"coach-export-{self.today.isoformat()}.{fmt}"
            body = export_markdown(self.ws.memory) if fmt == "md" else json.dumps(export_json(self.ws.memory), indent=2)
            self._guard(lambda: write_export(path, body), f"Exported to {path}")

        self.push_screen(dialogs.export_form(), done)

    def save_debrief(self, name: str, day: dt.date, minutes: int | None, notes: str, actions: list[Action]) -> None:
        meeting = Meeting(date=day, status=MeetingStatus.held, length_minutes=minutes, notes=notes)
        if self._guard(lambda: self.ws.memory.log_meeting(name, meeting, actions), f"Saved the 1:1 with {name}."):
            self.changed()


def run_app(ws: Workspace) -> None:
    """Entry point for `coach` with no command. COACH_TUI_EXIT_AFTER_PAINT=1 exits after the first paint."""
    import os

    CoachApp(ws, exit_after_paint=os.environ.get("COACH_TUI_EXIT_AFTER_PAINT") == "1").run()
