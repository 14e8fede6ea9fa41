"""Find the candidate tasks of a parsed sentence, with their owner, proposer, wording and date span.

`clauses.read` reads each verb; this module adds what a list of notes says around the parse
(an owner tag such as "me:" or "(him)", a next-steps header, a bare imperative bullet), words
the task from the verb's subtree, and keeps the flags the decision is taken from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.coaching.debrief.clauses import Clause, blocking, child, read
from coach.coaching.debrief.parties import BOTH, ME, NOBODY_PARTY, OTHER, THEM, UNCLEAR, Parties, Party
from coach.coaching.debrief.segment import ACTIONS, Segment
from coach.coaching.lexicon import ACTION_VERBS, HEDGE_ADVERBS, HEDGE_PHRASES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAX_WORDS = 24  # a task is worded in at most this many tokens (run-on notes parse into long subtrees)
_EXCLUDE = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "mark", "csubj", "preconj", "expl"}
_CLAUSES = {"conj", "parataxis", "advcl", "ccomp", "relcl", "dep", "acl"}
_KEEPS_CLAUSE = {"ask", "check", "find", "see", "confirm", "tell", "let", "get", "have", "make", "help", "remind"}
_LEAD_SKIP = {"please", "then", "also", "and", "so", "to", "pls", "ok", "okay"}


@dataclass
class Candidate:
    """A clause that may be a task, worded, with everything the decision needs."""

    clause: Clause
    text: str
    date_text: str  # the words a due date is read from
    segment: Segment
    tag: Party | None
    flags: set[str] = field(default_factory=set)

    @property
    def owner(self) -> Party:
        return self.clause.owner or NOBODY_PARTY

    @property
    def kind(self) -> str:
        return self.clause.kind


def resolve_tag(seg: Segment, parties: Parties) -> Party | None:
    """The owner a tag names ("me:", "(him)", "owner tbc:", "legal:"), or None when it names no party."""
    for tag in (seg.suffix, seg.prefix):
        if tag:
            party = parties.phrase(tag)
            if party is not None:
                return party
    return None


def _separate(c: Token, v: Token) -> bool:
    """A clause hanging off the task's verb that is a statement of its own, not part of the task."""
    if c.dep_ not in _CLAUSES:
        return False
    if c.dep_ == "conj":
        return child(c, "nsubj", "nsubjpass") is not None or c.pos_ not in ("VERB", "AUX")
    if c.dep_ in ("ccomp", "xcomp") and v.lemma_.lower() in _KEEPS_CLAUSE:
        return False  # "ask Joel whether his team can take it", "get the gatehouse to log arrivals"
    if c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children):
        return False  # "if it doesn't improve", "before Friday service": the task's condition or time
    return c.dep_ in ("parataxis", "relcl") or child(c, "nsubj", "nsubjpass") is not None


def _words(v: Token, *, keep_conj: bool) -> list[Token]:
    skip: set[int] = set()
    for c in v.children:
        party_first = c.i < v.i and c.dep_ in ("npadvmod", "nsubj") and c.pos_ in ("PROPN", "PRON", "NOUN")
        hedge = c.dep_ in ("advmod",) and c.lower_ in HEDGE_ADVERBS
        if c.dep_ in _EXCLUDE or c.dep_ == "cc" and not keep_conj or hedge or party_first or _separate(c, v):
            skip.update(t.i for t in c.subtree)
        if c.dep_ == "conj" and not keep_conj:
            skip.update(t.i for t in c.subtree)
    for c in v.subtree:  # ", which I think is great": a comment on the task, not the task
        if c.dep_ == "relcl" and any(t.lower_ in ("which",) for t in c.children) and c.i > v.i:
            skip.update(t.i for t in c.subtree)
    return [t for t in v.subtree if t.i not in skip and t.i >= v.i]


def _passive_text(v: Token) -> str | None:
    """"The design doc will be reviewed by the team" -> "Review the design doc"."""
    passives = [c for c in v.children if c.dep_ == "nsubjpass"]
    if not passives:
        return None
    subject = sorted({t.i for c in passives for t in c.subtree})
    by_agent = {t.i for c in v.children if c.dep_ == "agent" for t in c.subtree}
    rest = [t for t in _words(v, keep_conj=True) if t.i > v.i and t.i not in by_agent]
    first = v.doc[subject[0]]
    lead = first.text if first.pos_ == "PROPN" else first.lower_
    return " ".join([v.lemma_, lead, *(v.doc[i].text for i in subject[1:]), *(t.text for t in rest)])


def action_text(v: Token) -> str:
    """The task in the notes' own words, starting at its verb ("set up a weekly sync with their lead")."""
    text = _passive_text(v)
    if text is None:
        tokens = _words(v, keep_conj=True)[:MAX_WORDS]
        text = "".join(t.text_with_ws for t in tokens)
    text = " ".join(text.split()).strip(",.;:-–—> ")
    return text[:1].upper() + text[1:]


def date_text(clause: Clause) -> str:
    """Where the due date is said: the task's own words, and the time words on its governing verbs."""
    v = clause.verb
    words = [t.text for t in v.subtree if not (t.dep_ == "conj" and child(t, "nsubj") is not None)]
    for g in (clause.governor, v.head if v.dep_ in ("xcomp", "ccomp") else None):
        if g is None or g is v:
            continue
        for c in g.children:
            if c.dep_ in ("prep", "npadvmod", "advmod") and c.i not in {t.i for t in v.subtree}:
                words += [t.text for t in c.subtree]
    return " ".join(words)


def window(clause: Clause, sent: Span) -> str:
    """The words around a clause that can take it back ("…, nothing decided", "maybe next year")."""
    v = clause.verb
    tokens = list(v.subtree)
    start = min([tokens[0].i, *([clause.governor.i] if clause.governor is not None else [])])
    end = min(tokens[-1].i + 4, sent.end)
    return sent.doc[max(start - 2, sent.start) : end].text


def _linear(v: Token, sent: Span, stop: int) -> str:
    """A list item's task: its words from the verb to the next task or the end of the item."""
    return sent.doc[v.i : min(stop, sent.end)].text


def _imperative(v: Token, sent: Span) -> bool:
    if v.dep_ != "ROOT" or child(v, "nsubj", "nsubjpass", "aux") is not None:
        return False
    if v.tag_ not in ("VB", "VBP") and not (v.i == _first_word(sent) and v.lower_ in ACTION_VERBS):
        return False
    return _first_word(sent) == v.i and v.lower_ not in ("thanks", "thank", "see", "note", "please")


def _first_word(sent: Span) -> int:
    for t in sent:
        if not t.is_punct and t.lower_ not in _LEAD_SKIP:
            return t.i
    return sent.start


def _imperative_owner(v: Token, seg: Segment, tag: Party | None, parties: Parties) -> Party:
    if tag is not None:
        return tag
    if any(c.lower_ == "together" for c in v.children) or any(t.lower_ == "both" for t in v.sent):
        return Party(BOTH)
    if seg.follows:
        return Party(ME)  # "she wants to shadow the audit -> ask Hamid": the writer's note to self
    return NOBODY_PARTY


def candidates(sent: Span, seg: Segment, parties: Parties, tag: Party | None) -> list[Candidate]:
    """Every clause of one parsed sentence that may be a task, once each."""
    out: list[Candidate] = []
    seen: set[int] = set()

    def add(clause: Clause) -> None:
        if clause.verb.i in seen:
            return
        seen.add(clause.verb.i)
        text = action_text(clause.verb)
        if len(text) < 3:
            return
        owner = clause.owner
        if tag is not None and (owner is None or owner.role == UNCLEAR or clause.kind in ("imperative", "shorthand")):
            clause.owner = tag
        flags = set(clause.flags)
        if HEDGE_PHRASES.search(window(clause, sent)):
            flags.add("hedge_phrase")
        if clause.verb.lemma_.lower() in ACTION_VERBS or clause.verb.lower_ in ACTION_VERBS:
            flags.add("action_verb")
        out.append(Candidate(clause, text, date_text(clause), seg, tag, flags))

    for v in sent:
        clause = read(v, parties)
        if clause is not None:
            add(clause)
        elif (seg.bullet or tag is not None or seg.section == ACTIONS) and _imperative(v, sent):
            owner = _imperative_owner(v, seg, tag, parties)
            add(Clause(v, "imperative", owner, UNCLEAR, False, flags=blocking(v)))
    if not out and (seg.bullet or tag is not None or seg.task):
        first = sent.doc[_first_word(sent)] if len(sent) else None
        statement = any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX") for t in sent)
        verbish = first is not None and (first.lower_ in ACTION_VERBS or (tag is not None or seg.task))
        if first is not None and verbish and not statement and first.pos_ in ("VERB", "NOUN", "ADJ", "X"):
            if first.dep_ not in ("nsubj", "aux") and first.lower_ not in _NOT_TASK_START:
                owner = _imperative_owner(first, seg, tag, parties)
                flags = blocking(first) | {"misparsed"} | ({"action_verb"} if first.lower_ in ACTION_VERBS else set())
                clause = Clause(first, "imperative", owner, UNCLEAR, False, flags=flags)
                text = sent.doc[first.i : sent.end].text.strip().strip(",.;:-–— ")
                out.append(Candidate(clause, text[:1].upper() + text[1:], sent.text, seg, tag, set(flags)))
    if seg.bullet or tag is not None:  # a list item: word each task to the next one, the parse of terse
        starts = sorted(c.clause.verb.i for c in out)  # notes is too frail for subtrees
        for c in out:
            if c.kind in ("imperative", "shorthand") or len(out) == 1:
                later = [i for i in starts if i > c.clause.verb.i]
                text = _linear(c.clause.verb, sent, later[0] if later else sent.end).strip(",.;:-–—> ")
                if len(text) > len(c.text):
                    c.text = text[:1].upper() + text[1:]
    return out


_NOT_TASK_START = {"no", "not", "nothing", "none", "still", "already", "good", "great", "fine", "ok", "okay", "done"}


def owner_fields(party: Party) -> tuple[str, str | None]:
    """(owner value, owner_name) for the domain's Action."""
    if party.role == OTHER and party.name:
        return OTHER, party.name
    if party.role in (ME, THEM, BOTH):
        return party.role, None
    return UNCLEAR, None
