"""The wheel is the whole app: built, installed into a fresh venv outside the clone, run from elsewhere.

The editable install used for development reads files from the source tree and would hide a card,
prompt or stylesheet missing from the package; this installs the built wheel (dependencies from the
machine's pip cache and package index) and runs what a new user runs first.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _on_pty(cmd: list[str], env: dict[str, str], cwd: Path, timeout: float = 300) -> tuple[int, bytes]:
    """Run `cmd` on a pseudo-terminal (the TUI needs one); its exit code and everything it drew."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, close_fds=True)
    os.close(slave)
    out = bytearray()
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    code = proc.wait(timeout=60)
    os.close(master)
    return code, bytes(out)


def test_the_wheel_installs_into_a_fresh_venv_and_runs_from_another_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(wheels.glob("coach-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    cards = {n for n in names if n.startswith("coach/knowledge/") and n.endswith(".md")}
    package = ROOT / "coach"
    in_tree = {f"coach/{p.relative_to(package).as_posix()}" for p in (package / "knowledge").rglob("*.md")}
    assert cards == in_tree
    prompts = {f"coach/prompts/{p.name}" for p in (ROOT / "coach" / "prompts").glob("*.md")}
    assert prompts and prompts <= names
    assert {"coach/knowledge/vectors.npz", "coach/tui/app.tcss", "coach/py.typed"} <= names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py, coach = venv / "bin" / "python", venv / "bin" / "coach"
    installed = subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True, text=True, timeout=1800
    )
    assert installed.returncode == 0, installed.stderr[-2000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COACH_", "PYTHON"))}
    env |= {"COACH_DATA_DIR": str(tmp_path / "data"), "COACH_CONFIG": str(tmp_path / "none.toml")}
    env |= {"TERM": "xterm-256color", "COACH_OFFLINE": "1"}

    def coach_run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(coach), *args], env=env, cwd=elsewhere, capture_output=True, text=True, timeout=600, check=False
        )
        assert done.returncode == 0, f"coach {' '.join(args)}: {done.stderr}"
        return done

    where = subprocess.run([str(py), "-c", "import coach; print(coach.__file__)"], env=env, cwd=elsewhere,
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(venv)  # the installed copy, not the clone
    coach_run("demo")
    brief = json.loads(coach_run("brief", "Priya", "--json").stdout)
    assert brief["passages"] and brief["passages_note"] is None  # the cards came with the wheel
    hits = json.loads(coach_run("knowledge", "search", "how do I disagree with my boss", "--json").stdout)
    assert hits and all(not Path(h["source"]).is_absolute() for h in hits)  # built-in cards, by their names
    # One line scored by the executable alone: the verb list and the head's weights came with the wheel.
    scored = json.loads(coach_run("score", "--line", "Please reconcile the Dublin balances.", "--json").stdout)
    assert scored["directive"] is True and "reconcile" in scored["why"]["directive"]
    scored = json.loads(coach_run("score", "--line", "how was the half marathon?", "--json").stdout)
    assert scored["why"]["personal"].startswith("learned:")
    code, screen = _on_pty([str(coach), "--offline"], env | {"COACH_TUI_EXIT_AFTER_PAINT": "1"}, elsewhere)
    assert code == 0, screen[-2000:]
    assert b"Prep" in screen and b"Priya" in screen  # the first paint, styled from the packaged stylesheet
