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
rank, so a lower-ranked passage may show a higher cosine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coach.domain import Passage
from coach.retrieval.index import ChromaIndex
from coach.retrieval.manifest import Manifest

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


def fts_query(text: str) -> str | None:
    """An FTS5 expression that cannot be a syntax error: each content word quoted, OR-joined."""
    words = [w for w in _WORD.findall(text.casefold().replace("'", "").replace("’", "")) if len(w) > 1]
    kept = list(dict.fromkeys(w for w in words if w not in STOP_WORDS))
    return " OR ".join(f'"{w}"' for w in kept) or None


@dataclass
class _Candidate:
    text: str
    meta: dict[str, Any]
    cosine: float
    second: float | None = None  # the parent's second-best cosine in the dense arm, if any

    def dense_score(self) -> float:
        """Mean of the two best cosines: one lucky question alone counts for less than two."""
        return (self.cosine + (self.cosine if self.second is None else self.second)) / 2


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
    result = index.query(list(vector), max(k, DENSE_N), _where(sources))
    seen: dict[str, _Candidate] = {}
    for cid, doc, meta, dist in zip(
        result["ids"][0],
        (result.get("documents") or [[]])[0] or [],
        (result.get("metadatas") or [[]])[0] or [],
        (result.get("distances") or [[]])[0] or [],
        strict=False,
    ):
        meta = dict(meta or {})
        parent = str(meta.get("parent") or cid)
        cosine = 1.0 - float(dist)
        if parent not in seen:  # results come best first
            seen[parent] = _Candidate(doc or "", meta, cosine)
        elif seen[parent].second is None:
            seen[parent].second = cosine
    dense = sorted(seen, key=lambda p: -seen[p].dense_score())
    fused = {parent: 1.0 / (RRF_K + rank + 1) for rank, parent in enumerate(dense)}
    match = fts_query(query) if query else None
    if match is not None:  # RRF beat a cosine + weighted-BM25 blend on the labelled queries
        names = list(sources) if sources is not None else None
        for rank, parent in enumerate(_lexical(manifest, match, names)):
            fused[parent] = fused.get(parent, 0.0) + 1.0 / (RRF_K + rank + 1)
    top = sorted(fused, key=lambda p: -fused[p])[:k]
    missing = [p for p in top if p not in seen]
    if missing:
        seen |= _fetch(index, vector, missing)
    passages: list[Passage] = []
    for parent in top:
        cand = seen.get(parent)
        if cand is None:  # deleted between the two arms
            continue
        passages.append(
            Passage(
                rank=len(passages) + 1,
                score=round(cand.cosine, 4),
                title=str(cand.meta.get("title", "")),
                source=str(cand.meta.get("source", "")),
                chunk_id=parent,
                text=cand.text,
                concepts=[c for c in str(cand.meta.get("concepts", "")).split(",") if c],
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


def _fetch(index: ChromaIndex, vector: Sequence[float], ids: list[str]) -> dict[str, _Candidate]:
    """Lexical-only hits: their text, metadata and cosine with the query, in one Chroma call."""
    got = index.get(ids, include=["documents", "metadatas", "embeddings"])
    embeddings = got.get("embeddings")
    if embeddings is None or len(got["ids"]) == 0:
        return {}
    matrix = np.asarray(embeddings, dtype=np.float32)
    norms = np.clip(np.linalg.norm(matrix, axis=1), 1e-12, None)
    query = np.asarray(vector, dtype=np.float32)
    cosines = matrix @ query / (norms * max(float(np.linalg.norm(query)), 1e-12))
    docs = got.get("documents") or [""] * len(got["ids"])
    metas = got.get("metadatas") or [{}] * len(got["ids"])
    return {
        str(cid): _Candidate(doc or "", dict(meta or {}), float(cos))
        for cid, doc, meta, cos in zip(got["ids"], docs, metas, cosines, strict=False)
    }
