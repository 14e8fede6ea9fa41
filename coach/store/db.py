"""Opening the memory database safely.

WAL plus a busy timeout lets the TUI and a CLI command share one file; writes
take the lock up front (BEGIN IMMEDIATE) so two writers queue rather than
deadlock. A file that is not ours, or is from a newer coach, is refused
before anything is written to it. A database in a folder the user cannot write
(or a file they cannot write) is opened read-only: everything can be read, and
a write says why it cannot be saved.

Every SQLite failure after opening (a damaged page, a full disk, a locked or
read-only file) reaches the caller as a `StoreError` with one sentence saying
what happened and what to do (`explain`), never as a raw `sqlite3` exception.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coach.errors import StoreError
from coach.store.migrations import LATEST, MIGRATIONS

APPLICATION_ID = 0x636F6163  # "coac"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000
SCRUB_SUFFIX = ".scrub"  # beside coach.db: a forget could not yet rewrite the file (see `scrub`)


def explain(exc: sqlite3.Error, path: Path) -> StoreError:
    """One sentence for a failure of the database at `path`: what happened, and what the user can do."""
    error = _explain(exc, path)
    error.reason = str(exc)  # SQLite's own words, for messages that already say the rest
    return error


def _explain(exc: sqlite3.Error, path: Path) -> StoreError:
    code = str(getattr(exc, "sqlite_errorname", "") or "")
    if code.startswith("SQLITE_FULL"):
        return StoreError(f"the disk is full: nothing was saved to {path}; free some space and try again")
    if code.startswith("SQLITE_READONLY"):
        return StoreError(
            f"{path} is read-only for you (the file or its folder {path.parent}): coach can read it but cannot "
            "save anything there; nothing was saved"
        )
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return StoreError(
            f"the database {path} is damaged ({exc}); `coach doctor` checks it. Restore a backup with "
            "`coach import`, or move the file aside to start afresh"
        )
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError(f"{path} is locked by another program; nothing was saved, try again")
    if code.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return StoreError(f"cannot open {path} ({exc}); check that the data directory is yours and readable")
    if code.startswith("SQLITE_IOERR"):
        return StoreError(f"the disk failed while using {path} ({exc}); nothing more was saved")
    if isinstance(exc, sqlite3.IntegrityError):
        return StoreError(f"memory refused the change ({exc}); nothing was saved")
    return StoreError(f"the database {path} failed: {exc}")


class _Cursor(sqlite3.Cursor):
    """A cursor whose failures are StoreErrors (reading rows can fail too: a damaged page is found then)."""

    def _fail(self, exc: sqlite3.Error) -> StoreError:
        return explain(exc, getattr(self.connection, "path", Path("coach.db")))

    def execute(self, sql: str, parameters: Any = (), /) -> _Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.ProgrammingError):  # a bug in coach, not a state of the file
                raise
            raise self._fail(exc) from None

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from None

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from None

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from None


class Connection(sqlite3.Connection):
    """The memory's connection: knows its file (for messages) and whether it was opened read-only."""

    path: Path
    readonly: bool

    def cursor(self, factory: Any = _Cursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        return self.cursor().execute(sql, parameters)


def _check_existing(path: Path) -> None:
    """Refuse a file that is not a coach database, without modifying it."""
    size = path.stat().st_size
    if size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"cannot read the database {path}: {exc.strerror or exc}") from None
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a coach database (not an SQLite file); it was left untouched")
    try:
        con = _open_readonly(path)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
    except StoreError as exc:
        reason = getattr(exc, "reason", exc.message)
        raise StoreError(f"{path} is not a readable coach database ({reason}); it was left untouched") from None
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path} is an SQLite file but not a coach database; it was left untouched")
    if version > LATEST:
        raise StoreError(
            f"{path} was written by a newer version of coach (schema {version}, this one knows "
            f"{LATEST}); upgrade coach to open it. The file was left untouched."
        )


def _writable(path: Path) -> bool:
    """Can this user write the database (and its folder, where SQLite keeps the WAL beside it)?"""
    return os.access(path.parent, os.W_OK | os.X_OK) and (not path.exists() or os.access(path, os.W_OK))


def _prepare(path: Path) -> bool:
    """Check the folder and the file before SQLite sees them; create an empty owner-only file if none.

    Returns whether the database can be written (False: open it read-only).
    """
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"the data directory {folder} is a file, not a directory")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(f"cannot use {folder} as the data directory: {exc.strerror or exc}") from None
    if not os.access(folder, os.R_OK | os.X_OK):
        raise StoreError(f"cannot read the data directory {folder}: permission denied")
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a coach database")
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot read the database {path}: permission denied")
        _check_existing(path)
        return _writable(path)
    if not _writable(path):
        raise StoreError(f"the data directory {folder} is read-only for you: cannot create the database there")
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    except OSError as exc:
        raise StoreError(f"cannot create the database {path}: {exc.strerror or exc}") from None
    os.close(fd)
    return True


def _open_readonly(path: Path) -> Connection:
    """Open a database this user may only read. Without write access to the folder SQLite cannot make
    the WAL index beside it; when no WAL is left over (nothing uncommitted to miss) the file is read as
    immutable instead."""
    uri = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")
    attempts = [f"{uri}?mode=ro"]
    if not wal.exists() or wal.stat().st_size == 0:
        attempts.append(f"{uri}?mode=ro&immutable=1")
    last: sqlite3.Error | None = None
    for target in attempts:
        try:
            con = sqlite3.connect(target, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                  factory=Connection)  # fmt: skip
        except sqlite3.Error as exc:
            last = exc
            continue
        con.path, con.readonly = path, True
        try:
            sqlite3.Cursor(con).execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return con
        except sqlite3.Error as exc:
            last = exc
            con.close()
    assert last is not None
    raise explain(last, path)


def connect(path: Path) -> Connection:
    """Open (creating if needed, owner-only) and upgrade the database at `path`; read-only when the user
    may not write it."""
    try:
        writable = _prepare(path)
    except OSError as exc:  # the folder or file vanished or changed permissions between checks
        raise StoreError(f"cannot use the database {path}: {exc.strerror or exc}") from None
    if not writable:
        con = _open_readonly(path)
        con.row_factory = sqlite3.Row
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
        except StoreError:
            con.close()
            raise
        if version < LATEST:
            con.close()
            raise StoreError(
                f"{path} needs an upgrade (schema {version} to {LATEST}) but is read-only for you; "
                "open it once where you can write it"
            )
        return con
    try:
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=Connection)
    except sqlite3.Error as exc:
        raise explain(exc, path) from None
    con.path, con.readonly = path, False
    try:
        con.row_factory = sqlite3.Row
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA foreign_keys = ON")
        mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # pragma: no cover - filesystems without shared memory
            con.execute("PRAGMA journal_mode = DELETE")
        con.execute("PRAGMA synchronous = NORMAL")
        _migrate(con)
        if scrub_pending(path):
            scrub(con)
    except StoreError as exc:  # locked past the busy timeout, read-only file or folder, disk full, damaged
        con.close()
        raise StoreError(f"cannot open the database: {exc.message}") from None
    return con


def quick_check(con: sqlite3.Connection) -> list[str]:
    """What SQLite's quick integrity check finds wrong with the file (empty: nothing). Reads every page."""
    try:
        rows = [str(r[0]) for r in sqlite3.Cursor(con).execute("PRAGMA quick_check(20)").fetchall()]
    except sqlite3.DatabaseError as exc:  # too damaged to check page by page
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def scrub_pending(path: Path) -> bool:
    return path.with_name(path.name + SCRUB_SUFFIX).exists()


def scrub(con: Connection) -> bool:
    """Rewrite the database without the free pages deleted rows leave behind, and land it in the main file.

    VACUUM writes the rebuilt file through the WAL; the TRUNCATE checkpoint then copies it into coach.db and
    empties the WAL, waiting (the busy timeout) for readers that still hold an older snapshot, which need
    the old pages. Returns True when the file holds nothing of the deleted rows; False when a reader kept
    its snapshot past the wait: a marker beside the file then makes the next coach to open it finish.
    """
    mark = con.path.with_name(con.path.name + SCRUB_SUFFIX)
    con.execute("VACUUM")
    busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:
        with contextlib.suppress(OSError):
            os.close(os.open(mark, os.O_CREAT | os.O_WRONLY, 0o600))
        return False
    with contextlib.suppress(FileNotFoundError):
        mark.unlink()
    return True


@contextlib.contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic write: all of it lands or none of it does (a failed COMMIT, say on a full disk, too)."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:  # SQLite may have rolled back already (a full disk, an I/O error)
            with contextlib.suppress(sqlite3.Error, StoreError):
                con.execute("ROLLBACK")
        raise


def _migrate(con: Connection) -> None:
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
