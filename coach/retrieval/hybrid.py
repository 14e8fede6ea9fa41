"""Hybrid ranking: dense (Chroma, cosine) and lexical (SQLite FTS5, BM25), fused by reciprocal rank.

MiniLM alone misses queries whose key word is rare or specific ("canteen", "supplier");
BM25 alone misses paraphrases. Each arm returns its top N entries; an entry is a chunk or
one of a card's questions, and every entry counts for its parent chunk, so a card appears
once. The dense arm ranks a parent by the mean of its two best cosines (just its best when
only one of its entries is among the top DENSE_N), so a card whose questions agree beats one
that a single question matches by wording alone. In the lexical arm a question row's BM25 is
scaled by QUESTION_WEIGHT: a question is a dozen words long, so BM25's length normalisation
lets one shared common word ("team", "develop") lift it above a card whose text matches the
query well; the questions still do their main job in the dense arm. Parents are fused with
reciprocal-rank fusion (RRF), which needs no score calibration between the two arms. The
Passage `score` stays a cosine similarity (higher is better): the best one between the query
and the passage's own vectors (its text or its questions) found by the dense arm, or, for a
lexical-only hit, the cosine with the chunk's stored vector. Passages are ordered by the fused
rank, so a lower-ranked passage may show a higher cosine. A lexical hit the dense arm missed
(HNSW is approximate, and a graph written by several processes can lose a node) joins the dense
ranking when its exact cosine beats the weakest dense result, so a lost node still ranks by meaning.

Speed: the dense arm asks Chroma for ids and distances only (an entry's parent is in its id) and
the k passages shown are read from the manifest; the lexical arm leaves out words too common to
move BM25 (see Manifest.informative_words), and is skipped when none is left.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from coach.domain import Passage
from coach.retrieval.chunking import parent_of
from coach.retrieval.index import ChromaIndex
from coach.retrieval.manifest import Manifest, PassageRow

DENSE_N = 100  # entries (chunks and questions); a built-in card has a dozen, so ~100 covers the likely cards
LEXICAL_N = 30
RRF_K = 60
# Lexical arm: a card question's BM25 counts this much against its chunk's. With 12 questions a card,
# 1.0 (questions as full rows) measured 0.87 on the labelled queries, 0-0.5 gave 0.89-0.90.
QUESTION_WEIGHT = 0.3
LEXICAL_FETCH = 4  # rows fetched per lexical parent wanted, so re-weighting can reorder them

# Function words and the filler managers type around a question ("how do I ...", "what should I ...").
# "report(s)" is here too: in a manager's question it names a person ("my report"), almost never the
# topic, and as a lone lexical match it let any card saying "your report" outrank the right one.
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing don down during each few for from further get gets
    got had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom why
    will with would you your yours yourself yourselves im ive id dont doesnt didnt cant wont isnt arent
    way ways thing things really also still even much many lot lots kind sort bit maybe might must shall
    one ones someone something anything know want need tips advice best good better make making report reports
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_WORD = re.compile(r"\w+")


def content_words(text: str) -> list[str]:
    """The query's words that can carry meaning: no stop words, no one-letter tokens, no repeats."""
    words = [w for w in _WORD.findall(text.casefold().replace("'", "").replace("’", "")) if len(w) > 1]
    return list(dict.fromkeys(w for w in words if w not in STOP_WORDS))


def fts_query(words: Sequence[str]) -> str | None:
    """An FTS5 expression that cannot be a syntax error: each word quoted, OR-joined."""
    return " OR ".join(f'"{w}"' for w in words) or None


def _where(sources: Sequence[str] | None) -> dict[str, Any] | None:
    if sources is None:
        return None
    return {"source": sources[0]} if len(sources) == 1 else {"source": {"$in": list(sources)}}


def hybrid_search(
    index: ChromaIndex,
    manifest: Manifest,
    vector: Sequence[float],
    query: str | None,
    k: int,
    sources: Sequence[str] | None = None,
) -> list[Passage]:
    """Top `k` passages; `sources` (None = all) restricts both arms to those sources."""
    result = index.query(list(vector), max(k, DENSE_N), _where(sources), include=("distances",))
    best: dict[str, list[float]] = {}  # parent -> its two best cosines, best first (results come best first)
    for cid, dist in zip(result["ids"][0], (result.get("distances") or [[]])[0] or [], strict=False):
        cosines = best.setdefault(parent_of(str(cid)), [])
        if len(cosines) < 2:
            cosines.append(1.0 - float(dist))
    match = fts_query(manifest.informative_words(content_words(query))) if query else None
    lexical: dict[str, float] = {}
    rows: dict[str, PassageRow] = {}
    if match is not None:
        lexical = _lexical(manifest, match, list(sources) if sources is not None else None)
        rows = _rescue(best, manifest.passages([p for p in lexical if p not in best]), vector)
    # Mean of the two best cosines: one lucky question alone counts for less than two that agree.
    dense = sorted(best, key=lambda p: -sum(best[p]) / len(best[p]))
    fused = {parent: 1.0 / (RRF_K + rank + 1) for rank, parent in enumerate(dense)}
    for rank, parent in enumerate(lexical):  # RRF beat a cosine + weighted-BM25 blend on the labelled queries
        fused[parent] = fused.get(parent, 0.0) + 1.0 / (RRF_K + rank + 1)
    top = sorted(fused, key=lambda p: -fused[p])[:k]
    rows |= manifest.passages([p for p in top if p not in rows])
    passages: list[Passage] = []
    for parent in top:
        row = rows.get(parent)
        if row is None:  # deleted between the two arms
            continue
        cosine = best[parent][0] if parent in best else _cosine(vector, row.vector)
        passages.append(
            Passage(
                rank=len(passages) + 1,
                score=round(cosine, 4),
                title=row.title,
                source=row.source,
                chunk_id=parent,
                text=row.text,
                concepts=[c for c in row.concepts.split(",") if c],
            )
        )
    return passages


def _lexical(manifest: Manifest, match: str, sources: list[str] | None) -> dict[str, float]:
    """Best weighted BM25 per parent, highest first, at most LEXICAL_N parents.

    A question row (its id differs from its parent's) is scaled by QUESTION_WEIGHT.
    """
    best: dict[str, float] = {}
    for row, parent, bm25 in manifest.lexical_search(match, LEXICAL_N * LEXICAL_FETCH, sources):
        score = bm25 * (QUESTION_WEIGHT if row != parent else 1.0)
        best[parent] = max(best.get(parent, score), score)
    ranked = sorted(best, key=lambda p: -best[p])[:LEXICAL_N]
    return {p: best[p] for p in ranked}


def _rescue(
    best: dict[str, list[float]], lexical_rows: dict[str, PassageRow], vector: Sequence[float]
) -> dict[str, PassageRow]:
    """Give the dense arm the lexical hits it should have found: HNSW is approximate, and an index
    written by several processes can leave a chunk out of the graph while its row is intact. A hit
    whose exact cosine (from the vector the manifest keeps) beats the weakest dense result joins
    the dense ranking at that cosine. Returns the rows read, so they are not read twice."""
    if not lexical_rows:
        return lexical_rows
    floor = min((c[0] for c in best.values()), default=-1.0)
    for parent, row in lexical_rows.items():
        cosine = _cosine(vector, row.vector)
        if cosine > floor:
            best[parent] = [cosine]
    return lexical_rows


def _cosine(query: Sequence[float], stored: bytes) -> float:
    """A lexical-only hit's cosine with the query, from the chunk's vector kept in the manifest."""
    vec = np.frombuffer(stored, dtype=np.float32)
    q = np.asarray(query, dtype=np.float32)
    if vec.shape != q.shape:
        return 0.0
    return float(vec @ q / max(float(np.linalg.norm(vec) * np.linalg.norm(q)), 1e-12))
