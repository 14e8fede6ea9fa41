"""The relationship memory, as a user edits it: people, 1:1s, actions, notes, and forgetting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coach.domain import Action, Meeting, Note, Person, PersonRecord, PersonSummary, Upcoming
from coach.workspace.parts import Parts


class PeopleJobs(Parts):
    def people(self, today: dt.date | None = None) -> list[PersonSummary]:
        """Everyone, with open actions, the last and the next 1:1, and the brief's one-line headline."""
        from coach.coaching.headline import headline
        from coach.workspace.clock import moment

        day = today or dt.date.today()
        out = []
        for summary in self.memory.summaries(day, moment(day)):
            line = headline(self.memory.record(summary.person.name), day)
            out.append(summary.model_copy(update={"headline": line}))
        return out

    def names(self) -> list[str]:
        return self.memory.names()

    def is_empty(self) -> bool:
        return self.memory.is_empty()

    def person(self, name: str) -> Person:
        """The person `name` names (a unique first name is enough); NotFoundError with suggestions if none."""
        return self.memory.person(name)

    def record(self, name: str) -> PersonRecord:
        """Everything memory holds about one person."""
        return self.memory.record(name)

    def add_person(self, person: Person) -> Person:
        return self.memory.add_person(person)

    def edit_person(self, current_name: str, **changes: Any) -> Person:
        """Change a person's name, relationship, role, level or context (None: leave as it is)."""
        return self.memory.edit_person(current_name, **changes)

    def log_meeting(self, name: str, meeting: Meeting) -> Meeting:
        saved, _, _ = self.memory.log_meeting(name, meeting)
        return saved

    def add_action(self, name: str, action: Action) -> Action:
        return self.memory.add_action(name, action)

    def complete_action(self, action_id: int, on: dt.date | None = None) -> Action:
        return self.memory.complete_action(action_id, on)

    def actions(self, name: str | None = None, open_only: bool = False) -> list[tuple[str, Action]]:
        """(person, action) pairs, for everyone or one person."""
        return self.memory.actions(name, open_only=open_only)

    def add_note(self, name: str, note: Note) -> Note:
        return self.memory.add_note(name, note)

    def set_next_1on1(self, name: str, when: dt.datetime | None) -> Upcoming | None:
        """Set (or with None clear) the next 1:1 with `name` by hand, for a manager without a calendar import."""
        from coach.store.calendar import set_next

        return set_next(self.memory, name, when)

    def forget(self, name: str) -> dict[str, int]:
        """Erase a person from memory and from every saved conversation; returns what memory removed."""
        from coach.agent.conversations import forget_person

        person = self.memory.person(name)  # a unique first name resolves to the full name threads are keyed by
        counts = self.memory.forget(person.name)
        forget_person(self.settings.data_dir, person.name)
        return counts
