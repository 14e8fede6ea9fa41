"""One object that wires settings, memory, the knowledge index and the agent.

The CLI and the TUI hold a Workspace and never build these parts themselves.
Heavy parts (Chroma, onnxruntime, LangChain) are created on first use only.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from coach.config import Settings, load_settings
from coach.store.memory import Memory

if TYPE_CHECKING:
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

    def close(self) -> None:
        if "memory" in self.__dict__:
            self.memory.close()
        if "knowledge" in self.__dict__:
            self.knowledge.close()
