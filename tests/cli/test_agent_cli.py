"""`coach ask` and `coach doctor` as a user runs them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.domain import Passage
from coach.workspace import Check, Workspace

PASSAGES = [
    Passage(rank=1, score=0.8, title="Let them own it", source="cards/own.md", chunk_id="own-1", text="Invite ideas."),
    Passage(rank=2, score=0.7, title="Show up", source="cards/show.md", chunk_id="show-1", text="Keep the slot."),
]


@pytest.fixture(autouse=True)
def fixed_search(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without these the test builds the real index (~45 s).
    monkeypatch.setattr(Workspace, "search", lambda self, q, k=4, **kw: PASSAGES)
    monkeypatch.setattr(Workspace, "_check_knowledge", lambda self: Check(True, "2 sources"))


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


@pytest.mark.parametrize(
    ("status", "words", "code"),
    [
        (200, "answers", 0),
        (401, "refused the API key; check COACH_LLM_API_KEY", 1),
        (404, "does not know the model 'llama3'; check COACH_LLM_MODEL", 1),
        (500, "answered with HTTP 500", 1),
    ],
)
def test_doctor_says_whether_the_model_answers_and_why_not(
    runner: CliRunner, status: int, words: str, code: int
) -> None:
    from tests.agent.canned import canned_server

    with canned_server(status=status, words=["OK"]) as server:
        env = {"COACH_LLM_BASE_URL": server.url, "COACH_LLM_MODEL": "llama3"}
        result = runner.invoke(app, ["doctor"], env=env)
    out = " ".join(result.output.split())
    assert result.exit_code == code, out
    model_line = out.split("data dir:")[0]
    assert words in model_line and "Traceback" not in out
    assert model_line.count(server.url) == 1  # the server is named once, not twice


def test_doctor_says_offline_mode_was_switched_on(runner: CliRunner) -> None:
    result = runner.invoke(app, ["doctor"], env={"COACH_OFFLINE": "1", "COACH_LLM_MODEL": "llama3"})
    assert result.exit_code == 0
    assert "offline mode is on" in " ".join(result.output.split())


def test_ask_with_a_model_streams_and_prints_json(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.agent.canned import canned_server

    monkeypatch.setenv("OPENAI_API_KEY", "sk-never-for-loopback")
    with canned_server(words=["Ask ", "what ", "\x1b]0;pwned\x07matters."]) as server:
        env = {"COACH_LLM_BASE_URL": server.url, "COACH_LLM_MODEL": "llama3"}
        streamed = runner.invoke(app, ["ask", "How do I start?"], env=env)
        as_json = runner.invoke(app, ["ask", "How do I start?", "--json"], env=env)
    assert streamed.exit_code == 0, streamed.output
    assert "Ask what" in streamed.stdout and "\x1b" not in streamed.stdout and "\x07" not in streamed.stdout
    assert "Sources: Let them own it — cards/own.md" in " ".join(streamed.stdout.split())
    data = json.loads(as_json.stdout)
    assert data["answer"].startswith("Ask what ") and data["model"] == "llama3"
    assert data["citations"][1] == {"title": "Show up", "source": "cards/show.md", "chunk_id": "show-1"}
    assert all("sk-never-for-loopback" not in str(headers) for headers in server.seen)
