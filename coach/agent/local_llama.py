"""A GGUF file run in process (`pip install coach[local]`), behind the same chat-model interface.

Deliberately small: plain chat with streaming, no tool calling (the jobs do
not need tools; small models do better without them).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict

from coach.agent.errors import LLMError

_ROLES = {"human": "user", "ai": "assistant", "system": "system", "tool": "tool"}


def _payload(messages: list[BaseMessage]) -> list[dict[str, str]]:
    return [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in messages]


class LocalLlamaChat(BaseChatModel):
    """llama_cpp.Llama.create_chat_completion as a LangChain chat model."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    llama: Any
    max_tokens: int = 512
    temperature: float = 0.7
    lock: Any = None

    @classmethod
    def from_path(cls, path: Path, n_ctx: int = 4096) -> LocalLlamaChat:
        try:
            from llama_cpp import Llama
        except ImportError:
            raise LLMError("llm_gguf_path needs the local extra: pip install 'coach[local]'", "setup") from None
        if not path.is_file():
            raise LLMError(f"the model file {path} does not exist", "model")
        try:
            llama = Llama(model_path=str(path), n_ctx=n_ctx, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise LLMError(f"cannot load the model file {path}: {exc}", "model") from None
        return cls(llama=llama, lock=threading.Lock())

    @property
    def _llm_type(self) -> str:
        return "coach-llama-cpp"

    def _params(self, stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        return {"max_tokens": kwargs.get("max_tokens", self.max_tokens), "temperature": self.temperature, "stop": stop}

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self.lock:
            out = self.llama.create_chat_completion(messages=_payload(messages), **self._params(stop, kwargs))
        text = out["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self.lock:
            stream = self.llama.create_chat_completion(
                messages=_payload(messages), stream=True, **self._params(stop, kwargs)
            )
            for part in stream:
                text = part["choices"][0].get("delta", {}).get("content") or ""
                if text:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=text))
                    if run_manager:
                        run_manager.on_llm_new_token(text, chunk=chunk)
                    yield chunk

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        """Generation runs in a thread; tokens cross to the loop through a queue, so the UI stays live."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[ChatGenerationChunk | BaseException | None] = asyncio.Queue()
        stop_flag = threading.Event()

        def work() -> None:
            try:
                for chunk in self._stream(messages, stop, None, **kwargs):
                    if stop_flag.is_set():
                        break
                    loop.call_soon_threadsafe(queue.put_nowait, chunk)
                loop.call_soon_threadsafe(queue.put_nowait, None)
            except BaseException as exc:
                loop.call_soon_threadsafe(queue.put_nowait, exc)

        worker = loop.run_in_executor(None, work)
        try:
            while (item := await queue.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                if run_manager and isinstance(item.message.content, str):
                    await run_manager.on_llm_new_token(item.message.content, chunk=item)
                yield item
        finally:
            stop_flag.set()
            if worker.done():
                await worker
