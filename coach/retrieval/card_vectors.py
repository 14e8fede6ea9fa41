"""The built-in cards' vectors, computed once from the pinned model and shipped with the package.

A fresh data directory builds its index by copying these instead of running the model (the
first `coach brief` went from about a minute to about a second). Each vector is keyed by the
model (the sha256 of the model and tokenizer files), the card it came from (the sha256 of the
card's bytes) and the exact text that was embedded, so a changed card, a changed chunker or a
new model simply misses and is embedded as before: a stale file can cost time, never a wrong vector.

Regenerate after editing a card (a test fails until you do):

    .venv/bin/python -m coach.retrieval.card_vectors
"""

from __future__ import annotations

import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from coach.files import write_atomic
from coach.retrieval.embeddings import DIMENSIONS, MODEL_SHA256, TOKENIZER_SHA256

if TYPE_CHECKING:
    from coach.retrieval.embeddings import MiniLMEmbedding

FILE_NAME = "vectors.npz"
MODEL_KEY = f"{MODEL_SHA256}:{TOKENIZER_SHA256}"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class CardEntry:
    """One vector the index holds for a card: a chunk or one of its questions."""

    source: str
    card_hash: str
    text: str


class CardVectors:
    """Lookup of shipped vectors by (card hash, embedded text); loaded on first use, absent file = no hits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._rows: dict[tuple[str, str], int] | None = None
        self._vectors: np.ndarray = np.zeros((0, DIMENSIONS), dtype=np.float32)

    def _load(self) -> dict[tuple[str, str], int]:
        if self._rows is None:
            self._rows = {}
            try:
                with np.load(self.path, allow_pickle=False) as data:
                    if str(data["model"]) != MODEL_KEY:
                        return self._rows  # another model: nothing here is usable
                    vectors = np.asarray(data["vectors"], dtype=np.float32)
                    keys = zip(data["card_hashes"].tolist(), data["text_keys"].tolist(), strict=True)
                    self._rows = {(str(c), str(t)): i for i, (c, t) in enumerate(keys)}
                    self._vectors = vectors
            except (OSError, KeyError, ValueError):  # no file, or not ours: embed as usual
                self._rows = {}
        return self._rows

    def lookup(self, card_hash: str, texts: list[str]) -> list[np.ndarray | None]:
        rows = self._load()
        found: list[np.ndarray | None] = []
        for text in texts:
            row = rows.get((card_hash, text_key(text)))
            found.append(None if row is None else self._vectors[row])
        return found

    def __len__(self) -> int:
        return len(self._load())


def card_entries(builtin_dir: Path) -> list[CardEntry]:
    """Every text the index embeds for the built-in cards, in a stable order."""
    from coach.retrieval.chunking import chunk_document, embedding_text
    from coach.retrieval.readers import inspect, open_document

    entries: list[CardEntry] = []
    for path in sorted(p for p in builtin_dir.rglob("*.md") if p.name.lower() != "readme.md"):
        source = path.relative_to(builtin_dir).as_posix()
        card_hash = inspect(path)
        doc = open_document(path)
        for chunk in chunk_document(doc):
            entries.append(CardEntry(source, card_hash, embedding_text(doc.title, doc.concepts, chunk)))
            if chunk.index == 0:
                entries.extend(CardEntry(source, card_hash, q) for q in doc.questions)
    return entries


def stale_entries(builtin_dir: Path, path: Path) -> list[CardEntry]:
    """The cards' texts the shipped file has no vector for (empty: the file is current)."""
    shipped = CardVectors(path)
    return [e for e in card_entries(builtin_dir) if shipped.lookup(e.card_hash, [e.text])[0] is None]


def _npz(arrays: dict[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


def generate(builtin_dir: Path, path: Path, embedder: MiniLMEmbedding) -> int:
    """Embed every card text with the pinned model and write the shipped file; returns the vector count."""
    entries = card_entries(builtin_dir)
    vectors = embedder.embed([e.text for e in entries]) if entries else np.zeros((0, DIMENSIONS), np.float32)
    arrays = {
        "model": np.array(MODEL_KEY),
        "card_hashes": np.array([e.card_hash for e in entries], dtype=str),
        "text_keys": np.array([text_key(e.text) for e in entries], dtype=str),
        "sources": np.array([e.source for e in entries], dtype=str),
        "vectors": np.asarray(vectors, dtype=np.float32),
    }
    write_atomic(path, _npz(arrays), mode=0o644)  # shipped with the package: readable like the cards
    return len(entries)


def main() -> int:
    from coach.resources import knowledge_dir
    from coach.retrieval.embeddings import MiniLMEmbedding

    cards = knowledge_dir()
    target = cards / FILE_NAME
    count = generate(cards, target, MiniLMEmbedding())
    print(f"wrote {count} vectors to {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
