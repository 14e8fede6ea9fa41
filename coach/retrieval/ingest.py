"""Add files to the index incrementally: unchanged files cost a stat (or a hash), never the model.

Each file streams through reader -> chunker -> batches of EMBED_BATCH chunks -> embed -> upsert,
so memory is bounded by one batch whatever the file size; the built-in cards (copied from their
shipped vectors) share their writes. A changed file's new chunks are written first and its old
ones deleted after, so a search never sees the source vanish.
"""

from __future__ import annotations

import datetime as dt
import stat as stat_
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from coach.heap import release_free_memory
from coach.retrieval.card_vectors import CardVectors
from coach.retrieval.chunking import Chunk, chunk_document, chunk_id, embedding_text, question_id
from coach.retrieval.embeddings import MiniLMEmbedding
from coach.retrieval.index import ChromaIndex
from coach.retrieval.manifest import LexicalRow, Manifest, PassageRow, SourceRecord
from coach.retrieval.readers import SUFFIXES, Document, UnreadableFile, inspect, open_document, supported

EMBED_BATCH = 256


class Progress(Protocol):
    def start(self, total_bytes: int) -> None: ...
    def advance(self, amount: int, label: str = "") -> None: ...


class _NoProgress:
    def start(self, total_bytes: int) -> None:
        pass

    def advance(self, amount: int, label: str = "") -> None:
        pass


@dataclass
class AddReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    chunks: int = 0  # chunks embedded and written in this run

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "removed": self.removed,
            "chunks": self.chunks,
        }


@dataclass(frozen=True)
class Target:
    """One file to index under the name `source`."""

    source: str
    path: Path
    builtin: bool = False


def expand(paths: Iterable[Path], left_out: list[dict[str, str]] | None = None) -> Iterator[Path]:
    """Files as given, and every supported file under a folder (hidden ones left out).

    Files of other types under a folder are not read; `left_out` gets one line per folder
    naming their types, so a folder of .docx files does not just report "0 added".
    """
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        other: Counter[str] = Counter()
        for found in sorted(path.rglob("*")):
            if any(p.startswith(".") for p in found.relative_to(path).parts) or not found.is_file():
                continue
            if found.suffix.lower() in SUFFIXES:
                yield found
            else:
                other[found.suffix.lower() or "no extension"] += 1
        if other and left_out is not None:
            kinds = ", ".join(f"{kind} ×{n}" if n > 1 else kind for kind, n in sorted(other.items()))
            reason = f"{other.total()} file(s) of other types not read ({kinds}); supported: {supported()}"
            left_out.append({"path": str(path), "reason": reason})


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def not_regular(mode: int) -> str | None:
    """Why a path that is not a regular file is skipped (reading a FIFO would wait forever), or None."""
    if stat_.S_ISREG(mode):
        return None
    kinds = [
        (stat_.S_ISFIFO, "a named pipe"),
        (stat_.S_ISSOCK, "a socket"),
        (stat_.S_ISCHR, "a character device"),
        (stat_.S_ISBLK, "a block device"),
    ]
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    return f"{kind}, not a regular file: not read"


class Ingester:
    def __init__(
        self,
        index: ChromaIndex,
        manifest: Manifest,
        embedder: MiniLMEmbedding,
        shipped: CardVectors | None = None,
        on_batch: Callable[[], None] | None = None,
    ) -> None:
        self.index = index
        self.manifest = manifest
        self.embedder = embedder
        self.shipped = shipped  # the built-in cards' precomputed vectors (copied instead of embedded)
        self.on_batch = on_batch or (lambda: None)
        self.copied = 0  # vectors taken from `shipped` in this run
        self._buffer = _Buffer()

    def run(self, targets: list[Target], progress: Progress | None = None, force: bool = False) -> AddReport:
        progress = progress or _NoProgress()
        report = AddReport()
        sizes = {t.source: _size(t.path) for t in targets}
        progress.start(sum(sizes.values()))
        for target in targets:
            try:
                self.one(target, report, progress, force)
            except UnreadableFile as exc:
                report.skipped.append({"path": str(target.path), "reason": str(exc)})
            except OSError as exc:
                report.skipped.append({"path": str(target.path), "reason": exc.strerror or str(exc)})
            progress.advance(0, target.source)
        self._drain()
        release_free_memory()  # what embedding big batches freed goes back to the OS
        return report

    def one(self, target: Target, report: AddReport, progress: Progress, force: bool) -> None:
        stat = target.path.stat()
        if (why := not_regular(stat.st_mode)) is not None:
            raise UnreadableFile(why)
        old = self.manifest.get(target.source)
        force = force or bool(old and old.pending)  # its rows are missing: never "unchanged"
        if old and not force and old.size == stat.st_size and old.mtime_ns == stat.st_mtime_ns:
            report.unchanged.append(target.source)
            progress.advance(stat.st_size, target.source)
            return
        content_hash = inspect(target.path)
        if old and not force and old.content_hash == content_hash:
            self.manifest.touch(target.source, stat.st_size, stat.st_mtime_ns)
            report.unchanged.append(target.source)
            progress.advance(stat.st_size, target.source)
            return
        doc = open_document(target.path)
        added = now()
        try:
            count, done = self._write(target, doc, content_hash, added, progress)
        except BaseException:
            # Leave the previous version (if any) exactly as it was.
            self._buffer.discard(target.source)
            self._delete(target.source, except_hash=old.content_hash if old else "")
            raise
        progress.advance(max(0, stat.st_size - done), target.source)
        if count == 0:
            self._delete(target.source, except_hash=old.content_hash if old else "")
            raise UnreadableFile("no text found")
        record = SourceRecord(
            source=target.source,
            path=str(target.path),
            builtin=target.builtin,
            title=doc.title,
            concepts=doc.concepts,
            content_hash=content_hash,
            size=stat.st_size,
            mtime_ns=stat.st_mtime_ns,
            chunks=count,
            added=added,
        )

        def finish() -> None:  # once the new rows are written: the old version goes, the record says "done"
            self._delete(record.source, except_hash=record.content_hash)
            self.manifest.put(record)

        self._buffer.then(finish)
        if len(self._buffer) >= EMBED_BATCH or not target.builtin:
            # A user's file is written (and recorded as done) at once: an interrupted add keeps every
            # finished file. Built-in cards, copied not embedded, share writes: one Chroma call, not 60.
            self._drain()
        (report.updated if old else report.added).append(target.source)
        report.chunks += count

    def _delete(self, source: str, except_hash: str) -> None:
        if not self.manifest.has_other_rows(source, except_hash):
            return  # nothing to delete (what only Chroma may hold is the sweep's job): no Chroma call
        self.index.delete_source(source, except_hash=except_hash)
        self.manifest.delete_lexical(source, except_hash=except_hash)

    def _drain(self) -> None:
        """Write what is buffered (one Chroma upsert, one manifest transaction), then finish its files."""
        buf, self._buffer = self._buffer, _Buffer()
        if buf.ids:
            self.index.upsert(buf.ids, np.stack(buf.vectors), buf.documents, buf.metadatas)
            self.manifest.put_lexical(buf.lexical, buf.passages)
            self.on_batch()
        for finish in buf.finishers:
            finish()

    def _write(
        self, target: Target, doc: Document, content_hash: str, added: str, progress: Progress
    ) -> tuple[int, int]:
        """Stream chunks to the index; returns (chunks written, bytes of text reported)."""
        count = done = 0
        batch: list[Chunk] = []
        for chunk in chunk_document(doc):
            batch.append(chunk)
            if len(batch) >= EMBED_BATCH:
                done += self._flush(target, doc, content_hash, added, batch, progress)
                count += len(batch)
                batch = []
        if batch:
            done += self._flush(target, doc, content_hash, added, batch, progress)
            count += len(batch)
        return count, done

    def _flush(
        self, target: Target, doc: Document, content_hash: str, added: str, batch: list[Chunk], progress: Progress
    ) -> int:
        """Embed and write one batch; the first batch also carries the card's questions (doc2query)."""
        base = {
            "source": target.source,
            "title": doc.title,
            "concepts": ",".join(doc.concepts),
            "file_hash": content_hash,
            "added": added,
            "builtin": target.builtin,
        }
        ids = [chunk_id(target.source, c) for c in batch]
        texts = [embedding_text(doc.title, doc.concepts, c) for c in batch]
        documents = [c.text for c in batch]
        metadatas = [base | {"kind": "chunk", "heading": c.heading, "position": c.index} for c in batch]
        parents = list(ids)
        first = batch[0]
        if first.index == 0:
            # Each question is its own vector pointing at the first chunk; search shows that chunk.
            for n, question in enumerate(doc.questions):
                ids.append(question_id(ids[0], n))
                texts.append(question)
                documents.append(first.text)
                meta = {"kind": "question", "parent": parents[0], "heading": first.heading, "position": 0}
                metadatas.append(base | meta)
                parents.append(parents[0])
        vectors = self._vectors(texts, content_hash, target.builtin)
        concepts = ",".join(doc.concepts)
        self._buffer.add(
            target.source,
            ids,
            list(vectors),
            documents,
            metadatas,
            [LexicalRow(i, p, target.source, content_hash, t) for i, p, t in zip(ids, parents, texts, strict=True)],
            [
                PassageRow(ids[n], target.source, content_hash, doc.title, concepts, c.text, vectors[n].tobytes())
                for n, c in enumerate(batch)
            ],
        )
        if len(self._buffer) >= EMBED_BATCH:
            self._drain()
        amount = sum(len(c.text.encode("utf-8")) for c in batch)
        progress.advance(amount, target.source)
        return amount

    def _vectors(self, texts: list[str], content_hash: str, builtin: bool) -> np.ndarray:
        """The texts' vectors: a built-in card's from the shipped file when it has them, the rest embedded."""
        if not builtin or self.shipped is None:
            return self.embedder.embed(texts)
        found = self.shipped.lookup(content_hash, texts)
        missing = [i for i, v in enumerate(found) if v is None]
        if missing:
            fresh = self.embedder.embed([texts[i] for i in missing])
            for row, i in enumerate(missing):
                found[i] = fresh[row]
        self.copied += len(texts) - len(missing)
        return np.stack([np.asarray(v, dtype=np.float32) for v in found])


@dataclass
class _Buffer:
    """Rows waiting to be written together (small files share one Chroma call), and what to do after."""

    ids: list[str] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    metadatas: list[dict[str, Any]] = field(default_factory=list)
    lexical: list[LexicalRow] = field(default_factory=list)
    passages: list[PassageRow] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # per id
    finishers: list[Callable[[], None]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def add(
        self,
        source: str,
        ids: list[str],
        vectors: list[np.ndarray],
        documents: list[str],
        metadatas: list[dict[str, Any]],
        lexical: list[LexicalRow],
        passages: list[PassageRow],
    ) -> None:
        self.ids += ids
        self.vectors += vectors
        self.documents += documents
        self.metadatas += metadatas
        self.lexical += lexical
        self.passages += passages
        self.sources += [source] * len(ids)

    def then(self, finish: Callable[[], None]) -> None:
        self.finishers.append(finish)

    def discard(self, source: str) -> None:
        """Forget the rows of a file that failed half way (other files' rows stay)."""
        keep = [i for i, s in enumerate(self.sources) if s != source]
        for name in ("ids", "vectors", "documents", "metadatas", "sources"):
            values = getattr(self, name)
            setattr(self, name, [values[i] for i in keep])
        self.lexical = [r for r in self.lexical if r.source != source]
        self.passages = [p for p in self.passages if p.source != source]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
