"""The rules' reading of a line as numbers, for the learned head (alongside the sentence embedding).

One feature per cue code the rules can emit (which form the question took, which reflection,
directive or personal cue fired, and whether it was firm), plus a few surface facts: question
marks, length, who the sentences are about, and how much the line echoes the previous turn.
`FEATURES` names them in order; the weights file stores the same names, so a change here that
is not retrained is caught when the weights are loaded.
"""

from __future__ import annotations

import math

from coach.coaching.lines import Reading
from coach.coaching.lines.questions import FORMS

QUESTION_CODES = (*FORMS, "q_request", "q_suggest", "q_uptalk", "q_reflection", "q_none")
REFLECTION_CODES = (
    "refl_none",
    "refl_opener",
    "refl_you_state",
    "refl_so",
    "refl_contrast",
    "refl_cleft",
    "refl_mirror",
    "refl_feeling",
    "refl_about_you",
)
DIRECTIVE_CODES = (
    "dir_none",
    "dir_offer",
    "dir_invite",
    "dir_reported",
    "dir_felt",
    "dir_request",
    "dir_suggest",
    "dir_imperative",
    "dir_lets",
    "dir_ask_of_you",
    "dir_obligation",
    "dir_we_must",
    "dir_rule",
)
PERSONAL_CODES = (
    "pers_none",
    "pers_greeting",
    "pers_wellbeing",
    "pers_topic_you",
    "pers_topic",
    "pers_my_life",
    "pers_history",
    "pers_feeling",
    "pers_life",
)
SURFACE = (
    "asked_last",
    "asked_any",
    "sentences",
    "words",
    "overlap",
    "has_previous",
    "answering",
    "starts_you",
    "starts_i",
    "you_share",
    "i_share",
    "opened_with_so",
    "softened",
)
FEATURES: tuple[str, ...] = (
    *(f"q:{c}" for c in QUESTION_CODES),
    *(f"form:{c}" for c in FORMS),
    *(f"refl:{c}" for c in REFLECTION_CODES),
    *(f"dir:{c}" for c in DIRECTIVE_CODES),
    *(f"pers:{c}" for c in PERSONAL_CODES),
    "firm:question",
    "firm:reflection",
    "firm:directive",
    "firm:personal",
    *SURFACE,
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}
_YOU = frozenset({"you", "your", "you're", "you've", "you'd", "you'll", "yourself", "u"})
_I = frozenset({"i", "i'm", "i've", "i'd", "i'll", "my", "me", "myself"})


def vector(reading: Reading) -> list[float]:
    """The features of one reading, in `FEATURES` order."""
    out = [0.0] * len(FEATURES)

    def put(name: str, value: float = 1.0) -> None:
        index = _INDEX.get(name)
        if index is not None:
            out[index] = value

    put(f"q:{reading.question.code}")
    for code in reading.form_codes:
        put(f"form:{code}")
    put(f"refl:{reading.reflection.code}")
    put(f"dir:{reading.directive.code}")
    put(f"pers:{reading.personal.code}")
    put("firm:question", float(reading.question.firm))
    put("firm:reflection", float(reading.reflection.firm))
    put("firm:directive", float(reading.directive.firm))
    put("firm:personal", float(reading.personal.firm))
    sentences = reading.sentences
    words = [w for s in sentences for w in s.words]
    if sentences:
        put("asked_last", float(sentences[-1].asked))
        put("asked_any", float(any(s.asked for s in sentences)))
        put("sentences", min(len(sentences), 4) / 4)
        first = sentences[0].clauses[0]
        put("starts_you", float(first.words[0] in _YOU))
        put("starts_i", float(first.words[0] in _I))
        put("opened_with_so", float(first.opened_with_so))
        put("softened", float(any(c.softened for s in sentences for c in s.clauses)))
    if words:
        put("words", math.log1p(len(words)) / 4)
        put("you_share", sum(w in _YOU for w in words) / len(words))
        put("i_share", sum(w in _I for w in words) / len(words))
    put("overlap", reading.overlap)
    put("has_previous", float(reading.has_previous))
    put("answering", float(reading.answering))
    return out
