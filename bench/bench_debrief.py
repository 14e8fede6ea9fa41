"""Debrief time: a typical page of notes vs 1 MB of pasted notes.

Run: .venv/bin/python bench/bench_debrief.py   (writes bench/results/bench_debrief.json)
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from coach.coaching.debrief import analyse_notes
from coach.domain import Person
from coach.nlp.spacy_en import load

PAGE = (
    "Good catch-up. She offered to draft the migration plan by Friday. I'll email the vendor about pricing.\n"
    "- priya to send slides next week\n- we decided not to move the launch\n"
    "She mentioned her half marathon went well. We talked through the roadmap and the on-call load at length, "
    "with a lot of back and forth about priorities and nothing decided yet.\n"
)


def main() -> None:
    person = Person(name="Priya Raman")
    t0 = time.perf_counter()
    nlp = load()
    load_s = time.perf_counter() - t0
    analyse_notes(PAGE, person, nlp=nlp)  # warm
    t0 = time.perf_counter()
    page = analyse_notes(PAGE, person, nlp=nlp)
    page_s = time.perf_counter() - t0
    big = (PAGE * (1_000_000 // len(PAGE) + 1))[:1_000_000]
    t0 = time.perf_counter()
    huge = analyse_notes(big, person, nlp=nlp)
    big_s = time.perf_counter() - t0
    rows = {
        "model load (s)": round(load_s, 3),
        "one page (s)": round(page_s, 4),
        "1 MB of notes (s)": round(big_s, 2),
        "1 MB / page ratio": round(big_s / page_s, 1),
        "actions found in 1 MB (deduplicated)": len(huge.actions),
        "actions in one page": len(page.actions),
    }
    for k, v in rows.items():
        print(f"{k:40} {v}")
    out = Path(__file__).parent / "results" / "bench_debrief.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
