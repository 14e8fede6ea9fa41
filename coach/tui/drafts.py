"""Text typed in a mode and not saved yet, kept per person: in memory at once, on disk a moment later.

Debrief notes and the Role-play line are drafts. Switching person keeps each
person's text; a crash keeps it too (the workspace writes it atomically into the
data directory, shortly after the last keystroke); saving or clearing it discards
it. Nothing is written for a person who was forgotten, and text typed for them is
never thrown away: the mode keeps it on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.errors import CoachError
from coach.textsafe import printable
from coach.tui.protocol import coach_app

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget

FLUSH_SECONDS = 0.6  # after the last keystroke


class DraftKeeper:
    """The drafts of one kind (`debrief` or `roleplay`) for the widget that edits them."""

    def __init__(self, widget: Widget, kind: str) -> None:
        self.widget = widget
        self.kind = kind
        self.texts: dict[int, str] = {}
        self._dirty: set[int] = set()
        self._timer: Timer | None = None
        self._warned = False

    def changed(self, person_id: int | None, text: str) -> None:
        """The user typed: remember it now, write it soon."""
        if person_id is None:
            return
        if self.texts.get(person_id, "") == text:
            return
        self.texts[person_id] = text
        self._dirty.add(person_id)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.widget.set_timer(FLUSH_SECONDS, self.flush)

    def flush(self) -> None:
        """Write every changed draft now (the workspace writes nothing for someone no longer in memory)."""
        ws = coach_app(self.widget).ws
        for person_id in sorted(self._dirty):
            try:
                ws.save_draft(person_id, self.kind, self.texts.get(person_id, ""))
            except CoachError as exc:  # a full disk, a read-only folder: the text is still on screen
                if not self._warned:
                    self._warned = True
                    message = printable(f"Your unsaved text is kept on screen only: {exc.message}")
                    self.widget.app.notify(message, severity="warning", markup=False)
        self._dirty.clear()

    def take(self, person_id: int) -> tuple[str, bool]:
        """This person's unsaved text, and whether it came back from disk (an earlier run of the app)."""
        if person_id in self.texts:
            return self.texts[person_id], False
        found = coach_app(self.widget).ws.draft(person_id, self.kind) or ""
        if found:
            self.texts[person_id] = found
        return found, bool(found)

    def saved(self, person_id: int) -> None:
        """The text was saved to memory (or sent): its draft goes."""
        self.texts.pop(person_id, None)
        self._dirty.discard(person_id)
        coach_app(self.widget).ws.discard_draft(person_id, self.kind)

    def forget(self, person_id: int) -> str:
        """The person was forgotten elsewhere: stop keeping their draft (forget deleted the file); the text
        is returned for the screen."""
        self._dirty.discard(person_id)
        return self.texts.pop(person_id, "")


def carry(own: str, orphan: str, gone: str) -> str:
    """Text typed for someone forgotten meanwhile, added to the next person's own draft, marked, never dropped."""
    if not orphan.strip():
        return own
    if not own.strip():
        return orphan
    return f"{own.rstrip()}\n\n— typed for {gone} (no longer in memory) —\n{orphan}"
