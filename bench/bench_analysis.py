"""Time the line scorer: 10,000 transcript lines (rules alone, and with the learned head's embedding) and one
`coach score --line` end to end, against baselines measured in the same run.

Run: .venv/bin/python bench/bench_analysis.py [--lines 10000] [--baseline-ref GIT_REF] [--spacy]

Baselines: splitting the transcript's lines (the floor of any scorer), `coach --help` (the CLI's start-up),
and with --baseline-ref the line analyser as it was at that commit (read with `git show`, e.g. the commit
before the learned head), on the same lines. Two transcripts: the six short lines this bench always used,
repeated, and a varied one drawn from the corpus's train split. CPU time is reported beside wall time
because the machine may be shared. Results go to bench/results/bench_analysis.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.coaching.analysis import analyse_line  # noqa: E402
from coach.coaching.transcript import analyse_transcript, split_speakers, with_previous  # noqa: E402

LINES = [
    "me: How did the launch go?",
    "them: Fine, mostly. The rota is still a problem.",
    "me: could you just send the notes to finance?",
    "them: Sure.",
    "me: I had a rough week too. How are you, really?",
    "them: Tired, honestly.",
]
COACH = Path(sys.executable).with_name("coach")


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, float, Any]:
    """(best wall seconds, least CPU seconds, result) over `repeat` runs: the least disturbed by other load."""
    walls, cpus = [], []
    result: Any = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus), result


def varied_transcript(n: int) -> str:
    rows: list[dict[str, Any]] = []
    for path in sorted((ROOT / "corpus" / "lines" / "train").glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for i in range(n):
        row = rows[(i // 2) % len(rows)]
        out.append(f"them: {row['previous'] or 'Right.'}" if i % 2 == 0 else f"me: {row['text']}")
    return "\n".join(out)


def old_analyser(ref: str) -> Callable[[str], Any]:
    """`analyse_line` as it was at git `ref` (its own lexicon), loaded from a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="coach-old-analysis-"))
    for name in ("analysis", "lexicon"):
        source = subprocess.run(
            ["git", "show", f"{ref}:coach/coaching/{name}.py"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        source = source.replace("from coach.coaching import lexicon as lx", "import old_lexicon as lx")
        source = source.replace("from coach.coaching.lexicon import words", "from old_lexicon import words")
        (folder / f"old_{name}.py").write_text(source, encoding="utf-8")
    sys.path.insert(0, str(folder))
    module = importlib.import_module("old_analysis")
    return module.analyse_line  # type: ignore[no-any-return]


def cli_seconds(*args: str, repeat: int = 3) -> float:
    """Best wall time of a `coach` command (warm file cache: the first run is discarded)."""
    subprocess.run([str(COACH), *args], capture_output=True, check=True)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([str(COACH), *args], capture_output=True, check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--baseline-ref", help="git ref of the analyser to compare with (e.g. the commit before)")
    parser.add_argument("--spacy", action="store_true", help="also time tagging 1,000 lines with spaCy")
    parser.add_argument("--no-head", action="store_true", help="time the rules only (no embedding, no CLI runs)")
    args = parser.parse_args()
    from coach.nlp.line_head import line_scorer, shared_embedder

    rows: dict[str, Any] = {"lines": args.lines}
    transcripts = {
        "short": "\n".join(LINES[i % len(LINES)] for i in range(args.lines)),
        "varied": varied_transcript(args.lines),
    }
    old = old_analyser(args.baseline_ref) if args.baseline_ref else None
    scorer = line_scorer()
    embedder = shared_embedder()
    if not args.no_head:
        embedder.load()
        scorer("warm up the head: how's the allotment?")
    for name, text in transcripts.items():
        pairs = with_previous(split_speakers(text)[0])
        bodies = [body for body, _ in pairs]
        rows[f"{name}_split_s"] = timed(lambda text=text: split_speakers(text), 3)[0]
        wall, cpu, _ = timed(lambda pairs=pairs: [analyse_line(body, previous) for body, previous in pairs], 5)
        rows[f"{name}_rules_s"], rows[f"{name}_rules_cpu_s"] = wall, cpu
        rows[f"{name}_rules_lines_per_s"] = args.lines / wall
        if old is not None:
            wall, cpu, _ = timed(lambda bodies=bodies: [old(body) for body in bodies], 5)
            rows[f"{name}_baseline_s"], rows[f"{name}_baseline_cpu_s"] = wall, cpu
            rows[f"{name}_rules_vs_baseline_cpu"] = rows[f"{name}_rules_cpu_s"] / max(cpu, 1e-9)
        rows[f"{name}_transcript_rules_s"] = timed(lambda text=text: analyse_transcript(text), 3)[0]
        if args.no_head:
            continue
        wall, cpu, result = timed(lambda text=text: analyse_transcript(text, scorer))
        rows[f"{name}_transcript_full_s"], rows[f"{name}_transcript_full_cpu_s"] = wall, cpu
        rows[f"{name}_full_lines_per_s"] = args.lines / wall
        wall, cpu, _ = timed(lambda bodies=bodies: embedder.embed(bodies))
        rows[f"{name}_embed_all_s"], rows[f"{name}_embed_all_cpu_s"] = wall, cpu
        assert len(result.lines) == args.lines
    if not args.no_head:
        rows["cli_help_s"] = cli_seconds("--help")
        rows["cli_line_rules_firm_s"] = cli_seconds("score", "--line", "Send the deck to finance.")
        rows["cli_line_head_s"] = cli_seconds("score", "--line", "how's the cello going?")
        rows["cli_line_head_vs_help"] = rows["cli_line_head_s"] / rows["cli_help_s"]
        # The same line through the Typer app (a global option sends it there): what it cost before the
        # executable scored a line on its own, and what `coach --offline score --line` still costs.
        rows["cli_line_head_through_typer_s"] = cli_seconds("--offline", "score", "--line", "how's the cello going?")
        rows["cli_line_head_vs_through_typer"] = rows["cli_line_head_s"] / rows["cli_line_head_through_typer_s"]
    t0 = time.perf_counter()
    analyse_line("could you just send it to finance?")
    rows["one_line_rules_s"] = time.perf_counter() - t0
    if args.spacy:
        from coach.nlp.spacy_en import load

        t0 = time.perf_counter()
        nlp = load()
        rows["spacy_load_s"] = time.perf_counter() - t0
        sample = [line.split(":", 1)[1] for line in transcripts["varied"].splitlines()[:1000]]
        t0 = time.perf_counter()
        list(nlp.pipe(sample))
        rows["spacy_1000_lines_s"] = time.perf_counter() - t0
    print(f"{'measure':<34}{'value':>14}")
    for key, value in rows.items():
        print(f"{key:<34}{value:>14.4f}" if isinstance(value, float) else f"{key:<34}{value:>14}")
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_analysis.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
