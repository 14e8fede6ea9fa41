"""A streamed conversation with the model, saved per person and job.

The graph is LangChain's `create_agent` (tools optional: small local models get
plain chat, which streams from the model directly and keeps the graph's storage).
Turns are checkpointed with `durability="exit"` (one write per
turn, off the time-to-first-token path); LangGraph still saves on error and on
cancellation, so a failed or cancelled reply leaves the user's message in the
history, drops the partial reply, and `retry()` asks again (tests check this).
Long histories are trimmed for the model, never in storage.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

from langchain.agents import create_agent
from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, SystemMessage
from langchain_core.messages.utils import count_tokens_approximately, trim_messages
from langchain_core.tools import BaseTool
from langgraph.checkpoint.base import BaseCheckpointSaver

from coach.agent.errors import LLMError, explain
from coach.agent.tools import ProposalBox
from coach.errors import PersonGone

_DONE = object()


def fit(messages: list[Any], system: BaseMessage | None, max_tokens: int) -> list[Any]:
    """The newest turns that fit the context window, starting on a user turn (`messages` itself if all fit)."""
    budget = max(64, max_tokens - (count_tokens_approximately([system]) if system else 0) - min(1024, max_tokens // 4))
    if count_tokens_approximately(messages) <= budget:
        return messages
    kept = trim_messages(
        messages,
        max_tokens=budget,
        token_counter=count_tokens_approximately,
        strategy="last",
        start_on="human",
        allow_partial=False,
    )
    return list(kept) or messages[-1:]


class TrimHistory(AgentMiddleware):
    """Fit the conversation into the context window: keep the newest turns, start on a user turn."""

    def __init__(self, max_tokens: int) -> None:
        super().__init__()
        self.max_tokens = max_tokens

    def _trim(self, request: ModelRequest) -> ModelRequest:
        kept = fit(request.messages, request.system_message, self.max_tokens)
        return request if kept is request.messages else request.override(messages=kept)

    def wrap_model_call(self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]) -> Any:
        return handler(self._trim(request))

    async def awrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], Awaitable[ModelResponse]]
    ) -> Any:
        return await handler(self._trim(request))


class ChatSession:
    """One conversation: `stream(text)` yields the reply's text as it arrives."""

    def __init__(
        self,
        model: BaseChatModel,
        *,
        system_prompt: str,
        thread_id: str | None = None,
        checkpointer: BaseCheckpointSaver | None = None,
        tools: Sequence[BaseTool] = (),
        proposals: ProposalBox | None = None,
        context_tokens: int = 8192,
        base_url: str | None = None,
        model_name: str | None = None,
        on_close: Callable[[], Awaitable[None]] | None = None,
        opening: str | None = None,
        history: Sequence[BaseMessage] = (),
        present: Callable[[], bool] | None = None,
        person: str | None = None,
    ) -> None:
        self.model = model
        # Is the person this conversation is about still in memory? Asked before each turn and after it:
        # once another program has forgotten them, the session ends and writes nothing more.
        self._present = present
        self.person = person
        # The coach's first message, shown before the user types: it opens a new thread as an AI turn,
        # so the model answers the manager's reply to it (small models need not compose the opening).
        self.opening = opening
        self.system_prompt = system_prompt
        self.thread_id = thread_id or "scratch"
        self.proposals = proposals or ProposalBox()
        self.base_url = base_url
        self.model_name = model_name
        self.last_reply = ""
        self.cancelled = False
        self._task: asyncio.Task[None] | None = None
        self._on_close = on_close
        self.graph: Any = create_agent(
            model,
            list(tools),
            system_prompt=system_prompt,
            middleware=[TrimHistory(context_tokens)],
            checkpointer=checkpointer,
        )
        self._persist = checkpointer is not None
        # Plain chat (no tools) goes straight to the model: see _plain_turn.
        self._plain = not tools
        self._context_tokens = context_tokens
        self._history: list[BaseMessage] | None = None  # the saved turns, once read
        if history and (checkpointer is not None or tools):
            raise ValueError("a starting history is for unsaved plain chat only")
        self._seed = list(history)  # an unsaved conversation's earlier turns (Ask follow-ups)

    @property
    def _config(self) -> dict[str, Any]:
        return {"configurable": {"thread_id": self.thread_id}, "recursion_limit": 12}

    def stream(self, text: str) -> AsyncIterator[str]:
        """Send the user's message; yield the coach's reply chunk by chunk."""
        return self._run({"messages": [HumanMessage(text)]}, first=True)

    def retry(self) -> AsyncIterator[str]:
        """Ask again after a failed or cancelled reply (the user's message is still in the history)."""
        return self._run(None)

    async def reply(self, text: str) -> str:
        """The whole reply at once (tests, scripts)."""
        return "".join([chunk async for chunk in self.stream(text)])

    def cancel(self) -> None:
        """Stop the reply in progress; the stream ends quietly and the partial reply is dropped."""
        if self._task is not None and not self._task.done():
            self.cancelled = True
            self._task.cancel()

    async def _gone(self) -> bool:
        """True (and this thread's saved turns deleted) when the person was forgotten under the session."""
        if self._present is None or self._present():
            return False
        self._history = None
        if self._persist:
            await self.graph.checkpointer.adelete_thread(self.thread_id)
        return True

    async def _run(self, graph_input: dict[str, Any] | None, first: bool = False) -> AsyncIterator[str]:
        if self._present is not None and not self._present():  # before anything is written
            raise PersonGone(self.person or "")
        if first and self.opening and graph_input is not None and not await self.history():
            graph_input = {"messages": [AIMessage(self.opening), *graph_input["messages"]]}
        queue: asyncio.Queue[object] = asyncio.Queue()
        self.cancelled = False
        self.last_reply = ""

        async def pump() -> None:
            try:
                if self._plain:
                    await self._plain_turn(list(graph_input["messages"]) if graph_input else [], queue)
                    queue.put_nowait(_DONE)
                    return
                kwargs: dict[str, Any] = {"stream_mode": "messages"}
                if self._persist:
                    kwargs["durability"] = "exit"
                async for message, meta in self.graph.astream(graph_input, self._config, **kwargs):
                    if meta.get("langgraph_node") == "model" and isinstance(message, AIMessageChunk | AIMessage):
                        text = message.text
                        if text:
                            queue.put_nowait(text)
                queue.put_nowait(_DONE)
            except asyncio.CancelledError:
                queue.put_nowait(_DONE)
                raise
            except Exception as exc:
                queue.put_nowait(explain(exc, base_url=self.base_url, model=self.model_name))

        self._task = asyncio.create_task(pump())
        parts: list[str] = []
        try:
            while True:
                item = await queue.get()
                if item is _DONE:
                    break
                if isinstance(item, LLMError):
                    raise item
                assert isinstance(item, str)
                parts.append(item)
                yield item
        finally:
            if not self._task.done():
                self.cancelled = True
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await self._task
            self.last_reply = "" if self.cancelled else "".join(parts)
            gone = await self._gone()  # forgotten while the reply streamed: what this turn saved goes too
        if gone:
            raise PersonGone(self.person or "")

    async def _plain_turn(self, new: list[BaseMessage], queue: asyncio.Queue[object]) -> None:
        """One turn without the agent graph, which adds ~2 ms before the request (pregel set-up, callbacks).

        Same storage as the graph (its checkpointed "messages"), same promises: the user's message is
        saved - while the request is in flight - even if the reply fails or is cancelled; the reply is
        saved only when complete; the history is trimmed for the model, never in storage.
        """
        if self._history is None:
            self._history = await self.history()
        messages = [*self._history, *new]
        self._history = messages
        saving = asyncio.create_task(self._save(new)) if new else None
        system = SystemMessage(self.system_prompt)
        parts: list[str] = []
        try:
            async for chunk in self.model.astream([system, *fit(messages, system, self._context_tokens)]):
                text = chunk.text
                if text:
                    parts.append(text)
                    queue.put_nowait(text)
        finally:
            if saving is not None:
                await asyncio.shield(saving)
        reply = AIMessage("".join(parts))
        await self._save([reply])
        self._history = [*messages, reply]

    async def _save(self, messages: list[BaseMessage]) -> None:
        if self._persist and messages:
            await self.graph.aupdate_state(self._config, {"messages": messages}, as_node="model")

    async def history(self) -> list[BaseMessage]:
        """The saved conversation (user and coach turns, tool traffic included); none once the person is gone."""
        if self._present is not None and not self._present():
            return []
        if not self._persist:
            return list(self._history if self._history is not None else self._seed)
        state = await self.graph.aget_state(self._config)
        return list(state.values.get("messages", [])) if state and state.values else []

    async def clear(self) -> None:
        """Drop this thread's saved history (a new rehearsal must not inherit the last one)."""
        self._history = None
        if self._persist:
            await self.graph.checkpointer.adelete_thread(self.thread_id)

    async def aclose(self) -> None:
        if self._on_close is not None:
            await self._on_close()
            self._on_close = None
