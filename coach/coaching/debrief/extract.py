"""Find commitments in parsed sentences and decide who owns and who proposed each.

The dependency parse does the heavy lifting: the subject of the commitment verb is
the owner, and a control verb ("asked me to", "told him to", "offered to") says who
proposed it. Small word lists cover what a parse cannot know (hedges, "already").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.coaching.lexicon import ACTION_VERBS
from coach.domain import Person

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ME, THEM, BOTH, UNCLEAR = "me", "them", "both", "unclear"
_ME = {"i", "me", "myself", "my"}
_BOTH = {"we", "us", "ourselves", "both"}
_THEM = {"he", "she", "him", "her", "they", "them", "himself", "herself", "themselves", "themself"}

OBJECT_CONTROL = {"ask", "tell", "remind", "want", "need", "expect", "assign", "encourage", "challenge", "invite"}
SUBJECT_CONTROL = {"offer", "volunteer", "promise", "commit", "plan", "decide", "agree", "intend", "go", "have"}
REPORT = {"say", "mention", "confirm", "suggest", "propose", "recommend", "insist", "think"}
FUTURE = {"will", "'ll", "shall", "wil"}
OBLIGATION = {"should", "must", "ought"}
HEDGE_MODALS = {"might", "may", "could", "would", "'d", "can"}
HEDGE_ADVERBS = {"maybe", "perhaps", "possibly", "potentially", "eventually", "someday", "hopefully"}
HEDGE_PHRASES = re.compile(
    r"\b(at some point|some ?day|one day|if budget allows|budget permitting|if there'?s time|in theory|"
    r"would be nice|not sure|might|no need to|decided against|down the line|in the future|think about it|"
    r"consider it|sleep on it)\b",
    re.I,
)
DONE_WORDS = {"already", "previously"}

_PREFIX = re.compile(r"^(?:actions?|todo|ap|next steps?|follow[- ]?ups?)\s*(?:\(([^)]{1,30})\))?\s*[:\-–]\s*", re.I)
_OWNER_PREFIX = re.compile(r"^([A-Za-z][\w'.-]*(?:\s[A-Za-z][\w'.-]*)?)\s*(?::|\s[-–]\s)\s*(?=\S)")
_OWNER_SUFFIX = re.compile(r"\s*(?:[(\[]\s*(?:owner:?\s*)?([^)\]]{1,30})[)\]]|@(\w+)|\s[-–]\s*(\w+))\s*\.?$", re.I)


@dataclass
class Found:
    text: str
    owner: str
    proposed_by: str
    verb: str  # lemma of the action verb, for nudges
    sentence: str


class Parties:
    """Maps words in the notes to "me", "them" or "both" for one person."""

    def __init__(self, person: Person) -> None:
        words = [w.casefold() for w in re.findall(r"[\w'-]+", person.name)]
        self.names = {w for w in words if len(w) > 1}

    def word(self, text: str) -> str | None:
        low = text.casefold().strip(".,:;'\"")
        if low in _ME:
            return ME
        if low in _BOTH:
            return BOTH
        if low in _THEM or low in self.names:
            return THEM
        if len(low) >= 3 and any(n.startswith(low) for n in self.names):
            return THEM  # a short form: "Dan" for Daniel
        if len(low) >= 4 and difflib.get_close_matches(low, self.names, n=1, cutoff=0.8):
            return THEM  # a typo in the person's name
        return None

    def phrase(self, text: str) -> str | None:
        found = {p for p in (self.word(w) for w in re.split(r"\s+|/|&|,", text) if w) if p}
        if not found:
            return None
        if BOTH in found or {ME, THEM} <= found:
            return BOTH
        return found.pop()

    def token(self, tok: Token | None) -> str | None:
        if tok is None:
            return None
        group = [tok, *[c for c in tok.children if c.dep_ in ("conj", "appos")]]
        group += [c for t in list(group) for c in t.children if c.dep_ == "conj"]
        if any(c.lower_ == "both" for c in tok.children):
            return BOTH
        found = {p for p in (self.word(t.text) for t in group) if p}
        if BOTH in found or {ME, THEM} <= found:
            return BOTH
        return found.pop() if found else None


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _subject(tok: Token) -> Token | None:
    """The subject of a verb, climbing through xcomp/conj chains when it is shared."""
    seen = 0
    while tok is not None and seen < 6:
        subj = _child(tok, "nsubj", "nsubjpass", "csubj")
        if subj is not None:
            return subj
        if tok.dep_ not in ("xcomp", "conj", "advcl") or tok.head is tok:
            return None
        tok, seen = tok.head, seen + 1
    return None


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _blocked(tok: Token, allow_would: bool = False) -> bool:
    """Negated, hedged or already done."""
    for c in tok.children:
        if c.dep_ == "neg" or c.lower_ in ("never", "no"):
            return True
        if (
            c.dep_ == "aux"
            and c.lower_ in HEDGE_MODALS
            and not (allow_would and c.lower_ in {"would", "'d", "could", "can"})
        ):
            return True
        if c.dep_ in ("advmod", "dep") and c.lower_ in HEDGE_ADVERBS | DONE_WORDS:
            return True
    return False


def _other(party: str | None) -> str:
    return {ME: THEM, THEM: ME}.get(party or "", UNCLEAR)


def _frame(v: Token, parties: Parties) -> tuple[str | None, str | None] | None:
    """(owner, proposer) if `v` is a commitment, else None."""
    head = v.head
    if v.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "to":  # "committed to finishing"
        head = head.head
    if (
        v.dep_ in ("xcomp", "ccomp", "pcomp")
        and head.lemma_ in OBJECT_CONTROL | SUBJECT_CONTROL | REPORT
        and head is not v
    ):
        if _blocked(head, allow_would=True) or "already" in {c.lower_ for c in head.children}:
            return None
        own_subj = _child(v, "nsubj", "nsubjpass")
        speaker = parties.token(_subject(head)) if head.dep_ != "ccomp" or _child(head, "nsubj") else None
        if head.dep_ == "ROOT" or _child(head, "nsubj", "nsubjpass"):
            speaker = parties.token(_child(head, "nsubj"))
        if speaker is None and _subject(head) is None and head.tag_ == "VBD":
            speaker = ME  # "Told Tom to ...": notes are written by the user
        if _child(head, "nsubjpass") is not None:  # "she was asked to ..."
            return (parties.token(_child(head, "nsubjpass")), None) if not _blocked(v) else None
        if head.lemma_ in REPORT:
            if own_subj is None:
                return None if head.lemma_ not in ("suggest", "propose") else (UNCLEAR, speaker)
            subjunctive = head.lemma_ != "say" and v.tag_ in ("VB", "VBP")
            future = _aux(v) & (FUTURE | OBLIGATION | {"would", "'d", "could", "can"}) or subjunctive
            if not future or _blocked(v, allow_would=True) or "going" in {c.lower_ for c in v.children}:
                return None if not future else (parties.token(own_subj), speaker)
            return parties.token(own_subj), speaker
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        if own_subj is not None and infinitive and head.lemma_ in OBJECT_CONTROL:  # "wants me to", "expect him to"
            owner = parties.token(own_subj)
            return None if owner is None or _blocked(v) else (owner, speaker)
        if own_subj is not None and v.dep_ == "ccomp" and head.lemma_ in OBJECT_CONTROL:
            # "I told Daniel I'd write up the options": the clause's own subject owns it
            if _blocked(v, allow_would=True) or not (_aux(v) & (FUTURE | OBLIGATION | {"would", "'d", "could", "can"})):
                return None
            return parties.token(own_subj), speaker
        if _blocked(v, allow_would=head.lemma_ in ("ask", "agree", "suggest")):
            return None
        if head.lemma_ == "want" and _child(head, "dobj", "iobj") is None and own_subj is None:
            return None  # a wish, not a commitment
        if head.lemma_ == "go" and head.lower_ != "going":
            return None
        if head.lemma_ == "have" and not any(c.lower_ == "to" for c in v.children):
            return None
        obj = _child(head, "dobj", "iobj") or own_subj
        if head.lemma_ in OBJECT_CONTROL and obj is not None:
            owner = parties.token(obj)
            if owner is None:
                return None  # a third party was asked: the real action is asking them
            return owner, speaker
        if own_subj is None and v.tag_ not in ("VB", "VBG"):
            return None  # "she volunteered to mentor two new team leads": "leads" is not a second action
        subject = parties.token(own_subj) if own_subj is not None else speaker
        if head.lemma_ in ("need", "have"):
            return subject, ME
        if head.lemma_ == "agree":
            return subject, (UNCLEAR if subject == BOTH else _other(subject)) if own_subj is None else speaker
        return subject, (subject if subject in (ME, THEM) else None)
    aux = _aux(v)
    if aux & (FUTURE | OBLIGATION) and not _blocked(v):
        if head is not v and head.lemma_ in REPORT and v.dep_ == "ccomp":
            return None  # handled via the reporting verb
        subj = _child(v, "nsubj")
        passive = _child(v, "nsubjpass")
        if passive is not None or _child(v, "auxpass") is not None:
            agent = _child(v, "agent")
            pobj = _child(agent, "pobj") if agent is not None else None
            return (parties.token(pobj), None)
        owner = parties.token(subj) if subj is not None else parties.token(_subject(v))
        if aux & OBLIGATION:
            return owner, ME
        return owner, (owner if owner in (ME, THEM) else None)
    return None


def _shorthand(v: Token, parties: Parties) -> str | None:
    """'Tom to send the slides': a party right before an infinitive at the root."""
    if v.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return None
    if v.dep_ != "ROOT":
        head = v.head
        if head.pos_ in ("PROPN", "PRON", "NOUN") and head.dep_ == "ROOT" and head.i < v.i:
            return parties.token(head) or UNCLEAR
        return None
    before = [c for c in v.children if c.i < v.i and c.dep_ not in ("aux", "punct")]
    if not before or _blocked(v):
        return None
    return parties.token(before[0]) or parties.phrase(" ".join(t.text for t in before)) or UNCLEAR


def _imperative(v: Token, sent: Span) -> bool:
    if v.dep_ != "ROOT" or v.tag_ != "VB" or _child(v, "nsubj", "aux", "nsubjpass") is not None or _blocked(v):
        return False
    lead = [t for t in sent if t.i < v.i and not t.is_punct and t.lower_ not in ("please", "then", "also", "and")]
    return not lead and v.lower_ not in ("thanks", "thank", "discuss", "see", "note")


_EXCLUDE = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "cc", "conj", "punct", "mark", "csubj", "preconj"}


def action_text(v: Token) -> str:
    passives = [c for c in v.children if c.dep_ == "nsubjpass"]
    if passives:  # "the budget will be sorted" -> "Sort the budget"
        # The small model may split a compound subject ("the design doc") into several nsubjpass children.
        subject = sorted({t.i for c in passives for t in c.subtree})
        by_agent = {t.i for c in v.children if c.dep_ == "agent" for t in c.subtree}  # "by the team": the owner
        rest = [t for t in v.subtree if t.i > v.i and t.dep_ != "punct" and t.i not in by_agent]
        first = v.doc[subject[0]]
        lead = first.text if first.pos_ == "PROPN" else first.lower_  # "Send the slides", not "Send The slides"
        words = [v.lemma_, lead, *(v.doc[i].text for i in subject[1:]), *(t.text for t in rest)]
        text = " ".join(words)
        return text[:1].upper() + text[1:]
    skip: set[int] = set()
    for c in v.children:
        party_first = c.i < v.i and c.dep_ == "npadvmod" and c.pos_ in ("PROPN", "PRON")  # "Tom to draft the plan"
        if c.dep_ in _EXCLUDE or c.lower_ in HEDGE_ADVERBS | {"both", "together"} or c.dep_ == "agent" or party_first:
            skip.update(t.i for t in c.subtree)
    tokens = [t for t in v.subtree if t.i not in skip]
    text = "".join(t.text_with_ws for t in tokens).strip().strip(",.;:-– ")
    return text[:1].upper() + text[1:]


def _owner_tags(text: str, parties: Parties) -> tuple[str, str | None]:
    """Strip 'Action (me):', 'Tom:' or '(owner: me)' markers; return the rest and the owner they name."""
    owner = None
    if m := _PREFIX.match(text):
        owner = parties.phrase(m[1]) if m[1] else None
        text = text[m.end() :]
    if m := _OWNER_PREFIX.match(text):
        named = parties.phrase(m[1])
        if named is not None:
            owner, text = named, text[m.end() :]
    if m := _OWNER_SUFFIX.search(text):
        named = parties.phrase(next(g for g in m.groups() if g))
        if named is not None:
            owner, text = named, text[: m.start()]
    return text, owner


def prepare(text: str, parties: Parties) -> tuple[str, str | None]:
    return _owner_tags(text, parties)


def find_actions(sent: Span, parties: Parties, tagged_owner: str | None, bullet: bool) -> list[Found]:
    """Every commitment in one parsed sentence."""
    if sent.text.rstrip().endswith("?") or HEDGE_PHRASES.search(sent.text):
        return []
    found: list[Found] = []
    claimed: set[int] = set()

    def add(v: Token, owner: str | None, proposer: str | None) -> None:
        if v.i in claimed:
            return
        claimed.add(v.i)
        text = action_text(v)
        if len(text) < 3:
            return
        proposed = proposer if proposer in (ME, THEM) else UNCLEAR
        found.append(Found(text, owner or UNCLEAR, proposed, v.lemma_.lower(), sent.text))
        for c in v.children:  # "I'll email the vendor and chase procurement"
            shares_subject = c.dep_ == "conj" and _child(c, "nsubj") is None and c.tag_ == "VB"
            if shares_subject and c.pos_ in ("VERB", "AUX") and not _blocked(c):
                add(c, owner, proposer)

    for v in sent:
        if v.pos_ not in ("VERB", "AUX") or v.i in claimed or v.dep_ in ("aux", "auxpass"):
            continue
        frame = _frame(v, parties)
        if frame is not None:
            owner, proposer = frame
            add(v, owner or tagged_owner, proposer)
            continue
        short = _shorthand(v, parties)
        if short is not None:
            add(v, tagged_owner or short, None)
        elif (bullet or tagged_owner) and _imperative(v, sent):
            add(v, tagged_owner, None)
    if not found and (bullet or tagged_owner):
        words = [t for t in sent if not t.is_punct and t.lower_ not in ("please", "then", "also")]
        if words and words[0].lower_ in ACTION_VERBS and words[0].dep_ != "nsubj" and not _blocked(words[0]):
            text = sent.text.strip().strip(",.;:-– ")
            found.append(
                Found(text[:1].upper() + text[1:], tagged_owner or UNCLEAR, UNCLEAR, words[0].lower_, sent.text)
            )
    return found
