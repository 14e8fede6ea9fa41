"""The offline persona: replies driven by what the manager just did and by the inner state.

What the manager's line did decides the kind of reply, in this order:
- a directive gets flat compliance and nothing of their own;
- owning a lapse gets thanks (and the conversation opens up from there);
- once the agenda is earned (see `state.py`), the first line that allows it brings it up;
- an open question about what happens next gets the person naming their own next step,
  once they trust the manager enough (before that, they hand the question back);
- a personal ask gets something they shared, if trust allows, else a polite deflection;
- a personal reveal gets reciprocity when warm, a polite "I didn't know that" when not;
- a reflection gets "Yeah, exactly, and…" and more on what they were saying;
- an open question gets them talking about what is on their mind (memory first);
- a closed question gets a short answer, and a run of them starts to feel like a quiz.

Content comes from `topics.py`: what the manager's line is about first, else the next topic
not yet covered, so each reply follows from the line and from what has been said. Longer
replies come with more trust. No sentence is said twice in a session; tails are rare.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from coach.coaching.analysis import LineAnalysis
from coach.coaching.roleplay import lines as L
from coach.coaching.roleplay import scenario_lines as S
from coach.coaching.roleplay.agenda import Agenda, request_and_need
from coach.coaching.roleplay.cues import Cue, content_words
from coach.coaching.roleplay.persona import PersonaCard
from coach.coaching.roleplay.scenarios import Scenario
from coach.coaching.roleplay.state import WARM, InnerState
from coach.coaching.roleplay.topics import Topic, build_topics
from coach.coaching.roleplay.voice import lower_first, number_word
from coach.text import split_sentences

OWN_ACTION_SCENARIOS = ("performance-concern", "strategy-drift")  # where their own open action is the next step
SHARE_UNPROMPTED = 3.0  # trust from which the person brings up personal things unasked
# A question about what happens next: the person's own plan, priorities, what would help.
FORWARD = re.compile(
    r"\b(priorit\w*|next steps?|your plan|the plan|options?|focus|goals?|help(s|ed)? (you|most)|would help|"
    r"could help|support|"
    r"need from me|should happen|approach|propose|ideas?|do differently|from here|going forward|(can|could) i help|"
    r"what can i do|"
    r"want to (do|achieve|get|try|change)|would you (do|try|like|want)|will you|like to do|get out of|"
    r"look like|matters?|important|would make|make (this|these|it|them) (work|better|useful))\b",
    re.I,
)


@dataclass
class Reply:
    text: str
    kind: str
    proposed_action: str | None = None
    surfaced: bool = False  # this reply brought the hidden agenda up


def _norm(sentence: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", sentence.lower()).strip()


@dataclass
class PersonaEngine:
    card: PersonaCard
    scenario: Scenario
    seed: int
    state: InnerState
    agenda: Agenda
    used: set[str] = field(default_factory=set)
    proposals_used: set[str] = field(default_factory=set)
    replies: int = 0
    last_tail: int = -10
    asked_back: bool = False
    manager_shared: bool = False  # the manager has revealed something of their own
    last_ask: int = -10  # the reply that last asked the manager something (a person does not nag)
    templates_used: set[str] = field(default_factory=set)  # leads and frames: each once before any repeats
    stance: Cue = field(default_factory=lambda: Cue(False))  # the current line's position cue

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.topics: list[Topic] = build_topics(self.card, self.scenario)

    @property
    def openness(self) -> float:
        return self.state.trust

    # -- public ---------------------------------------------------------------------------------
    def opening(self) -> str | None:
        """The persona's first line when the scenario has them speak first, else None."""
        if not self.scenario.persona_opens:
            return None
        key = self.scenario.id
        if key == "after-cancellations" and self.card.cancelled_by_me >= 2:
            key = "after-cancellations-count"
        bank = S.OPENERS.get(key)
        if not bank:
            return None
        request = request_and_need(self.card)[0]
        slots = {"topic": self.scenario.topic, "cancelled": number_word(self.card.cancelled_by_me), "request": request}
        text = self._pick([b.format(**slots) for b in bank]) or bank[0].format(**slots)
        if key.startswith("after-cancellations"):
            self._cover("attendance")
        return text

    def respond(self, a: LineAnalysis, own: Cue | None = None, stance: Cue | None = None) -> Reply:
        """The reply to the manager's line `a` (the state has already taken it in)."""
        own = own or Cue(False)
        self.stance = stance or Cue(False)
        self.replies += 1
        self.manager_shared = self.manager_shared or a.personal == "reveal"
        reply = self._respond(a, own)
        if reply.kind not in ("comply", "reveal", "propose") and not self.state.surfaced and self.state.close:
            hint = self._pick(L.HINTS) if self.state.hints < 2 and self.replies % 2 == 0 else None
            if hint:
                self.state.hints += 1
                reply.text = f"{reply.text} {hint}"
        if reply.kind in ("talk", "reflect", "personal_open") and self.replies - self.last_tail >= 5:
            tail = self._pick(L.TAILS[self.card.temperament]) if self.rng.random() < 0.3 else None
            if tail:
                self.last_tail = self.replies
                reply.text = f"{reply.text} {tail}"
        return reply

    # -- what kind of reply ---------------------------------------------------------------------
    def _respond(self, a: LineAnalysis, own: Cue) -> Reply:
        t = self.card.temperament
        s = self.state
        if not a.text.strip():
            return Reply(self._say(L.ACK), "ack")
        if a.directive:
            bank = L.COMPLY[t] if s.directives <= 2 else L.COMPLY_MORE
            return Reply(self._say(bank, L.COMPLY_MORE), "comply")
        if own.met and s.owned and not any(e.kind == "own" and e.turn < s.turn for e in s.events):
            lead = self._say(L.OWNED[t], L.OWNED_AGAIN)
            if s.allows(a) and not s.surfaced:
                return self._reveal(lead)
            return Reply(self._join_content(lead, self._sentences(1)), "owned")
        if s.allows(a) and not s.surfaced:
            revealed = self._reveal((self._pick(L.REFLECT_ALONE) or "") if a.reflection else "")
            if a.question == "open" and FORWARD.search(a.text):  # asked what next: the agenda, then their step
                step = self._propose(a)
                if step.kind == "propose":
                    return Reply(f"{revealed.text} {step.text}", "reveal", step.proposed_action, surfaced=True)
            return revealed
        if a.personal == "ask":
            return self._personal_ask(a)
        if self.stance.met and a.question is None:  # a plain, reasoned stance gets taken seriously
            return Reply(self._join_content(self._say(L.POSITION_HEARD[t]), self._sentences(1, about=a)), "heard")
        if a.question == "open" and FORWARD.search(a.text):
            if s.surfaced or s.trust >= s.threshold - 1.5:
                return self._propose(a)
            return Reply(self._say(L.DEFLECT), "deflect")
        if a.personal == "reveal":
            if s.trust >= WARM:
                share = self._share(a)
                return Reply(self._join_content(self._say(L.REVEAL_WARM), share), "reveal_warm")
            return Reply(
                self._join_content(self._say(L.REVEAL_COOL), self._sentences(0 if s.trust < 0 else 1)), "reveal_cool"
            )
        if a.reflection:
            return self._reflected(a)
        if a.question == "open":
            return self._talk(a)
        if a.question == "closed":
            quiz = any(e.kind == "interrogation" and e.turn == s.turn for e in s.events)
            if quiz:
                return Reply(self._say(L.INTERROGATED[t], L.INTERROGATED_MORE), "quiz")
            short = self._say(L.SHORT)
            extra = self._sentences(1, about=a) if s.trust >= 3 or (s.trust >= WARM and self._relevant(a)) else []
            return Reply(self._join_content(short, extra), "short")
        extra = self._sentences(1 if s.trust >= WARM else 0, about=a)
        return Reply(self._join_content(self._say(L.ACK), extra), "ack")

    def _reveal(self, lead: str) -> Reply:
        self.state.surfaced_at = self.state.turn
        opener = self._say(L.REVEAL_LEADS)
        # What the person already said on the way (a note, a promise the agenda draws on) is not said again.
        said = [t.core for t in self.topics if t.core and t.key in self.state.covered]
        fresh = [
            x
            for x in split_sentences(self.agenda.text)
            if x == self.agenda.core or (not self._said_within(x) and not any(_norm(c) in _norm(x) for c in said))
        ]
        body = " ".join(fresh)
        self._mark(body)
        for t in self.topics:  # and what the agenda said now is not brought up again as news
            if t.core and _norm(t.core.rstrip(".")) in _norm(body):
                self._cover(t.key)
        return Reply(" ".join(p for p in (lead, opener, body) if p), "reveal", surfaced=True)

    def _propose(self, a: LineAnalysis) -> Reply:
        bank = list(S.PROPOSALS.get(self.scenario.id, ()))
        if self.card.theirs and self.scenario.id in OWN_ACTION_SCENARIOS:
            bank.append(S.OWN_ACTION.format(phrase=self.card.theirs[0].phrase))
        fresh = [p for p in bank if p not in self.proposals_used]
        if not fresh:
            return self._talk(a)
        self.rng.shuffle(fresh)
        templates = [t for t in L.PROPOSE if t not in self.templates_used] or list(L.PROPOSE)
        for proposal in fresh:
            template = next((t for t in self._shuffled(templates) if self._fresh(t.format(proposal=proposal))), None)
            text = template.format(proposal=proposal) if template else None
            if template and text:
                self.templates_used.add(template)
                self._mark(text)
                self.proposals_used.add(proposal)
                lead = self._pick(L.OPEN_LEADS[self.card.temperament]) if self.rng.random() < 0.3 else None
                if lead:
                    text = f"{lead} {lower_first(text)}"
                return Reply(text, "propose", proposal)
        return self._talk(a)

    def _personal_ask(self, a: LineAnalysis) -> Reply:
        s = self.state
        topic = self._relevant(a)
        remembered = topic is not None and topic.personal
        if s.trust < WARM and not remembered:
            return Reply(self._say(L.PERSONAL_GUARDED), "personal_guarded")
        if remembered and topic is not None:  # they already know it: say how it is going, not the note again
            lead = self._say(L.REMEMBERED, L.PERSONAL_OPEN_LEADS)
            self._cover(topic.key)
            body = self._from_topic(topic)
            if s.trust >= WARM:
                body += self._from_topic(topic)
        else:
            lead = self._say(L.PERSONAL_OPEN_LEADS)
            body = self._share(a)
        parts = [lead, *body]
        if s.trust >= SHARE_UNPROMPTED and not self.asked_back and not self.manager_shared:  # personizing is two-way
            back = self._pick(L.ASK_BACK)
            if back:
                self.asked_back = True
                parts.append(back)
        return Reply(" ".join(p for p in parts if p), "personal_open")

    def _reflected(self, a: LineAnalysis) -> Reply:
        trust = self.state.trust
        content = self._sentences(1 if trust < 1 else 2 if trust < 4 else 3, about=a, join=True)
        if not content:
            return Reply(self._say(L.REFLECT_ALONE), "reflect")
        first, rest = content[0], content[1:]
        leads = [x for x in L.REFLECT_LEADS if x not in self.templates_used] or list(L.REFLECT_LEADS)
        for lead in self._shuffled(leads):
            joined = f"{lead} {lower_first(first)}"
            if self._fresh(joined):
                self._mark(joined)
                self.templates_used.add(lead)
                return Reply(" ".join([joined, *rest]), "reflect")
        return Reply(" ".join(content), "reflect")

    def _talk(self, a: LineAnalysis) -> Reply:
        s = self.state
        n = 1 if s.trust < 0 else 2 if s.trust < 3 else 3
        content = self._sentences(n, about=a)
        if not content:
            return Reply(self._say(L.NOTHING_LEFT), "talk")
        lead = self._pick(L.OPEN_LEADS[self.card.temperament]) if self.rng.random() < 0.25 else None
        if lead and not content[0].endswith("?"):
            joined = f"{lead} {lower_first(content[0])}"
            if self._fresh(joined):
                content[0] = joined
        return Reply(" ".join(content), "talk")

    # -- content --------------------------------------------------------------------------------
    def _relevant(self, a: LineAnalysis) -> Topic | None:
        said = content_words(a.text)
        best, score = None, 0
        for topic in self.topics:
            overlap = len(said & topic.words)
            if overlap > score:
                best, score = topic, overlap
        return best

    def _cover(self, key: str) -> None:
        if key not in self.state.covered:
            self.state.covered.append(key)

    def _from_topic(self, topic: Topic) -> list[str]:
        bank = topic.more if topic.key in self.state.covered else topic.lines
        said = self._pick(bank) or self._pick(topic.more if bank is topic.lines else topic.lines)
        if said:
            self._cover(topic.key)
            return [said]
        return []

    def _sentences(self, n: int, about: LineAnalysis | None = None, join: bool = False) -> list[str]:
        """Up to `n` sentences: on what the line was about first, then the next topics not yet covered."""
        out: list[str] = []
        asked = False
        if n <= 0:
            return out
        topic = self._relevant(about) if about is not None else None
        if topic is not None and (not topic.personal or self.state.trust >= WARM):
            out += self._from_topic(topic)
            asked = topic.asks
        for t in self.topics:
            if len(out) >= n:
                break
            if t.key in self.state.covered or (t.personal and (t.sensitive or self.state.trust < SHARE_UNPROMPTED)):
                continue
            if t.asks and (asked or (join and not out) or self.replies - self.last_ask < 3):
                continue
            said = self._pick(t.lines)
            if said:
                self._cover(t.key)
                out.append(said)
                asked = asked or t.asks
        if asked:
            self.last_ask = self.replies
        asks = [x for x in out if x.endswith("?")]
        return [x for x in out if not x.endswith("?")] + asks  # a question to the manager comes last

    def _share(self, a: LineAnalysis) -> list[str]:
        topic = self._relevant(a)
        if topic is not None and topic.personal:
            return self._from_topic(topic)
        asked = a.personal == "ask" and self.state.trust >= SHARE_UNPROMPTED
        for t in self.topics:
            if t.personal and t.key not in self.state.covered and (asked or not t.sensitive):
                return self._from_topic(t)
        generic = self._pick(L.SHARE_GENERIC)
        return [generic] if generic else []

    # -- never the same sentence twice ----------------------------------------------------------
    def _shuffled(self, bank: Sequence[str]) -> list[str]:
        items = list(bank)
        self.rng.shuffle(items)
        return items

    def _fresh(self, text: str) -> bool:
        return all(_norm(s) not in self.used for s in split_sentences(text))

    def _said_within(self, sentence: str) -> bool:
        """Was this sentence already said, alone or inside a longer one ("Outside work, I'm …")?"""
        key = _norm(sentence)
        return any(key in used for used in self.used)

    def _mark(self, text: str) -> None:
        self.used.update(_norm(s) for s in split_sentences(text))

    def _pick(self, bank: Sequence[str]) -> str | None:
        """A line from `bank` none of whose sentences was said before (marked as said), or None."""
        for text in self._shuffled(bank):
            if self._fresh(text):
                self._mark(text)
                return text
        return None

    def _say(self, *banks: Sequence[str]) -> str:
        for bank in (*banks, L.NOTHING_LEFT, L.BEATS):
            found = self._pick(bank)
            if found:
                return found
        return ""

    def _join_content(self, lead: str, content: list[str]) -> str:
        return " ".join(p for p in (lead, *content) if p)
