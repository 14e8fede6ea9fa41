"""The TUI's single door to the coaching core, the index and the agent.

Every import of another layer happens here, lazily, inside a function: the TUI
paints its first screen without loading spaCy, Chroma or LangChain. The types
are imported for the type checker only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

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


def prep_opening(brief: Brief) -> str:
    """The coach's first question in Prep with a model: what the manager wants from this 1:1 (deterministic)."""
    from coach.agent.openings import prep_opening

    return prep_opening(brief)


async def model_debrief(ws: Workspace, debrief: Debrief, notes: str, record: PersonRecord, model: Any = None) -> Any:
    """The model's reading of the notes merged with the rules' (a coach.agent.debrief.ModelDebrief).

    Offline it is the rule-based actions with nothing disputed; a model failure is its `error`, never an exception.
    """
    from coach.agent.debrief import debrief_actions

    return await debrief_actions(ws.settings, list(debrief.actions), notes, record.person.name, model=model)


def preload_agent() -> None:
    """Import LangChain and the agent jobs (call it in a thread: it takes a second and must not freeze the screen)."""
    import coach.agent.jobs  # noqa: F401


async def ask_conversation(
    ws: Workspace,
    question: str,
    person: str | None,
    earlier: list[tuple[str, str]],
    search: Search,
    *,
    model: Any = None,
) -> tuple[Any, list[Passage]]:
    """A session for one Ask question that remembers this Ask conversation's earlier exchanges (in memory only)."""
    from coach.agent.jobs import ask_session

    return await ask_session(ws, question, person, model=model, earlier=earlier, search=search)


def passage_document(ws: Workspace, passage: Passage) -> tuple[list[tuple[str, bool, bool]], str]:
    """The whole source a cited passage was cut from, as (text, is_heading, is_the_passage) blocks, and a note.

    Built-in cards are read from knowledge/, a user's file from where it was added (if it is still there);
    otherwise the indexed chunks of that source are shown in order. Never raises: at worst the passage alone.
    """
    from pathlib import Path

    from coach.resources import knowledge_dir
    from coach.retrieval.readers import open_document

    wanted = " ".join(passage.text.split())
    card = knowledge_dir() / passage.source
    path = card if not Path(passage.source).is_absolute() and card.is_file() else Path(passage.source)
    try:
        if path.is_file():
            blocks = [(" ".join(b.text.split()), b.heading) for b in open_document(path).blocks() if b.text.strip()]
            if blocks:  # the passage: the paragraphs it is made of (or the one it was cut from)
                return [(t, h, not h and (t in wanted or wanted in t)) for t, h in blocks], ""
    except Exception:  # unreadable now (moved, changed, broken): fall back to the index
        pass
    try:
        rows = ws.knowledge.manifest.source_passages(passage.source)
    except Exception:
        rows = []
    note = "The file is no longer there; these are the parts of it the index keeps."
    if rows:
        return [(text, False, cid == passage.chunk_id) for cid, text in rows], note
    return [(passage.text, False, True)], "Only the cited passage is available."
