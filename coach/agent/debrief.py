"""Debrief with a model: structured actions from the notes, merged with the deterministic extractor.

Where the two disagree about an action's owner or proposer, neither wins: both
readings go back in `conflicts` and the user decides.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from coach.agent.prompts import data_block, render

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


ATTEMPTS = 3  # model calls allowed for the structured answer before giving up


class ModelAction(BaseModel):
    """One action as the model reads it from the notes."""

    text: str = Field(description="the action, short")
    owner: Literal["me", "them", "both", "unclear"] = Field(description="me = the manager, them = the other person")
    proposed_by: Literal["me", "them", "unclear"] = "unclear"
    due: dt.date | None = None


class ModelActions(BaseModel):
    """Every action agreed in the meeting."""

    actions: list[ModelAction] = Field(default_factory=list)


class Conflict(BaseModel):
    text: str
    field: Literal["owner", "proposed_by"]
    model: str
    rules: str


class MergedActions(BaseModel):
    actions: list[dict[str, Any]] = Field(default_factory=list)  # {"text","owner","proposed_by","due","found_by"}
    conflicts: list[Conflict] = Field(default_factory=list)


async def extract_actions(model: BaseChatModel, notes: str, person_label: str) -> list[ModelAction]:
    """Structured output through a tool call (ToolStrategy), which local OpenAI-compatible servers support."""
    from langchain.agents import create_agent
    from langchain.agents.structured_output import ToolStrategy
    from langchain_core.messages import HumanMessage
    from langgraph.errors import GraphRecursionError

    prompt = render("extract", person_label=person_label, notes=data_block("notes", notes))
    agent: Any = create_agent(model, [], system_prompt=prompt, response_format=ToolStrategy(ModelActions))
    try:
        # Without a cap the agent re-asks a model that never calls the schema tool ~10,000 times.
        result = await agent.ainvoke({"messages": [HumanMessage("List the actions.")]}, {"recursion_limit": ATTEMPTS})
    except GraphRecursionError:
        return []  # a model that cannot do structured output: the rule-based extractor stands alone
    found = result.get("structured_response")
    return list(found.actions) if isinstance(found, ModelActions) else []


def _key(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 2)


def _same(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return a.strip().casefold() == b.strip().casefold()
    return len(ka & kb) / len(ka | kb) >= 0.5


def _value(x: Any) -> str:
    return str(getattr(x, "value", x))


def merge(model_actions: list[ModelAction], rule_actions: list[Any]) -> MergedActions:
    """Union of both lists; matching actions with different owner/proposer become conflicts."""
    out = MergedActions()
    used: set[int] = set()
    for ra in rule_actions:
        row = {"text": ra.text, "owner": _value(ra.owner), "proposed_by": _value(ra.proposed_by), "due": ra.due}
        match = next((i for i, ma in enumerate(model_actions) if i not in used and _same(ma.text, ra.text)), None)
        if match is None:
            out.actions.append(row | {"found_by": "rules"})
            continue
        used.add(match)
        ma = model_actions[match]
        for name in ("owner", "proposed_by"):
            if ma.__dict__[name] != row[name] and ma.__dict__[name] != "unclear":
                out.conflicts.append(Conflict(text=ra.text, field=name, model=ma.__dict__[name], rules=row[name]))
        out.actions.append(row | {"due": row["due"] or ma.due, "found_by": "both"})
    for i, ma in enumerate(model_actions):
        if i not in used:
            out.actions.append(ma.model_dump() | {"found_by": "model"})
    return out
