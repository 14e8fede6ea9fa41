"""Several real `coach` processes on one data dir: a long add with readers, a SIGKILL, two writers, the TUI.

A long `knowledge add` is sized from the model's speed on this machine right now (the embedder is
timed first), so it runs for about twenty seconds whatever the load; every wait polls for what a
user would see, with a generous deadline.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.retrieval.embeddings import MiniLMEmbedding
from coach.retrieval.lock import WriteLock
from tests.retrieval.processes import (
    COACH,
    DEADLINE_S,
    env_for,
    files_for_seconds,
    index_is_consistent,
    run,
    run_json,
    start,
    wait_until,
    write_library,
)

pytestmark = pytest.mark.slow
PARAGRAPHS = 16  # about four chunks a file


@pytest.fixture(scope="module")
def files_for(embedder: MiniLMEmbedding, tmp_path_factory: pytest.TempPathFactory) -> Callable[[float], int]:
    """How many library files take about `seconds` to add on this machine now."""
    scratch = tmp_path_factory.mktemp("sample")
    cache: dict[float, int] = {}

    def files(seconds: float) -> int:
        if seconds not in cache:
            cache[seconds] = files_for_seconds(embedder, scratch, seconds, PARAGRAPHS)
        return cache[seconds]

    return files


def _user_sources(data: Path) -> int:
    try:
        with sqlite3.connect(data / "knowledge.db", timeout=30) as db:
            return int(db.execute("SELECT COUNT(*) FROM sources WHERE builtin = 0 AND state = 'ok'").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _no_rebuild_advice(done: subprocess.CompletedProcess[str]) -> None:
    assert "rebuild" not in done.stderr and "cannot be used" not in done.stderr, done.stderr


def test_readers_and_a_second_writer_are_served_while_a_long_add_runs(
    tmp_path: Path, files_for: Callable[[float], int]
) -> None:
    data = tmp_path / "data"
    assert run(data, "demo").returncode == 0
    assert run(data, "knowledge", "list").returncode == 0  # the built-in cards (copied, fast)
    library = write_library(tmp_path / "library", files=files_for(20), paragraphs=PARAGRAPHS)
    extra = tmp_path / "canteen.md"
    extra.write_text("---\ntitle: Canteen rota\n---\nThe canteen rota for the team changes every Monday.\n")
    lock = WriteLock(data / "knowledge.db.lock")
    writer = start(data, "knowledge", "add", str(tmp_path / "library"), "--json")
    wait_until(lambda: lock.held_elsewhere() or writer.poll() is not None, "the add to take the write lock")
    second = start(data, "knowledge", "add", str(extra))  # a second writer: it waits its turn
    served_during_write = 0
    while writer.poll() is None:
        served_during_write += lock.held_elsewhere()  # this reader starts while a write holds the lock
        found = run(data, "knowledge", "search", "how should I follow up after a cancelled 1:1", "--json")
        assert found.returncode == 0, found.stderr
        _no_rebuild_advice(found)
        brief = run_json(data, "brief", "Priya")
        assert brief["passages"] and brief["passages_note"] is None
    _, err = writer.communicate(timeout=DEADLINE_S)
    assert writer.returncode == 0, err
    out2, err2 = second.communicate(timeout=DEADLINE_S)
    assert second.returncode == 0, err2
    assert "1 added" in out2
    assert served_during_write >= 1, "no reader started while the add was writing"
    assert "waiting for another coach process" in err2  # the second writer said why it waited
    listed = {row["source"]: row for row in run_json(data, "knowledge", "list")}
    assert {str(p.resolve()) for p in library} | {str(extra.resolve())} <= set(listed)
    assert all(row["status"] == "ok" for row in listed.values())
    ok, why = index_is_consistent(data)
    assert ok, why
    hits = run_json(data, "knowledge", "search", "when does the canteen rota change")
    assert hits[0]["source"] == str(extra.resolve())


def test_a_killed_add_leaves_a_consistent_index_and_the_next_add_resumes(
    tmp_path: Path, files_for: Callable[[float], int]
) -> None:
    data = tmp_path / "data"
    library = write_library(tmp_path / "library", files=files_for(25), paragraphs=PARAGRAPHS)
    assert run(data, "knowledge", "list").returncode == 0
    writer = start(data, "knowledge", "add", str(tmp_path / "library"))
    wait_until(lambda: _user_sources(data) > 0 or writer.poll() is not None, "the add to finish its first files")
    assert writer.poll() is None, "the add ended before it could be killed"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=DEADLINE_S)
    found = run(data, "knowledge", "search", "who owns the budget review", "--json")
    assert found.returncode == 0, found.stderr
    _no_rebuild_advice(found)
    listed = run_json(data, "knowledge", "list")
    assert all(row["status"] == "ok" for row in listed)  # the half-written file is swept, not listed
    ok, why = index_is_consistent(data)
    assert ok, why
    finished = sum(1 for row in listed if Path(row["source"]).is_absolute())
    assert 0 < finished < len(library)
    again = run_json(data, "knowledge", "add", str(tmp_path / "library"))
    assert len(again["unchanged"]) == finished  # resumed: what was done is not embedded again
    assert len(again["added"]) == len(library) - finished
    ok, why = index_is_consistent(data)
    assert ok, why


def test_two_adds_at_once_index_everything_once(tmp_path: Path, files_for: Callable[[float], int]) -> None:
    data = tmp_path / "data"
    n = max(6, files_for(6))
    left = write_library(tmp_path / "left", files=n, paragraphs=PARAGRAPHS)
    right = write_library(tmp_path / "right", files=n, paragraphs=PARAGRAPHS // 2)
    shared = tmp_path / "shared.txt"
    shared.write_text("Both folders name this file: it must be indexed once.\n")
    first = start(data, "knowledge", "add", str(tmp_path / "left"), str(shared), "--json")
    second = start(data, "knowledge", "add", str(tmp_path / "right"), str(shared), "--json")
    for proc in (first, second):
        _, err = proc.communicate(timeout=DEADLINE_S)
        assert proc.returncode == 0, err
    listed = run_json(data, "knowledge", "list")
    sources = [row["source"] for row in listed]
    assert len(sources) == len(set(sources))
    assert {str(p.resolve()) for p in [*left, *right, shared]} <= set(sources)
    assert all(row["status"] == "ok" for row in listed)
    ok, why = index_is_consistent(data)
    assert ok, why


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (the project's test setup installs it)")
def test_the_tui_and_commands_share_the_index_on_a_first_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "demo").returncode == 0
    session = f"coach-share-{uuid.uuid4().hex[:8]}"
    env = env_for(data) | {"TERM": "xterm-256color"}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    tmux = ["tmux", "-L", session]
    subprocess.run([*tmux, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    f"{COACH} --offline"], check=True, env=env)  # fmt: skip
    try:
        brief = run_json(data, "brief", "Priya")  # while the TUI builds the index on its first run
        assert brief["passages"] and brief["passages_note"] is None
        found = run(data, "knowledge", "search", "disagreeing with my boss", "--json")
        assert found.returncode == 0, found.stderr
        _no_rebuild_advice(found)
        note = tmp_path / "rota.md"
        note.write_text("---\ntitle: Rota\n---\nThe on-call rota is drafted by whoever joined last.\n")
        assert run(data, "knowledge", "add", str(note)).returncode == 0

        def screen() -> str:
            return subprocess.run([*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout

        wait_until(lambda: "index ready" in screen(), "the TUI to say its index is ready")
        assert "not available" not in screen()
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)
    ok, why = index_is_consistent(data)
    assert ok, why
