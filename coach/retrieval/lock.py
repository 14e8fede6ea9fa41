"""One writer at a time across processes: an exclusive `flock` on a file beside the manifest.

Every write to the index (the first build, `knowledge add`, `remove`, `rebuild`, a repair) holds
it for the whole operation, so two processes never interleave their batches and a consistency
check never runs while another process is half way through a file. Readers take no lock: SQLite
(WAL) gives them a consistent manifest, and they only ask `held_elsewhere()` to tell a write in
progress from damage. The kernel drops the lock when its holder dies (even by SIGKILL), so a
crashed writer never blocks the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

POLL_S = 0.1
NOTIFY_AFTER_S = 0.5  # say why we are waiting once the wait is noticeable


class WriteLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()  # re-entrant per thread: a write may call another write

    def _open(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o600)
        return fd

    @contextlib.contextmanager
    def hold(self, notify: Callable[[str], None] | None = None, what: str = "updating") -> Iterator[None]:
        """Hold the lock (waiting for another process's write to end, saying so through `notify`)."""
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth -= 1
            return
        fd = self._open()
        try:
            started, told = time.monotonic(), False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if notify is not None and not told and time.monotonic() - started >= NOTIFY_AFTER_S:
                        notify(f"waiting for another coach process that is {what} the knowledge index…")
                        told = True
                    time.sleep(POLL_S)
            self._local.depth = 1
            try:
                yield
            finally:
                self._local.depth = 0
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def try_hold(self) -> contextlib.AbstractContextManager[bool]:
        """Hold the lock if it is free right now; yields whether it is held."""
        return self._try()

    @contextlib.contextmanager
    def _try(self) -> Iterator[bool]:
        if getattr(self._local, "depth", 0):
            yield True
            return
        fd = self._open()
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            self._local.depth = 1
            try:
                yield True
            finally:
                self._local.depth = 0
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def held_here(self) -> bool:
        return bool(getattr(self._local, "depth", 0))

    def held_elsewhere(self) -> bool:
        """Is another process (or thread) writing right now?"""
        if self.held_here():
            return False
        with self._try() as got:
            return not got
