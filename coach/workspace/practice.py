"""Practice: score what was said, and rehearse a conversation (the offline drill, or a model as the persona)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from coach.workspace.knowledge import KnowledgeJobs

if TYPE_CHECKING:
    from coach.agent.roleplay import RoleplayChat
    from coach.coaching.analysis import LineAnalysis
    from coach.coaching.lines.head import LineScorer
    from coach.coaching.roleplay import Drill, Scorecard, Turn
    from coach.coaching.transcript import TranscriptAnalysis


class PracticeJobs(KnowledgeJobs):
    _line_scorer: LineScorer | None = None

    def scorer(self) -> LineScorer:
        """What labels each line, the same for `coach score`, the live panel and every scorecard: the rules,
        then the learned head over the MiniLM embedding where they are unsure (built once per workspace; the
        model loads only when a line needs it, and shares the knowledge index's embedder when that is open)."""
        if self._line_scorer is None:
            from coach.workspace.lines import line_scorer

            embedder = self.knowledge.embedder if "knowledge" in self.__dict__ else None
            self._line_scorer = line_scorer(embedder)
        return self._line_scorer

    def score_line(self, text: str, previous: str | None = None) -> LineAnalysis:
        """One line's labels and the cue behind each; `previous` is the other person's turn before it."""
        return self.scorer()(text, previous)

    def score_transcript(self, text: str) -> TranscriptAnalysis:
        from coach.coaching.transcript import analyse_transcript

        return analyse_transcript(text, self.scorer())

    def roleplay_options(self) -> tuple[list[str], list[str]]:
        """(scenario ids, temperaments) a rehearsal can take."""
        from coach.coaching.roleplay import SCENARIOS, Temperament

        return list(SCENARIOS), [t.value for t in Temperament]

    def drill(
        self,
        name: str,
        scenario: str | None = None,
        temperament: str | None = None,
        difficulty: int | str = 2,
        seed: int | None = None,
        today: dt.date | None = None,
    ) -> Drill:
        """A rehearsal with `name`, the offline persona answering; no scenario (or "from-memory") lets memory pick.

        Unknown scenario, temperament or difficulty: CoachError.
        """
        from coach.coaching.roleplay import start
        from coach.coaching.roleplay.persona import parse_difficulty, parse_temperament
        from coach.coaching.roleplay.scenarios import get_scenario

        chosen = get_scenario(scenario)
        temper = parse_temperament(temperament)
        level = parse_difficulty(difficulty)
        record = self.memory.record(name)
        return start(record, chosen, temper, level, seed, today, score=self.scorer())

    def reply(self, drill: Drill, line: str) -> Turn:
        """Score the manager's line and let the offline persona answer."""
        from coach.coaching.roleplay import reply

        return reply(drill, line)

    def scorecard(self, drill: Drill, search: Any = None) -> Scorecard:
        """The scorecard so far, citing a passage when the index can answer (`search` overrides it)."""
        from coach.coaching.roleplay import end

        return end(drill, search or self.search)

    async def model_drill(
        self,
        name: str,
        scenario: str | None = None,
        temperament: str | None = None,
        difficulty: int | str = 2,
        *,
        model: Any = None,
        today: dt.date | None = None,
    ) -> RoleplayChat:
        """A rehearsal where the model plays the person, told the same facts, agenda and reveal rule; the drill
        still scores every line and gives the same scorecard."""
        from coach.agent.conversations import open_saver
        from coach.agent.roleplay import open_roleplay

        drill = self.drill(name, scenario, temperament, difficulty, today=today)
        person = drill.persona.name  # the full name the rehearsal's thread is kept under
        saver = await open_saver(self.settings.data_dir)
        return await open_roleplay(
            self.settings,
            drill,
            model=model,
            checkpointer=saver,
            search=self.search,
            present=lambda: self.memory.has(person),
        )
