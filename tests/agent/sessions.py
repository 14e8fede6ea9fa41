"""A saved conversation opened the way the workspace opens one: settings, a checkpointer, search and the record."""

from __future__ import annotations

from typing import Any

from coach.agent.conversations import open_saver
from coach.agent.jobs import open_session
from coach.agent.session import ChatSession
from coach.workspace import Workspace


async def saved_session(ws: Workspace, **kwargs: Any) -> ChatSession:
    person = kwargs.get("person")
    return await open_session(
        ws.settings,
        checkpointer=await open_saver(ws.settings.data_dir),
        search=ws.search,
        record=(lambda: ws.record(person)) if person else None,
        **kwargs,
    )
