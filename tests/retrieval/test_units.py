"""Readers, chunking, the manifest's word counts and the model-file checks, without an index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.errors import CoachError
from coach.retrieval import embeddings
from coach.retrieval.chunking import (
    MAX_WORDS,
    Chunk,
    chunk_blocks,
    chunk_document,
    chunk_id,
    embedding_text,
    parent_of,
    question_id,
)
from coach.retrieval.manifest import LexicalRow, Manifest
from coach.retrieval.readers import Block, UnreadableFile, inspect, open_document, split_front_matter


def test_front_matter_splits_each_line_at_the_first_colon() -> None:
    meta, body = split_front_matter('---\ntitle: Trust: the basics\nconcepts: [a, b]\nsource: "X — Y"\n---\nBody\n')
    assert meta == {"title": "Trust: the basics", "concepts": "[a, b]", "source": "X — Y"}
    assert body == "Body\n"


def test_a_short_card_is_one_chunk_and_its_title_is_embedded(tmp_path: Path) -> None:
    card = tmp_path / "c.md"
    card.write_text("---\ntitle: Walk: together\nconcepts: [walks, trust]\n---\nFirst para.\n\nSecond para.\n")
    doc = open_document(card)
    assert (doc.title, doc.concepts, doc.whole) == ("Walk: together", ["walks", "trust"], True)
    chunks = list(chunk_document(doc))
    assert [c.text for c in chunks] == ["First para.\n\nSecond para."]
    assert embedding_text(doc.title, doc.concepts, chunks[0]).startswith("Walk: together (walks, trust).")


def test_long_text_follows_headings_with_bounded_chunks_and_overlap() -> None:
    para = " ".join(f"Sentence number {i} is here." for i in range(30))  # 150 words
    blocks = [Block("Intro", heading=True), Block(para), Block(para), Block(para), Block("Next", heading=True)]
    blocks += [Block("Short closing words.")]
    chunks = list(chunk_blocks(blocks))
    assert all(len(c.text.split()) <= MAX_WORDS + 10 for c in chunks)
    assert [c.heading for c in chunks][-1] == "Next" and chunks[0].heading == "Intro"
    assert chunks[-1].text == "Short closing words."  # a heading starts a fresh chunk, no overlap across it
    assert chunks[1].text.startswith("Sentence number 29 is here.")  # overlap: the previous paragraph's last sentence


def test_chunk_ids_are_stable_and_depend_on_source_position_and_text() -> None:
    a = chunk_id("s.md", Chunk(0, "hello"))
    assert a == chunk_id("s.md", Chunk(0, "hello"))
    others = [chunk_id("t.md", Chunk(0, "hello")), chunk_id("s.md", Chunk(1, "hello")), chunk_id("s.md", Chunk(0, "x"))]
    assert len({a, *others}) == 4


def test_inspect_rejects_binary_undecodable_and_empty(tmp_path: Path) -> None:
    cases = {"b.txt": b"\x00\x01", "l.txt": "\xe9t\xe9".encode("latin-1"), "e.txt": b"\n \n"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(UnreadableFile):
            inspect(tmp_path / name)
    (tmp_path / "ok.txt").write_text("fine — café")
    assert len(inspect(tmp_path / "ok.txt")) == 64


def test_unwrapped_lines_are_paragraphs_and_wrapped_lines_are_joined(tmp_path: Path) -> None:
    long_line = "word " * 40
    (tmp_path / "a.txt").write_text(f"{long_line}\n{long_line}\nshort wrapped\nline two\n\nlast\n")
    texts = [b.text for b in open_document(tmp_path / "a.txt").blocks()]
    assert texts == [long_line.strip(), long_line.strip(), "short wrapped line two", "last"]


def test_a_model_file_with_the_wrong_hash_is_refused_by_name(tmp_path: Path) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(CoachError, match=r"model\.onnx"):
        embeddings.verify_sha256(fake, embeddings.MODEL_SHA256)


def test_model_files_are_found_without_importing_their_packages() -> None:
    path = embeddings.package_file(embeddings.TOKENIZER_PACKAGE, embeddings.TOKENIZER_FILE)
    assert path.name == "tokenizer.json"
    with pytest.raises(CoachError, match="not found"):
        embeddings.package_file("no_such_package_xyz", "model.onnx")


def test_a_question_entry_points_at_its_chunk() -> None:
    chunk = chunk_id("cards/walks.md", Chunk(0, "Walk and talk."))
    assert parent_of(question_id(chunk, 7)) == chunk
    assert parent_of(chunk) == chunk


def test_words_in_most_rows_are_left_out_and_counts_follow_other_writers(tmp_path: Path) -> None:
    first, second = Manifest(tmp_path / "k.db"), Manifest(tmp_path / "k.db")
    rows = [LexicalRow(f"r{i}", f"r{i}", "s", "h", f"team meeting {'budget' if i == 0 else ''}") for i in range(4)]
    first.put_lexical(rows)
    assert first.informative_words(["team", "budget", "zeppelin", "quokka"]) == ["budget"]
    first.put_lexical([LexicalRow("z", "z", "s", "h", "zeppelin")])  # a word counted 0 before is now there
    assert first.informative_words(["zeppelin", "quokka"]) == ["zeppelin"]
    second.put_lexical([LexicalRow("q", "q", "s", "h", "quokka")])  # another process adds a file
    assert first.informative_words(["quokka"]) == ["quokka"]
    first.close()
    second.close()


def test_the_plain_and_the_optimised_graph_give_the_same_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A search or one line loads the plain graph (65 MB less), a batch the optimised one: the shipped
    card vectors and every stored chunk must mean the same to both."""
    from coach.retrieval.embeddings import BULK_FROM, MiniLMEmbedding

    texts = ["how do I follow up after a cancelled 1:1", "Send the rota to Sam by Friday."] * BULK_FROM
    plain, optimised = MiniLMEmbedding(threads=1), MiniLMEmbedding(threads=1)
    one = [plain.embed_one(t) for t in texts[:2]]
    batch = optimised.embed(texts)
    assert (plain.optimised, optimised.optimised) == (False, True)
    assert float(np.min(np.sum(np.asarray(one) * batch[:2], axis=1))) > 0.99999
    monkeypatch.setenv("COACH_EMBED_GRAPH", "optimised")  # the user's choice wins over the first call's size
    chosen = MiniLMEmbedding(threads=1)
    chosen.embed_one(texts[0])
    assert chosen.optimised
