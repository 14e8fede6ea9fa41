"""The coach TUI: people on the left, four modes on the right, memory in the palette.

Nothing heavy is imported here: the knowledge index (Chroma, onnxruntime) is
warmed in a thread worker after the first paint, and the coaching core is
imported by the modes when first used (see `coach.tui.services`). Only Prep is
built for the first paint; the other modes are imported and mounted the first
time they are opened, and the dialogs when first shown.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import Footer, Static, TabbedContent, TabPane

from coach.domain import Passage, PersonRecord, Searcher
from coach.errors import CoachError, UnknownPersonError
from coach.textsafe import printable
from coach.tui.memory_actions import MemoryActions
from coach.tui.modes.prep import PrepMode
from coach.tui.palette import memory_commands
from coach.tui.protocol import Mode
from coach.tui.sidebar import PeopleList
from coach.tui.timeline import Timeline
from coach.workspace import Workspace

MODES = {"Prep": "prep", "Role-play": "roleplay", "Debrief": "debrief", "Ask": "ask", "Progress": "progress"}
WATCH_SECONDS = 1.0  # how often the app looks for changes other programs made to memory


def new_mode(mode: str) -> Widget:
    """A mode's widget; its module is imported here, on first use."""
    if mode == "roleplay":
        from coach.tui.modes.roleplay import RoleplayMode

        return RoleplayMode(id="roleplay-mode")
    if mode == "debrief":
        from coach.tui.modes.debrief import DebriefMode

        return DebriefMode(id="debrief-mode")
    if mode == "ask":
        from coach.tui.modes.ask import AskMode

        return AskMode(id="ask-mode")
    if mode == "progress":
        from coach.tui.modes.progress import ProgressMode

        return ProgressMode(id="progress-mode")
    return PrepMode(id="prep-mode")


class CoachApp(MemoryActions):
    TITLE = "coach"
    CSS_PATH = "app.tcss"
    # Under 100 columns the sidebar narrows and role-play stacks its score under the conversation.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("f1", "mode('prep')", "Prep", priority=True),
        Binding("f2", "mode('roleplay')", "Role-play", priority=True),
        Binding("f3", "mode('debrief')", "Debrief", priority=True),
        Binding("f4", "mode('ask')", "Ask", priority=True),
        Binding("f5", "mode('progress')", "Progress", priority=True),
        Binding("ctrl+p", "command_palette", "Memory…", priority=True),
        Binding("f6", "mode_key('f6')", show=False, priority=True),
        Binding("f7", "mode_key('f7')", show=False, priority=True),
    ]

    def __init__(
        self,
        ws: Workspace,
        *,
        today: dt.date | Callable[[], dt.date] | None = None,
        search: Searcher | None = None,
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
        self.selected_id: int | None = None  # the selected person's id: a rename elsewhere keeps it
        self._memory_version: int | None = None
        self._no_pick = False  # the person on screen was forgotten elsewhere: let the user pick the next one
        self.index_state = "index not loaded" if not warm and search is None else "index loading…"
        self.index_ready = search is not None
        self.prep = PrepMode(id="prep-mode")
        self.modes: dict[str, tuple[Widget, AwaitMount | None]] = {"prep": (self.prep, None)}

    # -- parts the modes use -------------------------------------------------------
    @property
    def today(self) -> dt.date:
        if self._today is None:
            return dt.date.today()
        return self._today if isinstance(self._today, dt.date) else self._today()

    def search(self, query: str, k: int = 4) -> list[Passage]:
        """Knowledge search, CoachError when the index cannot answer; callable from thread workers (the
        index is built on first use)."""
        if self._search is not None:
            return self._search(query, k)
        if not self.warm:
            raise CoachError("the knowledge index is not loaded")
        return self.ws.search(query, k)

    @cached_property
    def model_label(self) -> str | None:
        if self.chat_model is not None:
            return str(getattr(self.chat_model, "model_name", None) or type(self.chat_model).__name__)
        return self.ws.model_label()

    # -- layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="status", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield PeopleList(id="people")
                yield Timeline(id="timeline")
            with TabbedContent(id="modes"):
                with TabPane("Prep F1", id="prep"):
                    yield self.prep
                yield TabPane("Role-play F2", id="roleplay")  # filled on first use (see `mode_widget`)
                yield TabPane("Debrief F3", id="debrief")
                yield TabPane("Ask F4", id="ask")
                yield TabPane("Progress F5", id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self.update_status()
        self._memory_version = self._read_version()
        self.refresh_people()
        self.set_interval(WATCH_SECONDS, self.check_memory, name="memory-watch")
        self.call_after_refresh(self._collect_from_now_on)
        if self.exit_after_paint:
            self.call_after_refresh(self.exit)
            return
        if self.ws.is_empty():
            from coach.tui.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(self.ws.settings.data_dir), self._welcomed)
        if self.warm and self._search is None:
            self.run_worker(self._warm_index, thread=True, group="warm", exit_on_error=False)

    def _collect_from_now_on(self) -> None:
        """`coach` starts with the garbage collector off (see coach.entry); the first screen, like the
        modules, lives as long as the process, so it is frozen out of later collections too."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def _warm_index(self) -> None:
        try:
            self.search("warm up", 1)
            state = "index ready"
        except CoachError:
            state = "index not available"
        self.call_from_thread(self._set_index_state, state)

    def _set_index_state(self, state: str) -> None:
        self.index_state = state
        self.index_ready = True
        self.update_status()
        if state == "index ready" and self.selected:  # the brief can now cite its sources
            self.prep.show(self.record(), self.today)

    def update_status(self) -> None:
        label = self.model_label
        model = f"model: {label}" if label else "offline coach"
        text = Text.assemble(("coach", "bold"), " · ", (model, "bold green" if label else "bold cyan"))
        text.append(f" · {self.index_state} · {self.today.isoformat()}", style="dim")
        self.query_one("#status", Static).update(text)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from memory_commands(self)
        yield from super().get_system_commands(screen)

    # -- memory changed by another program ------------------------------------------
    def _read_version(self) -> int | None:
        try:
            return self.ws.memory_version()
        except CoachError:
            return None

    def on_app_focus(self, event: events.AppFocus) -> None:
        """Back from another window (where the CLI may have changed memory): look at once."""
        self.check_memory()

    def check_memory(self) -> None:
        """Polled: `PRAGMA data_version` moves only when another connection commits, so this is cheap."""
        version = self._read_version()
        if version is None or version == self._memory_version:
            return
        self._memory_version = version
        self.memory_changed_elsewhere()

    def memory_changed_elsewhere(self) -> None:
        """Show memory as it is now and say what happened to the person on screen (forgotten, renamed).

        Text typed in the modes is kept (see DebriefMode and RoleplayMode drafts); sessions about a
        forgotten person end without writing anything more.
        """
        name, person_id = self.selected, self.selected_id
        now = self.ws.person_by_id(person_id) if person_id is not None else None
        if person_id is not None and now is None:
            self.selected, self.selected_id = None, None
            self.notify(
                printable(f"{name} was forgotten in another window, so they are gone from here too; anything you "
                          "typed for them stays on screen, unsaved."),
                severity="warning", markup=False, timeout=12,
            )  # fmt: skip
            for widget, _ in self.modes.values():
                if widget.is_mounted and hasattr(widget, "person_gone"):
                    widget.person_gone(person_id)
            self.query_one(Timeline).show(None)
            self._no_pick = True  # nobody is chosen for the user: what they typed waits for their pick
            self.refresh_people()
            return
        if now is not None and now.name != name:
            self.notify(printable(f"{name} is now called {now.name} (changed in another window)."), markup=False)
            self.selected = now.name
        self.changed(self.selected)

    # -- people ------------------------------------------------------------------
    def refresh_people(self, keep: str | None = None) -> None:
        try:
            people = self.ws.people(self.today)
        except CoachError as exc:
            self.notify(printable(exc.message), severity="error", markup=False)
            return
        self.query_one(PeopleList).load(people, self.today, keep or self.selected, pick_first=not self._no_pick)

    def on_people_list_chosen(self, event: PeopleList.Chosen) -> None:
        self.select(event.name)

    def select(self, name: str | None) -> None:
        try:
            record = self.ws.record(name) if name else None
        except UnknownPersonError:  # changed elsewhere since the sidebar was drawn: redraw it
            self._memory_version = self._read_version()
            self.memory_changed_elsewhere() if self.selected == name else self.refresh_people()
            return
        except CoachError as exc:
            self.notify(printable(exc.message), severity="error", markup=False)
            record = None
        self.selected = record.person.name if record else None
        self.selected_id = record.person.id if record else None
        if record is not None:
            self._no_pick = False
        self.query_one(Timeline).show(record)
        for widget, _ in self.modes.values():
            if widget.is_mounted:  # one still mounting is shown the selection once it is (see `mode_widget`)
                cast(Mode, widget).show(record, self.today)

    def record(self) -> PersonRecord | None:
        if not self.selected:
            return None
        try:
            return self.ws.record(self.selected)
        except CoachError:  # forgotten elsewhere a moment ago: the watcher says so
            return None

    def changed(self, keep: str | None = None) -> None:
        """After a write: the sidebar, the timeline and the brief show the new state."""
        self.refresh_people(keep)
        self.select(self.query_one(PeopleList).current)

    # -- modes -------------------------------------------------------------------
    async def mode_widget(self, mode: str) -> Widget:
        """The mode's widget, built and mounted into its tab the first time it is needed."""
        if mode not in self.modes:
            widget = new_mode(mode)
            self.modes[mode] = (widget, self.query_one(f"#{mode}", TabPane).mount(widget))
        widget, mounting = self.modes[mode]
        if mounting is not None:
            await mounting
            if self.modes[mode][1] is mounting:
                self.modes[mode] = (widget, None)
                cast(Mode, widget).show(self.record(), self.today)
        return widget

    async def action_mode(self, mode: str) -> None:
        self.query_one("#modes", TabbedContent).active = mode
        await self.mode_widget(mode)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab clicked with the mouse: its mode is built too."""
        pane = event.pane.id
        if pane is not None and pane in MODES.values():
            await self.mode_widget(pane)

    async def action_mode_key(self, key: str) -> None:
        """F6/F7 act on the visible mode wherever the focus is (its own bindings name the action)."""
        mode = await self.mode_widget(self.query_one("#modes", TabbedContent).active)
        for binding in getattr(mode, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.key == key:
                self.call_later(mode.run_action, binding.action)

    async def switch_mode_tab(self, title: str) -> None:
        await self.action_mode(MODES[title])

    async def start_roleplay(self, scenario: str | None = None, opener: str | None = None) -> None:
        """Switch to Role-play and start a rehearsal (with `opener` ready in the prompt, from Prep)."""
        await self.action_mode("roleplay")
        mode: Any = await self.mode_widget("roleplay")
        mode.begin(scenario, opener=opener)


def run_app(ws: Workspace) -> None:
    """Entry point for `coach` with no command. COACH_TUI_EXIT_AFTER_PAINT=1 exits after the first paint."""
    import os

    app = CoachApp(ws, exit_after_paint=os.environ.get("COACH_TUI_EXIT_AFTER_PAINT") == "1")
    gc.freeze()  # what is loaded by now lives as long as the process: later collections (and exit) skip it
    app.run()
