"""Opening the memory database safely.

WAL plus a busy timeout lets the TUI and a CLI command share one file; writes
take the lock up front (BEGIN IMMEDIATE) so two writers queue rather than
deadlock. A file that is not ours, or is from a newer coach, is refused
before anything is written to it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from coach.errors import StoreError
from coach.store.migrations import LATEST, MIGRATIONS

APPLICATION_ID = 0x636F6163  # "coac"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000


def _check_existing(path: Path) -> None:
    """Refuse a file that is not a coach database, without modifying it."""
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a coach database (not an SQLite file); it was left untouched")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a readable coach database ({exc}); it was left untouched") from None
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path} is an SQLite file but not a coach database; it was left untouched")
    if version > LATEST:
        raise StoreError(
            f"{path} was written by a newer version of coach (schema {version}, this one knows "
            f"{LATEST}); upgrade coach to open it. The file was left untouched."
        )


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed, owner-only) and upgrade the database at `path`."""
    if path.parent.exists() and not path.parent.is_dir():
        raise StoreError(f"the data directory {path.parent} is a file, not a directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(f"cannot use {path.parent} as the data directory: {exc.strerror or exc}") from None
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a coach database")
        _check_existing(path)
    else:
        try:
            fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot create the database {path}: {exc.strerror or exc}") from None
        os.close(fd)
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        con.row_factory = sqlite3.Row
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA foreign_keys = ON")
        mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # pragma: no cover - filesystems without shared memory
            con.execute("PRAGMA journal_mode = DELETE")
        con.execute("PRAGMA synchronous = NORMAL")
        _migrate(con)
    except sqlite3.OperationalError as exc:  # locked past the busy timeout, read-only file or folder, disk full
        con.close()
        hint = "; another program kept it locked, try again" if "locked" in str(exc) else ""
        raise StoreError(f"cannot open the database {path}: {exc}{hint}") from None
    return con


@contextlib.contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic write: all of it lands or none of it does."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    else:
        con.execute("COMMIT")


def _migrate(con: sqlite3.Connection) -> None:
    with transaction(con):
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST:  # another process upgraded it under us
            raise StoreError(f"database schema {version} is newer than this coach ({LATEST})")
        if version == LATEST:
            return
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        for migration in MIGRATIONS:
            if migration.version <= version:
                continue
            for statement in _statements(migration.sql):
                con.execute(statement)
            con.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            con.execute(f"PRAGMA user_version = {migration.version}")


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
