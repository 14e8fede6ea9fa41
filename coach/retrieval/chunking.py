"""Split a document's blocks into chunks that follow headings and paragraphs.

Chunks aim at ~100–250 words, so one chunk holds one idea and still fits the
embedding model's 256-token window. A chunk that continues a section starts with the
last sentence of the previous chunk, so an idea cut at the boundary is found from
either side. A short Markdown card is one chunk: the card is the idea.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from coach.retrieval.readers import Block, Document
from coach.text import split_sentences

TARGET_WORDS = 180
MAX_WORDS = 250
OVERLAP_WORDS = 40
CHUNKER_VERSION = "1"  # bump when chunk text changes: the index re-embeds everything


@dataclass(frozen=True)
class Chunk:
    index: int
    text: str
    heading: str = ""


def sentences(text: str) -> list[str]:
    return split_sentences(text, prose=True)


def _pieces(text: str) -> Iterator[str]:
    """A paragraph longer than MAX_WORDS, cut at sentence ends (or, failing that, at words)."""
    words = text.split()
    if len(words) <= MAX_WORDS:
        yield text
        return
    group: list[str] = []
    count = 0
    for sentence in sentences(text):
        n = len(sentence.split())
        if n > MAX_WORDS:
            if group:
                yield " ".join(group)
                group, count = [], 0
            parts = sentence.split()
            for start in range(0, len(parts), TARGET_WORDS):
                yield " ".join(parts[start : start + TARGET_WORDS])
            continue
        if group and count + n > TARGET_WORDS:
            yield " ".join(group)
            group, count = [], 0
        group.append(sentence)
        count += n
    if group:
        yield " ".join(group)


def chunk_blocks(blocks: Iterable[Block]) -> Iterator[Chunk]:
    """Greedy packing of paragraphs into chunks; a heading always starts a new chunk."""
    index = 0
    heading = ""
    parts: list[str] = []
    words = 0
    overlap_only = False

    def emit() -> Chunk | None:
        nonlocal index
        if not parts or overlap_only:
            return None
        chunk = Chunk(index, "\n\n".join(parts), heading)
        index += 1
        return chunk

    def carry() -> None:
        nonlocal parts, words, overlap_only
        tail = sentences(parts[-1])[-1:] if parts else []
        if tail and len(tail[0].split()) <= OVERLAP_WORDS:
            parts, words, overlap_only = tail, len(tail[0].split()), True
        else:
            parts, words, overlap_only = [], 0, False

    for block in blocks:
        if block.heading:
            if (chunk := emit()) is not None:
                yield chunk
            parts, words, overlap_only = [], 0, False
            heading = block.text
            continue
        for piece in _pieces(block.text):
            n = len(piece.split())
            if parts and not overlap_only and words + n > MAX_WORDS:
                if (chunk := emit()) is not None:
                    yield chunk
                carry()
            parts.append(piece)
            words += n
            overlap_only = False
            if words >= TARGET_WORDS:
                if (chunk := emit()) is not None:
                    yield chunk
                carry()
    if (chunk := emit()) is not None:
        yield chunk


def chunk_document(doc: Document) -> Iterator[Chunk]:
    if doc.whole:
        lines = [f"## {b.text}" if b.heading else b.text for b in doc.blocks()]
        text = "\n\n".join(lines).strip()
        if text:
            yield Chunk(0, text)
        return
    yield from chunk_blocks(doc.blocks())


def embedding_text(title: str, concepts: list[str], chunk: Chunk) -> str:
    """What the model sees: the chunk plus where it sits (title, section, concepts)."""
    head = title if not chunk.heading or chunk.heading == title else f"{title} — {chunk.heading}"
    tags = f" ({', '.join(concepts)})" if concepts else ""
    return f"{head}{tags}.\n{chunk.text}"


def chunk_id(source: str, chunk: Chunk) -> str:
    """Stable across runs: the source, the chunk's position and its content."""
    where = hashlib.sha256(source.encode()).hexdigest()[:12]
    what = hashlib.sha256(chunk.text.encode()).hexdigest()[:12]
    return f"{where}-{chunk.index:06d}-{what}"


def question_id(parent: str, n: int) -> str:
    """The id of a card's `n`-th question vector; `parent_of` maps it back to its chunk."""
    return f"{parent}-q{n:02d}"


def parent_of(entry_id: str) -> str:
    """The chunk an entry stands for: itself, or for a card question the chunk it points at.

    Read from the id, so the dense arm can ask Chroma for ids and distances only (fetching
    metadata for a hundred entries costs more than the vector search itself).
    """
    head, sep, tail = entry_id.rpartition("-q")
    return head if sep and len(tail) == 2 and tail.isdigit() else entry_id
