"""Reading real .ics files: recurrences with EXDATE, cancelled, moved and declined occurrences, time zones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.calendar import ics
from coach.calendar.oneonones import guess_me, one_on_one, records, titled_one_on_one
from coach.domain import MeetingStatus, Party
from coach.errors import CoachError

DATA = Path(__file__).resolve().parent.parent / "data" / "calendar"
LONDON = ZoneInfo("Europe/London")
ME = {"sam@corp.example"}


def occurrences(name: str, zone: ZoneInfo = LONDON) -> dict[str, list[ics.Occurrence]]:
    cal = ics.load(DATA / name)
    return ics.expand(cal, ics.events(cal), dt.date(2025, 1, 1), dt.date(2025, 12, 31), zone)


def test_a_weekly_series_keeps_its_exdate_cancelled_and_moved_occurrences() -> None:
    occ = occurrences("weekly-london.ics")["priya-weekly-1on1@corp.example"]
    assert len(occ) == 8  # COUNT=8, the EXDATE included as a cancellation
    by_day = {o.planned.date(): o for o in occ}
    assert by_day[dt.date(2025, 3, 12)].cancelled and by_day[dt.date(2025, 3, 12)].excluded
    assert by_day[dt.date(2025, 3, 19)].cancelled and not by_day[dt.date(2025, 3, 19)].excluded  # STATUS:CANCELLED
    moved = by_day[dt.date(2025, 3, 26)]
    assert moved.moved and moved.start == dt.datetime(2025, 3, 27, 10, 0, tzinfo=LONDON)
    assert not by_day[dt.date(2025, 3, 5)].cancelled and not by_day[dt.date(2025, 3, 5)].moved


def test_times_stay_on_the_local_clock_across_the_dst_change() -> None:
    occ = occurrences("weekly-london.ics")["priya-weekly-1on1@corp.example"]
    assert {f"{o.planned:%H:%M}" for o in occ} == {"14:00"}  # 14:00 in London before and after 30 March
    assert {o.planned.utcoffset() for o in occ} == {dt.timedelta(0), dt.timedelta(hours=1)}


def test_a_series_in_another_zone_moves_on_the_users_clock_when_only_one_side_changes_time() -> None:
    occ = occurrences("organised-by-them-new-york.ics")["tom-catch-up-77@corp.example"]
    clock = {o.planned.date(): f"{o.planned:%H:%M}" for o in occ}
    assert clock[dt.date(2025, 3, 3)] == "14:00"  # 09:00 EST = 14:00 GMT
    assert clock[dt.date(2025, 3, 10)] == "13:00"  # New York on summer time, London not yet
    assert clock[dt.date(2025, 3, 31)] == "14:00"  # both on summer time
    tokyo = occurrences("organised-by-them-new-york.ics", ZoneInfo("Asia/Tokyo"))["tom-catch-up-77@corp.example"]
    assert tokyo[0].planned.date() == dt.date(2025, 2, 24) and f"{tokyo[0].planned:%H:%M}" == "23:00"


def test_occurrences_become_meetings_by_the_organiser_and_upcoming_ones() -> None:
    cal = ics.load(DATA / "weekly-london.ics")
    event = ics.events(cal)[0]
    series = one_on_one(event, ME)
    assert series is not None and series.organised_by_me and series.other is not None
    assert series.other.email == "priya.raman@corp.example"  # the room is not a person
    occ = ics.expand(cal, [event], dt.date(2025, 1, 1), dt.date(2025, 12, 31), LONDON)[event.uid]
    now = dt.datetime(2025, 4, 3, 12, 0, tzinfo=LONDON)
    meetings, upcoming = records(series, occ, now, ME)
    statuses = [(m.date.isoformat(), m.status, m.cancelled_by) for m in meetings]
    assert statuses == [
        ("2025-03-05", MeetingStatus.held, None),
        ("2025-03-12", MeetingStatus.cancelled, Party.me),
        ("2025-03-19", MeetingStatus.cancelled, Party.me),
        ("2025-03-27", MeetingStatus.moved, Party.me),
        ("2025-04-02", MeetingStatus.held, None),
    ]
    assert all(m.uid == event.uid and m.recurrence_id for m in meetings)
    assert len({m.recurrence_id for m in meetings}) == 5
    assert [u.starts_at.date().isoformat() for u in upcoming] == ["2025-04-09", "2025-04-16", "2025-04-23"]
    assert meetings[0].length_minutes == 30


def test_when_the_other_person_organised_it_their_cancellations_are_theirs_and_a_decline_says_who() -> None:
    cal = ics.load(DATA / "organised-by-them-new-york.ics")
    event = ics.events(cal)[0]
    series = one_on_one(event, ME)
    assert series is not None and not series.organised_by_me
    occ = ics.expand(cal, [event], dt.date(2025, 1, 1), dt.date(2025, 12, 31), LONDON)[event.uid]
    meetings, _ = records(series, occ, dt.datetime(2025, 6, 1, tzinfo=LONDON), ME)
    cancelled = {m.date.isoformat(): m.cancelled_by for m in meetings if m.status is MeetingStatus.cancelled}
    assert cancelled == {"2025-03-17": Party.them, "2025-03-24": Party.them, "2025-04-07": Party.me}


def test_which_events_are_1on1s() -> None:
    cal = ics.load(DATA / "mixed.ics")
    found = {e.title: one_on_one(e, ME) for e in ics.events(cal)}
    assert found["1:1 Amara"] is not None and found["1:1 Amara"].other is None  # a placeholder named in its title
    assert found["121 Alex"] is not None and found["121 Alex"].other.name == "Kim, Alex"  # type: ignore[union-attr]
    assert found["1on1 Daniel / Sam"] is not None  # a one-off, titled
    assert found["Coffee"] is None  # a one-off of two people, not titled: not a relationship
    assert found["Platform sync"] is None  # three people
    assert found["1:1 offsite prep day"] is None  # all day
    assert found["Team lunch"] is None and ics.events(cal)[-1].problem  # unreadable start, and not a 1:1


@pytest.mark.parametrize(
    ("title", "yes"),
    [("1:1 Priya", True), ("Priya <> Sam 1-1", True), ("1on1", True), ("One-on-one with Tom", True),
     ("121 catch up", True), ("one to one", True), ("Q1:12 review", False), ("Room 121B", False),
     ("10:1 ratio", False), ("Sprint planning", False)],
)  # fmt: skip
def test_1on1_titles(title: str, yes: bool) -> None:
    assert titled_one_on_one(title) is yes


def test_the_user_is_the_address_on_most_events_or_the_calendars_name() -> None:
    cal = ics.load(DATA / "mixed.ics")
    assert guess_me(ics.events(cal)) == "sam@corp.example"
    london = ics.load(DATA / "weekly-london.ics")
    assert ics.owner_hint(london) == "sam@corp.example"
    assert guess_me(ics.events(london), ics.owner_hint(london)) == "sam@corp.example"  # a single event: the hint


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("not-a-calendar.ics", "not a readable iCalendar file"),
        ("truncated.ics", "not a readable iCalendar file"),
        ("empty-calendar.ics", "empty calendar"),
        ("missing.ics", "no such file"),
    ],
)
def test_bad_files_are_one_clear_error(name: str, says: str) -> None:
    with pytest.raises(CoachError) as err:
        ics.load(DATA / name)
    assert says in err.value.message and "\n" not in err.value.message


def test_a_zero_byte_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "cal.ics"
    empty.write_bytes(b"")
    with pytest.raises(CoachError, match="empty"):
        ics.load(empty)
    with pytest.raises(CoachError, match="folder"):
        ics.load(tmp_path)
    with pytest.raises(CoachError, match="unknown time zone"):
        ics.zone_named("Mars/Olympus")
