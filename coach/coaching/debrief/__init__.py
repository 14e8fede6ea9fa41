"""Debrief: turn a manager's notes after a 1:1 into actions, ownership, personal follow-ups and nudges.

Pure logic over domain objects. The spaCy pipeline is handed in (`nlp`, from `coach.nlp.spacy_en`), and so
are the learned scorers when there are any (`coach.nlp.debrief_model`): the core never loads a model itself.

segment (sentences, list structure, owner tags) → parse → clauses (candidate tasks from the parse) →
decide (which are tasks; who raised them) → dates → personal (news worth a follow-up) → nudges.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from coach.coaching.debrief.dates import find_due
from coach.coaching.debrief.decide import Raise, Scorer, decide, proposer, raised_by, raises
from coach.coaching.debrief.extract import Candidate, candidates, owner_fields, resolve_tag
from coach.coaching.debrief.nudges import ActionView, build_nudges
from coach.coaching.debrief.parties import Parties, Party
from coach.coaching.debrief.personal import PersonalScorer, find_personal
from coach.coaching.debrief.segment import Segment, is_header, sentences, worth_parsing
from coach.coaching.lexicon import HEDGE_PHRASES
from coach.domain import Action, MeetingStatus, Note, Owner, Person, PersonRecord, Proposer
from coach.errors import CoachError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Debrief", "DebriefAction", "PersonalNote", "Reading", "analyse_notes", "read_notes"]

BATCH = 128
MAX_PERSONAL = 5
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class DebriefAction(BaseModel):
    text: str
    owner: Owner
    owner_name: str | None = None  # who, when the owner is `other` ("Tom", "legal")
    proposed_by: Proposer
    due: dt.date | None = None

    def to_action(self) -> Action:
        return Action(
            text=self.text, owner=self.owner, owner_name=self.owner_name, proposed_by=self.proposed_by, due=self.due
        )


class PersonalNote(BaseModel):
    """Personal news worth a follow-up next time; `sensitive` for health, loss, pregnancy and the like."""

    text: str
    sensitive: bool = False


class Debrief(BaseModel):
    person: str
    actions: list[DebriefAction] = Field(default_factory=list)
    nudges: list[str] = Field(default_factory=list)
    nudge_codes: list[str] = Field(default_factory=list)
    personal: list[PersonalNote] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @property
    def personal_notes(self) -> list[str]:
        return [p.text for p in self.personal]

    def summary(self) -> dict[str, int]:
        return {
            "total": len(self.actions),
            "owned_by_them": sum(a.owner is Owner.them for a in self.actions),
            "proposed_by_them": sum(a.proposed_by is Proposer.them for a in self.actions),
            "owned_by_me": sum(a.owner is Owner.me for a in self.actions),
            "owned_by_others": sum(a.owner is Owner.other for a in self.actions),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "actions": [
                {
                    "text": a.text,
                    "owner": a.owner.value,
                    "owner_name": a.owner_name,
                    "proposed_by": a.proposed_by.value,
                    "due": a.due.isoformat() if a.due else None,
                }
                for a in self.actions
            ],
            "summary": self.summary(),
            "nudges": self.nudges,
            "nudge_codes": self.nudge_codes,
            "personal_notes": self.personal_notes,
            "personal_followups": [p.model_dump() for p in self.personal],
            "warnings": self.warnings,
        }

    def notes_to_save(self) -> list[Note]:
        return [Note(text=p.text, personal=True, sensitive=p.sensitive) for p in self.personal]


def english_share(text: str, stop_words: Collection[str]) -> float:
    """Share of words that are English stop words (the pipeline's own list): near 0.3-0.5 for English prose."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return 0.0
    return sum(w in stop_words or w in ("i'll", "we'll", "she'll", "he'll") for w in words) / len(words)


def looks_english(text: str, stop_words: Collection[str]) -> bool:
    words = _WORD.findall(text[:20000])
    if len(words) < 8:
        return (bool(words) and english_share(text, stop_words) > 0) or any(w.isascii() for w in words)
    return english_share(text, stop_words) >= 0.12


def _parse(segments: list[Segment], tags: list[Party | None], nlp: Language) -> dict[int, Doc]:
    """Parse each segment worth it, once per distinct text (pasted notes repeat themselves)."""
    wanted = {i: seg.text for i, seg in enumerate(segments) if tags[i] is not None or worth_parsing(seg)}
    distinct = list(dict.fromkeys(wanted.values()))
    docs = dict(zip(distinct, nlp.pipe(distinct, batch_size=BATCH), strict=True))
    return {i: docs[text] for i, text in wanted.items()}


@dataclass
class Reading:
    """What the parse found in the notes, before the decision: every candidate task, and who asked for what."""

    segments: list[Segment] = field(default_factory=list)
    found: list[tuple[int, int, Candidate]] = field(default_factory=list)  # (segment, sentence start, candidate)
    asked: list[Raise] = field(default_factory=list)
    english: bool = True


def read_notes(text: str, person: Person, nlp: Language) -> Reading:
    """Segment, parse and read the notes into candidate tasks (no decision yet)."""
    parties = Parties(person)
    segments = sentences(text, lambda tag: parties.phrase(tag) is not None)
    if not looks_english(text, nlp.Defaults.stop_words):
        return Reading(english=False)
    if segments:  # the title line ("1:1 Mateo", "Seun - weekly") holds no task
        first = segments[0].line
        segments = [s for s in segments if not is_header(s, first, parties.is_person)]
    tags = [resolve_tag(s, parties) for s in segments]
    docs = _parse(segments, tags, nlp)
    reading = Reading(segments=segments)
    read: dict[tuple[Any, ...], list[Raise]] = {}  # a sentence repeated word for word is read once
    for i, seg in enumerate(segments):
        doc = docs.get(i)
        if doc is None:
            continue
        key = (seg.text, seg.bullet, seg.section, seg.prefix, seg.suffix, seg.task, seg.follows, tags[i])
        if key in read:
            reading.asked += [replace(r, segment=i, line=seg.line) for r in read[key]]
            continue
        asked: list[Raise] = []
        for sent in doc.sents:
            asked += raises(sent, i, seg.line, parties)
            reading.found += [(i, sent.start, c) for c in candidates(sent, seg, parties, tags[i])]
        read[key] = asked
        reading.asked += asked
    for i, _, cand in reading.found:  # "…, maybe next year", "- not now": a short afterthought takes it back
        after = segments[i + 1] if i + 1 < len(segments) else None
        short = after is not None and after.line - cand.segment.line <= 1 and len(after.text.split()) <= 6
        if short and after is not None and HEDGE_PHRASES.search(after.text):
            cand.flags.add("hedge_phrase")
    return reading


def analyse_notes(
    text: str,
    person: Person,
    record: PersonRecord | None = None,
    meeting_date: dt.date | None = None,
    status: MeetingStatus = MeetingStatus.held,
    length_minutes: int | None = None,
    *,
    nlp: Language,
    scorer: Scorer | None = None,
    personal_scorer: PersonalScorer | None = None,
) -> Debrief:
    """Actions (with owner, proposer and due date), nudges and personal follow-ups from notes."""
    if not text or not text.strip():
        raise CoachError("the notes are empty")
    base = meeting_date or dt.date.today()
    debrief = Debrief(person=person.name)
    reading = read_notes(text, person, nlp)
    if not reading.english:
        debrief.warnings.append(
            "These notes don't look like English, so no actions were extracted. The debrief reads English notes only."
        )
    verdicts = decide([c for _, _, c in reading.found], scorer)
    seen: set[str] = set()
    views: list[ActionView] = []
    last: tuple[int, DebriefAction] | None = None
    for (i, start, cand), keep in zip(reading.found, verdicts, strict=True):
        key = cand.text.casefold()
        if not keep:
            if "anaphoric" in cand.flags and last is not None and last[0] >= i - 1 and last[1].due is None:
                last[1].due = find_due(
                    cand.date_text, base, record
                )  # "Marcus to approve it, said he'd do it by the 21st"
            continue
        if key in seen:
            continue
        seen.add(key)
        owner, name = owner_fields(cand.owner)
        previous = reading.segments[i - 1] if i > 0 else None
        by = proposer(cand, raised_by(cand, i, start, reading.asked, previous))
        due = find_due(cand.date_text, base, record)
        action = DebriefAction(text=cand.text, owner=Owner(owner), owner_name=name, proposed_by=Proposer(by), due=due)
        debrief.actions.append(action)
        last = (i, action)
        views.append(ActionView(cand.text, owner, by, cand.clause.verb.lemma_.lower(), name))
    debrief.personal = [PersonalNote(text=t, sensitive=s) for t, s in find_personal(reading.segments, personal_scorer)][
        :MAX_PERSONAL
    ]
    nudges = build_nudges(views, person, record, text, status, length_minutes, bool(debrief.personal))
    debrief.nudges = [n.text for n in nudges]
    debrief.nudge_codes = [n.code for n in nudges]
    if not debrief.actions and not debrief.warnings:
        debrief.warnings.append("Found no actions in these notes.")
    return debrief
