"""Which moment "now" is for a day the user asks about: the real clock today, the day's start otherwise.

A face may show another day (the TUI's frozen date in tests, `coach today --date`); the next 1:1
is then the first one from that day's start, not from this minute.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def moment(today: dt.date | None = None, zone: ZoneInfo | None = None) -> dt.datetime:
    real = dt.datetime.now(zone) if zone is not None else dt.datetime.now().astimezone()
    if today is None or today == real.date():
        return real
    start = dt.datetime.combine(today, dt.time.min)
    return start.replace(tzinfo=zone) if zone is not None else start.astimezone()
