"""Read an iCalendar file: its events (one per UID), who is invited, and each occurrence in the user's zone.

`icalendar` parses the file (time zones from its VTIMEZONEs or the IANA database) and
`recurring-ical-events` expands each recurrence with its exceptions: a cancelled occurrence
(STATUS:CANCELLED) comes back marked, a moved one carries its RECURRENCE-ID and a new start,
and an EXDATE removes one, which is why EXDATEs are read here separately: for a 1:1 an
excluded date is a cancellation, not a meeting that never existed. Every time is turned
into the user's zone (the machine's, or the one asked for) before anything reads its date,
so a 1:1 at 23:30 in another zone lands on the right day, on either side of a DST change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coach.domain import normalise_email
from coach.errors import CoachError

if TYPE_CHECKING:
    from icalendar import Calendar

MAX_BYTES = 50_000_000
# Properties without which an occurrence cannot be placed in time.
TIME_PROPERTIES = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"})
NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})


def zone_named(name: str | None) -> ZoneInfo | None:
    """The IANA zone `name` (e.g. Europe/Berlin); None means the machine's own zone."""
    if not name:
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise CoachError(f"unknown time zone {name!r}; use an IANA name such as Europe/London") from None


def in_zone(value: dt.datetime, zone: ZoneInfo | None) -> dt.datetime:
    """An event time in the user's zone. A floating time (no zone in the file) is the user's own clock time."""
    if value.tzinfo is None:
        return value.replace(tzinfo=zone) if zone is not None else value.astimezone()
    return value.astimezone(zone) if zone is not None else value.astimezone()


def occurrence_key(original: dt.datetime | dt.date) -> str:
    """The recurrence id an occurrence is remembered by: its first-planned start, in UTC when it has a zone."""
    if not isinstance(original, dt.datetime):
        return original.strftime("%Y%m%d")
    if original.tzinfo is None:
        return original.strftime("%Y%m%dT%H%M%S")
    return original.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Attendee:
    """Someone on an invitation: their address (if it is one) and the name their calendar shows."""

    email: str | None
    name: str = ""
    declined: bool = False

    @property
    def key(self) -> str:
        """What the user's answers about this attendee are remembered by: the address, else the name."""
        return self.email or name_key(self.name)

    @property
    def label(self) -> str:
        if self.email and self.name:
            return f"{self.name} <{self.email}>"
        return self.email or self.name


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event. `planned` is when it was first planned (its RECURRENCE-ID), `start` when
    it is now; both in the user's zone. `recurrence_id` is "" for a one-off event."""

    recurrence_id: str
    planned: dt.datetime
    start: dt.datetime
    end: dt.datetime | None
    cancelled: bool = False
    excluded: bool = False  # removed by an EXDATE
    declined: frozenset[str] = frozenset()  # keys of the attendees who declined this one

    @property
    def moved(self) -> bool:
        return not self.cancelled and self.start != self.planned


@dataclass
class Event:
    """Everything with one UID: a one-off event, or a series with its overridden occurrences."""

    uid: str
    title: str
    organizer: Attendee | None
    attendees: tuple[Attendee, ...]
    recurring: bool
    all_day: bool = False
    cancelled: bool = False
    problem: str | None = None  # a time property that could not be read
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def people(self) -> tuple[Attendee, ...]:
        """The organiser and the attendees, each once."""
        seen: dict[str, Attendee] = {}
        for person in (*((self.organizer,) if self.organizer else ()), *self.attendees):
            known = seen.get(person.key)
            if person.key and (known is None or (not known.name and person.name)):  # keep the entry with a name
                seen[person.key] = person
        return tuple(seen.values())


def load(path: Path) -> Calendar:
    """The parsed file, or a CoachError saying in one line why it cannot be read (nothing is written)."""
    from icalendar import Calendar

    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise CoachError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise CoachError(f"{path} is a folder; give an .ics file") from None
    except OSError as exc:
        raise CoachError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise CoachError(f"{path} is larger than {MAX_BYTES // 1_000_000} MB; export a shorter range of the calendar")
    if not data.strip():
        raise CoachError(f"{path} is empty: no calendar in it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CoachError(f"{path} is not an iCalendar file (not UTF-8 text)") from None
    try:
        cal = Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise CoachError(f"{path} is not a readable iCalendar file: {_first_line(exc)}") from None
    if isinstance(cal, list):  # several top-level components: read the first calendar among them
        cal = next((c for c in cal if getattr(c, "name", "") == "VCALENDAR"), None)
    if cal is None or getattr(cal, "name", "") != "VCALENDAR":
        found = getattr(cal, "name", "nothing")
        raise CoachError(f"{path} is not an iCalendar file (it holds a {found}, not a VCALENDAR)")
    if not any(True for _ in cal.walk("VEVENT")):
        raise CoachError(f"{path} is an empty calendar: it has no events")
    return cal


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _attendee(prop: Any) -> Attendee | None:
    params = getattr(prop, "params", {}) or {}
    if str(params.get("CUTYPE", "")).upper() in NOT_PEOPLE or str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
        return None
    try:
        email = normalise_email(str(prop))
    except ValueError:
        email = None
    name = " ".join(str(params.get("CN", "")).split()).strip("\"'")
    if not email and not name:
        return None
    return Attendee(email, name, str(params.get("PARTSTAT", "")).upper() == "DECLINED")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def attendees_of(component: Any) -> tuple[Attendee, ...]:
    found = (_attendee(p) for p in _as_list(component.get("ATTENDEE")))
    return tuple(a for a in found if a is not None)


def _problem(component: Any) -> str | None:
    for prop, message in getattr(component, "errors", []) or []:
        if str(prop).upper() in TIME_PROPERTIES:
            return f"{prop}: {message}"
    if component.get("DTSTART") is None:
        return "no DTSTART"
    return None


def events(cal: Calendar) -> list[Event]:
    """One Event per UID, described from its main component (the one without a RECURRENCE-ID)."""
    by_uid: dict[str, list[Any]] = {}
    for component in cal.walk("VEVENT"):
        uid = str(component.get("UID", "")).strip()
        if uid:
            by_uid.setdefault(uid, []).append(component)
    out = []
    for uid, parts in by_uid.items():
        main = next((c for c in parts if c.get("RECURRENCE-ID") is None), parts[0])
        organizer = _attendee(main.get("ORGANIZER")) if main.get("ORGANIZER") is not None else None
        start = main.get("DTSTART")
        problem = next((p for p in (_problem(c) for c in parts) if p), None)
        out.append(
            Event(
                uid=uid,
                title=" ".join(str(main.get("SUMMARY", "")).split()),
                organizer=organizer,
                attendees=attendees_of(main),
                recurring=main.get("RRULE") is not None or main.get("RDATE") is not None,
                all_day=problem is None and start is not None and not isinstance(start.dt, dt.datetime),
                cancelled=str(main.get("STATUS", "")).upper() == "CANCELLED",
                problem=problem,
            )
        )
    return out


def expand(
    cal: Calendar, chosen: Iterable[Event], since: dt.date, until: dt.date, zone: ZoneInfo | None
) -> dict[str, list[Occurrence]]:
    """The occurrences of the chosen events between `since` and `until`, by UID, in time order."""
    import recurring_ical_events
    from icalendar import Calendar

    wanted = {e.uid: e for e in chosen}
    sub = Calendar()
    for component in cal.subcomponents:
        if component.name == "VTIMEZONE" or (
            component.name == "VEVENT" and str(component.get("UID", "")).strip() in wanted
        ):
            sub.add_component(component)
    found: dict[str, list[Occurrence]] = {uid: [] for uid in wanted}
    try:
        expanded = list(recurring_ical_events.of(sub).between(since, until + dt.timedelta(days=1)))
    except Exception as exc:  # the library's errors for rules it cannot follow have no common base
        raise CoachError(f"cannot follow the recurrence of an event in the calendar: {_first_line(exc)}") from None
    for component in expanded:
        uid = str(component.get("UID", "")).strip()
        event = wanted.get(uid)
        start = component.get("DTSTART").dt
        if event is None or not isinstance(start, dt.datetime):
            continue
        end_prop = component.get("DTEND")
        end = end_prop.dt if end_prop is not None and isinstance(end_prop.dt, dt.datetime) else None
        rid_prop = component.get("RECURRENCE-ID")
        original = rid_prop.dt if rid_prop is not None and isinstance(rid_prop.dt, dt.datetime) else start
        found[uid].append(
            Occurrence(
                recurrence_id=occurrence_key(original) if event.recurring else "",
                planned=in_zone(original, zone),
                start=in_zone(start, zone),
                end=in_zone(end, zone) if end is not None else None,
                cancelled=event.cancelled or str(component.get("STATUS", "")).upper() == "CANCELLED",
                declined=frozenset(a.key for a in attendees_of(component) if a.declined),
            )
        )
    for component in sub.walk("VEVENT"):
        uid = str(component.get("UID", "")).strip()
        if component.get("RECURRENCE-ID") is not None or uid not in found:
            continue
        length = _length(component)
        for excluded in _exdates(component):
            moment = in_zone(excluded, zone)
            if since <= moment.date() <= until:
                end = moment + length if length is not None else None
                found[uid].append(Occurrence(occurrence_key(excluded), moment, moment, end, True, True))
    for occurrences in found.values():
        occurrences.sort(key=lambda o: (o.start, o.recurrence_id))
    return found


def _length(component: Any) -> dt.timedelta | None:
    start, end = component.get("DTSTART"), component.get("DTEND")
    if start is not None and end is not None and isinstance(start.dt, dt.datetime):
        return end.dt - start.dt
    duration = component.get("DURATION")
    return duration.dt if duration is not None else None


def _exdates(component: Any) -> list[dt.datetime]:
    out: list[dt.datetime] = []
    for prop in _as_list(component.get("EXDATE")):
        for item in getattr(prop, "dts", []):
            if isinstance(item.dt, dt.datetime):
                out.append(item.dt)
    return out


def owner_hint(cal: Calendar) -> str | None:
    """The calendar's own name when it is an address (how some services name an exported calendar)."""
    try:
        return normalise_email(str(cal.get("X-WR-CALNAME", "")))
    except ValueError:
        return None
