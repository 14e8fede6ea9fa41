"""Repair and edge cases: rows lost behind the manifest's back, garbage knowledge.db, FIFOs, permissions."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.retrieval.embeddings import MiniLMEmbedding
from coach.retrieval.knowledge import KnowledgeBase


@pytest.fixture(autouse=True)
def small_cards(monkeypatch: pytest.MonkeyPatch, cards_dir: Path) -> None:
    monkeypatch.setattr("coach.retrieval.knowledge.knowledge_dir", lambda: cards_dir)


def _note(tmp_path: Path) -> Path:
    note = tmp_path / "retro.md"
    note.write_text("---\ntitle: Retros\n---\nHold a retrospective after every release, then act on one item.\n")
    return note


def test_rows_lost_from_the_index_are_listed_and_repaired_by_add(
    tmp_path: Path, cards_dir: Path, embedder: MiniLMEmbedding
) -> None:
    data = tmp_path / "data"
    note = _note(tmp_path)
    kb = KnowledgeBase(data, embedder=embedder, builtin_dir=cards_dir)
    kb.add([note])
    kb.index.delete_source(str(note.resolve()))  # what another process's wipe used to do under a writer
    kb.close()
    again = KnowledgeBase(data, embedder=embedder, builtin_dir=cards_dir)
    row = next(r for r in again.list_sources() if r["source"] == str(note.resolve()))
    assert row["status"] == "pending" and row["indexed"] == 0  # shown, not silently "fine"
    report = again.add([note])
    assert report.updated == [str(note.resolve())] and not report.unchanged  # never "unchanged"
    row = next(r for r in again.list_sources() if r["source"] == str(note.resolve()))
    assert row["status"] == "ok" and row["indexed"] == row["chunks"] == 1
    assert again.search("what to do after a release", k=1)[0].source == str(note.resolve())
    again.close()


def test_the_cli_lists_a_source_missing_from_the_index(runner: CliRunner, tmp_path: Path, tmp_data_dir: Path) -> None:
    note = _note(tmp_path)
    assert runner.invoke(app, ["knowledge", "add", str(note)]).exit_code == 0
    kb = KnowledgeBase(tmp_data_dir)
    kb.index.delete_source(str(note.resolve()))
    kb.close()
    shown = runner.invoke(app, ["knowledge", "list"])
    assert shown.exit_code == 0
    assert "missing 1" in " ".join(shown.stdout.split())
    assert "not fully indexed" in " ".join(shown.stderr.split())


def test_rebuild_repairs_a_knowledge_db_full_of_garbage(runner: CliRunner, tmp_path: Path, tmp_data_dir: Path) -> None:
    note = _note(tmp_path)
    assert runner.invoke(app, ["knowledge", "add", str(note)]).exit_code == 0
    (tmp_data_dir / "knowledge.db").write_bytes(b"this is not a database at all " * 400)
    for side in ("knowledge.db-wal", "knowledge.db-shm"):
        (tmp_data_dir / side).unlink(missing_ok=True)
    broken = runner.invoke(app, ["knowledge", "search", "release retrospective"])
    assert broken.exit_code == 2 and "coach knowledge rebuild" in broken.output
    rebuilt = runner.invoke(app, ["knowledge", "rebuild", "--json"])
    assert rebuilt.exit_code == 0, rebuilt.output
    listed = json.loads(runner.invoke(app, ["knowledge", "list", "--json"]).stdout)
    assert str(note.resolve()) in {r["source"] for r in listed}  # the user's file came back from the index
    found = json.loads(runner.invoke(app, ["knowledge", "search", "after a release", "-k", "1", "--json"]).stdout)
    assert found[0]["source"] == str(note.resolve())


def test_a_fifo_is_skipped_not_waited_on(tmp_path: Path, tmp_data_dir: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    os.mkfifo(folder / "inner.txt")
    (folder / "fine.txt").write_text("Celebrate small wins with the team.\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")} | {
        "COACH_DATA_DIR": str(tmp_data_dir),
        "COACH_CONFIG": os.environ["COACH_CONFIG"],
    }
    coach = Path(sys.executable).parent / "coach"
    done = subprocess.run(
        [str(coach), "knowledge", "add", str(fifo), str(folder)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stderr.split())
    assert "pipe.md: a named pipe, not a regular file" in said
    assert "1 added" in done.stdout and "1 skipped" in done.stdout  # the folder's FIFO is not read either


def _modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]}


def test_index_files_are_owner_only_even_in_an_open_data_dir(
    runner: CliRunner, tmp_path: Path, tmp_data_dir: Path
) -> None:
    tmp_data_dir.mkdir(mode=0o755)
    os.chmod(tmp_data_dir, 0o755)
    old = tmp_data_dir / "knowledge.db"
    old.write_bytes(b"")  # an earlier coach made it 0644
    os.chmod(old, 0o644)
    assert runner.invoke(app, ["knowledge", "add", str(_note(tmp_path))]).exit_code == 0
    root = tmp_data_dir / "index"
    index = _modes(root)
    assert index and all(mode == (0o700 if (root / name).is_dir() else 0o600) for name, mode in index.items())
    for name in ("knowledge.db", "knowledge.db.lock", "knowledge.db-wal"):
        path = tmp_data_dir / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
