"""What a mode may use of the app: the workspace and a few shared services, typed.

Modes and panels reach the app through `coach_app(widget)` rather than an untyped
`self.app`, so the type checker sees which services a mode uses and nothing else.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.widget import Widget

    from coach.domain import Passage, PersonRecord
    from coach.workspace import Workspace


class CoachAppApi(Protocol):
    """The services `CoachApp` offers its modes."""

    ws: Workspace
    chat_model: Any  # a chat model given by tests, else None (the workspace builds one from the settings)
    rp_seed: int | None
    selected: str | None
    index_ready: bool

    @property
    def today(self) -> dt.date: ...

    @property
    def model_label(self) -> str | None: ...

    def search(self, query: str, k: int = 4) -> list[Passage]:
        """Knowledge search (CoachError when the index cannot answer); callable from thread workers."""
        ...

    def record(self) -> PersonRecord | None: ...

    def changed(self, keep: str | None = None) -> None:
        """After a write: the sidebar, the timeline and the modes show the new state."""
        ...

    async def start_roleplay(self, scenario: str | None = None, opener: str | None = None) -> None: ...


class Mode(Protocol):
    """A mode's widget: told whom to show whenever the selection (or the day) changes."""

    is_mounted: bool

    def show(self, record: PersonRecord | None, today: dt.date) -> None: ...


def coach_app(widget: Widget) -> CoachAppApi:
    """The running CoachApp, as the services its modes may use."""
    return cast("CoachAppApi", widget.app)
