"""The knowledge base: built-in cards plus the user's files, searchable with citations.

One facade over the manifest, the Chroma index, the embedder and ingestion. Opening it
is cheap; the first search or list indexes the built-in cards (and re-indexes them when
they change), and re-syncs a collection that no longer matches the manifest (a fresh
server, a wiped index) by re-ingesting every known source.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from coach.config import Settings
from coach.domain import Passage
from coach.errors import CoachError, NotFoundError, close_matches
from coach.resources import knowledge_dir
from coach.retrieval.chunking import CHUNKER_VERSION
from coach.retrieval.embeddings import MODEL_ID, MiniLMEmbedding
from coach.retrieval.hybrid import hybrid_search
from coach.retrieval.index import COLLECTION, ChromaIndex, damaged
from coach.retrieval.ingest import AddReport, Ingester, Progress, Target, expand
from coach.retrieval.manifest import LEXICAL_VERSION, Manifest, PassageRow, SourceRecord

INDEX_VERSION = f"{MODEL_ID}/chunks-{CHUNKER_VERSION}/hybrid-{LEXICAL_VERSION}"


class KnowledgeBase:
    def __init__(
        self,
        data_dir: Path,
        chroma_url: str | None = None,
        collection: str = COLLECTION,
        embedder: MiniLMEmbedding | None = None,
        builtin_dir: Path | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.index = ChromaIndex(data_dir / "index", chroma_url, collection)
        manifest_name = "knowledge.db" if not chroma_url else f"knowledge-{_short(chroma_url + collection)}.db"
        self.manifest_path = data_dir / manifest_name
        self.embedder = embedder or MiniLMEmbedding()
        self.builtin_dir = builtin_dir if builtin_dir is not None else knowledge_dir()
        self._manifest: Manifest | None = None
        self._ready = False

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
        return Ingester(self.index, self.manifest, self.embedder)

    def close(self) -> None:
        self.index.close()
        if self._manifest is not None:
            self._manifest.close()
            self._manifest = None
        self._ready = False

    def ensure_ready(self, progress: Progress | None = None) -> AddReport:
        """Index built-in cards if they changed; re-sync if the collection is not the one we filled."""
        report = AddReport()
        if self._ready:
            return report
        m = self.manifest
        in_sync = (
            m.meta("index_version") == INDEX_VERSION
            and m.meta("collection_id") == self.index.collection_id()
            and self.index.count() == m.lexical_count()  # one FTS row per Chroma entry (chunks + questions)
        )
        if not in_sync:
            report = self._reingest(progress)
        else:
            self._copy_passages()
        stamp = self._builtin_stamp()
        if m.meta("builtin_stamp") != stamp:
            targets = self._builtin_targets()
            merge(report, self._ingester().run(targets, progress))
            present = {t.source for t in targets}
            for rec in m.all():
                if rec.builtin and rec.source not in present:
                    self._drop(rec.source)
                    report.removed.append(rec.source)
            m.set_meta("builtin_stamp", stamp)
        self._ready = True
        return report

    def _reingest(self, progress: Progress | None) -> AddReport:
        """Empty the collection and index every known source again (missing files are dropped)."""
        m = self.manifest
        known = m.all()
        self.index.wipe()
        m.clear()
        m.set_meta("index_version", INDEX_VERSION)
        m.set_meta("collection_id", self.index.collection_id())
        targets = self._builtin_targets()
        builtin = {t.source for t in targets}
        removed: list[str] = []
        for rec in known:
            if rec.builtin or rec.source in builtin:
                continue
            if Path(rec.path).is_file():
                targets.append(Target(rec.source, Path(rec.path)))
            else:
                removed.append(rec.source)
        report = self._ingester().run(targets, progress, force=True)
        report.removed.extend(removed)
        m.set_meta("builtin_stamp", self._builtin_stamp())
        return report

    def _copy_passages(self, batch: int = 500) -> None:
        """Upgrade an index made before the manifest kept passages: copy them from Chroma, no re-embedding."""
        missing = self.manifest.chunks_without_passage()
        for start in range(0, len(missing), batch):
            got = self.index.get(missing[start : start + batch], include=["documents", "metadatas", "embeddings"])
            rows = []
            docs, metas = got.get("documents") or [], got.get("metadatas") or []
            vectors = got.get("embeddings")
            for cid, doc, meta, vector in zip(
                got["ids"], docs, metas, [] if vectors is None else vectors, strict=False
            ):
                m = dict(meta or {})
                source, file_hash, title, concepts = (
                    str(m.get(f, "")) for f in ("source", "file_hash", "title", "concepts")
                )
                blob = np.asarray(vector, dtype=np.float32).tobytes()
                rows.append(PassageRow(str(cid), source, file_hash, title, concepts, doc or "", blob))
            self.manifest.put_lexical([], rows)

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
        """Built-in cards: their path under knowledge/; other files: their absolute resolved path."""
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
        self.ensure_ready(progress)
        targets: dict[str, Target] = {}
        left_out: list[dict[str, str]] = []
        for file in expand(paths, left_out):
            name = self.source_name(file)
            targets[name] = Target(name, file.expanduser().resolve(), builtin=not Path(name).is_absolute())
        report = self._ingester().run(list(targets.values()), progress)
        report.skipped.extend(left_out)
        return report

    def remove(self, source: str) -> SourceRecord:
        self.ensure_ready()
        records = {r.source: r for r in self.manifest.all()}
        rec = records.get(source) or records.get(self.source_name(Path(source)))
        if rec is None:
            hint = close_matches(source, records)
            more = f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else " (see `coach knowledge list`)"
            raise NotFoundError(f"no indexed source {source!r}{more}")
        if rec.builtin:
            raise CoachError(f"{rec.source} is a built-in card; it cannot be removed")
        self._drop(rec.source)
        return rec

    def rebuild(self, progress: Progress | None = None) -> AddReport:
        """Works even when the Chroma data is garbage: it is deleted and recreated."""
        self.index.close()
        try:
            self.manifest.all()
        except sqlite3.DatabaseError:
            self.manifest.close()
            self._manifest = None
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.manifest_path}{suffix}").unlink(missing_ok=True)
        self.index.wipe()
        report = self._reingest(progress)
        self._ready = True
        return report

    def sources(self) -> list[SourceRecord]:
        self.ensure_ready()
        return self.manifest.all()

    def list_sources(self) -> list[dict[str, Any]]:
        return [{"source": r.source, "title": r.title, "chunks": r.chunks, "added": r.added} for r in self.sources()]

    def search(self, query: str, k: int = 4, source: str | None = None, concept: str | None = None) -> list[Passage]:
        if not query or not query.strip():
            raise CoachError("the search query must not be empty")
        if k < 1:
            raise CoachError("k must be at least 1")
        self.ensure_ready()
        sources = self._filter(source, concept)
        if sources == []:
            return []
        query = query.strip()
        vector = self.embedder.embed_one(query)
        return self.search_vector(vector, k, sources, query=query)

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


def merge(into: AddReport, other: AddReport) -> None:
    into.added += other.added
    into.updated += other.updated
    into.unchanged += other.unchanged
    into.skipped += other.skipped
    into.removed += other.removed
    into.chunks += other.chunks


def _short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]
