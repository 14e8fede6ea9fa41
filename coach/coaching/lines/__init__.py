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
from functools import lru_cache

from coach.coaching import lexicon as lx
from coach.coaching.lines.calls import Call
from coach.coaching.lines.directives import read_directives
from coach.coaching.lines.personal import PersonalMove, read_personal
from coach.coaching.lines.questions import Form, QuestionType, sentence_forms
from coach.coaching.lines.questions import read_questions as _read_questions
from coach.coaching.lines.reflections import ASKING_FORMS, content, read_reflections
from coach.coaching.lines.tokens import Sentence, sentences

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


_PLAIN_QUESTIONS = ASKING_FORMS - {"request", "suggest", "offer"}
_SELF = frozenset(
    {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself", "we", "we're", "we've", "our", "us"}
)


def _settled(
    parsed: list[Sentence],
    forms: tuple[Form | None, ...],
    reflection: Call[bool],
    directive: Call[bool],
    personal: Call[PersonalMove | None],
) -> tuple[Call[bool], Call[bool], Call[PersonalMove | None]]:
    """Mark a "no" as firm where the line's shape rules the label out, so the head is not asked.

    Every sentence a plain question: no reflection and no order. A single-sentence firm order: no
    reflection. No question and nothing about the speaker: nothing personal.
    """
    asking = all(f is not None and f.code in ASKING_FORMS for f in forms)
    plain = all(f is not None and f.code in _PLAIN_QUESTIONS for f in forms)
    if (
        not reflection.value
        and not reflection.firm
        and (asking or (directive.value and directive.firm and len(parsed) == 1))
    ):
        reflection = Call(reflection.value, reflection.code, reflection.why, True)
    if not directive.value and not directive.firm and plain:
        directive = Call(directive.value, directive.code, directive.why, True)
    mentions_self = any(w in _SELF for s in parsed for w in s.words)
    if personal.value is None and not personal.firm and not any(forms) and not mentions_self:
        personal = Call(personal.value, personal.code, personal.why, True)
    return reflection, directive, personal


_PREVIOUS_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


@lru_cache(maxsize=256)
def _previous(previous: str | None) -> tuple[frozenset[str], bool]:
    """The previous turn's content words, and whether it asked a question (read cheaply: words only).

    Cached: in a transcript one turn is often the previous turn of several lines in a row.
    """
    if not previous:
        return frozenset(), False
    words: list[str] = []
    for token in _PREVIOUS_WORD.findall(previous.lower().replace("\u2019", "'")):
        words.extend(lx.WORD_SPELLINGS.get(token, token).split())
    tail = previous.rstrip()
    last = re.split(r"[.!?]\s+", tail)[-1].lower()
    head = [w for w in _PREVIOUS_WORD.findall(last) if w not in lx.DISCOURSE][:1]
    asked = tail.endswith("?") or (bool(head) and (head[0] in lx.WH_WORDS or head[0] in lx.AUX))
    return frozenset(content(words)), asked


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
    reflection, directive = reflections.call, read_directives(parsed, forms).call
    personal = read_personal(parsed, forms, reflections.sentences).call
    reflection, directive, personal = _settled(parsed, forms, reflection, directive, personal)
    return Reading(
        text,
        tuple(parsed),
        questions.call,
        reflection,
        directive,
        personal,
        tuple(f.code for f in forms if f is not None),
        reflections.overlap,
        bool(previous),
        True,
        answering,
    )
