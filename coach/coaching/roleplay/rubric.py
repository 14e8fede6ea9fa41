"""The visible rubric: plain yes/no checks, shown before a rehearsal and decided after it.

Every check is decided by the line analyser's labels (question, reflection, directive,
personal) or, where a check needs something the analyser does not label, by one of the
structural cues in `cues.py` (ownership, a clear position, recalling what memory holds,
a next step of their own). Each result carries the line that met it, or the closest miss,
and the why: the analyser's own cue for the label, or the cue's reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from coach.coaching.analysis import LineAnalysis
from coach.coaching.roleplay.cues import Cue
from coach.coaching.transcript import Summary


@dataclass(frozen=True)
class CheckSpec:
    """One check of a scenario's rubric. `limit`: most directives allowed, largest talk share, fewest open questions."""

    kind: str
    label: str
    advice: str  # what to try when it is not met
    query: str = ""  # a knowledge search that backs the advice
    limit: float = 0

    @property
    def id(self) -> str:
        return self.kind


@dataclass(frozen=True)
class Said:
    """One line of the rehearsal with everything the rubric reads about it."""

    speaker: str  # "me" or "them"
    text: str
    analysis: LineAnalysis
    turn: int  # the user's line number (the persona's reply to line n has turn n; its opening 0)
    own: Cue = field(default_factory=lambda: Cue(False))
    stance: Cue = field(default_factory=lambda: Cue(False))
    recall: Cue = field(default_factory=lambda: Cue(False))
    proposal: str | None = None  # a persona line's self-chosen next step
    after_directive: bool = False  # a persona line answering a directive


@dataclass(frozen=True)
class CheckResult:
    id: str
    label: str
    met: bool
    line: int | None  # the user's line number that met it, or of the closest miss (None: no line)
    text: str  # that line, or a figure ("you had 34% of the words")
    why: str
    pending: bool = False  # live only: nothing to judge yet (no lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "met": self.met,
            "line": self.line,
            "text": self.text,
            "why": self.why,
        }

    def mark(self) -> str:
        return "·" if self.pending else "✓" if self.met else "✗"

    def live_mark(self) -> str:
        """During a rehearsal: a check not met yet is still open ("·"), unless it is being broken now (✗)."""
        if self.met:
            return "✓"
        return "✗" if not self.pending and self.id in ("directives", "talk") else "·"


def _r(spec: CheckSpec, met: bool, said: Said | None, why: str, text: str | None = None) -> CheckResult:
    line = said.turn if said is not None and said.speaker == "me" else None
    shown = text if text is not None else (said.text if said is not None else "")
    return CheckResult(spec.id, spec.label, met, line, shown, why)


def _label_why(a: LineAnalysis, key: str, fallback: str) -> str:
    why = a.why.get(key, "") if a.why else ""
    return why or fallback


def _cue_check(spec: CheckSpec, lines: Sequence[Said], summary: Summary, name: str) -> CheckResult:
    """Ownership or a clear position: the first line with the cue, else the nearest miss."""
    mine = [s for s in lines if s.speaker == "me"]

    def cue(s: Said) -> Cue:
        return s.own if spec.kind == "own" else s.stance

    hit = next((s for s in mine if cue(s).met), None)
    if hit:
        return _r(spec, True, hit, cue(hit).why)
    near = next((s for s in mine if cue(s).near), None)
    if near:
        return _r(spec, False, near, "closest: " + cue(near).why)
    return _r(
        spec, False, None, "no line named the lapse as yours" if spec.kind == "own" else "no line said it plainly"
    )


def _personal(spec: CheckSpec, lines: Sequence[Said], summary: Summary, name: str) -> CheckResult:
    mine = [s for s in lines if s.speaker == "me"]
    want = ("ask", "reveal") if spec.kind == "personal" else ("reveal",)
    hit = next((s for s in mine if s.analysis.personal in want), None)
    if hit:
        return _r(spec, True, hit, _label_why(hit.analysis, "personal", f"a personal {hit.analysis.personal}"))
    ask = next((s for s in mine if s.analysis.personal == "ask"), None)
    if spec.kind == "reveal" and ask:
        return _r(spec, False, ask, "closest: you asked, but shared nothing of your own")
    return _r(spec, False, None, "no line reached beyond the role (a question about them, or something of yours)")


def _recall(spec: CheckSpec, lines: Sequence[Said], summary: Summary, name: str) -> CheckResult:
    mine = [s for s in lines if s.speaker == "me"]
    personal = spec.kind == "recall_personal"

    def fits(s: Said) -> bool:
        return s.recall.met and (not personal or (s.analysis.personal == "ask" and s.recall.kind == "personal note"))

    hit = next((s for s in mine if fits(s)), None)
    if hit:
        extra = f"; {_label_why(hit.analysis, 'personal', 'a personal ask')}" if personal else ""
        return _r(spec, True, hit, hit.recall.why + extra)
    near = next((s for s in mine if s.recall.met or (personal and s.analysis.personal == "ask")), None)
    if near and near.recall.met:
        return _r(spec, False, near, f"closest: {near.recall.why}, but not as a question about them")
    if near:
        return _r(spec, False, near, "closest: a personal ask, but not about anything they shared before")
    return _r(spec, False, None, f"no line brought up anything coach knows about {name}")


def _their_step(spec: CheckSpec, lines: Sequence[Said], summary: Summary, name: str) -> CheckResult:
    hit = next((s for s in lines if s.speaker == "them" and s.proposal and not s.after_directive), None)
    if hit:
        return _r(spec, True, None, f"{name} chose it after your line {hit.turn}", text=hit.proposal or "")
    told = next((s for s in lines if s.speaker == "them" and s.after_directive), None)
    if told:
        why = f"closest: {name} agreed to your step (line {told.turn}), not their own"
        return _r(spec, False, None, why, text=told.text)
    return _r(spec, False, None, f"{name} named no next step; ask what they would do and wait")


def _directives(spec: CheckSpec, lines: Sequence[Said], summary: Summary, name: str) -> CheckResult:
    told = [s for s in lines if s.speaker == "me" and s.analysis.directive]
    allowed = int(spec.limit)
    if len(told) <= allowed:
        return _r(spec, True, told[0] if told else None, "within the limit", text=f"{len(told)} directive(s)")
    over = told[allowed]
    why = f"{len(told)} directives; this one: " + _label_why(over.analysis, "directive", "tells them what to do")
    return _r(spec, False, over, why)


def _talk(spec: CheckSpec, lines: Sequence[Said], summary: Summary, name: str) -> CheckResult:
    ratio = summary.talk_ratio
    if ratio is None:
        return _r(spec, False, None, "no words yet", text="")
    pct = f"you had {round(ratio * 100)}% of the words"
    if ratio < spec.limit:
        return _r(spec, True, None, f"under {round(spec.limit * 100)}%", text=pct)
    longest = max((s for s in lines if s.speaker == "me"), key=lambda s: len(s.text.split()), default=None)
    why = f"over {round(spec.limit * 100)}%; your longest line is the place to cut"
    return CheckResult(spec.id, spec.label, False, longest.turn if longest else None, pct, why)


def _reflection(spec: CheckSpec, lines: Sequence[Said], summary: Summary, name: str) -> CheckResult:
    hit = next((s for s in lines if s.speaker == "me" and s.analysis.reflection), None)
    if hit:
        return _r(spec, True, hit, _label_why(hit.analysis, "reflection", "says back what they said or felt"))
    theirs = [s for s in lines if s.speaker == "them" and s.turn > 0]
    if theirs:
        longest = max(theirs, key=lambda s: len(s.text.split()))
        why = f"no line said back what {name} said or felt; after this reply one would fit"
        return _r(spec, False, None, why, text=longest.text)
    return _r(spec, False, None, f"no line said back what {name} said or felt")


def _open(spec: CheckSpec, lines: Sequence[Said], summary: Summary, name: str) -> CheckResult:
    mine = [s for s in lines if s.speaker == "me"]
    opens = [s for s in mine if s.analysis.question == "open"]
    need = max(1, int(spec.limit))
    if len(opens) >= need:
        return _r(spec, True, opens[need - 1], _label_why(opens[need - 1].analysis, "question", "an open question"))
    closed = next((s for s in mine if s.analysis.question == "closed"), None)
    count = f"{len(opens)} open question(s) of {need}"
    if closed:
        return _r(
            spec,
            False,
            closed,
            f"{count}; closest: a yes/no question — " + _label_why(closed.analysis, "question", "closed"),
        )
    return _r(spec, False, opens[-1] if opens else None, count)


DECIDE = {
    "own": _cue_check,
    "position": _cue_check,
    "personal": _personal,
    "reveal": _personal,
    "recall_personal": _recall,
    "recall": _recall,
    "their_step": _their_step,
    "directives": _directives,
    "talk": _talk,
    "reflection": _reflection,
    "open": _open,
}


def evaluate(spec: CheckSpec, lines: Sequence[Said], summary: Summary, name: str) -> CheckResult:
    """Decide one check over the rehearsal so far."""
    if spec.kind not in DECIDE:
        raise ValueError(f"unknown check kind {spec.kind!r}")
    return DECIDE[spec.kind](spec, lines, summary, name)


def evaluate_all(specs: Sequence[CheckSpec], lines: Sequence[Said], summary: Summary, name: str) -> list[CheckResult]:
    results = [evaluate(spec, lines, summary, name) for spec in specs]
    if not any(s.speaker == "me" for s in lines):  # nothing said yet: every check is still open
        results = [CheckResult(r.id, r.label, False, None, "", "", pending=True) for r in results]
    return results
