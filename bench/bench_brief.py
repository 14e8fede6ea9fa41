"""Warm build_brief time on the demo team: fake instant Searcher vs the real index (if importable).

Run: .venv/bin/python bench/bench_brief.py   (writes bench/results/bench_brief.json)
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from report import save  # bench/ is first on the path when a bench runs

from coach.coaching.brief import build_brief
from coach.demo import load_demo
from coach.domain import Passage
from coach.store.memory import Memory

ROUNDS = 20


def fake(query: str, k: int = 4) -> list[Passage]:
    return [Passage(rank=i, score=0.5, title="t", source="s", chunk_id=f"{query}{i}", text="x") for i in range(k)]


def timed(fn, rounds: int = ROUNDS) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def main() -> None:
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        mem = Memory.in_dir(Path(tmp))
        names = load_demo(mem, today)
        rows: dict[str, float | None] = {}
        rows["memory.record + build_brief, no search (ms/person)"] = timed(
            lambda: [build_brief(mem.record(n), today) for n in names]
        ) / len(names)
        rows["build_brief, fake instant search (ms/person)"] = timed(
            lambda: [build_brief(mem.record(n), today, fake) for n in names]
        ) / len(names)
        try:
            from coach.config import load_settings
            from coach.retrieval.knowledge import KnowledgeBase

            kb = KnowledgeBase.from_settings(load_settings(data_dir=Path(tmp)))
            kb.search("warm up", 1)
            rows["build_brief, real search (ms/person)"] = timed(
                lambda: [build_brief(mem.record(n), today, kb.search) for n in names], rounds=3
            ) / len(names)
            kb.close()
        except Exception as exc:  # the bench reports, it does not fail
            rows["build_brief, real search (ms/person)"] = None
            print(f"real search unavailable: {exc}")
        mem.close()
    base = rows["memory.record + build_brief, no search (ms/person)"] or 1.0
    print(f"{'case':58} {'ms':>8} {'ratio':>7}")
    for k, v in rows.items():
        print(f"{k:58} {v if v is None else round(v, 2)!s:>8} {'' if v is None else round(v / base, 1)!s:>7}")
    save("bench_brief.json", rows)


if __name__ == "__main__":
    main()
