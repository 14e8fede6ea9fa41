"""The three jobs (and `ask`) with a model: the deterministic core builds the context, the model talks.

Everything a conversation may read comes in explicitly: the settings, the person's
record, a search function, the brief, a checkpointer. The agent never reaches into
the workspace. Small local models get everything they need in the system prompt;
tools are added only where the settings say the model can use them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from coach.agent.conversations import thread_id
from coach.agent.factory import choose, make_chat_model, tools_enabled
from coach.agent.prompts import data_block, passages_block, render
from coach.agent.session import ChatSession
from coach.agent.tools import ProposalBox, build_tools
from coach.domain import Passage, PersonRecord, Searcher

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langgraph.checkpoint.base import BaseCheckpointSaver

    from coach.config import Settings


async def open_session(
    settings: Settings,
    *,
    job: str,
    person: str | None,
    system_prompt: str,
    model: BaseChatModel | None = None,
    checkpointer: BaseCheckpointSaver | None = None,
    search: Searcher | None = None,
    record: Callable[[], PersonRecord] | None = None,
    brief: str | None = None,
    with_tools: bool = True,
    opening: str | None = None,
    history: Sequence[BaseMessage] = (),
    present: Callable[[], bool] | None = None,
) -> ChatSession:
    """A ChatSession for `person` and `job`, resumed from `checkpointer` when one is given.

    Tools (search, the brief, open actions, proposals to memory) are bound only when the model can call
    them; `record` reads the person afresh for each tool call. `present` says whether the person is still in
    memory: once they are forgotten the session ends and saves nothing more (see ChatSession).
    """
    choice = choose(settings)
    chat = model if model is not None else make_chat_model(settings)
    proposals = ProposalBox()
    tools: Sequence[Any] = ()
    if (
        with_tools
        and person is not None
        and (model is not None or tools_enabled(settings))
        and settings.llm_tools is not False
    ):
        tools = build_tools(
            person=person,
            proposals=proposals,
            search=search,
            record=record,
            brief=(lambda: brief) if brief else None,
        )

    async def close() -> None:
        if checkpointer is not None:
            await checkpointer.conn.close()  # type: ignore[attr-defined]

    return ChatSession(
        chat,
        system_prompt=system_prompt,
        thread_id=thread_id(person, job),
        checkpointer=checkpointer,
        tools=tools,
        proposals=proposals,
        context_tokens=settings.llm_context_tokens,
        base_url=choice.base_url,
        model_name=choice.model,
        on_close=close,
        opening=opening,
        history=history,
        present=present,
        person=person,
    )


def prep_prompt(record: PersonRecord, brief: str) -> str:
    return render(
        "coach",
        person_label=record.person.name,
        brief=data_block("brief", brief, person=record.person.name),
        passages="",
    )


def debrief_prompt(record: PersonRecord, brief: str, notes: str) -> str:
    return render(
        "debrief",
        person_label=record.person.name,
        brief=data_block("brief", brief),
        notes=data_block("notes", notes) if notes.strip() else "",
    )


def ask_prompt(question: str, passages: list[Passage], person: PersonRecord | None) -> str:
    who = ""
    if person is not None:
        p = person.person
        who = data_block("person", f"{p.name}: {p.relationship.value}, {p.role or 'no role given'}, level {p.level}")
    return render("ask", person=who, passages=passages_block(passages))


def ask_history(earlier: Sequence[tuple[str, str]]) -> list[BaseMessage]:
    """Earlier (question, answer) pairs of one Ask conversation, as the model's history for a follow-up."""
    return [m for q, a in earlier for m in (HumanMessage(q), AIMessage(a))]
