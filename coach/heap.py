"""The process's heap: glibc's malloc keeps what Python and the native libraries free, so hand it back.

Two knobs, both no-ops off glibc. `fewer_arenas` runs once at import, before any thread starts: glibc
gives each new thread its own arena (up to eight per core), and an idle TUI's worker, model and index
threads each kept a partly-used one (2 arenas instead of 8: about 10 MB less resident, measured in
bench/bench_memory.py). `release_free_memory` trims after a burst of work (a model load, a brief's
searches, a batch of embeddings). A value the user set in MALLOC_ARENA_MAX is left alone.
"""

from __future__ import annotations

import os

_M_ARENA_MAX = -8  # mallopt's parameter number in glibc's malloc.h
ARENAS = 2


def _libc() -> object | None:
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def fewer_arenas() -> None:
    if os.environ.get("MALLOC_ARENA_MAX"):
        return
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(_M_ARENA_MAX, ARENAS)


def release_free_memory() -> None:
    """Hand memory that was freed back to the OS (glibc keeps it in the heap); elsewhere a no-op."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
