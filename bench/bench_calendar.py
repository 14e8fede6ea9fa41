"""Calendar import time for a year of weekly 1:1s with 12 people, against the parsing libraries alone.

The calendar: 12 weekly series over the past year (about 620 occurrences), each with two EXDATEs, a
cancelled and a moved occurrence, in three time zones, half organised by the other person.
Baseline (same run): icalendar parsing the file plus recurring-ical-events expanding it, which any
importer pays. Cases: a first import into an empty memory (12 new people), importing the same file
again (every occurrence found, nothing written twice), and a dry run.

Run: .venv/bin/python bench/bench_calendar.py   (writes bench/results/bench_calendar.json)
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from report import save  # bench/ is first on the path when a bench runs

from coach.config import load_settings
from coach.domain import Relationship
from coach.workspace import CalendarAnswer, Workspace

PEOPLE = 12
WEEKS = 52
ROUNDS = 5
ZONES = ("Europe/London", "America/New_York", "Asia/Kolkata")


def calendar_text(today: dt.date) -> str:
    start = today - dt.timedelta(weeks=WEEKS - 4)  # a year: 48 weeks behind, 4 ahead
    events = []
    for i in range(PEOPLE):
        first = start + dt.timedelta(days=i % 5)
        zone = ZONES[i % len(ZONES)]
        hour = 9 + i % 8
        organiser = "me@corp.example" if i % 2 == 0 else f"person{i}@corp.example"
        skip = [first + dt.timedelta(weeks=w) for w in (5 + i, 20 + i)]
        cancelled = first + dt.timedelta(weeks=30)
        moved = first + dt.timedelta(weeks=40)
        stamp = "DTSTAMP:20250101T000000Z\n"
        base = f"UID:series-{i}@corp.example\n{stamp}SUMMARY:1:1 Person {i}\nORGANIZER:mailto:{organiser}\n"
        people = f"ATTENDEE;CN=Me:mailto:me@corp.example\nATTENDEE;CN=Person {i}:mailto:person{i}@corp.example\n"
        exdates = ",".join(f"{d:%Y%m%d}T{hour:02d}0000" for d in skip)
        events.append(
            f"BEGIN:VEVENT\n{base}{people}DTSTART;TZID={zone}:{first:%Y%m%d}T{hour:02d}0000\n"
            f"DTEND;TZID={zone}:{first:%Y%m%d}T{hour:02d}3000\nRRULE:FREQ=WEEKLY;COUNT={WEEKS}\n"
            f"EXDATE;TZID={zone}:{exdates}\nEND:VEVENT\n"
        )
        events.append(
            f"BEGIN:VEVENT\n{base}RECURRENCE-ID;TZID={zone}:{cancelled:%Y%m%d}T{hour:02d}0000\n"
            f"DTSTART;TZID={zone}:{cancelled:%Y%m%d}T{hour:02d}0000\nSTATUS:CANCELLED\nEND:VEVENT\n"
        )
        events.append(
            f"BEGIN:VEVENT\n{base}{people}RECURRENCE-ID;TZID={zone}:{moved:%Y%m%d}T{hour:02d}0000\n"
            f"DTSTART;TZID={zone}:{moved + dt.timedelta(days=1):%Y%m%d}T{hour:02d}0000\nEND:VEVENT\n"
        )
    return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//bench//EN\n" + "".join(events) + "END:VCALENDAR\n"


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def timed(fn: Callable[[], object], rounds: int = ROUNDS) -> list[float]:
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    import icalendar
    import recurring_ical_events

    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "year.ics"
        path.write_text(calendar_text(today))
        since = today - dt.timedelta(weeks=WEEKS)

        def baseline() -> None:
            cal = icalendar.Calendar.from_ical(path.read_text())
            list(recurring_ical_events.of(cal).between(since, today + dt.timedelta(days=60)))

        baseline()  # warm the imports
        base = timed(baseline)

        def fresh_import() -> tuple[Workspace, int]:
            data = Path(tempfile.mkdtemp(dir=tmp))
            ws = Workspace(load_settings(data_dir=data))
            ws.memory  # noqa: B018 - open (and create) the database outside the timing
            t0 = time.perf_counter()
            read = ws.read_calendar(path, me=["me@corp.example"], tz="Europe/London", since=since)
            answers = {s.key: CalendarAnswer(new=Relationship.report) for s in read.strangers}
            result = ws.import_calendar(read, answers)
            first.append(time.perf_counter() - t0)
            return ws, sum(result.counts.added.values())

        first: list[float] = []
        fresh_import()[0].close()  # warm
        first.clear()
        workspaces = [fresh_import() for _ in range(ROUNDS)]
        ws, added = workspaces[-1]

        def again(dry_run: bool = False) -> None:
            read = ws.read_calendar(path, tz="Europe/London", since=since)
            ws.import_calendar(read, dry_run=dry_run)

        second = timed(again)
        dry = timed(lambda: again(dry_run=True))
        occurrences = len(ws.memory.con.execute("SELECT 1 FROM meetings").fetchall())
        upcoming = len(ws.memory.con.execute("SELECT 1 FROM upcoming").fetchall())
        for w, _ in workspaces:
            w.close()
    rows = {
        "baseline: icalendar parse + recurring-ical-events expand (ms)": median_ms(base),
        "first import, 12 new people (ms)": median_ms(first),
        "import the same file again (ms)": median_ms(second),
        "dry run (ms)": median_ms(dry),
    }
    b = rows["baseline: icalendar parse + recurring-ical-events expand (ms)"] or 1.0
    print(
        f"{PEOPLE} weekly series over {WEEKS} weeks: {added} meetings recorded ({occurrences} rows), "
        f"{upcoming} upcoming"
    )
    print(f"{'case':64} {'ms':>8} {'ratio':>7}")
    for key, value in rows.items():
        print(f"{key:64} {value:>8} {round(value / b, 2):>7}")
    save("bench_calendar.json", rows | {"meetings": added, "upcoming": upcoming})


if __name__ == "__main__":
    main()
