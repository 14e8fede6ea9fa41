"""Turns to the hidden agenda, per scenario and difficulty, for the scripted good and poor managers.

Plays tests/data/rehearsal_scripts.json against the demo team (plus a new report and a peer) in a
throwaway workspace, with the workspace's line scorer, at difficulty 1, 2 and 3 with each
scenario's own temperament, and reports for each: the manager line after which the agenda came up
(null: it stayed buried), and how many rubric checks were met. Also the cost of one offline reply
as a ratio to scoring the line alone, measured in the same run.

Run: .venv/bin/python bench/bench_rehearsal.py   (writes bench/results/bench_rehearsal.json)
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from pathlib import Path

from report import save  # bench/ is first on the path when a bench runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the scripts and their loader live with the tests

from coach.config import load_settings  # noqa: E402
from coach.workspace import Workspace  # noqa: E402
from tests.coaching.rehearsals import load_team, play, scripts  # noqa: E402

SEEDS = (1, 2, 3, 4, 5)


def main() -> None:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(load_settings(data_dir=Path(tmp)))
        try:
            load_team(ws)
            for script in scripts():
                for which in ("good", "poor"):
                    for level in (1, 2, 3):
                        turns, met = [], []
                        for seed in SEEDS:
                            drill, card = play(ws, script, which, difficulty=level, seed=seed)
                            turns.append(drill.state.surfaced_at)
                            met.append(card.checks_met)
                        rows.append(
                            {
                                "scenario": script.scenario,
                                "script": which,
                                "difficulty": level,
                                "lines": len(script.good if which == "good" else script.poor),
                                "turns_to_agenda": _median(turns),
                                "turns_by_seed": turns,
                                "checks_met": min(met),
                                "checks_total": len(card.rubric),
                            }
                        )
            timing = _timing(ws)
        finally:
            ws.close()
    print(
        f"{'scenario':22} {'script':6} {'d1':>4} {'d2':>4} {'d3':>4}   checks met d1/d2/d3 (turns: median of 5 seeds)"
    )
    for scenario in dict.fromkeys(str(r["scenario"]) for r in rows):
        for which in ("good", "poor"):
            mine = [r for r in rows if r["scenario"] == scenario and r["script"] == which]
            cells = " ".join(f"{'-' if r['turns_to_agenda'] is None else r['turns_to_agenda']:>4}" for r in mine)
            met = "/".join(f"{r['checks_met']}" for r in mine)
            print(f"{scenario:22} {which:6} {cells}   {met} of {mine[0]['checks_total']}")
    print(f"one offline reply costs {timing['reply_to_score_ratio']:.1f}x scoring the line alone")
    out = save("bench_rehearsal.json", {"rows": rows, "timing": timing})
    print(f"wrote {out.relative_to(ROOT)}")


def _median(turns: list[int | None]) -> int | None:
    """The middle seed's line (a seed that never surfaced it counts as later than any line)."""
    ordered = sorted(turns, key=lambda t: math.inf if t is None else t)
    return ordered[len(ordered) // 2]


def _timing(ws: Workspace) -> dict[str, float]:
    script = next(s for s in scripts() if s.scenario == "after-cancellations")
    score = ws.scorer()
    rounds = 20
    t0 = time.perf_counter()
    for _ in range(rounds):
        for line in script.good:
            score(line)
    t_score = time.perf_counter() - t0
    t0 = time.perf_counter()
    for seed in range(rounds):
        play(ws, script, "good", seed=seed)
    t_play = time.perf_counter() - t0
    return {"score_s": t_score, "play_s": t_play, "reply_to_score_ratio": t_play / t_score if t_score else 0.0}


if __name__ == "__main__":
    main()
