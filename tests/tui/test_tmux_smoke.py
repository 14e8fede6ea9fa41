"""The real `coach` command in a real terminal (tmux): pick a person, run a role-play turn, read the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.config import load_settings
from coach.demo import load_demo
from coach.workspace import Workspace

COACH = Path(sys.executable).parent / "coach"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (the project's test setup installs it)"
    ),
]


def tmux(session: str, *args: str, check: bool = True) -> str:
    """tmux on a private server named after the session: no user's server, options or environment leak in."""
    return subprocess.run(["tmux", "-L", session, *args], capture_output=True, text=True, check=check).stdout


def capture(session: str) -> str:
    return tmux(session, "capture-pane", "-p", "-t", session)


def wait_for(session: str, needle: str | Callable[[str], bool], timeout: float = 30.0) -> str:
    """The screen once it shows `needle` (or `needle(screen)` holds)."""
    end = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < end:
        screen = capture(session)
        if needle(screen) if callable(needle) else needle in screen:
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared; screen was:\n{screen}")


def persona_answered(line: str, persona: str) -> Callable[[str], bool]:
    """True once a line of the persona's follows the user's `line` in the conversation."""

    def check(screen: str) -> bool:
        _, said, after = screen.partition(line)
        return bool(said) and f"{persona}: " in after

    return check


def test_coach_tui_in_tmux(tmp_data_dir: Path) -> None:
    ws = Workspace(load_settings())
    load_demo(ws.memory)
    ws.close()
    session = f"coach-smoke-{uuid.uuid4().hex[:8]}"
    env = {k: os.environ[k] for k in ("HOME", "COACH_CONFIG", "COACH_DATA_DIR", "PATH")}
    command = f"{COACH} --offline"
    # A clean environment: an inherited COLUMNS/LINES (pytest sets them) would override the pane's real size.
    env |= {"TERM": "xterm-256color"}
    size = ["-x", "120", "-y", "40"]
    subprocess.run(["tmux", "-L", session, "-f", "/dev/null", "new-session", "-d", "-s", session, *size, command],
                   check=True, env=env)  # fmt: skip
    try:
        wait_for(session, "offline coach")
        tmux(session, "send-keys", "-t", session, "Down")  # Daniel Ortiz
        wait_for(session, "Daniel Ortiz — last 1:1s")
        tmux(session, "send-keys", "-t", session, "F2")
        wait_for(session, "Live score")
        tmux(session, "send-keys", "-t", session, "F6")
        wait_for(session, "difficulty")
        tmux(session, "send-keys", "-t", session, "-l", "What is on your mind this week?")
        tmux(session, "send-keys", "-t", session, "Enter")
        wait_for(session, "You: What is on your mind this week?")
        screen = wait_for(session, persona_answered("You: What is on your mind this week?", "Daniel Ortiz"))
        assert "Open qs" in screen and "Daniel Ortiz — last 1:1s" in screen
    finally:
        tmux(session, "kill-server", check=False)
