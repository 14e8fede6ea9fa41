"""Forgetting a person reaches beyond the memory database (saved conversations...)."""

from __future__ import annotations

from coach.workspace import Workspace


def forget_elsewhere(ws: Workspace, name: str) -> None:
    """Erase what other parts of coach keep about `name`. Memory rows are already gone."""
    from coach.agent.conversations import forget_person

    forget_person(ws.settings.data_dir, name)
