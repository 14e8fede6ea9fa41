"""Where the files that ship beside the package live (knowledge cards, prompts)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def knowledge_dir() -> Path:
    return ROOT / "knowledge"


def prompts_dir() -> Path:
    return ROOT / "prompts"
