"""Running coach as a real process: as the user would, under strace fault injection, or without root's powers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

STRACE = shutil.which("strace")
# Root ignores file permissions through these capabilities; without them its files' mode bits apply to it.
DAC_CAPS = "-dac_override,-dac_read_search,-fowner"


def env() -> dict[str, str]:
    """The test's environment (its own data dir, config and HOME), with no bytecode written under strace."""
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200"}


def coach(
    *args: str, stdin: str | None = None, wrap: Sequence[str] = (), timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """`coach ARGS` in a new process (optionally under `wrap`, e.g. strace or setpriv)."""
    cmd = [*wrap, sys.executable, "-m", "coach", *args]
    return subprocess.run(cmd, capture_output=True, text=True, input=stdin, env=env(), timeout=timeout)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    """Exit 2 with exactly one line on stderr, `error: ...` (containing each of `expected`), no traceback."""
    err = result.stderr
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert result.returncode == 2, (result.returncode, err, result.stdout[-500:])
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


def strace(*options: str) -> list[str]:
    """An strace prefix (following threads and children), or skip when strace is not installed."""
    if STRACE is None:
        pytest.skip("strace is not installed (tasks.py test installs it where it can)")
    log = [] if "-o" in options else ["-o", os.devnull]  # the trace itself never mixes into coach's stderr
    return [STRACE, "-f", "-qq", *log, *options]


def unprivileged() -> list[str]:
    """A prefix that makes file permissions apply: nothing for a normal user; for root, setpriv without the
    capabilities that let root read and write anything (so a 0444 file is read-only to it, a 000 folder shut)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("the tests run as root and setpriv is missing: file permissions cannot be tested")
    prefix = [setpriv, "--bounding-set", DAC_CAPS, "--"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "pass"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"setpriv cannot drop root's file capabilities here: {probe.stderr.decode()[:200]}")
    return prefix


def file_bytes(folder: Path, pattern: str = "coach.db*") -> bytes:
    """Everything in the database's files (main file, WAL), to look for text that must be gone."""
    return b"".join(p.read_bytes() for p in sorted(folder.glob(pattern)) if p.is_file())
