"""What the index holds, per source: hash, size/mtime, title, chunk count, when added.

A small SQLite file next to the Chroma data. It lets `knowledge add` skip unchanged
files without touching the model, lets `list` answer without scanning the collection,
and lets `rebuild` re-ingest every known source after the Chroma data is wiped.
"""

from __future__ import annotations

import sqlite3
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
"""


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

    def clear(self) -> None:
        self.db.execute("DELETE FROM sources")
        self.db.execute("DELETE FROM meta")

    def total_chunks(self) -> int:
        return int(self.db.execute("SELECT COALESCE(SUM(chunks), 0) FROM sources").fetchone()[0])

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
