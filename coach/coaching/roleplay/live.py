"""Live scoring: what one line did, in a compact line, and the why of each label on demand.

The CLI prints `compact()` under each line the user says; the TUI's live panel shows the
same plus the rubric ticking off (`rubric.evaluate_all`) and, when asked, `explain()`.
"""

from __future__ import annotations

from coach.coaching.roleplay.rubric import Said
from coach.coaching.transcript import Summary


def labels(said: Said) -> list[str]:
    """The labels of one of the user's lines, in reading order."""
    a = said.analysis
    out = [f"{a.question} question" if a.question else "statement"]
    if a.reflection:
        out.append("reflection")
    if a.personal:
        out.append(f"personal {a.personal}")
    if a.directive:
        out.append("directive")
    if said.own.met:
        out.append("owns it")
    if said.stance.met:
        out.append("clear position")
    return out


def compact(said: Said, summary: Summary) -> str:
    """One line: "open question · reflection · personal ask · talk 35%"."""
    ratio = summary.talk_ratio
    talk = f"talk {round(ratio * 100)}%" if ratio is not None else "talk n/a"
    return " · ".join([*labels(said), talk])


def explain(said: Said) -> list[str]:
    """Why each label was given (the analyser's cues, and the rehearsal's own cues), one per line."""
    a = said.analysis
    why = dict(a.why or {})
    out = []
    for key, shown in (
        ("question", a.question),
        ("reflection", a.reflection),
        ("personal", a.personal),
        ("directive", a.directive),
    ):
        value = "no" if shown in (None, False) else "yes" if shown is True else str(shown)
        reason = why.get(key, "")  # the scorer's own words already name the label ("open: asks for…")
        out.append(f"{key}: {reason}" if reason else f"{key}: {value}")
    for name, cue in (("ownership", said.own), ("position", said.stance), ("recall", said.recall)):
        if cue.why:
            out.append(f"{name}: {'yes' if cue.met else 'no'} — {cue.why}")
    return out
