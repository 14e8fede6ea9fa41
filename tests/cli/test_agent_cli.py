"""`coach ask` and `coach doctor` as a user runs them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.domain import Passage

PASSAGES = [
    Passage(rank=1, score=0.8, title="Let them own it", source="cards/own.md", chunk_id="own-1", text="Invite ideas."),
    Passage(rank=2, score=0.7, title="Show up", source="cards/show.md", chunk_id="show-1", text="Keep the slot."),
]


@pytest.fixture(autouse=True)
def fixed_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.cli.agent_cmds._search", lambda ws, q, k=4: PASSAGES)
    monkeypatch.setitem(
        __import__("coach.cli.agent_cmds", fromlist=["CHECKS"]).CHECKS, "knowledge", lambda ws: (True, "2 sources")
    )


def test_ask_offline_shows_search_results_labelled_as_such(runner: CliRunner) -> None:
    result = runner.invoke(app, ["ask", "How do I get my report to own actions?"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "search results" in out and "not the coach's own words" in out
    assert "Let them own it — cards/own.md" in out and "Invite ideas." in out


def test_ask_offline_json_shape(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--offline", "ask", "anything", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["model"] is None and data["answer"] is None
    assert data["citations"][0] == {"title": "Let them own it", "source": "cards/own.md", "chunk_id": "own-1"}


def test_ask_unknown_person_is_a_clear_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["ask", "hi", "--person", "Nobody"])
    assert result.exit_code == 2 and "no person named" in result.output


def test_doctor_offline_is_ok(runner: CliRunner) -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "offline coach" in result.output and "database: version" in result.output


def test_doctor_with_a_server_that_is_down(runner: CliRunner) -> None:
    env = {"COACH_LLM_BASE_URL": "http://127.0.0.1:9/v1", "COACH_LLM_MODEL": "llama3"}
    result = runner.invoke(app, ["doctor"], env=env)
    assert result.exit_code == 1
    assert "cannot reach the model server at http://127.0.0.1:9/v1" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_ask_with_a_server_that_is_down_says_so(runner: CliRunner) -> None:
    env = {"COACH_LLM_BASE_URL": "http://127.0.0.1:9/v1", "COACH_LLM_MODEL": "llama3", "COACH_LLM_MAX_RETRIES": "0"}
    result = runner.invoke(app, ["ask", "hello?"], env=env)
    assert result.exit_code == 2
    assert "cannot reach the model server" in " ".join(result.output.split()) and "Traceback" not in result.output
