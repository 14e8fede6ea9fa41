"""After a 1:1: notes become actions (the rules' reading, and a model's where one is set), then memory.

The one debrief flow for every face. `debrief` reads the notes; `add_model_reading`
(async, for the TUI) adds a model's reading; `save_debrief` writes the meeting, the
decided actions and the personal notes in one transaction, unless the same meeting
is already saved. The CLI and the TUI both save through here, so they save the same rows.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from coach.coaching.debrief.disputes import (
    Decisions,
    Merged,
    Reading,
    Side,
    decide_all,
    decided_json,
    dispute_json,
    final_readings,
    merge,
    only_rules,
    refuse_to_save,
    summary,
    undecided,
)
from coach.domain import Meeting, MeetingStatus, PersonRecord, check_date
from coach.errors import CoachError
from coach.workspace.parts import Parts

if TYPE_CHECKING:
    from coach.coaching.debrief import Debrief, PersonalNote


@dataclass(frozen=True)
class DebriefResult:
    """Both readings of one 1:1's notes, their disputes, the nudges and what would be saved."""

    person: str
    meeting: Meeting  # date, status, who cancelled, length, and the notes themselves
    rules: Debrief  # the rule-based reading: actions, nudges, personal notes, warnings
    merged: Merged  # the rules' actions merged with the model's (offline: the rules' alone)
    model: str | None = None  # which model read the notes too (None: the offline coach)
    model_error: str | None = None  # the model failed; the rules' reading stands alone
    saved_as: Meeting | None = None  # this meeting is already in memory (same person, day and notes)
    warnings: list[str] = field(default_factory=list)

    @property
    def disputes(self) -> int:
        return len(self.merged.disputes)

    @property
    def nudges(self) -> list[str]:
        return list(self.rules.nudges)

    @property
    def personal_notes(self) -> list[str]:
        return list(self.rules.personal_notes)

    @property
    def personal(self) -> list[PersonalNote]:
        """The personal follow-ups the save keeps, each marked sensitive or not."""
        return list(self.rules.personal)

    def model_message(self) -> str | None:
        if self.model_error is None:
            return None
        return f"The model could not read the notes ({self.model_error}); these are the rule-based actions only."

    def decide_all(self, side: Side) -> dict[int, Reading | None]:
        """Every dispute settled for `side` (`--resolve rules|model`)."""
        return decide_all(self.merged, side)

    def refusal(self) -> CoachError:
        """Why nothing was saved: disputes nobody decided."""
        return refuse_to_save(self.disputes)

    def undecided(self, decisions: Decisions) -> int:
        return undecided(self.merged, decisions)

    def with_meeting(self, **changes: Any) -> DebriefResult:
        """The same reading for a meeting whose date, length or notes the user changed before saving."""
        return replace(self, meeting=self.meeting.model_copy(update=changes))

    def to_json(self, decisions: Decisions | None = None, how: str = "") -> dict[str, Any]:
        """The `debrief --json` shape. Without decisions, disputed actions are listed with both readings."""
        out = self.rules.to_json()
        out["model"] = self.model
        out["warnings"] = [*out["warnings"], *self.warnings]
        if self.model_error is not None:
            out["model_error"] = self.model_error
            out["warnings"].append(self.model_message())
        if decisions is None and self.disputes:
            out["actions"] = dispute_json(self.merged)
            agreed = [a.agreed() for a in self.merged.actions if not a.disputed]
            out["summary"] = summary(agreed, self.disputes)
        else:
            decided = decisions or {}
            out["actions"] = decided_json(self.merged, decided, how)
            out["summary"] = summary(final_readings(self.merged, decided))
        return out


@dataclass(frozen=True)
class SavedDebrief:
    saved: bool
    meeting_id: int | None
    actions: int = 0
    notes: int = 0
    warning: str | None = None


class DebriefJobs(Parts):
    def debrief_rules(self, name: str, notes: str, meeting: Meeting | None = None) -> DebriefResult:
        """The rule-based reading of `notes` (spaCy; no model). `meeting` says when and how it went."""
        record, meeting = self._debrief_inputs(name, notes, meeting)
        return self._debrief_result(record, meeting, self._read_by_rules(record, meeting))

    async def adebrief_rules(self, name: str, notes: str, meeting: Meeting | None = None) -> DebriefResult:
        """`debrief_rules` for an event loop: memory is read on the loop's thread, the parse runs in a worker."""
        record, meeting = self._debrief_inputs(name, notes, meeting)
        found = await asyncio.to_thread(self._read_by_rules, record, meeting)
        return self._debrief_result(record, meeting, found)

    def _debrief_inputs(self, name: str, notes: str, meeting: Meeting | None) -> tuple[PersonRecord, Meeting]:
        text = notes.strip()
        if not text:
            raise CoachError("the notes are empty")
        meeting = (meeting or Meeting(date=dt.date.today())).model_copy(update={"notes": text})
        if meeting.status is MeetingStatus.held and meeting.cancelled_by is not None:
            raise CoachError("--by only applies to a cancelled or moved meeting")
        try:
            check_date(meeting.date)  # due dates are counted from it ("by Friday"): it must leave room
        except ValueError as exc:
            raise CoachError(str(exc)) from None
        return self.memory.record(name), meeting

    def _read_by_rules(self, record: PersonRecord, meeting: Meeting) -> Debrief:
        """The offline reading: the parse-based rules with the shipped learned scorers (no LLM)."""
        from coach.coaching.debrief import analyse_notes
        from coach.nlp import debrief_model

        scorers = debrief_model.load()
        return analyse_notes(
            meeting.notes,
            record.person,
            record,
            meeting.date,
            meeting.status,
            meeting.length_minutes,
            nlp=self.nlp(),
            scorer=scorers,
            personal_scorer=scorers,
        )

    def _debrief_result(self, record: PersonRecord, meeting: Meeting, found: Debrief) -> DebriefResult:
        name = record.person.name
        return DebriefResult(
            person=name,
            meeting=meeting,
            rules=found,
            merged=only_rules(found.actions),
            saved_as=self.memory.find_meeting(name, meeting.date, meeting.notes),
        )

    async def add_model_reading(self, result: DebriefResult, model: Any = None) -> DebriefResult:
        """`result` with the configured (or given) model's reading merged in; unchanged offline.

        A model failure is `model_error`, never an exception: the rules' actions stand alone.
        """
        from coach.agent.debrief import read_notes

        reading = await read_notes(self.settings, result.meeting.notes, result.person, model=model)
        if reading is None:
            return result
        if reading.error is not None:
            return replace(result, model=reading.model, model_error=reading.error)
        return replace(result, model=reading.model, merged=merge(reading.actions, result.rules.actions))

    def debrief(self, name: str, notes: str, meeting: Meeting | None = None) -> DebriefResult:
        """Both readings of the notes: the rules', and the model's when one is configured."""
        result = self.debrief_rules(name, notes, meeting)
        if self.model_choice().offline:
            return result
        return asyncio.run(self.add_model_reading(result))

    def save_debrief(self, result: DebriefResult, decisions: Decisions | None = None) -> SavedDebrief:
        """Write the meeting, its decided actions and the personal notes, all at once.

        Refuses (CoachError) while a dispute is undecided. A meeting already saved (same person, day and
        notes) is not saved twice: the answer names it instead.
        """
        existing = self.memory.find_meeting(result.person, result.meeting.date, result.meeting.notes)
        if existing is not None:
            day = result.meeting.date.isoformat()
            warning = f"already saved: this meeting on {day} is recorded (id {existing.id})"
            return SavedDebrief(False, existing.id, warning=warning)
        readings: list[Reading] = final_readings(result.merged, decisions or {})
        saved, actions, notes = self.memory.log_meeting(
            result.person, result.meeting, [r.to_action() for r in readings], result.rules.notes_to_save()
        )
        return SavedDebrief(True, saved.id, len(actions), len(notes))
