"""Debrief: turn a manager's notes after a 1:1 into actions, ownership and nudges.

Pure logic over domain objects. The spaCy pipeline is handed in (`nlp`, from `coach.nlp.spacy_en`): the
core never loads a model itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from coach.coaching.debrief.dates import find_due
from coach.coaching.debrief.nudges import ActionView, build_nudges
from coach.coaching.debrief.segment import Segment, sentences, worth_parsing
from coach.coaching.lexicon import PERSONAL_WORDS
from coach.domain import Action, MeetingStatus, Note, Owner, Person, PersonRecord, Proposer
from coach.errors import CoachError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Debrief", "DebriefAction", "analyse_notes"]

BATCH = 64
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_DISCLOSURE = re.compile(r"\b(mention|shar|told me|said|opened up|confided|talked about|going through)", re.I)


class DebriefAction(BaseModel):
    text: str
    owner: Owner
    proposed_by: Proposer
    due: dt.date | None = None

    def to_action(self) -> Action:
        return Action(text=self.text, owner=self.owner, proposed_by=self.proposed_by, due=self.due)


class Debrief(BaseModel):
    person: str
    actions: list[DebriefAction] = Field(default_factory=list)
    nudges: list[str] = Field(default_factory=list)
    nudge_codes: list[str] = Field(default_factory=list)
    personal_notes: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "total": len(self.actions),
            "owned_by_them": sum(a.owner is Owner.them for a in self.actions),
            "proposed_by_them": sum(a.proposed_by is Proposer.them for a in self.actions),
            "owned_by_me": sum(a.owner is Owner.me for a in self.actions),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "actions": [
                {
                    "text": a.text,
                    "owner": a.owner.value,
                    "proposed_by": a.proposed_by.value,
                    "due": a.due.isoformat() if a.due else None,
                }
                for a in self.actions
            ],
            "summary": self.summary(),
            "nudges": self.nudges,
            "nudge_codes": self.nudge_codes,
            "personal_notes": self.personal_notes,
            "warnings": self.warnings,
        }

    def notes_to_save(self) -> list[Note]:
        return [Note(text=t, personal=True) for t in self.personal_notes]


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


def _personal(segment: Segment, person: Person) -> bool:
    words = {w.lower() for w in _WORD.findall(segment.text)}
    return bool(words & PERSONAL_WORDS) and (bool(_DISCLOSURE.search(segment.text)) or len(words) < 25)


def analyse_notes(
    text: str,
    person: Person,
    record: PersonRecord | None = None,
    meeting_date: dt.date | None = None,
    status: MeetingStatus = MeetingStatus.held,
    length_minutes: int | None = None,
    *,
    nlp: Language,
) -> Debrief:
    """Actions (with owner, proposer and due date), nudges and personal disclosures from notes."""
    from coach.coaching.debrief.extract import Parties, find_actions, prepare

    if not text or not text.strip():
        raise CoachError("the notes are empty")
    base = meeting_date or dt.date.today()
    debrief = Debrief(person=person.name)
    segments = sentences(text)
    if not looks_english(text, nlp.Defaults.stop_words):
        debrief.warnings.append(
            "These notes don't look like English, so no actions were extracted. The debrief reads English notes only."
        )
        segments = []
    parties = Parties(person)
    prepared = [
        (seg, body, tagged)
        for seg in segments
        for body, tagged in [prepare(seg.text, parties)]
        if tagged is not None or worth_parsing(seg)
    ]
    seen: set[str] = set()
    action_sentences: set[str] = set()
    views: list[ActionView] = []
    docs = nlp.pipe((body for _, body, _ in prepared), batch_size=BATCH)
    for (seg, _body, tagged), doc in zip(prepared, docs, strict=True):
        for sent in doc.sents:
            found = find_actions(sent, parties, tagged, seg.bullet)
            for item in found:
                action_sentences.add(seg.text.casefold())
                key = item.text.casefold()
                if key in seen:
                    continue
                seen.add(key)
                due = find_due(item.text, base) or (find_due(sent.text, base) if len(found) == 1 else None)
                debrief.actions.append(
                    DebriefAction(
                        text=item.text, owner=Owner(item.owner), proposed_by=Proposer(item.proposed_by), due=due
                    )
                )
                views.append(ActionView(item.text, item.owner, item.proposed_by, item.verb))
    debrief.personal_notes = [
        s.text for s in segments if s.text.casefold() not in action_sentences and _personal(s, person)
    ][:5]
    nudges = build_nudges(views, person, record, text, status, length_minutes, bool(debrief.personal_notes))
    debrief.nudges = [n.text for n in nudges]
    debrief.nudge_codes = [n.code for n in nudges]
    if not debrief.actions and not debrief.warnings:
        debrief.warnings.append("Found no actions in these notes.")
    return debrief
