"""Who is who in a manager's notes: "me" (the writer), "them" (the person the 1:1 was with), "both", or a
named third person or team ("other", with the name kept).

Names come in many forms: the full name or any part of it, a short form ("Dan" for Daniel, "Seun" for
Oluwaseun), initials ("DH"), a close typo. He, she and they are the person, unless the clause reports
what a third person said ("Kieran said he'd send it": he is Kieran).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.coaching.lexicon import AGENT_NOUNS, CALENDAR, NOBODY
from coach.domain import Person

if TYPE_CHECKING:
    from spacy.tokens import Token

ME, THEM, BOTH, OTHER, UNCLEAR = "me", "them", "both", "other", "unclear"
_ME = {"i", "me", "myself", "my", "mine"}
_BOTH = {"we", "us", "ourselves", "both", "together", "ours"}
_THEM = {"he", "she", "him", "her", "they", "them", "himself", "herself", "themselves", "themself", "you"}
_THINGS = {"it", "this", "that", "which", "these", "those", "there", "what", "nothing", "everything"}
_MY_PEOPLE = {"team", "staff", "people", "crew", "reports", "supervisors", "leads"}
_NAME_PARTS = {"compound", "det", "poss", "case", "amod", "nmod", "nummod", "flat"}


@dataclass(frozen=True)
class Party:
    """One side of a commitment. `name` only for OTHER."""

    role: str
    name: str | None = None

    @property
    def is_party(self) -> bool:
        return self.role in (ME, THEM, BOTH, OTHER)


NOBODY_PARTY = Party(UNCLEAR)


def merge(parties: list[Party]) -> Party | None:
    """ "Tom and I" is me and Tom; "she and I" is both; two third persons keep the first name."""
    roles = {p.role for p in parties}
    if not roles:
        return None
    if BOTH in roles or {ME, THEM} <= roles:
        return Party(BOTH)
    for role in (ME, THEM, OTHER, UNCLEAR):
        if role in roles:
            return next(p for p in parties if p.role == role)
    return None


class Parties:
    """Maps words of the notes to parties, for notes about one person."""

    def __init__(self, person: Person) -> None:
        parts = [w.casefold() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", person.name)]
        self.names = {w for w in parts if len(w) > 1}
        self.initials = "".join(w[0] for w in parts)

    def is_person(self, word: str) -> bool:
        low = word.casefold().strip(".,:;'\"()")
        if len(low) < 2:
            return False
        if low in self.names:
            return True
        if len(low) >= 3 and any(n.startswith(low) for n in self.names):
            return True  # a short form: "Dan" for Daniel
        if len(low) >= 4 and any(len(n) >= 7 and n.endswith(low) for n in self.names):
            return True  # "Seun" for Oluwaseun
        if word.isupper() and 2 <= len(low) <= 3 and self.initials.startswith(low) and len(self.initials) > 1:
            return True  # initials: "DH" for Dong-hyun
        return len(low) >= 4 and bool(difflib.get_close_matches(low, self.names, n=1, cutoff=0.8))

    def word(self, text: str) -> Party | None:
        """A party named by one word, without the parse (tags such as "me:" or "(him)")."""
        low = text.casefold().strip(".,:;'\"()[]")
        if low in _ME:
            return Party(ME)
        if low in _BOTH:
            return Party(BOTH)
        if low in _THEM or self.is_person(text):
            return Party(THEM)
        if low in NOBODY:
            return NOBODY_PARTY
        return None

    def phrase(self, text: str) -> Party | None:
        """A party named by a short tag: "me", "Priya", "both", "Tom", "legal", "owner tbc", "Tom (HR)"."""
        words = [w for w in re.split(r"[\s/&,+]+", text.strip()) if w]
        if not words or len(words) > 4:
            return None
        known = [p for p in (self.word(w) for w in words) if p is not None]
        fillers = {"and", "of", "owner", "owners", "the", "who"}
        plain = [w for w in words if self.word(w) is None and w.casefold().strip("()?:") not in fillers]
        if known and any(not w[:1].isupper() for w in plain):
            return None  # "done before we finished": a remark, not an owner
        if any(w.casefold().strip("()") in ("and", "both") for w in words) and known:
            known.append(Party(BOTH) if any(p.role == ME for p in known) else known[0])
        found = merge(known)
        if found is not None:
            return found
        plain = [w.strip("()[]") for w in words if w.casefold() not in ("the", "our", "their", "his", "her")]
        if not plain or any(w.casefold() in CALENDAR or not w[:1].isalpha() for w in plain):
            return None
        if all(w[:1].isupper() or w.casefold().removesuffix("'s") in AGENT_NOUNS for w in plain):
            return Party(OTHER, re.sub(r"\s+", " ", text.strip()).strip(" -–:"))
        return None

    def token(self, tok: Token | None, speaker: Party | None = None) -> Party | None:
        """The party a subject or object token names (with its conjuncts), or None for a thing.

        `speaker`: the party whose words the clause reports; a pronoun then refers to them when they are
        a third person ("Kieran said he'd send it").
        """
        if tok is None:
            return None
        group = [tok, *[c for c in tok.children if c.dep_ == "conj"]]
        group += [c for t in list(group) for c in t.children if c.dep_ == "conj" and c not in group]
        found = [p for p in (self._one(t, speaker) for t in group) if p is not None]
        if any(c.lower_ == "both" for c in tok.children):
            found.append(Party(BOTH))
        return merge(found)

    def _one(self, tok: Token, speaker: Party | None) -> Party | None:
        low = tok.lower_
        if low in _ME:
            return Party(ME)
        if low in _BOTH:
            return Party(BOTH)
        if low in _THEM:
            if speaker is not None and speaker.role == OTHER:
                return speaker
            if low in ("they", "them", "their") and (near := self._named_before(tok, 10)) is not None:
                return near  # "the snagging list is with the contractor, they'll sort it"
            return Party(THEM)
        if tok.tag_ == "WP" and low == "who":
            return self._named_before(tok, 4)  # "a quote from Coolair, who said…"
        if low in NOBODY:
            return NOBODY_PARTY
        if self.is_person(tok.text) and (tok.pos_ == "PROPN" or tok.text[:1].isupper() or low in self.names):
            return Party(THEM)
        if tok.text.isupper() and 2 <= len(tok.text) <= 4 and tok.text.isalpha() and low not in ("ok", "am", "pm"):
            return Party(OTHER, self.name_of(tok))  # a team by its letters: IT, HR, QA, SLT
        if low in _THINGS or low in CALENDAR or tok.like_num:
            return None
        for c in tok.children:  # "Tom (HR)", "HR (Nadia)": a name in brackets beside a role
            if c.dep_ == "appos" and self.is_person(c.text):
                return Party(THEM)
        named = any(c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > tok.i for c in tok.children)
        if named and tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass"):
            return Party(OTHER, self.name_of(tok))  # "my team leader Carla will…": a role with a name beside it
        if tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.i > tok.sent.start and tok.pos_ == "NOUN"):
            return Party(OTHER, self.name_of(tok))
        if tok.pos_ in ("NOUN", "PROPN") and (tok.lemma_.lower() in AGENT_NOUNS or low in AGENT_NOUNS):
            if any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in tok.children) and low in _MY_PEOPLE:
                return Party(ME)  # "my staff will keep the bays clear": the writer's own team
            return Party(OTHER, self.name_of(tok))
        return None

    def _named_before(self, tok: Token, reach: int) -> Party | None:
        """The third party named just before a pronoun in its sentence, if any."""
        for t in reversed(tok.doc[max(tok.sent.start, tok.i - reach) : tok.i]):
            if t.pos_ in ("PROPN", "NOUN") and t.lower_ not in _THEM:
                party = self._one(t, None)
                if party is not None and party.role == OTHER:
                    return party
        return None

    @staticmethod
    def name_of(tok: Token) -> str:
        """The name as written: "Mr Osei", "Dana's team", "the environmental health team" (not "from finance").
        A role with the person's name beside it is the name: "Chef (Pierre)", "our business manager Kevin"."""
        role = tok.pos_ != "PROPN" or tok.text.isupper() or tok.lower_ in AGENT_NOUNS
        named = [
            c
            for c in tok.children
            if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" and c.i > tok.i and not c.text.isupper()
        ]
        if named and role:
            tok = named[0]
        keep = {tok.i}
        frontier = [tok]
        while frontier:
            t = frontier.pop()
            for c in t.children:
                if (c.i < tok.i and c.dep_ in _NAME_PARTS) or c.dep_ in ("case", "flat"):
                    keep.update(x.i for x in c.subtree)
                    frontier.append(c)
        span = tok.doc[min(keep) : max(keep) + 1]
        return " ".join(t.text for t in span).replace(" 's", "'s").strip()
