"""Personal moves: asking about the person's life beyond the role, or sharing one's own.

By category, not by topic (docs/nlp.md): an **ask** is a question or invitation about how the
person really is ("how are you holding up", "are you OK"), or about their family, home, health,
time off or background, anchored on them ("your dad", "your weekend"); a ritual greeting ("how's
it going?") and an opinion about work ("how do you feel about the roadmap?") are not. A
**reveal** is the speaker's own feelings ("I'm knackered", "I've been anxious about the
restructure"), own past ("when I was new", "I went through the same") or own life ("my mum is in
hospital"). The learned head reads the meaning where these classes say nothing ("how's the cello
going?"). The first move in the line decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from coach.coaching import lexicon as lx
from coach.coaching.lines.calls import Call
from coach.coaching.lines.questions import FORMS, Form
from coach.coaching.lines.tokens import Clause, Sentence

PersonalMove = Literal["ask", "reveal"]

_GREETING = re.compile(
    r"^(?:hi |hey |hello |morning |afternoon )?(?:how (?:are|r) (?:you|u|things|we)(?: doing| going| today)?|"
    r"how is it going|"
    r"how is (?:your|ur) (?:day|week|morning|afternoon|shift)(?: going| been)?|how (?:have|'ve) you been|"
    r"how is everyone|"
    r"you (?:good|alright)|how is things|how do you do|what is up|what is new|how is the (?:day|week) (?:going|been))$"
)
_REALLY = re.compile(r"^(?:really|honestly|actually|truly|i mean really|but really|how are you really)\b")
_YOURS = frozenset({"your", "ur", "yours"})
_MINE = frozenset({"my", "mine"})
_YOU_OFF_WORK = re.compile(
    r"\b(?:you|u)\b.{0,30}\b(?:get away|get up to|been up to|up to (?:this|at the|on the|over)|off to|"
    r"get (?:some|any) (?:sleep|rest)|getting (?:some|any) sleep|sleeping|switch off|relax|unwind|recharge)\b"
)
_SELF = frozenset({"i", "i'm", "i've", "i'd", "me", "myself"})
_OTHERS = frozenset(
    {"you", "u", "you're", "they", "they're", "he", "she", "he's", "she's", "it", "people", "everyone", "we", "we're"}
)
_NOT_A_FEELING = re.compile(
    r"\bi(?:'m| am)? (?:(?:not |really |quite )?(?:sure|happy to|happy with|fine with|ok with|okay with|glad to|"
    r"keen to|"
    r"afraid (?:we|that|it|i can't|not)|sorry (?:i'm|for|to|about)|worried about (?:you|your|him|her|them)))"
)
_STRUGGLE = re.compile(
    r"\bi(?:'ve| have)? (?:found|find|'m finding|am finding|had|'ve had|'m having|am having) (?:it |this |that |"
    r"the \w+ |a )?"
    r"(?:really |very |quite |so |pretty )?(?:hard|difficult|tough|rough|the hardest|draining|a struggle)\b"
)


def _category(word: str, owned: bool) -> str | None:
    word = word.removesuffix("'s")
    if word in lx.KIN:
        return "family"
    if word in lx.HOME_LIFE:
        return "home"
    if word in lx.HEALTH or (owned and word in lx.BODY):
        return "health"
    return None


def _owned(words: tuple[str, ...], owners: frozenset[str]) -> tuple[str, str] | None:
    """(life category, the words that show it) for something owned by one side ("your dad", "my landlord")."""
    for i, w in enumerate(words):
        if w not in owners:
            continue
        after = words[i + 1 : i + 4]
        for k, other in enumerate(after):
            found = _category(other, owned=True)
            if found:
                return found, " ".join((w, *after[: k + 1]))
        time = lx.OWN_TIME.search(" ".join(after[:2]))
        if time:
            return "time outside work", f"{w} {time.group(0)}"
    return None


def about_their_life(clause: Clause) -> bool:
    """Does the clause speak of life beyond the role (family, home, health, time off)? A "you…?" check on
    such a topic is asking about them, not saying back what they said (reflections.py asks this)."""
    text = clause.text
    return (
        _owned(clause.words, _YOURS) is not None  # "your wife", "your weekend": a bare "moving" is no house move
        or bool(_YOU_OFF_WORK.search(text))
        or bool(lx.TIME_OFF.search(text))
    )


@dataclass(frozen=True)
class PersonalReading:
    call: Call[PersonalMove | None]
    greeting: bool


def _ask(sentence: Sentence, form: Form | None) -> Call[PersonalMove | None] | None:
    text = sentence.text
    if form is None or FORMS.get(form.code) is None:
        return None
    wellbeing = lx.WELLBEING_ASK.search(text)
    if wellbeing:
        return Call("ask", "pers_wellbeing", f"personal ask: how they really are ({wellbeing.group(0)}…)", True)
    if lx.WORK_OPINION.search(text):
        return None
    if _owned(sentence.words, _MINE):
        return None  # "is it OK if I leave early for my daughter's play?" shares, rather than asks
    yours = _owned(sentence.words, _YOURS)
    if yours:
        category, shown = yours
        firm = category != "time outside work"
        return Call("ask", "pers_topic_you", f"personal ask: about their {category} ({shown}…)", firm)
    if _YOU_OFF_WORK.search(text):
        return Call("ask", "pers_topic_you", "personal ask: about their time outside work", False)
    time_off = lx.TIME_OFF.search(text)
    if time_off:
        return Call("ask", "pers_topic", f"personal ask: about life outside work ({time_off.group(0)})", False)
    life = next(((c, w) for w in sentence.words if (c := _category(w, owned=False))), None)
    if life and life[0] != "health":
        return Call("ask", "pers_topic", f"personal ask: about {life[0]} ({life[1]})", False)
    return None


def _feeling_near_self(words: tuple[str, ...]) -> str | None:
    """A feeling within four words after the speaker's own "I", with no one else named in between."""
    for i, w in enumerate(words):
        if w not in _SELF:
            continue
        for other in words[i + 1 : i + 6]:
            if other in _OTHERS:
                break
            if other in lx.FEELING_WORDS:
                return other
    return None


def _reveal(clause: Clause) -> Call[PersonalMove | None] | None:
    text = clause.text
    words = clause.words
    mine = _owned(words, _MINE)
    if mine:
        category, shown = mine
        firm = category != "time outside work"
        return Call("reveal", "pers_my_life", f"personal reveal: shares their own {category} ({shown}…)", firm)
    if not any(w in _SELF for w in words):
        return None
    history = lx.OWN_HISTORY.search(text)
    if history:
        return Call("reveal", "pers_history", f"personal reveal: shares their own past ({history.group(0)}…)", False)
    if _NOT_A_FEELING.search(text):
        return None
    feeling = _feeling_near_self(words)
    phrase = lx.FEELING_PHRASES.search(text)
    if feeling or phrase:
        shown = feeling or (phrase.group(0) if phrase else "")
        return Call("reveal", "pers_feeling", f"personal reveal: shares their own feelings (… {shown})", False)
    struggle = _STRUGGLE.search(text)
    if struggle:
        return Call(
            "reveal", "pers_feeling", f"personal reveal: shares their own struggle ({struggle.group(0)}…)", False
        )
    time_off = lx.TIME_OFF.search(text)
    if time_off:
        return Call(
            "reveal", "pers_life", f"personal reveal: shares their time outside work ({time_off.group(0)})", False
        )
    if any(
        _category(w, owned=False) in ("family", "health") and not _YOURS & set(words[max(0, i - 3) : i])
        for i, w in enumerate(words)
    ):  # "your father" is theirs, not the speaker's
        return Call("reveal", "pers_life", "personal reveal: shares their own life (family or health)", False)
    return None


def read_personal(
    sentences: list[Sentence], forms: tuple[Form | None, ...], reflective: frozenset[int] = frozenset()
) -> PersonalReading:
    """The first personal move in the line (an ask or a reveal), or None."""
    greeting = False
    for i, sentence in enumerate(sentences):
        form = forms[i]
        if form is not None and _GREETING.match(sentence.text):
            greeting = True
            continue
        if greeting and _REALLY.match(sentence.text):
            return PersonalReading(
                Call("ask", "pers_wellbeing", "personal ask: how they really are (…, really?)", True), True
            )
        ask = None if i in reflective else _ask(sentence, form)
        if ask:
            return PersonalReading(ask, greeting)
        if i in reflective:
            continue
        for clause in sentence.clauses:
            reveal = _reveal(clause)
            if reveal:
                return PersonalReading(reveal, greeting)
    if greeting:
        return PersonalReading(Call(None, "pers_greeting", "not personal: a greeting", False), True)
    return PersonalReading(Call(None, "pers_none", "not personal: about the work", False), False)
