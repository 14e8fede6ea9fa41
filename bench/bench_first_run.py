"""The first `coach brief` on a fresh data dir, a warm one and `--no-passages`, as real processes.

    .venv/bin/python bench/bench_first_run.py [--runs 3] [--no-embed-baseline]

Baseline in the same run: `coach people list --json` (the CLI and the memory, no index). Also timed
in-process: building the built-in cards' index from the shipped vectors (what a fresh data dir does)
against embedding every card with the model (what it did before the vectors shipped). Writes
bench/results/first_run.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import save  # bench/ is first on the path when a bench runs

ROOT = Path(__file__).resolve().parent.parent
COACH = str(Path(sys.executable).parent / "coach")


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    begin = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - begin
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr}")
    return elapsed, done


def fresh_env(tmp: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    return keep | {"COACH_DATA_DIR": str(tmp / "data"), "COACH_CONFIG": str(tmp / "none.toml"), "COACH_OFFLINE": "1"}


def build_times() -> dict[str, float]:
    """Seconds to build the cards' index in-process: copied from the shipped vectors vs embedded."""
    from coach.retrieval.card_vectors import CardVectors
    from coach.retrieval.embeddings import MiniLMEmbedding
    from coach.retrieval.knowledge import KnowledgeBase

    embedder = MiniLMEmbedding()
    embedder.load()
    out = {}
    for name, shipped in (("copied", None), ("embedded", CardVectors(Path("/nonexistent/vectors.npz")))):
        with tempfile.TemporaryDirectory() as tmp:
            kb = KnowledgeBase(Path(tmp), embedder=embedder, shipped=shipped)
            begin = time.perf_counter()
            kb.ensure_ready()
            out[name] = round(time.perf_counter() - begin, 2)
            kb.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-embed-baseline", action="store_true")
    args = parser.parse_args()
    first, warm, bare, base, first_stderr = [], [], [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = fresh_env(Path(tmp))
            timed([COACH, "demo"], env)
            base.append(timed([COACH, "people", "list", "--json"], env)[0])
            seconds, done = timed([COACH, "brief", "Priya", "--json"], env)
            first.append(seconds)
            assert json.loads(done.stdout)["passages"], "the first brief cited nothing"
            first_stderr.append(done.stderr.strip())
            warm.append(timed([COACH, "brief", "Priya", "--json"], env)[0])
            bare.append(timed([COACH, "brief", "Priya", "--json", "--no-passages"], env)[0])
    baseline = statistics.median(base)
    result: dict[str, object] = {
        "runs": args.runs,
        "baseline_people_list_s": round(baseline, 2),
        "first_brief_s": round(statistics.median(first), 2),
        "warm_brief_s": round(statistics.median(warm), 2),
        "no_passages_brief_s": round(statistics.median(bare), 2),
        "first_brief_ratio": round(statistics.median(first) / baseline, 2),
        "warm_brief_ratio": round(statistics.median(warm) / baseline, 2),
        "no_passages_ratio": round(statistics.median(bare) / baseline, 2),
        "first_brief_stderr_with_json": first_stderr,
        "load_average": os.getloadavg(),
    }
    if not args.no_embed_baseline:
        build = build_times()
        result["cards_index_build_s"] = build
        result["copy_vs_embed_ratio"] = round(build["copied"] / build["embedded"], 3)
    for key, value in result.items():
        print(f"{key:32} {value}")
    save("first_run.json", result)


if __name__ == "__main__":
    main()
