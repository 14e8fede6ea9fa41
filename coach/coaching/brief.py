"""The prep brief: what to read in the two minutes before a 1:1.

Assembled from the relationship memory and the frameworks, with passages from the
knowledge index when a Searcher is given. Pure logic: no I/O beyond the Searcher.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from coach.coaching.frameworks import FRAMEWORKS, Kind, kind_of, micro_involvement_idea
from coach.coaching.headline import headline
from coach.coaching.openers import Followup, opener, personal_followups
from coach.domain import Action, MeetingStatus, Party, Passage, Person, PersonRecord, Relationship, Searcher, Upcoming
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.coaching.brief_markdown import BriefPage

LONG_GAP_DAYS = 28
_QUERIES = {
    Kind.ic: "one-to-one with an individual contributor: key questions on strategy and priorities",
    Kind.manager: "one-to-one with a manager of managers: department strategy and ownership",
    Kind.boss: "leading up: advising and disagreeing with your boss honestly",
    Kind.peer: "high-quality connections with a peer: mutuality and positive regard",
    "cancelled_by_me": "turn up to every one-to-one: cancelled 1:1s erode trust",
    "long_gap": "turn up to every one-to-one: attendance builds trust",
    "user_owns_most": "the report identifies and owns their own actions",
    "action_overload": "too many actions from a 1:1 overwhelm the report",
    "micro_involvement": "micro-involvement: short side-by-side activities with a leader's team",
    "first_one": "start personizing in a 1:1: reciprocal personal questions and reveals",
}


class OpenAction(BaseModel):
    id: int | None
    text: str
    owner: str
    owner_name: str | None = None  # who, when the owner is "other"
    proposed_by: str
    due: dt.date | None
    age_days: int
    overdue: bool


class Attendance(BaseModel):
    scheduled: int = 0
    held: int = 0
    cancelled_by_me: int = 0
    cancelled_by_them: int = 0
    moved: int = 0
    streak: int = 0
    last_held: dt.date | None = None


class WatchOut(BaseModel):
    code: str
    text: str


class Brief(BaseModel):
    person: Person
    today: dt.date
    headline: str = ""
    next_1on1: Upcoming | None = None
    kind: Kind
    label: str
    purpose: str
    outcomes: list[str]
    behaviours: list[str]
    key_questions: list[str]
    source: str
    open_actions: list[OpenAction] = Field(default_factory=list)
    attendance: Attendance
    personal_followups: list[Followup] = Field(default_factory=list)
    opener: str
    watch_outs: list[WatchOut] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)
    passages_note: str | None = None

    def to_json(self) -> dict[str, Any]:
        p = self.person
        return {
            "person": {
                "name": p.name,
                "relationship": p.relationship.value,
                "role": p.role,
                "level": p.level.value,
                "context": p.context,
            },
            "headline": self.headline,
            "next_1on1": self.next_1on1.starts_at.isoformat() if self.next_1on1 else None,
            "next_1on1_label": self.next_1on1.label(self.today) if self.next_1on1 else None,
            "kind": self.kind.value,
            "label": self.label,
            "purpose": self.purpose,
            "outcomes": self.outcomes,
            "behaviours": self.behaviours,
            "key_questions": self.key_questions,
            "source": self.source,
            "open_actions": [a.model_dump(mode="json") for a in self.open_actions],
            "attendance": self.attendance.model_dump(mode="json"),
            "personal_followups": [f.text for f in self.personal_followups],
            "personal_followups_detail": [f.model_dump() for f in self.personal_followups],
            "opener": self.opener,
            "watch_outs": [w.text for w in self.watch_outs],
            "watch_out_codes": [w.code for w in self.watch_outs],
            "passages": [x.model_dump(mode="json") for x in self.passages],
            "passages_note": self.passages_note,
        }

    def to_markdown(self) -> str:
        from coach.coaching.brief_markdown import render

        return render(self)

    def to_page(self) -> BriefPage:
        """The Markdown in parts, for a face that folds the generic part (the TUI)."""
        from coach.coaching.brief_markdown import page

        return page(self)


def attendance(record: PersonRecord, today: dt.date) -> Attendance:
    past = sorted((m for m in record.meetings if m.date <= today), key=lambda m: (m.date, m.id or 0))
    last10 = past[-10:]
    streak = 0
    for m in reversed(past):
        if m.status is MeetingStatus.held:
            streak += 1
        elif m.status is MeetingStatus.cancelled:
            break
    held = [m for m in past if m.status is MeetingStatus.held]
    return Attendance(
        scheduled=len(last10),
        held=sum(m.status is MeetingStatus.held for m in last10),
        cancelled_by_me=sum(m.status is MeetingStatus.cancelled and m.cancelled_by is Party.me for m in last10),
        cancelled_by_them=sum(m.status is MeetingStatus.cancelled and m.cancelled_by is not Party.me for m in last10),
        moved=sum(m.status is MeetingStatus.moved for m in last10),
        streak=streak,
        last_held=held[-1].date if held else None,
    )


def _open(a: Action, today: dt.date) -> OpenAction:
    return OpenAction(
        id=a.id,
        text=a.text,
        owner=a.owner.value,
        owner_name=a.owner_name,
        proposed_by=a.proposed_by.value,
        due=a.due,
        age_days=a.age_days(today),
        overdue=a.overdue(today),
    )


def _watch_outs(record: PersonRecord, today: dt.date, kind: Kind) -> list[WatchOut]:
    person, first = record.person, record.person.name.split()[0]
    past = sorted((m for m in record.meetings if m.date <= today), key=lambda m: (m.date, m.id or 0))
    out: list[WatchOut] = []
    mine_cancelled = sum(m.status is MeetingStatus.cancelled and m.cancelled_by is Party.me for m in past[-5:])
    if mine_cancelled >= 2:
        out.append(
            WatchOut(
                code="cancelled_by_me",
                text=f"You cancelled {mine_cancelled} of the last {len(past[-5:])} 1:1s with {first}. Turning up is "
                "the first promise to keep: protect this one, and say you know the last ones slipped.",
            )
        )
    open_actions = [a for a in record.actions if not a.done]
    mine = [a for a in open_actions if a.owner.value == "me"]
    if len(open_actions) >= 2 and len(mine) * 2 > len(open_actions) and person.relationship is not Relationship.boss:
        out.append(
            WatchOut(
                code="user_owns_most",
                text=f"You own {len(mine)} of the {len(open_actions)} open actions. Finish or drop yours, and ask "
                f"which next steps {first} wants to own.",
            )
        )
    held = [m for m in past if m.status is MeetingStatus.held]
    if held:
        last_id = held[-1].id
        fresh = sum(a.meeting_id == last_id for a in record.actions) if last_id is not None else 0
        if fresh > 3:
            out.append(
                WatchOut(
                    code="action_overload",
                    text=f"The last 1:1 ended with {fresh} new actions. Ask {first} which one or two matter most.",
                )
            )
        gap = (today - held[-1].date).days
        if gap > LONG_GAP_DAYS:
            out.append(WatchOut(code="long_gap", text=f"No 1:1 held in {gap} days: over four weeks."))
    elif past:
        out.append(WatchOut(code="long_gap", text=f"None of the {len(past)} scheduled 1:1s has happened yet."))
    else:
        out.append(WatchOut(code="first_one", text="This is your first 1:1: it is about the person, not the tasks."))
    overdue = [a for a in open_actions if a.overdue(today)]
    if overdue:
        owners = {a.owner.value for a in overdue}
        who = (
            "you"
            if owners == {"me"}
            else first
            if owners == {"them"}
            else "others"
            if owners == {"other"}
            else "more than one of you"
        )
        out.append(
            WatchOut(
                code="overdue", text=f"{len(overdue)} open action(s) are overdue, owned by {who}: clear or re-plan."
            )
        )
    if kind is Kind.manager:
        idea = micro_involvement_idea(person.name + today.isoformat())
        out.append(
            WatchOut(
                code="micro_involvement",
                text=f"Micro-involvement idea: offer to {idea} (30 to 90 minutes side by side with {first}'s team).",
            )
        )
    return out


def _passages(search: Searcher | None, kind: Kind, codes: list[str]) -> tuple[list[Passage], str | None]:
    if search is None:
        return [], "Passages are unavailable: the knowledge index is not loaded."
    queries = [_QUERIES[kind], *[_QUERIES[c] for c in codes if c in _QUERIES][:2]]
    found: list[list[Passage]] = []
    try:
        found = [search(q, 3) for q in queries]
    except CoachError as exc:
        return [], f"Passages are unavailable: {exc.message}"
    out: list[Passage] = []
    seen: set[str] = set()
    for rank in range(3):  # round-robin so each query contributes
        for hits in found:
            if rank < len(hits) and hits[rank].chunk_id not in seen and len(out) < 4:
                seen.add(hits[rank].chunk_id)
                out.append(hits[rank])
    out = [p.model_copy(update={"rank": i}) for i, p in enumerate(out, 1)]  # ranks of the merged list, not per query
    return out, None if out else "No matching passages in the knowledge index."


def build_brief(
    record: PersonRecord, today: dt.date, search: Searcher | None = None, now: dt.datetime | None = None
) -> Brief:
    """Everything for the prep brief, from memory, frameworks and (optionally) the index. `now` (aware) decides
    which 1:1 is next; by default the start of `today`."""
    kind = kind_of(record.person)
    fw = FRAMEWORKS[kind]
    att = attendance(record, today)
    watch = _watch_outs(record, today, kind)
    passages, note = _passages(search, kind, [w.code for w in watch])
    actions = sorted(
        (_open(a, today) for a in record.actions if not a.done),
        key=lambda a: (not a.overdue, a.owner != "them", -a.age_days),
    )
    return Brief(
        person=record.person,
        today=today,
        headline=headline(record, today),
        next_1on1=record.next_1on1(now or dt.datetime.combine(today, dt.time.min).astimezone()),
        kind=kind,
        label=fw.label,
        purpose=fw.purpose,
        outcomes=list(fw.outcomes),
        behaviours=list(fw.behaviours),
        key_questions=list(fw.key_questions),
        source=fw.source,
        open_actions=actions,
        attendance=att,
        personal_followups=personal_followups(record, today),
        opener=opener(record, today),
        watch_outs=watch,
        passages=passages,
        passages_note=note,
    )
