"""A CoachApp on a tmp data dir with the demo team, a frozen 'today' and a fixed search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from coach.config import Settings
from coach.demo import load_demo
from coach.domain import Passage
from coach.tui.app import CoachApp
from coach.workspace import Workspace

TODAY = dt.date(2025, 3, 14)

PASSAGES = [
    Passage(
        rank=1,
        score=0.8,
        title="Let them own the next step",
        source="knowledge/ownership.md",
        chunk_id="own-1",
        text="When the report proposes the action, they are far more likely to carry it through.",
    ),
    Passage(
        rank=2,
        score=0.7,
        title="Ask open questions",
        source="knowledge/questions.md",
        chunk_id="q-1",
        text="Open questions invite the other person to think aloud and talk more than you.",
    ),
]


def fixed_search(query: str, k: int = 4) -> list[Passage]:
    return PASSAGES[:k]


@pytest.fixture
def ws(settings: Settings) -> Iterator[Workspace]:
    workspace = Workspace(settings)
    yield workspace
    workspace.close()


@pytest.fixture
def demo_ws(ws: Workspace) -> Workspace:
    load_demo(ws.memory, TODAY)
    return ws


@pytest.fixture
def make_app(demo_ws: Workspace) -> Callable[..., CoachApp]:
    def make(**kw: Any) -> CoachApp:
        options: dict[str, Any] = {"today": TODAY, "search": fixed_search, "warm": False, "rp_seed": 7}
        return CoachApp(demo_ws, **(options | kw))

    return make
