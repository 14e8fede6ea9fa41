"""Role-play with a model: it plays the persona; every manager line is scored live.

The model gets what the offline persona has: the same card built from memory, the same
hidden agenda, and the same rule for when to reveal it (with the temperament and the
difficulty as behaviour). The scoring is the drill's, the same as offline, so a line
scores the same with or without a model and both sessions share one scorecard.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coach.agent.jobs import open_session
from coach.agent.prompts import data_block, render
from coach.agent.session import ChatSession
from coach.coaching.analysis import LineAnalysis
from coach.coaching.roleplay import Drill, end

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langgraph.checkpoint.base import BaseCheckpointSaver

    from coach.config import Settings
    from coach.domain import Searcher


@dataclass
class RoleplayChat:
    """A persona conversation whose lines are recorded in the deterministic drill.

    The drill scores the manager's lines and notices when the persona proposes its
    own action, so the scorecard is the same whether a model or the drill replies.
    """

    session: ChatSession
    drill: Drill
    search: Searcher | None = None

    def score(self, text: str) -> LineAnalysis:
        """Record and score the manager's line at once (before the persona answers)."""
        return self.drill.record_user_line(text)

    async def stream(self, text: str) -> AsyncIterator[str]:
        parts: list[str] = []
        async for chunk in self.session.stream(text):
            parts.append(chunk)
            yield chunk
        reply = "".join(parts)
        if reply and not self.session.cancelled:
            self.drill.record_persona_line(reply)

    def scorecard(self) -> dict[str, Any]:
        return end(self.drill, self.search).to_json()

    async def end(self, model: BaseChatModel | None = None) -> dict[str, Any]:
        """The scorecard, with the model's short feedback added under "model_feedback"."""
        import json

        from langchain_core.messages import HumanMessage, SystemMessage

        from coach.agent.errors import explain

        card = self.scorecard()
        transcript = "\n".join(f"{who}: {line}" for who, line in self.drill.transcript)
        prompt = render(
            "feedback",
            transcript=data_block("transcript", transcript),
            scorecard=data_block("scorecard", json.dumps(card, default=str)),
        )
        chat = model or self.session.model
        try:
            reply = await chat.ainvoke([SystemMessage(prompt), HumanMessage("Your feedback, please.")])
            card["model_feedback"] = reply.text
        except Exception as exc:
            card["model_feedback"] = None
            card["feedback_error"] = explain(exc, base_url=self.session.base_url, model=self.session.model_name).message
        return card


def persona_card(drill: Drill) -> str:
    """The card the drill plays, plus the situation and the hidden agenda: the model needs all three."""
    sc = drill.scenario
    lines = [drill.persona.describe(), f"The conversation being rehearsed: {sc.title}."]
    if sc.topic:
        lines.append(f"What is on your mind: {sc.topic}.")
    lines.append(f"Something you have not said yet (a {drill.agenda.kind}): {drill.agenda.text}")
    if drill.persona_opens:
        lines.append(f"You already opened the conversation with: {drill.opening}")
    return "\n".join(lines)


TEMPERAMENTS = {
    "guarded": "You are guarded: short answers at first; you warm up slowly, and personal questions only get a real "
    "answer once you trust the manager.",
    "open": "You are open and talkative, and happy to share once asked.",
    "frustrated": "You are frustrated: things have piled up. Feeling heard matters most to you; orders make you curt.",
    "anxious": "You are anxious and worry you have done something wrong. A run of closed questions makes you nervous; "
    "being heard settles you.",
    "skeptical": "You are skeptical: you have heard promises before. The manager owning their part, and remembering "
    "what you told them, matter more to you than nice words.",
}
DIFFICULTY = {
    1: "You open up fairly easily.",
    2: "You need some real listening before you open up.",
    3: "You are hard to reach: you need several different signs of real listening before you open up, and an order "
    "or an interrogation sets you back a long way.",
}


def conduct(drill: Drill) -> str:
    """How to behave: temperament, difficulty and when to reveal the agenda (our instructions, not data)."""
    p = drill.persona
    return "\n".join(
        [
            TEMPERAMENTS[p.temperament.value] + " " + DIFFICULTY[p.difficulty],
            "The card names something you have not said yet. " + drill.reveal_rule,
        ]
    )


async def open_roleplay(
    settings: Settings,
    drill: Drill,
    *,
    model: BaseChatModel | None = None,
    checkpointer: BaseCheckpointSaver | None = None,
    search: Searcher | None = None,
    present: Callable[[], bool] | None = None,
) -> RoleplayChat:
    """The model plays the drill's persona; the drill keeps scoring. Each rehearsal starts fresh.

    `present`: is the person still in memory (the rehearsal ends, saving nothing more, once they are not)."""
    prompt = render("persona", conduct=conduct(drill), persona=data_block("persona", persona_card(drill)))
    drill.engine_kind = "model"
    # The persona never gets tools: it must not touch memory.
    session = await open_session(
        settings,
        job="roleplay",
        person=drill.persona.name,
        system_prompt=prompt,
        model=model,
        checkpointer=checkpointer,
        with_tools=False,
        present=present,
    )
    await session.clear()  # the drill and its scorecard only know this one
    return RoleplayChat(session=session, drill=drill, search=search)
