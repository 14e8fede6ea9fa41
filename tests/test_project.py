"""The promises the README makes about setting up and running coach."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^(python3 tasks\.py \w+)", text, flags=re.M)


def test_readme_has_exactly_the_two_commands() -> None:
    assert readme_commands() == ["python3 tasks.py app", "python3 tasks.py test"]


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == "exec python3 tasks.py test"


def test_python_dash_m_coach_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "coach", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("people", "meeting", "action", "note", "export", "import", "forget", "demo"):
        assert command in result.stdout
