"""Reflections: the speaker restates, paraphrases or reframes what the other person said or felt.

Read per clause (docs/nlp.md): an opener that frames the speaker's understanding ("it sounds
like", "what I'm hearing", "if I've got this right"), a second-person statement about the
listener's feelings or situation ("you're worried that…", "you feel you have to…", "you sound
exhausted"), a summary that starts with "so" and restates rather than asks, a reframe by contrast
("less the marking, more that it all lands on Sunday"), and a turn that mirrors the words of the
previous one. A reflection said with a question mark is still a reflection, not a question. An
auxiliary-first question ("Are you worried it will slip?") asks for new information and is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coach.coaching import lexicon as lx
from coach.coaching.lines.calls import Call
from coach.coaching.lines.personal import about_their_life
from coach.coaching.lines.questions import Form
from coach.coaching.lines.tokens import Clause, Sentence

# Question forms that ask for something new: a clause of this form is not a reflection.
ASKING_FORMS = frozenset(
    {
        "invite",
        "wh_open",
        "wh_view",
        "wh_fact",
        "aux",
        "offer",
        "request",
        "suggest",
        "embedded_open",
        "embedded_closed",
        "rating",
        "declarative_tail",
        "either_or",
        "tag",
    }
)
_NOT_REFLECTIVE_SOUNDS = re.compile(
    r"^(?:it |that |this )?(?:sounds|seems|looks) (?:good|great|fine|perfect|ok|okay|fair|lovely|brilliant|amazing|"
    r"fun|interesting|right|about right|reasonable|sensible|like a (?:plan|good idea|great idea|deal)|good to me|"
    r"great to me)\b"
)
_YOU = ("you", "u", "you're", "you've", "you'd", "ya")
_ADVERBS = lx.words(
    "really clearly obviously just kind sort of still probably basically also both actually genuinely definitely "
    "a bit pretty quite"
)
_NOT_STATE_AFTER_YOU_ARE = lx.words(
    "right welcome going gonna on in at the a an to able allowed supposed meant due booked rostered scheduled down back"
)
_STATE_PARTICIPLE = re.compile(r"^\w+(?:ed|ing|en)$")
_CONTRAST = re.compile(
    r"\b(?:less|not so much|not really|not just|isn't really|not about|not the|isn't the|not that|rather than)\b.*"
    r"\b(?:more|it's|its|but|rather|than)\b"
)
_CLEFT = re.compile(
    r"\b(?:is|'s) (?:what's|what is|what)\b|\bit's (?:the|more|less|not)\b|\bthe (?:problem|issue|thing|worry|"
    r"hard part|real problem) (?:is|isn't|'s)\b|\bthat's what\b"
)


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    word = word.removesuffix("'s")  # "the van's off the road" shares "van" with "the van failed"
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content(words: tuple[str, ...] | list[str]) -> set[str]:
    """The content words of a clause or a turn, crudely stemmed (for mirroring the previous turn)."""
    return {_stem(w) for w in words if w not in lx.FUNCTION_WORDS and len(w) > 2 and not w.isdigit()}


def overlap(words: tuple[str, ...], previous: frozenset[str] | set[str]) -> float:
    """The share of this line's content words that the previous turn used too."""
    if not previous:
        return 0.0
    mine = content(words)
    return len(mine & previous) / len(mine) if mine and previous else 0.0


def _you_state(words: tuple[str, ...]) -> tuple[bool, bool]:
    """(a second-person statement about their state, and a firm one: a feeling or feel/sound/seem)."""
    if not words or words[0] not in _YOU:
        return False, False
    rest = [w for w in words[1:] if w not in _ADVERBS]
    first = words[0]
    feeling = any(w in lx.FEELING_WORDS for w in words[1:8])
    if first == "you're" or (first in ("you", "u") and rest[:1] == ["are"]):
        after = rest[1:] if first != "you're" else rest
        if not after or after[0] in _NOT_STATE_AFTER_YOU_ARE:
            return False, False
        if after[0] == "not":
            return True, feeling
        return bool(feeling or after[0] in lx.FEELING_WORDS or _STATE_PARTICIPLE.match(after[0])), feeling
    if first == "you've" or (first in ("you", "u") and rest[:1] == ["have"]):
        return bool(lx.YOU_HAVE_STATE.match("you've " + " ".join(rest[1:] if first != "you've" else rest))), feeling
    if first == "you'd" or (first in ("you", "u") and rest[:1] == ["would"]):
        after = rest[1:] if first != "you'd" else rest
        return bool(after and after[0] in ("like", "rather", "prefer", "love", "want")), False
    if not rest:
        return False, False
    verb = rest[0]
    if verb in ("don't", "didn't", "can't", "couldn't", "won't", "wouldn't", "do", "did") and len(rest) > 1:
        return rest[1] in lx.YOU_DONT_STATE, False
    if verb in ("feel", "feels", "felt", "sound", "sounded", "seem", "seemed"):
        return True, True
    return verb in lx.YOU_STATE_VERBS, feeling


# Cues clear enough that a "?" on the sentence does not make it a question.
CLEAR = frozenset({"refl_opener", "refl_you_state", "refl_so", "refl_feeling", "refl_contrast", "refl_cleft"})


@dataclass(frozen=True)
class ReflectionReading:
    call: Call[bool]
    sentences: frozenset[int]  # sentences read as reflections
    clear: frozenset[int]  # of those, the ones with a clear cue (a "?" on them does not make a question)
    overlap: float


_REPORTED_SPEECH = re.compile(
    r"\b(?:said|says|told|asked|reckons|wants|wanted) (?:me |us |him |her |them )?(?:to|that|we|i)\b"
)
_NOT_SUMMARY_START = lx.words("let's if when then")
# "…and then", "since then", "by then": time, not the "then" that draws a conclusion from their words.
_NOT_INFERRING_THEN = lx.words("and since by until till back from just right only even before")
_YOUR_WORDS = lx.words("you your u ur yourself you're you've")
_FEELING_ONLY_FILLER = lx.words("huh eh then so really pretty quite very a bit what oof ouch ugh ah god oh mm wow")


def _clause_cue(
    clause: Clause, sentence: Sentence, mirrored: float, opens: bool, answering: bool
) -> tuple[str, str, bool] | None:
    """The reflection cue in one clause.

    `opens`: the clause starts its sentence; `answering`: the other person's turn was a question.
    """
    text = clause.text
    words = clause.words
    if lx.AFFIRMATION.search(text) or _NOT_REFLECTIVE_SOUNDS.match(text):
        return None
    if lx.OBLIGATION.search(text) and not lx.FELT_OBLIGATION.search(text):
        return None  # "you need to rest" is advice
    opener = lx.REFLECTION_OPENER.match(text)
    if opener:
        return "refl_opener", f"reflection: frames what they said ({' '.join(words[:3])}…)", True
    state, firm = _you_state(words)
    if state:
        return "refl_you_state", f"reflection: restates their feeling or situation ({' '.join(words[:3])}…)", firm
    mine = {"i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "we'll", "me", "my", "our", "us"}
    if words[0] in mine:
        return None
    feelings = [w for w in words if w in lx.FEELING_WORDS] or (
        [m.group(0)] if (m := lx.FEELING_PHRASES.search(text)) else []
    )
    if (
        feelings
        and len(words) <= 4
        and all(
            w in lx.FEELING_WORDS or w in _FEELING_ONLY_FILLER or bool(lx.FEELING_PHRASES.search(text)) for w in words
        )
    ):
        return "refl_feeling", f"reflection: names their feeling ({feelings[0]})", False
    if answering or _REPORTED_SPEECH.search(text) or any(w in mine for w in words[:5]):
        return None
    summing_up = clause.opened_with_so and opens and words[0] not in lx.AUX and words[0] not in _NOT_SUMMARY_START
    # A summary sums up *their* turn: it shares their words or speaks of "you" ("so jodie's opening on
    # sunday and i'm on the close" is news, not a summary).
    sums_theirs = (
        mirrored > 0
        or any(w in _YOUR_WORDS or w in ("you'd", "you'll") for w in words)
        or bool(_CONTRAST.search(text) or _CLEFT.search(text))  # "so it's the pay more than the role"
    )
    if summing_up and sums_theirs and (words[0] not in lx.WH_WORDS or _CLEFT.search(text)):
        return "refl_so", f"reflection: sums up what they said (so {' '.join(words[:3])}…)", mirrored >= 0.3
    if _CONTRAST.search(text) and ("you" in words or "your" in words or mirrored >= 0.2 or _CLEFT.search(text)):
        return "refl_contrast", "reflection: reframes what they said (less this, more that)", False
    if _CLEFT.search(text) and mirrored >= 0.3:
        return "refl_cleft", "reflection: names what they said matters (it's the… that…)", False
    if (
        words[-1] == "then"
        and len(words) >= 3
        and words[-2] not in _NOT_INFERRING_THEN
        and words[0] not in lx.IMPERATIVE_VERBS
        and words[0] not in lx.base_verbs()  # "see you at ten then": a plan, not their words drawn out
        and (mirrored > 0 or any(w in _YOUR_WORDS for w in words))
    ):
        return "refl_so", "reflection: draws out what they said (… then)", False  # "ur blocked then"
    if mirrored >= 0.5 and len(content(words)) >= 2:
        return "refl_mirror", f"reflection: mirrors their words ({round(mirrored * 100)}% shared)", False
    if (
        len(words) >= 4
        and any(w in _YOUR_WORDS for w in words)
        and words[0] not in lx.IMPERATIVE_VERBS
        and words[0] not in lx.WH_WORDS
        and words[0] not in lx.AUX
        and words[0] not in ("thank", "thanks", "sorry")
        and not lx.OBLIGATION.search(text)
        and not lx.asks_of_you(text)
        and not (sentence.mark == "?" and about_their_life(clause))
    ):
        return "refl_about_you", "reflection: describes their situation (… you)", False
    return None


def read_reflections(
    sentences: list[Sentence],
    forms: tuple[Form | None, ...],
    previous: frozenset[str] | set[str],
    answering: bool = False,
) -> ReflectionReading:
    """Whether the line reflects, the cue, and which sentences are reflections.

    `answering`: the other person's turn was a question, so a summary or an echo of their words is
    more likely an answer than a reflection.
    """
    found: tuple[str, str, bool] | None = None
    reflective: set[int] = set()
    clear: set[int] = set()
    total = overlap(tuple(w for s in sentences for w in s.words), previous) if previous else 0.0
    for i, sentence in enumerate(sentences):
        form = forms[i]
        mirrored = overlap(sentence.words, previous)
        for j, clause in enumerate(sentence.clauses):
            tail_check = form is not None and form.code == "tag" and len(clause.words) > 5
            if form is not None and form.code in ASKING_FORMS and j == len(sentence.clauses) - 1 and not tail_check:
                continue  # the question clause itself asks for something new (a check on its own tail does not)
            if (
                j == 0
                and form is not None
                and form.code in ("aux", "wh_fact", "wh_open")
                and sentence.clauses[0].words[0] in lx.AUX | lx.WH_WORDS
            ):
                continue
            cue = _clause_cue(clause, sentence, mirrored, j == 0, answering)
            if cue:
                reflective.add(i)
                if cue[0] in CLEAR:
                    clear.add(i)
                if found is None or (cue[2] and not found[2]):
                    found = cue
                break
    if found is None:
        return ReflectionReading(Call(False, "refl_none", "no reflection", False), frozenset(), frozenset(), total)
    code, why, firm = found
    return ReflectionReading(Call(True, code, why, firm), frozenset(reflective), frozenset(clear), total)
