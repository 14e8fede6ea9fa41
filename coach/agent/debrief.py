"""Debrief with a model: the model's structured reading of the notes.

The workspace merges it with the rule-based reading (`coach.coaching.debrief.disputes`),
where every disagreement is left for the user to decide.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field, model_validator

from coach.agent.errors import LLMError
from coach.agent.prompts import data_block, render

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from coach.config import Settings


ATTEMPTS = 3  # model calls allowed for the structured answer before giving up


class ModelAction(BaseModel):
    """One action as the model reads it from the notes."""

    text: str = Field(description="the action, short, starting at its verb")
    owner: Literal["me", "them", "both", "other", "unclear"] = Field(
        description="me = the manager, them = the other person, other = a named third person or team"
    )
    owner_name: str | None = Field(default=None, description="who, when owner is other (e.g. Tom, legal)")
    proposed_by: Literal["me", "them", "unclear"] = "unclear"
    due: dt.date | None = None

    @model_validator(mode="after")
    def _named(self) -> ModelAction:
        """A third person without a name is no reading of the owner; a name without 'other' is dropped."""
        if self.owner == "other" and not (self.owner_name or "").strip():
            self.owner = "unclear"
        if self.owner != "other":
            self.owner_name = None
        return self


class ModelActions(BaseModel):
    """Every action agreed in the meeting."""

    actions: list[ModelAction] = Field(default_factory=list)


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


class ModelReading(BaseModel):
    """What the model read in the notes, or one clear message when it could not."""

    model: str  # which model read them
    actions: list[ModelAction] = Field(default_factory=list)
    error: str | None = None  # the model failed: only the rules' reading stands


async def read_notes(
    settings: Settings, notes: str, person_label: str, *, model: BaseChatModel | None = None
) -> ModelReading | None:
    """The model's reading of the notes; None for the offline coach (no model configured or given).

    Never raises for a model failure: it becomes `error`, and the rules' reading stands alone.
    """
    from coach.agent.factory import choose, make_chat_model

    choice = choose(settings)
    if model is None and choice.offline:
        return None
    label = str(getattr(model, "model_name", None) or type(model).__name__) if model is not None else choice.label
    try:
        chat = model if model is not None else make_chat_model(settings)
        found = await extract_actions(chat, notes, person_label, base_url=choice.base_url, model_name=choice.model)
    except Exception as exc:  # whatever went wrong, the user hears it once
        from coach.agent.errors import explain

        return ModelReading(model=label, error=explain(exc, base_url=choice.base_url, model=choice.model).message)
    return ModelReading(model=label, actions=found)
