"""`coach knowledge ...` through the Typer runner (small card set, real model and Chroma)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app


@pytest.fixture(autouse=True)
def small_cards(monkeypatch: pytest.MonkeyPatch, cards_dir: Path) -> None:
    monkeypatch.setattr("coach.retrieval.knowledge.knowledge_dir", lambda: cards_dir)


def test_add_list_search_remove_round_trip(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "delegation.md"
    note.write_text(
        "---\ntitle: Delegate outcomes\nconcepts: [delegation]\n---\nHand over the result, not the steps.\n"
    )
    added = runner.invoke(app, ["knowledge", "add", str(note), "--json"])
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["added"] == [str(note.resolve())]

    listed = json.loads(runner.invoke(app, ["knowledge", "list", "--json"]).stdout)
    assert {"source", "title", "chunks", "added"} <= set(listed[0])
    assert str(note.resolve()) in {row["source"] for row in listed}

    found = runner.invoke(app, ["knowledge", "search", "hand over the result, not the steps", "-k", "2", "--json"])
    hits = json.loads(found.stdout)
    assert hits[0]["source"] == str(note.resolve()) and hits[0]["rank"] == 1
    assert {"rank", "score", "title", "source", "chunk_id", "text", "concepts"} <= set(hits[0])
    assert hits[0]["score"] >= hits[1]["score"]

    human = runner.invoke(app, ["knowledge", "search", "hand over results", "--concept", "delegation"])
    assert human.exit_code == 0 and "Delegate outcomes" in human.stdout

    removed = runner.invoke(app, ["knowledge", "remove", str(note)])
    assert removed.exit_code == 0
    assert "delegation.md" not in runner.invoke(app, ["knowledge", "list", "--json"]).stdout


def test_user_errors_exit_2_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["knowledge", "add", str(tmp_path / "nope.md")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    empty = runner.invoke(app, ["knowledge", "search", "  "])
    assert empty.exit_code == 2 and "empty" in empty.output
    unknown = runner.invoke(app, ["knowledge", "remove", "ghost.md"])
    assert unknown.exit_code == 2 and "Traceback" not in unknown.output


def test_binary_file_warns_and_others_continue(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"\x00\xff\x00")
    (tmp_path / "fine.txt").write_text("Celebrate small wins with the team.\n")
    result = runner.invoke(app, ["knowledge", "add", str(tmp_path / "blob.txt"), str(tmp_path / "fine.txt")])
    assert result.exit_code == 0
    assert "blob.txt" in result.stderr and "warning" in result.stderr
    assert "1 added" in result.stdout


def test_a_damaged_index_points_to_rebuild_which_recovers(runner: CliRunner, tmp_data_dir: Path) -> None:
    assert runner.invoke(app, ["knowledge", "list"]).exit_code == 0
    (tmp_data_dir / "index" / "chroma.sqlite3").write_bytes(b"garbage" * 500)
    broken = runner.invoke(app, ["knowledge", "search", "help"])
    assert broken.exit_code == 2 and "coach knowledge rebuild" in broken.output
    assert runner.invoke(app, ["knowledge", "rebuild"]).exit_code == 0
    assert runner.invoke(app, ["knowledge", "search", "help", "--json"]).exit_code == 0
