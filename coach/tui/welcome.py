"""First run: offer to add the first person or load the demo team, and say where data lives."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.textsafe import printable


class WelcomeScreen(ModalScreen[str]):
    """Dismisses with "add", "demo" or "skip"."""

    BINDINGS = [Binding("escape", "dismiss('skip')", "Skip")]

    def __init__(self, data_dir: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.data_dir = data_dir

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Welcome to coach\n\n", style="bold")
        text.append("coach helps you prepare, rehearse and debrief your 1:1s, and remembers each relationship.\n\n")
        text.append("Your data lives in ")
        text.append(printable(str(self.data_dir)), style="bold")
        text.append(" (only you can read it).\n\nStart with someone you meet, or explore a sample team.")
        with Vertical(classes="dialog wide", id="welcome"):
            yield Static(text)
            with Horizontal(classes="buttons"):
                yield Button("Add the first person", id="add", variant="primary")
                yield Button("Load the demo team", id="demo")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "skip")
