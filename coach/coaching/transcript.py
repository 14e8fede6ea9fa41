"""Score a whole conversation: who said what, the user's talk ratio, and feedback.

Speaker prefixes (case-insensitive, before a colon; a leading timestamp, bullet
or `**bold**` is ignored):
- the user: `me`, `m`, `i`, `manager`, `mgr`, `you`, `user`, `q` (the one asking);
- the other person: `them`, `t`, `they`, `report`, `r`, `a` (the one answering),
  `employee`, `boss`, `peer`, or any name of one to three words ("Priya:").
If no line carries a prefix, every line is taken as the user's, and a warning
says so. A line without a prefix in a prefixed transcript continues the previous
speaker (wrapped text); that is warned about too. If only names appear (no `me`),
the first speaker is taken to be the user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from coach.coaching import lexicon as lx
from coach.coaching.analysis import LineAnalysis, Scorer, analyse_line, score_all

ME_PREFIXES = frozenset({"me", "m", "i", "manager", "mgr", "you", "user", "q", "myself", "interviewer"})
THEM_PREFIXES = frozenset(
    {"them", "t", "they", "report", "r", "a", "employee", "direct", "direct report", "boss", "peer", "person", "other"}
)
_PREFIX = re.compile(
    r"^\s*(?:[-*>•]\s*)?(?:\[[^\]]{0,40}\]\s*|\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s*)?(?:\*\*)?"
    r"([^\W\d_][\w.'-]*(?: [^\W\d_][\w.'-]*){0,2})\s*(?:\*\*)?\s*:(?:\*\*)?(?:\s+|$)(.*)$"
)
_WORDS = re.compile(r"\w+(?:'\w+)?")

SCHEIN = "Edgar H. Schein & Peter A. Schein — Humble Leadership"
ONE_TO_ONES = "Unknown author — blog post on always turning up to your 121s"
DUTTON = "Jane E. Dutton & Emily Heaphy — We Learn More When We Learn Together"
MITI = "Moyers, Manuel & Ernst — Motivational Interviewing Treatment Integrity Coding Manual 4.2.1"
# MITI 4.2.1's thresholds for reflections per question: 1 is fair, 2 is good.
FAIR_REFLECTIONS_PER_QUESTION = 1.0
GOOD_REFLECTIONS_PER_QUESTION = 2.0


@dataclass(frozen=True)
class Feedback:
    """One coaching point, tied to the source it draws on."""

    point: str
    source: str

    def to_json(self) -> dict[str, str]:
        return {"point": self.point, "source": self.source}


@dataclass(frozen=True)
class ScoredLine:
    speaker: str  # "me" or "them"
    analysis: LineAnalysis

    def to_json(self) -> dict[str, Any]:
        return {"speaker": self.speaker, **self.analysis.to_json()}


@dataclass
class Summary:
    """Counts over the user's lines; `talk_ratio` is the user's share of all words.

    `latest` is the user's most recent line with its labels and the cue behind each (`why`), so a
    live panel can show the reason for the score on demand.
    """

    lines_me: int = 0
    lines_them: int = 0
    words_me: int = 0
    words_them: int = 0
    questions: int = 0
    open_questions: int = 0
    personal_asks: int = 0
    personal_reveals: int = 0
    directives: int = 0
    reflections: int = 0
    opt_out_asks: int = 0
    feedback: list[Feedback] = field(default_factory=list)
    latest: LineAnalysis | None = None

    @property
    def talk_ratio(self) -> float | None:
        total = self.words_me + self.words_them
        return round(self.words_me / total, 3) if total else None

    @property
    def open_question_share(self) -> float | None:
        return round(self.open_questions / self.questions, 3) if self.questions else None

    @property
    def reflection_to_question(self) -> float | None:
        """Reflections per question (MITI's R:Q; 1 is fair, 2 is good); None before any question."""
        return round(self.reflections / self.questions, 3) if self.questions else None

    @property
    def reflection_rating(self) -> str | None:
        """MITI's reading of `reflection_to_question`: "good", "fair" or "low"; None before any question."""
        ratio = self.reflection_to_question
        if ratio is None:
            return None
        if ratio >= GOOD_REFLECTIONS_PER_QUESTION:
            return "good"
        return "fair" if ratio >= FAIR_REFLECTIONS_PER_QUESTION else "low"

    def to_json(self) -> dict[str, Any]:
        return {
            "talk_ratio": self.talk_ratio,
            "open_question_share": self.open_question_share,
            "questions": self.questions,
            "open_questions": self.open_questions,
            "personal_asks": self.personal_asks,
            "personal_reveals": self.personal_reveals,
            "directives": self.directives,
            "reflections": self.reflections,
            "reflection_to_question": self.reflection_to_question,
            "lines_me": self.lines_me,
            "lines_them": self.lines_them,
            "words_me": self.words_me,
            "words_them": self.words_them,
            "feedback": [f.to_json() for f in self.feedback],
        }


def summarise(lines: Iterable[ScoredLine]) -> Summary:
    """Count the user's moves and attach feedback bullets."""
    s = Summary()
    for line in lines:
        words = len(_WORDS.findall(line.analysis.text))
        if line.speaker != "me":
            s.lines_them += 1
            s.words_them += words
            continue
        a = line.analysis
        s.lines_me += 1
        s.words_me += words
        s.questions += a.question is not None
        s.open_questions += a.question == "open"
        s.personal_asks += a.personal == "ask"
        s.opt_out_asks += a.personal == "ask" and bool(lx.OPT_OUT.search(a.text))
        s.personal_reveals += a.personal == "reveal"
        s.directives += a.directive
        s.reflections += a.reflection
        s.latest = a
    s.feedback = feedback(s)
    return s


def feedback(s: Summary) -> list[Feedback]:
    """A few bullets in the project's own words, each naming the idea's source."""
    if not s.lines_me:  # nothing of theirs to judge: no praise for silence, no verdict on moves not made
        return [Feedback("There are no lines of yours to score yet. Open with a question about them.", ONE_TO_ONES)]
    out: list[Feedback] = []
    ratio = s.talk_ratio
    if s.lines_them and ratio is not None:
        pct = round(ratio * 100)
        if ratio > 0.5:
            out.append(Feedback(f"You had {pct}% of the words. Let them talk most: ask, then stay quiet.", ONE_TO_ONES))
        else:
            out.append(Feedback(f"They did most of the talking (you: {pct}% of the words). Keep that.", ONE_TO_ONES))
    elif s.lines_me and not s.lines_them:
        out.append(Feedback("No lines from the other person, so there is no talk ratio to judge.", ONE_TO_ONES))
    if s.directives:
        out.append(
            Feedback(
                f"{s.directives} time(s) you told them what to do or handed over a solution. Turn it into a "
                "question so they name their own next step; people follow through on actions they chose.",
                ONE_TO_ONES,
            )
        )
    elif s.questions:
        out.append(Feedback("You asked rather than told: the next steps stay theirs.", ONE_TO_ONES))
    out += _reflection_feedback(s)
    if s.questions and s.open_questions * 2 < s.questions:
        out.append(
            Feedback(
                f"Only {s.open_questions} of {s.questions} questions were open. Start with what or how to get a story, "
                "not a yes or no.",
                ONE_TO_ONES,
            )
        )
    if not s.personal_asks and not s.personal_reveals:
        out.append(
            Feedback(
                "No personal move yet. Trust starts when one side asks about, or shares, something beyond the role.",
                SCHEIN,
            )
        )
    elif not s.personal_reveals:
        out.append(
            Feedback(
                "You asked about them but shared nothing of your own. Personizing is two-way: offer something "
                "of yours so opening up is not one-sided.",
                SCHEIN,
            )
        )
    elif not s.personal_asks:
        out.append(Feedback("You shared something of yourself; now leave room for them with a question.", SCHEIN))
    else:
        out.append(Feedback("You both asked and shared: that mutual give and take is what builds trust.", DUTTON))
    if s.personal_asks and not s.opt_out_asks:
        out.append(
            Feedback(
                'Keep personal questions easy to decline ("only if you\'d like to share"): closeness at work '
                "does not need their private life.",
                SCHEIN,
            )
        )
    elif s.opt_out_asks:
        out.append(Feedback("You left them free not to answer: that respects their privacy.", SCHEIN))
    return out


def _reflection_feedback(s: Summary) -> list[Feedback]:
    """One bullet on reflective listening: reflections per question against MITI's fair (1) and good (2)."""
    ratio = s.reflection_to_question
    if ratio is None:
        if s.reflections:
            return [
                Feedback(f"You reflected back what you heard {s.reflections} time(s): that shows you listened.", MITI)
            ]
        return []
    if s.questions < 2 and not s.reflections:
        return []
    shown = f"{s.reflections} reflection(s) to {s.questions} question(s)"
    if s.reflection_rating == "good":
        return [Feedback(f"{shown}: you said back what you heard more than you asked. That is good listening.", MITI)]
    if s.reflection_rating == "fair":
        return [
            Feedback(
                f'{shown}: a fair balance. Reflect twice for each question ("It sounds like…") and they will '
                "say more without being asked.",
                MITI,
            )
        ]
    return [
        Feedback(
            f'{shown}. After they answer, say back what you heard ("So the rota is what\'s wearing you down") before '
            "the next question: at least one reflection per question is fair, two is good.",
            MITI,
        )
    ]


@dataclass
class TranscriptAnalysis:
    lines: list[ScoredLine]
    summary: Summary
    warnings: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "lines": [line.to_json() for line in self.lines],
            "summary": self.summary.to_json(),
            "warnings": self.warnings,
        }


def _speaker(prefix: str) -> str | None:
    key = " ".join(prefix.casefold().split())
    if key in ME_PREFIXES:
        return "me"
    if key in THEM_PREFIXES:
        return "them"
    return None


def split_speakers(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(speaker, text) pairs for each non-empty line, and warnings about guesses made."""
    raw: list[tuple[str | None, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        m = _PREFIX.match(line)
        raw.append((m.group(1), m.group(2).strip()) if m else (None, line.strip()))
    warnings: list[str] = []
    prefixed = [p for p, _ in raw if p is not None]
    if not prefixed:
        if raw:
            warnings.append("no speaker prefixes found: every line was treated as yours (write 'me:' and 'them:')")
        return [("me", t) for _, t in raw], warnings
    named = {_speaker(p) for p in prefixed}
    first_name = next((p.casefold() for p in prefixed if _speaker(p) is None), None)
    user_name = None
    if "me" not in named and len({p.casefold() for p in prefixed if _speaker(p) is None}) >= 2:
        user_name = first_name
        warnings.append(f"no 'me:' lines: took {first_name!r} to be you")
    out: list[tuple[str, str]] = []
    continued = 0
    current = "me"
    for prefix, body in raw:
        if prefix is None:
            continued += 1
        else:
            current = _speaker(prefix) or ("me" if prefix.casefold() == user_name else "them")
        if body:
            out.append((current, body))
    if continued:
        warnings.append(f"{continued} line(s) had no speaker prefix and were joined to the speaker before them")
    return out, warnings


def with_previous(pairs: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """Each line with the other speaker's most recent turn before it (None before they have spoken)."""
    last: dict[str, str] = {}
    out: list[tuple[str, str | None]] = []
    for speaker, body in pairs:
        out.append((body, last.get("them" if speaker == "me" else "me")))
        last[speaker] = body
    return out


def analyse_transcript(text: str, score: Scorer = analyse_line) -> TranscriptAnalysis:
    """Score every line (with the other person's turn before it, for reflections) and summarise the user's."""
    pairs, warnings = split_speakers(text)
    analyses = score_all(score, with_previous(pairs))
    lines = [ScoredLine(speaker, a) for (speaker, _), a in zip(pairs, analyses, strict=True)]
    if not lines:
        warnings.append("the transcript is empty")
    return TranscriptAnalysis(lines, summarise(lines), warnings)
