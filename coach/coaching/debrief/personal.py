"""Personal news in the notes, kept as follow-ups for the next brief.

A sentence is considered only when it speaks of life beyond work (family, health, home,
hobbies, big events: `LIFE_EVENTS`); a long dictated run-on is cut into its clauses first, so
the note kept is the news and not the whole paragraph. The rules then keep a piece when it is
the person's own news; a learned scorer, when the workspace hands one in, weighs the same cues
with the meaning of the piece. Sensitive news (health, loss, pregnancy…) is marked so the brief
handles it with care.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from coach.coaching.debrief.segment import Segment
from coach.coaching.lexicon import LIFE_EVENTS, SENSITIVE_EVENTS

LONG = 22  # words: a sentence longer than this is cut into clauses before it is judged
_THEIR = re.compile(r"\b(she|he|they|her|his|their|hers|him|them)\b|^(?:[A-Z][a-z]+)\b", re.I)
_MINE = re.compile(r"^\s*(?:i|my|we|our)\b", re.I)
# Where a run-on starts a new clause: a conjunction or nothing, then a subject.
_CLAUSE_START = re.compile(
    r"(?:,\s*|\s+)(?=(?:(?:and|so|but|also|plus|then|because|as)\s+)?(?:she|he|they|i|we|her|his|their|my)\b"
    r"(?:'s|'ll|'re|'d)?\s)",
    re.I,
)

Piece = tuple[Segment, str]


class PersonalScorer(Protocol):
    """A learned judge of personal news: for each piece, P(personal news) and P(sensitive)."""

    def personal(self, pieces: Sequence[Piece]) -> list[tuple[float, float]]: ...


def clauses(text: str) -> list[str]:
    """`text`, or its clauses when it is a long run-on."""
    if len(text.split()) <= LONG:
        return [text]
    out: list[str] = []
    last = 0
    for m in _CLAUSE_START.finditer(text):
        if len(text[last : m.start()].split()) >= 3:
            out.append(text[last : m.start()].strip(" ,;"))
            last = m.end()
    out.append(text[last:].strip(" ,;"))
    return [c for c in out if c]


def candidates(segments: Sequence[Segment]) -> list[Piece]:
    """Pieces of the notes that mention life beyond work at all (cheap: a word list)."""
    return [(s, c) for s in segments if LIFE_EVENTS.search(s.text) for c in clauses(s.text) if LIFE_EVENTS.search(c)]


def rule_personal(piece: Piece) -> tuple[bool, bool]:
    """(keep it, sensitive) by the rules: news about the person's life, not the writer's."""
    text = piece[1]
    if _MINE.search(text) and not _THEIR.search(text[3:]):
        return False, False
    return bool(_THEIR.search(text)), bool(SENSITIVE_EVENTS.search(text))


def find_personal(segments: Sequence[Segment], scorer: PersonalScorer | None = None) -> list[tuple[str, bool]]:
    """(text, sensitive) for each piece of personal news, in the order of the notes, once each."""
    pool: list[Piece] = []
    distinct: set[str] = set()
    for seg, text in candidates(segments):  # pasted notes repeat themselves: each piece is judged once
        if text.casefold() not in distinct:
            distinct.add(text.casefold())
            pool.append((seg, text))
    if scorer is not None and pool:
        verdicts = [(p >= 0.5, s >= 0.5) for p, s in scorer.personal(pool)]
    else:
        verdicts = [rule_personal(p) for p in pool]
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for (_seg, text), (keep, sensitive) in zip(pool, verdicts, strict=True):
        if keep and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append((text, sensitive))
    return out
