"""The manager's own habits, month by month: turning up, handing the actions over, and how they talk.

Three habits the sources keep coming back to, counted from memory: attendance (held out of
scheduled, and how many the manager cancelled), ownership (of the actions that came out of
a month's 1:1s, the share the report owns and the share they proposed, and how many are done),
and the manager's talk in saved rehearsals (their share of the words, open questions out of
all questions, reflections per question, and personal moves per rehearsal). A month with
nothing to count shows None, not zero: no rehearsal is not a rehearsal where nobody talked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from coach.domain import MeetingStatus, Owner, Party, PersonRecord, Proposer
from coach.textsafe import md_escape


class Attendance(BaseModel):
    scheduled: int = 0
    held: int = 0
    cancelled_by_me: int = 0
    cancelled_by_them: int = 0
    moved: int = 0

    @property
    def held_share(self) -> float | None:
        return _share(self.held, self.scheduled)


class Ownership(BaseModel):
    new: int = 0
    owned_by_them: int = 0
    proposed_by_them: int = 0
    done: int = 0

    @property
    def owned_share(self) -> float | None:
        return _share(self.owned_by_them, self.new)

    @property
    def proposed_share(self) -> float | None:
        return _share(self.proposed_by_them, self.new)


class Talk(BaseModel):
    rehearsals: int = 0
    talk_share: float | None = None
    open_question_share: float | None = None
    reflections_per_question: float | None = None
    personal_moves: float | None = None  # per rehearsal


class Month(BaseModel):
    month: str  # YYYY-MM
    attendance: Attendance = Field(default_factory=Attendance)
    actions: Ownership = Field(default_factory=Ownership)
    rehearsals: Talk = Field(default_factory=Talk)

    def to_json(self) -> dict[str, Any]:
        a, o, t = self.attendance, self.actions, self.rehearsals
        return {
            "month": self.month,
            "attendance": a.model_dump() | {"held_share": a.held_share},
            "actions": o.model_dump()
            | {"owned_by_them_share": o.owned_share, "proposed_by_them_share": o.proposed_share},
            "rehearsals": t.model_dump(),
        }


class Progress(BaseModel):
    person: str | None  # None: everyone
    today: dt.date
    months: list[Month]

    def to_json(self) -> dict[str, Any]:
        return {"person": self.person, "today": self.today.isoformat(), "months": [m.to_json() for m in self.months]}

    def to_markdown(self) -> str:
        """The trend as a Markdown table (the export's trend section, and `progress` piped)."""
        who = md_escape(self.person, flat=True) if self.person else "everyone"
        lines = [
            f"## Trend: {who}, by month",
            "",
            "| month | held / scheduled | cancelled by you | new actions | they own | they proposed | done "
            "| rehearsals | your talk | open qs | reflections / q | personal moves |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for m in self.months:
            a, o, t = m.attendance, m.actions, m.rehearsals
            lines.append(
                f"| {m.month} | {a.held} / {a.scheduled} | {a.cancelled_by_me} | {o.new} | {pct(o.owned_share)} "
                f"| {pct(o.proposed_share)} | {o.done} | {t.rehearsals} | {pct(t.talk_share)} "
                f"| {pct(t.open_question_share)} | {num(t.reflections_per_question)} | {num(t.personal_moves)} |"
            )
        return "\n".join(lines) + "\n"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def num(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def month_keys(today: dt.date, months: int) -> list[str]:
    """The last `months` calendar months up to and including today's, oldest first."""
    out = []
    year, month = today.year, today.month
    for _ in range(max(1, months)):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def progress(records: Iterable[PersonRecord], today: dt.date, months: int = 6, person: str | None = None) -> Progress:
    keys = month_keys(today, months)
    rows = {k: Month(month=k) for k in keys}
    talk: dict[str, list[Any]] = {k: [] for k in keys}
    for record in records:
        for m in record.meetings:
            row = rows.get(f"{m.date:%Y-%m}")
            if row is None or m.date > today:
                continue
            att = row.attendance
            att.scheduled += 1
            att.held += m.status is MeetingStatus.held
            att.moved += m.status is MeetingStatus.moved
            if m.status is MeetingStatus.cancelled:
                att.cancelled_by_me += m.cancelled_by is Party.me
                att.cancelled_by_them += m.cancelled_by is not Party.me
        for a in record.actions:
            row = rows.get(f"{a.created:%Y-%m}")
            if row is None:
                continue
            own = row.actions
            own.new += 1
            own.owned_by_them += a.owner is Owner.them
            own.proposed_by_them += a.proposed_by is Proposer.them
            own.done += a.done
        for r in record.rehearsals:
            if f"{r.created:%Y-%m}" in talk:
                talk[f"{r.created:%Y-%m}"].append(r)
    for key, done in talk.items():
        rows[key].rehearsals = _talk(done)
    return Progress(person=person, today=today, months=[rows[k] for k in keys])


def _talk(rehearsals: list[Any]) -> Talk:
    if not rehearsals:
        return Talk()
    ratios = [r.talk_ratio for r in rehearsals if r.talk_ratio is not None]
    questions = sum(r.questions for r in rehearsals)
    counted = [r for r in rehearsals if r.reflections is not None]
    asked = sum(r.questions for r in counted)
    return Talk(
        rehearsals=len(rehearsals),
        talk_share=round(sum(ratios) / len(ratios), 3) if ratios else None,
        open_question_share=_share(sum(r.open_questions for r in rehearsals), questions),
        reflections_per_question=round(sum(r.reflections for r in counted) / asked, 3) if asked else None,
        personal_moves=round(sum(r.personal_moves for r in rehearsals) / len(rehearsals), 2),
    )
