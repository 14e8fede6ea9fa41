"""A scripted chat model for tests (agent and TUI): streams text and tool calls like a real one.

`FakeChatModel.scripted(["Hello there", AIMessage(tool_calls=[...]), RuntimeError("boom")])`
answers each model call with the next item: text is streamed word by word,
tool calls arrive as tool-call chunks, an exception is raised.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import LanguageModelInput
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

Script = str | AIMessage | BaseException


def tool_call(name: str, args: dict[str, Any], call_id: str = "call_1") -> AIMessage:
    """A scripted reply that calls one tool."""
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}])


class FakeChatModel(GenericFakeChatModel):
    """GenericFakeChatModel plus bind_tools, tool-call streaming, errors and a per-token delay."""

    delay: float = 0.0
    calls: list[list[BaseMessage]] = Field(default_factory=list)
    bound_tools: list[dict[str, Any]] = Field(default_factory=list)

    @classmethod
    def scripted(cls, script: Sequence[Script], delay: float = 0.0) -> FakeChatModel:
        return cls(messages=iter(list(script)), delay=delay)

    @property
    def _llm_type(self) -> str:
        return "coach-fake"

    def bind_tools(
        self, tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool], **kwargs: Any
    ) -> Runnable[LanguageModelInput, AIMessage]:
        self.bound_tools = [convert_to_openai_tool(t) for t in tools]
        return self

    def _next(self, messages: list[BaseMessage]) -> AIMessage:
        self.calls.append(list(messages))
        item: Any = next(self.messages)
        if isinstance(item, BaseException):
            raise item
        return AIMessage(content=item) if isinstance(item, str) else item

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._next(messages))])

    @staticmethod
    def _chunks(message: AIMessage) -> Iterator[AIMessageChunk]:
        text = message.content if isinstance(message.content, str) else ""
        words = [w for w in text.split(" ")]
        for i, word in enumerate(words):
            token = word if i == len(words) - 1 else word + " "
            if token:
                yield AIMessageChunk(content=token, id=message.id)
        for index, call in enumerate(message.tool_calls):
            yield AIMessageChunk(
                content="",
                id=message.id,
                tool_call_chunks=[
                    {
                        "name": call["name"],
                        "args": json.dumps(call["args"]),
                        "id": call["id"],
                        "index": index,
                        "type": "tool_call_chunk",
                    }
                ],
            )

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for chunk in self._chunks(self._next(messages)):
            if run_manager and isinstance(chunk.content, str):
                run_manager.on_llm_new_token(chunk.content, chunk=ChatGenerationChunk(message=chunk))
            yield ChatGenerationChunk(message=chunk)

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        for chunk in self._chunks(self._next(messages)):
            if self.delay:
                await asyncio.sleep(self.delay)
            if run_manager and isinstance(chunk.content, str):
                await run_manager.on_llm_new_token(chunk.content, chunk=ChatGenerationChunk(message=chunk))
            yield ChatGenerationChunk(message=chunk)
