"""Settings: defaults < config file (TOML) < `COACH_*` env vars < command-line flags.

The config file lives in the platform's config dir (or wherever `COACH_CONFIG`
points). Nothing here ever writes settings back: an API key given in the
environment stays in memory only. `load_settings` reads the `COACH_*` variables
itself into a plain pydantic model (pydantic-settings cost the TUI a noticeable
share of its start-up for this one source).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from coach.envchecks import check_process_vars
from coach.errors import ConfigError

APP_NAME = "coach"


def default_config_path() -> Path:
    override = os.environ.get("COACH_CONFIG")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


class Settings(BaseModel):
    """Everything the user can configure. Field names are the config-file keys; `COACH_<NAME>` the variables."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    data_dir: Path = Field(default_factory=default_data_dir)
    offline: bool = False
    chroma_url: str | None = None
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout: float = Field(default=60.0, gt=0)
    llm_max_retries: int = Field(default=2, ge=0, le=10)
    llm_context_tokens: int = Field(default=8192, ge=512)
    llm_gguf_path: Path | None = None
    # Tool calling: None = on for OpenAI itself, off for local servers (small models manage plain chat better).
    llm_tools: bool | None = None
    # Role-play: show the persona's trust as a subtle meter in the TUI (off for realism: you read the person instead).
    roleplay_trust_meter: bool = True

    @field_validator("data_dir", "llm_gguf_path", mode="before")
    @classmethod
    def _a_path(cls, value: Any) -> Any:
        """A path must name somewhere: "" would quietly mean the current directory, and a NUL byte no file."""
        text = str(value) if isinstance(value, str | os.PathLike) else None
        if text is not None and not text.strip():
            raise ValueError("must not be empty (it would mean the current directory); give a folder")
        if text is not None and "\x00" in text:
            raise ValueError("contains a NUL byte, which no path can hold")
        return value


def _env_values() -> dict[str, str]:
    """The `COACH_*` variables naming a setting, as text (pydantic converts them like the file's values).

    An empty variable (COACH_DATA_DIR="") counts as unset, never as "the current directory".
    """
    found = {name: os.environ.get(f"COACH_{name.upper()}", "") for name in Settings.model_fields}
    return {name: value for name, value in found.items() if value}


def _read_config_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML{_where(text, str(exc))}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    known = set(Settings.model_fields)
    for key in raw:
        if key not in known:
            raise ConfigError(f"config file {path}: unknown key {key!r} (known keys: {', '.join(sorted(known))})")
    return raw


def _where(text: str, message: str) -> str:
    """The key on the line a TOML error points at, so the user knows which setting to fix."""
    found = re.search(r"at line (\d+)", message)
    lines = text.splitlines()
    if found and 0 < int(found.group(1)) <= len(lines):
        line = lines[int(found.group(1)) - 1]
    elif "end of document" in message and any("=" in x for x in lines):
        line = next(x for x in reversed(lines) if "=" in x)  # a value left open runs to the end
    else:
        return ""
    key = line.split("=", 1)[0].strip() if "=" in line else ""
    return f", key {key!r}" if key else f", line {line.strip()[:60]!r}"


def load_settings(config_path: Path | str | None = None, **overrides: Any) -> Settings:
    """Build settings from the file, the environment and explicit overrides.

    Overrides that are None are ignored, so CLI flags left unset fall through. Paths may come as the
    text the user typed, so an empty one is refused rather than read as the current directory.
    """
    if isinstance(config_path, str):
        if not config_path.strip():
            raise ConfigError("--config must not be empty; give a config file")
        config_path = Path(config_path).expanduser()
    if config_path is not None and not config_path.exists():  # named on purpose (--config), so it must be there
        raise ConfigError(f"no config file at {config_path}")
    check_process_vars()
    path = config_path or default_config_path()
    file_values = _read_config_file(path)
    env_values = _env_values()
    env_keys = set(env_values)
    explicit = {k: v for k, v in overrides.items() if v is not None}
    # The file sits below the environment, the environment below explicit overrides (flags).
    init = file_values | env_values | explicit
    try:
        settings = Settings(**init)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else "?"
        where = (
            f"environment variable COACH_{key.upper()}"
            if key in env_keys and key not in explicit
            else f"config file {path}, key {key!r}"
            if key in file_values and key not in explicit
            else f"--{key.replace('_', '-')}"
        )
        message = str(err["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{where}: {message}") from None
    settings.data_dir = settings.data_dir.expanduser()
    return settings
