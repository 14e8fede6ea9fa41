"""Variables read by one part only, not settings of their own, refused at start when they hold junk.

Apart from `coach.config` because `coach score --line` checks them without loading the settings (and
pydantic with them): the embedding model reads both.
"""

from __future__ import annotations

import os

from coach.errors import ConfigError

POSITIVE_INT_VARS = {"COACH_EMBED_THREADS": "the number of threads the embedding model uses"}

CHOICE_VARS = {"COACH_EMBED_GRAPH": (("plain", "optimised"), "which graph the embedding model runs")}


def check_process_vars() -> None:
    """ConfigError naming the first variable that holds a value its reader would not take."""
    for var, (choices, meaning) in CHOICE_VARS.items():
        value = os.environ.get(var, "").strip()
        if value and value not in choices:
            raise ConfigError(
                f"environment variable {var} is {value[:40]!r}; it must be one of {', '.join(choices)} ({meaning})"
            )
    for var, meaning in POSITIVE_INT_VARS.items():
        value = os.environ.get(var, "").strip()
        if value and not (value.isascii() and value.isdigit() and 0 < int(value) <= 1024):
            raise ConfigError(
                f"environment variable {var} is {value[:40]!r}; it must be a whole number from 1 to 1024 ({meaning})"
            )
