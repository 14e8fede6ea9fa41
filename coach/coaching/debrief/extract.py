"""Find the candidate tasks of a parsed sentence, with their owner, proposer, wording and date span.

`clauses.read` reads each verb; this module adds what a list of notes says around the parse
(an owner tag such as "me:" or "(him)", a next-steps header, a bare imperative bullet), words
the task from the verb's subtree, and keeps the flags the decision is taken from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.coaching.debrief import timewords
from coach.coaching.debrief.clauses import Clause, blocking, child, read
from coach.coaching.debrief.doers import done_together, opening_doer
from coach.coaching.debrief.parties import BOTH, ME, NOBODY_PARTY, OTHER, THEM, UNCLEAR, Parties, Party
from coach.coaching.debrief.segment import ACTIONS, Segment
from coach.coaching.lexicon import ACTION_VERBS, DECLINED, DONE_MARK, HEDGE_ADVERBS, HEDGE_PHRASES, PAST_TIME

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAX_WORDS = 24  # a task is worded in at most this many tokens (run-on notes parse into long subtrees)
_EXCLUDE = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "mark", "csubj", "preconj", "expl"}
_CLAUSES = {"conj", "parataxis", "advcl", "ccomp", "relcl", "dep", "acl"}
_KEEPS_CLAUSE = {
    "ask",
    "check",
    "find",
    "see",
    "confirm",
    "tell",
    "let",
    "get",
    "have",
    "make",
    "help",
    "remind",
    "want",
    "need",
    "expect",
}
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
    context: str = ""  # the clause with what governs it, for a learned scorer to read

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


def _words(v: Token, *, keep_conj: bool, others: frozenset[int] = frozenset()) -> list[Token]:
    skip: set[int] = set()
    for t in v.subtree:  # another task inside this one's subtree ("… and Jess is going to redo it") is its own
        if t.i in others and t.i != v.i:
            skip.update(x.i for x in t.subtree)
    for c in v.children:
        party_first = c.i < v.i and c.dep_ in ("npadvmod", "nsubj") and c.pos_ in ("PROPN", "PRON", "NOUN")
        hedge = c.dep_ in ("advmod",) and c.lower_ in HEDGE_ADVERBS
        if c.dep_ in _EXCLUDE or (c.dep_ == "cc" and not keep_conj) or hedge or party_first or _separate(c, v):
            skip.update(t.i for t in c.subtree)
        if c.dep_ == "conj" and not keep_conj:
            skip.update(t.i for t in c.subtree)
    for c in v.subtree:  # ", which I think is great": a comment on the task, not the task
        if c.dep_ == "relcl" and c.i > v.i:
            first = min(t.i for t in c.subtree)
            if first > 0 and (c.doc[first - 1].text == "," or c.doc[first].lower_ == "which"):
                skip.update(t.i for t in c.subtree)
    return sorted((t for t in v.subtree if t.i not in skip and t.i >= v.i), key=lambda t: t.i)


def _passive_text(v: Token) -> str | None:
    """ "The design doc will be reviewed by the team" -> "Review the design doc"."""
    passives = [c for c in v.children if c.dep_ == "nsubjpass"]
    if not passives:
        return None
    subject = sorted({t.i for c in passives for t in c.subtree})
    by_agent = {t.i for c in v.children if c.dep_ == "agent" for t in c.subtree}
    rest = [t for t in _words(v, keep_conj=True) if t.i > v.i and t.i not in by_agent]
    first = v.doc[subject[0]]
    lead = first.text if first.pos_ == "PROPN" else first.lower_
    return " ".join([v.lemma_, lead, *(v.doc[i].text for i in subject[1:]), *(t.text for t in rest)])


def action_text(v: Token, others: frozenset[int] = frozenset()) -> str:
    """The task in the notes' own words, starting at its verb ("set up a weekly sync with their lead")."""
    text = _passive_text(v)
    if text is None:
        tokens = _words(v, keep_conj=True, others=others)[:MAX_WORDS]
        text = "".join(
            t.text + (t.whitespace_ if i + 1 < len(tokens) and tokens[i + 1].i == t.i + 1 else " ")
            for i, t in enumerate(tokens)
        )
    text = " ".join(text.split()).strip(",.;:-–—> ")
    return text[:1].upper() + text[1:]


def date_text(clause: Clause) -> str:
    """Where the due date is said: the task's own words, and the time words on its governing verbs."""
    v = clause.verb
    apart = {x.i for t in v.subtree if t is not v and t.dep_ == "conj" and child(t, "nsubj") for x in t.subtree}
    own = [t for t in v.subtree if t.i not in apart]  # "…, he'll review it by Wed" is another task's date
    more: list[Token] = []
    for g in (clause.governor, v.head if v.dep_ in ("xcomp", "ccomp") else None):
        if g is None or g is v:
            continue
        for c in g.children:
            if c.dep_ in ("prep", "npadvmod", "advmod") and c.i not in {t.i for t in v.subtree}:
                more += list(c.subtree)
    return " ".join(part for part in (timewords.join(own), timewords.join(more)) if part)


def window(clause: Clause, sent: Span) -> str:
    """The words around a clause that can take it back ("…, nothing decided", "maybe next year")."""
    v = clause.verb
    tokens = list(v.subtree)
    start = min([tokens[0].i, *([clause.governor.i] if clause.governor is not None else [])])
    end = min(tokens[-1].i + 4, sent.end, start + 40)
    return sent.doc[max(start - 2, sent.start) : end].text


def _leftmost(clause: Clause) -> int:
    """Where a clause starts: its governor or subject may come before its verb ("said he'd do it")."""
    v = clause.verb
    starts = [v.i, *([clause.governor.i] if clause.governor is not None else [])]
    starts += [c.left_edge.i for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "aux") and c.i < v.i]
    return min(starts)


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
    if done_together(v) or any(t.lower_ == "both" for t in v.sent):
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
        if DONE_MARK.search(sent.doc.text[clause.verb.idx :]):
            flags.add("done")  # "Anjali to put Brightwell on stop (done before we finished)"
        if PAST_TIME.search(date_text(clause)):
            flags.add("past_time")
        if sent.text.rstrip().endswith("?"):
            flags.add("question")
        after = sent.doc.text[clause.verb.idx :]
        if clause.kind == "object_control" and DECLINED.search(after[len(text) : len(text) + 60]):
            flags.add("declined")
        if clause.verb.lemma_.lower() in ACTION_VERBS or clause.verb.lower_ in ACTION_VERBS:
            flags.add("action_verb")
        out.append(Candidate(clause, text, date_text(clause), seg, tag, flags, window(clause, sent)))

    for v in sent:
        clause = read(v, parties)
        if clause is not None:
            add(clause)
        elif (seg.bullet or tag is not None or seg.section == ACTIONS) and _imperative(v, sent):
            owner = _imperative_owner(v, seg, tag, parties)
            add(Clause(v, "imperative", owner, UNCLEAR, False, flags=blocking(v)))
    shorthand_heads = {c.clause.verb.head.i for c in out if c.kind == "shorthand"}
    out = [c for c in out if not (c.kind == "imperative" and c.clause.verb.i in shorthand_heads)]  # "QA to…"
    if not out and (seg.bullet or tag is not None or seg.task):
        first = sent.doc[_first_word(sent)] if len(sent) else None
        verbish = first is not None and (first.lower_ in ACTION_VERBS or (tag is not None or seg.task))
        pos_ok = first is not None and (first.pos_ in ("VERB", "NOUN", "ADJ", "X") or first.lower_ in ACTION_VERBS)
        starts_task = first is not None and first.dep_ not in ("nsubj", "aux") and first.lower_ not in _NOT_TASK_START
        if first is not None and verbish and pos_ok and starts_task:
            owner = _imperative_owner(first, seg, tag, parties)
            if owner.role == UNCLEAR and (doer := _opening_doer(sent)) is not None:
                owner = doer  # "infection control to re-audit the sluice rooms", its verb misread
            flags = blocking(first) | {"misparsed"} | ({"action_verb"} if first.lower_ in ACTION_VERBS else set())
            clause = Clause(first, "imperative", owner, UNCLEAR, False, flags=flags)
            text = sent.doc[first.i : sent.end].text.strip().strip(",.;:-–— ")
            when = timewords.join(sent)
            out.append(Candidate(clause, text[:1].upper() + text[1:], when, seg, tag, set(flags), sent.text))
    if len(out) > 1:  # word each task without the others that the parse hung inside it
        for c in out:
            v = c.clause.verb
            others = set()
            for o in out:
                if o is c:
                    continue
                others.add(o.clause.verb.i)
                g = o.clause.governor
                if g is not None and g.i != v.i and not g.is_ancestor(v):
                    others.add(g.i)
            if "misparsed" not in c.flags:
                text = action_text(v, frozenset(others))
                if len(text) >= 3:
                    c.text = text
    if seg.bullet or tag is not None:  # a list item: word each task to the next one, the parse of terse
        starts = sorted(_leftmost(c.clause) for c in out)  # notes is too frail for subtrees
        for c in out:
            if c.kind in ("imperative", "shorthand") or len(out) == 1:
                later = [i for i in starts if i > c.clause.verb.i]
                text = _linear(c.clause.verb, sent, later[0] if later else sent.end).strip(",.;:-–—> ")
                if len(text) > len(c.text):
                    c.text = text[:1].upper() + text[1:]
                    stop = min(later[0] if later else sent.end, sent.end)  # the date may sit past the subtree
                    c.date_text = f"{c.date_text} {timewords.join(sent.doc[c.clause.verb.i : stop])}"
    return out


def _opening_doer(sent: Span) -> Party | None:
    """The doer of a "N to V" line whose verb the parse misread, from the first infinitive's "to"."""
    to = next((t for t in sent if t.lower_ == "to" and t.dep_ == "aux"), None)
    if to is None or to.i == sent.start:
        return None
    return opening_doer(to.doc[to.i - 1], to.head)


_NOT_TASK_START = {"no", "not", "nothing", "none", "still", "already", "good", "great", "fine", "ok", "okay", "done"}


def owner_fields(party: Party) -> tuple[str, str | None]:
    """(owner value, owner_name) for the domain's Action."""
    if party.role == OTHER and party.name:
        return OTHER, party.name
    if party.role in (ME, THEM, BOTH):
        return party.role, None
    return UNCLEAR, None
