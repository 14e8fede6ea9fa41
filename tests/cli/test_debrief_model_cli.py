"""`coach debrief` with a model: the model's reading is merged with the rules'; disagreements are the user's call."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach.cli import app
from tests.fake_model import FakeChatModel, tool_call

NOTES = "I'll email the vendor by Friday. She offered to draft the plan.\nShe mentioned her mum is in hospital.\n"
# The rules read: "Email the vendor by Friday" (me, me) and "Draft the plan" (them, them).
MODEL_READS = [
    {"text": "Draft the plan", "owner": "them", "proposed_by": "me"},  # disagrees on who proposed it
    {"text": "Email the vendor by Friday", "owner": "me", "proposed_by": "me"},  # agrees
    {"text": "Book a slot with the design team", "owner": "them", "proposed_by": "them"},  # only the model
]
MODEL_ENV = {"COACH_LLM_BASE_URL": "http://127.0.0.1:9/v1", "COACH_LLM_MODEL": "llama3", "COACH_LLM_MAX_RETRIES": "0"}


@pytest.fixture
def notes(tmp_path: Path, runner: CliRunner) -> str:
    assert runner.invoke(app, ["demo"]).exit_code == 0
    path = tmp_path / "notes.txt"
    path.write_text(NOTES)
    return str(path)


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> FakeChatModel:
    """A configured model whose reading is scripted (the factory hands out the fake)."""
    for key, value in MODEL_ENV.items():
        monkeypatch.setenv(key, value)
    fake = FakeChatModel.scripted([tool_call("ModelActions", {"actions": MODEL_READS})])
    monkeypatch.setattr("coach.agent.factory.make_chat_model", lambda settings, **kw: fake)
    return fake


def _debrief(runner: CliRunner, notes: str, *extra: str, input: str | None = None) -> Any:
    return runner.invoke(app, ["debrief", "Tom Becker", "--notes", notes, "--date", "2025-02-26", *extra], input=input)


def _saved(runner: CliRunner) -> list[tuple[str, str, str]]:
    listed = json.loads(runner.invoke(app, ["action", "list", "Tom Becker", "--json"]).stdout)
    new = {"Email the vendor by Friday", "Draft the plan", "Book a slot with the design team"}
    return sorted((a["text"], a["owner"], a["proposed_by"]) for a in listed if a["text"] in new)


def test_json_flags_both_readings_of_each_dispute_and_chooses_none(
    runner: CliRunner, notes: str, model: FakeChatModel
) -> None:
    result = _debrief(runner, notes, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = [(a["text"], a["proposed_by"], a["found_by"], a["disputed"], a.get("source")) for a in data["actions"]]
    assert rows == [
        ("Email the vendor by Friday", "me", "both", False, None),
        ("Draft the plan", "them", "both", True, "rules"),
        ("Draft the plan", "me", "both", True, "model"),
        ("Book a slot with the design team", "them", "model", True, "model"),
    ]
    assert data["summary"]["disputed"] == 2 and data["summary"]["total"] == 1  # only the agreed one counts
    assert data["model"] and data["saved"] is False


def test_save_refuses_to_write_disputed_actions_without_a_decision(
    runner: CliRunner, notes: str, model: FakeChatModel
) -> None:
    result = _debrief(runner, notes, "--json", "--save")
    assert result.exit_code == 2
    assert "2 action(s) are disputed" in result.output and "--resolve" in result.output
    assert "Traceback" not in result.output
    assert _saved(runner) == []
    assert "2025-02-26" not in runner.invoke(app, ["people", "show", "Tom Becker", "--json"]).stdout


def test_resolve_rules_saves_exactly_the_rule_based_actions(
    runner: CliRunner, notes: str, model: FakeChatModel
) -> None:
    result = _debrief(runner, notes, "--json", "--save", "--resolve", "rules")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["saved"] is True
    assert _saved(runner) == [("Draft the plan", "them", "them"), ("Email the vendor by Friday", "me", "me")]


def test_resolve_model_takes_the_models_reading(runner: CliRunner, notes: str, model: FakeChatModel) -> None:
    result = _debrief(runner, notes, "--save", "--resolve", "model")
    assert result.exit_code == 0, result.output
    assert _saved(runner) == [
        ("Book a slot with the design team", "them", "them"),
        ("Draft the plan", "them", "me"),
        ("Email the vendor by Friday", "me", "me"),
    ]


def test_in_a_terminal_the_user_decides_each_disagreement(
    runner: CliRunner, notes: str, model: FakeChatModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coach.cli.disputes.interactive", lambda source, as_json: True)
    # Who proposed "Draft the plan": an empty answer is asked again, then the model's reading; keep the model's extra.
    result = _debrief(runner, notes, "--save", input="\nm\nk\n")
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "the rules read 'them', the model reads 'me'" in out
    assert "only the model found this action" in out and "Saved as meeting" in out
    assert _saved(runner) == [
        ("Book a slot with the design team", "them", "them"),
        ("Draft the plan", "them", "me"),
        ("Email the vendor by Friday", "me", "me"),
    ]


def test_dropping_at_the_prompt_leaves_the_action_out(
    runner: CliRunner, notes: str, model: FakeChatModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coach.cli.disputes.interactive", lambda source, as_json: True)
    result = _debrief(runner, notes, "--save", input="r\nd\n")
    assert result.exit_code == 0, result.output
    assert _saved(runner) == [("Draft the plan", "them", "them"), ("Email the vendor by Friday", "me", "me")]


def test_end_of_input_at_a_prompt_saves_nothing(
    runner: CliRunner, notes: str, model: FakeChatModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coach.cli.disputes.interactive", lambda source, as_json: True)
    result = _debrief(runner, notes, "--save", input="")
    assert result.exit_code == 2 and "nothing was saved" in result.output
    assert _saved(runner) == []


def test_without_a_terminal_the_page_shows_both_readings(runner: CliRunner, notes: str, model: FakeChatModel) -> None:
    result = _debrief(runner, notes)
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "disputed: Draft the plan (rules: owner them, proposed by them; model: owner them, proposed by me)" in out
    assert "only the model found it" in out and "--resolve rules" in out


def test_a_model_that_is_down_is_one_message_and_the_rules_actions(
    runner: CliRunner, notes: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in MODEL_ENV.items():
        monkeypatch.setenv(key, value)
    result = _debrief(runner, notes, "--json", "--save")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "cannot reach the model server" in data["model_error"]
    assert [w for w in data["warnings"] if "rule-based actions only" in w]
    assert data["saved"] is True and not any(a["disputed"] for a in data["actions"])
    assert _saved(runner) == [("Draft the plan", "them", "them"), ("Email the vendor by Friday", "me", "me")]


def test_a_model_that_never_answers_in_the_schema_falls_back_to_the_rules(
    runner: CliRunner, notes: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in MODEL_ENV.items():
        monkeypatch.setenv(key, value)
    fake = FakeChatModel.scripted(["I think there were a couple of actions."] * 10)
    monkeypatch.setattr("coach.agent.factory.make_chat_model", lambda settings, **kw: fake)
    result = _debrief(runner, notes)
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "did not return the actions in the expected form" in out and "rule-based actions only" in out
    assert "Draft the plan (owner: them, proposed by: them)" in out and "disputed" not in out


def test_offline_the_debrief_is_unchanged(runner: CliRunner, notes: str) -> None:
    data = json.loads(_debrief(runner, notes, "--json").stdout)
    assert data["model"] is None and "model_error" not in data
    assert [(a["text"], a["found_by"], a["disputed"]) for a in data["actions"]] == [
        ("Email the vendor by Friday", "rules", False),
        ("Draft the plan", "rules", False),
    ]


def test_an_empty_data_dir_variable_means_the_default_not_the_current_directory(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("COACH_DATA_DIR", "")
    assert runner.invoke(app, ["demo"]).exit_code == 0
    assert list(work.iterdir()) == []  # nothing written to the current directory
    assert list((tmp_path / "home" / ".local" / "share").rglob("*.db"))  # the platform's data dir instead
