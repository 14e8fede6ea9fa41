"""Which chat model to talk to: an OpenAI-compatible endpoint, a local GGUF file, or none.

Any server that speaks the OpenAI chat API works (OpenAI, Ollama, vLLM, LM
Studio, llama.cpp's server). OPENAI_API_KEY is only ever sent to OpenAI's own
host: a local endpoint gets a dummy key so the client does not complain.
"""

from __future__ import annotations

import asyncio
import os
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from pydantic import SecretStr

from coach.agent.errors import LLMError
from coach.config import Settings

if TYPE_CHECKING:
    import httpx
    from langchain_core.language_models import BaseChatModel

OPENAI_URL = "https://api.openai.com/v1"
DUMMY_KEY = "not-needed"


@dataclass(frozen=True)
class ModelChoice:
    """What the settings ask for, decided without importing LangChain."""

    kind: str  # "offline" | "openai" | "gguf"
    model: str | None = None
    base_url: str | None = None
    reason: str = ""

    @property
    def offline(self) -> bool:
        return self.kind == "offline"

    @property
    def label(self) -> str:
        if self.kind == "gguf":
            return f"{self.model} (in process)"
        if self.kind == "openai":
            return f"{self.model} at {self.base_url}"
        return "offline coach"


def is_openai_host(base_url: str | None) -> bool:
    if not base_url:
        return True
    return (urlparse(base_url).hostname or "").lower() == "api.openai.com"


def choose(settings: Settings) -> ModelChoice:
    if settings.offline:
        return ModelChoice("offline", reason="offline mode is on (--offline, COACH_OFFLINE or the config file)")
    if settings.llm_gguf_path is not None:
        return ModelChoice("gguf", model=settings.llm_gguf_path.name, reason="llm_gguf_path is set")
    if not settings.llm_model:
        return ModelChoice("offline", reason="no model is configured (set COACH_LLM_MODEL)")
    base = settings.llm_base_url or OPENAI_URL
    return ModelChoice("openai", model=settings.llm_model, base_url=base.rstrip("/"))


def api_key(settings: Settings) -> SecretStr:
    """The key for this endpoint; OPENAI_API_KEY never leaves for another host."""
    if settings.llm_api_key is not None:
        return settings.llm_api_key
    if is_openai_host(settings.llm_base_url):
        env = os.environ.get("OPENAI_API_KEY")
        if not env:
            raise LLMError("the OpenAI API needs a key: set COACH_LLM_API_KEY or OPENAI_API_KEY", "auth")
        return SecretStr(env)
    return SecretStr(DUMMY_KEY)


def tools_enabled(settings: Settings) -> bool:
    """Tool calling is an extra: on for OpenAI itself, off for local servers unless asked for."""
    if settings.llm_tools is not None:
        return settings.llm_tools
    return settings.llm_gguf_path is None and is_openai_host(settings.llm_base_url)


def make_chat_model(
    settings: Settings, *, timeout: float | None = None, max_retries: int | None = None
) -> BaseChatModel:
    """Build the chat model the settings describe. Raises LLMError when offline."""
    choice = choose(settings)
    if choice.kind == "offline":
        raise LLMError(f"the offline coach is in use: {choice.reason}", "offline")
    if choice.kind == "gguf":
        from coach.agent.local_llama import LocalLlamaChat

        assert settings.llm_gguf_path is not None
        return LocalLlamaChat.from_path(settings.llm_gguf_path, n_ctx=settings.llm_context_tokens)
    from langchain_openai import ChatOpenAI

    key = api_key(settings)
    wait = timeout if timeout is not None else settings.llm_timeout
    retries = settings.llm_max_retries if max_retries is None else max_retries
    usage = is_openai_host(settings.llm_base_url)
    cache = _loop_cache()
    # The key is part of the cache key in memory only; nothing here is ever written out.
    ident = (choice.model, choice.base_url, key.get_secret_value(), wait, retries, usage)
    if cache is not None and ident in cache:
        return cache[ident]
    chat = ChatOpenAI(
        http_async_client=_async_http_client(),
        model=choice.model or "",
        base_url=choice.base_url,
        api_key=key,
        organization=None,
        timeout=wait,
        max_retries=retries,
        streaming=True,
        stream_usage=usage,
    )
    if cache is not None:
        cache[ident] = chat
    return chat


_HTTP_CLIENTS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, httpx.AsyncClient] = weakref.WeakKeyDictionary()
_MODELS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple[object, ...], BaseChatModel]] = (
    weakref.WeakKeyDictionary()
)


def _loop_cache() -> dict[tuple[object, ...], BaseChatModel] | None:
    """Chat models made on the running event loop, by what they were made from.

    A conversation reuses the model object of the last one: LangChain serialises a model for its
    callbacks once per object (~0.75 ms on the first message of every new conversation otherwise).
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return _MODELS.setdefault(loop, {})


def _async_http_client() -> httpx.AsyncClient:
    """One HTTP client per event loop, shared by every chat model made on it.

    Not the library's global one: that is tied to the first event loop that used it. Sharing keeps
    the connection to the model server open between conversations (a new client per session paid a
    TCP connect and ~17 ms of TLS setup each time). The client holds no key: each request carries it.
    """
    import httpx

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # built outside a loop: it will be used on whichever loop runs it
        return httpx.AsyncClient()
    client = _HTTP_CLIENTS.get(loop)
    if client is None or client.is_closed:
        client = _HTTP_CLIENTS[loop] = httpx.AsyncClient()
    return client
