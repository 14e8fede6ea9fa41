"""The rehearsal scenarios and how one is picked for a person by default."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from coach.coaching.roleplay.persona import Temperament, recent_cancellations
from coach.domain import Level, Owner, PersonRecord, Relationship
from coach.errors import CoachError


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    brief: str  # what the user is rehearsing
    good: tuple[str, ...]  # what a good conversation looks like
    temperament: Temperament  # the default temperament of the persona
    persona_opens: bool = False  # who speaks first
    topic: str = ""  # what the persona brings up when it talks about work
    search: str = ""  # query for a cited passage on the scorecard


SCENARIOS: dict[str, Scenario] = {
    s.id: s
    for s in (
        Scenario(
            "first-1on1",
            "First personizing 1:1 with a new report",
            "Get to know them as a whole person, not just the role. Ask, share something of your own, listen.",
            ("a personal ask or reveal early on", "they talk more than you", "they name what matters to them"),
            Temperament.guarded,
            topic="settling into the role",
            search="personization ask or reveal something personal early in a 1:1",
        ),
        Scenario(
            "missed-actions",
            "A report who keeps missing their actions",
            "Find out what is really in the way without lecturing. Let them say what they will do next.",
            ("curiosity before judgement", "fewer, self-chosen actions", "no list of orders"),
            Temperament.frustrated,
            topic="the actions that slipped",
            search="report identifies their own actions too many actions overwhelm",
        ),
        Scenario(
            "promotion",
            "A report who wants a promotion",
            "Explore what they want and why, and what growth would look like, without promising or dismissing.",
            ("open questions about their goals", "honesty about the path", "they propose their next step"),
            Temperament.open,
            persona_opens=True,
            topic="my next step here",
            search="help the person connect their work to their own motivation",
        ),
        Scenario(
            "after-cancellations",
            "A 1:1 after several cancelled ones",
            "Own the cancellations, rebuild trust, and make the time about them.",
            ("acknowledge the cancellations plainly", "a personal move", "they set the agenda"),
            Temperament.skeptical,
            persona_opens=True,
            topic="what has piled up since we last talked",
            search="attendance at 1:1s as a priority builds trust",
        ),
        Scenario(
            "disagree-with-boss",
            "Telling your boss you disagree (leading up)",
            "Say clearly what you disagree with and why, with evidence, and ask how they see it.",
            ("a clear, honest statement of the disagreement", "data or documentation", "a question about their view"),
            Temperament.skeptical,
            persona_opens=True,
            topic="the decision you want to challenge",
            search="leading up disagree with your manager honesty courage",
        ),
        Scenario(
            "strategy-drift",
            "A manager of managers whose department drifts from the strategy",
            "Help them see the gap and own the plan: ask how their department's work delivers the strategy.",
            ("questions about strategy, learning and alignment", "they own the plan", "you offer resources"),
            Temperament.guarded,
            topic="how the department's work lines up with the strategy",
            search="manager of managers department aligned with the strategy key questions",
        ),
    )
}


def get_scenario(scenario_id: str | None) -> Scenario | None:
    if scenario_id is None:
        return None
    key = scenario_id.strip().lower()
    if key not in SCENARIOS:
        raise CoachError(f"unknown scenario {scenario_id!r}; valid scenarios: {', '.join(SCENARIOS)}")
    return SCENARIOS[key]


def default_scenario(record: PersonRecord, today: dt.date | None = None) -> Scenario:
    """The rehearsal this relationship most likely needs, from what memory holds."""
    today = today or dt.date.today()
    person = record.person
    if person.relationship is Relationship.boss:
        return SCENARIOS["disagree-with-boss"]
    if person.level is Level.manager and person.relationship is Relationship.report:
        return SCENARIOS["strategy-drift"]
    if recent_cancellations(record) >= 2:
        return SCENARIOS["after-cancellations"]
    theirs = [a for a in record.actions if not a.done and a.owner in (Owner.them, Owner.both)]
    if sum(a.overdue(today) for a in theirs) >= 2:
        return SCENARIOS["missed-actions"]
    talk = " ".join(n.text for n in record.notes) + " " + " ".join(m.notes for m in record.meetings)
    if re.search(r"\b(promot\w*|next level|senior role|career step)\b", talk, re.I):
        return SCENARIOS["promotion"]
    return SCENARIOS["first-1on1"]
