"""Reading what the user sees."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Markdown, Static


def text_of(app: App[None], selector: str) -> str:
    widget = app.screen.query_one(selector)
    if isinstance(widget, Markdown):
        return widget.source
    if isinstance(widget, Static):
        return str(widget.content)
    return str(widget.content)


def screen_text(app: App[None]) -> str:
    """All the plain text on the current screen (Static and Markdown widgets)."""
    parts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Markdown):
            parts.append(widget.source)
        elif isinstance(widget, Static):
            parts.append(str(widget.content))
    return "\n".join(parts)
