"""Who does a task when the notes' own shorthand says so and no word list knows the name.

"Infection control to re-audit the sluice rooms", "security firm to add a door person": a list line that
opens with a noun phrase and goes straight on to an infinitive is the "X is to do Y" shorthand, and X is
its doer, whatever X is called. Teams and roles are an open class, so this reads the construction, not
the words: the noun phrase must open the sentence, the "to" must follow it at once, and it must not be a
quantity or a negation ("no change to close calendar", "nothing to share") or a time ("time to hire").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.coaching.debrief.parties import OTHER, Parties, Party
from coach.coaching.lexicon import CALENDAR, TIME_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

_NOT_A_DOER = {"no", "any", "nothing", "none", "every", "each", "some", "more", "less", "time", "plan", "way"}


def opening_doer(head: Token, v: Token) -> Party | None:
    """The third party a noun phrase opening a "N to V" line names, or None when the shape does not hold."""
    if head.pos_ not in ("NOUN", "PROPN") or head.i >= v.i:
        return None
    sent = v.sent
    first = next((t for t in sent if not t.is_punct), None)
    if first is None or head.left_edge.i != first.i:
        return None
    to = next((c for c in v.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i != head.i + 1:
        return None
    words = list(sent.doc[head.left_edge.i : head.i + 1])
    if any(t.lower_ in _NOT_A_DOER or t.lower_ in CALENDAR for t in words) or head.lemma_.lower() in TIME_NOUNS:
        return None
    if any(t.pos_ in ("VERB", "AUX", "PRON", "NUM") for t in words):
        return None
    return Party(OTHER, Parties.name_of(head))
