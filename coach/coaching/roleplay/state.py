"""The persona's inner state: how much it trusts the manager, what moved it, when the agenda is earned.

Every line the manager says moves trust by what the line does (the analyser's labels and
the ownership cue), weighted by the persona's temperament and scaled by the difficulty:

- earns trust: a reflection, an open question, a personal ask or reveal, owning a lapse,
  saying plainly where you stand with a reason (candour, not an order), and (a little)
  bringing up something coach remembers about them;
- costs trust: a directive (more from the second on), closed questions in a row
  (interrogation), and long speeches or holding most of the talk.

The hidden agenda is earned when trust reaches the difficulty's threshold *and* the manager
has used enough different kinds of earning moves (one at difficulty 1, two at 2, three at 3).
It surfaces in the reply to the first line after that which is neither a directive nor a
closed question. The same state runs for a model persona (its prompt states the same rule),
so both kinds of session report the agenda the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.coaching.analysis import LineAnalysis
from coach.coaching.roleplay.cues import Cue
from coach.coaching.roleplay.persona import Temperament


@dataclass(frozen=True)
class Level:
    gain: float  # multiplies what earns trust
    loss: float  # multiplies what costs it
    threshold: float  # trust at which the agenda can surface
    kinds: int  # different kinds of earning moves needed
    start: float  # added to the temperament's starting trust


LEVELS = {
    1: Level(gain=1.25, loss=0.75, threshold=2.5, kinds=1, start=0.5),
    2: Level(gain=1.0, loss=1.0, threshold=3.5, kinds=2, start=0.0),
    3: Level(gain=0.8, loss=1.3, threshold=4.0, kinds=3, start=-0.5),
}
BASE_GAIN = {"reflection": 1.0, "open": 0.6, "personal": 0.8, "own": 1.5, "recall": 0.3, "position": 0.6}
BASE_LOSS = {"directive": 1.0, "interrogation": 0.4, "speech": 0.5}
START = {
    Temperament.open: 1.5,
    Temperament.anxious: 1.0,
    Temperament.frustrated: 0.5,
    Temperament.guarded: 0.0,
    Temperament.skeptical: 0.0,
}
# What each temperament responds to more (or less) than most people.
WEIGHT: dict[Temperament, dict[str, float]] = {
    Temperament.open: {"reflection": 1.2, "open": 1.2, "personal": 1.2, "own": 1.0},
    Temperament.guarded: {"personal": 1.3, "open": 0.8, "interrogation": 1.5},
    Temperament.frustrated: {"reflection": 1.5, "own": 1.2, "directive": 1.5},
    Temperament.anxious: {"reflection": 1.3, "personal": 1.2, "interrogation": 1.5, "directive": 1.2},
    Temperament.skeptical: {"own": 1.5, "recall": 1.5, "open": 0.9, "directive": 1.2},
}
EARNING = ("reflection", "open", "personal", "own", "position")  # the kinds that count toward the agenda
LABELS = {
    "reflection": "your reflection",
    "open": "an open question",
    "personal": "a personal move",
    "own": "owning your part",
    "position": "saying plainly where you stand, with a reason",
    "recall": "remembering what they told you",
    "directive": "a directive",
    "interrogation": "closed questions in a row",
    "speech": "you talking most",
}
SPEECH_WORDS = 45  # a line this long is a speech, not a conversation turn
WARM = 2.0  # from here personal questions get a real answer


@dataclass(frozen=True)
class Event:
    turn: int
    kind: str
    delta: float
    text: str

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind)

    def to_json(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "kind": self.kind,
            "label": self.label,
            "delta": round(self.delta, 2),
            "text": self.text,
        }


@dataclass
class InnerState:
    temperament: Temperament
    difficulty: int
    trust: float = 0.0
    turn: int = 0
    kinds: set[str] = field(default_factory=set)
    events: list[Event] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)  # topic keys the persona has talked about
    surfaced_at: int | None = None  # the user's line whose reply brought the agenda up
    earned_at: int | None = None  # the first line after which the rule allowed it
    words_me: int = 0
    words_them: int = 0
    last_closed: bool = False
    directives: int = 0
    owned: bool = False
    recalled: bool = False
    hints: int = 0

    def __post_init__(self) -> None:
        self.level = LEVELS[self.difficulty]
        self.trust = START[self.temperament] + self.level.start

    @property
    def threshold(self) -> float:
        return self.level.threshold

    @property
    def ready(self) -> bool:
        """Trust and the variety of earning moves are enough for the agenda."""
        return self.trust >= self.level.threshold and len(self.kinds & set(EARNING)) >= self.level.kinds

    @property
    def close(self) -> bool:
        """Nearly there: the persona hints that there is more."""
        return not self.ready and self.trust >= self.level.threshold - 1.0

    @property
    def surfaced(self) -> bool:
        return self.surfaced_at is not None

    def _w(self, kind: str) -> float:
        return WEIGHT[self.temperament].get(kind, 1.0)

    def _gain(self, kind: str, text: str, scale: float = 1.0) -> None:
        delta = BASE_GAIN[kind] * self._w(kind) * self.level.gain * scale
        self.trust += delta
        if kind in EARNING:
            self.kinds.add(kind)
        self.events.append(Event(self.turn, kind, delta, text))

    def _loss(self, kind: str, text: str, scale: float = 1.0) -> None:
        delta = -BASE_LOSS[kind] * self._w(kind) * self.level.loss * scale
        self.trust += delta
        self.events.append(Event(self.turn, kind, delta, text))

    def observe(self, a: LineAnalysis, own: Cue, recall: Cue, words: int, stance: Cue | None = None) -> list[Event]:
        """Take in one manager line; return what it did to trust."""
        self.turn += 1
        before = len(self.events)
        self.words_me += words
        text = a.text
        if a.directive:
            self.directives += 1
            self._loss("directive", text, 1.0 if self.directives == 1 else 1.5)
        else:
            if a.reflection:
                self._gain("reflection", text)
            if a.question == "open":
                opens = sum(e.kind == "open" for e in self.events)
                self._gain("open", text, 1.0 if opens < 4 else 0.5)
        if a.personal:
            self._gain("personal", text, 1.0 if "personal" not in self.kinds else 0.6)
        if own.met:
            self._gain("own", text, 1.0 if not self.owned else 0.2)
            self.owned = True
        if stance is not None and stance.met and not a.directive and "position" not in self.kinds:
            self._gain("position", text)
        if recall.met and not self.recalled:
            self.recalled = True
            self._gain("recall", text)
        closed = a.question == "closed" and not a.directive and not a.reflection
        if closed and self.last_closed:
            self._loss("interrogation", text)
        self.last_closed = closed
        if words >= SPEECH_WORDS:
            self._loss("speech", text)
        elif self.turn >= 3 and self.share > 0.6:  # doing most of the talking
            self._loss("speech", text, 0.6)
        self.trust = max(-2.0, min(6.0, self.trust))
        if self.earned_at is None and self.ready and self.allows(a):
            self.earned_at = self.turn
        return self.events[before:]

    def heard(self, words: int) -> None:
        self.words_them += words

    @property
    def share(self) -> float:
        total = self.words_me + self.words_them
        return self.words_me / total if total else 0.0

    def allows(self, a: LineAnalysis) -> bool:
        """The agenda can come up in the reply to this line (not to an order or a yes/no question)."""
        return self.ready and not a.directive and (a.question != "closed" or a.reflection)

    def opened_by(self) -> list[Event]:
        """The moves that built the trust, up to the line where the agenda came up (or so far), biggest first."""
        end = self.surfaced_at or self.earned_at or self.turn
        ups = [e for e in self.events if e.delta > 0 and e.turn <= end]
        return sorted(ups, key=lambda e: -e.delta)[:3]

    def blocked_by(self) -> list[Event]:
        end = self.surfaced_at or self.turn
        return [e for e in self.events if e.delta < 0 and e.turn <= end]

    @property
    def meter(self) -> float:
        """Trust as 0–1 of the way to the agenda threshold (for a subtle meter)."""
        low = -2.0
        return max(0.0, min(1.0, (self.trust - low) / (self.level.threshold - low)))
