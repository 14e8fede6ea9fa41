"""What a learned scorer sees of a candidate task or a sentence of personal news: named numeric features.

The same functions feed the training script (`bench/train_debrief.py`) and the shipped scorer
(`coach.nlp.debrief_model`), so a model is always applied to the features it was fitted on. The
meaning of the clause comes separately, as its MiniLM sentence embedding (`context` here says which
words are embedded).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from coach.coaching.debrief.dates import find_due
from coach.coaching.debrief.decide import rule_accepts
from coach.coaching.debrief.extract import Candidate
from coach.coaching.debrief.segment import ACTIONS, CONTEXT, Segment
from coach.coaching.lexicon import LIFE_EVENTS, SENSITIVE_EVENTS, words

KINDS = words(
    """future going_to obligation control object_control ask_other agreed decided report proposed shorthand
    imperative progressive wish would"""
)
FLAGS = words(
    """negated hedged hedged_adverb can done cognition condition relative question copula intransitive
    time_object past_form bare anaphoric deferral passive no_subject thing_subject third_party_asked misparsed
    hedge_phrase context_section bullet tagged action_verb past_time declined progressive"""
)
ROLES = ("me", "them", "both", "other", "unclear")
_SOME_DAY = dt.date(2025, 1, 6)  # any day will do: only whether a due date is said is a feature
_THEIR = re.compile(r"\b(she|he|they|her|his|their|hers|him|them)\b", re.I)
_MINE = re.compile(r"\b(i|my|me|we|our)\b", re.I)
_FUTURE = re.compile(r"\b(will|'ll|going to|next|tomorrow|soon|planning|plans?)\b", re.I)
_PAST = re.compile(r"\b(was|were|had|did|went|last|ago|yesterday|already)\b", re.I)


def action_features(cand: Candidate) -> dict[str, float]:
    """The parse's reading of one candidate, as named features."""
    out: dict[str, float] = {"bias_rule": 1.0 if rule_accepts(cand) else 0.0}
    out[f"kind={cand.kind}"] = 1.0
    for flag in cand.flags:
        if flag in FLAGS:
            out[f"flag={flag}"] = 1.0
    owner = cand.owner.role
    out[f"owner={owner}"] = 1.0
    out[f"proposer={cand.clause.proposer}"] = 1.0
    if cand.clause.explicit:
        out["explicit"] = 1.0
    seg = cand.segment
    if seg.section == ACTIONS:
        out["section=actions"] = 1.0
    if seg.section == CONTEXT:
        out["section=context"] = 1.0
    if seg.follows:
        out["after_arrow"] = 1.0
    if find_due(cand.date_text, _SOME_DAY) is not None:
        out["has_due"] = 1.0
    words = len(cand.text.split())
    out["log_words"] = math.log1p(words)
    v = cand.clause.verb
    if v.i == next((t.i for t in v.sent if not t.is_punct), -1):
        out["verb_first"] = 1.0
    if v.tag_ in ("VBD", "VBN"):
        out["verb_past_tag"] = 1.0
    if v.tag_ == "VBG":
        out["verb_gerund"] = 1.0
    return out


def action_context(cand: Candidate) -> str:
    """The words embedded for a candidate: the clause with whoever and whatever governs it."""
    return cand.context or cand.text


def personal_features(seg: Segment, text: str) -> dict[str, float]:
    """Cues that a sentence is the person's own news: life words, whose they are, when."""
    out: dict[str, float] = {"bias": 1.0}
    out["life_words"] = float(len(LIFE_EVENTS.findall(text)))
    out["sensitive_words"] = float(len(SENSITIVE_EVENTS.findall(text)))
    out["their"] = float(bool(_THEIR.search(text)))
    out["mine"] = float(bool(_MINE.search(text)))
    out["future"] = float(bool(_FUTURE.search(text)))
    out["past"] = float(bool(_PAST.search(text)))
    out["bullet"] = float(seg.bullet)
    out["log_words"] = math.log1p(len(text.split()))
    return out
