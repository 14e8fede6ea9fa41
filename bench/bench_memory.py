"""Where the TUI's idle memory goes, its idle RSS with the demo team and a ready index, and the first search.

    .venv/bin/python bench/bench_memory.py

- Idle RSS: the real app on a pseudo-terminal, the demo team, the index ready (as in bench_startup).
- Breakdown: one fresh process that adds the parts one by one (Textual + coach's TUI, numpy, Chroma's
  import and client, onnxruntime and the loaded model, then spaCy and LangChain, which the idle TUI
  does not load) and reads its RSS after each.
- Searches: a process's first search (the model loading) and the next one, with the embedder as it is
  now (the plain graph, no onnxruntime memory arena, freed memory handed back), with the optimised
  graph, and as it was first (optimised, arena on); interleaved in the same run.
Writes bench/results/memory.json.
"""

from __future__ import annotations

import json
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
COACH = str(Path(sys.executable).parent / "coach")

IDLE = """
import os, threading, time
from coach.config import load_settings
from coach.workspace import Workspace
from coach.tui.app import CoachApp
app = CoachApp(Workspace(load_settings()))
def done():
    end = time.monotonic() + 300
    while app.index_state == "index loading…" and time.monotonic() < end:
        time.sleep(0.2)
    time.sleep(5)  # idle: the warm-up is over, nothing else runs
    with open(f"/proc/{os.getpid()}/status") as fh:
        rss = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS"))
    with open(os.environ["RSS_OUT"], "w") as out:
        out.write(f"{rss} {app.index_state}")
    app.call_from_thread(app.exit)
threading.Thread(target=done, daemon=True).start()
app.run()
"""

PARTS = """
import ctypes, json, os, sys
def rss():
    with open(f"/proc/{os.getpid()}/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("VmRSS")) / 1024
steps = [("python", rss())]
import coach.tui.app; steps.append(("Textual + coach TUI", rss()))
import numpy; steps.append(("numpy", rss()))
import chromadb; steps.append(("Chroma import", rss()))
from coach.config import load_settings
from coach.workspace import Workspace
ws = Workspace(load_settings()); kb = ws.knowledge
kb.ensure_ready(); steps.append(("Chroma client + index open", rss()))
import onnxruntime, tokenizers; steps.append(("onnxruntime + tokenizers import", rss()))
kb.search("warm up", 1); steps.append(("MiniLM session (plain graph, as a search loads it)", rss()))
ws.nlp(); steps.append(("spaCy pipeline (debrief only)", rss()))
import langchain_core.language_models, langchain_openai; steps.append(("LangChain (model only)", rss()))
print(json.dumps(steps))
"""

FIRST_SEARCH = """
import json, os, sys, time
from coach.config import load_settings
from coach.workspace import Workspace
import coach.retrieval.embeddings as emb
if os.environ.get("ARENA") == "1":  # the embedder as it was: onnxruntime's memory arena on, nothing handed back
    import onnxruntime as ort
    real = ort.InferenceSession
    def with_arena(path, sess_options=None, **kw):
        sess_options.enable_cpu_mem_arena = True
        return real(path, sess_options=sess_options, **kw)
    ort.InferenceSession = with_arena
    emb.release_free_memory = lambda: None
if os.environ.get("ARENA") == "1" or os.environ.get("GRAPH") == "optimised":  # the graph as it was: optimised
    emb.BULK_FROM = 1
ws = Workspace(load_settings())
ws.knowledge.ensure_ready()
begin = time.perf_counter()
ws.search(sys.argv[1], 4)  # the first search: the model loads
cold = time.perf_counter() - begin
begin = time.perf_counter()
ws.search(sys.argv[1] + " at work", 4)
first = time.perf_counter() - begin
with open(f"/proc/{os.getpid()}/status") as fh:
    rss = next(int(l.split()[1]) for l in fh if l.startswith("VmRSS")) / 1024
print(json.dumps({"cold_search_ms": cold * 1000, "first_search_ms": first * 1000, "rss_mb": rss}))
"""
QUERIES = ["how do I tell my boss the plan is wrong", "my report never does what we agree", "a walking 1:1"]


def on_pty(cmd: list[str], env: dict[str, str]) -> None:
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    while proc.poll() is None:
        try:
            os.read(master, 65536)
        except OSError:
            break
    proc.wait()
    os.close(master)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {"COACH_DATA_DIR": tmp, "COACH_CONFIG": f"{tmp}/none.toml", "TERM": "xterm-256color"}
        env |= {"COACH_OFFLINE": "1"}
        subprocess.run([COACH, "demo"], env=env, check=True, capture_output=True)
        subprocess.run([COACH, "knowledge", "list"], env=env, check=True, capture_output=True)  # index ready
        rss_file = Path(tmp) / "rss.txt"
        on_pty([sys.executable, "-c", IDLE], env | {"RSS_OUT": str(rss_file)})
        rss_kb, state = rss_file.read_text().split(" ", 1)
        parts = json.loads(subprocess.run([sys.executable, "-c", PARTS], env=env, check=True,
                                          capture_output=True, text=True).stdout)  # fmt: skip
        variants = {"now": {}, "optimised": {"GRAPH": "optimised"}, "arena": {"ARENA": "1"}}
        searches: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
        for _ in range(3):
            for query in QUERIES:
                for name, extra in variants.items():  # interleaved: the machine's load falls on all alike
                    done = subprocess.run([sys.executable, "-c", FIRST_SEARCH, query], env=env | extra,
                                          check=True, capture_output=True, text=True)  # fmt: skip
                    searches[name].append(json.loads(done.stdout))
    breakdown = [
        {"part": name, "rss_mb": round(mb, 1), "adds_mb": round(mb - parts[i - 1][1], 1) if i else round(mb, 1)}
        for i, (name, mb) in enumerate(parts)
    ]

    def median(name: str, key: str) -> float:
        return statistics.median(s[key] for s in searches[name])

    first_now, first_arena = median("now", "first_search_ms"), median("arena", "first_search_ms")
    cold = {name: round(median(name, "cold_search_ms"), 1) for name in variants}
    warm = {name: round(median(name, "first_search_ms"), 1) for name in variants}
    result = {
        "tui_idle_rss_mb": round(int(rss_kb) / 1024, 1),
        "index_state": state,
        "breakdown": breakdown,
        "cold_search_ms": cold,  # the process's first search, the model loading
        "warm_search_ms": warm,  # the next one
        "cold_search_ratio_vs_optimised": round(cold["now"] / cold["optimised"], 2),
        "cold_search_ratio_vs_arena": round(cold["now"] / cold["arena"], 2),
        "warm_search_ratio_vs_optimised": round(warm["now"] / warm["optimised"], 2),
        "first_search_ratio": round(first_now / first_arena, 2),
        "search_process_rss_mb": {k: round(statistics.median(s["rss_mb"] for s in v), 1) for k, v in searches.items()},
        "load_average": os.getloadavg(),
        "when": time.strftime("%Y-%m-%d %H:%M"),
    }
    print(f"TUI idle RSS: {result['tui_idle_rss_mb']} MB ({state})")
    for row in breakdown:
        print(f"  {row['part']:36} {row['rss_mb']:7.1f} MB  (+{row['adds_mb']})")
    print(f"first search (model loading), ms: {cold}; ratio now/optimised {result['cold_search_ratio_vs_optimised']}")
    print(f"next search, ms: {warm}; ratio now/optimised {result['warm_search_ratio_vs_optimised']}")
    save("memory.json", result)


if __name__ == "__main__":
    main()
