"""Sentence splitting, the one copy every layer uses (the debrief, the line scorer, the chunker).

Two kinds of text reach coach. Prose (knowledge files) ends a sentence with a
stop followed by a capital, so "e.g. the team" stays whole. What people type
(notes, chat, transcripts) is often lowercase, so there any . ! ? ends a
sentence, and so does a line break or (in notes) a semicolon.
"""

from __future__ import annotations

import re

_PROSE_END = re.compile(r"(?<=[.!?…])[\"”')\]]*\s+(?=[\"“'(\[]?[A-Z0-9])")
_TYPED_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_TYPED_END_SEMI = re.compile(r"(?<=[.!?…;])\s+(?=\S)")
_TYPED_PIECE = re.compile(r"[^.!?…\n]+[.!?…]*|[.!?…]+")


def split_sentences(text: str, *, prose: bool = False, semicolons: bool = False) -> list[str]:
    """The sentences of `text`, stripped, each keeping its end mark.

    `prose`: only a stop followed by a capital (or digit) ends a sentence, and line breaks do
    not. Otherwise every line is split at . ! ? (and at ; with `semicolons`).
    """
    if prose:
        return [s.strip() for s in _PROSE_END.split(text) if s.strip()]
    splitter = _TYPED_END_SEMI if semicolons else _TYPED_END
    return [s.strip() for line in text.splitlines() for s in splitter.split(line) if s.strip()]


def typed_pieces(text: str) -> list[str]:
    """Like `split_sentences` for typed text, but a run of end marks with no words before it is kept as a
    piece too ("?" alone), and a mark glued to the next word ("ok.so") still ends the sentence."""
    return [m.group(0).strip() for m in _TYPED_PIECE.finditer(text) if m.group(0).strip()]
