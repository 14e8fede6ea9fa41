"""The question form of a line: is it a question, and does it invite a wide answer (open) or not (closed)?

A cheap hand-written parse of clause shape, following docs/nlp.md:
- an auxiliary before its subject ("did the vendor reply", "r u still ok") asks yes/no: closed;
- a wh-word asks for one fact ("when", "which", "how many", "what time") or for the person's own
  account ("how is it going", "what got in the way", "why"): closed or open;
- invitations ("tell me about", "walk me through", "I'm curious how", "I wonder what") are open,
  and so are questions embedded in a statement that asks ("I'm not sure what you make of it");
- tag questions ("…, right?"), either/or and ratings are closed; so are offers and requests for
  permission ("want me to…", "is it OK if I…");
- a request or suggestion in question form ("could you send…", "have you tried…") is a directive,
  not a question (directives.py reads it);
- several questions in one turn: the last one decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from coach.coaching import lexicon as lx
from coach.coaching.lines.calls import Call
from coach.coaching.lines.tokens import Clause, Sentence

QuestionType = Literal["open", "closed"]

# Clause forms, each with the question type it gives (None: not a question).
FORMS: dict[str, QuestionType | None] = {
    "invite": "open",
    "wh_open": "open",
    "wh_view": "open",
    "embedded_open": "open",
    "open_fragment": "open",
    "wh_fact": "closed",
    "aux": "closed",
    "either_or": "closed",
    "tag": "closed",
    "rating": "closed",
    "offer": "closed",
    "embedded_closed": "closed",
    "fragment": "closed",
    "declarative": "closed",
    "declarative_tail": "closed",
    "request": None,
    "suggest": None,
    "uptalk": None,
}
WHY = {
    "invite": "open: invites their account ({cue}…)",
    "wh_open": "open: asks for their account ({cue}…)",
    "wh_view": "open: asks for their view ({cue}…)",
    "embedded_open": "open: a question inside a statement ({cue}…)",
    "open_fragment": "open: asks them to go on ({cue})",
    "wh_fact": "closed: asks for one fact ({cue}…)",
    "aux": "closed: asks yes/no ({cue}…)",
    "either_or": "closed: offers a choice (… or …)",
    "tag": "closed: a check on a statement (…, {cue}?)",
    "rating": "closed: asks for a rating",
    "offer": "closed: offers help or asks permission ({cue}…)",
    "embedded_closed": "closed: asks whether, inside a statement ({cue}…)",
    "fragment": "closed: a short check ({cue}?)",
    "declarative": "closed: a statement asked as a check ({cue}…?)",
    "declarative_tail": "closed: ends on a yes/no check ({cue}…?)",
}
FIRM_FORMS = frozenset({"invite", "wh_open", "wh_fact", "aux", "offer", "rating", "embedded_open", "open_fragment"})

_OPEN_FRAGMENTS = frozenset(
    {
        *("thoughts", "any thoughts", "ideas", "any ideas", "and you", "how so", "how come", "like what", "such as"),
        *("meaning", "why", "why so", "what else", "and then", "and then what", "then what", "what happened"),
        *("what then", "go on", "keep going", "carry on", "what do you mean", "what about you", "how about you"),
        *("in what way", "because", "say more", "tell me more", "anything else"),
    }
)
_ANYTHING_ELSE = frozenset(
    {"anything else", "anything", "any blockers", "any questions", "all good", "any news", "yes or no"}
)
_RATING = re.compile(r"\bscale of\b|\bout of (?:ten|10|five|5)\b|\bon a scale\b|\b(?:would|do|can|could) you rate\b")
# "What you need to do is…", "what would really help is if…": a statement built on a wh-clause.
_PSEUDO_CLEFT = re.compile(
    r"^what (?:you|you're|you've|you'd|i|i'm|i've|i'd|we|we're|they|he|she|would|could|might|will|really|worries|"
    r"bothers|matters|helps|helped|concerns|strikes|struck|gets|got) (?:[\w']+ ){0,6}?(?:is|was) "
    r"(?:if|that|to|get|for|we|you|i|the|a|an|just|not|when|how|why|more|less)\b"
)
# "What you're saying is because…", "what they need is…": a subject straight after "what" (no auxiliary
# between, so no inversion) and then a main "is": a free relative standing as the subject, not a question.
_FREE_RELATIVE = re.compile(
    r"^what (?:you|you're|you've|u|ur|i|i'm|i've|we|we're|they|they're|he|she) (?:[\w']+ ){0,6}?(?:is|was) \w"
)
_CHAT_ELIDED = lx.words(
    "still going off on got working using ok okay alright good around free able in at back coming doing up done "
    "finished ready busy available there here around"
)
_EMBED_ASK = re.compile(
    r"\b(?:i(?:'m| am)? (?:not (?:really |quite |entirely )?sure|unsure|curious|wondering|interested|keen to (?:know|"
    r"hear))|"
    r"i (?:wonder|wondered|was wondering|was just wondering)|"
    r"i(?:'d| would)? (?:really )?(?:love|like|want|be (?:interested|keen|curious)) to "
    r"(?:know|hear|understand|learn)|i want to (?:know|hear|understand)|(?:my|one|"
    r"the) (?:only )?question (?:really )?is|"
    r"(?:can|could) you (?:tell|let) me|tell me|i'm asking|i need to (?:know|understand)|(?:may|can|could) i ask|"
    r"(?:just )?(?:want|wanted) to ask|(?:was |were )?going to ask|"
    r"(?:want|wanted|'d like|would like) to (?:get|hear|have) (?:your|some) (?:view|take|thoughts|opinion|input|"
    r"perspective|read)s? (?:on|about)|i(?:'d| would)? (?:really |genuinely )?(?:like|value|welcome|love|"
    r"want) (?:your|some|a) "
    r"(?:honest |genuine )?(?:view|take|thoughts|opinion|sense|read|steer|perspective|input) (?:on|about))"
    r"(?: (?:about|is|from you|more|a bit|honestly|really|yet|first|like|actually|just|then))*\s(what|how|why|where|"
    r"when|who|which|whether|if|is|are|was|were|do|does|did|can|could|will|would|has|have)\b"
)
_WHO_ELSE = lx.words("who whom whose which when where")
# Requests for an answer rather than a task, when a whether, an if or a wh-word follows ("could you confirm
# whether the delivery was complete", "can you let me know if you're coming"): closed questions.
_TELL_ME = lx.words("confirm advise clarify let")
_ASKS_WHICH = re.compile(r"^(?: \w+){0,3}? (?:whether|if|when|which|who|what time|how many)\b")
# "…, didn't you", "…, isn't there": a negative auxiliary and a pronoun ending the turn can only be a check.
_NEGATIVE_TAG = re.compile(
    r"\b(?:isn't|aren't|wasn't|weren't|don't|doesn't|didn't|haven't|hasn't|hadn't|won't|wouldn't|can't|couldn't|"
    r"shouldn't) (?:it|you|we|they|he|she|i|there|that)$"
)
_OR_ANYTHING = re.compile(r"\bor (?:not|no|something|anything|what|whatever|so)\b")
# "Can you see it?", "would you say…": asking what they perceive or think, not asking them to act.
_NOT_REQUESTS = lx.words(
    "think reckon feel mean imagine suppose believe say remember recall see hear understand guess explain describe "
    "tell talk chat share discuss be like want fancy care"
)


@dataclass(frozen=True)
class Form:
    """The shape of one clause: which form it takes and the words that show it."""

    code: str
    cue: str


def _cue(words: tuple[str, ...], n: int = 3) -> str:
    return " ".join(words[:n])


def _inverted(rest: tuple[str, ...]) -> bool:
    """ "which one would you go with", "what time does the bus come": after a short noun phrase, an auxiliary
    and then its subject, so the wh-phrase was moved to the front of a question."""
    for i in range(1, min(len(rest) - 1, 3)):
        if rest[i] in lx.AUX and rest[i + 1] in lx.SUBJECT_PRONOUNS:
            return rest[i - 1] not in lx.SUBJECT_PRONOUNS
    return False


def _wh_form(words: tuple[str, ...], asked: bool, sentence: Sentence) -> Form | None:
    """A clause opening with a wh-word: a question, and which kind, or None for a statement ("what I need is…")."""
    first, rest = words[0], words[1:]
    nxt = rest[0].removesuffix("'s") if rest else ""
    joined = " ".join(words)
    if _PSEUDO_CLEFT.match(joined) or (not asked and _FREE_RELATIVE.match(joined)):
        return None
    if not rest:
        return Form("open_fragment" if first in ("why", "how", "what") else "fragment", first) if asked else None
    subject_next = nxt in ("i", "we", "i'm", "we're", "i've", "i'd", "we've")
    if not asked and (subject_next or nxt in ("a", "an", "it", "they", "he", "she", "that", "this")):
        return None  # "what I need is…", "when I was new…", "how it works is…"
    if not asked and first in _WHO_ELSE and nxt not in lx.AUX and nxt not in lx.FACT_NOUNS and not _inverted(rest):
        return None  # "when the rush is over…", "where the trucks park"
    if first == "why":
        return Form("wh_open", _cue(words, 2))
    if first == "how":
        if nxt in lx.HOW_FACT:
            return Form("wh_fact", _cue(words, 2))
        if nxt == "come":
            return Form("wh_open", "how come")
        if nxt in ("about",):
            return None  # "how about…": a suggestion, read by the directive rules
        return Form("wh_open", _cue(words, 2))
    if first == "what":
        if nxt in lx.FACT_NOUNS:
            return Form("wh_fact", _cue(words, 2))
        if nxt in ("is", "was", "are", "were") and len(rest) > 2 and rest[1] == "the" and rest[2] in lx.FACT_NOUNS:
            return Form("wh_fact", _cue(words, 4))
        if nxt in ("if", "about"):
            return None  # "what if you…", "what about…": suggestions, read by the directive rules
        return Form("wh_open", _cue(words, 2))
    # who, whom, whose, which, when, where: one fact, unless it asks where they see things going.
    if first == "where" and any(w in lx.VIEW_VERBS for w in rest[:4]) and "you" in rest[:3]:
        return Form("wh_view", _cue(words, 4))
    return Form("wh_fact", _cue(words, 2))


_MODALS = lx.words("can could would will should shall may might must")


def _aux_form(words: tuple[str, ...], asked: bool, start: bool) -> Form | None:
    """A clause opening with an auxiliary before its subject: yes/no, or an invitation in that shape."""
    first = words[0]
    if len(words) < 2:
        return Form("fragment", first) if asked else None
    nxt = words[1]
    if not asked and not start:
        return None
    if (
        first in _MODALS | {"do", "don't", "have"}
        and (nxt in lx.IMPERATIVE_VERBS or nxt == "be")
        and nxt not in lx.SUBJECT_PRONOUNS
    ):
        return None  # "could be worse", "must be hard", "do the drug round first": no subject, not a question
    if first in ("is", "was") and nxt in ("more", "less", "also", "because", "just", "not", "really"):
        return None  # "…, is more that the scope keeps changing": the statement goes on
    if not asked and first in ("do", "have", "don't") and nxt not in lx.SUBJECT_PRONOUNS and nxt not in ("you", "u"):
        return None  # "have the reconciliation on my desk": an order
    return Form("aux", _cue(words, 2))


def clause_form(clause: Clause, sentence: Sentence, first_clause: bool, after_question: bool = False) -> Form | None:
    """The question form a clause opens with, or None. `after_question`: an earlier clause of the sentence asked."""
    words = clause.words
    text = clause.text
    asked = sentence.asked
    start = first_clause or clause.cut or after_question
    if not words:
        return None
    embedded = _EMBED_ASK.search(text)
    if embedded and re.match(r"(?:may|can|could) i ask", text):
        return Form("embedded_closed" if embedded.group(1) in ("whether", "if") else "embedded_open", _cue(words, 3))
    if clause.offer:
        return Form("offer", _cue(words, 3))
    if lx.SUGGESTION_Q.match(text) and not clause.invitation:
        return Form("suggest", _cue(words, 3))
    request = lx.REQUEST_Q.match(text)
    if request and request.group(0).startswith(("you ", "u ")) and " can " in f" {request.group(0)} " and not asked:
        request = None  # "so you can concentrate on the cash flow": a consequence, not a request
    if request and request.group(1) in _TELL_ME and _ASKS_WHICH.search(text[request.end() :]):
        return Form("embedded_closed", _cue(words, 3))  # "could you confirm whether…": a question, asked politely
    if request and not clause.invitation and request.group(1) not in _NOT_REQUESTS:
        verb = request.group(1)
        if (
            verb in lx.IMPERATIVE_VERBS
            or verb in ("be", "have", "let", "pop", "ring", "grab")
            or not asked
            or (
                verb in lx.base_verbs() and verb not in lx.DROPPED_I_VERBS  # "can u nudge them?"
            )
        ):
            return Form("request", _cue(words, 3))
    if clause.invitation:
        embedded = _EMBED_ASK.search(text)
        if embedded and embedded.group(1) in ("whether", "if"):
            return Form("embedded_closed", _cue(words, 3))
        if embedded and embedded.group(1) in _WHO_ELSE:
            return Form("embedded_closed", _cue(words, 3))
        return Form("invite", _cue(words, 3))
    if text in _OPEN_FRAGMENTS and (asked or len(words) <= 3):
        return Form("open_fragment", text)
    if (asked or start) and text in _ANYTHING_ELSE:
        return Form("aux", text)
    first = words[0]
    if first in lx.WH_WORDS:
        if not start and first in ("which", "who", "whom", "whose", "where", "when") and not asked:
            return None  # "…, which is our best since the summer": a relative clause
        if not start and len(sentence.clauses) > 1 and first in ("which", "who") and clause is not sentence.clauses[-1]:
            return None
        if len(words) <= 3 and not asked and first_clause and len(sentence.clauses) == 1:
            return Form("wh_fact" if first in _WHO_ELSE else "open_fragment", _cue(words, 2))  # "which client"
        return _wh_form(words, asked, sentence)
    if len(words) > 1 and words[0] in ("since", "until", "til", "till", "by", "for") and words[1] in lx.WH_WORDS:
        return Form("wh_fact", _cue(words, 2)) if len(words) <= 3 else None
    if first in ("any", "anything", "anyone", "anybody"):
        return Form("aux", _cue(words, 2)) if (asked or start) and len(words) <= 6 else None
    if first in lx.AUX:
        return _aux_form(words, asked, start)
    if first in ("you", "u") and len(words) > 1 and not clause.opened_with_so:
        nxt = words[1]
        chatty = nxt in _CHAT_ELIDED or (
            nxt.endswith("ing") and nxt not in ("thing", "something", "nothing", "everything")
        )
        if chatty and not any(w in lx.FEELING_WORDS for w in words) and len(words) <= 9 and (asked or start):
            return Form(
                "aux", f"{first} {nxt}"
            )  # "u still good for thurs", "you working xmas eve": the auxiliary is dropped
    if embedded:
        wh = embedded.group(1)
        view = wh == "where" and any(w in lx.VIEW_VERBS for w in words[words.index(wh) :][:5])
        if (wh in ("whether", "if") or wh in _WHO_ELSE or wh in lx.AUX) and not view:
            return Form("embedded_closed", _cue(words, 3))  # "…whether", "…is the count still on": yes/no
        return Form("embedded_open", _cue(words, 3))  # "…how", "…where do you see yourself": their account
    return None


def sentence_form(sentence: Sentence, first: bool) -> Form | None:
    """The form of a sentence's last question clause; a "?" with no question shape is a check or uptalk."""
    found: Form | None = None
    rating = False
    for i, clause in enumerate(sentence.clauses):
        form = clause_form(
            clause, sentence, i == 0, after_question=found is not None and FORMS.get(found.code) is not None
        )
        rating = rating or bool(_RATING.search(clause.text))
        if form is not None:
            found = form
    last = sentence.clauses[-1]
    if rating and (sentence.asked or found is not None):
        return Form("rating", "scale")
    if lx.TAG_CHECK.search(sentence.text) and len(sentence.words) > 3:
        return Form("tag", " ".join(sentence.words[-3:]))
    if sentence.asked and lx.TAG_TAIL.search(last.text) and len(last.words) <= 3 and len(sentence.clauses) > 1:
        return Form("tag", last.text)
    if (
        not sentence.asked
        and len(sentence.words) > 3
        and _NEGATIVE_TAG.search(sentence.text)
        and any(w in lx.AUX or "'" in w or w.endswith("ed") for w in sentence.words[:-2])  # a clause to check
    ):
        return Form("tag", " ".join(sentence.words[-2:]))  # "you sent it over didn't you": a transcript drops the "?"
    if (
        sentence.asked
        and lx.TAG_TAIL.search(last.text)
        and len(sentence.words) > 4
        and last.words[-1] in ("right", "yeah", "ok", "okay", "no")
    ):
        return Form("tag", last.words[-1])
    if found is not None:
        if (
            FORMS.get(found.code) == "open"
            and sentence.asked
            and " or " in f" {sentence.text} "
            and found.code != "invite"
            and _OR_ANYTHING.search(sentence.text) is None
        ):
            return Form("either_or", found.cue)
        tail = last.words[0] if last.words else ""
        if (
            sentence.asked
            and FORMS.get(found.code) is not None
            and last is not sentence.clauses[0]
            and tail in _TAIL_SUBJECTS
            and clause_form(last, sentence, False) is None
        ):
            return Form("declarative_tail", _cue(last.words, 3))  # "How is your mum, she is still in hospital?"
        return found
    if not sentence.asked:
        return None
    words = sentence.words
    head = sentence.clauses[0]
    if (
        head.words
        and head.words[0] in lx.IMPERATIVE_VERBS
        and head.words[0] not in lx.AUX
        and len(head.words) > 1
        and head.words[1] not in _TAIL_SUBJECTS | lx.AUX
    ):
        return Form("suggest", _cue(head.words, 3))  # "maybe pair with Olu tomorrow?": an order said as a question
    if len(words) <= 3:
        return Form("fragment", " ".join(words))
    if (
        words[0] in ("i", "i'm", "i've", "we", "we've", "we're", "it", "it's", "they", "they're", "he", "she")
        and " or " not in f" {sentence.text} "
    ):
        return Form("uptalk", _cue(words, 2))
    if " or " in f" {sentence.text} ":
        return Form("either_or", _cue(words, 2))
    return Form("declarative", _cue(words, 3))


_TAIL_SUBJECTS = lx.SUBJECT_PRONOUNS | lx.words("you u the your my his her their our she he they we i")


@dataclass(frozen=True)
class QuestionReading:
    """Every sentence's form (None where it asks nothing) and the call for the whole line."""

    forms: tuple[Form | None, ...]
    call: Call[QuestionType | None]


def sentence_forms(sentences: list[Sentence]) -> tuple[Form | None, ...]:
    """Each sentence's form, in order."""
    return tuple(sentence_form(s, i == 0) for i, s in enumerate(sentences))


def read_questions(
    sentences: list[Sentence], forms: tuple[Form | None, ...], not_questions: frozenset[int] = frozenset()
) -> QuestionReading:
    """The line's question type: the last question decides. `not_questions`: sentences read as reflections."""
    for i in range(len(forms) - 1, -1, -1):
        form = forms[i]
        if form is None or i in not_questions:
            continue
        kind = FORMS.get(form.code)
        if kind is None:
            continue
        return QuestionReading(
            forms, Call(kind, form.code, WHY[form.code].format(cue=form.cue), form.code in FIRM_FORMS)
        )
    last = next((f for f in reversed(forms) if f is not None), None)
    if last is not None and last.code in ("request", "suggest"):
        return QuestionReading(
            forms, Call(None, "q_" + last.code, f"no question: a request in question form ({last.cue}…)", True)
        )
    if last is not None and last.code == "uptalk":
        return QuestionReading(
            forms, Call(None, "q_uptalk", f"no question: a statement said with a rise ({last.cue}…)")
        )
    if any(i in not_questions for i, f in enumerate(forms) if f is not None):
        return QuestionReading(
            forms, Call(None, "q_reflection", "no question: a reflection, not a request for new information")
        )
    return QuestionReading(forms, Call(None, "q_none", "no question: a statement", not any(s.asked for s in sentences)))
