"""The brief's one line: what is specific to this person, for a manager with two minutes (or a sidebar).

At most three parts, most pressing first, joined by " · ": attendance (turning up is the
first promise, so a cancellation of yours leads), overdue actions (yours apart from theirs),
and something they shared to ask about. A sensitive note is never spelled out here: the
line may be read over a shoulder, so it only says to go gently.
"""

from __future__ import annotations

import datetime as dt
import re

from coach.coaching.lexicon import TOPICS
from coach.coaching.openers import personal_followups
from coach.domain import MeetingStatus, Owner, Party, PersonRecord

LONG_GAP_DAYS = 28
MAX_TOPIC_WORDS = 6
# A note that opens with one of these reads on as a phrase ("ask about her half marathon").
_DETERMINERS = frozenset({"her", "his", "their", "my", "our", "the", "a", "an", "its"})


def headline(record: PersonRecord, today: dt.date) -> str:
    parts = (_attendance(record, today), _actions(record, today), _shared(record, today))
    return " · ".join(p for p in parts if p)


def _attendance(record: PersonRecord, today: dt.date) -> str | None:
    first = record.person.name.split()[0]
    past = sorted((m for m in record.meetings if m.date <= today), key=lambda m: (m.date, m.id or 0))
    if not past:
        return "first 1:1"
    last5 = past[-5:]
    mine = sum(m.status is MeetingStatus.cancelled and m.cancelled_by is Party.me for m in last5)
    if mine:
        return f"you cancelled {mine} of the last {len(last5)}"
    held = [m for m in past if m.status is MeetingStatus.held]
    if not held:
        return f"none of {len(past)} held yet"
    gap = (today - held[-1].date).days
    if gap > LONG_GAP_DAYS:
        return f"last held {gap} days ago"
    theirs = sum(m.status is MeetingStatus.cancelled and m.cancelled_by is not Party.me for m in last5)
    if theirs >= 2:
        return f"{first} cancelled {theirs} of the last {len(last5)}"
    streak = 0
    for m in reversed(past):
        if m.status is not MeetingStatus.held:
            break
        streak += 1
    if streak >= 3:
        return f"{streak} held in a row"
    return f"{sum(m.status is MeetingStatus.held for m in last5)} of the last {len(last5)} held"


def _actions(record: PersonRecord, today: dt.date) -> str | None:
    first = record.person.name.split()[0]
    late = [a for a in record.actions if a.overdue(today)]
    mine = sum(a.owner is Owner.me for a in late)
    theirs = sum(a.owner is Owner.them for a in late)
    if mine and theirs:
        return f"{mine} of yours, {theirs} of {first}'s overdue"
    if mine:
        return f"{mine} of yours overdue"
    if theirs:
        return f"{theirs} of {first}'s overdue"
    return f"{len(late)} overdue" if late else None


def _shared(record: PersonRecord, today: dt.date) -> str | None:
    followups = personal_followups(record, today)
    if not followups:
        return None
    if followups[0].sensitive:
        return "shared something personal: go gently"
    return f"ask about {topic_phrase(followups[0].note)}"


def topic_phrase(note: str) -> str:
    """A few words of a note to ask about: up to its personal topic when that comes early, else its start."""
    flat = " ".join(note.split()).rstrip(".!?")
    words = flat.split()
    found = TOPICS.search(flat.lower())
    end = found.end() if found else 0
    if found and flat[end : end + 2].lower() in ("'s", "’s"):  # "his son's football": the thing, not the son
        following = re.match(r"'s\s+\S+|’s\s+\S+", flat[end:])
        end += following.end() if following else 2
    cut = flat[:end].split() if found else []
    chosen = cut if cut and len(cut) <= MAX_TOPIC_WORDS else words[:MAX_TOPIC_WORDS]
    phrase = " ".join(chosen)
    if len(chosen) < len(words) and chosen is not cut:
        phrase += "…"
    if chosen[0].lower() in _DETERMINERS:
        return chosen[0].lower() + phrase[len(chosen[0]) :]
    return f"“{phrase}”"
