"""Debrief time: a page of notes, 1 MB of pasted notes, and 1 MB of varied notes, each against a baseline
measured in the same run.

Run: .venv/bin/python bench/bench_debrief.py   (writes bench/results/bench_debrief.json)

- "1 MB pasted": the page below repeated to a megabyte, the input the earlier figure (22.8 s) was measured
  on. Repeated sentences are parsed once, so this measures everything around the parse.
- "1 MB varied": the corpus's train notes repeated with every name and number changed per copy, so almost
  no sentence repeats: this is bounded by the parser.
- The baseline is spaCy alone (`nlp.pipe`, the same pipeline) parsing the same megabyte one line at a time,
  timed in this run, so a busy machine slows both alike. The ratio says what the debrief costs beyond
  the bare parse.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from report import save  # bench/ is first on the path when a bench runs

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coach.coaching.debrief import analyse_notes  # noqa: E402
from coach.domain import Person  # noqa: E402
from coach.nlp import debrief_model  # noqa: E402
from coach.nlp.spacy_en import load  # noqa: E402

MB = 1_000_000
PAGE = (
    "Good catch-up. She offered to draft the migration plan by Friday. I'll email the vendor about pricing.\n"
    "- priya to send slides next week\n- we decided not to move the launch\n"
    "She mentioned her half marathon went well. We talked through the roadmap and the on-call load at length, "
    "with a lot of back and forth about priorities and nothing decided yet.\n"
)
NAMES = [
    "Ana",
    "Ben",
    "Carla",
    "Dev",
    "Emre",
    "Fatou",
    "Goran",
    "Hana",
    "Ivo",
    "Jun",
    "Kemi",
    "Luca",
    "Mira",
    "Nils",
    "Omar",
    "Pia",
    "Raj",
    "Sara",
    "Tariq",
    "Una",
]


def varied(size: int) -> str:
    """The train notes again and again, each copy with other names and numbers."""
    notes = [
        json.loads(line)["notes"]
        for path in sorted((ROOT / "corpus" / "notes" / "train").glob("*.jsonl"))
        for line in path.open(encoding="utf-8")
    ]
    out: list[str] = []
    total, k = 0, 0
    while total < size:
        for note in notes:
            k += 1
            name = NAMES[k % len(NAMES)] + NAMES[(k // len(NAMES)) % len(NAMES)].lower()
            text = re.sub(r"\b[A-Z][a-z]+(?= (?:to|will|said|asked|is|from)\b)", name, note)
            text = re.sub(r"\d+", lambda m, k=k: str(int(m[0]) + k % 97), text)
            out.append(text)
            total += len(text) + 1
            if total >= size:
                break
    return "\n".join(out)[:size]


def timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def main() -> None:
    person = Person(name="Priya Raman")
    (nlp, load_s) = timed(load)
    scorers = debrief_model.load()
    run = lambda text: analyse_notes(text, person, nlp=nlp, scorer=scorers, personal_scorer=scorers)  # noqa: E731
    run(PAGE)  # warm: the embedder loads on the first page
    page, page_s = timed(lambda: run(PAGE))
    pasted_text = (PAGE * (MB // len(PAGE) + 1))[:MB]
    pasted, pasted_s = timed(lambda: run(pasted_text))
    varied_text = varied(MB)
    mixed, varied_s = timed(lambda: run(varied_text))
    lines = [ln for ln in varied_text.split("\n") if ln.strip()]
    _, parse_s = timed(lambda: sum(1 for _ in nlp.pipe(lines, batch_size=128)))
    rows = {
        "model load (s)": round(load_s, 3),
        "one page (s)": round(page_s, 4),
        "1 MB pasted (s)": round(pasted_s, 2),
        "1 MB varied (s)": round(varied_s, 2),
        "baseline: spaCy parsing the varied 1 MB (s)": round(parse_s, 2),
        "1 MB varied / baseline": round(varied_s / parse_s, 2),
        "1 MB pasted / baseline": round(pasted_s / parse_s, 3),
        "actions in one page": len(page.actions),
        "actions found in 1 MB pasted (deduplicated)": len(pasted.actions),
        "actions found in 1 MB varied (deduplicated)": len(mixed.actions),
    }
    for k, v in rows.items():
        print(f"{k:46} {v}")
    save("bench_debrief.json", rows)


if __name__ == "__main__":
    main()
