"""One object that wires settings, memory, the knowledge index and the agent.

The CLI and the TUI hold a Workspace and never build these parts themselves.
Heavy parts (Chroma, onnxruntime, LangChain) are created on first use only.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from coach.config import Settings, load_settings
from coach.store.memory import Memory

if TYPE_CHECKING:
    import datetime as dt

    from coach.coaching.brief import Brief
    from coach.domain import Passage, Searcher
    from coach.retrieval.knowledge import KnowledgeBase


class Workspace:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()

    @cached_property
    def memory(self) -> Memory:
        return Memory.in_dir(self.settings.data_dir)

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        from coach.retrieval.knowledge import KnowledgeBase

        return KnowledgeBase.from_settings(self.settings)

    def searcher(self) -> Searcher | None:
        """The knowledge search for citations, or None when the index cannot be opened."""
        from coach.errors import CoachError

        try:
            knowledge = self.knowledge
        except (ImportError, CoachError):
            return None

        def search(query: str, k: int = 4) -> list[Passage]:
            try:
                return knowledge.search(query, k)
            except ImportError as exc:
                raise CoachError(f"the knowledge index needs a missing package ({exc.name})") from None

        return search

    def brief(self, name: str, today: dt.date | None = None, with_passages: bool = True) -> Brief:
        """The prep brief for one person (passages only when the index is available)."""
        import datetime as dt

        from coach.coaching.brief import build_brief

        record = self.memory.record(name)
        return build_brief(record, today or dt.date.today(), self.searcher() if with_passages else None)

    def forget(self, name: str) -> dict[str, int]:
        """Erase a person from memory and from every saved conversation; returns what memory removed."""
        from coach.agent.conversations import forget_person

        person = self.memory.person(name)  # a unique first name resolves to the full name threads are keyed by
        counts = self.memory.forget(person.name)
        forget_person(self.settings.data_dir, person.name)
        return counts

    def chat_model(self) -> Any:
        """The configured chat model (coach.agent.errors.LLMError when offline). Loads LangChain on first use."""
        from coach.agent.factory import make_chat_model

        return make_chat_model(self.settings)

    def close(self) -> None:
        if "memory" in self.__dict__:
            self.memory.close()
        if "knowledge" in self.__dict__:
            self.knowledge.close()
