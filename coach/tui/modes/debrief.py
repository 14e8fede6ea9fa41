"""Debrief: notes in, actions out, ownership adjusted, then saved to memory.

The extracted actions sit in a table where `o` and `p` cycle the owner and who
proposed it on the selected row, so the manager can correct the extraction
before anything is written. A third person's action shows their name ("Tom
(other)"); the owner cycle offers "other" when a reading named someone. The
personal follow-ups the save will keep are listed under the nudges. Saving asks
for confirmation first.

With a model, the model reads the notes too (in a worker: the rules' actions
show at once, the model's reading follows) and a "Found by" column says who
found each action: both, rules or model. Where the two disagree the row is
marked ⚠ and shows both readings ("them | me?"); the user decides with `r`
(the rules' reading), `m` (the model's) or `x` (drop it). For an action only
one side found, taking that side's reading keeps it and taking the other's
drops it. Editing a disputed field with `o`/`p` also decides it. Nothing is
saved while a dispute is open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label, Static, TextArea

from coach.domain import Action, Meeting, Owner, PersonRecord, Proposer
from coach.errors import CoachError
from coach.textsafe import one_line, printable
from coach.tui.chat import ChatPanel
from coach.tui.drafts import DraftKeeper, carry
from coach.tui.protocol import coach_app

if TYPE_CHECKING:
    from coach.coaching.debrief.disputes import Merged, MergedAction
    from coach.workspace import DebriefResult

OWNERS = [Owner.them, Owner.me, Owner.both, Owner.other, Owner.unclear]
PROPOSERS = [Proposer.them, Proposer.me, Proposer.unclear]
QUESTIONS = [
    "What did they bring to the meeting, and what did you bring?",
    "What did you agree to do next — and who said they would do it? Who suggested each step?",
    "What did they say mattered most to them?",
    "Is there anything they shared about how they are doing?",
    "What will you follow up on next time?",
]
LABEL = "Actions (o: owner, p: proposed by)"
LABEL_MODEL = "Actions (o owner, p proposer, x drop)"  # r / m are explained under the table, where there is room
KEEP = "keep"  # the open decision on an action only one side found


def _cycle(values: list[Any], current: Any) -> Any:
    return values[(values.index(current) + 1) % len(values)] if current in values else values[0]


@dataclass
class Row:
    """One action in the table; `open` holds what the user still has to decide (empty: nothing)."""

    action: Action
    index: int  # its place in the debrief's merged actions: saving decides that one
    merged: MergedAction
    open: set[str] = field(default_factory=set)

    @property
    def found_by(self) -> str:
        return self.merged.found_by


class ActionsTable(DataTable[Any]):
    BINDINGS = [
        Binding("o", "owner", "Cycle owner"),
        Binding("p", "proposer", "Cycle proposed by"),
        Binding("r", "take('rules')", "Rules' reading"),
        Binding("m", "take('model')", "Model's reading"),
        Binding("x", "drop", "Drop action", show=False),
    ]

    class Changed(Message):
        """The user edited or decided a row."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items: list[Row] = []
        self.with_source = False  # the "Found by" column: only when a model gave a second reading
        self.locked = False  # True while the model's reading is on its way: edits would be overwritten
        self.total = 0  # actions in the debrief shown (rows the user dropped included)

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self._redraw()

    @property
    def actions(self) -> list[Action]:
        return [r.action for r in self.items]

    @property
    def undecided(self) -> int:
        return sum(bool(r.open) for r in self.items)

    def load(self, merged: Merged | None, *, with_source: bool = False) -> None:
        """The actions read from the notes: agreed rows plain, disputed ones open. `with_source`: a model read
        them too, so the "Found by" column shows who found each."""
        rows: list[Row] = []
        for i, m in enumerate(merged.actions if merged else []):
            if not m.disputed:
                rows.append(Row(m.agreed().to_action(), i, m))
            elif m.found_by == "both":
                rows.append(Row(m.rules.to_action(), i, m, set(m.conflicts)))  # type: ignore[union-attr]
            else:
                rows.append(Row((m.rules or m.model).to_action(), i, m, {KEEP}))  # type: ignore[union-attr]
        self.total = len(merged.actions) if merged else 0
        self._show(rows, with_source=with_source)

    def decisions(self) -> dict[int, Action | None]:
        """What the user decided: each action kept as its row shows it now, each dropped row dropped."""
        kept: dict[int, Action | None] = {r.index: r.action for r in self.items}
        return {i: kept.get(i) for i in range(self.total)}

    def _show(self, rows: list[Row], with_source: bool) -> None:
        self.with_source = with_source
        self.items = rows
        self._redraw()
        self.refresh_bindings()

    def _field(self, row: Row, name: str) -> str | Text:
        if name in row.open:
            rules, model = (_value(r, name) for r in (row.merged.rules, row.merged.model))
            return Text(f"{rules} | {model}?", style="bold yellow")
        return one_line(row.action.owner_label(), 24) if name == "owner" else str(getattr(row.action, name).value)

    def _source(self, row: Row) -> str | Text:
        if not row.open:
            return row.found_by
        return Text("⚠ differ" if row.found_by == "both" else f"⚠ {row.found_by} only", style="bold yellow")

    def _cells(self, row: Row) -> list[str | Text]:
        a = row.action
        text = Text("⚠ ", style="bold yellow") if row.open else Text()
        text.append(one_line(a.text, 60))
        cells: list[str | Text] = [text, self._field(row, "owner"), self._field(row, "proposed_by")]
        cells.append(a.due.isoformat() if a.due else "—")
        if self.with_source:
            cells.append(self._source(row))
        return cells

    def _redraw(self) -> None:
        """Columns as wide as what they hold, set here: the table's own sizing runs when it is idle, and a
        redraw in between (the model's reading, an edit) could leave a column at its label's width."""
        from rich.cells import cell_len

        keep = self.cursor_row
        rows = [self._cells(row) for row in self.items]
        labels = ["Action", "Owner", "Proposed by", "Due", *(["Found by"] if self.with_source else [])]
        self.clear(columns=True)
        for j, label in enumerate(labels):
            widest = max((c.cell_len if isinstance(c, Text) else cell_len(c) for c in (r[j] for r in rows)), default=0)
            self.add_column(label, width=max(cell_len(label), widest))
        for i, cells in enumerate(rows):
            self.add_row(*cells, key=str(i))
        if self.items:
            self.move_cursor(row=min(max(keep, 0), len(self.items) - 1))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Picking a side only makes sense when a model gave a second reading."""
        return self.with_source if action == "take" else True

    def highlighted(self) -> Row | None:
        return self.items[self.cursor_row] if self.items and 0 <= self.cursor_row < len(self.items) else None

    def _current(self) -> Row | None:
        if self.locked:
            self.app.notify("Waiting for the model's reading of the notes…", severity="warning")
            return None
        return self.highlighted()

    def _changed(self) -> None:
        self._redraw()
        self.post_message(self.Changed())

    def _edit(self, name: str, values: list[Any]) -> None:
        row = self._current()
        if row is None:
            return
        row.action = row.action.model_copy(update={name: _cycle(values, getattr(row.action, name))})
        row.open.discard(name)  # an explicit edit is the user's decision
        self._changed()

    def action_owner(self) -> None:
        """Cycle the owner; "other" comes round only when a reading named the third person."""
        row = self._current()
        if row is None:
            return
        name = row.action.owner_name or next(
            (r.owner_name for r in (row.merged.rules, row.merged.model) if r is not None and r.owner_name), None
        )
        values = OWNERS if name else [o for o in OWNERS if o is not Owner.other]
        owner = _cycle(values, row.action.owner)
        row.action = row.action.model_copy(
            update={"owner": owner, "owner_name": name if owner is Owner.other else None}
        )
        row.open.discard("owner")  # an explicit edit is the user's decision
        self._changed()

    def action_proposer(self) -> None:
        self._edit("proposed_by", PROPOSERS)

    def action_take(self, side: str) -> None:
        row = self._current()
        if row is None:
            return
        if not row.open:
            self.app.notify("Nothing to decide on this row: only rows marked ⚠ are disputed.")
            return
        reading = row.merged.choose("model" if side == "model" else "rules")
        if reading is None:  # that side found no such action
            self.items.remove(row)
        else:
            row.action, row.open = reading.to_action(), set()
        self._changed()

    def action_drop(self) -> None:
        row = self._current()
        if row is not None:
            self.items.remove(row)
            self._changed()


def _value(reading: Any, name: str) -> str:
    """One reading's owner ("Tom (other)") or proposer, for a disputed cell."""
    if reading is None:
        return "—"
    return str(reading.owner_label() if name == "owner" else getattr(reading, name))


def _dispute_detail(row: Row) -> Text:
    """Both readings of the highlighted disputed action, in words (the table is often too narrow for them)."""
    m = row.merged
    out = Text("Selected: ", style="bold").append(one_line(row.action.text, 80))
    if KEEP in row.open:
        other = "rules" if m.found_by == "model" else "model"
        key = "m" if m.found_by == "model" else "r"
        return out.append(f" — only the {m.found_by} found it. {key}: keep it; {other[0]} or x: drop it.\n")
    for name in sorted(row.open):
        label = "owner" if name == "owner" else "proposed by"
        out.append(f" — {label}: the rules read {_value(m.rules, name)}, the model {_value(m.model, name)}")
    return out.append(".\n")


class DebriefMode(Vertical):
    BINDINGS = [Binding("f6", "analyse", "Extract actions"), Binding("f7", "save", "Save to memory")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.record: PersonRecord | None = None
        self.today = dt.date.today()
        self.question = 0
        self.nudges: list[str] = []
        self.personal: list[tuple[str, bool]] = []  # personal follow-ups the save keeps: (text, sensitive)
        self.result: DebriefResult | None = None  # the last reading of the notes, saved by F7
        self.drafts = DraftKeeper(self, "debrief")  # each person's unsaved notes, in memory and on disk
        self.gone: str | None = None  # the notes on screen were typed for someone forgotten meanwhile

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
                yield Label(LABEL, classes="section", id="actions-label")
                yield ActionsTable(id="actions")
                yield Static("", id="nudges")
                yield Button("Save to memory (F7)", id="save", variant="success")

    def show(self, record: PersonRecord | None, today: dt.date) -> None:
        self.today = today
        if self.record is not None and record is not None and record.person.id == self.record.person.id:
            if record.person.name != self.record.person.name:  # renamed elsewhere: the interview reopens
                self.query_one("#interview", ChatPanel).drop_session()
            self.record = record
            return
        area = self.query_one("#notes", TextArea)
        orphan, gone = (area.text, self.gone) if self.gone else ("", None)
        if self.record is not None and self.record.person.id is not None:
            self.drafts.changed(self.record.person.id, area.text)
            self.drafts.flush()
        self.record = record
        self.gone = None
        text, restored = self.drafts.take(record.person.id) if record and record.person.id is not None else ("", False)
        text = carry(text, orphan, gone or "")
        if text != area.text:
            area.text = text
        if restored and record is not None:
            self.app.notify(printable(f"Your unsaved notes for {record.person.name} are back."), markup=False)
        self.question = 0
        self.query_one("#interview", ChatPanel).drop_session()
        self.query_one("#meeting-date", Input).value = today.isoformat()
        self.workers.cancel_group(self, "debrief")  # a model still reading the last person's notes
        self.result = None
        self.personal = []
        self._table_shows(None, model=False)
        self.query_one("#nudges", Static).update("")

    def on_mount(self) -> None:
        panel = self.query_one("#interview", ChatPanel)
        panel.call_after_refresh(panel.add, f"**Coach:** {QUESTIONS[0]}", "msg-coach")

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        if self.record is not None:
            self.drafts.changed(self.record.person.id, event.text_area.text)

    def person_gone(self, person_id: int) -> None:
        """Forgotten in another window: end the interview and write nothing more; the notes stay on screen."""
        if self.record is None or self.record.person.id != person_id:
            return
        self.drafts.forget(person_id)
        self.gone = self.record.person.name
        self.record = None
        self.result = None
        self.workers.cancel_group(self, "debrief")
        self.query_one("#interview", ChatPanel).reset()
        self._table_shows(None, model=False)
        self.query_one("#nudges", Static).update(
            Text(f"{printable(self.gone)} was forgotten; these notes are not saved anywhere.", style="bold yellow")
        )

    def on_unmount(self) -> None:
        self.drafts.flush()

    def _interview(self, answer: str) -> str:
        """The offline interviewer: the next of a few fixed questions."""
        self.question += 1
        if self.question < len(QUESTIONS):
            return f"**Coach:** {QUESTIONS[self.question]}"
        return "**Coach:** Thanks — press F6 to extract the actions from your notes."

    async def _open_session(self, message: str) -> tuple[Any, str]:
        assert self.record is not None
        notes = self.query_one("#notes", TextArea).text
        app = coach_app(self)
        session = await app.ws.open_session(
            "debrief", self.record.person.name, model=app.chat_model, notes=notes, opening=QUESTIONS[0]
        )
        return session, ""

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

    @work(exclusive=True, group="debrief")
    async def analyse(self, record: PersonRecord, text: str, day: dt.date, minutes: int | None) -> None:
        """The rules run in a thread (spaCy); the model's reading is awaited here, off the key handlers."""
        app = coach_app(self)
        meeting = Meeting(date=day, length_minutes=minutes)
        try:
            result = await app.ws.adebrief_rules(record.person.name, text, meeting)
        except CoachError as exc:
            self.app.notify(printable(exc.message), severity="error", markup=False)
            self._status()
            return
        self.result = result
        self._shown(result)
        if app.model_label is None:
            return
        table = self.query_one(ActionsTable)
        table.locked = True
        self._status(Text(f"Asking {app.model_label} to read the notes too…", style="dim"))
        try:
            result = await app.ws.add_model_reading(result, model=app.chat_model)
        finally:
            table.locked = False
        self.result = result
        if result.model_error is not None:  # the rules' actions already shown stand alone, as offline
            self.app.notify(printable(result.model_message() or ""), severity="warning", markup=False, timeout=8)
        else:
            self._table_shows(result.merged, model=True)
        self._status()

    def _table_shows(self, merged: Merged | None, *, model: bool) -> None:
        self.query_one(ActionsTable).load(merged, with_source=model)
        self.query_one("#actions-label", Label).update(LABEL_MODEL if model else LABEL)

    def _shown(self, result: DebriefResult) -> None:
        self._table_shows(result.merged, model=False)
        self.nudges = result.nudges
        self.personal = [(p.text, p.sensitive) for p in result.personal]
        self._status()

    def _status(self, extra: Text | None = None) -> None:
        """The nudges, then what is left to decide (or what is happening)."""
        table = self.query_one(ActionsTable)
        text = Text()
        for n in self.nudges:
            text.append("➜ ", style="bold yellow").append(printable(n) + "\n")
        for note, sensitive in self.personal:
            text.append("♥ ", style="bold magenta").append("Kept to ask about next time, if they want to share: ")
            text.append(printable(one_line(note, 90)) + (" (sensitive: with care)" if sensitive else "") + "\n")
        if table.undecided:
            text.append(f"⚠ {table.undecided} action(s) disputed between the rules and the model: ", style="bold")
            text.append("on each ⚠ row press r (rules' reading), m (model's) or x (drop).\n")
            row = table.highlighted()
            if row is not None and row.open:
                text.append_text(_dispute_detail(row))
        elif not table.items and not self.nudges and extra is None:
            text.append("No actions found in these notes.", style="dim")
        if extra is not None:
            text.append_text(extra)
        self.query_one("#nudges", Static).update(text)

    @on(ActionsTable.Changed)
    @on(DataTable.RowHighlighted, "#actions")
    def _decided(self, event: ActionsTable.Changed | DataTable.RowHighlighted) -> None:
        event.stop()
        if self.query_one(ActionsTable).locked:
            return  # the "asking the model" line stays until it answers
        self._status()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#notes", TextArea).text
        day = self.meeting_date()
        if self.record is None or day is None or not text.strip():
            self.app.notify("Nothing to save yet.", severity="warning")
            return
        table = self.query_one(ActionsTable)
        if table.locked:
            self.app.notify("Waiting for the model's reading of the notes…", severity="warning")
            return
        if table.undecided:
            self.app.notify(
                f"Decide the {table.undecided} disputed action(s) first: r, m or x on each row marked ⚠.",
                severity="warning",
            )
            return
        if self.result is None:
            self.app.notify("Extract the actions first (F6), so you can check them before they are saved.",
                            severity="warning")  # fmt: skip
            return
        result = self.result.with_meeting(date=day, length_minutes=self.minutes(), notes=text.strip())
        decisions = table.decisions()
        name = self.record.person.name
        kept = sum(r is not None for r in decisions.values())
        question = f"Save the 1:1 with {name} on {day.isoformat()} and {kept} action(s) to memory?"

        def done(yes: bool | None) -> None:
            if yes:
                self._save(result, decisions)

        from coach.tui.dialogs import Confirm

        self.app.push_screen(Confirm(question), done)

    def _save(self, result: DebriefResult, decisions: dict[int, Action | None]) -> None:
        """One save path with the CLI (`Workspace.save_debrief`): the meeting, the actions, the personal notes."""
        app = coach_app(self)
        try:
            saved = app.ws.save_debrief(result, decisions)
        except CoachError as exc:
            self.app.notify(printable(exc.message), severity="error", markup=False)
            return
        if not saved.saved:
            self.app.notify(printable(saved.warning or "Not saved."), severity="warning", markup=False)
            return
        self.app.notify(printable(f"Saved the 1:1 with {result.person}."), markup=False)
        if self.record is not None and self.record.person.id is not None:
            self.drafts.saved(self.record.person.id)
        app.changed()
        self.query_one("#notes", TextArea).text = ""
        self.result = None
        self._table_shows(None, model=False)
        self.nudges = []
        self.personal = []
        self.query_one("#nudges", Static).update(Text("Saved.", style="green"))
