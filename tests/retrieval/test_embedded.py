"""Embedded-only behaviour: a damaged index on disk, streaming a file in batches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.errors import CoachError
from coach.retrieval import ingest
from coach.retrieval.embeddings import MiniLMEmbedding
from coach.retrieval.knowledge import KnowledgeBase


def _kb(tmp_path: Path, cards_dir: Path, embedder: MiniLMEmbedding) -> KnowledgeBase:
    return KnowledgeBase(tmp_path / "data", embedder=embedder, builtin_dir=cards_dir)


def test_a_garbage_index_names_rebuild_which_recovers(
    tmp_path: Path, cards_dir: Path, embedder: MiniLMEmbedding
) -> None:
    kb = _kb(tmp_path, cards_dir, embedder)
    note = tmp_path / "note.txt"
    note.write_text("Schedule a retrospective after every release.\n")
    kb.add([note])
    kb.close()
    (tmp_path / "data" / "index" / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    broken = _kb(tmp_path, cards_dir, embedder)
    with pytest.raises(CoachError, match="coach knowledge rebuild"):
        broken.search("retrospective")
    broken.rebuild()
    assert broken.search("release retrospective", k=1)[0].source == str(note.resolve())
    broken.close()


def test_an_index_path_that_is_a_file_is_recovered_by_rebuild(
    tmp_path: Path, cards_dir: Path, embedder: MiniLMEmbedding
) -> None:
    _kb(tmp_path, cards_dir, embedder).close()  # no known sources yet: nothing to open
    first = _kb(tmp_path, cards_dir, embedder)
    first.ensure_ready()
    first.close()
    shutil.rmtree(tmp_path / "data" / "index")
    (tmp_path / "data" / "index").write_text("junk")
    kb = _kb(tmp_path, cards_dir, embedder)
    with pytest.raises(CoachError, match="rebuild"):
        kb.list_sources()
    kb.rebuild()
    assert len(kb.list_sources()) == 3
    kb.close()


def test_a_long_file_streams_in_batches(
    tmp_path: Path, cards_dir: Path, embedder: MiniLMEmbedding, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "EMBED_BATCH", 4)
    sizes: list[int] = []
    real_embed = embedder.embed

    def spy(texts: list[str]) -> object:
        sizes.append(len(texts))
        return real_embed(texts)

    monkeypatch.setattr(embedder, "embed", spy)
    kb = _kb(tmp_path, cards_dir, embedder)
    kb.ensure_ready()
    sizes.clear()
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(f"Paragraph {i} talks about topic {i} in plenty of words. " * 8 for i in range(40)))
    report = kb.add([big])
    assert report.chunks > 8 and max(sizes) <= 4
    assert kb.list_sources()[-1]["chunks"] == report.chunks
    kb.close()


def test_the_same_vectors_as_sentence_transformers_would_give(embedder: MiniLMEmbedding) -> None:
    import numpy as np

    vectors = embedder.embed(["A man is eating food.", "A man is eating a piece of bread.", "The girl carries a baby."])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    sims = vectors @ vectors.T
    assert sims[0, 1] > 0.6 and sims[0, 2] < 0.2  # all-MiniLM-L6-v2 gives about 0.76 and -0.1
