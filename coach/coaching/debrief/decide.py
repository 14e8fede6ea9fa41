"""Which candidate clauses are tasks, and who raised the ones the construction leaves open.

The rules decide from the flags the parse gave each candidate: a clause is a task when
something marks it as one and nothing takes it back. A learned scorer, when the workspace
hands one in, weighs the same flags together with the meaning of the clause (see
`coach.nlp.debrief_model`); the rules stay the fallback.

Who raised a task the construction does not name ("I'll send it") is read from the notes
around it: a task the writer takes on right after the person asked or wished for something
("she wants the numbers, so I'll pull them together") was raised by the person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from coach.coaching.debrief.clauses import blocking, child, subject
from coach.coaching.debrief.extract import Candidate
from coach.coaching.debrief.parties import BOTH, ME, THEM, UNCLEAR, Parties, Party
from coach.coaching.debrief.segment import CONTEXT, Segment
from coach.coaching.lexicon import RAISE

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Flags that take a clause back: it is not a task.
BLOCKING = {
    "negated",
    "hedged",
    "hedged_adverb",
    "cognition",
    "condition",
    "question",
    "copula",
    "thing_subject",
    "done",
    "time_object",
    "deferral",
    "anaphoric",
    "declined",
}
_TASK_KINDS = {
    "future",
    "going_to",
    "obligation",
    "control",
    "object_control",
    "ask_other",
    "agreed",
    "decided",
    "report",
    "proposed",
    "shorthand",
    "imperative",
    "progressive",
}


class Scorer(Protocol):
    """A learned judge of candidates: the probability that each is a task."""

    def probabilities(self, candidates: Sequence[Candidate]) -> list[float]: ...


def sentence_flags(cand: Candidate) -> set[str]:
    """Flags that come from the segment around the clause rather than the clause itself."""
    flags: set[str] = set()
    seg = cand.segment
    if seg.section == CONTEXT:
        flags.add("context_section")
    if seg.bullet:
        flags.add("bullet")
    if seg.task or cand.tag is not None:
        flags.add("tagged")
    return flags


def rule_accepts(cand: Candidate) -> bool:
    """The rules' verdict: marked as a task, and nothing takes it back."""
    flags = cand.flags
    if cand.kind not in _TASK_KINDS or flags & BLOCKING:
        return False
    if (cand.kind == "progressive" or "progressive" in flags) and "tagged" not in flags:
        # "she is covering the matron meeting on the 2nd" is a task; "having surgery on the 15th",
        # "working from home for a while" are not: a progressive needs an object, a date, a verb of doing.
        verb = cand.clause.verb.lemma_.lower()
        if "intransitive" in flags or verb in ("have", "do", "get", "hear", "feel") or not _dated(cand):
            return False
    if cand.kind == "imperative" and not flags & {"tagged", "action_verb"}:
        return False
    if flags & {"bare", "no_subject"} and "tagged" not in flags:
        return False
    if "hedge_phrase" in flags and not flags & {"tagged"}:
        return False
    if "context_section" in flags and cand.kind in ("imperative", "decided", "shorthand"):
        return False
    return not ("past_form" in flags and cand.kind in ("imperative", "shorthand", "progressive"))


def _dated(cand: Candidate) -> bool:
    from coach.coaching.debrief.dates import find_due

    return find_due(cand.date_text, _ANY_DAY) is not None


_ANY_DAY = dt.date(2025, 1, 6)


def decide(cands: Sequence[Candidate], scorer: Scorer | None, threshold: float = 0.5) -> list[bool]:
    for c in cands:
        c.flags |= sentence_flags(c)
    if scorer is None or not cands:
        return [rule_accepts(c) for c in cands]
    return [p >= threshold for p in scorer.probabilities(cands)]


@dataclass(frozen=True)
class Raise:
    """Someone asked or wished for something: "she wants the numbers", "I asked her for a plan"."""

    segment: int
    line: int
    token: int
    party: str
    own_sentence: bool = False  # answered only by a task in the same sentence


def raises(sent: Span, segment: int, line: int, parties: Parties) -> list[Raise]:
    """Every request or wish in a sentence, by the writer or the person."""
    out: list[Raise] = []
    for t in sent:
        lemma = t.lemma_.lower()
        wished = lemma in RAISE or t.lower_ in ("keen", "like")
        if not wished or t.pos_ not in ("VERB", "AUX", "ADJ") or blocking(t) & {"negated"}:
            continue
        if t.pos_ == "ADJ" and blocking(t.head) & {"negated"}:
            continue  # "she wasn't keen"
        subj = subject(t) if t.pos_ != "ADJ" else child(t.head, "nsubj")
        party = parties.token(subj)
        if subj is None and t.i == next((x.i for x in sent if not x.is_punct), -1):
            party = Party(THEM)  # "wants the KPI pack monthly", "asked me to…": the person, written tersely
        assigns = lemma in ("ask", "tell", "want") and _assigns(t, parties)
        if assigns and not (party and party.role == THEM):
            continue  # "I asked him to draft it": a task of its own, not a request the next one answers
        if _asks_another(t, parties):
            continue
        if party is not None and party.role in (ME, THEM):
            # "she asked me to lend her a receptionist, I said I'd think about it": the reply in the same breath
            # answers the request; a task in the next sentence is one of the writer's own.
            out.append(Raise(segment, line, t.i, party.role, own_sentence=assigns))
    return out


def _asks_another(t: Token, parties: Parties) -> bool:
    """ "he's going to ask the bank office": a request to a third party, not to the writer."""
    if t.lemma_.lower() != "ask":
        return False
    asked = child(t, "dobj", "dative", "iobj")
    party = parties.token(asked) if asked is not None else None
    return party is not None and party.role not in (ME, THEM, BOTH)


def _assigns(t: Token, parties: Parties) -> bool:
    """ "asked him to draft it", "wants me to send it": an infinitive with a party to do it (not "wants to",
    not "wants every ward to have a link nurse")."""
    for c in t.children:
        infinitive = c.dep_ in ("xcomp", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        doer = child(t, "dobj", "iobj") or child(c, "nsubj")
        if infinitive and doer is not None and parties.token(doer) is not None:
            return True
    return False


def raised_by(
    cand: Candidate, index: int, sent_start: int, found: Sequence[Raise], previous: Segment | None = None
) -> str | None:
    """Who raised what this task answers: the nearest request before it, in its sentence or the one before.

    `previous`: the segment before the task's; when it ends without a full stop on the same line, the two are
    one dictated sentence cut in clauses, and a request answered only in its own sentence still counts."""
    v = cand.clause.verb
    run_on = previous is not None and previous.line == cand.segment.line and previous.text.rstrip()[-1:] not in ".!?"
    before = [
        r
        for r in found
        if (r.segment == index and sent_start <= r.token < v.i)
        or (r.segment == index - 1 and r.line >= cand.segment.line - 1 and (not r.own_sentence or run_on))
    ]
    if not before:
        return None
    return max(before, key=lambda r: (r.segment, r.token)).party


def proposer(cand: Candidate, raiser: str | None) -> str:
    """The construction's proposer, or the one who raised what the task answers when it names none."""
    clause = cand.clause
    if clause.explicit or raiser is None:
        return clause.proposer
    if clause.kind in ("imperative", "shorthand") and not cand.segment.follows:
        return clause.proposer  # a bare item of a list: who raised it, the list does not say
    owner = clause.owner.role if clause.owner else UNCLEAR
    if owner in (ME, BOTH) and raiser == THEM:
        return THEM
    if owner == THEM and raiser == ME:
        return ME
    return clause.proposer
