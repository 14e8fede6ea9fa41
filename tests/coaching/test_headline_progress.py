"""The brief's headline, and the month-by-month progress, on records a manager would recognise."""

from __future__ import annotations

import datetime as dt

from coach.coaching.brief import build_brief
from coach.coaching.headline import headline, topic_phrase
from coach.coaching.progress import month_keys, progress
from coach.domain import (
    Action,
    Meeting,
    MeetingStatus,
    Note,
    Owner,
    Party,
    Person,
    PersonRecord,
    Proposer,
    Rehearsal,
    Upcoming,
)

TODAY = dt.date(2025, 3, 14)


def day(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def stamp(n: int) -> dt.datetime:
    return dt.datetime.combine(day(n), dt.time(10), tzinfo=dt.UTC)


def record(**kw: object) -> PersonRecord:
    return PersonRecord(person=Person(name="Priya Raman"), **kw)  # type: ignore[arg-type]


def test_the_headline_leads_with_your_cancellations_then_overdue_actions_then_what_they_shared() -> None:
    cancelled = Meeting(id=2, date=day(14), status=MeetingStatus.cancelled, cancelled_by=Party.me)
    rec = record(
        meetings=[Meeting(id=1, date=day(21)), cancelled, Meeting(id=3, date=day(7))],
        actions=[Action(text="Share the priorities", owner=Owner.me, proposed_by=Proposer.them, due=day(2))],
        notes=[Note(text="Her half marathon is this Sunday", personal=True, meeting_id=3, created=stamp(7))],
    )
    assert headline(rec, TODAY) == "you cancelled 1 of the last 3 · 1 of yours overdue · ask about her half marathon"


def test_a_sensitive_note_is_never_spelled_out_in_the_headline() -> None:
    rec = record(
        meetings=[Meeting(id=1, date=day(7))],
        notes=[Note(text="Her father is in hospital", personal=True, meeting_id=1, created=stamp(7))],
    )
    line = headline(rec, TODAY)
    assert "hospital" not in line and "go gently" in line


def test_headline_for_a_first_1on1_a_long_gap_and_a_steady_run() -> None:
    assert headline(record(), TODAY) == "first 1:1"
    assert headline(record(meetings=[Meeting(date=day(40))]), TODAY) == "last held 40 days ago"
    steady = record(meetings=[Meeting(id=i, date=day(7 * i)) for i in range(1, 5)])
    assert headline(steady, TODAY) == "4 held in a row"
    theirs = [Meeting(id=1, date=day(14), status=MeetingStatus.cancelled, cancelled_by=Party.them),
              Meeting(id=2, date=day(7), status=MeetingStatus.cancelled, cancelled_by=Party.them),
              Meeting(id=3, date=day(1))]  # fmt: skip
    assert headline(record(meetings=theirs), TODAY) == "Priya cancelled 2 of the last 3"


def test_topic_phrases_stop_at_the_topic_and_keep_a_possessive_thing() -> None:
    assert topic_phrase("Her half marathon is this Sunday") == "her half marathon"
    assert topic_phrase("Coaching his son's football team on Saturdays") == "“Coaching his son's football”"
    assert topic_phrase("Finding it hard to meet people in the new city") == "“Finding it hard to meet people…”"


def test_the_brief_carries_the_headline_and_the_next_1on1() -> None:
    soon = Upcoming(starts_at=dt.datetime(2025, 3, 20, 14, 0, tzinfo=dt.UTC))
    past = Upcoming(starts_at=dt.datetime(2025, 3, 10, 14, 0, tzinfo=dt.UTC))
    brief = build_brief(record(meetings=[Meeting(date=day(7))], upcoming=[past, soon]), TODAY)
    data = brief.to_json()
    assert data["headline"] == brief.headline and data["next_1on1"] == "2025-03-20T14:00:00+00:00"
    assert data["next_1on1_label"] == "Thu 14:00"
    page = brief.to_markdown()
    assert page.index(brief.headline) < page.index("## Open actions") < page.index("## Opener")
    assert page.index("## Opener") < page.index("## Three key questions") < page.index("## Purpose and outcomes")


def test_overdue_actions_come_first_within_theirs_and_yours() -> None:
    actions = [
        Action(id=1, text="Fresh one of theirs", owner=Owner.them, created=stamp(3)),
        Action(id=2, text="Late one of theirs", owner=Owner.them, due=day(1), created=stamp(3)),
        Action(id=3, text="Late one of mine", owner=Owner.me, due=day(1), created=stamp(3)),
    ]
    page = build_brief(record(actions=actions), TODAY).to_markdown()
    assert page.index("**Theirs**") < page.index("Late one of theirs") < page.index("Fresh one of theirs")
    assert page.index("Fresh one of theirs") < page.index("**Yours**") < page.index("Late one of mine")


def test_progress_counts_each_month_and_leaves_empty_months_unknown() -> None:
    rec = record(
        meetings=[
            Meeting(date=dt.date(2025, 1, 8)),
            Meeting(date=dt.date(2025, 1, 15), status=MeetingStatus.cancelled, cancelled_by=Party.me),
            Meeting(date=dt.date(2025, 2, 5)),
            Meeting(date=dt.date(2025, 3, 30)),  # after today: not yet a fact
        ],
        actions=[
            Action(text="a", owner=Owner.them, proposed_by=Proposer.them, done=True, created=stamp(60)),
            Action(text="b", owner=Owner.me, proposed_by=Proposer.them, created=stamp(60)),
            Action(text="c", owner=Owner.them, proposed_by=Proposer.me, created=stamp(60)),
            Action(text="d", owner=Owner.me, proposed_by=Proposer.me, created=stamp(60)),
        ],
        rehearsals=[
            Rehearsal(created=stamp(30), talk_ratio=0.6, questions=4, open_questions=1, personal_asks=0),
            Rehearsal(
                created=stamp(3),
                talk_ratio=0.4,
                questions=5,
                open_questions=4,
                personal_asks=1,
                personal_reveals=1,
                reflections=2,
            ),
        ],
    )
    result = progress([rec], TODAY, months=4, person="Priya Raman")
    assert [m.month for m in result.months] == ["2024-12", "2025-01", "2025-02", "2025-03"]
    dec, jan, feb, mar = result.months
    assert (jan.attendance.held, jan.attendance.scheduled, jan.attendance.cancelled_by_me) == (1, 2, 1)
    assert mar.attendance.scheduled == 0
    assert (jan.actions.new, jan.actions.owned_share, jan.actions.proposed_share, jan.actions.done) == (4, 0.5, 0.5, 1)
    assert dec.actions.owned_share is None and dec.rehearsals.talk_share is None  # nothing to count is not zero
    assert (feb.rehearsals.talk_share, feb.rehearsals.open_question_share) == (0.6, 0.25)
    assert feb.rehearsals.reflections_per_question is None  # that scorecard did not count reflections
    assert (mar.rehearsals.reflections_per_question, mar.rehearsals.personal_moves) == (0.4, 2.0)
    table = result.to_markdown()
    assert "| 2025-01 | 1 / 2 | 1 | 4 | 50% | 50% | 1 |" in table


def test_month_keys_cross_the_year() -> None:
    assert month_keys(dt.date(2025, 2, 1), 3) == ["2024-12", "2025-01", "2025-02"]
