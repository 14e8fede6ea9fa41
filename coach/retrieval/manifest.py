"""What the index holds, per source: hash, size/mtime, title, chunk count, when added.

A small SQLite file next to the Chroma data. It lets `knowledge add` skip unchanged
files without touching the model, lets `list` answer without scanning the collection,
and lets `rebuild` re-ingest every known source after the Chroma data is wiped.
It also holds the lexical side of the hybrid search: an FTS5 table (porter stemming,
diacritics removed) with one row per vector in the collection, kept in step on every
upsert and delete, so BM25 ranks exactly what Chroma holds.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    builtin INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    concepts TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    chunks INTEGER NOT NULL,
    added TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lexical (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    parent TEXT NOT NULL,
    source TEXT NOT NULL,
    file_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS lexical_source ON lexical (source, file_hash);
CREATE VIRTUAL TABLE IF NOT EXISTS lexical_fts USING fts5(
    text, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS passages (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    concepts TEXT NOT NULL,
    text TEXT NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_source ON passages (source, file_hash);
"""
# 2: lexical (FTS5) rows for every vector in the collection.
# 3: passages - what search shows for a chunk and its vector (float32), so the dense arm asks Chroma for
#    ids and distances only and a lexical-only hit's cosine needs no second Chroma call.
#    An index from version 2 gets its passages copied from Chroma on first use (KnowledgeBase.ensure_ready).
SCHEMA_VERSION = 3
LEXICAL_VERSION = 2  # the lexical rows' layout; part of the index version (a change re-ingests everything)
# A word found in at least this share of the rows carries no weight in FTS5's BM25 (its IDF is clamped
# to ~0), so the lexical arm leaves it out instead of ranking thousands of rows for nothing.
COMMON_SHARE = 0.5


@dataclass(frozen=True)
class LexicalRow:
    """One entry of the collection as the lexical arm sees it: a chunk or a card question."""

    id: str
    parent: str  # the chunk a hit on this row stands for (itself for a chunk)
    source: str
    file_hash: str
    text: str


@dataclass(frozen=True)
class PassageRow:
    """What a search hit on a chunk shows: its own text (not the embedding text) and its citation."""

    id: str
    source: str
    file_hash: str
    title: str
    concepts: str  # comma-separated, as in the Chroma metadata
    text: str
    vector: bytes  # float32, as stored in Chroma


@dataclass(frozen=True)
class SourceRecord:
    source: str
    path: str
    builtin: bool
    title: str
    concepts: list[str]
    content_hash: str
    size: int
    mtime_ns: int
    chunks: int
    added: str


class Manifest:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._df: dict[str, int] = {}  # document frequency per query word, valid for _df_version
        self._df_version: tuple[int, int] = (-1, -1)
        self._rows = 0  # rows in the lexical table, valid for _df_version
        self._writes = 0  # this connection's writes: PRAGMA data_version only sees other connections'

    def close(self) -> None:
        self.db.close()

    def get(self, source: str) -> SourceRecord | None:
        row = self.db.execute("SELECT * FROM sources WHERE source = ?", (source,)).fetchone()
        return _record(row) if row else None

    def all(self) -> list[SourceRecord]:
        return [_record(r) for r in self.db.execute("SELECT * FROM sources ORDER BY builtin DESC, source")]

    def put(self, rec: SourceRecord) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rec.source,
                rec.path,
                int(rec.builtin),
                rec.title,
                ",".join(rec.concepts),
                rec.content_hash,
                rec.size,
                rec.mtime_ns,
                rec.chunks,
                rec.added,
            ),
        )

    def touch(self, source: str, size: int, mtime_ns: int) -> None:
        self.db.execute("UPDATE sources SET size = ?, mtime_ns = ? WHERE source = ?", (size, mtime_ns, source))

    def delete(self, source: str) -> None:
        self.db.execute("DELETE FROM sources WHERE source = ?", (source,))
        self.delete_lexical(source)

    def clear(self) -> None:
        self.db.execute("DELETE FROM sources")
        self.db.execute("DELETE FROM meta")
        self.db.execute("DELETE FROM lexical")
        self.db.execute("DELETE FROM lexical_fts")
        self.db.execute("DELETE FROM passages")
        self._writes += 1

    # -- the lexical (FTS5) side of the index, kept in step with the Chroma collection --------
    def put_lexical(self, rows: list[LexicalRow], passages: Sequence[PassageRow] = ()) -> None:
        """Upsert by id, in one transaction (a batch of 256 costs one commit)."""
        with self._transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(p.id, p.source, p.file_hash, p.title, p.concepts, p.text, p.vector) for p in passages],
            )
            for row in rows:
                old = self.db.execute("SELECT rowid FROM lexical WHERE id = ?", (row.id,)).fetchone()
                if old:
                    self.db.execute("DELETE FROM lexical_fts WHERE rowid = ?", (old[0],))
                    self.db.execute("DELETE FROM lexical WHERE rowid = ?", (old[0],))
                cur = self.db.execute(
                    "INSERT INTO lexical (id, parent, source, file_hash) VALUES (?, ?, ?, ?)",
                    (row.id, row.parent, row.source, row.file_hash),
                )
                self.db.execute("INSERT INTO lexical_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, row.text))

    def delete_lexical(self, source: str, except_hash: str | None = None) -> None:
        """Rows of `source` (but those of the file version `except_hash`), like ChromaIndex.delete_source."""
        cond, args = "source = ?", [source]
        if except_hash is not None:
            cond, args = "source = ? AND file_hash != ?", [source, except_hash]
        with self._transaction():
            self.db.execute(f"DELETE FROM lexical_fts WHERE rowid IN (SELECT rowid FROM lexical WHERE {cond})", args)
            self.db.execute(f"DELETE FROM lexical WHERE {cond}", args)
            self.db.execute(f"DELETE FROM passages WHERE {cond}", args)

    def lexical_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM lexical").fetchone()[0])

    def passages(self, ids: Sequence[str]) -> dict[str, PassageRow]:
        """The passages of these chunk ids (absent ones are left out)."""
        if not ids:
            return {}
        rows = self.db.execute(f"SELECT * FROM passages WHERE id IN ({','.join('?' * len(ids))})", list(ids))
        return {
            str(i): PassageRow(str(i), str(src), str(fh), str(title), str(concepts), str(text), bytes(vector))
            for i, src, fh, title, concepts, text, vector in rows
        }

    def source_passages(self, source: str) -> list[tuple[str, str]]:
        """(chunk id, text) of one source in reading order (a chunk id holds its position after the source hash)."""
        rows = self.db.execute("SELECT id, text FROM passages WHERE source = ? ORDER BY id", (source,))
        return [(str(i), str(t)) for i, t in rows]

    def chunks_without_passage(self) -> list[str]:
        """Chunk ids indexed before passages were kept here (schema 2), to copy from Chroma."""
        sql = "SELECT id FROM lexical WHERE id = parent AND id NOT IN (SELECT id FROM passages)"
        return [str(r[0]) for r in self.db.execute(sql)]

    def informative_words(self, words: Sequence[str]) -> list[str]:
        """The words that can still move BM25: those found in less than COMMON_SHARE of the rows.

        Document frequencies are cached until the rows change (here or in another process).
        """
        version = (int(self.db.execute("PRAGMA data_version").fetchone()[0]), self._writes)
        if version != self._df_version:
            self._df, self._df_version, self._rows = {}, version, self.lexical_count()
        total = self._rows
        kept = []
        for word in words:
            df = self._df.get(word)
            if df is None:
                sql = "SELECT COUNT(*) FROM lexical_fts WHERE lexical_fts MATCH ?"
                df = self._df[word] = int(self.db.execute(sql, (f'"{word}"',)).fetchone()[0])
            if 0 < df < COMMON_SHARE * total:
                kept.append(word)
        return kept

    def lexical_search(self, match: str, n: int, sources: list[str] | None = None) -> list[tuple[str, str, float]]:
        """(id, parent, BM25 relevance, higher is better) of the best `n` rows for an FTS5 `match` expression."""
        sql = (
            "SELECT l.id, l.parent, -bm25(lexical_fts) FROM lexical_fts JOIN lexical l ON l.rowid = lexical_fts.rowid "
            "WHERE lexical_fts MATCH ?"
        )
        args: list[object] = [match]
        if sources is not None:
            sql += f" AND l.source IN ({','.join('?' * len(sources))})"
            args += sources
        sql += " ORDER BY bm25(lexical_fts) LIMIT ?"
        args.append(n)
        return [(str(i), str(p), float(b)) for i, p, b in self.db.execute(sql, args)]

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        self._writes += 1

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _record(row: tuple[object, ...]) -> SourceRecord:
    source, path, builtin, title, concepts, content_hash, size, mtime_ns, chunks, added = row
    return SourceRecord(
        source=str(source),
        path=str(path),
        builtin=bool(builtin),
        title=str(title),
        concepts=[c for c in str(concepts).split(",") if c],
        content_hash=str(content_hash),
        size=int(size),  # type: ignore[call-overload]
        mtime_ns=int(mtime_ns),  # type: ignore[call-overload]
        chunks=int(chunks),  # type: ignore[call-overload]
        added=str(added),
    )
