"""The offline persona: a deterministic reply engine driven by the analysis of each user line.

Rules, in the order they apply:
- a directive gets flat compliance and costs a little openness; the person proposes nothing;
- a personal ask or reveal raises openness; once the user has both asked and shared,
  a one-off reciprocity bonus applies (personizing is two-way);
- an open question about priorities, plans or support gets the person proposing their own
  next step (recorded as a proposed action); other open questions get them talking;
- a closed or transactional line gets a short reply.
Openness starts from the temperament and the difficulty. Replies come from template banks
with slots filled from the persona card; a seeded RNG and a used-set keep them varied.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field

from coach.coaching import lexicon as lx
from coach.coaching.analysis import LineAnalysis
from coach.coaching.roleplay import lines as L
from coach.coaching.roleplay.persona import PersonaCard, Temperament
from coach.coaching.roleplay.scenarios import Scenario

START_OPENNESS = {
    Temperament.open: 2.0,
    Temperament.anxious: 1.0,
    Temperament.frustrated: 0.5,
    Temperament.guarded: 0.0,
    Temperament.skeptical: 0.0,
}
WARM = 2.0  # openness from which personal questions get a real answer
SHARE_NOTES = 3.0  # openness from which the person brings up a personal note unprompted
PRIORITY = re.compile(
    r"\b(priorit\w*|next steps?|plans?|options?|strateg\w*|focus|goals?|help you|support|need from me|"
    r"should happen|approach|matters?|important|propose|ideas?|grow\w*|career|improve|change|do differently|"
    r"want to (do|achieve|get|try)|would you (do|try|like)|will you|could you do|can i do|get out of)\b"
)


@dataclass
class Reply:
    text: str
    kind: str
    proposed_action: str | None = None


@dataclass
class PersonaEngine:
    card: PersonaCard
    scenario: Scenario
    seed: int
    openness: float = 0.0
    asked: bool = False
    revealed: bool = False
    reciprocity_bonus: bool = False
    priority_questions: int = 0
    used: set[str] = field(default_factory=set)
    proposals_used: set[str] = field(default_factory=set)
    notes_shared: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        easy_hard = {1: 1.0, 2: 0.0, 3: -1.0}[self.card.difficulty]
        self.openness = START_OPENNESS[self.card.temperament] + easy_hard

    # -- public ---------------------------------------------------------------------------------
    def opening(self) -> str | None:
        """The persona's first line when the scenario has them speak first, else None."""
        bank = L.SCENARIO_OPENERS.get(self.scenario.id)
        if not self.scenario.persona_opens or not bank:
            return None
        return self._compose(bank, tone=False)

    def respond(self, a: LineAnalysis) -> Reply:
        if not a.text.strip():
            return Reply(self._compose(L.BODIES["ack"]), "ack")
        self._update(a)
        if a.directive:
            return Reply(self._compose(L.BODIES["comply"]), "comply")
        if a.personal == "ask":
            if self.openness >= WARM:
                tail = self.rng.choice(L.ASK_BACK) if self.openness >= SHARE_NOTES and not self.revealed else ""
                return Reply(self._compose(L.BODIES["personal_open"], extra=tail), "personal_open")
            return Reply(self._compose(L.BODIES["personal_guarded"]), "personal_guarded")
        if a.personal == "reveal":
            kind = "reveal_warm" if self.openness >= WARM else "reveal_cool"
            return Reply(self._compose(L.BODIES[kind]), kind)
        if a.question == "open" and PRIORITY.search(a.text.lower()):
            self.priority_questions += 1
            if self.card.difficulty < 3 or self.openness >= 1 or self.priority_questions >= 2:
                proposal = self._proposal()
                text = self._compose(L.BODIES["propose"], proposal=proposal)
                return Reply(text, "propose", proposal)
        if a.question == "open":
            return Reply(self._compose(L.BODIES["talk"]), "talk")
        if a.question == "closed":
            return Reply(self._compose(L.BODIES["short"]), "short")
        return Reply(self._compose(L.BODIES["ack"]), "ack")

    # -- state ----------------------------------------------------------------------------------
    def _update(self, a: LineAnalysis) -> None:
        if a.personal == "ask":
            self.asked = True
            self.openness += 1.5 if lx.OPT_OUT.search(a.text) else 1.0
        elif a.personal == "reveal":
            self.revealed = True
            self.openness += 1.0
        if self.asked and self.revealed and not self.reciprocity_bonus:
            self.reciprocity_bonus = True
            self.openness += 1.0
        if a.directive:
            self.openness -= 0.5
        elif a.question == "open":
            self.openness += 0.5
        self.openness = max(-1.0, min(5.0, self.openness))

    # -- text -----------------------------------------------------------------------------------
    def _slots(self, proposal: str = "", share: bool = False) -> dict[str, str]:
        c = self.card
        action = (c.overdue_actions or c.open_actions or ["the thing on my list"])[0]
        work = c.work_notes[0].rstrip(".") if c.work_notes else "The day-to-day"
        return {
            "role": _article(c.role_text),
            "topic": self.scenario.topic or "the work",
            "action": action,
            "work": work,
            "share": self._share() if share else "",
            "proposal": proposal,
        }

    def _share(self) -> str:
        notes = self.card.personal_notes
        if self.openness >= WARM and notes and self.notes_shared < len(notes):
            note = notes[self.notes_shared % len(notes)].rstrip(".")
            self.notes_shared += 1
            template = self.rng.choice(L.SHARE_NOTE)
            return template.format(note=note, note_lc=note[:1].lower() + note[1:])
        return self.rng.choice(L.SHARE_GENERIC)

    def _proposal(self) -> str:
        bank = [p.format(topic=self.scenario.topic) for p in L.PROPOSALS.get(self.scenario.id, ())]
        if self.card.overdue_actions or self.card.open_actions:
            bank.append(L.OWN_ACTION.format(action=(self.card.overdue_actions or self.card.open_actions)[0]))
        fresh = [p for p in bank if p not in self.proposals_used] or bank
        choice = self.rng.choice(fresh)
        self.proposals_used.add(choice)
        return choice

    def _compose(self, bodies: tuple[str, ...], *, tone: bool = True, extra: str = "", proposal: str = "") -> str:
        """A reply not said before in this session: tone + body + tail, slots filled."""
        t = self.card.temperament
        prefixes = L.TONE[t] if tone else ("",)
        combos = list(itertools.product(prefixes, bodies, L.TAILS[t]))
        self.rng.shuffle(combos)
        slots = self._slots(proposal, share=any("{share}" in b for b in bodies))
        for prefix, body, tail in combos:
            text = _join(prefix, body.format(**slots)) + tail + extra
            if text not in self.used:
                self.used.add(text)
                return text
        n = len(self.used)
        text = f"{_join(self.rng.choice(prefixes), self.rng.choice(bodies).format(**slots))} (That's all, #{n}.)"
        self.used.add(text)
        return text


def _article(role: str) -> str:
    if role.startswith(("my ", "the ")):
        return role
    return ("an " if role[:1].lower() in "aeiou" else "a ") + role[:1].lower() + role[1:]


def _join(prefix: str, body: str) -> str:
    if not prefix or prefix.endswith((". ", "! ", "? ")) or body.startswith(("I ", "I'", '"')):
        return prefix + body
    return prefix + body[:1].lower() + body[1:]
