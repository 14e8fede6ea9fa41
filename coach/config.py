"""Settings: defaults < config file (TOML) < `COACH_*` env vars < command-line flags.

The config file lives in the platform's config dir (or wherever `COACH_CONFIG`
points). Nothing here ever writes settings back: an API key given in the
environment stays in memory only.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from coach.errors import ConfigError

APP_NAME = "coach"


def default_config_path() -> Path:
    override = os.environ.get("COACH_CONFIG")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


class Settings(BaseSettings):
    """Everything the user can configure. Field names are the config-file keys."""

    model_config = SettingsConfigDict(env_prefix="COACH_", extra="forbid", validate_default=True)

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

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings)


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


def load_settings(config_path: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from the file, the environment and explicit overrides.

    Overrides that are None are ignored, so CLI flags left unset fall through.
    """
    if config_path is not None and not config_path.exists():  # named on purpose (--config), so it must be there
        raise ConfigError(f"no config file at {config_path}")
    path = config_path or default_config_path()
    file_values = _read_config_file(path)
    env_keys = {name for name in Settings.model_fields if f"COACH_{name.upper()}" in os.environ}
    explicit = {k: v for k, v in overrides.items() if v is not None}
    # The file sits below the environment: drop file keys the env sets.
    init = {k: v for k, v in file_values.items() if k not in env_keys} | explicit
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
            else f"setting {key!r}"
        )
        raise ConfigError(f"{where}: {err['msg']}") from None
    settings.data_dir = settings.data_dir.expanduser()
    return settings
