"""The knowledge index as a user uses it: search with citations, add, list, remove, rebuild, read a source.

One error policy for every search: a `CoachError` that says why the index cannot
answer, never another exception. A face shows that message ("passages are
unavailable: …"); a brief or a conversation goes on without passages and says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.domain import Passage
from coach.errors import CoachError
from coach.workspace.parts import Parts

if TYPE_CHECKING:
    from coach.retrieval.ingest import AddReport, Progress
    from coach.retrieval.knowledge import KnowledgeBase
    from coach.retrieval.manifest import SourceRecord


@dataclass(frozen=True)
class SourceDocument:
    """The whole source a passage was cut from: (text, is_heading, is_the_passage) blocks, and a note."""

    blocks: list[tuple[str, bool, bool]]
    note: str = ""


def _index_error(exc: Exception) -> CoachError:
    if isinstance(exc, CoachError):
        return exc
    if isinstance(exc, ImportError):
        return CoachError(f"the knowledge index needs a missing package ({exc.name})")
    return CoachError(f"the knowledge index cannot be used ({type(exc).__name__}: {exc})")


class KnowledgeJobs(Parts):
    def _index(self) -> KnowledgeBase:
        try:
            return self.knowledge
        except Exception as exc:
            raise _index_error(exc) from None

    def ensure_index(self, progress: Progress | None = None) -> AddReport:
        """Index the built-in cards if that has not happened yet (the first search does it otherwise)."""
        try:
            return self._index().ensure_ready(progress)
        except Exception as exc:
            raise _index_error(exc) from None

    def search(self, query: str, k: int = 4, *, source: str | None = None, concept: str | None = None) -> list[Passage]:
        """The passages that best answer `query`, best first. CoachError (only) when the index cannot answer."""
        try:
            return list(self._index().search(query, k, source=source, concept=concept))
        except Exception as exc:
            raise _index_error(exc) from None

    def index_sources(self, progress: Progress | None = None, *, ready: bool = True) -> list[dict[str, Any]]:
        """Every indexed source with its title and number of chunks (`ready=False`: as it is, unbuilt)."""
        if ready:
            self.ensure_index(progress)
        try:
            return self._index().list_sources()
        except Exception as exc:
            raise _index_error(exc) from None

    def add_knowledge(self, paths: Iterable[Path], progress: Progress | None = None) -> AddReport:
        """Index the user's files (waiting for another process's write first). CoachError saying why it failed."""
        try:
            return self._index().add(paths, progress)
        except Exception as exc:
            raise _index_error(exc) from None

    def remove_knowledge(self, source: str) -> SourceRecord:
        try:
            return self._index().remove(source)
        except Exception as exc:
            raise _index_error(exc) from None

    def rebuild_knowledge(self, progress: Progress | None = None) -> AddReport:
        """Index every known source again (resuming a rebuild that was cut short); repairs garbage on disk."""
        try:
            return self._index().rebuild(progress)
        except Exception as exc:
            raise _index_error(exc) from None

    def source_document(self, passage: Passage) -> SourceDocument:
        """The source a cited passage came from, the passage marked. Never raises: at worst the passage alone.

        A built-in card is read from the package, a user's file from where it was added (if it is still
        there); otherwise the indexed chunks of that source are shown in order.
        """
        from coach.resources import knowledge_dir
        from coach.retrieval.readers import open_document

        wanted = " ".join(passage.text.split())
        card = knowledge_dir() / passage.source
        path = card if not Path(passage.source).is_absolute() and card.is_file() else Path(passage.source)
        try:
            if path.is_file():
                found = [(" ".join(b.text.split()), b.heading) for b in open_document(path).blocks() if b.text.strip()]
                if found:  # the passage: the paragraphs it is made of (or the one it was cut from)
                    return SourceDocument([(t, h, not h and (t in wanted or wanted in t)) for t, h in found])
        except Exception:  # unreadable now (moved, changed, broken): fall back to the index
            pass
        try:
            rows = self._index().manifest.source_passages(passage.source)
        except Exception:
            rows = []
        if rows:
            note = "The file is no longer there; these are the parts of it the index keeps."
            return SourceDocument([(text, False, cid == passage.chunk_id) for cid, text in rows], note)
        return SourceDocument([(passage.text, False, True)], "Only the cited passage is available.")
