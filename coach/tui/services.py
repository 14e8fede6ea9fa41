"""The TUI's single door to the coaching core, the index and the agent.

Every import of another layer happens here, lazily, inside a function: the TUI
starts without loading spaCy, Chroma or LangChain, and a module that has not
landed yet shows as "not available" instead of crashing a screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from coach.domain import Passage, PersonRecord
from coach.workspace import Workspace

Search = Callable[[str, int], list[Passage]]


class NotAvailable(Exception):
    """A part of coach this screen needs is not installed or not built yet."""


def _need(module: str, attr: str) -> Any:
    import importlib

    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise NotAvailable(f"{module} is not available yet ({exc.name or exc})") from None
    try:
        return getattr(mod, attr)
    except AttributeError:
        raise NotAvailable(f"{module}.{attr} is not available yet") from None


def no_search(query: str, k: int = 4) -> list[Passage]:
    return []


def searcher(ws: Workspace) -> Search:
    """The knowledge search, or one that finds nothing when there is no index (it is optional)."""
    try:
        found = ws.searcher()
    except Exception:
        found = None
    if found is None:
        return no_search
    search = found

    def safe(query: str, k: int = 4) -> list[Passage]:
        try:
            return search(query, k)
        except Exception:  # a broken index must not take a screen down
            return []

    return safe


# -- prep -------------------------------------------------------------------
def build_brief(record: PersonRecord, today: dt.date, search: Search | None) -> Any:
    return _need("coach.coaching.brief", "build_brief")(record, today, search)


# -- debrief ----------------------------------------------------------------
def analyse_notes(text: str, record: PersonRecord, meeting_date: dt.date, length_minutes: int | None) -> Any:
    analyse = _need("coach.coaching.debrief", "analyse_notes")
    return analyse(text, record.person, record, meeting_date, length_minutes=length_minutes)


# -- role-play ----------------------------------------------------------------
def roleplay_options() -> tuple[list[str], list[str]]:
    """(scenarios, temperaments) the drill offers."""
    import importlib

    try:
        mod = importlib.import_module("coach.coaching.roleplay")
    except ImportError as exc:
        raise NotAvailable(f"coach.coaching.roleplay is not available yet ({exc.name or exc})") from None
    scenarios = [str(getattr(s, "name", s)) for s in getattr(mod, "SCENARIOS", getattr(mod, "scenarios", []))]
    temps = getattr(mod, "TEMPERAMENTS", getattr(mod, "temperaments", None))
    if temps is None:
        enum = getattr(mod, "Temperament", None)
        temps = list(enum) if enum is not None else []
    return scenarios, [str(getattr(t, "value", t)) for t in temps]


def roleplay_start(
    record: PersonRecord, scenario: str | None, temperament: str | None, today: dt.date, seed: int | None
) -> Any:
    return _need("coach.coaching.roleplay", "start")(record, scenario, temperament, seed=seed, today=today)


def roleplay_reply(drill: Any, line: str) -> Any:
    return _need("coach.coaching.roleplay", "reply")(drill, line)


def roleplay_end(drill: Any, search: Search) -> Any:
    return _need("coach.coaching.roleplay", "end")(drill, search)


def analyse_line(text: str) -> Any:
    return _need("coach.coaching.analysis", "analyse_line")(text)


# -- the model ------------------------------------------------------------------
def model_label(ws: Workspace) -> str | None:
    """The model in use, or None for the offline coach (decided without importing LangChain)."""
    try:
        choose = _need("coach.agent.factory", "choose")
    except NotAvailable:
        return None
    choice = choose(ws.settings)
    return None if choice.offline else str(choice.label)
