"""Offline means offline: a debrief loads no network library and opens no socket of its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.procs import coach, env, strace

NOTES = "- she will send the deck by Friday\n- I will book the room\n"

PROBE = """
import json, sys
events = []
sys.addaudithook(lambda ev, args: events.append([ev, str(args[1:3])]) if ev.startswith("socket.") else None)
from coach.cli import main
try:
    main(["--offline", "debrief", "Priya", "--notes", sys.argv[1], "--json"])
except SystemExit as exit_:
    code = exit_.code
# a name may stand for a module imported on first use (coach.nlp.spacy_en): loaded means it has a file
loaded = lambda m: m in sys.modules and "__file__" in vars(sys.modules[m])
real = [m for m in ("urllib3", "requests", "httpx", "httpcore", "aiohttp") if loaded(m)]
print(json.dumps({"code": code, "network_modules": real, "socket_events": events}), file=sys.stderr)
"""


@pytest.fixture
def notes(tmp_data_dir: Path, tmp_path: Path) -> Path:
    assert coach("demo").returncode == 0
    path = tmp_path / "notes.txt"
    path.write_text(NOTES)
    return path


def test_an_offline_debrief_imports_no_network_library(notes: Path) -> None:
    run = subprocess.run([sys.executable, "-c", PROBE, str(notes)], capture_output=True, text=True, env=env())
    report = json.loads(run.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, None), run.stderr
    assert report["network_modules"] == []
    assert report["socket_events"] == []


def test_an_offline_debrief_opens_no_internet_socket(notes: Path, tmp_path: Path) -> None:
    log = tmp_path / "net.log"
    run = coach(
        "--offline",
        "debrief",
        "Priya",
        "--notes",
        str(notes),
        wrap=strace("-e", "trace=socket,connect", "-o", str(log)),
    )
    assert run.returncode == 0, run.stderr
    calls = [line for line in log.read_text().splitlines() if "AF_INET" in line or "AF_INET6" in line]
    assert calls == []
