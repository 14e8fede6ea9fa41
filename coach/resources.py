"""The files that ship inside the package (knowledge cards, prompts), found with importlib.resources.

They live in the `coach` package itself (`coach/knowledge/`, `coach/prompts/`, declared as package
data), so a wheel or `pipx install` carries them; nothing is read from the source tree. The index
and the readers need real paths (stat, rglob, open), which an installed package on a file system
gives; a zipped install is refused with a clear message instead of failing later.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from coach.errors import CoachError


def _package_dir(name: str) -> Path:
    found = files("coach").joinpath(name)
    if not isinstance(found, Path):
        raise CoachError(f"coach's {name} files are not on the file system ({found}); install coach unzipped")
    return found


def knowledge_dir() -> Path:
    """The built-in knowledge cards (`coach/knowledge/**.md`)."""
    return _package_dir("knowledge")


def prompts_dir() -> Path:
    """The system prompts (`coach/prompts/*.md`)."""
    return _package_dir("prompts")
