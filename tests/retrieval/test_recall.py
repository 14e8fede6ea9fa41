"""Retrieval quality on the built-in cards: labelled queries, recall@3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.retrieval.knowledge import KnowledgeBase

QUERIES = Path(__file__).resolve().parent.parent / "data" / "knowledge_queries.json"
TARGET = 0.9  # the target
FLOOR = 0.58  # what the dense MiniLM index reaches today (0.607): a regression guard


def recall_at_3(kb: KnowledgeBase) -> float:
    labelled = json.loads(QUERIES.read_text(encoding="utf-8"))
    hits = sum(any(p.source in q["answers"] for p in kb.search(q["query"], k=3)) for q in labelled)
    return hits / len(labelled)


@pytest.fixture(scope="module")
def recall(builtin_kb: KnowledgeBase) -> float:
    assert len(builtin_kb.list_sources()) >= 50
    return recall_at_3(builtin_kb)


def test_recall_at_3_does_not_regress(recall: float) -> None:
    assert recall >= FLOOR, f"recall@3 = {recall:.3f}"


@pytest.mark.xfail(strict=True, reason="dense MiniLM alone reaches ~0.61; needs hybrid lexical scoring (see docs)")
def test_recall_at_3_meets_the_target(recall: float) -> None:
    assert recall >= TARGET, f"recall@3 = {recall:.3f} (target {TARGET})"
