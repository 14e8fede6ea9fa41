"""Before a 1:1: the brief."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from coach.domain import PersonRecord, Searcher
from coach.workspace.knowledge import KnowledgeJobs

if TYPE_CHECKING:
    from coach.coaching.brief import Brief


class PrepJobs(KnowledgeJobs):
    def brief(
        self,
        person: str | PersonRecord,
        today: dt.date | None = None,
        *,
        with_passages: bool = True,
        search: Searcher | None = None,
    ) -> Brief:
        """The prep brief for one person (by name, or their record as already read: a thread worker cannot
        use memory's connection). Passages come from `search` (default: the index); when it cannot answer,
        the brief says why in `passages_note` instead."""
        from coach.coaching.brief import build_brief
        from coach.workspace.clock import moment

        record = self.memory.record(person) if isinstance(person, str) else person
        cite = (search or self.search) if with_passages else None
        day = today or dt.date.today()
        return build_brief(record, day, cite, now=moment(day))
