"""The end-of-rehearsal scorecard: the rubric decided line by line, the hidden agenda, one thing to try.

One scorecard for offline and model sessions: both record their lines in the same drill.
Its JSON keeps the earlier keys (person, scenario, turns, summary, personized,
proposed_own_actions, proposed_actions, try_next, passage, passage_note, warnings) and adds
`rubric`, `checks_met`, `checks_total`, `agenda`, `temperament`, `difficulty`, `engine`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coach.coaching.roleplay.rubric import CheckResult, CheckSpec
from coach.coaching.roleplay.scenarios import Scenario
from coach.coaching.roleplay.state import Event
from coach.coaching.transcript import Summary
from coach.domain import Passage, Searcher
from coach.errors import CoachError
from coach.textsafe import md_escape

# Which unmet check to work on first: the moves that cost the relationship most come first.
PRIORITY = (
    "directives",
    "own",
    "position",
    "their_step",
    "personal",
    "reveal",
    "recall_personal",
    "reflection",
    "open",
    "recall",
    "talk",
)


@dataclass
class AgendaOutcome:
    kind: str
    about: str
    text: str
    surfaced: bool
    line: int | None  # the user's line whose reply brought it up
    earned_at: int | None  # the first line after which the reveal rule allowed it
    opened_by: list[Event] = field(default_factory=list)
    blocked_by: list[Event] = field(default_factory=list)
    trust: float = 0.0  # 0–1 of the way to the threshold at the end
    source: str = ""  # memory facts it was filled in from
    said_by_model: bool | None = None  # model sessions: whether its lines brought it up

    def why(self) -> str:
        opened = ", ".join(f"{e.label} (line {e.turn})" for e in self.opened_by)
        blocked = ", ".join(f"{e.label} (line {e.turn})" for e in self.blocked_by)
        if self.surfaced:
            out = f"It came up after your line {self.line}."
            if opened:
                out += f" What opened it: {opened}."
            if blocked:
                out += f" Despite: {blocked}."
            return out
        out = f"It stayed buried (trust reached {round(self.trust * 100)}% of the way)."
        if blocked:
            out += f" What kept it down: {blocked}."
        if opened:
            out += f" What helped: {opened}."
        if self.earned_at is not None and self.said_by_model is False:
            out = f"You earned it at line {self.earned_at}, but the model's replies did not bring it up."
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "about": self.about,
            "text": self.text,
            "surfaced": self.surfaced,
            "line": self.line,
            "earned_at": self.earned_at,
            "opened_by": [e.to_json() for e in self.opened_by],
            "blocked_by": [e.to_json() for e in self.blocked_by],
            "trust": round(self.trust, 2),
            "source": self.source,
            "why": self.why(),
        }


@dataclass
class Scorecard:
    person: str
    scenario: Scenario
    turns: int
    summary: Summary
    personized: bool
    proposed_own_actions: bool
    proposed_actions: list[str]
    try_next: str
    passage: Passage | None = None
    passage_note: str = ""
    warnings: list[str] = field(default_factory=list)
    rubric: list[CheckResult] = field(default_factory=list)
    agenda: AgendaOutcome | None = None
    temperament: str = ""
    difficulty: int = 2
    engine: str = "offline"  # or "model"

    @property
    def checks_met(self) -> int:
        return sum(r.met for r in self.rubric)

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "scenario": {"id": self.scenario.id, "title": self.scenario.title, "good": list(self.scenario.good)},
            "turns": self.turns,
            "summary": self.summary.to_json(),
            "personized": self.personized,
            "proposed_own_actions": self.proposed_own_actions,
            "proposed_actions": self.proposed_actions,
            "try_next": self.try_next,
            "passage": self.passage.model_dump(mode="json") if self.passage else None,
            "passage_note": self.passage_note,
            "warnings": self.warnings,
            "rubric": [r.to_json() for r in self.rubric],
            "checks_met": self.checks_met,
            "checks_total": len(self.rubric),
            "agenda": self.agenda.to_json() if self.agenda else None,
            "temperament": self.temperament,
            "difficulty": self.difficulty,
            "engine": self.engine,
        }

    def to_markdown(self, escape: bool = False) -> str:
        """The scorecard as Markdown; `escape` makes said text (lines, memory) inert for a Markdown renderer."""
        x = md_escape if escape else _plain
        s = self.summary
        first = self.person.split()[0] if self.person.split() else self.person
        ratio = "n/a" if s.talk_ratio is None else f"{round(s.talk_ratio * 100)}%"
        share = "n/a" if s.open_question_share is None else f"{round(s.open_question_share * 100)}%"
        out = [
            f"# Scorecard: {self.scenario.title} with {self.person}",
            "",
            f"{self.temperament}, difficulty {self.difficulty} · {self.turns} turns · "
            f"{self.checks_met} of {len(self.rubric)} checks met",
            "",
            "## Rubric",
            *[_rubric_line(r, x) for r in self.rubric],
        ]
        if self.agenda:
            a = self.agenda
            head = "surfaced" if a.surfaced else "did not surface"
            out += ["", "## Hidden agenda", f"- {x(first)}'s {a.kind} {head}: {a.about}.", f"- {x(a.why())}"]
            out.append(f"- What {x(first)} was holding back: “{x(a.text)}”")
            if a.source:
                out.append(f"- Filled in from memory: {x(a.source)}.")
        out += [
            "",
            "## Figures",
            f"- Turns: {self.turns}",
            f"- Your share of the words: {ratio}",
            f"- Open questions: {s.open_questions} of {s.questions} ({share})",
            f"- Personal asks: {s.personal_asks}; personal reveals: {s.personal_reveals}",
            f"- Directives: {s.directives}",
            f"- Reflections: {s.reflections}{_per_question(s)}",
            f"- Personizing move: {'yes' if self.personized else 'no'}",
            f"- {first} proposed their own actions: {'yes' if self.proposed_own_actions else 'no'}",
        ]
        out += [f"  - {x(a)}" for a in self.proposed_actions]
        out += ["", "## Feedback", *[f"- {f.point} ({f.source})" for f in s.feedback]]
        out += ["", "## Try next time", self.try_next]
        if self.passage:
            out += [
                "",
                f"> {' '.join(self.passage.text.split())[:600]}",
                f"> — {self.passage.title} ({self.passage.source})",
            ]
        elif self.passage_note:
            out += ["", f"_{self.passage_note}_"]
        for w in self.warnings:
            out.append(f"\nNote: {w}")
        return "\n".join(out) + "\n"


def _per_question(s: Summary) -> str:
    """ " (0.5 per question: low; MITI: 1 fair, 2 good)", or "" before any question."""
    if s.reflection_to_question is None:
        return ""
    return f" ({s.reflection_to_question:g} per question: {s.reflection_rating}; MITI: 1 fair, 2 good)"


def _plain(text: str) -> str:
    return text


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"“{text[: limit - 1]}…”" if len(text) > limit else f"“{text}”"


def _rubric_line(r: CheckResult, x: Callable[[str], str] = _plain) -> str:
    where = f"line {r.line}: " if r.line else ""
    said = x(_quote(r.text)) if r.text and r.id not in ("talk", "directives") else r.text
    detail = f"{where}{said}" if said else where.rstrip(": ")
    verdict = "met" if r.met else "not met"
    body = f" — {detail}" if detail else ""
    why = f" ({x(r.why)})" if r.why else ""
    return f"- {r.mark()} {x(r.label)}: {verdict}{body}{why}"


def rubric_next(
    rubric: list[CheckResult], specs: tuple[CheckSpec, ...], summary: Summary, scenario: Scenario
) -> tuple[str, str]:
    """One thing to try next time (the first unmet check that matters most), and a query for a passage."""
    if summary.lines_me == 0:
        return "Say something next time: open with a question about them.", scenario.search
    unmet = {r.id for r in rubric if not r.met}
    by_id = {c.id: c for c in specs}
    if summary.directives and "their_step" in unmet and "directives" in by_id:  # a directive took their step away
        return by_id["directives"].advice, by_id["directives"].query
    for kind in PRIORITY:
        if kind in unmet and kind in by_id:
            return by_id[kind].advice, by_id[kind].query or scenario.search
    return try_next(summary, personized=True, proposed=True, scenario=scenario)  # every check met: the figures


def try_next(summary: Summary, personized: bool, proposed: bool, scenario: Scenario) -> tuple[str, str]:
    """One thing to try next time from the figures alone (no rubric), and the query for a passage that backs it."""
    if summary.lines_me == 0:
        return "Say something next time: open with a question about them.", scenario.search
    if summary.directives:
        return (
            'When you feel the urge to hand over an answer, ask "What options do you see?" and wait.',
            "let the person identify their own actions rather than being told",
        )
    if not personized:
        return (
            "Make one personal move early: ask how they are really doing, or share something of your own first.",
            "personization ask or reveal something personal reciprocity",
        )
    if not proposed:
        return (
            "Ask an open question about their priorities and let them name the next step.",
            "report identifies their own actions priorities questions",
        )
    if summary.questions >= 2 and summary.reflection_rating == "low":
        return (
            'After they answer, say back what you heard before the next question ("So what worries you is…").',
            "listen reflect back what you heard before asking the next question",
        )
    if summary.talk_ratio is not None and summary.talk_ratio > 0.5:
        return "Say less: after each question, leave the silence to them.", "ask questions listen create space"
    if summary.open_question_share is not None and summary.open_question_share < 0.5:
        return "Turn yes/no questions into what or how questions.", "asking questions to learn more open questions"
    return "Good drill. Try it again at a harder difficulty or with another temperament.", scenario.search


def find_passage(search: Searcher | None, query: str) -> tuple[Passage | None, str]:
    if search is None:
        return None, "No knowledge index was available, so no passage is cited."
    try:
        found = search(query, 1)
    except CoachError as exc:
        return None, f"No passage cited: {exc.message}"
    if not found:
        return None, "No matching passage in the knowledge index."
    return found[0], ""
