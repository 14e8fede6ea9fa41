"""Startup of the coach TUI vs a minimal Textual app, and the TUI's idle memory.

Both run as real subprocesses on a pseudo-terminal (interpreter start included)
and exit right after their first paint; they alternate in the same run so the
machine's load hits both alike. Writes bench/results/startup.json.

    .venv/bin/python bench/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import save  # bench/ is first on the path when a bench runs

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Minimal().run()
"""
IDLE = """
import datetime as dt, os, resource, sys, threading
from coach.config import load_settings
from coach.workspace import Workspace
from coach.tui.app import CoachApp
ws = Workspace(load_settings())
app = CoachApp(ws)
def done():
    import time
    time.sleep(float(os.environ.get("IDLE_WAIT", "8")))
    with open(f"/proc/{os.getpid()}/status") as fh:
        rss = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS"))
    with open(os.environ["RSS_OUT"], "w") as out:
        out.write(f"{rss} {app.index_state}")
    app.call_from_thread(app.exit)
threading.Thread(target=done, daemon=True).start()
app.run()
"""


def on_pty(cmd: list[str], env: dict[str, str]) -> float:
    master, slave = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    while proc.poll() is None:  # keep the pty drained so the app never blocks on output
        try:
            os.read(master, 65536)
        except OSError:
            break
    proc.wait()
    elapsed = time.perf_counter() - start
    os.close(master)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} exited with {proc.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable
    coach = str(Path(py).parent / "coach")
    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {"COACH_DATA_DIR": tmp, "COACH_CONFIG": f"{tmp}/none.toml", "TERM": "xterm-256color"}
        subprocess.run([coach, "demo"], env=env, check=True, capture_output=True)
        first = env | {"COACH_TUI_EXIT_AFTER_PAINT": "1"}
        coach_times, minimal_times = [], []
        on_pty([py, "-c", MINIMAL], env)  # warm the file cache for both
        on_pty([coach, "--offline"], first)
        for _ in range(args.runs):
            minimal_times.append(on_pty([py, "-c", MINIMAL], env))
            coach_times.append(on_pty([coach, "--offline"], first))
        rss_file = Path(tmp) / "rss.txt"
        on_pty([py, "-c", IDLE], env | {"RSS_OUT": str(rss_file), "COACH_OFFLINE": "1"})
        rss_kb, index_state = rss_file.read_text().split(" ", 1)
    result = {
        "runs": args.runs,
        "minimal_median_s": round(statistics.median(minimal_times), 3),
        "coach_median_s": round(statistics.median(coach_times), 3),
        "ratio": round(statistics.median(coach_times) / statistics.median(minimal_times), 2),
        "idle_rss_mb": round(int(rss_kb) / 1024, 1),
        "index_state": index_state,
    }
    print(f"{'app':<22}{'median (s)':>12}")
    print(f"{'minimal Textual app':<22}{result['minimal_median_s']:>12.3f}")
    print(f"{'coach TUI':<22}{result['coach_median_s']:>12.3f}")
    print(f"ratio {result['ratio']} (target <= 1.5); idle RSS {result['idle_rss_mb']} MB ({index_state})")
    save("startup.json", result)


if __name__ == "__main__":
    main()
