"""Modal dialogs: confirm, read a passage, and the memory forms.

Forms return plain values (dicts) to the app, which does the memory call: the
dialogs never touch the database themselves.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from coach.domain import Passage
from coach.textsafe import printable
from coach.tui.protocol import coach_app


class Confirm(ModalScreen[bool]):
    """Yes / no. Escape means no."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel"), Binding("y", "dismiss(True)", "Yes", show=False)]

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(printable(self.question)), id="question")
            with Horizontal(classes="buttons"):
                yield Button("Yes", variant="primary", id="yes")
                yield Button("No", id="no")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class PassageScreen(ModalScreen[None]):
    """A cited passage in its whole source, the passage highlighted and scrolled into view."""

    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, passage: Passage) -> None:
        super().__init__(classes="dialog-screen")
        self.passage = passage

    def compose(self) -> ComposeResult:
        p = self.passage
        with Vertical(classes="dialog wide", id="passage-dialog"):
            yield Static(Text(printable(p.title), style="bold"), id="passage-title")
            yield Static(Text(f"Source: {printable(p.source)}", style="dim"), id="passage-source")
            with VerticalScroll(id="passage-body"):
                yield Static(Text(printable(p.text)), id="passage-text", classes="passage-hit")
            yield Button("Close", id="close")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:

        document = coach_app(self).ws.source_document(self.passage)
        blocks, note = document.blocks, document.note
        self.app.call_from_thread(self.show_document, blocks, note)

    def show_document(self, blocks: list[tuple[str, bool, bool]], note: str) -> None:
        body = self.query_one("#passage-body", VerticalScroll)
        widgets = []
        if note:
            widgets.append(Static(Text(note, style="italic dim"), classes="passage-note"))
        for text, heading, hit in blocks[:MAX_BLOCKS]:
            classes = "passage-heading" if heading else "passage-hit" if hit else "passage-block"
            widgets.append(Static(Text(printable(text), style="bold" if heading else ""), classes=classes))
        self.query_one("#passage-text").remove()
        body.mount_all(widgets)

        def to_passage() -> None:
            hits = body.query(".passage-hit")
            if hits:
                body.scroll_to_widget(hits.first(), animate=False, top=True)

        body.call_after_refresh(to_passage)

    @on(Button.Pressed, "#close")
    def close(self) -> None:
        self.dismiss(None)


MAX_BLOCKS = 600  # a very long document is cut here (the passage is nearly always well before)


Field = tuple[str, str, Any]  # (key, label, kind): kind is "text", "check" or a list of choices


class FormDialog(ModalScreen[dict[str, Any] | None]):
    """A small form: text inputs, selects and checkboxes. Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, fields: list[Field], defaults: dict[str, Any] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.fields = fields
        self.defaults = defaults or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="section", markup=False)
            for key, label, kind in self.fields:
                default = self.defaults.get(key)
                if kind == "text":
                    yield Input(value=str(default or ""), placeholder=label, id=f"f-{key}")
                elif kind == "check":
                    yield Checkbox(label, bool(default), id=f"f-{key}")
                else:
                    yield Label(label)
                    yield Select(
                        [(str(c), c) for c in kind], value=default if default in kind else kind[0], id=f"f-{key}"
                    )
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("OK", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, _, kind in self.fields:
            widget = self.query_one(f"#f-{key}")
            value = widget.value  # type: ignore[attr-defined]
            out[key] = value.strip() if isinstance(value, str) and kind == "text" else value
        return out

    def error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(printable(message), style="bold red"))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        self.dismiss(self.values())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def add_person_form() -> FormDialog:
    return FormDialog(
        "Add a person",
        [
            ("name", "Name", "text"),
            ("relationship", "Relationship", ["report", "boss", "peer"]),
            ("role", "Role (optional)", "text"),
            ("level", "Level", ["ic", "manager"]),
        ],
    )


def log_meeting_form(name: str, today: dt.date) -> FormDialog:
    return FormDialog(
        f"Log a 1:1 with {printable(name)}",
        [
            ("date", "Date (YYYY-MM-DD)", "text"),
            ("status", "Status", ["held", "cancelled", "moved"]),
            ("by", "Cancelled / moved by", ["—", "me", "them"]),
        ],
        {"date": today.isoformat()},
    )


def add_action_form(name: str) -> FormDialog:
    return FormDialog(
        f"Add an action for {printable(name)}",
        [
            ("text", "What needs doing", "text"),
            ("owner", "Owner", ["them", "me", "both", "other"]),
            ("owner_name", "Who, when the owner is other (e.g. Sam, legal)", "text"),
            ("proposed_by", "Proposed by", ["them", "me", "unclear"]),
            ("due", "Due (YYYY-MM-DD, optional)", "text"),
        ],
    )


def add_note_form(name: str) -> FormDialog:
    return FormDialog(
        f"Add a note about {printable(name)}",
        [("text", "What they shared", "text"), ("personal", "Personal (family, health, interests)", "check")],
    )


def complete_action_form(choices: list[tuple[str, int]]) -> ModalScreen[int | None]:
    return ChooseDialog("Complete which action?", choices)


def export_form(default_path: str) -> FormDialog:
    """Where to save an export: outside the data directory by default, so forgetting a person there
    never leaves a copy of them behind in coach's own folder."""
    return FormDialog(
        "Export memory",
        [("format", "Format", ["md", "json"]), ("path", "Save to (a file; .md or .json is added)", "text")],
        {"path": default_path},
    )


class ChooseDialog(ModalScreen[int | None]):
    """Pick one of a list (e.g. an open action)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, choices: list[tuple[str, int]]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.choices = title, choices

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical(classes="dialog wide"):
            yield Label(self.title_text, classes="section", markup=False)
            yield OptionList(*[Option(Text(printable(t)), id=str(v)) for t, v in self.choices], id="choices")

    def on_option_list_option_selected(self, event: Any) -> None:
        self.dismiss(int(event.option.id))
