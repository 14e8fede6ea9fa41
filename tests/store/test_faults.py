"""The user's files under faults: a kill at any write, a full disk, a damaged page, read-only and shut folders.

Real processes throughout: faults are injected with strace (`-e inject=...`), permissions are real
mode bits applied to a process that cannot override them (see tests/procs.py).
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.cli import main
from coach.workspace import Workspace
from tests.procs import assert_one_line_error, coach, env, file_bytes, strace, unprivileged


@pytest.fixture
def demo(tmp_data_dir: Path) -> Path:
    assert coach("demo").returncode == 0
    return tmp_data_dir


def writes(log: Path) -> int:
    """How many write(2) calls a traced run made (one line each in strace's log)."""
    return sum(1 for line in log.read_text().splitlines() if re.search(r"\bwrite\(", line))


# -- 1. an export never destroys the backup it replaces -------------------------------------------
def test_export_killed_at_any_write_leaves_the_old_backup_whole(demo: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    assert coach("export", "--format", "json", "-o", str(backup)).returncode == 0
    old = backup.read_bytes()
    assert coach("note", "add", "Priya", "a note the old backup does not have").returncode == 0
    probe, log = tmp_path / "probe.json", tmp_path / "writes.log"
    assert coach("export", "--format", "json", "-o", str(probe), wrap=strace("-e", "trace=write", "-o", str(log)))
    new = probe.read_bytes()
    total = writes(log)
    assert total >= 1
    for nth in range(1, total + 1):  # SIGKILL at the 1st write, the 2nd, ... each time on the old backup
        backup.write_bytes(old)
        run = coach(
            "export", "--format", "json", "-o", str(backup),
            wrap=strace("-e", "trace=write", "-e", f"inject=write:signal=KILL:when={nth}"),
        )  # fmt: skip
        assert run.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL, 0), run.stderr
        assert backup.read_bytes() in (old, new), f"killed at write {nth}: the backup is half-written"
        for left in tmp_path.glob(".backup.json.*.tmp"):  # a temporary file a kill left behind is owner-only
            assert left.stat().st_mode & 0o077 == 0
            left.unlink()
    for step in ("fsync", "rename,renameat,renameat2"):  # killed while flushing or renaming: still whole
        backup.write_bytes(old)
        coach("export", "--format", "json", "-o", str(backup), wrap=strace("-e", f"inject={step}:signal=KILL:when=1"))
        assert backup.read_bytes() in (old, new), f"killed at {step}: the backup is half-written"
    json.loads(backup.read_text())


def test_export_on_a_full_disk_keeps_the_old_backup_and_says_so(demo: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.md"
    assert coach("export", "-o", str(backup)).returncode == 0
    old = backup.read_bytes()
    run = coach("export", "-o", str(backup), wrap=strace("-e", "trace=write", "-e", "inject=write:error=ENOSPC:when=1"))
    assert_one_line_error(run, "disk is full", "unchanged")
    assert backup.read_bytes() == old
    assert not list(tmp_path.glob(".backup.md.*"))


# -- 8. SQLite failures are one line ----------------------------------------------------------------------
def test_a_full_disk_on_the_wal_write_is_one_line_and_saves_nothing(demo: Path) -> None:
    wal = demo / "coach.db-wal"
    inject = strace("-P", str(wal), "-e", "trace=write,pwrite64", "-e", "inject=write,pwrite64:error=ENOSPC")
    run = coach("note", "add", "Priya", "written while the disk was full", wrap=inject)
    assert_one_line_error(run, "disk is full", "nothing was saved")
    shown = coach("people", "show", "Priya", "--json")
    assert shown.returncode == 0 and "written while the disk was full" not in shown.stdout
    assert coach("note", "add", "Priya", "written afterwards").returncode == 0  # nothing stuck
    con = sqlite3.connect(demo / "coach.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def damage_people_table(db: Path) -> None:
    con = sqlite3.connect(db)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'people'").fetchone()[0]
    con.close()
    with db.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(bytes([0xDE, 0xAD, 0xBE, 0xEF]) * (page_size // 4))


def doctor(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`coach --offline doctor`, in process with the knowledge check stubbed (it would build the index)."""
    monkeypatch.setattr(Workspace, "index_sources", lambda self, ready=True: [{"chunks": 1}])
    with pytest.raises(SystemExit) as exit_:
        main(["--offline", "doctor"])
    return int(exit_.value.code or 0), capsys.readouterr().out


def test_a_damaged_page_is_one_line_and_doctor_finds_it(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    damage_people_table(demo / "coach.db")
    assert_one_line_error(coach("people", "list"), "is damaged", "coach doctor")
    assert_one_line_error(coach("brief", "Priya", "--no-passages"), "is damaged")
    code, out = doctor(monkeypatch, capsys)
    assert code == 1 and re.search(r"FAIL database: damaged", out), out


def test_doctor_says_a_sound_database_is_intact(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = doctor(monkeypatch, capsys)
    assert code == 0 and "ok   database: version" in out and "pages intact" in out


# -- 8 and 10. permissions, as a user who cannot override them ------------------------------------------------
@pytest.fixture
def restore_modes(demo: Path) -> Iterator[Path]:
    yield demo
    demo.chmod(0o700)
    for path in demo.iterdir():
        path.chmod(0o700 if path.is_dir() else 0o600)


def test_a_read_only_database_can_be_read_and_refuses_writes(restore_modes: Path) -> None:
    wrap = unprivileged()
    (restore_modes / "coach.db").chmod(0o444)
    listed = coach("people", "list", "--json", wrap=wrap)
    assert listed.returncode == 0, listed.stderr
    assert "Priya Raman" in listed.stdout
    assert coach("brief", "Priya", "--no-passages", wrap=wrap).returncode == 0
    assert coach("export", "--format", "json", wrap=wrap).returncode == 0
    assert_one_line_error(coach("note", "add", "Priya", "x", wrap=wrap), "read-only", "nothing was saved")


def test_a_read_only_data_dir_can_be_read_and_refuses_writes(restore_modes: Path) -> None:
    wrap = unprivileged()
    for left in restore_modes.glob("coach.db-*"):
        left.unlink()
    restore_modes.chmod(0o555)
    listed = coach("people", "list", wrap=wrap)
    assert listed.returncode == 0, listed.stderr
    assert "Priya Raman" in listed.stdout
    shown = coach("action", "list", "--json", wrap=wrap)
    assert shown.returncode == 0 and json.loads(shown.stdout)
    assert_one_line_error(coach("note", "add", "Priya", "x", wrap=wrap), "read-only")
    assert_one_line_error(coach("forget", "Priya", "--yes", wrap=wrap), "read-only")
    assert coach("people", "show", "Priya", "--json", wrap=wrap).returncode == 0  # nothing was half-done


@pytest.mark.parametrize("shut", ["data dir", "database"])
def test_a_shut_data_dir_or_database_is_one_line(restore_modes: Path, shut: str) -> None:
    wrap = unprivileged()
    (restore_modes if shut == "data dir" else restore_modes / "coach.db").chmod(0o000)
    assert_one_line_error(coach("people", "list", wrap=wrap), "permission denied")


# -- 11. forget while another program reads ------------------------------------------------------------------
READER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "read":  # a long read transaction: it keeps its snapshot, so the old pages must stay
    con.execute("BEGIN")
    con.execute("SELECT COUNT(*) FROM notes").fetchone()
else:  # an idle connection, like an open app: it never lets the last close land the WAL
    con.execute("SELECT 1").fetchone()
print("ready", flush=True)
sys.stdin.readline()
con.close()
"""
SECRET = "a secret only Tom told me about the merger"


def hold(db: Path, how: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", READER, str(db), how], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    proc.wait(timeout=60)


def person_rows(db: Path, name: str) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT COUNT(*) FROM people WHERE name = ?", (name,)).fetchone()[0])
    finally:
        con.close()


def test_forget_waits_for_a_reader_then_leaves_nothing_in_the_file(demo: Path) -> None:
    db = demo / "coach.db"
    assert coach("note", "add", "Tom Becker", SECRET, "--personal").returncode == 0
    app_like, reader = hold(db, "idle"), hold(db, "read")
    try:
        forget = subprocess.Popen([sys.executable, "-m", "coach", "forget", "Tom Becker", "--yes"], env=env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        deadline = time.monotonic() + 120
        while person_rows(db, "Tom Becker") and time.monotonic() < deadline:  # deleted; now it waits for the reader
            time.sleep(0.05)
        assert forget.poll() is None, forget.communicate()
        release(reader)
        out, err = forget.communicate(timeout=120)
        assert forget.returncode == 0, err
        assert "Forgot Tom Becker" in out and "still reading" not in out
        assert SECRET.encode() not in file_bytes(demo)  # while the app-like connection is still open
    finally:
        release(app_like)
        if reader.poll() is None:
            release(reader)


@pytest.mark.slow
def test_forget_past_a_long_read_says_so_and_the_next_run_finishes(demo: Path) -> None:
    db = demo / "coach.db"
    assert coach("note", "add", "Tom Becker", SECRET, "--personal").returncode == 0
    reader = hold(db, "read")
    try:
        run = coach("forget", "Tom Becker", "--yes")  # waits the busy timeout (30 s), then tells the user
        assert run.returncode == 0, run.stderr
        assert "still reading the database" in run.stdout
        assert (demo / "coach.db.scrub").exists()
    finally:
        release(reader)
    assert coach("people", "list").returncode == 0  # the next coach to open the file finishes the job
    assert not (demo / "coach.db.scrub").exists()
    assert SECRET.encode() not in file_bytes(demo)
