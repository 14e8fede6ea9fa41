"""Debrief: notes in, actions out, ownership adjusted, then saved to memory.

The extracted actions sit in a table where `o` and `p` cycle the owner and who
proposed it on the selected row, so the manager can correct the extraction
before anything is written. Saving asks for confirmation first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.widgets import Button, DataTable, Input, Label, Static, TextArea

from coach.domain import Action, Owner, PersonRecord, Proposer
from coach.textsafe import one_line, printable
from coach.tui import services
from coach.tui.chat import ChatPanel

OWNERS = [Owner.them, Owner.me, Owner.both, Owner.unclear]
PROPOSERS = [Proposer.them, Proposer.me, Proposer.unclear]
QUESTIONS = [
    "What did they bring to the meeting, and what did you bring?",
    "What did you agree to do next — and who said they would do it?",
    "Is there anything they shared about how they are doing?",
    "What will you follow up on next time?",
]


def _cycle(values: list[Any], current: Any) -> Any:
    return values[(values.index(current) + 1) % len(values)] if current in values else values[0]


class ActionsTable(DataTable[Any]):
    BINDINGS = [Binding("o", "owner", "Cycle owner"), Binding("p", "proposer", "Cycle proposed by")]

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("Action", "Owner", "Proposed by", "Due")
        self.actions: list[Action] = []

    def load(self, actions: list[Action]) -> None:
        self.actions = actions
        self.clear()
        for i, a in enumerate(actions):
            due = a.due.isoformat() if a.due else "—"
            self.add_row(Text(one_line(a.text, 60)), a.owner.value, a.proposed_by.value, due, key=str(i))

    def _edit(self, field: str, values: list[Any], column: int) -> None:
        if not self.actions:
            return
        row = self.cursor_row
        action = self.actions[row]
        new = _cycle(values, getattr(action, field))
        self.actions[row] = action.model_copy(update={field: new})
        self.update_cell_at(Coordinate(row, column), new.value)

    def action_owner(self) -> None:
        self._edit("owner", OWNERS, 1)

    def action_proposer(self) -> None:
        self._edit("proposed_by", PROPOSERS, 2)


class DebriefMode(Vertical):
    BINDINGS = [Binding("f6", "analyse", "Extract actions"), Binding("f7", "save", "Save to memory")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.record: PersonRecord | None = None
        self.today = dt.date.today()
        self.question = 0

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="notes-col"):
                yield Label("Your notes from the 1:1 (F6 extract actions)", classes="section")
                yield TextArea(id="notes", soft_wrap=True)
                with Horizontal(id="debrief-meta"):
                    yield Input(placeholder="Date YYYY-MM-DD", id="meeting-date")
                    yield Input(placeholder="Minutes", id="minutes", type="integer")
                    yield Button("Extract", id="analyse", variant="primary")
                yield ChatPanel(
                    "debrief",
                    "Answer the coach (your answers go into the notes)…",
                    self._interview,
                    self._open_session,
                    on_message=self._append_note,
                    id="interview",
                )
            with Vertical(id="result-col"):
                yield Label("Actions (o: owner, p: proposed by)", classes="section")
                yield ActionsTable(id="actions")
                yield Static("", id="nudges")
                yield Button("Save to memory (F7)", id="save", variant="success")

    def show(self, record: PersonRecord | None, today: dt.date) -> None:
        self.today = today
        if self.record is not None and record is not None and record.person.name == self.record.person.name:
            return
        self.record = record
        self.question = 0
        self.query_one("#interview", ChatPanel).drop_session()
        self.query_one("#meeting-date", Input).value = today.isoformat()
        self.query_one(ActionsTable).load([])
        self.query_one("#nudges", Static).update("")

    def on_mount(self) -> None:
        panel = self.query_one("#interview", ChatPanel)
        panel.call_after_refresh(panel.add, f"**Coach:** {QUESTIONS[0]}", "msg-coach")

    def _interview(self, answer: str) -> str:
        """The offline interviewer: the next of a few fixed questions."""
        self.question += 1
        if self.question < len(QUESTIONS):
            return f"**Coach:** {QUESTIONS[self.question]}"
        return "**Coach:** Thanks — press F6 to extract the actions from your notes."

    async def _open_session(self, message: str) -> tuple[Any, str]:
        from coach.agent.jobs import debrief_session

        assert self.record is not None
        notes = self.query_one("#notes", TextArea).text
        app: Any = self.app
        return await debrief_session(app.ws, self.record.person.name, notes, model=app.chat_model), ""

    def _append_note(self, answer: str) -> None:
        area = self.query_one("#notes", TextArea)
        area.text = (area.text.rstrip() + "\n" + answer).lstrip()

    def meeting_date(self) -> dt.date | None:
        raw = self.query_one("#meeting-date", Input).value.strip()
        try:
            return dt.date.fromisoformat(raw) if raw else self.today
        except ValueError:
            self.app.notify(f"Not a date: {printable(raw)} (use YYYY-MM-DD)", severity="error", markup=False)
            return None

    def minutes(self) -> int | None:
        raw = self.query_one("#minutes", Input).value.strip()
        return int(raw) if raw.isdigit() else None

    @on(Button.Pressed, "#analyse")
    def action_analyse(self) -> None:
        text = self.query_one("#notes", TextArea).text
        day = self.meeting_date()
        if self.record is None or not text.strip() or day is None:
            self.app.notify("Select a person and write some notes first.", severity="warning")
            return
        self.query_one("#nudges", Static).update(Text("Reading your notes…", style="dim"))
        self.analyse(self.record, text, day, self.minutes())

    @work(thread=True, exclusive=True, group="debrief")
    def analyse(self, record: PersonRecord, text: str, day: dt.date, minutes: int | None) -> None:
        result = services.analyse_notes(text, record, day, minutes)
        self.app.call_from_thread(self._shown, [a.to_action() for a in result.actions], list(result.nudges))

    def _shown(self, actions: list[Action], nudges: list[str]) -> None:
        self.query_one(ActionsTable).load(actions)
        text = Text()
        for n in nudges:
            text.append("➜ ", style="bold yellow").append(printable(n) + "\n")
        if not actions and not nudges:
            text.append("No actions found in these notes.", style="dim")
        self.query_one("#nudges", Static).update(text)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#notes", TextArea).text
        day = self.meeting_date()
        if self.record is None or day is None or not text.strip():
            self.app.notify("Nothing to save yet.", severity="warning")
            return
        actions = list(self.query_one(ActionsTable).actions)
        name = self.record.person.name
        question = f"Save the 1:1 with {name} on {day.isoformat()} and {len(actions)} action(s) to memory?"

        def done(yes: bool | None) -> None:
            if yes:
                self.app.save_debrief(name, day, self.minutes(), text, actions)  # type: ignore[attr-defined]
                self.query_one("#notes", TextArea).text = ""
                self.query_one(ActionsTable).load([])
                self.query_one("#nudges", Static).update(Text("Saved.", style="green"))

        from coach.tui.dialogs import Confirm

        self.app.push_screen(Confirm(question), done)
