"""`coach score` and `coach roleplay` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.errors import CoachError
from coach.workspace import Workspace


@pytest.fixture(autouse=True)
def no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the knowledge index out of these tests: the scorecard says why no passage is cited."""

    def no_search(self: Workspace, query: str, k: int = 4, **kw: object) -> list[object]:
        raise CoachError("the knowledge index is not loaded")

    monkeypatch.setattr(Workspace, "search", no_search)


@pytest.fixture
def team(runner: CliRunner) -> CliRunner:
    result = runner.invoke(app, ["people", "add", "Priya Raman", "--relationship", "report", "--role", "Engineer"])
    assert result.exit_code == 0, result.output
    return runner


def test_score_line_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "--line", "could you just send it to finance?", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("text", "question", "personal", "directive", "reflection")} == {
        "text": "could you just send it to finance?",
        "question": None,  # a request in question form is a directive, not a question (docs/nlp.md)
        "personal": None,
        "directive": True,
        "reflection": False,
    }
    assert set(data["why"]) == {"question", "reflection", "directive", "personal"}
    assert data["why"]["directive"] == "directive: asks them to do it (could you just…)"


def test_score_line_text_shows_each_label_and_why(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "score",
            "--line",
            "So the deadline is what's worrying you?",
            "--previous",
            "I keep thinking about the deadline.",
        ],
    )
    assert result.exit_code == 0, result.output
    first, *whys = result.stdout.splitlines()
    assert first == "question: -  personal: -  directive: no  reflection: yes"
    assert any(w.split()[0] == "reflection" and "reflection:" in w for w in whys)
    assert any(w.split()[0] == "question" and "a reflection" in w for w in whys)


def test_score_previous_needs_a_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "-", "--previous", "hello"], input="me: hi\n")
    assert result.exit_code == 2 and "--previous goes with --line" in result.stderr


def test_score_transcript_from_stdin_and_file(runner: CliRunner, tmp_path: Path) -> None:
    text = "me: How was your weekend?\nthem: Lovely, thanks.\nme: What matters most to you this month?\n"
    result = runner.invoke(app, ["score", "-", "--json"], input=text)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["personal_asks"] == 1 and data["summary"]["open_question_share"] == 1.0
    assert data["summary"]["reflections"] == 0 and data["summary"]["reflection_to_question"] == 0.0
    assert data["lines"][1]["speaker"] == "them" and data["warnings"] == []
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    human = runner.invoke(app, ["score", str(path)])
    assert human.exit_code == 0 and "Humble Leadership" in human.stdout
    assert "Reflections: 0 (0 per question: low)" in human.stdout


def test_score_without_prefixes_warns(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "-", "--json"], input="how are you\nsend me the deck\n")
    data = json.loads(result.stdout)
    assert all(line["speaker"] == "me" for line in data["lines"])
    assert data["warnings"]


def test_score_bad_input_is_a_clear_error(runner: CliRunner) -> None:
    assert runner.invoke(app, ["score", "/no/such/file"]).exit_code == 2
    assert runner.invoke(app, ["score"]).exit_code == 2


def test_piped_roleplay_session_prints_a_scorecard(team: CliRunner) -> None:
    lines = "How are you, really?\nI had a rough week myself.\nWhat feels most important to you right now?\nend\n"
    result = team.invoke(app, ["roleplay", "Priya Raman", "--scenario", "first-1on1", "--seed", "3"], input=lines)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Priya:" in out and "Scorecard" in out
    assert "Personizing move: yes" in out and "proposed their own actions: yes" in out
    assert "No passage cited: the knowledge index is not loaded" in out


def test_roleplay_ends_on_eof(team: CliRunner) -> None:
    result = team.invoke(app, ["roleplay", "Priya Raman", "--temperament", "open"], input="Is it done?\n")
    assert result.exit_code == 0 and "Scorecard" in result.stdout


def test_roleplay_bad_scenario_lists_valid_ones(team: CliRunner) -> None:
    result = team.invoke(app, ["roleplay", "Priya Raman", "--scenario", "karaoke"], input="")
    assert result.exit_code == 2
    assert "first-1on1" in result.stderr and "strategy-drift" in result.stderr


def test_roleplay_unknown_person_suggests(team: CliRunner) -> None:
    result = team.invoke(app, ["roleplay", "Pryia"], input="")
    assert result.exit_code == 2 and "Priya Raman" in result.stderr
