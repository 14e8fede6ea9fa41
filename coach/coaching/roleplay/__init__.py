"""The rehearsal: `start`, `reply`, `end`, with a persona built from memory and a visible rubric.

Scoring is kept apart from reply generation. Every line the user says is recorded in the
`Drill`: labelled by the line scorer, read for the rehearsal's own cues (ownership, a clear
position, recalling what memory holds), and taken in by the persona's inner state (trust,
what opened or blocked the hidden agenda). The built-in engine then plays the persona
offline; a model can play it instead by passing its replies to `Drill.record_persona_line`.
Either way the same drill decides the same rubric and gives the same scorecard.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
from dataclasses import dataclass, field

from coach.coaching.analysis import LineAnalysis, Scorer, analyse_line
from coach.coaching.roleplay.agenda import Agenda, build_agenda, reveal_rule
from coach.coaching.roleplay.cues import content_words, ownership, position, recall, self_proposal
from coach.coaching.roleplay.engine import PersonaEngine
from coach.coaching.roleplay.live import compact, explain
from coach.coaching.roleplay.persona import PersonaCard, Temperament, build_card, parse_difficulty, parse_temperament
from coach.coaching.roleplay.rubric import CheckResult, Said, evaluate_all
from coach.coaching.roleplay.scenarios import SCENARIOS, Scenario, choose_scenario, get_scenario
from coach.coaching.roleplay.scorecard import AgendaOutcome, Scorecard, find_passage, rubric_next
from coach.coaching.roleplay.state import InnerState
from coach.coaching.transcript import ScoredLine, Summary, summarise
from coach.domain import PersonRecord, Searcher

__all__ = [
    "SCENARIOS",
    "CheckResult",
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

_WORDS = re.compile(r"\w+(?:'\w+)?")


def _count(text: str) -> int:
    return len(_WORDS.findall(text))


@dataclass
class Turn:
    """One exchange: the analysis of the user's line, the persona's reply, the score so far."""

    analysis: LineAnalysis
    reply: str
    summary: Summary
    proposed_action: str | None = None
    openness: float = 0.0  # the persona's trust after the line
    live: str = ""  # the compact score line for this line
    rubric: list[CheckResult] = field(default_factory=list)
    newly_met: list[CheckResult] = field(default_factory=list)
    agenda_surfaced: bool = False


@dataclass
class Drill:
    persona: PersonaCard
    scenario: Scenario
    seed: int
    engine: PersonaEngine
    opening: str  # the persona's first line, or a prompt for the user when they open
    persona_opens: bool
    state: InnerState
    agenda: Agenda
    chosen_because: str = ""  # why memory picked this scenario ("" when the user chose it)
    transcript: list[tuple[str, str]] = field(default_factory=list)  # ("me"|"them", text)
    proposed_actions: list[str] = field(default_factory=list)
    scored: list[ScoredLine] = field(default_factory=list)
    lines: list[Said] = field(default_factory=list)
    score: Scorer = analyse_line  # what labels each line (the workspace hands in the full line scorer)
    engine_kind: str = "offline"  # "model" once a model plays the persona
    _before: InnerState | None = None

    # -- recording ------------------------------------------------------------------------------
    def _last(self, speaker: str) -> str | None:
        return next((line for who, line in reversed(self.transcript) if who == speaker), None)

    def record_user_line(self, text: str) -> LineAnalysis:
        """Score the user's line (against the persona's last turn), read its cues, let the inner state take it in."""
        analysis = self.score(text, self._last("them"))
        own, stance = ownership(text), position(text)
        remembered = recall(text, self.persona.facts())
        self._before = copy.deepcopy(self.state)
        self.state.observe(analysis, own, remembered, _count(text), stance)
        self.transcript.append(("me", text))
        self.scored.append(ScoredLine("me", analysis))
        self.lines.append(Said("me", text, analysis, self.state.turn, own, stance, remembered))
        return analysis

    def withdraw_user_line(self, text: str) -> None:
        """Take back the last line if it is `text` (its reply failed or was cancelled): said again, it counts once."""
        if self.transcript and self.transcript[-1] == ("me", text):
            self.transcript.pop()
            self.scored.pop()
            self.lines.pop()
            if self._before is not None:
                self.state = self._before
                self.engine.state = self.state
                self._before = None

    def record_persona_line(self, text: str, proposed_action: str | None = None, surfaced: bool | None = None) -> None:
        """Add the persona's line (from the built-in engine or an external one, e.g. an LLM).

        `proposed_action` None: read it from the line ("" = the engine knows it proposed nothing).
        `surfaced` None: decide from the line whether it brought the agenda up (a model's reply).
        """
        analysis = self.score(text, self._last("me"))
        if proposed_action is None:
            proposed_action = self_proposal(text)
        earned = not self.state.surfaced and self.state.earned_at is not None
        if surfaced is None and earned and _mentions(text, self.agenda.text):
            self.state.surfaced_at = self.state.turn
        after_directive = bool(self.lines) and self.lines[-1].speaker == "me" and self.lines[-1].analysis.directive
        self.transcript.append(("them", text))
        self.scored.append(ScoredLine("them", analysis))
        self.lines.append(
            Said(
                "them",
                text,
                analysis,
                self.state.turn,
                proposal=proposed_action or None,
                after_directive=after_directive,
            )
        )
        self.state.heard(_count(text))
        if proposed_action and not after_directive:  # agreeing to the manager's step is not proposing one
            self.proposed_actions.append(proposed_action)
        self._before = None

    # -- reading --------------------------------------------------------------------------------
    @property
    def header(self) -> str:
        """One line for a screen: who, which scenario, how they will behave."""
        p = self.persona
        return f"{self.scenario.title}: {p.name} ({p.temperament.value}, difficulty {p.difficulty})"

    def summary(self) -> Summary:
        return summarise(self.scored)

    def rubric(self) -> list[CheckResult]:
        """The scenario's checks as decided so far."""
        return evaluate_all(self.scenario.checks, self.lines, self.summary(), self.persona.first_name)

    def last_user_line(self) -> Said | None:
        return next((s for s in reversed(self.lines) if s.speaker == "me"), None)

    def live_line(self) -> str:
        said = self.last_user_line()
        return compact(said, self.summary()) if said else ""

    def why_last(self) -> list[str]:
        """The why of every label of the last line the user said (for "why?" on demand)."""
        said = self.last_user_line()
        return explain(said) if said else []

    @property
    def reveal_rule(self) -> str:
        return reveal_rule(self.state.level.kinds)

    @property
    def personized(self) -> bool:
        s = self.summary()
        return bool(s.personal_asks or s.personal_reveals)


def _mentions(text: str, agenda: str) -> bool:
    """A model's reply brings the agenda up when it shares a good part of the agenda's distinctive words."""
    want = content_words(agenda)
    if not want:
        return False
    shared = want & content_words(text)
    return len(shared) >= 3 or len(shared) >= max(1, len(want) // 3)


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
    because = ""
    if chosen is None:
        chosen, because = choose_scenario(record, today)
    temper = parse_temperament(temperament) or chosen.temperament
    level = parse_difficulty(difficulty)
    seed = seed if seed is not None else random.SystemRandom().randrange(1 << 30)
    card = build_card(record, temper, level, today)
    state = InnerState(temper, level)
    agenda = build_agenda(chosen.id, card)
    engine = PersonaEngine(card, chosen, seed, state, agenda)
    first = engine.opening()
    drill = Drill(
        card,
        chosen,
        seed,
        engine,
        first or f"You open. {chosen.brief}",
        first is not None,
        state,
        agenda,
        because,
        score=score,
    )
    if first:
        drill.record_persona_line(first, "", surfaced=False)
    return drill


def reply(drill: Drill, user_line: str) -> Turn:
    """Score the user's line and let the offline persona answer it."""
    before = {r.id for r in drill.rubric() if r.met}
    analysis = drill.record_user_line(user_line)
    said = drill.lines[-1]
    answer = drill.engine.respond(analysis, said.own, said.stance)
    drill.record_persona_line(answer.text, answer.proposed_action or "", surfaced=answer.surfaced)
    rubric = drill.rubric()
    newly = [r for r in rubric if r.met and r.id not in before]
    return Turn(
        analysis,
        answer.text,
        drill.summary(),
        answer.proposed_action,
        drill.state.trust,
        compact(said, drill.summary()),
        rubric,
        newly,
        answer.surfaced,
    )


def end(drill: Drill, search: Searcher | None = None) -> Scorecard:
    """The scorecard for the session so far; `search` supplies a cited passage (None: no citation)."""
    summary = drill.summary()
    personized = bool(summary.personal_asks or summary.personal_reveals)
    rubric = drill.rubric()
    advice, query = rubric_next(rubric, drill.scenario.checks, summary, drill.scenario)
    passage, note = find_passage(search, query)
    turns = sum(1 for speaker, _ in drill.transcript if speaker == "me")
    s = drill.state
    said_by_model = None
    if drill.engine_kind == "model" and s.earned_at is not None:
        said_by_model = s.surfaced
    agenda = AgendaOutcome(
        drill.agenda.kind,
        drill.agenda.about,
        drill.agenda.text,
        s.surfaced,
        s.surfaced_at,
        s.earned_at,
        s.opened_by(),
        s.blocked_by(),
        s.meter,
        drill.agenda.source,
        said_by_model,
    )
    return Scorecard(
        drill.persona.name,
        drill.scenario,
        turns,
        summary,
        personized,
        bool(drill.proposed_actions),
        list(drill.proposed_actions),
        advice,
        passage,
        note,
        rubric=rubric,
        agenda=agenda,
        temperament=drill.persona.temperament.value,
        difficulty=drill.persona.difficulty,
        engine=drill.engine_kind,
    )
