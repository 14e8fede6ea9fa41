"""Settings: file < env < flags, and a broken config file explained, not a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.config import load_settings
from coach.errors import ConfigError


def config_file() -> Path:
    return Path(os.environ["COACH_CONFIG"])


def test_file_then_env_then_flags(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("COACH_DATA_DIR")
    config_file().write_text(f'data_dir = "{tmp_path / "from-file"}"\nllm_model = "qwen"\nllm_timeout = 12\n')
    settings = load_settings()
    assert settings.data_dir == tmp_path / "from-file"
    assert (settings.llm_model, settings.llm_timeout) == ("qwen", 12)
    monkeypatch.setenv("COACH_LLM_MODEL", "llama")
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "from-env"))
    settings = load_settings()
    assert settings.llm_model == "llama" and settings.data_dir == tmp_path / "from-env"
    assert load_settings(data_dir=tmp_path / "from-flag").data_dir == tmp_path / "from-flag"


def test_api_key_never_shows_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_LLM_API_KEY", "sk-very-secret-123")
    settings = load_settings()
    assert "sk-very-secret-123" not in repr(settings) + str(settings)
    assert settings.llm_api_key is not None and settings.llm_api_key.get_secret_value() == "sk-very-secret-123"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("llm_model = [unclosed", "is not valid TOML"),
        ("offline = true\nllm_model = \n", "key 'llm_model'"),  # a syntax error names the key on its line
        ("offline = [1,\n", "key 'offline'"),
        ('colour = "blue"\n', "unknown key 'colour'"),
        ('llm_timeout = "soon"\n', "key 'llm_timeout'"),
        ("offline = 3\n", "key 'offline'"),
    ],
)
def test_malformed_config_names_the_file_and_key(content: str, expected: str) -> None:
    config_file().write_text(content)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert expected in err.value.message
    assert str(config_file()) in err.value.message


def test_malformed_config_from_the_cli_exits_2_without_traceback(runner: CliRunner) -> None:
    config_file().write_text('llm_timeout = "soon"\n')
    result = runner.invoke(app, ["people", "list"])
    assert result.exit_code == 2
    assert "llm_timeout" in result.stderr and str(config_file()) in result.stderr.replace("\n", "")
    assert "Traceback" not in result.output


def test_bad_env_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_LLM_TIMEOUT", "-1")
    with pytest.raises(ConfigError, match="COACH_LLM_TIMEOUT"):
        load_settings()


def test_data_dir_flag_puts_everything_there(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "my data"
    result = runner.invoke(app, ["--data-dir", str(target), "people", "add", "Ada"])
    assert result.exit_code == 0
    assert (target / "coach.db").exists()


def test_a_config_file_named_with_the_flag_must_exist(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "typo.toml"
    result = runner.invoke(app, ["--config", str(missing), "people", "list"])
    assert result.exit_code == 2
    assert "no config file at" in result.stderr and "Traceback" not in result.output
