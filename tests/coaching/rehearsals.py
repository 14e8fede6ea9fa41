"""The scripted rehearsals (tests/data/rehearsal_scripts.json) and the team they are played against.

Used by the replay tests and by `bench/bench_rehearsal.py`: the demo team plus a new report
and a peer, in a real workspace, and each scenario's good and poor manager lines.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.domain import Action, Meeting, Owner, Person, Relationship
from coach.workspace import Workspace

if TYPE_CHECKING:
    from coach.coaching.roleplay import Drill, Scorecard

SCRIPTS_FILE = Path(__file__).resolve().parents[1] / "data" / "rehearsal_scripts.json"


@dataclass(frozen=True)
class Script:
    scenario: str
    person: str
    good: tuple[str, ...]
    poor: tuple[str, ...]


def _data() -> dict[str, Any]:
    return json.loads(SCRIPTS_FILE.read_text(encoding="utf-8"))


def scripts() -> list[Script]:
    return [Script(sid, s["person"], tuple(s["good"]), tuple(s["poor"])) for sid, s in _data()["scripts"].items()]


def load_team(ws: Workspace, today: dt.date | None = None) -> None:
    """The demo team and the scripts' extra people (a new report, a peer) into `ws`."""
    today = today or dt.date.today()
    ws.load_demo(today)
    for p in _data()["people"]:
        ws.add_person(
            Person(name=p["name"], relationship=Relationship(p["relationship"]), role=p["role"], context=p["context"])
        )
        for m in p["meetings"]:
            ws.log_meeting(p["name"], Meeting(date=today - dt.timedelta(days=m["days_ago"]), notes=m["notes"]))
        for a in p["actions"]:
            due = today - dt.timedelta(days=a["due_days_ago"])
            ws.add_action(p["name"], Action(text=a["text"], owner=Owner(a["owner"]), due=due))


def play(
    ws: Workspace, script: Script, which: str, difficulty: int = 2, seed: int = 7, temperament: str | None = None
) -> tuple[Drill, Scorecard]:
    """Play the good or poor lines of `script`; the drill and its scorecard."""
    drill = ws.drill(script.person, script.scenario, temperament, difficulty, seed=seed)
    for line in script.good if which == "good" else script.poor:
        ws.reply(drill, line)
    return drill, ws.scorecard(drill, search=lambda query, k=4: [])
