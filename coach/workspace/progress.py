"""The manager's progress over the months, and the rehearsals it is drawn from."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from coach.domain import Rehearsal
from coach.workspace.parts import Parts

if TYPE_CHECKING:
    from coach.coaching.progress import Progress
    from coach.coaching.roleplay import Scorecard


class ProgressJobs(Parts):
    def progress(self, name: str | None = None, months: int = 6, today: dt.date | None = None) -> Progress:
        """Attendance, ownership of actions and rehearsal talk, per month, for one person or everyone."""
        from coach.coaching.progress import progress

        if months < 1 or months > 120:
            from coach.errors import CoachError

            raise CoachError("--months must be between 1 and 120")
        if name is not None:
            record = self.memory.record(name)
            return progress([record], today or dt.date.today(), months, record.person.name)
        records = [self.memory.record(n) for n in self.memory.names()]
        return progress(records, today or dt.date.today(), months)

    def save_rehearsal(self, name: str, card: Scorecard, today: dt.date | None = None) -> Rehearsal | None:
        """Keep a finished rehearsal's scorecard (what `progress` draws), dated now (or on `today`, the day a face
        shows); one where the user said nothing is not kept."""
        from coach.workspace.clock import moment

        if card.turns == 0:
            return None
        s = card.summary
        rehearsal = Rehearsal(
            created=moment(today).astimezone(dt.UTC).replace(microsecond=0),
            scenario=card.scenario.id,
            turns=card.turns,
            talk_ratio=s.talk_ratio,
            open_question_share=s.open_question_share,
            questions=s.questions,
            open_questions=s.open_questions,
            personal_asks=s.personal_asks,
            personal_reveals=s.personal_reveals,
            directives=s.directives,
            reflections=s.reflections,
            reflection_to_question=s.reflection_to_question,
            personized=card.personized,
            proposed_own_actions=card.proposed_own_actions,
        )
        return self.memory.save_rehearsal(name, rehearsal)
