"""The TUI's single door to the coaching core, the index and the agent.

Every import of another layer happens here, lazily, inside a function: the TUI
paints its first screen without loading spaCy, Chroma or LangChain. The types
are imported for the type checker only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from coach.domain import Passage, PersonRecord, Searcher
from coach.workspace import Workspace

if TYPE_CHECKING:
    from coach.coaching.brief import Brief
    from coach.coaching.debrief import Debrief
    from coach.coaching.roleplay import Drill, Scorecard, Turn

Search = Searcher


def no_search(query: str, k: int = 4) -> list[Passage]:
    return []


def searcher(ws: Workspace) -> Search:
    """The knowledge search, or one that finds nothing when there is no index (citations are optional)."""
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


def build_brief(record: PersonRecord, today: dt.date, search: Search | None) -> Brief:
    from coach.coaching.brief import build_brief

    return build_brief(record, today, search)


def analyse_notes(text: str, record: PersonRecord, meeting_date: dt.date, length_minutes: int | None) -> Debrief:
    from coach.coaching.debrief import analyse_notes

    return analyse_notes(text, record.person, record, meeting_date, length_minutes=length_minutes)


def roleplay_options() -> tuple[list[str], list[str]]:
    """(scenario ids, temperaments) the drill offers."""
    from coach.coaching.roleplay import SCENARIOS, Temperament

    return list(SCENARIOS), [t.value for t in Temperament]


def roleplay_start(
    record: PersonRecord, scenario: str | None, temperament: str | None, today: dt.date, seed: int | None
) -> Drill:
    from coach.coaching.roleplay import start

    return start(record, scenario, temperament, seed=seed, today=today)


def roleplay_reply(drill: Drill, line: str) -> Turn:
    from coach.coaching.roleplay import reply

    return reply(drill, line)


def roleplay_end(drill: Drill, search: Search) -> Scorecard:
    from coach.coaching.roleplay import end

    return end(drill, search)


def model_label(ws: Workspace) -> str | None:
    """The model in use, or None for the offline coach (decided without importing LangChain)."""
    from coach.agent.factory import choose

    choice = choose(ws.settings)
    return None if choice.offline else str(choice.label)
