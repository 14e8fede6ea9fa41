"""Which words of a parsed clause a due date is read from, written the way `dates.find_due` can read them.

Two things go wrong when a clause's tokens are simply joined with spaces. The tokeniser splits some
words a manager writes for a day ("wed" is read as "we" + "d", as in "we'd"), and a space in the middle
makes the day unreadable; so tokens written together are joined again, and a piece glued to a kept
token is kept with it. And a day or a holiday that names a thing rather than saying when
("the Christmas staffing plan", "his Tuesday shift", "the Friday deploy ban") is a modifier in the
parse: it is left out, unless it modifies a time ("on Monday night"). A time that is what the task
acts on ("block out Friday afternoons") is no due date either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from coach.coaching.debrief.dates import find_due
from coach.coaching.lexicon import TIME_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

_MODIFIER = {"compound", "amod", "nmod", "poss"}
_WHEN = {"by", "before", "at", "on", "until", "till", "til"}  # prepositions whose object is when
_ANY_DAY = dt.date(2025, 1, 6)  # only whether a word reads as a date matters


@lru_cache(maxsize=4096)
def _time_word(word: str) -> bool:
    """The word alone reads as a date (asked once per word: pasted notes repeat their words)."""
    return find_due(word, _ANY_DAY) is not None


def _names_a_thing(t: Token) -> bool:
    """A day, month or holiday used as a modifier of a noun that is not itself a time, nor an event the
    clause times itself by ("before Friday service", "at next Thursday's huddle")."""
    if t.dep_ not in _MODIFIER or t.head.pos_ not in ("NOUN", "PROPN") or t.head.i <= t.i:
        return False
    if not _time_word(t.lower_):
        return False  # not a time word at all
    head = t.head
    while head.dep_ in _MODIFIER and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i:
        head = head.head  # "the Christmas staffing plan": Christmas → staffing → plan
    if (head.dep_ == "pobj" and head.head.lower_ in _WHEN) or head.dep_ == "npadvmod":
        return False  # the event the task is timed by ("at mon's meeting", "thurs p3")
    if _time_word(head.lower_):
        return False  # a date beside a date: "the 14th + 21st"
    if head.lemma_.lower() in TIME_NOUNS or head.lower_ in TIME_NOUNS:
        return head.dep_ == "dobj"  # "on Monday night" says when; "block out Friday afternoons" does not
    return True


def _glued(a: Token, b: Token) -> bool:
    """Two tokens written as one word ("we" + "d" in "wed")."""
    return b.i == a.i + 1 and not a.whitespace_ and a.text[-1:].isalpha() and b.text[:1].isalpha()


def join(tokens: Iterable[Token]) -> str:
    """The tokens in order, modifiers that name a thing left out, words the tokeniser split written whole."""
    chosen = {t.i: t for t in tokens}
    if not chosen:
        return ""
    doc = next(iter(chosen.values())).doc
    for i in sorted(chosen):  # a fragment glued to a kept token belongs to its word
        j = i
        while j + 1 < len(doc) and _glued(doc[j], doc[j + 1]):
            j += 1
            chosen.setdefault(j, doc[j])
        j = i
        while j > 0 and _glued(doc[j - 1], doc[j]):
            j -= 1
            chosen.setdefault(j, doc[j])
    out: list[str] = []
    last = -2
    for i in sorted(chosen):
        t = chosen[i]
        if _names_a_thing(t):
            last = -2
            out.append(" ")
            continue
        out.append(t.text if i == last + 1 and _glued(doc[last], t) else f" {t.text}")
        last = i
    return "".join(out).strip()
