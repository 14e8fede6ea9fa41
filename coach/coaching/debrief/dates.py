"""Due dates written the way managers write them, resolved against the meeting date.

Conventions (documented in docs/nlp.md): a weekday means its next occurrence after
the meeting; "next week" means the Friday of next week; "end of week" this Friday;
"end of month" the month's last day; "in N days/weeks" counts from the meeting.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
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
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
}
_MONTHS["sept"] = 9
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "couple of": 2, "few": 3}

_WD = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MO = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUM = r"\d{1,2}|a|one|two|three|four|five|six|couple of|few"

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MO})\b\.?", re.I)
_MONTH_DAY = re.compile(rf"\b({_MO})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_IN_N = re.compile(rf"\bin\s+(?:the\s+next\s+)?({_NUM})\s+(day|week|month)s?\b", re.I)
_NEXT_WD = re.compile(rf"\bnext\s+({_WD})\b", re.I)
_WEEKDAY = re.compile(rf"\b(?:by|on|before|until|till|this|due)?\s*({_WD})\b\.?", re.I)
_SIMPLE = [
    (re.compile(r"\b(?:today|tonight|end of (?:the )?day|eod|cob|close of business)\b", re.I), "today"),
    (re.compile(r"\b(?:tomorrow|tmrw|tmr|tomorow)\b", re.I), "tomorrow"),
    (re.compile(r"\b(?:next week|nxt wk|next wk)\b", re.I), "next_week"),
    (re.compile(r"\b(?:end of (?:the |this )?week|eow|this week|by the weekend)\b", re.I), "this_week"),
    (re.compile(r"\b(?:end of (?:the |this )?month|eom|month[- ]end)\b", re.I), "month_end"),
    (re.compile(r"\bnext month\b", re.I), "next_month"),
    (re.compile(r"\b(?:end of (?:the |this )?quarter|eoq|quarter[- ]end)\b", re.I), "quarter_end"),
]


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


def _simple(key: str, base: dt.date) -> dt.date:
    monday = base - dt.timedelta(days=base.weekday())
    if key == "today":
        return base
    if key == "tomorrow":
        return base + dt.timedelta(days=1)
    if key == "next_week":
        return monday + dt.timedelta(days=11)
    if key == "this_week":
        return max(base, monday + dt.timedelta(days=4))
    if key == "month_end":
        return _month_end(base)
    if key == "next_month":
        return _month_end(_month_end(base) + dt.timedelta(days=1))
    quarter_last_month = ((base.month - 1) // 3 + 1) * 3
    return _month_end(base.replace(day=1, month=quarter_last_month))


def find_due(text: str, base: dt.date) -> dt.date | None:
    """The first due date expressed in `text`, or None."""
    if m := _ISO.search(text):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if m := _DAY_MONTH.search(text):
        return _day_of_year(base, _MONTHS[m[2].lower()], int(m[1]))
    if m := _MONTH_DAY.search(text):
        return _day_of_year(base, _MONTHS[m[1].lower()], int(m[2]))
    if m := _IN_N.search(text):
        n = int(m[1]) if m[1].isdigit() else _NUMBERS[m[1].lower()]
        unit = m[2].lower()
        if unit == "month":
            return base + dt.timedelta(days=30 * n)
        return base + dt.timedelta(days=n * (7 if unit == "week" else 1))
    if m := _NEXT_WD.search(text):
        monday_next = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=7)
        return monday_next + dt.timedelta(days=_WEEKDAYS[m[1].lower()])
    for pattern, key in _SIMPLE:
        if pattern.search(text):
            return _simple(key, base)
    for m in _WEEKDAY.finditer(text):
        word = m[1].lower()
        # Short forms such as "sat" or "sun" are ordinary words unless a preposition marks them.
        if len(word) <= 4 and not re.match(r"\s*(by|on|before|until|till|this|due)\b", m[0], re.I):
            continue
        return _next_weekday(base, _WEEKDAYS[word])
    return None
