"""A picture of the relationship: the last 1:1s and who took the actions from each.

One line per meeting, newest first: a glyph (● held, ✕ cancelled, ↷ moved), the
date, who cancelled, and a small bar of the actions it produced coloured by
owner, so a manager sees at a glance whether they keep taking the work.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from coach.domain import MeetingStatus, Owner, PersonRecord
from coach.textsafe import one_line

GLYPH = {
    MeetingStatus.held: ("●", "green"),
    MeetingStatus.cancelled: ("✕", "red"),
    MeetingStatus.moved: ("↷", "yellow"),
}
OWNER_STYLE = {
    Owner.me: "magenta",
    Owner.them: "cyan",
    Owner.both: "blue",
    Owner.other: "green",
    Owner.unclear: "grey50",
}
OWNER_MARK = {Owner.me: "m", Owner.them: "t", Owner.both: "b", Owner.other: "o", Owner.unclear: "?"}


def render_timeline(record: PersonRecord | None, limit: int = 8) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    if record is None:
        return text.append("No one selected.", style="dim")
    text.append(f"{one_line(record.person.name, 24)} — last 1:1s\n", style="bold")
    meetings = sorted(record.meetings, key=lambda m: (m.date, m.id or 0), reverse=True)[:limit]
    if not meetings:
        return text.append("No meetings logged yet.", style="dim")
    for m in meetings:
        glyph, colour = GLYPH[m.status]
        text.append(glyph, style=f"bold {colour}")
        text.append(f" {m.date:%d %b} ")
        if m.status is MeetingStatus.held:
            text.append("held     ", style=colour)
        else:
            by = f"by {m.cancelled_by.value}" if m.cancelled_by else m.status.value
            text.append(by.ljust(9), style=colour)
        owners = [a.owner for a in record.actions if a.meeting_id == m.id and m.id is not None]
        for owner in (Owner.me, Owner.them, Owner.both, Owner.other, Owner.unclear):
            count = owners.count(owner)
            if count:
                text.append("█" * count, style=OWNER_STYLE[owner])
                text.append(OWNER_MARK[owner] + " ", style=OWNER_STYLE[owner])
        text.append("\n")
    text.append("█", style=OWNER_STYLE[Owner.me]).append(" me ")
    text.append("█", style=OWNER_STYLE[Owner.them]).append(" them ")
    text.append("█", style=OWNER_STYLE[Owner.both]).append(" both")
    return text


class Timeline(Static):
    """The selected person's recent 1:1s."""

    def show(self, record: PersonRecord | None) -> None:
        self.update(render_timeline(record))
