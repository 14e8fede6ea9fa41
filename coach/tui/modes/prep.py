"""Prep: the brief for the selected person, its sources, and a chat about it.

The brief is built in a thread and shown in Markdown widgets created when the
first brief arrives, so the first paint needs neither. What is specific to the
person (headline, watch-outs, follow-ups, open actions, the opener) and the key
questions come first; the kind's purpose and outcomes, the same for everyone of
that kind, are folded underneath. With a model, the saved
Prep conversation with the person is resumed (its earlier messages shown) when
they are selected. F6 rehearses the brief's suggested opener in Role-play.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from coach.domain import Passage, PersonRecord
from coach.errors import CoachError
from coach.textsafe import md_escape, one_line, printable
from coach.tui.chat import ChatPanel
from coach.tui.protocol import coach_app


def not_ready(query: str, k: int = 4) -> list[Passage]:
    raise CoachError("the knowledge index is still loading")


class PrepMode(Vertical):
    BINDINGS = [Binding("f6", "rehearse", "Rehearse opener")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.record: PersonRecord | None = None
        self.brief: Any = None
        self.passages: list[Passage] = []

    def compose(self) -> ComposeResult:
        with Horizontal():
            with VerticalScroll(id="brief-scroll"):
                yield Static("Select a person to see their brief.", id="brief-note", markup=False)
            with Vertical(id="prep-side"):
                yield Label("Sources (Enter to read)", classes="section")
                yield OptionList(id="passages")
                yield ChatPanel(
                    "prep", "Ask the coach about this brief…", self._offline_chat, self._open_session, id="prep-chat"
                )

    def note(self, text: str) -> None:
        """A line in place of the brief (while it is prepared, or when there is no one to brief)."""
        self.query_one("#brief-note", Static).update(Text(text, style="italic"))
        self.query_one("#brief-note").display = True
        for brief in self.query("#brief-body"):
            brief.display = False

    def show(self, record: PersonRecord | None, today: dt.date) -> None:
        chat = self.query_one("#prep-chat", ChatPanel)
        new_person = record is None or self.record is None or record.person.name != self.record.person.name
        if new_person:
            chat.reset()
        self.record = record
        self.brief = None
        self.passages = []
        self.query_one("#passages", OptionList).clear_options()
        if record is None:
            self.note("No one selected. Add a person from the palette (Ctrl+P).")
            return
        self.note(f"Preparing the brief for {printable(record.person.name)}…")
        self.call_after_refresh(self.build, record, today)  # after the paint: the screen first, then the brief
        if new_person:
            self.call_after_refresh(chat.resume)

    def person_gone(self, person_id: int) -> None:
        """Forgotten in another window: the brief and the conversation about them go (nothing more is saved)."""
        if self.record is None or self.record.person.id != person_id:
            return
        name = self.record.person.name
        self.query_one("#prep-chat", ChatPanel).reset()
        self.record = None
        self.brief, self.passages = None, []
        self.query_one("#passages", OptionList).clear_options()
        self.note(f"{printable(name)} was forgotten in another window.")

    @work(thread=True, exclusive=True, group="brief")
    def build(self, record: PersonRecord, today: dt.date) -> None:
        app = coach_app(self)
        ready = app.index_ready  # never load the index on the first paint
        brief = app.ws.brief(record, today, with_passages=ready, search=app.search if ready else None)
        page = brief.to_page()
        parts = (printable(page.top), printable(f"{page.fold_title}: {brief.label}"), printable(page.fold),
                 printable(page.sources))  # fmt: skip
        self.app.call_from_thread(self._shown, record, brief, parts, list(brief.passages))
        app.ws.release_memory()  # the brief is the last of the start-up work: what it freed goes back

    def _shown(
        self, record: PersonRecord, brief: Any, parts: tuple[str, str, str, str], passages: list[Passage]
    ) -> None:
        if self.record is not record or not self.query("#brief-note"):
            return  # the user moved on to someone else, or the app is closing (its widgets are gone)
        from textual.widgets import Collapsible, Markdown

        self.brief, self.passages = brief, passages
        top, fold_title, fold, sources = parts
        found = self.query("#brief-body")
        if found:
            self.query_one("#brief", Markdown).update(top)
            self.query_one("#brief-fold", Collapsible).title = fold_title
            self.query_one("#brief-purpose", Markdown).update(fold)
            self.query_one("#brief-sources", Markdown).update(sources)
            found.first().display = True
        else:
            body = Vertical(
                Markdown(top, id="brief"),
                Collapsible(Markdown(fold, id="brief-purpose"), title=fold_title, collapsed=True, id="brief-fold"),
                Markdown(sources, id="brief-sources"),
                id="brief-body",
            )
            self.query_one("#brief-scroll").mount(body)
        self.query_one("#brief-note").display = False
        options = self.query_one("#passages", OptionList)
        options.clear_options()
        for i, p in enumerate(passages):
            label = (
                Text(f"[{i + 1}] ", style="bold")
                .append(one_line(p.title, 40))
                .append(f"\n    {one_line(p.source, 40)}", style="dim")
            )
            options.add_option(Option(label, id=str(i)))
        if passages:
            options.highlighted = 0

    async def _open_session(self, message: str) -> tuple[Any, str]:
        assert self.record is not None
        app = coach_app(self)
        search = app.search if app.index_ready else not_ready  # the index warms in its own worker
        return await app.ws.open_session("prep", self.record.person.name, model=app.chat_model, today=app.today,
                                         search=search), ""  # fmt: skip

    def _offline_chat(self, message: str) -> str:
        head = "**Offline coach — search results, not an answer.** A model makes this a conversation.\n\n"
        try:
            hits = coach_app(self).search(message, 3)
        except CoachError as exc:
            return head + md_escape(f"Passages are unavailable: {exc.message}")
        if not hits:
            return head + "No passages found for that question."
        return head + "\n".join(
            f"- **{md_escape(p.title)}** ({md_escape(p.source)}): {md_escape(p.text[:200])}…" for p in hits
        )

    @on(OptionList.OptionSelected, "#passages")
    def passage_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from coach.tui.dialogs import PassageScreen

        self.app.push_screen(PassageScreen(self.passages[int(event.option.id or 0)]))

    async def action_rehearse(self) -> None:
        """Rehearse the brief's suggested opener with this person (it waits in the role-play prompt)."""
        if self.record is None:
            self.app.notify("Select a person first.", severity="warning")
            return
        app = coach_app(self)
        brief = self.brief or app.ws.brief(self.record, app.today, with_passages=False)  # F6 before it shows
        await app.start_roleplay(None, opener=brief.opener)
