"""A sample team to explore coach with: two individual contributors, a manager of
managers and a boss, with a few months of 1:1s. Dates are relative to today so
the brief always has something current to show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coach.domain import (
    Action,
    Level,
    Meeting,
    MeetingStatus,
    Note,
    Owner,
    Party,
    Person,
    Proposer,
    Rehearsal,
    Relationship,
)
from coach.errors import CoachError
from coach.store.calendar import set_next
from coach.store.memory import Memory


@dataclass
class _Session:
    days_ago: int
    status: MeetingStatus = MeetingStatus.held
    by: Party | None = None
    minutes: int | None = 30
    notes: str = ""
    actions: list[tuple[str, Owner, Proposer, int | None, bool]] = field(
        default_factory=list
    )  # due: days from today; done
    shared: list[tuple[str, bool]] = field(default_factory=list)  # (text, personal)


H, C, M = MeetingStatus.held, MeetingStatus.cancelled, MeetingStatus.moved

TEAM: list[tuple[Person, list[_Session]]] = [
    (
        Person(
            name="Priya Raman",
            relationship=Relationship.report,
            role="Backend engineer",
            level=Level.ic,
            context="Joined eight months ago from a fintech start-up; leads the payments migration.",
        ),
        [
            _Session(
                84,
                notes="Talked about the payments migration plan.",
                actions=[("Draft the migration runbook", Owner.them, Proposer.them, -60, True)],
                shared=[("Training for her first half marathon in the spring", True)],
            ),
            _Session(
                77,
                notes="Quick check-in; she is confident about the cut-over.",
                actions=[("Ask finance about the conference budget", Owner.me, Proposer.them, -50, True)],
            ),
            _Session(70, C, Party.them, None, "She was at the dentist."),
            _Session(
                63,
                notes="Discussed growth: wants to mentor a junior engineer.",
                actions=[("Find a mentee for Priya in the new cohort", Owner.me, Proposer.them, -30, False)],
            ),
            _Session(56, M, Party.me, None, "Moved for the quarterly review."),
            _Session(
                49,
                notes="Went through the on-call load together.",
                actions=[("Propose a fairer on-call rota", Owner.them, Proposer.them, None, False)],
            ),
            _Session(
                42,
                notes="Mostly status; she seemed tired.",
                shared=[("Her daughter just started school; mornings are hectic", True)],
            ),
            _Session(35, C, Party.me, None, "I double-booked with a hiring panel."),
            _Session(
                28,
                notes="Retro on the migration; it went well.",
                actions=[("Write up lessons learned for the wider team", Owner.them, Proposer.me, 7, False)],
            ),
            _Session(
                21,
                notes="Talked about the next project.",
                shared=[
                    ("Ran 15 km last weekend, her longest so far", True),
                    ("Keen to lead the reliability work next quarter", False),
                ],
            ),
            _Session(14, C, Party.me, None, "Leadership off-site."),
            _Session(
                7,
                notes="Short one; she asked for clarity on priorities.",
                minutes=15,
                actions=[
                    ("Share the updated quarterly priorities", Owner.me, Proposer.them, -2, False),
                    ("Pick the first reliability milestone", Owner.them, Proposer.them, 10, False),
                ],
                shared=[("Her half marathon is this Sunday", True)],
            ),
        ],
    ),
    (
        Person(
            name="Tom Becker",
            relationship=Relationship.report,
            role="Product designer",
            level=Level.ic,
            context="Quiet in group meetings, thoughtful one to one. Moved cities last quarter.",
        ),
        [
            _Session(
                90,
                notes="Design system roadmap.",
                actions=[("Audit the colour tokens", Owner.them, Proposer.me, -70, True)],
                shared=[("Learning to play the cello", True)],
            ),
            _Session(
                76,
                notes="Usability findings.",
                actions=[("Book research participants", Owner.me, Proposer.me, -60, True)],
            ),
            _Session(62, C, Party.them, None, "Moving house."),
            _Session(
                48,
                notes="Settling into the new city; feels a bit isolated.",
                shared=[("Finding it hard to meet people in the new city", True)],
            ),
            _Session(
                34,
                notes="Critique process.",
                actions=[
                    ("Set up a weekly design critique", Owner.me, Proposer.me, -20, False),
                    ("Send Tom the accessibility guidelines", Owner.me, Proposer.me, -25, False),
                    ("Introduce Tom to the research team", Owner.me, Proposer.me, -10, False),
                ],
            ),
            _Session(20, C, Party.me, None, "Board prep."),
            _Session(6, C, Party.me, None, "Customer escalation."),
        ],
    ),
    (
        Person(
            name="Amara Okafor",
            relationship=Relationship.report,
            role="Head of Platform (leads three team leads)",
            level=Level.manager,
            context="Runs the platform department: infrastructure, developer tooling and data.",
        ),
        [
            _Session(
                70,
                minutes=45,
                notes="Department goals for the half year.",
                actions=[
                    ("Map each team's roadmap against the platform strategy", Owner.them, Proposer.them, -40, True)
                ],
            ),
            _Session(
                56,
                minutes=45,
                notes="Hiring plan and a struggling team lead.",
                actions=[("Pair the tooling lead with a mentor", Owner.them, Proposer.them, -20, False)],
            ),
            _Session(42, M, Party.them, None, "Incident review ran over."),
            _Session(
                28,
                minutes=45,
                notes="Data team drifting toward ad-hoc requests instead of the strategy.",
                actions=[
                    ("Bring the data team's quarter plan to our next 1:1", Owner.them, Proposer.me, 5, False),
                    ("Join the data team's planning session", Owner.me, Proposer.them, 12, False),
                ],
                shared=[("Her father has been unwell; she may need to travel at short notice", True)],
            ),
            _Session(
                14,
                minutes=45,
                notes="Strategy check-in with the three leads' priorities.",
                actions=[("Draft the platform principles with the leads", Owner.both, Proposer.them, 20, False)],
            ),
        ],
    ),
    (
        Person(
            name="Daniel Ortiz",
            relationship=Relationship.boss,
            role="VP Engineering",
            level=Level.manager,
            context="My manager. Decisive; appreciates short written proposals before meetings.",
        ),
        [
            _Session(
                60,
                notes="Quarter planning; I raised the on-call burden.",
                actions=[("Send Daniel a one-page on-call proposal", Owner.me, Proposer.them, -45, True)],
            ),
            _Session(46, C, Party.them, None, "Travelling."),
            _Session(
                32,
                notes="Headcount for next year.",
                actions=[("Share the hiring model with finance", Owner.them, Proposer.me, -10, False)],
                shared=[("Coaching his son's football team on Saturdays", True)],
            ),
            _Session(
                18,
                notes="I disagreed with the reorg timing; he asked for data.",
                actions=[("Bring attrition and delivery data on the reorg", Owner.me, Proposer.them, 3, False)],
            ),
        ],
    ),
]


# The next 1:1 with each (days from today, local time) and a few saved rehearsals (days ago, scenario, turns,
# talk ratio, questions, open ones, personal asks, reveals, directives, reflections): a manager talking less,
# asking more openly and personizing more over three months.
NEXT: dict[str, tuple[int, dt.time]] = {
    "Priya Raman": (1, dt.time(14, 0)),
    "Tom Becker": (3, dt.time(11, 0)),
    "Amara Okafor": (0, dt.time(16, 30)),
    "Daniel Ortiz": (4, dt.time(9, 30)),
}
REHEARSALS: list[tuple[str, int, str, int, float, int, int, int, int, int, int]] = [
    ("Tom Becker", 80, "after-cancellations", 6, 0.64, 5, 2, 0, 0, 3, 1),
    ("Priya Raman", 52, "promotion", 7, 0.55, 6, 3, 1, 0, 1, 2),
    ("Tom Becker", 30, "after-cancellations", 8, 0.47, 6, 4, 1, 1, 1, 3),
    ("Priya Raman", 9, "promotion", 8, 0.41, 7, 5, 1, 1, 0, 4),
]


def load_demo(memory: Memory, today: dt.date | None = None) -> list[str]:
    """Add the sample team. Refuses if any of its names already exist."""
    today = today or dt.date.today()
    existing = {n.casefold() for n in memory.names()}
    clash = [p.name for p, _ in TEAM if p.name.casefold() in existing]
    if clash:
        raise CoachError(f"the demo team is already loaded ({', '.join(clash)} exist)")
    for person, sessions in TEAM:
        memory.add_person(person)
        for s in sessions:
            day = today - dt.timedelta(days=s.days_ago)
            created = dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)
            actions = [
                Action(
                    text=text,
                    owner=owner,
                    proposed_by=proposer,
                    due=day + dt.timedelta(days=s.days_ago + due) if due is not None else None,
                    done=done,
                    done_on=day + dt.timedelta(days=7) if done else None,
                    created=created,
                )
                for text, owner, proposer, due, done in s.actions
            ]
            notes = [Note(text=t, personal=personal, created=created) for t, personal in s.shared]
            memory.log_meeting(
                person.name,
                Meeting(
                    date=day,
                    status=s.status,
                    cancelled_by=s.by,
                    length_minutes=s.minutes if s.status is MeetingStatus.held else None,
                    notes=s.notes,
                ),
                actions,
                notes,
            )
        days, clock = NEXT[person.name]
        set_next(memory, person.name, dt.datetime.combine(today + dt.timedelta(days=days), clock).astimezone())
    for name, days_ago, scenario, turns, talk, questions, opens, asks, reveals, directives, reflections in REHEARSALS:
        memory.save_rehearsal(
            name,
            Rehearsal(
                created=dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(8, 30), tzinfo=dt.UTC),
                scenario=scenario,
                turns=turns,
                talk_ratio=talk,
                open_question_share=round(opens / questions, 3),
                questions=questions,
                open_questions=opens,
                personal_asks=asks,
                personal_reveals=reveals,
                directives=directives,
                reflections=reflections,
                reflection_to_question=round(reflections / questions, 3),
                personized=bool(asks or reveals),
                proposed_own_actions=days_ago < 40,
            ),
        )
    return [p.name for p, _ in TEAM]
