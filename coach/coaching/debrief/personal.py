"""Personal news in the notes, kept as follow-ups for the next brief.

A sentence is considered only when it speaks of life beyond work (family, health, home,
hobbies, big events: `LIFE_EVENTS`). The rules then keep it when it is the person's own
news; a learned scorer, when the workspace hands one in, weighs the same cues with the
sentence's meaning. Sensitive news (health, loss, pregnancy…) is marked so the brief can
handle it with care.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from coach.coaching.debrief.segment import Segment
from coach.coaching.lexicon import LIFE_EVENTS, SENSITIVE_EVENTS

_THEIR = re.compile(r"\b(she|he|they|her|his|their|hers|him|them)\b|^(?:[A-Z][a-z]+)\b", re.I)
_MINE = re.compile(r"^\s*(?:i|my|we|our)\b", re.I)


class PersonalScorer(Protocol):
    """A learned judge of personal news: for each sentence, P(personal news) and P(sensitive)."""

    def personal(self, segments: Sequence[Segment]) -> list[tuple[float, float]]: ...


def candidates(segments: Sequence[Segment]) -> list[Segment]:
    """Sentences that mention life beyond work at all (cheap: a word list)."""
    return [s for s in segments if LIFE_EVENTS.search(s.text)]


def rule_personal(seg: Segment) -> tuple[bool, bool]:
    """(keep it, sensitive) by the rules: news about the person's life, not the writer's."""
    text = seg.text
    if _MINE.search(text) and not _THEIR.search(text[3:]):
        return False, False
    return bool(_THEIR.search(text)), bool(SENSITIVE_EVENTS.search(text))


def find_personal(segments: Sequence[Segment], scorer: PersonalScorer | None = None) -> list[tuple[str, bool]]:
    """(text, sensitive) for each sentence of personal news, in the order of the notes, once each."""
    pool = candidates(segments)
    if scorer is not None and pool:
        verdicts = [(p >= 0.5, s >= 0.5) for p, s in scorer.personal(pool)]
    else:
        verdicts = [rule_personal(s) for s in pool]
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for seg, (keep, sensitive) in zip(pool, verdicts, strict=True):
        if keep and seg.text.casefold() not in seen:
            seen.add(seg.text.casefold())
            out.append((seg.text, sensitive))
    return out
