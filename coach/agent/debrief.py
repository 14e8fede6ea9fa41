"""Debrief with a model: structured actions from the notes, merged with the deterministic extractor.

Where the two disagree, neither wins. An action both found but read differently
(owner, proposed by) and an action only one side found are *disputed*: both
readings are kept and the user decides (the TUI's table, the CLI's prompts or
`--resolve`). Nothing disputed is written to memory without that decision.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from coach.agent.errors import LLMError
from coach.agent.prompts import data_block, render

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from coach.config import Settings
    from coach.domain import Action


ATTEMPTS = 3  # model calls allowed for the structured answer before giving up
FIELDS = ("owner", "proposed_by")
Side = Literal["rules", "model"]


class ModelAction(BaseModel):
    """One action as the model reads it from the notes."""

    text: str = Field(description="the action, short")
    owner: Literal["me", "them", "both", "unclear"] = Field(description="me = the manager, them = the other person")
    proposed_by: Literal["me", "them", "unclear"] = "unclear"
    due: dt.date | None = None


class ModelActions(BaseModel):
    """Every action agreed in the meeting."""

    actions: list[ModelAction] = Field(default_factory=list)


class Reading(BaseModel):
    """One side's reading of an action (plain strings: the values of Owner and Proposer)."""

    text: str
    owner: str
    proposed_by: str
    due: dt.date | None = None

    def to_action(self) -> Action:
        from coach.domain import Action, Owner, Proposer

        return Action(text=self.text, owner=Owner(self.owner), proposed_by=Proposer(self.proposed_by), due=self.due)

    def to_json(self) -> dict[str, Any]:
        return {**self.model_dump(), "due": self.due.isoformat() if self.due else None}


class MergedAction(BaseModel):
    """An action after the merge: agreed, or disputed until the user picks a side."""

    found_by: Literal["both", "rules", "model"]
    rules: Reading | None = None
    model: Reading | None = None
    conflicts: list[str] = Field(default_factory=list)  # fields both found but read differently
    disputed: bool = False  # set by `merge`: read differently, or found by one side only

    @property
    def text(self) -> str:
        shown = self.rules or self.model
        assert shown is not None
        return shown.text

    def choose(self, side: Side) -> Reading | None:
        """The action as `side` reads it; None when that side found no such action (so it is dropped)."""
        if self.found_by != "both":
            return self.rules if side == "rules" else self.model
        assert self.rules is not None and self.model is not None
        picked = self.rules if side == "rules" else self.model
        return self.rules.model_copy(
            update={f: getattr(picked, f) for f in self.conflicts} | {"due": self.rules.due or self.model.due}
        )

    def agreed(self) -> Reading:
        """The one reading of an undisputed action."""
        if self.disputed:
            raise ValueError(f"the action {self.text!r} is disputed: the user has to decide")
        reading = self.choose("rules") if self.rules is not None else self.choose("model")
        assert reading is not None
        return reading


class Merged(BaseModel):
    actions: list[MergedAction] = Field(default_factory=list)

    @property
    def disputes(self) -> list[MergedAction]:
        return [a for a in self.actions if a.disputed]

    def resolve(self, side: Side) -> list[Reading]:
        """Every action, each dispute settled for `side` (the user's explicit choice, e.g. `--resolve rules`)."""
        return [r for a in self.actions if (r := a.choose(side) if a.disputed else a.agreed()) is not None]


async def extract_actions(
    model: BaseChatModel, notes: str, person_label: str, *, base_url: str | None = None, model_name: str | None = None
) -> list[ModelAction]:
    """Structured output through a tool call (ToolStrategy), which local OpenAI-compatible servers support.

    Raises LLMError with one clear message when the model cannot be reached or never answers in the schema.
    """
    from langchain.agents import create_agent
    from langchain.agents.structured_output import ToolStrategy
    from langchain_core.messages import HumanMessage
    from langgraph.errors import GraphRecursionError

    from coach.agent.errors import explain

    if not can_extract(model):
        raise LLMError("this model cannot return structured actions (no tool calling)", "unsupported")
    prompt = render("extract", person_label=person_label, notes=data_block("notes", notes))
    try:
        agent: Any = create_agent(model, [], system_prompt=prompt, response_format=ToolStrategy(ModelActions))
        # Without a cap the agent re-asks a model that never calls the schema tool ~10,000 times.
        result = await agent.ainvoke({"messages": [HumanMessage("List the actions.")]}, {"recursion_limit": ATTEMPTS})
    except GraphRecursionError:
        raise LLMError("the model did not return the actions in the expected form", "malformed") from None
    except Exception as exc:
        raise explain(exc, base_url=base_url, model=model_name) from None
    found = result.get("structured_response")
    if not isinstance(found, ModelActions):
        raise LLMError("the model did not return the actions in the expected form", "malformed")
    return list(found.actions)


def can_extract(model: Any) -> bool:
    """Structured extraction needs tool calling; the in-process GGUF model has none."""
    from langchain_core.language_models import BaseChatModel

    bind = getattr(type(model), "bind_tools", None)
    return bind is not None and bind is not BaseChatModel.bind_tools


def _key(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 2)


def _same(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return a.strip().casefold() == b.strip().casefold()
    return len(ka & kb) / len(ka | kb) >= 0.5


def _value(x: Any) -> str:
    return str(getattr(x, "value", x))


def merge(model_actions: list[ModelAction], rule_actions: list[Any]) -> Merged:
    """Union of both lists. A matching pair read differently, or an action only one side found, is disputed.

    An "unclear" from the model is no reading at all, so it never disputes the rules.
    """
    out = Merged()
    used: set[int] = set()
    for ra in rule_actions:
        rules = Reading(text=ra.text, owner=_value(ra.owner), proposed_by=_value(ra.proposed_by), due=ra.due)
        match = next((i for i, ma in enumerate(model_actions) if i not in used and _same(ma.text, ra.text)), None)
        if match is None:
            out.actions.append(MergedAction(found_by="rules", rules=rules, disputed=True))
            continue
        used.add(match)
        model = Reading(**model_actions[match].model_dump())
        conflicts = [f for f in FIELDS if getattr(model, f) not in (getattr(rules, f), "unclear")]
        out.actions.append(
            MergedAction(found_by="both", rules=rules, model=model, conflicts=conflicts, disputed=bool(conflicts))
        )
    for i, ma in enumerate(model_actions):
        if i not in used:
            out.actions.append(MergedAction(found_by="model", model=Reading(**ma.model_dump()), disputed=True))
    return out


def only_rules(rule_actions: list[Any]) -> Merged:
    """The deterministic result as a merge with nothing disputed (offline, or the model failed)."""
    merged = merge([], rule_actions)
    for a in merged.actions:
        a.disputed = False  # no second opinion: nothing to decide
    return merged


def dispute_json(merged: Merged) -> list[dict[str, Any]]:
    """Actions for `--json`: agreed ones once; each dispute as its candidate readings, all flagged, none chosen."""
    out: list[dict[str, Any]] = []
    n = 0
    for a in merged.actions:
        if not a.disputed:
            out.append(a.agreed().to_json() | {"found_by": a.found_by, "disputed": False})
            continue
        n += 1
        for side, reading in (("rules", a.rules), ("model", a.model)):
            if reading is not None:
                entry = {"found_by": a.found_by, "disputed": True, "dispute": n, "source": side}
                out.append(reading.to_json() | entry | {"conflicts": list(a.conflicts)})
    return out


class ModelDebrief(BaseModel):
    """The merged actions, which model read them, and one clear message when it could not."""

    merged: Merged
    model: str | None = None  # None: the offline coach, rules only
    error: str | None = None  # the model failed: `merged` holds the rule-based actions, nothing disputed

    def message(self) -> str | None:
        if self.error is None:
            return None
        return f"The model could not read the notes ({self.error}); these are the rule-based actions only."


async def debrief_actions(
    settings: Settings, rule_actions: list[Any], notes: str, person_label: str, *, model: BaseChatModel | None = None
) -> ModelDebrief:
    """The rule-based actions, merged with the model's reading when a model is configured (or given).

    Never raises for a model failure: it becomes `error` and the rule-based actions stand alone.
    """
    from coach.agent.factory import choose, make_chat_model

    choice = choose(settings)
    if model is None and choice.offline:
        return ModelDebrief(merged=only_rules(rule_actions))
    label = str(getattr(model, "model_name", None) or type(model).__name__) if model is not None else choice.label
    try:
        chat = model if model is not None else make_chat_model(settings)
        found = await extract_actions(chat, notes, person_label, base_url=choice.base_url, model_name=choice.model)
    except Exception as exc:  # whatever went wrong, the rule-based actions stand and the user hears it once
        from coach.agent.errors import explain

        error = explain(exc, base_url=choice.base_url, model=choice.model).message
        return ModelDebrief(merged=only_rules(rule_actions), model=label, error=error)
    return ModelDebrief(merged=merge(found, rule_actions), model=label)
