"""Directives: the speaker tells the listener what to do, or hands over the solution.

Read per clause (docs/nlp.md): an imperative ("send it to finance", "please you write the tests
first", "don't wait for the doctor"), an obligation put on "you" ("you need to", "you'll want to",
"you could try"), the speaker asking it of them ("I need you to", "what I'd like is", "I'd suggest",
"if I were you"), a request or a suggestion in question form ("could you send…", "why don't you
loop in…", "have you tried…"), "let's…" when it decides a task for both, "we need to", and a
standing rule ("every time, no exceptions").

Not directives: invitations to talk ("tell me how it went", "why don't you tell me about it"),
"let's" about the conversation, questions about their own plan ("what do you think you should
do?"), offers and permission ("want me to…", "is it OK if I…"), an obligation they feel ("you
feel you have to say yes"), reported speech ("she told me to ship it") and the speaker's own plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.coaching import lexicon as lx
from coach.coaching.lines.calls import Call
from coach.coaching.lines.questions import Form, clause_form
from coach.coaching.lines.tokens import Clause, Sentence

_COPULA = lx.words("is are was were has have had 's will would can could should might must does did do")
_VIEW_QUESTION = re.compile(
    r"\b(?:do|did|would|does) (?:you|we|u) (?:think|feel|reckon|believe|suppose|imagine|want)(?: that)? (?:you|we|u)\b"
    r"|\bwhat (?:do|would|should|could) (?:you|we|u)\b|\bhow (?:do|would|should|could) (?:you|we|u)\b"
)
_AUX_BEFORE = re.compile(r"\b(?:do|did|does|would|will|should|could|can|must|might|if|whether|when|don't|didn't)\s+$")
_JUST_DO = re.compile(r"(?<!\bi )(?<!\byou )(?<!\bwe )(?<!\bthey )(?<!\bit )(?<!\bhe )(?<!\bshe )\bjust (\w+)")
# "you want to get it booked before five": advice, when a deadline or a reason follows (else it restates a wish).
_YOU_WANT_TO = re.compile(
    r"^(?:you|u) (?:really )?want to (\w+)\b.*\b(?:before|by|first|otherwise|or else|or they|because)\b"
)
_SUBJECT_START = lx.words("i i'm i've i'd i'll we we're we've they they're they've he she he's she's it it's")
_WE_TALK = re.compile(
    r"\bwe (?:need to|have to|should|must|ought to) (?:talk|discuss|chat|catch up|have a (?:chat|talk)|think|"
    r"look at (?:how|what|why))\b"
)
_SOFT_YOU_COULD = re.compile(
    r"\byou could (?:tell|say|share|talk|describe|explain|see|imagine|ask me|always ask me|come to me)\b"
)


@dataclass(frozen=True)
class DirectiveReading:
    call: Call[bool]
    against: str  # a reason it is *not* a directive, when one was found ("offer", "invite", ...), else ""


def _noun_subject(words: tuple[str, ...]) -> bool:
    """ "Press number three is still noisy": a noun, not an order, opens the clause."""
    if len(words) > 1 and words[1] in lx.IMPERATIVE_FOLLOWERS:
        return False
    return any(w in _COPULA or w.endswith("'s") for w in words[1:4])


# A dictated message's header ("email to Linda regarding the budget…", "note for the team…"): it names who the
# message is for; whatever it asks is read in the words that follow.
_HEADER = re.compile(
    r"^(?:email|e-mail|message|note|text|reply|update|memo|letter|reminder|dm|voicemail)s? (?:to|for)\b"
)
# "…, so please bring the keys", "text to Ed please bring the van": a plea and its verb, inside the clause.
_PLEASE_VERB = re.compile(r"\bplease (\w+)")
# Letter formulas after "please": "please find attached", "please accept my apologies".
_EMAIL_FORMULA = re.compile(r"^(?:find (?:attached|enclosed|below)|accept (?:my|our)|be advised)\b")
# What opens a verb's object: "reconcile the balances", "approve it", "chase them".
_OBJECT_START = lx.words(
    "the a an this that these those it them him her me us my your his their our some any all every everything "
    "everyone something someone"
)


# A clause opening with one of these leans on the next: "if they have not sent it by Wednesday, suspend the work".
_SUBORDINATORS = lx.words("if when once before after until unless whenever while as")
# "yes please", "thank you please", "oh please": a closing "please" that answers or pleads, not asks for a thing.
_NOT_ASKING_PLEASE = lx.words("yes yeah yep ok okay oh thanks thank no sure go")


def _any_verb(word: str) -> bool:
    """A verb in its base form that can take an order (not "know", "think", "mind": "don't know" drops its "I")."""
    if word in lx.DROPPED_I_VERBS or word in lx.AUX or word in ("remember", "recall", "care", "get", "see"):
        return False
    return word in lx.base_verbs() or (word.endswith("ise") and word[:-3] + "ize" in lx.base_verbs())


def _dictionary_imperative(clause: Clause, sentence: Sentence) -> bool:
    """An order in a verb the task-verb list lacks: a base-form verb opens the clause, and either a softener
    marks the clause as a request ("please reconcile…", "kindly approve…") or its object follows ("chase the
    landlord") and the clause opens its sentence, or follows one word ("thanks, chase the landlord") or a
    condition or time ("if they have not sent it by Wednesday, suspend work on the east side"), not a comma
    deep in a statement ("it's everything, round the edges of it"). A question, a verb of thinking
    or feeling ("hope the kids are OK") and an auxiliary are not."""
    words = clause.words
    first = words[0]
    if sentence.asked or not _any_verb(first):
        return False
    if clause.softened:
        return True
    at = sentence.clauses.index(clause)
    before = sentence.clauses[:at]
    opens = at == 0 or all(len(c.words) == 1 for c in before) or before[-1].words[0] in _SUBORDINATORS
    return opens and (words[1] in _OBJECT_START or (at > 0 and before[-1].words[0] in _SUBORDINATORS))


def _imperative(clause: Clause, sentence: Sentence) -> str | None:
    words = clause.words
    text = clause.text
    if not words or clause.soft or _HEADER.match(text) or (clause.pleaded and _EMAIL_FORMULA.match(text)):
        return None
    if clause.pleaded and words[0] == "to" and len(words) > 2:
        words = words[1:]  # "please to check the cold room": the "to" a learner puts after "please"
    first = words[0]
    if first in ("don't", "dont") and words[1:2] == ("mind",):
        return None  # "don't mind either way": the "I" dropped, as in "don't know"
    if first in ("don't", "dont", "never", "always", "do") and len(words) > 1:
        if first == "do" and not sentence.asked and (words[1] in ("a", "an", "the", "your", "some") or clause.softened):
            return f"do {words[1]}"  # "pls do a falls risk on bed 4", "please do it today": "do" is the verb here
        if first == "do" and words[1] in ("you", "u", "we", "they", "i", "it", "that", "this", "the", "any"):
            return None
        if words[1] in lx.IMPERATIVE_VERBS or words[1] in (
            "be",
            "just",
            "forget",
            "let",
            "wait",
            "leave",
            "touch",
            "try",
        ):
            return f"{first} {words[1]}"
        if first in ("don't", "dont", "never") and not sentence.asked and _any_verb(words[1]):
            return f"{first} {words[1]}"  # "don't worry about the rota", "never apologise for asking"
        return None
    if first == "let's" or (first == "let" and words[1:2] == ("us",)):
        return None if lx.LETS_TALK.match(text) else "let's"
    if first in ("you", "u") and len(words) > 2 and words[1] in ("don't", "dont", "never") and clause.softened:
        return f"{' '.join(words[:3])}"  # "please you don't leave the drawer open"
    if (
        first in ("you", "u")
        and len(words) > 2
        and words[1] in lx.IMPERATIVE_VERBS
        and words[1] not in lx.YOU_STATE_VERBS
    ):
        at = sentence.clauses.index(clause)
        if any(c.softened for c in sentence.clauses[: at + 1]):  # "please, the tables, you clean…" too
            return f"{' '.join(words[:2])}"  # "please you send…": an order with the subject said
        return None  # "you keep the machine alive", "you look rested": without "please" it describes them
    if words[-1] == "please" and len(words) >= 2 and not sentence.asked and not _NOT_ASKING_PLEASE & set(words):
        return "… please"  # "pics pls", "two more chairs please": asking for something
    if first not in lx.IMPERATIVE_VERBS and len(words) >= 2 and _dictionary_imperative(clause, sentence):
        return None if _noun_subject(words) else " ".join(words[:2])
    if first not in lx.IMPERATIVE_VERBS or len(words) < 2:
        return (
            "bare"
            if first in ("stop", "wait", "bin", "leave", "go") and len(words) <= 2 and not sentence.asked
            else None
        )
    if (
        words[1] in ("you", "i", "we", "they", "he", "she", "it's", "is", "are", "was", "were", "the")
        and first
        in (
            "look",
            "see",
            "mind",
            "check",
            "like",
        )
        and not clause.softened
    ):
        return None
    if _noun_subject(words) or words[1] in lx.AUX:
        return None
    if sentence.asked and words[1] in ("you", "we", "u"):
        return None
    return " ".join(words[:2])


def _obligation(text: str) -> str | None:
    for match in lx.OBLIGATION.finditer(text):
        before = text[: match.start()]
        if _AUX_BEFORE.search(before) or lx.FELT_OBLIGATION.search(text[max(0, match.start() - 30) : match.end()]):
            continue
        if _VIEW_QUESTION.search(text[: match.end()]) and "just" not in text[match.start() : match.end() + 12]:
            continue
        if lx.REPORTED.search(before[-40:]):
            continue
        if _SOFT_YOU_COULD.match(text[match.start() :]):
            continue
        if match.group(0).endswith(" better") and before.split()[-1:] not in ([], ["so"], ["then"], ["and"], ["but"]):
            continue  # "would Tuesday suit you better": a comparison, not "you'd better"
        return match.group(0)
    return None


_REPORT_WORDS = lx.words(
    "told asked wants wanted said says reckons thinks saying mean going planning plan will i'll we'll"
)
_YOU_WORDS = lx.words("you u ya you'll you'd you've you're")
_RULE_WORDS = lx.words("exception exceptions stop now forward matter times negotiable non-negotiable must")
_REASONS = {
    "offer": "not a directive: an offer or a request for permission",
    "invite": "not a directive: an invitation to talk",
    "reported": "not a directive: reports what someone else said",
    "felt": "not a directive: names an obligation they feel",
}


def _yes(code: str, why: str, firm: bool) -> Call[bool]:
    return Call(True, code, f"directive: {why}", firm)


def _clause(clause: Clause, sentence: Sentence, form: Form | None, first: bool) -> tuple[Call[bool] | None, str]:
    """The directive cue in one clause, or (None, a reason it is not one: "offer", "invite", ... or "")."""
    text = clause.text
    words = clause.words
    present = set(words)
    if clause.offer:
        return None, "offer"
    if clause.invitation or clause.soft:
        return None, "invite"
    if form is not None and form.code in ("request", "suggest"):
        own = clause_form(clause, sentence, first)
        if own is not None and own.code in ("request", "suggest"):
            kind = "asks them to do it" if own.code == "request" else "suggests what to do"
            return _yes("dir_" + own.code, f"{kind} ({own.cue}…)", True), ""
    against = ""
    reported = bool(present & _REPORT_WORDS) and bool(lx.REPORTED.search(text))
    asked_of = lx.asks_of_you(text)
    if reported and not asked_of:
        against = "reported"
    imperative = _imperative(clause, sentence)
    if imperative:
        if imperative == "let's":
            return _yes("dir_lets", "decides a task for both (let's…)", not sentence.asked), against
        return _yes(
            "dir_imperative", f"tells them what to do ({imperative}…)", imperative != "bare" and not sentence.asked
        ), against
    if "please" in present and not sentence.asked:
        plea = _PLEASE_VERB.search(text)
        if plea and plea.start() > 0 and _any_verb(plea.group(1)):
            return _yes("dir_imperative", f"tells them what to do (please {plea.group(1)}…)", False), against
    if "sure" in present:
        sure = lx.MAKE_SURE.search(text)
        if sure and not lx.REPORTED.search(text[: sure.start()]):
            return _yes("dir_imperative", "tells them what to do (make sure…)", True), against
    if "just" in present and not sentence.asked and not reported:
        just = _JUST_DO.search(text)
        if just and just.start() > 0 and just.group(1) in lx.IMPERATIVE_VERBS:
            return _yes("dir_imperative", f"tells them what to do (just {just.group(1)}…)", False), against
    if "want" in present and not sentence.asked and not clause.opened_with_so:
        want = _YOU_WANT_TO.match(text)
        if want and want.group(1) in lx.IMPERATIVE_VERBS:
            return _yes("dir_obligation", f"tells them what to do (you want to {want.group(1)}…)", False), against
    if asked_of and not (lx.REPORTED.search(text[: asked_of.start()]) and "you" not in text[: asked_of.start()]):
        return _yes("dir_ask_of_you", f"asks it of them ({asked_of.group(0).strip()}…)", True), against
    if present & _YOU_WORDS:
        obligation = _obligation(text)
        if obligation:
            return _yes("dir_obligation", f"tells them what to do ({obligation}…)", True), against
    if lx.FELT_OBLIGATION.search(text):
        against = against or "felt"
    if "we" in present and not sentence.asked:
        we = lx.WE_MUST.search(text)
        if (
            we
            and not _WE_TALK.search(text)
            and not _AUX_BEFORE.search(text[: we.start()])
            and not _VIEW_QUESTION.search(text[: we.end()])
        ):
            return _yes("dir_we_must", f"decides for both ({we.group(0)}…)", False), against
    if present & _RULE_WORDS and not sentence.asked and words[0] not in _SUBJECT_START:
        rule = lx.RULE_MARKERS.search(text)
        if rule:
            return _yes("dir_rule", f"sets a standing rule ({rule.group(0)})", False), against
    return None, against


def read_directives(sentences: list[Sentence], forms: tuple[Form | None, ...]) -> DirectiveReading:
    """Whether any clause tells them what to do; the first such clause is the cue."""
    against = ""
    for i, sentence in enumerate(sentences):
        for j, clause in enumerate(sentence.clauses):
            if not clause.words:
                continue
            call, reason = _clause(clause, sentence, forms[i], i == 0 and j == 0)
            if call is not None:
                return DirectiveReading(call, against or reason)
            against = against or reason
    why = _REASONS.get(against, "not a directive: nothing asks them to act")
    return DirectiveReading(Call(False, "dir_" + (against or "none"), why, bool(against)), against)
