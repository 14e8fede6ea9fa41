"""The knowledge base: built-in cards plus the user's files, searchable with citations.

One facade over the manifest, the Chroma index, the embedder and ingestion, safe to use from
several processes at once (the TUI and any number of commands on one data dir):

- Every write (the first build, add, remove, rebuild, a repair) holds the index's write lock
  (`lock.py`) for its whole run, so writers take turns and a check never sees another writer's
  half-written file. Readers take no lock and are served while a write runs.
- The manifest and the index agree: a write marks the manifest `dirty` until it ends; the next
  writer after a crash (or a reader that finds the counts out of step while nobody writes) sweeps
  rows no finished source owns and marks a source whose rows went missing `pending`, which
  `knowledge list` shows and `knowledge add` (or `rebuild`) indexes again. Nothing is wiped
  because a reader saw a count it did not expect.
- An interrupted build resumes: finished sources stay, pending ones are done next time.
- The built-in cards' vectors ship with the package (`card_vectors.py`), so a first build copies.
- Another process's rebuild replaces the collection (and perhaps the manifest file): a reader
  notices on its next call and reopens both instead of failing.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from coach.config import Settings
from coach.domain import Passage
from coach.errors import CoachError, NotFoundError, close_matches
from coach.resources import knowledge_dir
from coach.retrieval.card_vectors import FILE_NAME, CardVectors
from coach.retrieval.chunking import CHUNKER_VERSION
from coach.retrieval.embeddings import MODEL_ID, MiniLMEmbedding
from coach.retrieval.hybrid import hybrid_search
from coach.retrieval.index import COLLECTION, ChromaIndex, IndexError_, damaged
from coach.retrieval.ingest import AddReport, Ingester, Progress, Target, expand
from coach.retrieval.lock import POLL_S, WriteLock
from coach.retrieval.manifest import LEXICAL_VERSION, Manifest, SourceRecord
from coach.retrieval.repair import copy_passages, recover_sources, sweep

INDEX_VERSION = f"{MODEL_ID}/chunks-{CHUNKER_VERSION}/hybrid-{LEXICAL_VERSION}"
WAIT_LIMIT_S = 600.0  # a reader waits this long for another process's first build before giving up


class KnowledgeBase:
    def __init__(
        self,
        data_dir: Path,
        chroma_url: str | None = None,
        collection: str = COLLECTION,
        embedder: MiniLMEmbedding | None = None,
        builtin_dir: Path | None = None,
        shipped: CardVectors | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.index = ChromaIndex(data_dir / "index", chroma_url, collection)
        manifest_name = "knowledge.db" if not chroma_url else f"knowledge-{_short(chroma_url + collection)}.db"
        self.manifest_path = data_dir / manifest_name
        self.lock = WriteLock(data_dir / f"{manifest_name}.lock")
        self.embedder = embedder or MiniLMEmbedding()
        self.builtin_dir = builtin_dir if builtin_dir is not None else knowledge_dir()
        self.shipped = shipped if shipped is not None else CardVectors(self.builtin_dir / FILE_NAME)
        self._manifest: Manifest | None = None
        self._ready = False
        self._collection_seen: str | None = None  # the collection id this process is reading
        self._was_dirty = False

    @classmethod
    def from_settings(cls, settings: Settings) -> KnowledgeBase:
        return cls(settings.data_dir, settings.chroma_url)

    # -- plumbing ------------------------------------------------------------------------------
    @property
    def manifest(self) -> Manifest:
        if self._manifest is None:
            try:
                self._manifest = Manifest(self.manifest_path)
            except (sqlite3.DatabaseError, OSError) as exc:
                raise damaged(str(self.manifest_path), exc) from None
        return self._manifest

    def _ingester(self) -> Ingester:
        return Ingester(self.index, self.manifest, self.embedder, self.shipped)

    def close(self) -> None:
        self.index.close()
        if self._manifest is not None:
            self._manifest.close()
            self._manifest = None
        self._ready = False
        self._collection_seen = None

    def _refresh(self) -> None:
        """Reopen what another process replaced: the manifest file (rebuilt) or the collection (reset)."""
        if self._manifest is not None and self._manifest.replaced():
            self.close()
        if self._ready and self._manifest is not None and self.manifest.meta("collection_id") != self._collection_seen:
            self.index.close()
            self._ready = False

    def _usable(self) -> bool:
        """Can this index answer as it is: the right version and collection, the built-in cards in?"""
        m = self.manifest
        if m.meta("index_version") != INDEX_VERSION or m.meta("builtin_stamp") != self._builtin_stamp():
            return False
        return m.meta("collection_id") == self.index.collection_id()

    def _consistent(self) -> bool:
        m = self.manifest
        return m.meta("dirty") is None and self.index.count() == m.lexical_count() and not m.lacks_passages()

    def _served(self) -> None:
        self._ready = True
        self._collection_seen = self.manifest.meta("collection_id")

    def ensure_ready(self, progress: Progress | None = None) -> AddReport:
        """Make the index answerable: build or repair it if needed (under the lock), or wait for the
        process that is building it. A usable index is served as it is while another process writes."""
        self._refresh()
        if self._ready:
            return AddReport()
        if self._usable() and (self._consistent() or self.lock.held_elsewhere()):
            self._served()
            return AddReport()
        notify = _notifier(progress)
        deadline, told = time.monotonic() + WAIT_LIMIT_S, False
        while True:
            with self.lock.try_hold() as got:
                if got:
                    with self._dirty():
                        report = self._prepare(progress)
                    self._served()
                    return report
            if not told:
                notify("waiting for another coach process that is building the knowledge index…")
                told = True
            time.sleep(POLL_S)
            self._refresh()
            if self._usable():
                self._served()
                return AddReport()
            if time.monotonic() > deadline:
                raise CoachError("another coach process has been building the knowledge index for too long; try again")

    @contextlib.contextmanager
    def _writing(self, progress: Progress | None, what: str = "updating") -> Iterator[AddReport]:
        """Hold the write lock for one write; the index is made ready first (that report is yielded)."""
        with self.lock.hold(_notifier(progress), what):
            self._refresh()
            with self._dirty():
                report = self._prepare(progress)
                self._served()
                yield report

    @contextlib.contextmanager
    def _dirty(self) -> Iterator[None]:
        """Mark the manifest dirty while a write runs: a crash leaves the mark for the next writer's sweep."""
        m = self.manifest
        self._was_dirty = m.meta("dirty") is not None  # a writer before us died mid-write
        m.set_meta("dirty", "1")
        try:
            yield
        finally:
            self.index.secure()
        m.drop_meta("dirty")

    def _prepare(self, progress: Progress | None) -> AddReport:
        """Under the lock: start over if the collection is not the one the manifest describes, sweep
        what an interrupted write left, and index the built-in cards that changed or are pending."""
        m = self.manifest
        full = self._was_dirty
        if m.meta("index_version") != INDEX_VERSION or m.meta("collection_id") != self.index.collection_id():
            self.index.reset()
            m.start_over({"index_version": INDEX_VERSION, "collection_id": self.index.collection_id(), "dirty": "1"})
            full = False
        self._copy_passages()  # before the sweep: a chunk without its passage is an old index, not damage
        self._sweep(full or self.index.count() != m.lexical_count())
        report = AddReport()
        stamp = self._builtin_stamp()
        if m.meta("builtin_stamp") != stamp or any(r.builtin and r.pending for r in m.all()):
            targets = self._builtin_targets()
            merge(report, self._ingester().run(targets, progress))
            present = {t.source for t in targets}
            for rec in m.all():
                if rec.builtin and rec.source not in present:
                    self._drop(rec.source)
                    report.removed.append(rec.source)
            m.set_meta("builtin_stamp", stamp)
        return report

    def _sweep(self, full: bool) -> None:
        sweep(self.index, self.manifest, full)

    def _copy_passages(self) -> None:
        copy_passages(self.index, self.manifest)

    def _builtin_files(self) -> list[Path]:
        if not self.builtin_dir.is_dir():
            return []
        return sorted(p for p in self.builtin_dir.rglob("*.md") if p.name.lower() != "readme.md")

    def _builtin_targets(self) -> list[Target]:
        return [Target(p.relative_to(self.builtin_dir).as_posix(), p, True) for p in self._builtin_files()]

    def _builtin_stamp(self) -> str:
        """Cheap: names, sizes and mtimes of the cards (content hashes are checked only if this moves)."""
        digest = hashlib.sha256(INDEX_VERSION.encode())
        for path in self._builtin_files():
            st = path.stat()
            digest.update(f"{path.relative_to(self.builtin_dir).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        return digest.hexdigest()

    def source_name(self, path: Path) -> str:
        """Built-in cards: their path under the cards folder; other files: their absolute resolved path."""
        resolved = path.expanduser().resolve()
        try:
            return resolved.relative_to(self.builtin_dir.resolve()).as_posix()
        except ValueError:
            return str(resolved)

    def _drop(self, source: str) -> None:
        self.index.delete_source(source)
        self.manifest.delete(source)

    # -- the public operations --------------------------------------------------------------
    def add(self, paths: Iterable[Path], progress: Progress | None = None) -> AddReport:
        paths = list(paths)
        for path in paths:
            if not path.exists():
                raise CoachError(f"no such file or folder: {path}")
        with self._writing(progress, "updating"):
            targets: dict[str, Target] = {}
            left_out: list[dict[str, str]] = []
            for file in expand(paths, left_out):
                name = self.source_name(file)
                targets[name] = Target(name, file.expanduser().resolve(), builtin=not Path(name).is_absolute())
            added = self._ingester().run(list(targets.values()), progress)
            added.skipped.extend(left_out)
        return added

    def remove(self, source: str) -> SourceRecord:
        self.ensure_ready()
        rec = self._known(source)  # a user error is raised before anything is marked as being written
        with self._writing(None, "updating"):
            rec = self._known(source)  # another process may have removed it meanwhile
            self._drop(rec.source)
        return rec

    def _known(self, source: str) -> SourceRecord:
        records = {r.source: r for r in self.manifest.all()}
        rec = records.get(source) or records.get(self.source_name(Path(source)))
        if rec is None:
            hint = close_matches(source, records)
            more = " (see `coach knowledge list`)"
            if hint:
                more = f"; did you mean {' or '.join(repr(h) for h in hint)}?"
            raise NotFoundError(f"no indexed source {source!r}{more}")
        if rec.builtin:
            raise CoachError(f"{rec.source} is a built-in card; it cannot be removed")
        return rec

    def rebuild(self, progress: Progress | None = None) -> AddReport:
        """Index every known source again; repairs an index whose files are garbage (Chroma or manifest).

        A rebuild that was interrupted is resumed (finished sources are kept) when its index is healthy.
        """
        with self.lock.hold(_notifier(progress), "rebuilding"):
            self.close()
            known = self._open_for_rebuild()
            m = self.manifest
            resume = m.meta("rebuilding") is not None and self._healthy()
            if not resume:
                try:
                    self.index.reset()
                    collection = self.index.collection_id()
                except CoachError:
                    self.index.wipe()  # garbage on disk (damage only: no healthy reader is using it)
                    collection = self.index.collection_id()
                m.start_over({"index_version": INDEX_VERSION, "collection_id": collection, "rebuilding": "1"})
            with self._dirty():
                self._sweep(full=True)
                records = {r.source: r for r in m.all()}
                for source, path in known.items():  # recovered from the index when the manifest was garbage
                    if source not in records:
                        records[source] = SourceRecord(source, path, False, "", [], "", -1, -1, 0, "", "pending")
                targets = self._builtin_targets()
                builtin = {t.source for t in targets}
                removed: list[str] = []
                for rec in records.values():
                    if rec.builtin or rec.source in builtin or not rec.pending:
                        continue
                    if Path(rec.path).is_file():
                        targets.append(Target(rec.source, Path(rec.path)))
                    else:
                        removed.append(rec.source)
                report = self._ingester().run(targets, progress)
                for source in removed:
                    self._drop(source)
                for rec in m.all():
                    if rec.builtin and rec.source not in builtin:
                        self._drop(rec.source)
                report.removed.extend(removed)
                m.set_meta("builtin_stamp", self._builtin_stamp())
                m.drop_meta("rebuilding")
            self._served()
        return report

    def _healthy(self) -> bool:
        try:
            return self.manifest.meta("collection_id") == self.index.collection_id()
        except CoachError:
            return False

    def _open_for_rebuild(self) -> dict[str, str]:
        """Open the manifest; one that is garbage is deleted and the user's sources are read back from
        the index (see `repair.recover_sources`) so the rebuild can index them again."""
        try:
            self.manifest.all()
            return {}
        except (CoachError, sqlite3.DatabaseError):
            pass
        if self._manifest is not None:
            self._manifest.close()
            self._manifest = None
        return recover_sources(self.index, self.manifest_path)

    def sources(self) -> list[SourceRecord]:
        self.ensure_ready()
        return self.manifest.all()

    def list_sources(self) -> list[dict[str, Any]]:
        counts = None
        rows = []
        for r in self.sources():
            if counts is None:
                counts = self.manifest.passage_counts()
            indexed = 0 if r.pending else counts.get((r.source, r.content_hash), 0)
            status = "ok" if not r.pending and indexed == r.chunks else "pending"
            rows.append(
                {
                    "source": r.source,
                    "title": r.title,
                    "chunks": r.chunks,
                    "added": r.added,
                    "indexed": indexed,
                    "status": status,
                }
            )
        return rows

    def search(self, query: str, k: int = 4, source: str | None = None, concept: str | None = None) -> list[Passage]:
        if not query or not query.strip():
            raise CoachError("the search query must not be empty")
        if k < 1:
            raise CoachError("k must be at least 1")
        query = query.strip()
        for attempt in range(2):
            self.ensure_ready()
            try:
                sources = self._filter(source, concept)
                if sources == []:
                    return []
                vector = self.embedder.embed_one(query)
                return self.search_vector(vector, k, sources, query=query)
            except (IndexError_, sqlite3.DatabaseError) as exc:
                if attempt or not self._changed_under_us():
                    if isinstance(exc, IndexError_):
                        raise
                    raise damaged(str(self.manifest_path), exc) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _changed_under_us(self) -> bool:
        """After a failed read: was it another process's write (reopen and try again) rather than damage?"""
        writing = self.lock.held_elsewhere()
        replaced = self._manifest is not None and self._manifest.replaced()
        moved = False
        with contextlib.suppress(Exception):
            moved = self.manifest.meta("collection_id") != self._collection_seen
        if not (writing or replaced or moved):
            return False
        if writing:  # wait for that write to end: its result is what we should read
            with self.lock.hold():
                pass
        self.close()
        return True

    def search_vector(
        self, vector: list[float], k: int, sources: list[str] | None = None, query: str | None = None
    ) -> list[Passage]:
        """Hybrid search with a precomputed query vector; `query` (the text) feeds the lexical arm."""
        return hybrid_search(self.index, self.manifest, vector, query, k, sources)

    def __call__(self, query: str, k: int = 4) -> list[Passage]:
        """A `Searcher` for the coaching core."""
        return self.search(query, k)

    def _filter(self, source: str | None, concept: str | None) -> list[str] | None:
        """Sources to search: None = everything, [] = nothing can match."""
        if source is None and concept is None:
            return None
        want_source = source.casefold() if source else None
        want_concept = concept.casefold().strip() if concept else None
        return [
            r.source
            for r in self.manifest.all()
            if (want_source is None or want_source in r.source.casefold())
            and (want_concept is None or want_concept in (c.casefold() for c in r.concepts))
        ]


def _notifier(progress: Progress | None) -> Callable[[str], None]:
    """The progress's `note` (a line for the user), or nothing."""
    note = getattr(progress, "note", None)
    return note if callable(note) else (lambda _message: None)


def merge(into: AddReport, other: AddReport) -> None:
    into.added += other.added
    into.updated += other.updated
    into.unchanged += other.unchanged
    into.skipped += other.skipped
    into.removed += other.removed
    into.chunks += other.chunks


def _short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]
