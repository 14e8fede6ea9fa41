"""Which calendar events are 1:1s, who the user is, and what each occurrence means for attendance.

A 1:1 is a series (or a one-off titled like one) whose people are the user and exactly one
other person, rooms and resources aside; or an event titled "1:1", "1on1", "121",
"one-on-one"… with nobody else invited (a placeholder in the user's own calendar, matched to
a person named in its title). A recurring two-person series counts without such a title: that
is how most 1:1s look in a calendar. A one-off two-person meeting does not, unless titled:
a single coffee or interview is not a 1:1 relationship.

Occurrences become meetings: past ones held, cancelled ones (STATUS:CANCELLED, an EXDATE, or
declined) cancelled, moved ones (a new start for a planned slot) moved, each "by me" when the
user organised the series and "by them" otherwise. A decline says who it was. Future
occurrences are kept as upcoming 1:1s, not meetings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from coach.calendar.ics import Attendee, Event, Occurrence
from coach.domain import Meeting, MeetingSource, MeetingStatus, Party, Upcoming

ONE_ON_ONE_TITLE = re.compile(
    r"(?<![\w:])(1\s*[:/-]\s*1|1\s*on\s*1|1\s*-\s*on\s*-\s*1|121|one[\s-]*(?:on|to)[\s-]*one|1to1)(?![\w:])", re.I
)


def titled_one_on_one(title: str) -> bool:
    return bool(ONE_ON_ONE_TITLE.search(title))


@dataclass
class Series:
    """A 1:1 series: the event, the other person (None: only named in the title) and who organised it."""

    event: Event
    other: Attendee | None
    organised_by_me: bool


def guess_me(events: Iterable[Event], hint: str | None = None) -> str | None:
    """The user's address: the calendar's own name when it is one, else the address on the most events, if it
    is on clearly more of them than any other (an export of one's own calendar has its owner on every event)."""
    counts: Counter[str] = Counter()
    for event in events:
        for person in event.people:
            if person.email:
                counts[person.email] += 1
    if hint and hint in counts:
        return hint
    top = counts.most_common(2)
    if not top or top[0][1] < 2:
        return None
    if len(top) == 2 and top[1][1] * 4 > top[0][1] * 3:  # no clear owner: too close to call
        return None
    return top[0][0]


def could_be_one_on_one(event: Event) -> bool:
    """Whether the event is a 1:1 for some user: two people, or titled like one with at most two."""
    if event.all_day:
        return False
    people = len(event.people)
    titled = titled_one_on_one(event.title)
    return (people == 2 and (event.recurring or titled)) or (titled and people <= 1)


def one_on_one(event: Event, me: set[str]) -> Series | None:
    """The event as a 1:1 series, or None when it is not one."""
    if event.all_day:
        return None
    people = event.people
    others = [p for p in people if p.key not in me]
    includes_me = any(p.key in me for p in people)
    titled = titled_one_on_one(event.title)
    organised_by_me = event.organizer is None or event.organizer.key in me
    if len(others) == 1 and (includes_me or titled) and (event.recurring or titled):
        return Series(event, others[0], organised_by_me)
    if not others and titled:
        return Series(event, None, organised_by_me)
    return None


def records(
    series: Series, occurrences: list[Occurrence], now: dt.datetime, me: set[str]
) -> tuple[list[Meeting], list[Upcoming]]:
    """The meetings (past, cancelled or moved) and the upcoming 1:1s a series' occurrences stand for."""
    organiser = Party.me if series.organised_by_me else Party.them
    other_key = series.other.key if series.other else None
    meetings: list[Meeting] = []
    upcoming: list[Upcoming] = []
    for occ in _one_per_slot(occurrences):
        declined_by = _decliner(occ, other_key, me)
        base = {"source": MeetingSource.calendar, "uid": series.event.uid, "recurrence_id": occ.recurrence_id}
        if occ.cancelled or declined_by is not None:
            by = declined_by or organiser
            meetings.append(
                Meeting(
                    date=occ.planned.date(),
                    status=MeetingStatus.cancelled,
                    cancelled_by=by,
                    starts_at=occ.planned,
                    **base,
                )
            )
        elif occ.start <= now:
            minutes = _minutes(occ)
            moved = occ.moved
            meetings.append(
                Meeting(
                    date=occ.start.date(),
                    status=MeetingStatus.moved if moved else MeetingStatus.held,
                    cancelled_by=organiser if moved else None,
                    length_minutes=minutes,
                    starts_at=occ.start,
                    **base,
                )
            )
        else:
            upcoming.append(
                Upcoming(
                    starts_at=occ.start,
                    ends_at=occ.end,
                    title=series.event.title,
                    moved_from=occ.planned if occ.moved else None,
                    **base,
                )
            )
    return meetings, upcoming


def _one_per_slot(occurrences: list[Occurrence]) -> list[Occurrence]:
    """An occurrence overridden and also excluded by an EXDATE is the override (the slot was moved, not lost)."""
    chosen: dict[str, Occurrence] = {}
    for occ in occurrences:
        held = chosen.get(occ.recurrence_id)
        if held is None or (held.excluded and not occ.excluded):
            chosen[occ.recurrence_id] = occ
    return sorted(chosen.values(), key=lambda o: (o.start, o.recurrence_id))


def _decliner(occ: Occurrence, other_key: str | None, me: set[str]) -> Party | None:
    if other_key is not None and other_key in occ.declined:
        return Party.them
    if occ.declined & me:
        return Party.me
    return None


def _minutes(occ: Occurrence) -> int | None:
    if occ.end is None or occ.end <= occ.start:
        return None
    return min(24 * 60, round((occ.end - occ.start).total_seconds() / 60))
