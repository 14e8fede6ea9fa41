"""The end-of-drill scorecard: the analysis summary, the two moves that matter, one thing to try."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.coaching.roleplay.scenarios import Scenario
from coach.coaching.transcript import Summary
from coach.domain import Passage, Searcher
from coach.errors import CoachError


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
        }

    def to_markdown(self) -> str:
        s = self.summary
        ratio = "n/a" if s.talk_ratio is None else f"{round(s.talk_ratio * 100)}%"
        share = "n/a" if s.open_question_share is None else f"{round(s.open_question_share * 100)}%"
        out = [
            f"# Scorecard: {self.scenario.title} with {self.person}",
            "",
            f"- Turns: {self.turns}",
            f"- Your share of the words: {ratio}",
            f"- Open questions: {s.open_questions} of {s.questions} ({share})",
            f"- Personal asks: {s.personal_asks}; personal reveals: {s.personal_reveals}",
            f"- Directives: {s.directives}",
            f"- Reflections: {s.reflections}{_per_question(s)}",
            f"- Personizing move: {'yes' if self.personized else 'no'}",
            f"- {self.person.split()[0]} proposed their own actions: {'yes' if self.proposed_own_actions else 'no'}",
        ]
        out += [f"  - {a}" for a in self.proposed_actions]
        out += ["", "## What good looks like", *[f"- {g}" for g in self.scenario.good]]
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


def try_next(summary: Summary, personized: bool, proposed: bool, scenario: Scenario) -> tuple[str, str]:
    """One thing to try next time, and the query for a passage that backs it."""
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
