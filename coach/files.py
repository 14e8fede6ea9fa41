"""Writing a whole file so that a crash, a kill or a full disk never leaves half of it.

Every file coach writes outside SQLite (exports, drafts, caches) goes through
`write_atomic`: the new content goes to a temporary file in the same folder, is
flushed to disk (fsync), and only then renamed over the old one. A rename within
one folder is atomic, so a reader (or the user, after a crash) sees either the
old file whole or the new one whole, never an empty or truncated one. The
temporary file is owner-only from its first byte, like the file it becomes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from coach.errors import CoachError

OWNER_ONLY = 0o600


def write_atomic(path: Path, data: str | bytes, *, mode: int = OWNER_ONLY) -> None:
    """Replace `path` with `data` (text is UTF-8) in one step; on any failure the old file is untouched.

    Raises CoachError saying why the file could not be written (the temporary file is removed).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CoachError(f"{path} is a folder; give a file name, e.g. {path / 'coach-export.json'}")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CoachError(f"cannot write {path}: {_why(exc)}") from None
    tmp = Path(tmp_name)
    try:
        try:
            os.fchmod(fd, mode)  # mkstemp already made it 0600; a wider mode is the caller's explicit choice
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise CoachError(f"cannot write {path}: {_why(exc)}; the previous file, if any, is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (the folder's entry), where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _why(exc: OSError) -> str:
    """An OSError in the user's words."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)
