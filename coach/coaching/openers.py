"""Personizing: an opener that reveals and asks, and gentle follow-ups on what was shared.

After Schein & Schein (Humble Leadership): personizing is reciprocal, one side asks or
reveals something personal early on, and it respects the other's privacy. So the
opener always pairs a small reveal with an open ask, and follow-ups stay optional.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel

from coach.coaching.lexicon import SENSITIVE_WORDS
from coach.domain import MeetingStatus, Party, PersonRecord, Relationship

TENSE = re.compile(
    r"\b(tense|tension|tough|difficult|hard conversation|frustrat\w*|upset|angry|annoyed|conflict|disagree\w*|"
    r"argu\w*|heated|defensive|clash\w*|pushback|pushed back)\b",
    re.I,
)
MAX_FOLLOWUPS = 2


class Followup(BaseModel):
    """A suggestion to ask about something personal the person shared: never required, always optional."""

    note: str
    sensitive: bool
    text: str


def _first(record: PersonRecord) -> str:
    return record.person.name.split()[0]


def personal_followups(record: PersonRecord, today: dt.date) -> list[Followup]:
    """At most two, newest first, from the personal notes of recent 1:1s."""
    held = [m for m in record.meetings if m.status is MeetingStatus.held and m.date <= today][-3:]
    ids = {m.id for m in held}
    notes = [n for n in record.notes if n.personal and n.meeting_id in ids]
    if not notes:
        recent = today - dt.timedelta(days=120)
        notes = [n for n in record.notes if n.personal and n.created.date() >= recent]
    notes.sort(key=lambda n: (n.created, n.id or 0), reverse=True)
    first = _first(record)
    out = []
    for n in notes[:MAX_FOLLOWUPS]:
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", n.text)}
        sensitive = n.sensitive or bool(words & SENSITIVE_WORDS)  # notes kept before the flag: by their words
        if sensitive:
            text = (
                f"{first} shared earlier: “{n.text}”. This is sensitive: only if they want to talk about it, a "
                "gentle “How are you doing with everything?” is enough; let them choose how much to say, and "
                "don't ask for details."
            )
        else:
            text = (
                f"Last time {first} mentioned: “{n.text}”. If they'd like to share, ask how it went; "
                "if they keep it brief, leave it there."
            )
        out.append(Followup(note=n.text, sensitive=sensitive, text=text))
    return out


def opener(record: PersonRecord, today: dt.date) -> str:
    """A reciprocal opener: a small reveal of the user's own plus an open personal ask."""
    first = _first(record)
    rel = record.person.relationship
    past = [m for m in record.meetings if m.date <= today]
    held = [m for m in past if m.status is MeetingStatus.held]
    if not held:
        if rel is Relationship.boss:
            return (
                f"First 1:1: tell {first} what you hope to learn from working with them and one thing about how you "
                "work best. Then ask: “What does a good year look like for you, and what would make it a great one?”"
            )
        return (
            f"First 1:1: tell {first} why these 1:1s matter to you and one thing about how you like to work. Then "
            "ask: “What would you like me to know about you that wouldn't show up on your CV?”"
        )
    last = held[-1]
    if TENSE.search(last.notes):
        return (
            f"Last time felt tense. Name it lightly and go first: share one thing you have thought about since. "
            f"Then ask: “How are you feeling about where we left things, {first}?”"
        )
    gap = (today - last.date).days
    if gap > 28:
        mine = any(m.status is MeetingStatus.cancelled and m.cancelled_by is Party.me for m in past[-5:])
        own = " and you cancelled some of them; own that" if mine else ""
        return (
            f"It's been {gap} days since you last sat down together{own}. Share briefly what has pulled your "
            f"attention, then ask: “What has changed for you since we last talked properly?”"
        )
    if rel is Relationship.boss:
        return (
            "Share one thing your team is proud of or worried about this week, then ask: “What's taking most of "
            "your attention at the moment?”"
        )
    if rel is Relationship.peer:
        return (
            "Share something you're trying to get better at, then ask: “What's been giving you energy at work lately?”"
        )
    return (
        "Share something small from your own week (a win or a wobble), then ask: “What's been the best part of "
        "your week, at work or outside it?”"
    )
