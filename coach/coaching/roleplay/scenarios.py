"""The rehearsal scenarios, each with its rubric, and how one is picked from memory.

A scenario says what the user rehearses, who the other person is (a report, the user's
boss, a peer), how that person starts out, and the plain yes/no checks of its rubric.
Its hidden agenda is built in `agenda.py` from the scenario and memory.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from coach.coaching.roleplay.persona import Temperament, recent_cancellations
from coach.coaching.roleplay.rubric import CheckSpec
from coach.domain import Level, MeetingStatus, Owner, PersonRecord, Relationship
from coach.errors import CoachError


# -- the checks ----------------------------------------------------------------------------------
def own(label: str = "Acknowledge the cancellations as yours") -> CheckSpec:
    return CheckSpec(
        "own",
        label,
        'Say plainly what you did and that it is on you ("I cancelled twice; that\'s on me"), before anything else.',
        "attendance at 1:1s as a priority builds trust",
    )


def personal(label: str = "Make at least one personal move") -> CheckSpec:
    return CheckSpec(
        "personal",
        label,
        "Make one personal move early: ask how they are really doing, or share something of your own first.",
        "personization ask or reveal something personal reciprocity",
    )


def reveal(label: str = "Share something of your own") -> CheckSpec:
    return CheckSpec(
        "reveal",
        label,
        "Go first: share something small of your own before you ask.",
        "personization reveal something personal first",
    )


def recall_personal(label: str = "Ask about something they shared") -> CheckSpec:
    return CheckSpec(
        "recall_personal",
        label,
        "Follow up on something they told you last time, and let them choose how much to say.",
        "follow up on personal things they shared",
    )


def recall(label: str = "Name one specific thing you know about") -> CheckSpec:
    return CheckSpec(
        "recall",
        label,
        "Bring one concrete example from what you know (an action, a note) instead of a general verdict.",
        "specific feedback example behaviour",
    )


def their_step(label: str = "They name their own next step") -> CheckSpec:
    return CheckSpec(
        "their_step",
        label,
        "Ask an open question about what they want to do next, then wait for them to name it.",
        "report identifies their own actions priorities questions",
    )


def directives(most: int = 1) -> CheckSpec:
    label = "No directives" if most == 0 else f"No more than {'one directive' if most == 1 else f'{most} directives'}"
    return CheckSpec(
        "directives",
        label,
        'When you feel the urge to hand over an answer, ask "What options do you see?" and wait.',
        "let the person identify their own actions rather than being told",
        most,
    )


def talk(limit: float = 0.4) -> CheckSpec:
    return CheckSpec(
        "talk",
        f"You speak less than {round(limit * 100)}% of the words",
        "Say less: after each question, leave the silence to them.",
        "ask questions listen create space",
        limit,
    )


def reflection(label: str = "At least one reflection") -> CheckSpec:
    return CheckSpec(
        "reflection",
        label,
        'Say back what you heard before the next question ("So it\'s been piling up with nowhere to take it").',
        "listening reflect back what you heard",
    )


def open_qs(most: int = 2, label: str = "") -> CheckSpec:
    return CheckSpec(
        "open",
        label or f"Ask at least {'two' if most == 2 else most} open questions",
        "Turn yes/no questions into what or how questions.",
        "asking questions to learn more open questions",
        most,
    )


def position(label: str) -> CheckSpec:
    return CheckSpec(
        "position",
        label,
        'Say it in one plain sentence with your reason ("I can\'t commit to that, because…"), then stop and listen.',
        "leading up disagree with your manager honesty courage",
    )


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    brief: str  # what the user is rehearsing
    checks: tuple[CheckSpec, ...]  # the rubric, shown before and decided after
    temperament: Temperament  # the default temperament of the persona
    persona_opens: bool = False  # who speaks first
    topic: str = ""  # what is on the persona's mind about the work
    search: str = ""  # query for a cited passage on the scorecard
    relationship: Relationship = Relationship.report  # who "them" usually is here

    @property
    def good(self) -> tuple[str, ...]:
        """What a good conversation looks like: the rubric's labels (kept for the scorecard's JSON)."""
        return tuple(c.label for c in self.checks)


SCENARIOS: dict[str, Scenario] = {
    s.id: s
    for s in (
        Scenario(
            "after-cancellations",
            "A 1:1 after several cancelled ones",
            "Own the cancellations, rebuild trust, and make the time about them.",
            (own(), personal(), their_step(), directives(1), talk(0.4), reflection()),
            Temperament.skeptical,
            persona_opens=True,
            topic="what has piled up since we last talked",
            search="attendance at 1:1s as a priority builds trust",
        ),
        Scenario(
            "first-1on1",
            "A first 1:1 with a new report",
            "Get to know them as a whole person, not just the role. Ask, share something of your own, listen.",
            (
                personal(),
                open_qs(2),
                reflection(),
                their_step("They say what matters to them next"),
                directives(0),
                talk(0.4),
            ),
            Temperament.guarded,
            topic="settling into the role",
            search="personization ask or reveal something personal early in a 1:1",
        ),
        Scenario(
            "performance-concern",
            "Raising a performance concern",
            "Name the concern with a specific example, then get curious about what is in the way. Let them say what "
            "they will do next.",
            (
                recall("Name one specific example from what you know"),
                open_qs(1, "Ask what got in the way"),
                reflection(),
                their_step(),
                directives(1),
                talk(0.5),
            ),
            Temperament.frustrated,
            topic="the actions that slipped",
            search="report identifies their own actions too many actions overwhelm",
        ),
        Scenario(
            "may-leave",
            "A report who may be thinking of leaving",
            "Make it safe to say what is really going on; explore what they want without promising or pleading.",
            (open_qs(2), reflection(), personal(), their_step(), directives(1), talk(0.4)),
            Temperament.guarded,
            topic="how the work has felt lately",
            search="help the person connect their work to their own motivation",
        ),
        Scenario(
            "say-no",
            "Saying no to a request",
            "Hear the need behind the request, say no plainly with your reason, and look for another way together.",
            (
                position("Say no plainly, with your reason"),
                open_qs(1, "Ask what is behind the request"),
                reflection(),
                their_step(),
                directives(1),
                talk(0.5),
            ),
            Temperament.anxious,
            persona_opens=True,
            topic="the request",
            search="saying no honestly care personally challenge directly",
        ),
        Scenario(
            "impossible-timeline",
            "Your boss wants an impossible timeline (leading up)",
            "Say plainly that the date is not doable and why, ask what is driving it, and offer options.",
            (
                position("Say plainly the date is not doable, with your reason"),
                open_qs(1, "Ask what is driving the date"),
                reflection(),
                their_step("They name a next step"),
                directives(1),
                talk(0.5),
            ),
            Temperament.frustrated,
            persona_opens=True,
            topic="the deadline",
            search="leading up disagree with your manager honesty courage",
            relationship=Relationship.boss,
        ),
        Scenario(
            "peer-conflict",
            "A conflict with a peer",
            "Own your part, understand how it landed for them, and agree how you will work together.",
            (
                own("Acknowledge your part in it"),
                reflection(),
                open_qs(1, "Ask how they see it"),
                their_step("They name a next step"),
                directives(1),
                talk(0.45),
            ),
            Temperament.frustrated,
            persona_opens=True,
            topic="the change that caught my team out",
            search="conflict with a peer trust listen understand their view",
            relationship=Relationship.peer,
        ),
        Scenario(
            "opener",
            "The brief's personizing opener",
            "Open with the brief's suggestion: share something small of yours, ask about something they shared, "
            "and listen.",
            (
                recall_personal(),
                reveal(),
                reflection(),
                their_step("They say what they want from the 1:1"),
                directives(0),
                talk(0.4),
            ),
            Temperament.guarded,
            topic="the week",
            search="personization ask or reveal something personal reciprocity",
        ),
        Scenario(
            "promotion",
            "A report who wants a promotion",
            "Explore what they want and why, and what growth would look like, without promising or dismissing.",
            (open_qs(2), reflection(), their_step(), directives(1), talk(0.4)),
            Temperament.open,
            persona_opens=True,
            topic="my next step here",
            search="help the person connect their work to their own motivation",
        ),
        Scenario(
            "disagree-with-boss",
            "Telling your boss you disagree (leading up)",
            "Say clearly what you disagree with and why, with evidence, and ask how they see it.",
            (
                position("State your disagreement plainly, with a reason"),
                open_qs(1, "Ask how they see it"),
                reflection(),
                their_step("They name a next step"),
                directives(1),
                talk(0.5),
            ),
            Temperament.skeptical,
            persona_opens=True,
            topic="the decision you want to challenge",
            search="leading up disagree with your manager honesty courage",
            relationship=Relationship.boss,
        ),
        Scenario(
            "strategy-drift",
            "A manager of managers whose department drifts from the strategy",
            "Help them see the gap and own the plan: ask how their department's work delivers the strategy.",
            (
                open_qs(2),
                reflection(),
                recall("Bring up something specific from their plans"),
                their_step("They own the plan's next step"),
                directives(1),
                talk(0.4),
            ),
            Temperament.guarded,
            topic="how the department's work lines up with the strategy",
            search="manager of managers department aligned with the strategy key questions",
        ),
    )
}
ALIASES = {"missed-actions": "performance-concern", "leaving": "may-leave", "boss-timeline": "impossible-timeline"}
FROM_MEMORY = ("from-memory", "auto", "memory", "")


def get_scenario(scenario_id: str | None) -> Scenario | None:
    """The scenario by id (or an alias); None, or "from-memory", lets memory choose."""
    if scenario_id is None:
        return None
    key = scenario_id.strip().lower()
    if key in FROM_MEMORY:
        return None
    key = ALIASES.get(key, key)
    if key not in SCENARIOS:
        raise CoachError(f"unknown scenario {scenario_id!r}; valid scenarios: {', '.join(SCENARIOS)}, from-memory")
    return SCENARIOS[key]


_PROMOTION = re.compile(r"\b(promot\w*|next level|senior role|career step|title)\b", re.I)
_LEAVING = re.compile(
    r"\b(leav(e|ing)|quit\w*|resign\w*|interview\w* (elsewhere|at)|recruiter|other offers?|job offer|"
    r"looking around|unhappy|demotivated|disengaged|bored)\b",
    re.I,
)
_DISAGREE = re.compile(r"\b(disagree\w*|pushed back|push back|challenge\w*|objected)\b", re.I)
_DEADLINE = re.compile(r"\b(deadline|timeline|date|by the end of|launch|deliver\w* by)\b", re.I)
_CONFLICT = re.compile(r"\b(conflict|tension|tense|clash\w*|friction|blindsided|upset|annoyed|frustrat\w*)\b", re.I)


def choose_scenario(record: PersonRecord, today: dt.date | None = None) -> tuple[Scenario, str]:
    """The rehearsal this relationship most likely needs, from what memory holds, and why it was picked."""
    today = today or dt.date.today()
    person = record.person
    first = person.name.split()[0]
    talk_text = " ".join(n.text for n in record.notes) + " " + " ".join(m.notes for m in record.meetings)
    if person.relationship is Relationship.boss:
        if _DEADLINE.search(talk_text) and not _DISAGREE.search(talk_text):
            return SCENARIOS["impossible-timeline"], f"{first} is your boss and your notes mention a deadline"
        return SCENARIOS["disagree-with-boss"], f"{first} is your boss: rehearse leading up"
    if person.relationship is Relationship.peer:
        return SCENARIOS["peer-conflict"], f"{first} is a peer"
    if person.level is Level.manager:
        return SCENARIOS["strategy-drift"], f"{first} manages managers: the department's plan against the strategy"
    cancelled = recent_cancellations(record)
    if cancelled >= 2:
        return SCENARIOS["after-cancellations"], f"you cancelled {cancelled} of your last three 1:1s with {first}"
    theirs = [a for a in record.actions if not a.done and a.owner in (Owner.them, Owner.both)]
    late = sum(a.overdue(today) for a in theirs)
    if late >= 2:
        return SCENARIOS["performance-concern"], f"{late} of {first}'s actions are overdue"
    if _LEAVING.search(talk_text):
        return SCENARIOS["may-leave"], f"your notes about {first} hint they may be unhappy or looking around"
    if _PROMOTION.search(talk_text):
        return SCENARIOS["promotion"], f"your notes about {first} mention promotion"
    held = [m for m in record.meetings if m.status is MeetingStatus.held and m.date <= today]
    if len(held) <= 2:
        return SCENARIOS["first-1on1"], f"you have held {len(held)} 1:1(s) with {first} so far"
    if any(n.personal for n in record.notes):
        return SCENARIOS["opener"], f"{first} has shared personal things: rehearse the brief's opener"
    if _CONFLICT.search(talk_text):
        return SCENARIOS["performance-concern"], f"your notes about {first} mention tension"
    return SCENARIOS["first-1on1"], "nothing in memory points elsewhere: a personizing 1:1"


def default_scenario(record: PersonRecord, today: dt.date | None = None) -> Scenario:
    return choose_scenario(record, today)[0]
