"""Read one verb of a parsed sentence: is it a commitment, whose, and who raised it.

The dependency parse does the work. A verb is a candidate task when something marks it as
future or owed: a future auxiliary ("she'll draft"), "going to", an obligation ("needs to",
"must"), a control verb governing it ("offered to", "asked me to", "agreed to"), a reporting
or proposing verb governing its clause ("said she'd", "suggested she"), the "Tom to send"
shorthand, or an imperative in a list of next steps. The subject of the marked clause, or
the object of an object-control verb, owns it; the control or reporting verb says who
raised it.

What makes a candidate something other than a task is read from the same structure and
kept as flags: a cognition or emotion verb governing the clause (a worry or a forecast), a
negation, a hedging modal or adverb, a condition clause, a question, a copula ("she'll be
offline": a state, not a task), a subject that is a thing rather than a party ("the
migration will slip"), "already". The decision is taken from these flags (and, where one
is shipped, a small learned model over them), in `extract.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.coaching.debrief.doers import done_together, opening_doer, stranded_subject
from coach.coaching.debrief.parties import BOTH, ME, NOBODY_PARTY, OTHER, THEM, UNCLEAR, Parties, Party
from coach.coaching.lexicon import (
    CAUSATIVE,
    COGNITION,
    DEFER,
    DONE_WORDS,
    HEDGE_ADVERBS,
    HEDGE_MODALS,
    OBJECT_CONTROL,
    PROPOSING,
    REPORTING,
    SOLO_WITH,
    SUBJECT_CONTROL,
    TIME_NOUNS,
    WISH,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

FUTURE = {"will", "'ll", "shall", "wil", "ll", "wo"}
WOULD = {"would", "'d"}
OBLIGATION = {"must", "should", "ought"}
_CONDITION_MARKS = {"if", "unless", "whether", "when", "once", "until", "till", "as", "because", "since", "while"}
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


@dataclass
class Clause:
    """A candidate task read from the parse."""

    verb: Token  # the task's own verb ("send" in "she offered to send the deck")
    kind: str  # what marks it: future, going_to, obligation, control, object_control, report, …
    owner: Party | None  # None: the subject is a thing ("the migration will slip")
    proposer: str  # me, them or unclear
    explicit: bool  # the construction names the proposer ("offered", "asked me to"), not just the subject
    governor: Token | None = None  # the control or reporting verb, when there is one
    flags: set[str] = field(default_factory=set)


def child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def subject(tok: Token) -> Token | None:
    """The subject of a verb, climbing through conj/xcomp chains when it is shared ("I'll draft it and send it").

    The subject of an object-control verb's infinitive is its object: in "she asked me to tell Tom", "me" tells.
    """
    seen = 0
    while tok is not None and seen < 6:
        subj = child(tok, *_SUBJECTS)
        if subj is not None and subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
            return tok.head  # "a quote from Coolair, who said…": who is Coolair
        if subj is not None:
            return subj
        if tok.dep_ not in ("xcomp", "conj") or tok.head is tok:
            return None
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in OBJECT_CONTROL:
            obj = child(tok.head, "dobj", "iobj")
            if obj is not None:
                return obj
        tok, seen = tok.head, seen + 1
    return None


def _party_before(v: Token, parties: Parties) -> Token | None:
    """A name the parse did not make the subject ("Anjali needs to file…" read with "Anjali" as an adjective):
    the last party-word between the sentence start and the verb, with no other verb in between."""
    found = None
    for t in v.sent:
        if t.i >= v.i:
            break
        if t.pos_ in ("VERB",) and t.dep_ not in ("amod", "compound"):
            found = None
        elif (
            t.dep_ in ("amod", "compound", "dep", "npadvmod", "nmod")
            and t.head.i <= v.i
            and parties.token(t) is not None
            and t.lower_ not in ("both", "together")
        ):
            found = t
    return found


def _elided(g: Token, obj: Token | None, parties: Parties) -> Party | None:
    """Who speaks when the notes leave the subject out: "told Tom to…" is the writer, "asked me to…" the
    person, "agreed: …" both of them, "wants X" the person."""
    lemma = g.lemma_.lower()
    if lemma == "agree":
        return Party(BOTH)
    target = parties.token(obj) if obj is not None else None
    if target is not None and target.role == ME:
        return Party(THEM)
    if lemma in WISH:
        return Party(THEM)
    if (target is not None and target.role == THEM) or g.tag_ == "VBD":
        return Party(ME)
    return None


def _to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _other(party: Party | None) -> str:
    return {ME: THEM, THEM: ME}.get(party.role if party else "", UNCLEAR)


def _self(party: Party | None) -> str:
    return party.role if party is not None and party.role in (ME, THEM) else UNCLEAR


def blocking(tok: Token, allow_would: bool = False) -> set[str]:
    """Negation, hedging and "already" on one verb."""
    flags: set[str] = set()
    for c in tok.children:
        if c.dep_ == "neg" or c.lower_ in ("never", "no", "not", "n't"):
            flags.add("negated")
        if c.dep_ == "aux" and c.lower_ in HEDGE_MODALS and not (allow_would and c.lower_ in WOULD | {"could", "can"}):
            flags.add("hedged" if c.lower_ not in ("can",) else "can")
        if c.dep_ in ("advmod", "dep", "npadvmod") and c.lower_ in HEDGE_ADVERBS:
            flags.add("hedged_adverb")
        if c.lower_ in DONE_WORDS:
            flags.add("done")
    return flags


def _context(tok: Token, flags: set[str]) -> None:
    """What governs the clause from above: a cognition or emotion, a condition, a question."""
    t, depth = tok, 0
    while t.head is not t and depth < 5:
        dep, head = t.dep_, t.head
        if dep in ("ccomp", "xcomp", "acomp", "advcl", "dep") and (
            head.lemma_.lower() in COGNITION
            or head.lower_ in COGNITION
            or any(
                c.dep_ == "acomp" and (c.lemma_.lower() in COGNITION or c.lower_ in COGNITION) for c in head.children
            )
        ):
            flags.add("cognition")  # "she thinks it will help", "she's worried the migration will slip"
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in t.children):
            flags.add("condition")
        if dep == "relcl":
            flags.add("relative")
        if dep not in ("conj", "xcomp", "ccomp", "advcl", "acomp", "dep"):
            break
        t, depth = head, depth + 1
    for c in tok.children:  # "she's worried about X": the subject feels, it does not act
        if c.dep_ == "acomp" and (c.lemma_.lower() in COGNITION or c.lower_ in COGNITION):
            flags.add("cognition")


def _shape(v: Token, flags: set[str]) -> None:
    """How the verb looks: a state, time taken off, no object, a deferral, a stand-in ("do it")."""
    lemma = v.lemma_.lower()
    if lemma == "be":
        flags.add("copula")
    deps = [c for c in v.children if c.dep_ not in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "cc")]
    content = [c for c in deps if c.lower_ not in ("then", "so", "also", "too", "now", "first", "again")]
    if not [c for c in content if c.dep_ != "prt"]:
        flags.add("bare")  # "we'll see", "I will organise", "which I'll sort out": nothing said about what
    obj = child(v, "dobj")
    if lemma == "do" and (obj is None or obj.lower_ in ("it", "that", "this", "so", "them", "those", "which")):
        flags.add("anaphoric")  # "I will do that": the task was named before
    elif obj is not None and obj.lower_ in ("it", "that", "this") and len(content) == 1:
        flags.add("anaphoric")  # "I'll flag it": the task is the one just named
    if lemma in DEFER and (lemma != "leave" or (obj is not None and obj.lower_ in ("it", "that", "this", "them"))):
        flags.add("deferral")
    if lemma == "hold" and any(c.dep_ == "prt" and c.lower_ == "off" for c in v.children):
        flags.add("deferral")  # "hold off on the menu change"
    if lemma == "see" and any(c.dep_ == "ccomp" and c.left_edge.lower_ in ("how", "whether", "if") for c in v.children):
        flags.add("deferral")  # "we'll see how the next fortnight goes": wait and see
    if v.tag_ == "VBG" and aux_words(v) & {"is", "are", "'s", "'re", "am", "'m", "be"}:
        flags.add("progressive")
    objects = [c for c in v.children if c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "attr", "oprd")]
    if not objects:
        flags.add("intransitive")
    off = any(c.lower_ in ("off", "away", "leave", "holiday") for c in v.subtree if c.i > v.i)
    spans = [c for c in v.children if c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in TIME_NOUNS]
    timed = [o for o in spans if child(o, "prep") is None and (o.dep_ == "dobj" or off)]
    if timed and (off or v.lemma_.lower() in ("take", "have", "book", "need", "get", "want", "request")):
        flags.add("time_object")  # "take Friday off", "needs 3 weeks off": time away, not a task
    if v.tag_ in ("VBD", "VBN") and not aux_words(v) & (FUTURE | WOULD | OBLIGATION):
        flags.add("past_form")


def _with_both(v: Token, owner: Party | None, parties: Parties) -> Party | None:
    """ "I'll go through it with her", "we'll review it together": a shared task."""
    if owner is None or owner.role not in (ME, THEM):
        return owner
    if done_together(v):
        return Party(BOTH)
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "with" and v.lemma_.lower() not in SOLO_WITH:
            obj = child(c, "pobj")
            other = parties.token(obj) if obj is not None else None
            if other is not None and {owner.role, other.role} == {ME, THEM}:
                return Party(BOTH)
    return owner


def _owner_of(v: Token, parties: Parties, speaker: Party | None = None) -> tuple[Party | None, set[str]]:
    """The subject's party, or the passive agent's; flags when there is none."""
    flags: set[str] = set()
    if child(v, "nsubjpass", "auxpass") is not None and child(v, "dobj") is None:
        agent = child(v, "agent")
        pobj = child(agent, "pobj") if agent is not None else None
        flags.add("passive")
        return (parties.token(pobj, speaker) if pobj is not None else NOBODY_PARTY), flags
    subj = stranded_subject(v) or subject(v) or _party_before(v, parties)
    if subj is None:
        flags.add("no_subject")
        return None, flags
    party = parties.token(subj, speaker)
    if party is None:
        flags.add("thing_subject")
    return party, flags


def read(v: Token, parties: Parties) -> Clause | None:
    """The clause `v` heads as a candidate task, or None when nothing marks it as one."""
    if v.pos_ not in ("VERB", "AUX") or v.dep_ in ("aux", "auxpass"):
        return None
    head = v.head if v.head is not v else None
    flags = blocking(v, allow_would=True)
    _context(v, flags)
    _shape(v, flags)
    aux = aux_words(v)
    if v.sent.text.rstrip().endswith("?"):
        flags.add("question")
    clause: Clause | None = None
    own_clause = head is not None and v.dep_ == "conj" and head.dep_ == "ccomp" and head.head is not head
    if head is not None and own_clause and child(v, "nsubj", "nsubjpass") is not None:
        clause = _reported(v, head.head, parties, flags, aux)  # "we agreed he makes the calls and he sends…"
        if clause is not None:
            clause.owner = _with_both(v, clause.owner, parties)
            return clause
    controlled = head is not None and (
        (v.dep_ in ("xcomp", "ccomp", "pcomp", "advcl") and _to_infinitive(v))
        or (v.dep_ == "pcomp" and head.dep_ == "prep")
    )
    if controlled and head is not None:
        clause = _controlled(v, head, parties, flags)
    elif head is not None and v.dep_ == "ccomp":
        clause = _reported(v, head, parties, flags, aux)
    if clause is None and not (head is not None and v.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in CAUSATIVE):
        clause = _finite(v, parties, flags, aux)  # "get the SDRs to call every lead": the task is the getting
    if clause is not None:
        clause.owner = _with_both(v, clause.owner, parties)
    return clause


def _finite(v: Token, parties: Parties, flags: set[str], aux: set[str]) -> Clause | None:
    """ "She'll draft it", "I must call HR", "she is covering the meeting", "Tom to send the slides"."""
    inherited = (
        v.dep_ == "conj"
        and not aux
        and v.tag_ in ("VBP", "VBZ", "VB")
        and child(v, "nsubj") is not None
        and aux_words(v.head) & FUTURE
        and not any(c.dep_ == "xcomp" and _to_infinitive(c) for c in v.children)  # "someone needs to find…"
    )
    if aux & FUTURE or inherited:  # "he will prepare the list and we review it on Monday"
        kind = "future"
    elif aux & OBLIGATION:
        kind = "obligation"
    elif aux & WOULD:
        kind, flags = "would", flags | {"hedged"}
    elif v.tag_ == "VBG" and aux & {"is", "'s", "are", "'re", "am", "'m"} and v.lower_ != "going":
        kind = "progressive"
    elif _to_infinitive(v) and v.tag_ == "VB":
        return _shorthand(v, parties, flags)
    else:
        return None
    owner, more = _owner_of(v, parties)
    flags |= more
    first = next((t for t in v.sent if not t.is_punct), None)
    if owner is None and "no_subject" in flags and first is not None and first.dep_ == "aux" and first.head is v:
        owner = Party(ME)  # "Will send it tomorrow": notes are written by the user
        flags.discard("no_subject")
    if kind == "obligation":
        return Clause(v, kind, owner, ME, True, flags=flags)
    return Clause(v, kind, owner, _self(owner), False, flags=flags)


def _shorthand(v: Token, parties: Parties, flags: set[str]) -> Clause | None:
    """'Tom to send the slides', 'me to take it to SLT', 'legal to review the wording': a party right before
    an infinitive that nothing governs."""
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in v.children):
        return None  # "fine for her to swap with the coordinator": a permission, not a task
    own = child(v, "nsubj") or next(
        (c for c in v.children if c.i < v.i and c.dep_ in ("dep", "npadvmod") and parties.token(c) is not None), None
    )
    if own is not None and own.i < v.i:
        owner = parties.token(own) or parties.phrase(own.text) or opening_doer(own, v)
        if owner is None:
            return None
    elif v.dep_ == "ROOT":
        before = [c for c in v.children if c.i < v.i and c.dep_ not in ("aux", "punct", "advmod", "cc")]
        if not before:
            return None
        owner = parties.token(before[0]) or parties.phrase(" ".join(t.text for t in before))
    elif v.head.pos_ in ("PROPN", "PRON", "NOUN", "ADJ") and v.head.dep_ in ("ROOT", "appos") and v.head.i < v.i:
        owner = parties.token(v.head) or parties.phrase(v.doc[v.head.left_edge.i : v.head.i + 1].text)
        owner = owner or opening_doer(v.head, v)
        if owner is None:
            return None  # "no change to close calendar": a noun, not a party, before the infinitive
    elif v.head.dep_ == "ROOT" and v.head.i == v.sent.start and v.head.text.isupper() and v.head.i < v.i:
        owner = parties.phrase(v.head.text)  # "QA to sign off the cards", with "QA" misread as a verb
        if owner is None:
            return None
    else:
        return None
    return Clause(v, "shorthand", owner or NOBODY_PARTY, UNCLEAR, False, flags=flags)


def _controlled(v: Token, head: Token, parties: Parties, flags: set[str]) -> Clause | None:
    """`v` is the infinitive of a control verb: "offered to send", "asked me to chase", "going to redo"."""
    g = head
    if v.dep_ == "pcomp" and g.dep_ == "prep" and g.lower_ in ("to", "on", "about", "for"):
        g = g.head  # "committed to finishing", "keen on doing"
    lemma = g.lemma_.lower()
    gflags = blocking(g, allow_would=True)
    _context(g, gflags)
    flags |= {f for f in gflags if f != "done"} | ({"done"} if "done" in gflags else set())
    if g.sent.text.rstrip().endswith("?"):
        flags.add("question")
    if g.lower_ == "going" or (lemma == "go" and g.tag_ == "VBG"):
        owner, more = _owner_of(g, parties)
        return Clause(v, "going_to", owner, _self(owner), False, g, flags | more)
    if lemma in ("need", "have", "got") and (lemma != "have" or g.lower_ in ("has", "have", "had")):
        owner, more = _owner_of(v if child(v, "auxpass") is not None else g, parties)
        proposer = ME if not aux_words(g) & FUTURE else _self(owner)
        said = g.head if g.dep_ == "ccomp" and g.head.lemma_.lower() in REPORTING and g.head.i < g.i else None
        if said is not None:  # "he said I need to get the inductions finished": he raised it
            speaker = parties.token(child(said, "nsubj"))
            if speaker is not None and speaker.role in (ME, THEM) and (owner is None or owner.role != speaker.role):
                proposer = speaker.role
        return Clause(v, "obligation", owner, proposer, True, g, flags | more)
    if lemma in ("be",) and g.dep_ == "ROOT":  # "she is to send": an arrangement
        owner, more = _owner_of(g, parties)
        return Clause(v, "future", owner, _self(owner), False, g, flags | more)
    own_subj = child(v, "nsubj")
    obj = child(g, "dobj", "iobj") or own_subj
    speaker, sflags = _owner_of(g, parties)
    if speaker is None and "no_subject" in sflags:
        speaker = _elided(g, obj, parties)
    if lemma in OBJECT_CONTROL and obj is not None:
        target = parties.token(obj, speaker)
        if target is None:
            return None
        if target.role == OTHER:  # "I asked Sharon to update it": the task is the asking
            return Clause(g, "ask_other", speaker, _self(speaker), True, None, flags | {"third_party_asked"})
        return Clause(v, "object_control", target, _self(speaker), True, g, flags)
    if lemma in WISH or g.lower_ in ("keen", "like", "love"):
        return Clause(v, "wish", speaker, _self(speaker), True, g, flags | sflags)
    if lemma in SUBJECT_CONTROL:
        if lemma == "agree":
            proposer = UNCLEAR if speaker is not None and speaker.role == BOTH else _other(speaker)
            return Clause(v, "agreed", speaker, proposer, True, g, flags | sflags)
        if lemma == "decide":
            return Clause(v, "decided", speaker, _self(speaker), False, g, flags | sflags)
        return Clause(v, "control", speaker, _self(speaker), True, g, flags | sflags)
    if lemma in PROPOSING:  # "he proposed to train the new barbacks himself": the speaker's own task
        return Clause(v, "proposed", speaker or NOBODY_PARTY, _self(speaker), True, g, flags)
    if lemma in ("try", "start", "begin", "continue", "remember", "manage", "attempt", "help", "make"):
        return None  # the task is the governing verb's ("I'll try to get it done")
    return None


def _reported(v: Token, g: Token, parties: Parties, flags: set[str], aux: set[str]) -> Clause | None:
    """`v` heads the clause of a reporting, proposing or agreeing verb: "she said she'd", "I suggested he"."""
    lemma = g.lemma_.lower()
    if lemma not in REPORTING | PROPOSING | SUBJECT_CONTROL | {"ask", "want", "need", "expect", "think"}:
        return None
    if v.i < g.i:
        return None  # "She'd like more reviews, so I said…": the clause before is not what was said
    gflags = blocking(g, allow_would=True)
    _context(g, gflags)
    flags |= gflags
    speaker, sflags = _owner_of(g, parties)
    if speaker is None and "no_subject" in sflags:
        speaker = _elided(g, None, parties)
    owner, more = _owner_of(v, parties, speaker)
    flags |= more
    marks = {c.lower_ for c in v.children if c.dep_ == "mark"}
    marked = aux & (FUTURE | WOULD | OBLIGATION | {"can", "could"}) or (
        child(v, "aux") is not None and any(c.lower_ == "going" for c in v.children)
    )
    subjunctive = v.tag_ in ("VB", "VBP", "VBZ") + (("VBD",) if lemma in PROPOSING else ()) and not aux
    if v.lower_ == "going" or (v.lemma_.lower() == "go" and v.tag_ == "VBG" and _has_xcomp(v)):
        return None  # "she said she's going to …": read at the infinitive
    if v.lemma_.lower() in WISH and aux & WOULD:
        return None  # "I mentioned I'd like to do the course": a wish
    if lemma in PROPOSING:
        kind = "proposed"
    elif lemma in ("agree", "decide"):
        kind = "agreed" if lemma == "agree" else "decided"
        if not (marked or subjunctive):
            return None
    elif lemma in ("ask", "want", "need", "expect"):
        if lemma == "ask" and not marks & {"if", "whether"}:
            return None
        kind = "object_control"
    elif lemma == "think":
        return None  # a cognition: flagged on the clause when it is read as future
    else:
        if not marked:
            return None
        kind = "report"
    if kind == "object_control":
        if owner is None or owner.role not in (ME, THEM) or (speaker is not None and owner.role == speaker.role):
            return None  # "he asked if he can work from home": a request; "ask Joel whether his team can…"
        return Clause(v, kind, owner, _self(speaker), True, g, flags)
    if kind == "proposed":
        return Clause(v, kind, owner, _self(speaker), True, g, flags)
    if kind == "agreed":
        if speaker is None or speaker.role == BOTH or speaker.role == OTHER:
            return Clause(v, kind, owner, UNCLEAR, True, g, flags)
        same = owner is not None and owner.role == speaker.role
        return Clause(v, kind, owner, speaker.role if same else _other(speaker), True, g, flags)
    if kind == "decided":
        return Clause(v, kind, owner, _self(speaker) if speaker and speaker.role != BOTH else UNCLEAR, False, g, flags)
    if aux & OBLIGATION and not (owner is not None and speaker is not None and owner.role == speaker.role):
        return Clause(v, "report", owner, _self(speaker), True, g, flags)  # "she said I should…"
    if owner is not None and speaker is not None and owner.role != speaker.role and speaker.role in (ME, THEM):
        return Clause(v, "report", owner, speaker.role, True, g, flags)  # "I told Daniel she'd…"
    return Clause(v, "report", owner, _self(owner), False, g, flags)


def _has_xcomp(tok: Token) -> bool:
    return any(c.dep_ == "xcomp" for c in tok.children)
