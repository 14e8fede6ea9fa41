"""`coach knowledge ...` through the Typer runner (small card set, real model and Chroma)."""

from __future__ import annotations

import json
import subprocess
import sys
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


def test_files_that_are_not_text_are_named_not_read_as_garbage(runner: CliRunner, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "offsite.docx").write_bytes(b"PK\x03\x04word/document.xml")  # no NUL in the first bytes
    (notes / "photo.png").write_bytes(b"\x89PNG")
    (notes / "broken.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    (notes / "fine.md").write_text("Celebrate small wins with the team.\n")
    result = runner.invoke(app, ["knowledge", "add", str(notes)])
    assert result.exit_code == 0 and "1 added" in result.stdout
    said = " ".join(result.stderr.split())  # the console wraps long warnings
    assert "2 file(s) of other types not read (.docx, .png)" in said  # the folder's other files, by type
    assert "broken.pdf: not a readable PDF" in said
    alone = runner.invoke(app, ["knowledge", "add", str(notes / "offsite.docx")])
    assert "0 added" in alone.stdout and ".docx files are not read; save it as" in " ".join(alone.stderr.split())


def test_a_broken_pdf_gets_one_warning_without_the_pdf_librarys_log(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\ngarbage")
    # A real process (the reader alone, not the whole index): under pytest, log records go to
    # pytest's capture, never to the terminal, so only a process of its own shows what a user sees.
    script = (
        "import sys; from pathlib import Path; from coach.retrieval.readers import UnreadableFile, open_document\n"
        "try:\n    open_document(Path(sys.argv[1]))\n"
        "except UnreadableFile as exc:\n    print('warning:', exc, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(broken)], capture_output=True, text=True, timeout=120)
    assert done.stderr.startswith("warning: not a readable PDF")
    assert "EOF marker" not in done.stderr


def test_a_damaged_index_points_to_rebuild_which_recovers(runner: CliRunner, tmp_data_dir: Path) -> None:
    assert runner.invoke(app, ["knowledge", "list"]).exit_code == 0
    (tmp_data_dir / "index" / "chroma.sqlite3").write_bytes(b"garbage" * 500)
    broken = runner.invoke(app, ["knowledge", "search", "help"])
    assert broken.exit_code == 2 and "coach knowledge rebuild" in broken.output
    assert runner.invoke(app, ["knowledge", "rebuild"]).exit_code == 0
    assert runner.invoke(app, ["knowledge", "search", "help", "--json"]).exit_code == 0
