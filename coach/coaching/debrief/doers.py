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


_JOINS = {"and", "but", "so", "then", ",", ";"}


def stranded_subject(v: Token) -> Token | None:
    """The subject of a joined clause that the parse hung on the clause before it.

    "I need to speak to the warehouse and Ravi on the night crew will do a recount": the small parser
    makes Ravi a second thing to speak about and "do" a verb sharing "I". A joined verb with its own
    modal is a new clause, so it has its own subject: the name or pronoun that opens the words between
    the join and the modal, with no verb among them.
    """
    if v.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in v.children):
        return None
    aux = next((c for c in v.children if c.dep_ == "aux" and c.tag_ == "MD" and c.i < v.i), None)
    if aux is None:
        return None
    start = aux.i - 1
    while start > v.sent.start and v.doc[start].lower_ not in _JOINS:
        if v.doc[start].pos_ in ("VERB", "AUX"):
            return None
        start -= 1
    if start <= v.sent.start or start + 1 >= aux.i:
        return None
    opener = v.doc[start + 1]
    return opener if opener.pos_ in ("PROPN", "PRON") and opener.dep_ not in ("poss",) else None


_PHRASAL_TOGETHER = {"put", "pull", "get", "bring", "piece", "throw", "cobble", "club", "stitch"}
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "acl"}


def done_together(v: Token) -> bool:
    """ "review the allergen matrix together", "she'll check it together with me": a shared task, wherever the
    parse hangs "together" in the verb's own words (on the object, on "with"), but not "pull the numbers
    together" (a phrasal verb: compile) nor a "together" inside another clause."""
    if v.lemma_.lower() in _PHRASAL_TOGETHER:
        return False
    for t in v.subtree:
        if t.lower_ != "together" or t.dep_ == "prt":
            continue
        up = t.head
        while up.i != v.i and up.dep_ not in _CLAUSE_DEPS and up.head.i != up.i:
            up = up.head
        if up.i == v.i:
            return True
    return False
