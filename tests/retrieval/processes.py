"""Real `coach` processes on one data dir, and waits that poll for a condition (never a fixed sleep)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

COACH = Path(sys.executable).parent / "coach"
DEADLINE_S = 300.0  # generous: the machine may be busy; a wait that succeeds returns at once


def env_for(data: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("COACH_", "OPENAI_"))}
    return keep | {"COACH_DATA_DIR": str(data), "COACH_CONFIG": str(data.parent / "none.toml"), "COACH_OFFLINE": "1"}


def start(data: Path, *args: str, **popen: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(COACH), *args], env=env_for(data), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen
    )


def run(data: Path, *args: str, timeout: float = DEADLINE_S) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COACH), *args], env=env_for(data), capture_output=True, text=True, timeout=timeout, check=False
    )


def run_json(data: Path, *args: str) -> Any:
    done = run(data, *args, "--json")
    assert done.returncode == 0, f"coach {' '.join(args)} exited {done.returncode}: {done.stderr}"
    return json.loads(done.stdout)


def wait_until(condition: Callable[[], bool], what: str, timeout: float = DEADLINE_S) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def write_library(folder: Path, files: int, paragraphs: int) -> list[Path]:
    """Plain-text files of distinct paragraphs (each file several chunks), for a long `knowledge add`."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    topics = ["budget", "hiring", "roadmap", "incident", "offsite", "mentoring", "pricing", "security"]
    for n in range(files):
        topic = topics[n % len(topics)]
        text = "\n\n".join(
            f"Note {n}.{p} on the {topic} review: item {p} of file {n} needs an owner, a date and a check-in; "
            f"the team agreed to look at {topic} risk {p} again after the next planning cycle with fresh numbers."
            for p in range(paragraphs)
        )
        path = folder / f"{topic}-{n:03d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        made.append(path)
    return made


def files_for_seconds(embedder: Any, scratch: Path, seconds: float, paragraphs: int) -> int:
    """How many `write_library` files take about `seconds` to add on this machine right now (at least 12)."""
    from coach.retrieval.chunking import chunk_document, embedding_text
    from coach.retrieval.readers import open_document

    sample = write_library(scratch, files=1, paragraphs=paragraphs)
    doc = open_document(sample[0])
    texts = [embedding_text(doc.title, doc.concepts, c) for c in chunk_document(doc)]
    begin = time.perf_counter()
    for _ in range(3):
        embedder.embed(texts)
    per_file = (time.perf_counter() - begin) / 3
    return max(12, int(seconds / max(per_file, 1e-3)))


def index_is_consistent(data: Path) -> tuple[bool, str]:
    """Every source's chunks are in the index exactly once, and Chroma and the manifest hold the same ids."""
    from coach.retrieval.knowledge import KnowledgeBase

    kb = KnowledgeBase(data)
    try:
        m = kb.manifest
        ids = m.entries()
        in_index = kb.index.all_ids()
        counts = m.passage_counts()
        wrong = [
            f"{r.source}: {counts.get((r.source, r.content_hash), 0)} of {r.chunks}"
            for r in m.all()
            if r.pending or counts.get((r.source, r.content_hash), 0) != r.chunks
        ]
        owned = {(r.source, r.content_hash) for r in m.all()}
        stray = [i for i, key in ids.items() if key not in owned]
        problems = []
        if set(ids) != in_index:
            differ = len(set(ids) ^ in_index)
            problems.append(f"manifest has {len(ids)} ids, Chroma {len(in_index)} ({differ} differ)")
        if kb.index.count() != len(in_index):
            problems.append("Chroma holds duplicate ids")
        if wrong:
            problems.append(f"incomplete sources: {wrong[:5]}")
        if stray:
            problems.append(f"{len(stray)} rows no source owns")
        return not problems, "; ".join(problems)
    finally:
        kb.close()
