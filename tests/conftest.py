"""Every test gets its own data, config and home directories: none touches the real ones."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.config import Settings, load_settings


@pytest.fixture(autouse=True)
def tmp_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Isolate the test: fresh data dir, empty config, a fake HOME, no COACH_/OPENAI_ env."""
    for key in list(os.environ):
        if key.startswith(("COACH_", "OPENAI_")):
            monkeypatch.delenv(key)
    home = tmp_path / "home"
    data = tmp_path / "data"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("COACH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("COACH_DATA_DIR", str(data))
    yield data


@pytest.fixture
def settings(tmp_data_dir: Path) -> Settings:
    return load_settings()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
