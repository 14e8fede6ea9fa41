"""The offline role-play drill: `start`, `reply`, `end`.

Scoring (the analysis of the user's lines) is kept apart from reply generation:
the built-in engine plays the persona offline, and an LLM agent can play it instead
by passing its own replies to `Drill.record_persona_line` with the same live scoring.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from coach.coaching.analysis import LineAnalysis, Scorer, analyse_line
from coach.coaching.roleplay.engine import PersonaEngine
from coach.coaching.roleplay.persona import PersonaCard, Temperament, build_card, parse_difficulty, parse_temperament
from coach.coaching.roleplay.scenarios import SCENARIOS, Scenario, default_scenario, get_scenario
from coach.coaching.roleplay.scorecard import Scorecard, find_passage, try_next
from coach.coaching.transcript import ScoredLine, Summary, summarise
from coach.domain import PersonRecord, Searcher

__all__ = [
    "SCENARIOS",
    "Drill",
    "PersonaCard",
    "Scenario",
    "Scorecard",
    "Temperament",
    "Turn",
    "end",
    "reply",
    "start",
]

# A persona line that commits the person to a next step of their own.
_SELF_PROPOSAL = re.compile(
    r"\b(i'll|i will|i'm going to|i am going to|i want to|i'd like to|my plan:?|i could|i can|let me)\s+"
    r"(?!do that|get it done|sort it|be)\w+",
    re.I,
)


@dataclass
class Turn:
    """One exchange: the analysis of the user's line, the persona's reply, the score so far."""

    analysis: LineAnalysis
    reply: str
    summary: Summary
    proposed_action: str | None = None
    openness: float = 0.0


@dataclass
class Drill:
    persona: PersonaCard
    scenario: Scenario
    seed: int
    engine: PersonaEngine
    opening: str  # the persona's first line, or a prompt for the user when they open
    persona_opens: bool
    transcript: list[tuple[str, str]] = field(default_factory=list)  # ("me"|"them", text)
    proposed_actions: list[str] = field(default_factory=list)
    scored: list[ScoredLine] = field(default_factory=list)
    score: Scorer = analyse_line  # what labels each line (the workspace hands in the full line scorer)

    def _last(self, speaker: str) -> str | None:
        return next((line for who, line in reversed(self.transcript) if who == speaker), None)

    def record_user_line(self, text: str) -> LineAnalysis:
        analysis = self.score(text, self._last("them"))
        self.transcript.append(("me", text))
        self.scored.append(ScoredLine("me", analysis))
        return analysis

    def withdraw_user_line(self, text: str) -> None:
        """Take back the last line if it is `text` (its reply failed or was cancelled): said again, it counts once."""
        if self.transcript and self.transcript[-1] == ("me", text):
            self.transcript.pop()
            self.scored.pop()

    def record_persona_line(self, text: str, proposed_action: str | None = None) -> None:
        """Add the persona's line (from the built-in engine or an external one, e.g. an LLM)."""
        previous = self._last("me")
        self.transcript.append(("them", text))
        self.scored.append(ScoredLine("them", self.score(text, previous)))
        if proposed_action is None:
            match = _SELF_PROPOSAL.search(text)
            proposed_action = text[match.start() :].split(".")[0] if match else None
        if proposed_action:
            self.proposed_actions.append(proposed_action)

    @property
    def header(self) -> str:
        """One line for a screen: who, which scenario, how they will behave."""
        p = self.persona
        return f"{self.scenario.title}: {p.name} ({p.temperament.value}, difficulty {p.difficulty})"

    def summary(self) -> Summary:
        return summarise(self.scored)

    @property
    def personized(self) -> bool:
        s = self.summary()
        return bool(s.personal_asks or s.personal_reveals)


def start(
    record: PersonRecord,
    scenario: Scenario | str | None = None,
    temperament: Temperament | str | None = None,
    difficulty: int | str = 2,
    seed: int | None = None,
    today: dt.date | None = None,
    score: Scorer = analyse_line,
) -> Drill:
    """Set up a rehearsal with the person in `record`; the scenario defaults from memory."""
    chosen = get_scenario(scenario) if isinstance(scenario, str) else scenario
    chosen = chosen or default_scenario(record, today)
    temper = parse_temperament(temperament) or chosen.temperament
    seed = seed if seed is not None else random.SystemRandom().randrange(1 << 30)
    card = build_card(record, temper, parse_difficulty(difficulty), today)
    engine = PersonaEngine(card, chosen, seed)
    first = engine.opening()
    drill = Drill(card, chosen, seed, engine, first or f"You open. {chosen.brief}", first is not None, score=score)
    if first:
        drill.record_persona_line(first, "")
    return drill


def reply(drill: Drill, user_line: str) -> Turn:
    """Score the user's line and let the offline persona answer it."""
    analysis = drill.record_user_line(user_line)
    answer = drill.engine.respond(analysis)
    drill.record_persona_line(answer.text, answer.proposed_action or "")  # "": the engine knows it proposed nothing
    return Turn(analysis, answer.text, drill.summary(), answer.proposed_action, drill.engine.openness)


def end(drill: Drill, search: Searcher | None = None) -> Scorecard:
    """The scorecard for the session so far; `search` supplies a cited passage (None: no citation)."""
    summary = drill.summary()
    personized = bool(summary.personal_asks or summary.personal_reveals)
    proposed = bool(drill.proposed_actions)
    advice, query = try_next(summary, personized, proposed, drill.scenario)
    passage, note = find_passage(search, query)
    turns = sum(1 for speaker, _ in drill.transcript if speaker == "me")
    return Scorecard(
        drill.persona.name,
        drill.scenario,
        turns,
        summary,
        personized,
        proposed,
        list(drill.proposed_actions),
        advice,
        passage,
        note,
    )
