"""The built-in cards' shipped vectors: current, used instead of the model, and never trusted when stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from coach.resources import knowledge_dir
from coach.retrieval import card_vectors
from coach.retrieval.card_vectors import FILE_NAME, CardVectors, card_entries, stale_entries
from coach.retrieval.embeddings import MiniLMEmbedding
from coach.retrieval.knowledge import KnowledgeBase
from tests.retrieval.test_index import CountingEmbedder

REGENERATE = "run `.venv/bin/python -m coach.retrieval.card_vectors` and commit coach/knowledge/vectors.npz"


def test_the_shipped_vectors_match_the_cards_and_the_model(embedder: MiniLMEmbedding) -> None:
    shipped = knowledge_dir() / FILE_NAME
    assert shipped.is_file(), f"no shipped card vectors: {REGENERATE}"
    stale = stale_entries(knowledge_dir(), shipped)
    assert not stale, f"{len(stale)} card texts have no shipped vector (first: {stale[0].source}): {REGENERATE}"
    entries = card_entries(knowledge_dir())
    sample = [entries[0], entries[len(entries) // 2], entries[-1]]
    fresh = embedder.embed([e.text for e in sample])
    vectors = CardVectors(shipped)
    for entry, vector in zip(sample, fresh, strict=True):
        kept = vectors.lookup(entry.card_hash, [entry.text])[0]
        assert kept is not None and float(np.dot(kept, vector)) > 0.999, f"{entry.source}: {REGENERATE}"


def test_a_fresh_data_dir_copies_the_cards_instead_of_embedding(tmp_path: Path, embedder: MiniLMEmbedding) -> None:
    counting = CountingEmbedder(embedder)
    kb = KnowledgeBase(tmp_path / "data", embedder=counting)  # type: ignore[arg-type]
    kb.ensure_ready()
    assert counting.texts == 0
    cards = {e.source for e in card_entries(knowledge_dir())}
    assert {r["source"] for r in kb.list_sources()} == cards
    assert kb.index.count() == len(card_entries(knowledge_dir()))
    kb.close()


def _some_cards(tmp_path: Path) -> Path:
    root = tmp_path / "cards"
    for rel in ("one-to-ones/ic-1on1.md", "leading-up/courage.md", "personization/reciprocity.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(knowledge_dir() / rel, root / rel)
    return root


def _index_of(cards: Path, data: Path, counting: CountingEmbedder) -> KnowledgeBase:
    """An index of these cards, with the shipped vectors on offer and every embedding counted."""
    return KnowledgeBase(
        data,
        embedder=counting,  # type: ignore[arg-type]
        builtin_dir=cards,
        shipped=CardVectors(knowledge_dir() / FILE_NAME),
    )


def test_a_changed_card_is_embedded_again_and_the_rest_copied(tmp_path: Path, embedder: MiniLMEmbedding) -> None:
    cards = _some_cards(tmp_path)
    courage = cards / "leading-up" / "courage.md"
    courage.write_text(courage.read_text(encoding="utf-8") + "\nSay the hard thing early, and kindly.\n")
    counting = CountingEmbedder(embedder)
    kb = _index_of(cards, tmp_path / "data", counting)
    kb.ensure_ready()
    changed = [e for e in card_entries(cards) if e.source == "leading-up/courage.md"]
    assert counting.texts == len(changed)
    assert kb.search("say the hard thing early", k=1)[0].source == "leading-up/courage.md"
    kb.close()


def test_vectors_of_another_model_are_not_used(
    tmp_path: Path, embedder: MiniLMEmbedding, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = _some_cards(tmp_path)
    monkeypatch.setattr(card_vectors, "MODEL_KEY", "another-model")
    counting = CountingEmbedder(embedder)
    kb = _index_of(cards, tmp_path / "data", counting)
    kb.ensure_ready()
    assert counting.texts == len(card_entries(cards))
    kb.close()


def test_the_generator_writes_atomically(tmp_path: Path, embedder: MiniLMEmbedding) -> None:
    cards = _some_cards(tmp_path)
    target = cards / FILE_NAME
    target.write_bytes(b"the previous file")
    count = card_vectors.generate(cards, target, embedder)
    assert count == len(card_entries(cards)) and not stale_entries(cards, target)
    assert [p.name for p in cards.iterdir() if p.name.startswith(".")] == []  # no temporary file left
