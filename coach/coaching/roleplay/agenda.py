"""The hidden agenda: what the person has not said yet, and only says once the manager earns it.

Each scenario gives one: a concern, an ambition, a frustration or a request. Its core is the
scenario's; memory fills in the specifics where it has them (the promise the user has not kept,
what the person said they are keen on, what they shared). Nothing is added that memory or the
scenario does not hold. The reveal rule is in `state.py`; `REVEAL_RULE` says it in words for
a model's prompt and the scorecard.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from coach.coaching.lexicon import SENSITIVE_WORDS
from coach.coaching.roleplay.persona import PersonaCard
from coach.coaching.roleplay.voice import lower_first
from coach.text import split_sentences

_KEEN = re.compile(
    r"\b(keen|want|wants|like to|love to|hoping|hope to|interested|excited|ambition|lead|mentor)\b", re.I
)
_STRAIN = re.compile(r"\b(hard|isolated|lonely|tired|hectic|struggl\w*|stress\w*|difficult|unwell|ill)\b", re.I)


@dataclass(frozen=True)
class Agenda:
    kind: str  # concern, ambition, frustration or request
    about: str  # for the manager, after the session: what it was
    text: str  # what the persona says when it comes up
    source: str = ""  # which memory facts filled it in ("" = the scenario's alone)

    @property
    def core(self) -> str:
        """Its first sentence: the part that is always said when it comes up."""
        return split_sentences(self.text)[0] if self.text else ""


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _keen(card: PersonaCard) -> str:
    return next((n for n in card.work_notes if _KEEN.search(n)), "")


def _strain(card: PersonaCard) -> str:
    return next((n for n in card.personal_notes if _STRAIN.search(n)), "")


def _after_cancellations(card: PersonaCard) -> Agenda:
    text = (
        "When our 1:1s kept getting cancelled, I started to feel I wasn't much of a priority, "
        "so I stopped saving things up for them."
    )
    source = []
    overdue = next((a for a in card.yours if a.overdue), None) or (card.yours[0] if card.yours else None)
    if overdue:
        text += f" And {overdue.phrase} never happened, so I stopped asking."
        source.append(f"your open action “{overdue.text}”")
    strain = _strain(card)
    if strain:
        text += f" {strain} These chats were one of the few places I could talk things through."
        source.append("a personal note")
    return Agenda("frustration", "the cancellations made them feel they were not a priority", text, "; ".join(source))


def _first_1on1(card: PersonaCard) -> Agenda:
    role = card.role_text.lower() if card.role else "this role"
    text = (
        f"I'm not sure yet what good looks like for {role} here, and I'd rather ask than guess wrong. "
        "I've been quietly worried about getting it wrong early."
    )
    return Agenda("concern", "they are unsure what good looks like and worried about getting it wrong", text)


def _performance(card: PersonaCard) -> Agenda:
    text = "The truth is I've got more on than I can do well, and I didn't want to be the one who says so."
    late = next((a for a in card.theirs if a.overdue), None)
    if late:
        return Agenda(
            "concern",
            "they are overloaded and did not want to admit it",
            text + f" {_cap(late.phrase)} slipped because of that, not because I don't care.",
            f"their overdue action “{late.text}”",
        )
    return Agenda("concern", "they are overloaded and did not want to admit it", text)


def _may_leave(card: PersonaCard) -> Agenda:
    text = "I've been wondering whether there's a next step for me here, and I've started looking at what's out there."
    keen = _keen(card)
    if keen:
        return Agenda(
            "ambition",
            "they can't see a path to what they want here, and are looking elsewhere",
            text + f" {keen} I can't see a path to that from where I am.",
            "a note of what they want",
        )
    return Agenda("ambition", "they can't see a path for themselves here, and are looking elsewhere", text)


def request_and_need(card: PersonaCard) -> tuple[str, str, str]:
    """(the request the person opens with, the need behind it, the memory it came from) for saying no."""
    shareable = [n for n in card.personal_notes if not _sensitive(n)]
    note = next((n for n in shareable if _STRAIN.search(n)), shareable[0] if shareable else "")
    if note:
        return (
            "to start at ten on three days a week",
            f"{note} I need some give in the mornings, whatever form that takes.",
            "a personal note",
        )
    keen = _keen(card)
    if keen:
        return (
            "to move onto a different project next month",
            f"{keen} This felt like the only way to get there.",
            "a note of what they want",
        )
    return (
        "to move onto a different project next month",
        "I'm bored with what I'm doing, and asking to move felt easier than saying that.",
        "",
    )


def _sensitive(note: str) -> bool:
    return bool({w.lower().strip(".,;") for w in note.split()} & SENSITIVE_WORDS)


def _say_no(card: PersonaCard) -> Agenda:
    request, need, source = request_and_need(card)
    text = f"What's really behind it: {lower_first(need)}"
    return Agenda("request", f"the need behind asking {request}", text, source)


def _timeline(card: PersonaCard) -> Agenda:
    text = (
        "Between us, I've already promised that date to my own leadership, and walking it back makes me "
        "look like I don't know my area."
    )
    return Agenda("concern", "they already promised the date upward and fear losing face", text)


def _peer(card: PersonaCard) -> Agenda:
    text = "What really got to me was hearing about the change from my team instead of from you. I felt blindsided."
    return Agenda("frustration", "they felt blindsided hearing about the change second-hand", text)


def _opener(card: PersonaCard) -> Agenda:
    if card.personal_notes:
        note = _strain(card) or card.personal_notes[0]
        text = f"{note} I haven't really said much about it at work."
        return Agenda("concern", "something from their life they'd like to be asked about", text, "a personal note")
    text = "Honestly, it's been a strange few weeks outside work, and it's been hard to leave that at the door."
    return Agenda("concern", "something from their life they'd like to be asked about", text)


def _promotion(card: PersonaCard) -> Agenda:
    keen = _keen(card)
    if keen:
        text = f"It's less about the title than the scope. {keen} I want to know if that's real here."
        return Agenda("ambition", "they want the scope more than the title", text, "a note of what they want")
    text = "It's less about the title than the scope: I want to own something end to end and be trusted with it."
    return Agenda("ambition", "they want the scope more than the title", text)


def _disagree(card: PersonaCard) -> Agenda:
    text = (
        "The thing is, I've already told my own boss this is happening, so backing down now costs me. "
        "Help me find a way that doesn't look like a reversal."
    )
    return Agenda("concern", "they have already committed upward and need a way to change course", text)


def _strategy(card: PersonaCard) -> Agenda:
    text = "Truthfully, one of my leads is struggling and I've been covering for them, which is why the plan drifted."
    if card.theirs:
        first = card.theirs[0]
        return Agenda(
            "concern",
            "a lead is struggling and they have been covering for them",
            text + f" That's partly why {first.phrase} is still open.",
            f"their open action “{first.text}”",
        )
    return Agenda("concern", "a lead is struggling and they have been covering for them", text)


BUILDERS: dict[str, Callable[[PersonaCard], Agenda]] = {
    "after-cancellations": _after_cancellations,
    "first-1on1": _first_1on1,
    "performance-concern": _performance,
    "may-leave": _may_leave,
    "say-no": _say_no,
    "impossible-timeline": _timeline,
    "peer-conflict": _peer,
    "opener": _opener,
    "promotion": _promotion,
    "disagree-with-boss": _disagree,
    "strategy-drift": _strategy,
}


def build_agenda(scenario_id: str, card: PersonaCard) -> Agenda:
    return BUILDERS[scenario_id](card)


def reveal_rule(threshold_kinds: int) -> str:
    kinds = {1: "one kind", 2: "two different kinds", 3: "three different kinds"}[threshold_kinds]
    return (
        "Keep it to yourself at first. Say it only once the manager has earned it: several lines that use "
        f"{kinds} of these moves — open questions, reflecting back what you said or felt, a personal question or "
        "sharing something of their own, owning their part, saying plainly where they stand with a reason — and "
        "their last line was not an order or a yes/no question. Keep it buried while they give directives, fire "
        "closed questions, or do most of the talking."
    )
