"""Knowledge-index benchmark: ratios against baselines measured in the same run.

    .venv/bin/python bench/bench_retrieval.py [--articles DIR] [--big] [--chunks 10000]

- indexing throughput (chunks/s through reader+chunker+embed+upsert) vs raw embedding
  throughput of the same model on the same chunk texts (target >= 0.85)
- re-running add on the unchanged corpus vs the first full index (target <= 0.05)
- search latency p50/p95 on N chunks vs a raw Chroma query with a precomputed vector
  (target <= 1.3x, query-embedding time reported separately)
- recall@3 on the built-in cards, and (with --articles) on bench/article_queries.json
- (--big) peak RSS while indexing a generated 50 MB text file
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.retrieval.chunking import chunk_document, embedding_text  # noqa: E402
from coach.retrieval.embeddings import MiniLMEmbedding  # noqa: E402
from coach.retrieval.knowledge import KnowledgeBase  # noqa: E402
from coach.retrieval.manifest import LexicalRow, PassageRow  # noqa: E402
from coach.retrieval.readers import open_document  # noqa: E402

WORDS = [
    "team",
    "manager",
    "report",
    "trust",
    "feedback",
    "meeting",
    "goal",
    "plan",
    "risk",
    "review",
    "growth",
    "coach",
    "listen",
    "question",
    "help",
    "project",
    "deadline",
    "customer",
    "product",
    "strategy",
    "priority",
    "decision",
    "change",
    "habit",
    "energy",
    "focus",
    "learn",
    "share",
]


def synth_corpus(folder: Path, files: int, paragraphs: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        paras = []
        for _ in range(paragraphs):
            sentences = [" ".join(rnd.choices(WORDS, k=rnd.randint(8, 16))).capitalize() + "." for _ in range(8)]
            paras.append(" ".join(sentences))
        (folder / f"doc{i:04d}.txt").write_text(f"Document {i}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_indexing(work: Path, embedder: MiniLMEmbedding) -> dict[str, float]:
    corpus = work / "corpus"
    synth_corpus(corpus, files=40, paragraphs=12)
    texts = []
    for path in sorted(corpus.glob("*.txt")):
        doc = open_document(path)
        texts += [embedding_text(doc.title, doc.concepts, c) for c in chunk_document(doc)]
    kb = KnowledgeBase(work / "idx", embedder=embedder, builtin_dir=work / "no-cards")
    kb.ensure_ready()
    embedder.embed(texts[:8])  # warm-up
    t0 = time.perf_counter()
    embedder.embed(texts)
    raw = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = kb.add([corpus])
    full = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = kb.add([corpus])
    rerun = time.perf_counter() - t0
    assert report.chunks == len(texts) and len(again.unchanged) == 40
    kb.close()
    return {
        "chunks": len(texts),
        "raw_embed_chunks_per_s": len(texts) / raw,
        "index_chunks_per_s": report.chunks / full,
        "index_vs_raw_throughput": raw / full,
        "full_index_s": full,
        "unchanged_rerun_s": rerun,
        "rerun_vs_full": rerun / full,
    }


def bench_search(work: Path, embedder: MiniLMEmbedding, n: int) -> dict[str, float]:
    import numpy as np

    kb = KnowledgeBase(work / "search-idx", embedder=embedder, builtin_dir=work / "no-cards")
    kb.ensure_ready()
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(n, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    for start in range(0, n, 1000):
        ids = [f"c{i}" for i in range(start, min(n, start + 1000))]
        metas = [{"source": f"s{i % 50}", "title": "t", "concepts": ""} for i in range(start, start + len(ids))]
        # 40 common words and one rare tag (~5 chunks share each), so a query can also hit the lexical arm
        texts = [" ".join(rng.choice(WORDS, size=40)) + f" tag{rng.integers(2000)}" for _ in ids]
        kb.index.upsert(ids, vectors[start : start + len(ids)], texts, metas)
        rows = [LexicalRow(i, i, m["source"], "h", t) for i, m, t in zip(ids, metas, texts, strict=True)]
        shown = [
            PassageRow(i, m["source"], "h", "t", "", t, vectors[start + n].tobytes())
            for n, (i, m, t) in enumerate(zip(ids, metas, texts, strict=True))
        ]
        kb.manifest.put_lexical(rows, shown)
    queries = [f"how do I {a} my {b} about {c}" for a, b, c in zip(WORDS, WORDS[5:], WORDS[9:], strict=False)]
    # The same questions naming a rare tag: the lexical arm runs (common words alone carry no BM25 weight)
    tagged = [f"{q} tag{37 * j % 2000}" for j, q in enumerate(queries)]
    qvecs = [embedder.embed_one(q) for q in queries]
    col = kb.index.collection
    raw: list[float] = []
    api: list[float] = []
    rare: list[float] = []
    embed_t: list[float] = []
    for it in range(3):
        for j, (q, v) in enumerate(zip(queries, qvecs, strict=True)):
            for which in ("raw", "api", "rare") if (it + j) % 2 == 0 else ("rare", "api", "raw"):  # alternate
                t0 = time.perf_counter()
                if which == "raw":
                    col.query(query_embeddings=[v], n_results=4, include=["documents", "metadatas", "distances"])
                    raw.append(time.perf_counter() - t0)
                elif which == "api":
                    kb.search_vector(v, 4, query=q)  # the full hybrid: dense top-N + FTS5 + fusion
                    api.append(time.perf_counter() - t0)
                else:
                    kb.search_vector(v, 4, query=tagged[j])
                    rare.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            embedder.embed_one(q)
            embed_t.append(time.perf_counter() - t0)
    kb.close()
    return {
        "chunks": n,
        "raw_query_p50_ms": statistics.median(raw) * 1e3,
        "raw_query_p95_ms": pct(raw, 0.95) * 1e3,
        "search_p50_ms": statistics.median(api) * 1e3,
        "search_p95_ms": pct(api, 0.95) * 1e3,
        "search_vs_raw_p50": statistics.median(api) / statistics.median(raw),
        "search_vs_raw_p95": pct(api, 0.95) / pct(raw, 0.95),
        "rare_word_search_p50_ms": statistics.median(rare) * 1e3,
        "rare_word_search_p95_ms": pct(rare, 0.95) * 1e3,
        "rare_word_vs_raw_p50": statistics.median(rare) / statistics.median(raw),
        "query_embed_p50_ms": statistics.median(embed_t) * 1e3,
    }


def bench_recall(work: Path, embedder: MiniLMEmbedding, articles: Path | None) -> dict[str, float]:
    kb = KnowledgeBase(work / "recall-idx", embedder=embedder)
    labelled = json.loads((ROOT / "tests" / "data" / "knowledge_queries.json").read_text(encoding="utf-8"))
    hits = sum(any(p.source in q["answers"] for p in kb.search(q["query"], k=3)) for q in labelled)
    out = {"cards_recall_at_3": hits / len(labelled), "cards_queries": len(labelled)}
    if articles:
        kb.add(sorted(articles.glob("*.txt")))
        asked = json.loads((ROOT / "bench" / "article_queries.json").read_text(encoding="utf-8"))
        found = 0
        for q in asked:
            hits_ = kb.search(q["query"], k=3, source=str(articles.resolve()))
            found += any(Path(p.source).name == q["answer"] for p in hits_)
        out |= {"articles_recall_at_3": found / len(asked), "articles_queries": len(asked)}
    kb.close()
    return out


def bench_big(work: Path, embedder: MiniLMEmbedding, megabytes: int) -> dict[str, float]:
    big = work / "big.txt"
    rnd = random.Random(1)
    with big.open("w", encoding="utf-8") as fh:
        while fh.tell() < megabytes * 1024 * 1024:
            fh.write(" ".join(rnd.choices(WORDS, k=120)).capitalize() + ".\n\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kb = KnowledgeBase(work / "big-idx", embedder=embedder, builtin_dir=work / "no-cards")
    t0 = time.perf_counter()
    report = kb.add([big])
    elapsed = time.perf_counter() - t0
    kb.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "megabytes": megabytes,
        "chunks": report.chunks,
        "seconds": elapsed,
        "peak_rss_mb": peak,
        "rss_mb_before": before,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, help="folder of plain-text articles to add and query")
    parser.add_argument("--big", action="store_true", help="also index a generated 50 MB text file (slow)")
    parser.add_argument("--big-mb", type=int, default=50)
    parser.add_argument("--chunks", type=int, default=10_000)
    args = parser.parse_args()
    embedder = MiniLMEmbedding()
    embedder.load()
    results: dict[str, object] = {"threads": embedder.threads}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results["recall"] = bench_recall(work, embedder, args.articles)
        results["indexing"] = bench_indexing(work, embedder)
        results["search"] = bench_search(work, embedder, args.chunks)
        if args.big:
            results["big"] = bench_big(work, embedder, args.big_mb)
    for section, values in results.items():
        if isinstance(values, dict):
            print(f"\n[{section}]")
            for key, value in values.items():
                print(f"  {key:28} {value:12.3f}" if isinstance(value, float) else f"  {key:28} {value:>12}")
    out = ROOT / "bench" / "results" / f"retrieval-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
