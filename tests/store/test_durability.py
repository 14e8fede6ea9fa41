"""Nothing is lost or half-written when a process dies, and two processes can write at once."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.domain import Person
from coach.store.memory import Memory

WRITER = """
import datetime as dt, sys
from pathlib import Path
from coach.domain import Action, Meeting, Note, Owner, Proposer
from coach.store.memory import Memory

memory = Memory(Path(sys.argv[1]))
name, count = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
for i in range(count):
    memory.log_meeting(
        name,
        Meeting(date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 300), notes=f"meeting {i}"),
        [Action(text=f"action {i}.{j}", owner=Owner.them, proposed_by=Proposer.them) for j in range(3)],
        [Note(text=f"note {i}")],
    )
print("done", flush=True)
"""

ACTIONS_PER_MEETING = 3


def start_writer(db: Path, name: str, count: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), name, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
    return proc


def check_consistent(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        per_meeting = con.execute(
            "SELECT m.id, COALESCE(a.n, 0), COALESCE(n.n, 0) FROM meetings m "
            "LEFT JOIN (SELECT meeting_id, COUNT(*) AS n FROM actions GROUP BY meeting_id) a ON a.meeting_id = m.id "
            "LEFT JOIN (SELECT meeting_id, COUNT(*) AS n FROM notes GROUP BY meeting_id) n ON n.meeting_id = m.id"
        ).fetchall()
        for meeting_id, actions, notes in per_meeting:
            assert (actions, notes) == (ACTIONS_PER_MEETING, 1), f"meeting {meeting_id} is half-written"
        orphans = con.execute(
            "SELECT COUNT(*) FROM actions WHERE meeting_id IS NULL OR meeting_id NOT IN (SELECT id FROM meetings)"
        ).fetchone()[0]
        assert orphans == 0
        return len(per_meeting)
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_at_random_points_never_leaves_half_a_meeting(tmp_data_dir: Path) -> None:
    db = tmp_data_dir / "coach.db"
    with Memory(db) as memory:
        memory.add_person(Person(name="Ada"))
    rng = random.Random(20261125)
    meetings_seen = 0
    for _ in range(20):
        proc = start_writer(db, "Ada", 100_000)
        time.sleep(rng.uniform(0.01, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        total = check_consistent(db)
        assert total >= meetings_seen  # committed meetings are never lost
        meetings_seen = total
    assert meetings_seen > 0


@pytest.mark.slow
def test_two_processes_write_at_once_without_lock_errors(tmp_data_dir: Path) -> None:
    db = tmp_data_dir / "coach.db"
    with Memory(db) as memory:
        memory.add_person(Person(name="Ada"))
        memory.add_person(Person(name="Bo"))
    writers = [start_writer(db, name, 150) for name in ("Ada", "Bo")]
    for proc in writers:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.strip().endswith("done")
    assert check_consistent(db) == 300
