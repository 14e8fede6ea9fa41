"""Where conversations are kept: data_dir/conversations.db, one thread per person and job.

The file is created owner-only before SQLite opens it. Forgetting a person
deletes their threads and vacuums, so nothing of them stays in free pages.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import StoreError
from coach.store.memory import name_key

if TYPE_CHECKING:
    from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

FILENAME = "conversations.db"


def db_path(data_dir: Path) -> Path:
    return data_dir / FILENAME


def thread_id(person: str | None, job: str) -> str:
    return f"{name_key(person) if person else '_'}:{job}"


def _ensure_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))


async def open_saver(data_dir: Path) -> AsyncSqliteSaver:
    """An AsyncSqliteSaver over the conversations file; close it with `await saver.conn.close()`."""
    import aiosqlite
    from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

    path = db_path(data_dir)
    _ensure_file(path)
    conn = await aiosqlite.connect(path)
    await conn.execute("PRAGMA journal_mode = WAL")
    await conn.execute("PRAGMA busy_timeout = 30000")
    saver = AsyncSqliteSaver(conn)
    await saver.setup()
    return saver


def forget_person(data_dir: Path, person: str) -> int:
    """Delete every saved conversation with `person`. Returns how many threads had rows."""
    try:
        return _forget(data_dir, person)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot erase the saved conversations in {db_path(data_dir)}: {exc}") from None


def _forget(data_dir: Path, person: str) -> int:
    path = db_path(data_dir)
    if not path.exists():
        return 0
    prefix = name_key(person) + ":"
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    con = sqlite3.connect(path, timeout=30)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "checkpoints" not in tables:
            return 0
        found = con.execute(
            "SELECT COUNT(DISTINCT thread_id) FROM checkpoints WHERE thread_id LIKE ? ESCAPE '\\'", (pattern,)
        ).fetchone()[0]
        with con:
            for table in ("checkpoints", "writes"):
                if table in tables:
                    con.execute(f"DELETE FROM {table} WHERE thread_id LIKE ? ESCAPE '\\'", (pattern,))
        con.execute("VACUUM")  # rebuilt through the WAL, then landed in the file: no free page keeps them
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(found)
    finally:
        con.close()


def rename_person(data_dir: Path, old: str, new: str) -> int:
    """Move every saved conversation with `old` to `new` (a rename), so forgetting `new` finds them all."""
    try:
        return _rename(data_dir, old, new)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot move the saved conversations in {db_path(data_dir)}: {exc}") from None


def _rename(data_dir: Path, old: str, new: str) -> int:
    path = db_path(data_dir)
    old_prefix, new_prefix = name_key(old) + ":", name_key(new) + ":"
    if not path.exists() or old_prefix == new_prefix:
        return 0
    con = sqlite3.connect(path, timeout=30)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        moved = 0
        with con:
            for table in ("checkpoints", "writes"):
                if table in tables:
                    cur = con.execute(
                        f"UPDATE {table} SET thread_id = ? || substr(thread_id, ?) WHERE substr(thread_id, 1, ?) = ?",
                        (new_prefix, len(old_prefix) + 1, len(old_prefix), old_prefix),
                    )
                    moved += cur.rowcount
        return moved
    finally:
        con.close()
