"""The calendar: import a calendar export's 1:1s as attendance, and the day's 1:1s (`coach today`).

Importing is two steps so a face can ask about strangers in between: `read_calendar` parses
the file, finds the 1:1 series and matches each to a person (by a remembered answer, their
address, or their name, in that order), leaving the rest as questions; `import_calendar`
takes the answers and records everything in one transaction, or, on a dry run, reports
exactly what it would record and writes nothing. Answers are remembered, so each stranger is
asked about once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.domain import Meeting, MeetingStatus, Party, Person, Upcoming, normalise_email
from coach.errors import CoachError, close_matches
from coach.workspace.calendar_results import (
    CalendarAnswer,
    CalendarImport,
    CalendarRead,
    DayItem,
    SeriesResult,
    Stranger,
    key_of,
)
from coach.workspace.parts import Parts

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from coach.calendar.ics import Attendee, Occurrence
    from coach.calendar.oneonones import Series

__all__ = ["CalendarAnswer", "CalendarImport", "CalendarJobs", "CalendarRead", "DayItem", "Stranger"]

HISTORY_DAYS = 365
HORIZON_DAYS = 60


def _name_from_email(email: str) -> str:
    local = email.split("@", 1)[0]
    words = [w for w in re.split(r"[._+\-]+", local) if w and not w.isdigit()]
    return " ".join(w.capitalize() for w in words) or local


def _name_in_title(title: str) -> str:
    """ "1:1 Amara" or "Amara <> me 121": the title without its 1:1 words, if a name is what is left."""
    from coach.calendar.oneonones import ONE_ON_ONE_TITLE

    rest = ONE_ON_ONE_TITLE.sub(" ", title)
    words = [w for w in re.split(r"[\s/|<>:&+,()\[\]-]+", rest) if w and w.casefold() not in {"with", "and", "me"}]
    return " ".join(words) if 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) else ""


def _swap_last_first(name: str) -> str:
    """ "Raman, Priya" (how some directories list people) as "Priya Raman"."""
    if name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if last and first:
            return f"{first} {last}"
    return name


class CalendarJobs(Parts):
    def read_calendar(
        self,
        path: Path,
        *,
        me: Iterable[str] = (),
        tz: str | None = None,
        since: dt.date | None = None,
        now: dt.datetime | None = None,
    ) -> CalendarRead:
        """Parse `path`, find its 1:1 series and match them to people. Bad input: CoachError, nothing written."""
        from coach.calendar import ics
        from coach.calendar.oneonones import could_be_one_on_one, guess_me, one_on_one
        from coach.store.calendar import addresses

        zone = ics.zone_named(tz)
        cal = ics.load(path)
        events = ics.events(cal)
        remembered = addresses(self.memory)
        mine = {a for a, (kind, _) in remembered.items() if kind == "me"}
        for value in me:
            try:
                address = normalise_email(value)
            except ValueError:
                raise CoachError(f"--me {value!r} is not an email address") from None
            if address:
                mine.add(address)
        if not mine:
            guessed = guess_me(events, ics.owner_hint(cal))
            if guessed:
                mine.add(guessed)
            elif any(could_be_one_on_one(e) and any(p.email for p in e.people) for e in events):
                raise CoachError(f"cannot tell which attendee in {path} is you; pass --me YOUR@ADDRESS")
        found: list[Series] = []
        broken = 0
        for event in events:
            series = one_on_one(event, mine)
            if series is None:
                broken += event.problem is not None
                continue
            if event.problem:
                raise CoachError(
                    f"{path}: the 1:1 {event.title or event.uid!r} has a time coach cannot read ({event.problem}); "
                    "nothing was imported"
                )
            found.append(series)
        if not found:
            raise CoachError(
                f"no 1:1s found in {path} (a 1:1 is a recurring meeting of you and one other person, or one titled "
                "1:1, 1on1, 121 or one-on-one); nothing was imported"
            )
        now = now or (dt.datetime.now(zone) if zone is not None else dt.datetime.now().astimezone())
        today = now.date()
        since = since or today - dt.timedelta(days=HISTORY_DAYS)
        until = today + dt.timedelta(days=HORIZON_DAYS)
        occurrences = ics.expand(cal, [s.event for s in found], since, until, zone)
        read = CalendarRead(path, sorted(mine), now, since, until, [], {}, [], {}, {})
        if broken:
            read.warnings.append(f"{broken} other event(s) with times coach cannot read were left out")
        self._match(read, [(s, occurrences.get(s.event.uid, [])) for s in found], remembered)
        return read

    def _match(
        self, read: CalendarRead, series: list[tuple[Series, list[Occurrence]]], remembered: Mapping[str, Any]
    ) -> None:
        people = self.memory.people_list()
        by_email = {p.email: p.name for p in people if p.email}
        by_name = {" ".join(p.name.casefold().split()): p.name for p in people}
        firsts: dict[str, list[str]] = {}
        for p in people:
            firsts.setdefault(p.name.split()[0].casefold(), []).append(p.name)
        strangers: dict[str, Stranger] = {}
        for s, occs in series:
            if not occs:
                continue
            read.series.append((s, occs))
            key = key_of(s)
            kind, name = remembered.get(key, (None, None))
            if kind == "ignore":
                continue
            person = name if kind == "person" else self._known(s, by_email, by_name, firsts)
            if person is not None:
                read.matched[s.event.uid] = person
                self._remember(read, s.other, person, people)
                continue
            stranger = strangers.get(key)
            if stranger is None:
                label = s.other.label if s.other else f"the 1:1 titled {s.event.title!r}"
                suggested = (
                    (s.other.name and _swap_last_first(s.other.name)) if s.other else _name_in_title(s.event.title)
                )
                if not suggested and s.other and s.other.email:
                    suggested = _name_from_email(s.other.email)
                hint = suggested or s.event.title
                stranger = strangers[key] = Stranger(
                    key,
                    label,
                    suggested,
                    s.other.email if s.other else None,
                    suggestions=close_matches(hint, by_name.values()),
                )
            stranger.titles.append(s.event.title)
            stranger.occurrences += len(occs)
        read.strangers = list(strangers.values())

    @staticmethod
    def _known(
        series: Series, by_email: dict[str, str], by_name: dict[str, str], firsts: dict[str, list[str]]
    ) -> str | None:
        other = series.other
        if other is None:  # a placeholder titled "1:1 …": the one person named in the title
            title = " ".join(series.event.title.casefold().split())
            named = {n for k, n in by_name.items() if re.search(rf"(?<!\w){re.escape(k)}(?!\w)", title)}
            if not named:
                named = {
                    names[0]
                    for first, names in firsts.items()
                    if len(names) == 1 and re.search(rf"(?<!\w){re.escape(first)}(?!\w)", title)
                }
            return next(iter(named)) if len(named) == 1 else None
        if other.email and other.email in by_email:
            return by_email[other.email]
        name = " ".join(_swap_last_first(other.name).casefold().split())
        if name in by_name:
            return by_name[name]
        if name and " " not in name and len(firsts.get(name, [])) == 1:
            return firsts[name][0]
        return None

    @staticmethod
    def _remember(read: CalendarRead, other: Attendee | None, person: str, people: list[Person]) -> None:
        if other is None:
            return
        current = next((p for p in people if p.name == person), None)
        if other.email and current is not None and current.email is None and other.email not in read.emails.values():
            read.emails[person] = other.email
        elif current is not None and other.key != current.email:
            read.aliases[other.key] = person

    def import_calendar(
        self, read: CalendarRead, answers: Mapping[str, CalendarAnswer] | None = None, *, dry_run: bool = False
    ) -> CalendarImport:
        """Record the read calendar, with the user's answers about strangers; a dry run writes nothing."""
        from coach.calendar.oneonones import records
        from coach.store.calendar import CalendarChanges, apply

        answers = answers or {}
        changes = CalendarChanges()
        for address in read.me:
            changes.addresses[address] = ("me", None)
        changes.emails.update(read.emails)
        for key, name in read.aliases.items():
            changes.addresses[key] = ("person", name)
        people: dict[str, str] = {}  # stranger key -> person name
        added: list[str] = []
        for stranger in read.strangers:
            answer = answers.get(stranger.key)
            if answer is None:
                continue
            if answer.skip:
                changes.addresses[stranger.key] = ("ignore", None)
            elif answer.person:
                person = self.memory.person(answer.person)  # unknown: CoachError with suggestions
                people[stranger.key] = person.name
                if stranger.email and person.email is None and person.name not in changes.emails:
                    changes.emails[person.name] = stranger.email
                else:
                    changes.addresses[stranger.key] = ("person", person.name)
            elif answer.new is not None:
                name = stranger.suggested_name or _name_from_email(stranger.email or "")
                if not name:  # nothing to call them: left for the user to name
                    continue
                if name in added:
                    people[stranger.key] = name
                    changes.addresses[stranger.key] = ("person", name)
                    continue
                changes.new_people.append(Person(name=name, relationship=answer.new, email=stranger.email))
                added.append(name)
                people[stranger.key] = name
                if stranger.email is None:
                    changes.addresses[stranger.key] = ("person", name)
        results: list[SeriesResult] = []
        next_by_person: dict[str, Upcoming] = {}
        for series, occs in read.series:
            uid = series.event.uid
            who = read.matched.get(uid) or people.get(key_of(series))
            result = SeriesResult(uid, series.event.title, who)
            results.append(result)
            if who is None:
                answer = answers.get(key_of(series))
                asked = any(s.key == key_of(series) for s in read.strangers)
                result.skipped = (
                    "ignored, as you answered before"
                    if not asked
                    else "skipped"
                    if answer and answer.skip
                    else "not matched to a person"
                )
                continue
            meetings, upcoming = records(series, occs, read.now, set(read.me))
            changes.uids.add(uid)
            changes.meetings += [(who, m) for m in meetings]
            changes.upcoming += [(who, u) for u in upcoming]
            _tally(result, meetings, upcoming)
            if upcoming and (who not in next_by_person or upcoming[0].starts_at < next_by_person[who].starts_at):
                next_by_person[who] = upcoming[0]
        counts = apply(self.memory, changes, dry_run=dry_run)
        return CalendarImport(
            read.path, dry_run, read.me, results, counts, next_by_person, added, read.now.date(), list(read.warnings)
        )

    def day_1on1s(self, day: dt.date | None = None, tz: str | None = None) -> list[DayItem]:
        """The 1:1s on `day` (default today) in time order: those held, cancelled or moved, and those to come,
        each with the person's headline. Works from the next-1:1 dates alone, without a calendar."""
        from coach.calendar.ics import in_zone, zone_named
        from coach.coaching.headline import headline
        from coach.store.calendar import day_meetings, day_upcoming

        zone: ZoneInfo | None = zone_named(tz)
        day = day or (dt.datetime.now(zone).date() if zone is not None else dt.date.today())
        items: list[DayItem] = []
        seen: set[tuple[str | None, str | None]] = set()
        lines: dict[str, str] = {}

        def line(name: str) -> str:
            if name not in lines:
                lines[name] = headline(self.memory.record(name), day)
            return lines[name]

        for name, m in day_meetings(self.memory, day):
            start = in_zone(m.starts_at, zone) if m.starts_at else None
            if m.uid:
                seen.add((m.uid, m.recurrence_id))
            by = m.cancelled_by.value if m.cancelled_by else None
            items.append(DayItem(name, m.status.value, start, by, "", line(name), m.source.value))
        for name, u in day_upcoming(self.memory, day):
            start = in_zone(u.starts_at, zone)
            if start.date() != day or (u.uid and (u.uid, u.recurrence_id) in seen):
                continue
            items.append(DayItem(name, "upcoming", start, None, u.title, line(name), u.source.value))
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        items.sort(key=lambda i: (i.starts_at or far, i.person))
        return items


def _tally(result: SeriesResult, meetings: list[Meeting], upcoming: list[Upcoming]) -> None:
    for m in meetings:
        if m.status is MeetingStatus.held:
            result.held += 1
        elif m.status is MeetingStatus.moved:
            result.moved += 1
        elif m.cancelled_by is Party.me:
            result.cancelled_by_me += 1
        else:
            result.cancelled_by_them += 1
    result.upcoming = len(upcoming)
