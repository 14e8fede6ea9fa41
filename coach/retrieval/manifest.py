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
import os
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
    added TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'ok'
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
# 4: sources.state - 'pending' while a source must be (re)indexed: an interrupted build resumes from the
#    pending sources, and a source whose rows went missing is shown by `knowledge list` and redone by `add`.
SCHEMA_VERSION = 4
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
    state: str = "ok"  # or "pending": to be (re)indexed; its rows are not (all) in the index

    @property
    def pending(self) -> bool:
        return self.state != "ok"


def create_private(path: Path) -> None:
    """The file exists and is readable by its owner only (an existing one is tightened too)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


class Manifest:
    def __init__(self, path: Path) -> None:
        self.path = path
        create_private(path)
        for suffix in ("-wal", "-shm"):  # SQLite gives these the db's mode; older ones may be 0644
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.chmod(side, 0o600)
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)
        self.inode = os.stat(path).st_ino
        self._df: dict[str, int] = {}  # document frequency per query word, valid for _df_version
        self._df_version: tuple[int, int] = (-1, -1)
        self._rows = 0  # rows in the lexical table, valid for _df_version
        self._writes = 0  # this connection's writes: PRAGMA data_version only sees other connections'
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version != SCHEMA_VERSION:
            self.db.execute("PRAGMA journal_mode=WAL")
            with self._transaction(immediate=True):  # two processes opening a new file: one creates, one waits
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                columns = {str(r[1]) for r in self.db.execute("PRAGMA table_info(sources)")}
                if "state" not in columns:
                    self.db.execute("ALTER TABLE sources ADD COLUMN state TEXT NOT NULL DEFAULT 'ok'")
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self.db.close()

    def get(self, source: str) -> SourceRecord | None:
        row = self.db.execute("SELECT * FROM sources WHERE source = ?", (source,)).fetchone()
        return _record(row) if row else None

    def all(self) -> list[SourceRecord]:
        return [_record(r) for r in self.db.execute("SELECT * FROM sources ORDER BY builtin DESC, source")]

    def put(self, rec: SourceRecord) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                rec.state,
            ),
        )

    def mark_pending(self, sources: list[str] | None = None) -> None:
        """These sources (None: all) must be indexed again; their rows are dropped with them."""
        with self._transaction():
            if sources is None:
                self.db.execute("UPDATE sources SET state = 'pending'")
                return
            for source in sources:
                self.db.execute("UPDATE sources SET state = 'pending' WHERE source = ?", (source,))

    def touch(self, source: str, size: int, mtime_ns: int) -> None:
        self.db.execute("UPDATE sources SET size = ?, mtime_ns = ? WHERE source = ?", (size, mtime_ns, source))

    def delete(self, source: str) -> None:
        self.db.execute("DELETE FROM sources WHERE source = ?", (source,))
        self.delete_lexical(source)

    def start_over(self, meta: dict[str, str]) -> None:
        """An empty index: every row gone, every source pending (kept, to be indexed again), new meta."""
        with self._transaction():
            for table in ("lexical", "lexical_fts", "passages", "meta"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("UPDATE sources SET state = 'pending'")
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(meta.items()))

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

    def entries(self) -> dict[str, tuple[str, str]]:
        """Every row of the index as the manifest knows it: id -> (source, file hash)."""
        return {str(i): (str(s), str(h)) for i, s, h in self.db.execute("SELECT id, source, file_hash FROM lexical")}

    def passage_counts(self) -> dict[tuple[str, str], int]:
        """Chunks kept per (source, file hash)."""
        sql = "SELECT source, file_hash, COUNT(*) FROM passages GROUP BY source, file_hash"
        return {(str(s), str(h)): int(n) for s, h, n in self.db.execute(sql)}

    def delete_entries(self, ids: Sequence[str]) -> None:
        """Rows by id (leftovers of an interrupted write), in one transaction."""
        with self._transaction():
            for start in range(0, len(ids), 500):
                part = list(ids[start : start + 500])
                marks = ",".join("?" * len(part))
                self.db.execute(
                    f"DELETE FROM lexical_fts WHERE rowid IN (SELECT rowid FROM lexical WHERE id IN ({marks}))", part
                )
                self.db.execute(f"DELETE FROM lexical WHERE id IN ({marks})", part)
                self.db.execute(f"DELETE FROM passages WHERE id IN ({marks})", part)

    def has_other_rows(self, source: str, except_hash: str) -> bool:
        """Does `source` have rows of another file version than `except_hash`?"""
        sql = "SELECT 1 FROM lexical WHERE source = ? AND file_hash != ? LIMIT 1"
        return self.db.execute(sql, (source, except_hash)).fetchone() is not None

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

    def lacks_passages(self) -> bool:
        """Is any chunk without its passage (an index from schema 2, or rows lost)?"""
        sql = (
            "SELECT 1 FROM lexical l WHERE l.id = l.parent AND NOT EXISTS (SELECT 1 FROM passages p WHERE p.id = l.id)"
        )
        return self.db.execute(sql + " LIMIT 1").fetchone() is not None

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
    def _transaction(self, immediate: bool = False) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
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

    def drop_meta(self, key: str) -> None:
        self.db.execute("DELETE FROM meta WHERE key = ?", (key,))

    def replaced(self) -> bool:
        """Was the file deleted or replaced since it was opened (by another process's rebuild)?"""
        try:
            return os.stat(self.path).st_ino != self.inode
        except OSError:
            return True


def _record(row: tuple[object, ...]) -> SourceRecord:
    source, path, builtin, title, concepts, content_hash, size, mtime_ns, chunks, added, state = row
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
        state=str(state),
    )
