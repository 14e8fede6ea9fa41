"""Cues a rehearsal rubric needs that the line analyser does not label, each decided by structure.

The analyser labels questions, reflections, directives and personal moves; every rubric
check built on those uses its labels. A few checks need something else, and each gets one
small, general mechanism here, with a `why` a user can read:

- **ownership** — the speaker takes a lapse as their own: a first-person subject ("I", not
  "we" or "the board") of a lapse verb (cancelled, moved, dropped, let slip, didn't follow
  through…), or a responsibility phrase ("that's on me", "my fault", "I take responsibility").
  An apology alone ("sorry, it's been hectic") is the closest miss, and a denial ("it wasn't
  my fault") cancels it.
- **position** — the speaker states a clear stance: a first-person refusal or disagreement
  ("I can't commit to", "I don't agree", "the answer is no") or a plain verdict on feasibility
  ("that date isn't realistic"), without a hedge ("maybe", "I'm not sure"). Whether a reason
  comes with it ("because…", a number) is said in the why.
- **recall** — the line refers to something memory holds about the person: it shares a
  distinctive word (not a function word or a generic work word) with a note or an action.
- **self-proposal** — a line from the *other* person commits them to a next step of their own
  ("I'll draft…", "I want to…"), not bare compliance ("I'll do that").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coach.coaching import lexicon as lx


@dataclass(frozen=True)
class Cue:
    """Whether the cue is present, and a short reason either way (why it counted, or why it nearly did)."""

    met: bool
    why: str = ""
    near: bool = False  # not met, but the closest kind of miss (an apology without ownership, a hedged no)
    kind: str = ""  # recall: which kind of fact it refers to ("personal note", "their action", ...)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


# -- ownership -------------------------------------------------------------------------------------
_LAPSE = (
    r"(?:kept |keep |have |'ve |had )?(?:been )?"
    r"(?:cancel+(?:ed|ing)?|reschedul\w*|push(?:ed|ing) (?:it |them |us |our \w+ )?back|"
    r"skipp(?:ed|ing)|bump(?:ed|ing)|forg(?:ot|otten)|neglect\w*|"
    # moved/missed/dropped are lapses with something dropped ("I moved our 1:1s", not "I moved to Leeds")
    r"(?:moved|moving|miss(?:ed|ing)|dropp(?:ed|ing)) (?:it|them|that|this|our|the|those|these|us|you|"
    r"\w+ times|twice|again|so many|a lot)|"
    r"let (?:it|that|this|them|things|you|the \w+) (?:slip|slide|down|drop)|let you down|dropped the ball|"
    r"broke (?:my|that|a) promise|didn't (?:follow|get back|show|make|do|keep|deliver)|"
    r"haven't (?:followed|got back|gotten back|done|kept|delivered|been there|made time)|"
    r"failed to|put (?:it|this|that|you|our \w+) (?:off|last|second)|deprioriti[sz]ed)"
)
_OWN_LAPSE = re.compile(r"\bi(?:'ve|'d| have| had)? (?:really |just |also |then )?" + _LAPSE + r"\b")
_RESPONSIBILITY = re.compile(
    r"\b(?:(?:that|this|it)(?:'s| is| was) (?:all |completely |entirely )?(?:on me|my fault|my doing|my mistake|"
    r"my bad|down to me|my responsibility)|my (?:fault|mistake|bad)|"
    r"i (?:take|own|accept) (?:full |the )?(?:responsibility|the blame|that|it)|i own (?:that|this|it)|"
    r"i should(?:n't| not)? have|i(?:'m| am) (?:responsible|to blame))\b"
)
_DENIAL = re.compile(
    r"\b(?:(?:wasn't|was not|isn't|is not|not) (?:my fault|on me|down to me|my doing)|"
    r"(?:it|that) wasn't me|not my (?:call|decision))\b"
)
_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e|my apologies)\b")
_WE_LAPSE = re.compile(r"\bwe(?:'ve| have| had)? (?:really |just |also )?" + _LAPSE + r"\b")


def ownership(text: str) -> Cue:
    """Does the line take a lapse as the speaker's own?"""
    t = _norm(text)
    if _DENIAL.search(t):
        return Cue(False, "says it was not theirs", near=True)
    found = _RESPONSIBILITY.search(t)
    if found:
        return Cue(True, f'owns it: "{found.group(0)}"')
    found = _OWN_LAPSE.search(t)
    if found:
        sorry = " with an apology" if _APOLOGY.search(t) else ""
        return Cue(True, f'names the lapse as theirs: "{found.group(0)}"{sorry}')
    if _WE_LAPSE.search(t):
        return Cue(False, '"we" shares the lapse out; "I" owns it', near=True)
    if _APOLOGY.search(t):
        return Cue(False, "an apology, but not saying what was yours", near=True)
    return Cue(False)


# -- position --------------------------------------------------------------------------------------
_STANCE = re.compile(
    r"\b(?:(?:i|we) (?:can't|cannot|can not|won't|will not|am not able to|'m not able to|are not able to|"
    r"'re not able to|am not going to|'m not going to|are not going to|'re not going to|couldn't|"
    r"don't (?:agree|think (?:we|i|that|it|this) (?:can|will|should|would|is)|see (?:it|that) (?:the same|that way))|"
    r"do not agree|disagree|see it differently|see this differently|have to say no|need to say no|"
    r"'m going to say no|am going to say no|'d rather not|would rather not)|"
    r"(?:the|my) answer is no|it's a no|that's a no|"
    r"(?:isn't|is not|won't be|will not be|isn't going to be|not) (?:realistic|possible|doable|feasible|achievable|"
    r"workable|going to work|going to happen)|no,? (?:i|we) (?:can't|won't|cannot))\b"
)
_HEDGE = re.compile(
    r"\b(?:maybe|perhaps|possibly|i'm not sure|i am not sure|not sure (?:if|whether)|kind of|sort of|a bit|"
    r"might not|i guess|i suppose|probably)\b"
)
_REASON = re.compile(r"\b(?:because|since|given|as (?:we|the|it|our)|the (?:data|numbers|evidence)|so that)\b|\d")


def position(text: str) -> Cue:
    """Does the line state a clear no or disagreement, unhedged? The why says whether a reason came with it."""
    t = _norm(text)
    found = _STANCE.search(t)
    if not found:
        return Cue(False)
    hedge = _HEDGE.search(t)
    if hedge:
        return Cue(False, f'a stance, hedged by "{hedge.group(0)}"', near=True)
    reason = _REASON.search(t[found.start() :]) or _REASON.search(t)
    if not reason:
        return Cue(False, f'a clear "{found.group(0)}", but no reason given', near=True)
    return Cue(True, f'a clear "{found.group(0)}", with a reason ("{reason.group(0)}")')


# -- recall of what memory holds -------------------------------------------------------------------
_WORD = re.compile(r"[a-z][a-z'-]+")
# Words too common in work talk to show that the speaker remembered something particular.
_GENERIC = frozenset(
    [
        "work",
        "working",
        "team",
        "time",
        "week",
        "weeks",
        "month",
        "things",
        "thing",
        "going",
        "really",
        "about",
        "just",
        "still",
        "also",
        "like",
        "want",
        "need",
        "more",
        "last",
        "next",
        "first",
        "good",
        "great",
        "well",
        "back",
        "make",
        "made",
        "take",
        "done",
        "plan",
        "plans",
        "meeting",
        "meetings",
        "chat",
        "talk",
        "talked",
        "talking",
        "today",
        "people",
        "person",
        "project",
        "quick",
        "update",
        "updates",
        "something",
        "anything",
        "everything",
        "been",
        "being",
        "have",
        "having",
        "help",
        "would",
        "could",
        "should",
        "think",
        "know",
        "said",
        "says",
        "asked",
        "with",
        "from",
        "into",
        "over",
    ]
)


def content_words(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(_norm(text)):
        w = w.strip("'-")
        if len(w) < 4 or w in lx.ENGLISH or w in _GENERIC:
            continue
        out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return out


def recall(text: str, facts: Iterable[tuple[str, str]]) -> Cue:
    """Does the line bring up something memory holds (a note, an action)? `facts` are (kind, memory text)."""
    said = content_words(text)
    best: tuple[int, str, list[str]] = (0, "", [])
    for kind, fact in facts:
        shared = sorted(said & content_words(fact))
        if len(shared) > best[0]:
            best = (len(shared), kind, shared)
    if not best[0]:
        return Cue(False)
    words = ", ".join(f'"{w}"' for w in best[2][:3])
    return Cue(True, f"refers to a {best[1]} memory holds ({words})", kind=best[1])


# -- a next step of their own ----------------------------------------------------------------------
_SELF_PROPOSAL = re.compile(
    r"\b(?:i'll|i will|i'm going to|i am going to|i want to|i'd like to|my plan:?|i could|i can|let me)\s+"
    r"(?!do that|do it|get it done|sort it|sort that|be\b|say|tell you|ask you|check with you|see\b|try that)"
    r"(?:\w+)",
)


def self_proposal(text: str) -> str | None:
    """The first next step the speaker commits to themselves, or None ("Okay, I'll do that" is compliance)."""
    t = text.replace("\u2019", "'")
    found = _SELF_PROPOSAL.search(t.lower())
    if not found:
        return None
    rest = t[found.start() :]
    return re.split(r"(?<=[.!?])\s|[.!?]$", rest)[0].rstrip(".!?")
