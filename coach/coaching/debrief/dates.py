"""Due dates written the way managers write them, resolved against the meeting date.

Conventions (documented in docs/nlp.md): a weekday means its next occurrence after the
meeting day; "next week" the Friday of next week; "end of week" this Friday; "end of month"
the month's last day; "in N days/weeks" counts from the meeting; "the 12th" is the next
12th on or after the meeting; "before Christmas" is 24 December; "next 1:1" is the next
meeting by the record's usual gap between 1:1s, or a week on. A time that says when
something recurs or follows ("every Friday", "after Christmas") is no due date, nor is the
start of a period ("from next week", "from May"); but a start on one named day ("from Monday",
"starting tomorrow") is when the first of it is due, and is read as the due date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import itertools
import re
import statistics

from coach.domain import MeetingStatus, PersonRecord

_WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "weds": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_FULL_DAYS = [d for d in _WEEKDAYS if len(d) > 5]
_AMBIGUOUS_DAYS = {"sat", "sun", "wed"}  # ordinary words too: a date only after a preposition
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
}
_MONTHS["sept"] = 9
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "couple of": 2, "few": 3}

_WD = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MO = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUM = r"\d{1,2}|a|one|two|three|four|five|six|couple of|few"
_PREP = r"(?:by|on|before|until|till|til|due|for|this|at)"
# Times that start or repeat rather than end: "from next week", "every Friday", "starting Monday".
# A date moved to ("push the cut-off to the 19th"), a day gone by ("last Friday"), any one of a kind ("on a
# Saturday"): not when the task is due.
_NOT_DUE = re.compile(
    r"(?:\b(?:from|starting|start|starts|every|each|since|after|per)\s+(?:the\s+|next\s+)?|\b(?:last|a|any)\s+)$",
    re.I,
)

# "from Monday", "starting tomorrow": the day the first of it is due (a period's start is not: "from May").
_STARTS = re.compile(r"(?:from|starting|start|starts)\s+(?:the\s+)?$", re.I)
_ONE_DAY = {"weekday", "tomorrow", "today"}
_MOVED_TO = re.compile(r"\bto\s+(?:the\s+)?(?:end\s+of\s+)?$", re.I)
_CALENDAR_DATES = {"iso", "day_month", "month_day", "month_end", "ordinal", "weekday"}
_SUBJECT_PRONOUNS = {"i", "he", "she", "we", "they", "you", "who", "it"}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("day_month", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MO})\b\.?", re.I)),
    ("month_day", re.compile(rf"\b({_MO})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)),
    ("month_end", re.compile(rf"\bend\s+of\s+({_MO})\b", re.I)),
    ("in_n", re.compile(rf"\b(?:in|within)\s+(?:the\s+next\s+|another\s+)?({_NUM})\s+(day|week|wk|month)s?\b", re.I)),
    ("fortnight", re.compile(r"\bin\s+a\s+fortnight\b", re.I)),
    (
        "next_meeting",
        re.compile(
            r"\b(?:next|our next|the next)\s+(?:1[:\-/]?1|one[- ]to[- ]one|121|catch[- ]?up|check[- ]?in)s?\b", re.I
        ),
    ),
    ("next_weekday", re.compile(rf"\bnext\s+({_WD})\b", re.I)),
    ("christmas", re.compile(r"\b(?:christmas|xmas|the holidays)\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight|end of (?:the )?day|eod|cob|close of business)\b", re.I)),
    ("tomorrow", re.compile(r"\b(?:tomorrow|tmrw|tmr|tomorow)\b", re.I)),
    ("next_week", re.compile(r"\b(?:next week|nxt wk|next wk)\b", re.I)),
    ("this_week", re.compile(r"\b(?:end of (?:the |this )?week|eow|this week|by the weekend)\b", re.I)),
    ("month_end", re.compile(r"\b(?:end of (?:the |this )?month|eom|month[- ]end)\b", re.I)),
    ("next_month", re.compile(r"\bnext month\b", re.I)),
    ("quarter_end", re.compile(r"\b(?:end of (?:the |this )?quarter|eoq|quarter[- ]end)\b", re.I)),
    ("ordinal", re.compile(r"\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?(?:" + _MO + r")\b)", re.I)),
    ("weekday", re.compile(rf"\b({_WD})(?:day)?\b\.?", re.I)),
]
_TYPO_DAY = re.compile(r"\b([a-z]{6,10})\b", re.I)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _next_weekday(base: dt.date, weekday: int) -> dt.date:
    ahead = (weekday - base.weekday()) % 7
    return base + dt.timedelta(days=ahead or 7)


def _day_of_year(base: dt.date, month: int, day: int) -> dt.date | None:
    for year in (base.year, base.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate >= base - dt.timedelta(days=7):  # a date just before the meeting is a typo, not next year
            return candidate
    return None


def _next_ordinal(base: dt.date, day: int) -> dt.date | None:
    """The next `day`-th of a month on or after the meeting."""
    if not 1 <= day <= 31:
        return None
    year, month = base.year, base.month
    for _ in range(3):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = dt.date(year, month, day)
            if candidate >= base:
                return candidate
        month = month % 12 + 1
        year += month == 1
    return None


def meeting_gap(record: PersonRecord | None) -> int:
    """Days between 1:1s as the record shows them (the median gap of the last held ones), else a week."""
    if record is None:
        return 7
    days = sorted({m.date for m in record.meetings if m.status is MeetingStatus.held})[-6:]
    gaps = [(b - a).days for a, b in itertools.pairwise(days) if (b - a).days > 0]
    return int(statistics.median(gaps)) if len(gaps) >= 2 else 7


def _resolve(kind: str, m: re.Match[str], base: dt.date, record: PersonRecord | None) -> dt.date | None:
    monday = base - dt.timedelta(days=base.weekday())
    if kind == "iso":
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if kind == "day_month":
        return _day_of_year(base, _MONTHS[m[2].lower()], int(m[1]))
    if kind == "month_day":
        return _day_of_year(base, _MONTHS[m[1].lower()], int(m[2]))
    if kind == "month_end":
        if m.groups() and m[1]:
            first = _day_of_year(base, _MONTHS[m[1].lower()], 1)
            return _month_end(first) if first else None
        return _month_end(base)
    if kind == "in_n":
        n = int(m[1]) if m[1].isdigit() else _NUMBERS[m[1].lower()]
        unit = m[2].lower()
        if unit == "month":
            return base + dt.timedelta(days=30 * n)
        return base + dt.timedelta(days=n * (7 if unit in ("week", "wk") else 1))
    if kind == "fortnight":
        return base + dt.timedelta(days=14)
    if kind == "next_meeting":
        return base + dt.timedelta(days=meeting_gap(record))
    if kind == "next_weekday":
        return monday + dt.timedelta(days=7 + _WEEKDAYS[m[1].lower()])
    if kind == "christmas":
        eve = dt.date(base.year, 12, 24)
        return eve if eve >= base else dt.date(base.year + 1, 12, 24)
    if kind == "today":
        return base
    if kind == "tomorrow":
        return base + dt.timedelta(days=1)
    if kind == "next_week":
        return monday + dt.timedelta(days=11)
    if kind == "this_week":
        return max(base, monday + dt.timedelta(days=4))
    if kind == "next_month":
        return _month_end(_month_end(base) + dt.timedelta(days=1))
    if kind == "quarter_end":
        quarter_last_month = ((base.month - 1) // 3 + 1) * 3
        return _month_end(base.replace(day=1, month=quarter_last_month))
    if kind == "ordinal":
        return _next_ordinal(base, int(m[1]))
    if kind == "weekday":
        return _next_weekday(base, _WEEKDAYS[m[1].lower()])
    return None


def _after_noun(before: str) -> bool:
    """The word before is not a subject pronoun ("she sat", "they wed"): the day ends a task's words."""
    words = before.split()
    return bool(words) and words[-1] not in _SUBJECT_PRONOUNS


def _usable(kind: str, m: re.Match[str], text: str) -> bool:
    if kind in _CALENDAR_DATES and _MOVED_TO.search(text[: m.start()]):
        return False  # "move the cut-off to the 19th": the new date is what the task sets
    lead = _NOT_DUE.search(text[: m.start()])
    if lead and not (kind in _ONE_DAY and _STARTS.match(lead[0])):
        return False
    if kind == "weekday":
        word = m[1].lower()
        before = text[: m.start()].rstrip().lower()
        last = not text[m.end() :].strip(" .,;)")  # "she'll trial a ticket system sat": a terse line's day
        if word in _AMBIGUOUS_DAYS and not re.search(rf"\b{_PREP}$", before) and not (last and _after_noun(before)):
            return False
        if len(word) <= 4 and text[m.end() : m.end() + 1] == "'":
            return False
    return True


def find_due(text: str, base: dt.date, record: PersonRecord | None = None) -> dt.date | None:
    """The due date `text` expresses (its first usable time expression), or None."""
    hits: list[tuple[int, int, dt.date]] = []
    for order, (kind, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            if not _usable(kind, m, text):
                continue
            day = _resolve(kind, m, base, record)
            if day is not None:
                hits.append((m.start(), order, day))
                break
    if not hits:
        for m in _TYPO_DAY.finditer(text):  # "wedensday", "thrusday"
            close = difflib.get_close_matches(m[1].lower(), _FULL_DAYS, n=1, cutoff=0.8)
            if close and _usable("weekday", m, text):
                return _next_weekday(base, _WEEKDAYS[close[0]])
        return None
    return min(hits)[2]
