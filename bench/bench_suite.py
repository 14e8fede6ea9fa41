"""The test suite under load: run it N times while a CPU hog keeps one core busy, and time the quick loop.

    .venv/bin/python bench/bench_suite.py [--runs 3] [--no-hog] [--quick-only]

Each run is the full suite as CI runs it (`python3 tasks.py test`: lint, types, every test), with a
busy-looping process started first and stopped after; then one `python3 tasks.py test --quick` (no
`slow` or `server` tests) without the hog. A failing run is reported with its last lines, and the
results go to bench/results/suite.json. Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _hog() -> None:  # pragma: no cover - runs in a child process
    """Keep the last core busy for as long as the suite runs."""
    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {(os.cpu_count() or 1) - 1})
    while True:
        pass


def run_suite(quick: bool, log: Path) -> tuple[bool, float]:
    cmd = ["python3", "tasks.py", "test", *(["--quick"] if quick else [])]
    begin = time.perf_counter()
    with log.open("w") as out:
        done = subprocess.run(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=False)
    return done.returncode == 0, time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-hog", action="store_true")
    parser.add_argument("--quick-only", action="store_true")
    args = parser.parse_args()
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    runs = []
    if not args.quick_only:
        for n in range(args.runs):
            hog = None if args.no_hog else multiprocessing.Process(target=_hog, daemon=True)
            if hog is not None:
                hog.start()
            try:
                ok, seconds = run_suite(False, results_dir / f"suite-full-{n + 1}.log")
            finally:
                if hog is not None:
                    hog.terminate()
                    hog.join()
            runs.append({"run": n + 1, "hog": hog is not None, "passed": ok, "seconds": round(seconds, 1)})
            print(f"full run {n + 1}: {'passed' if ok else 'FAILED'} in {seconds:.0f} s", flush=True)
    ok, seconds = run_suite(True, results_dir / "suite-quick.log")
    quick = {"passed": ok, "seconds": round(seconds, 1)}
    print(f"quick run: {'passed' if ok else 'FAILED'} in {seconds:.0f} s", flush=True)
    summary = {"full": runs, "quick": quick, "load_average": os.getloadavg()}
    (results_dir / "suite.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
