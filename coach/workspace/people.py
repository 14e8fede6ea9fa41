"""The relationship memory, as a user edits it: people, 1:1s, actions, notes, drafts, and forgetting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.domain import Action, Meeting, Note, Person, PersonRecord, PersonSummary, Upcoming
from coach.workspace.parts import Parts


@dataclass(frozen=True)
class Forgotten:
    """What forgetting a person erased, and anything the user should know about it."""

    name: str
    meetings: int
    actions: int
    notes: int
    conversations: int = 0
    drafts: int = 0
    rehearsals: int = 0
    exports_rewritten: list[Path] = field(default_factory=list)
    exports_removed: list[Path] = field(default_factory=list)
    scrubbed: bool = True  # False: another program's long read still holds the old pages (finished later)

    def lines(self) -> list[str]:
        """The report, one sentence a line."""
        out = [
            f"Forgot {self.name}: {self.meetings} meetings, {self.actions} actions, {self.notes} notes erased"
            + (f", {self.rehearsals} rehearsals" if self.rehearsals else "")
            + (f", {self.conversations} saved conversations" if self.conversations else "")
            + (f", {self.drafts} unsaved drafts" if self.drafts else "")
            + "."
        ]
        if self.exports_rewritten:
            names = ", ".join(p.name for p in self.exports_rewritten)
            out.append(f"Also taken out of the JSON exports in the data directory: {names}.")
        if self.exports_removed:
            names = ", ".join(p.name for p in self.exports_removed)
            out.append(f"Deleted the Markdown exports in the data directory that held them: {names}.")
        if not self.scrubbed:
            out.append(
                "Another program is still reading the database, so the old pages stay in the file until it "
                "closes; coach finishes erasing them the next time it opens the file (close the other coach "
                "window, then run any coach command)."
            )
        return out


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

    def memory_version(self) -> int:
        """Changes whenever another program (the CLI, a second app) commits to memory: cheap enough to poll."""
        return self.memory.data_version()

    def person(self, name: str) -> Person:
        """The person `name` names (a unique first name is enough); NotFoundError with suggestions if none."""
        return self.memory.person(name)

    def person_by_id(self, person_id: int) -> Person | None:
        """The person with this id now (under a new name, perhaps), or None once they are forgotten."""
        return self.memory.exists(person_id)

    def record(self, name: str) -> PersonRecord:
        """Everything memory holds about one person."""
        return self.memory.record(name)

    def add_person(self, person: Person) -> Person:
        return self.memory.add_person(person)

    def edit_person(self, current_name: str, **changes: Any) -> Person:
        """Change a person's name, relationship, role, level or context (None: leave as it is).

        A new name takes their saved conversations along, so forgetting them later still finds every one.
        """
        from coach.agent.conversations import rename_person

        before = self.memory.person(current_name)
        updated = self.memory.edit_person(current_name, **changes)
        if updated.name != before.name:
            rename_person(self.settings.data_dir, before.name, updated.name)
        return updated

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

    # -- drafts: what the user typed in the app and has not saved ------------------------------
    def save_draft(self, person_id: int, kind: str, text: str) -> bool:
        """Keep unsaved text (kind `debrief` or `roleplay`) on disk until it is saved or discarded.

        Returns False, writing nothing, when the person is no longer in memory (forgotten elsewhere).
        """
        from coach.store.drafts import Drafts

        person = self.memory.exists(person_id)
        if person is None:
            return False
        Drafts(self.settings.data_dir).save(person_id, person.name, kind, text)
        return True

    def draft(self, person_id: int, kind: str) -> str | None:
        """The unsaved text kept for this person, if any."""
        from coach.store.drafts import Drafts

        found = Drafts(self.settings.data_dir).get(person_id, kind)
        return found.text if found is not None and self.memory.exists(person_id) else None

    def discard_draft(self, person_id: int, kind: str) -> None:
        from coach.store.drafts import Drafts

        Drafts(self.settings.data_dir).discard(person_id, kind)

    def set_next_1on1(self, name: str, when: dt.datetime | None) -> Upcoming | None:
        """Set (or with None clear) the next 1:1 with `name` by hand, for a manager without a calendar import."""
        from coach.store.calendar import set_next

        return set_next(self.memory, name, when)

    def forget(self, name: str) -> Forgotten:
        """Erase a person from memory, every saved conversation, their drafts and the exports coach wrote into
        the data directory; says what went and whether the file still waits for another program to let go."""
        from coach.agent.conversations import forget_person
        from coach.store.drafts import Drafts
        from coach.store.export import forget_in_exports

        person = self.memory.person(name)  # a unique first name resolves to the full name threads are keyed by
        assert person.id is not None
        counts = self.memory.forget(person.name)
        threads = forget_person(self.settings.data_dir, person.name)
        drafts = Drafts(self.settings.data_dir).forget(person.id)
        rewritten, removed = forget_in_exports(self.settings.data_dir, person.name)
        return Forgotten(
            name=person.name,
            meetings=counts["meetings"],
            actions=counts["actions"],
            notes=counts["notes"],
            rehearsals=counts.get("rehearsals", 0),
            conversations=threads,
            drafts=drafts,
            exports_rewritten=rewritten,
            exports_removed=removed,
            scrubbed=bool(counts["scrubbed"]),
        )
