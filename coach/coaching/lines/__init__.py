"""The line scorer's rules: read one turn's shape and say, per label, what it is and why.

`read_line` parses the turn once (tokens.py) and hands the same sentences to each label's
rules: questions.py (open, closed or none), reflections.py, directives.py and personal.py. Each
returns a `Call` with the cue that decided it and whether that cue is firm. The learned head
(head.py, weights trained by `coach/nlp/train_lines.py`) reads these cues plus the sentence
embedding and decides the labels the rules are unsure of. Conventions: docs/nlp.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.coaching import lexicon as lx
from coach.coaching.lines.calls import Call
from coach.coaching.lines.directives import read_directives
from coach.coaching.lines.personal import PersonalMove, read_personal
from coach.coaching.lines.questions import QuestionType, sentence_forms
from coach.coaching.lines.questions import read_questions as _read_questions
from coach.coaching.lines.reflections import ASKING_FORMS, content, read_reflections
from coach.coaching.lines.tokens import Sentence, clean_tokens, sentences

__all__ = ["Call", "PersonalMove", "QuestionType", "Reading", "read_line"]

_LETTERS = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Reading:
    """What the rules read in one turn: a call per label, and the parse behind them (for the head's features)."""

    text: str
    sentences: tuple[Sentence, ...]
    question: Call[QuestionType | None]
    reflection: Call[bool]
    directive: Call[bool]
    personal: Call[PersonalMove | None]
    form_codes: tuple[str, ...]  # every sentence's question form ("aux", "wh_open", ...)
    overlap: float  # share of this turn's content words the previous turn used
    has_previous: bool
    english: bool
    answering: bool = False  # the previous turn asked a question


def _english(text: str, parsed: list[Sentence]) -> bool:
    """Plain ASCII words, or at least one English function word among accented ones ("¿Cómo estás?" is not)."""
    words = set(_LETTERS.findall(" ".join(s.text for s in parsed)))
    if words & lx.ENGLISH:
        return True
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isascii() for c in letters) and any(len(w) > 1 for w in words)


def _previous(previous: str | None) -> tuple[set[str], bool]:
    """The previous turn's content words, and whether it asked a question."""
    if not previous:
        return set(), False
    tokens = clean_tokens(previous)
    words = [t for t in tokens if t[0].isalnum()]
    last = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i] in (".", "!", "?")), None)
    start = 0
    for i in range(len(tokens) - 1 if last == len(tokens) - 1 else len(tokens)):
        if tokens[i] in (".", "!", "?"):
            start = i + 1
    head = [t for t in tokens[start:] if t[0].isalnum() and t not in lx.DISCOURSE][:1]
    asked = tokens[-1:] == ["?"] or (bool(head) and (head[0] in lx.WH_WORDS or head[0] in lx.AUX))
    return content(words), asked


def read_line(text: str, previous: str | None = None) -> Reading:
    """Parse one turn (and the other person's turn before it, for reflections) into a call per label."""
    parsed = sentences(text)
    english = _english(text, parsed)
    if not parsed or not english:
        nothing = "no English words to read"
        return Reading(
            text,
            tuple(parsed),
            Call(None, "q_none", f"no question: {nothing}", True),
            Call(False, "refl_none", f"no reflection: {nothing}", True),
            Call(False, "dir_none", f"not a directive: {nothing}", True),
            Call(None, "pers_none", f"not personal: {nothing}", True),
            (),
            0.0,
            bool(previous),
            False,
        )
    forms = sentence_forms(parsed)
    before, answering = _previous(previous)
    reflections = read_reflections(parsed, forms, before, answering)
    checks = frozenset(i for i in reflections.clear if (form := forms[i]) is None or form.code not in ASKING_FORMS)
    questions = _read_questions(parsed, forms, checks)
    return Reading(
        text,
        tuple(parsed),
        questions.call,
        reflections.call,
        read_directives(parsed, forms).call,
        read_personal(parsed, forms, reflections.sentences).call,
        tuple(f.code for f in forms if f is not None),
        reflections.overlap,
        bool(previous),
        True,
        answering,
    )
