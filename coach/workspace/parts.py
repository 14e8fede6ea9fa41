"""The parts a workspace is wired from, each built on first use.

Memory opens on the first call that needs it; the knowledge index (Chroma,
onnxruntime), spaCy and LangChain are imported only by the job that needs them,
so `coach --help` and the TUI's first paint load none of them.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from coach.config import Settings, load_settings
from coach.store.memory import Memory

if TYPE_CHECKING:
    from spacy.language import Language

    from coach.agent.factory import ModelChoice
    from coach.retrieval.knowledge import KnowledgeBase


class Parts:
    """Settings, memory, the knowledge index and the language pipeline. Faces never touch these directly."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()

    @cached_property
    def memory(self) -> Memory:
        return Memory.in_dir(self.settings.data_dir)

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        from coach.retrieval.knowledge import KnowledgeBase

        return KnowledgeBase.from_settings(self.settings)

    def model_choice(self) -> ModelChoice:
        """Which model the settings name (or the offline coach), decided without importing LangChain."""
        from coach.agent.factory import choose

        return choose(self.settings)

    def nlp(self) -> Language:
        """The verified English pipeline (loaded once per process, on the first debrief)."""
        from coach.nlp.spacy_en import load

        return load()

    def release_memory(self) -> None:
        """Hand memory freed by a burst of work (the model's load, a brief's searches) back to the OS: glibc
        keeps it in the heap otherwise, about 20 MB of an idle TUI's resident size (bench/bench_memory.py)."""
        from coach.heap import release_free_memory

        release_free_memory()

    def close(self) -> None:
        if "memory" in self.__dict__:
            self.memory.close()
        if "knowledge" in self.__dict__:
            self.knowledge.close()
