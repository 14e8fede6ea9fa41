"""What the persona can bring up, the way a person would: from memory first, then the scenario.

Each topic is one thing on the person's mind — the 1:1s that did not happen, a promise the
user has not kept ("Did you get anywhere with the mentee intro?"), their own overdue action,
what the last 1:1 was about, something they shared — with a few ways to raise it and a few
ways to say more when the manager comes back to it. The engine marks a topic covered once
raised, so the conversation moves on instead of circling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.coaching.lexicon import SENSITIVE_WORDS
from coach.coaching.roleplay import lines as L
from coach.coaching.roleplay import scenario_lines as S
from coach.coaching.roleplay.cues import content_words
from coach.coaching.roleplay.persona import PersonaCard
from coach.coaching.roleplay.scenarios import Scenario
from coach.coaching.roleplay.voice import lower_first, number_word, their_view, weeks_phrase


@dataclass(frozen=True)
class Topic:
    key: str
    words: frozenset[str]  # what makes a manager's line about this topic
    lines: tuple[str, ...]  # ways to bring it up
    more: tuple[str, ...] = ()  # ways to say more when the manager returns to it
    personal: bool = False  # only once trust allows, or when asked
    sensitive: bool = False  # health, family illness, loss: only when asked directly, never as small talk
    core: str = ""  # the fact itself ("introducing me to the research team"): said anywhere, the topic is covered
    asks: bool = False  # raising it asks the manager something


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _words(*texts: str) -> frozenset[str]:
    out: set[str] = set()
    for t in texts:
        out |= content_words(t)
    return frozenset(out)


_DETERMINERS = (
    "the ",
    "a ",
    "an ",
    "my ",
    "our ",
    "your ",
    "his ",
    "her ",
    "their ",
    "this ",
    "that ",
    "some ",
    "how ",
    "what ",
    "why ",
    "where ",
    "when ",
    "whether ",
)


def _first_clause(notes: str) -> str:
    """The last 1:1's topic as a noun phrase ("Critique process." -> "the critique process")."""
    clauses = [c.strip().rstrip(".") for c in re.split(r";|\. ", notes) if c.strip()]
    clause = clauses[0] if clauses else ""
    if len(clause.split()) <= 2 and len(clauses) > 1:  # "Short one; she asked for clarity": the second says more
        clause = clauses[1]
    for lead in ("talked about ", "discussed ", "went through ", "mostly ", "covered "):
        if clause.lower().startswith(lead):
            clause = clause[len(lead) :]
    clause = lower_first(their_view(clause))
    first = clause.split(" ", 1)[0]
    if first in ("you", "i"):
        return clause  # "you disagreed with the reorg timing": said as "last time you disagreed…"
    if _PAST.match(first):
        return clause  # "agreed to share the plans": said as "we agreed to share the plans"
    if clause and not clause.lower().startswith(_DETERMINERS) and not first.endswith("ing") and first.islower():
        clause = "the " + clause
    return clause


_PAST = re.compile(r"^(?:[a-z]+ed|went|spent|made|took|had|got|set|ran|began)$")


def _attendance(card: PersonaCard) -> list[Topic]:
    n, days = card.cancelled_by_me, card.days_since_held
    if n == 0 and (days is None or days < 21):
        return []
    raise_it = ["It's been a while since we actually sat down."]
    if days is not None and days >= 14:
        raise_it.append(f"We haven't properly talked since {weeks_phrase(days)}.")
    if n >= 2:
        raise_it.append(f"The last {number_word(n)} of these got cancelled.")
    more = ["I wasn't sure today would happen either, to be honest."]
    if n >= 2:
        more.append("After a couple of cancellations you stop saving things up.")
    words = _words("cancelled cancellations cancelling meeting sat down while since last talked")
    return [Topic("attendance", words, tuple(raise_it), tuple(more))]


def _yours(card: PersonaCard) -> list[Topic]:
    out = []
    for i, a in enumerate(card.yours[:3]):
        ask = [f"Did you get anywhere with {a.phrase}?", f"Any news on {a.phrase}?"]
        if a.overdue:
            ask.append(f"I was going to ask: did {a.phrase} go anywhere? It's been a while.")
        more = (f"I'd been counting on {a.phrase} a bit, if I'm honest.", f"{_cap(a.phrase)} would still help.")
        out.append(Topic(f"yours:{i}", _words(a.text), tuple(ask), more, asks=True, core=a.phrase))
    return out


def _theirs(card: PersonaCard) -> list[Topic]:
    out = []
    for i, a in enumerate(card.theirs[:3]):
        if a.overdue:
            say = (f"I know {a.phrase} is overdue.", f"{_cap(a.phrase)} is overdue, I know.")
        else:
            say = (f"{_cap(a.phrase)} is still on my list.", f"I haven't finished {a.phrase} yet.")
        more = (
            f"{_cap(a.phrase)} keeps getting pushed down by everything else.",
            f"I want to get {a.phrase} done properly, not rushed.",
        )
        out.append(Topic(f"theirs:{i}", _words(a.text), say, more, core=a.phrase))
    return out


def _last(card: PersonaCard) -> list[Topic]:
    if not card.last_notes:
        return []
    clause = _first_clause(card.last_notes)
    if not clause:
        return []
    head = clause.split(" ", 1)[0]
    if head in ("you", "i"):
        say: tuple[str, ...] = (f"Last time {clause}.", f"When we last talked, {clause}.")
    elif _PAST.match(head):
        say = (f"Last time we {clause}.", f"When we last talked, we {clause}.")
    else:
        say = (f"Last time we talked, it was mostly about {clause}.", f"Last time we got onto {clause}.")
    more = ("We never really finished that conversation.", "I've thought about that since.")
    return [Topic("last", _words(card.last_notes), say, more)]


def _notes(card: PersonaCard) -> list[Topic]:
    out = []
    for i, note in enumerate(card.work_notes[:2]):
        out.append(Topic(f"note:{i}", _words(note), (note,), ("I've been thinking about that more since.",)))
    return out


def _personal(card: PersonaCard) -> list[Topic]:
    out = []
    for i, (note, raw) in enumerate(zip(card.personal_notes[:3], card.raw_personal[:3], strict=False)):
        say = tuple(f.format(note=note, note_lc=lower_first(note)) for f in L.SHARE_FRAMES)
        strain = any(w in raw.lower() for w in ("hard", "isolated", "lonely", "hectic", "unwell", "tired"))
        past = note.startswith(("About ", "Yesterday ")) and " I said " in note  # an event memory dates (voice.dated)
        more = L.PERSONAL_STRAIN_MORE if strain else L.PERSONAL_PAST_MORE if past else L.PERSONAL_MORE
        sensitive = bool({w.lower().strip(".,;:") for w in raw.split()} & SENSITIVE_WORDS)
        topic = Topic(f"personal:{i}", _words(raw), say, tuple(more), personal=True, sensitive=sensitive, core=note)
        out.append(topic)
    return out


def _scenario(card: PersonaCard, scenario: Scenario) -> list[Topic]:
    slots = {"topic": scenario.topic or "the work", "role": _role(card)}
    talk = S.SCENARIO_TALK.get(scenario.id, ())
    return [Topic(f"scenario:{i}", _words(scenario.topic), (line.format(**slots),)) for i, line in enumerate(talk)]


def _role(card: PersonaCard) -> str:
    role = card.role_text
    if role.startswith(("my ", "the ")):
        return role
    return ("an " if role[:1].lower() in "aeiou" else "a ") + lower_first(role)


def build_topics(card: PersonaCard, scenario: Scenario) -> list[Topic]:
    """Everything the persona may raise, in the order this scenario puts it on their mind."""
    memory = {
        "attendance": _attendance(card),
        "yours": _yours(card),
        "theirs": _theirs(card),
        "last": _last(card),
        "notes": _notes(card),
        "scenario": _scenario(card, scenario),
    }
    orders = {
        "after-cancellations": ("attendance", "yours", "scenario", "last", "theirs", "notes"),
        "performance-concern": ("theirs", "scenario", "yours", "last", "notes", "attendance"),
        "strategy-drift": ("scenario", "theirs", "last", "yours", "notes", "attendance"),
        "may-leave": ("scenario", "notes", "last", "yours", "theirs", "attendance"),
        "promotion": ("scenario", "notes", "theirs", "last", "yours", "attendance"),
    }
    order = orders.get(scenario.id, ("scenario", "yours", "last", "theirs", "notes", "attendance"))
    out = [t for group in order for t in memory[group]]
    return out + _personal(card)
