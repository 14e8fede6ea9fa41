"""The three jobs (and `ask`) with a model: the deterministic core builds the context, the model talks.

Small local models get everything they need in the system prompt; tools are
added only where the settings say the model can use them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from coach.agent.conversations import open_saver, thread_id
from coach.agent.factory import choose, make_chat_model, tools_enabled
from coach.agent.openings import prep_opening
from coach.agent.prompts import data_block, passages_block, render
from coach.agent.session import ChatSession
from coach.agent.tools import ProposalBox, build_tools
from coach.domain import Passage, PersonRecord, Searcher

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from coach.workspace import Workspace


def _search(ws: Workspace) -> Any:
    def search(query: str, k: int = 4) -> list[Passage]:
        try:
            return list(ws.knowledge.search(query, k))
        except Exception:  # the index may be missing or still building; coaching goes on without it
            return []

    return search


def brief_text(record: PersonRecord, search: Any, today: dt.date | None = None) -> str:
    """The deterministic brief as Markdown."""
    from coach.coaching.brief import build_brief

    return str(build_brief(record, today or dt.date.today(), search).to_markdown())


async def open_session(
    ws: Workspace,
    *,
    job: str,
    person: str | None,
    system_prompt: str,
    model: BaseChatModel | None = None,
    persist: bool = True,
    brief: str | None = None,
    with_tools: bool = True,
    opening: str | None = None,
    history: Sequence[BaseMessage] = (),
) -> ChatSession:
    """A ChatSession for `person` and `job`, resumed from data_dir/conversations.db."""
    settings = ws.settings
    choice = choose(settings)
    chat = model if model is not None else make_chat_model(settings)
    saver = await open_saver(settings.data_dir) if persist else None
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
            search=_search(ws),
            record=lambda: ws.memory.record(person),
            brief=(lambda: brief) if brief else None,
        )

    async def close() -> None:
        if saver is not None:
            await saver.conn.close()

    return ChatSession(
        chat,
        system_prompt=system_prompt,
        thread_id=thread_id(person, job),
        checkpointer=saver,
        tools=tools,
        proposals=proposals,
        context_tokens=settings.llm_context_tokens,
        base_url=choice.base_url,
        model_name=choice.model,
        on_close=close,
        opening=opening,
        history=history,
    )


async def prep_session(
    ws: Workspace,
    name: str,
    *,
    model: BaseChatModel | None = None,
    today: dt.date | None = None,
    search: Searcher | None = None,
) -> ChatSession:
    """Prep: the coach opens by asking what the manager wants from this 1:1 (see `prep_opening`).

    `search` cites passages in the brief (default: the workspace's index). The brief is built in a
    thread: the first search may build the index, which must not stall the TUI's event loop.
    """
    from coach.coaching.brief import build_brief

    record = ws.memory.record(name)
    built = await asyncio.to_thread(build_brief, record, today or dt.date.today(), search or _search(ws))
    brief = str(built.to_markdown())
    prompt = render(
        "coach",
        person_label=record.person.name,
        brief=data_block("brief", brief, person=record.person.name),
        passages="",
    )
    return await open_session(
        ws,
        job="prep",
        person=record.person.name,
        system_prompt=prompt,
        model=model,
        brief=brief,
        opening=prep_opening(built),
    )


async def debrief_session(
    ws: Workspace, name: str, notes: str = "", *, model: BaseChatModel | None = None, opening: str | None = None
) -> ChatSession:
    """Debrief interview; `opening` is the question the user already sees (the model asks the follow-ups)."""
    record = ws.memory.record(name)
    brief = await asyncio.to_thread(brief_text, record, _search(ws))
    prompt = render(
        "debrief",
        person_label=record.person.name,
        brief=data_block("brief", brief),
        notes=data_block("notes", notes) if notes.strip() else "",
    )
    return await open_session(
        ws, job="debrief", person=record.person.name, system_prompt=prompt, model=model, opening=opening
    )


def ask_prompt(question: str, passages: list[Passage], person: PersonRecord | None) -> str:
    who = ""
    if person is not None:
        p = person.person
        who = data_block("person", f"{p.name}: {p.relationship.value}, {p.role or 'no role given'}, level {p.level}")
    return render("ask", person=who, passages=passages_block(passages))


async def ask_session(
    ws: Workspace,
    question: str,
    person: str | None = None,
    *,
    model: BaseChatModel | None = None,
    k: int = 4,
    earlier: Sequence[tuple[str, str]] = (),
    search: Searcher | None = None,
) -> tuple[ChatSession, list[Passage]]:
    """A question: passages are retrieved first and placed in the prompt as data.

    `earlier` (question, answer) pairs of the same Ask conversation go to the model as history, so a
    follow-up reads in context; Ask conversations are not saved.
    """
    record = ws.memory.record(person) if person else None
    passages = await asyncio.to_thread(search or _search(ws), question, k)  # the first search may build the index
    prompt = ask_prompt(question, passages, record)
    history = [m for q, a in earlier for m in (HumanMessage(q), AIMessage(a))]
    session = await open_session(
        ws, job="ask", person=None, system_prompt=prompt, model=model, persist=False, history=history
    )
    return session, passages
