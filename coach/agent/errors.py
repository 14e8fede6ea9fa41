"""One clear message for every way talking to a model can fail.

The chat client raises many kinds of exceptions (openai, httpx, llama_cpp);
the user sees one line that says what to check, never a traceback.
"""

from __future__ import annotations

import asyncio
import json

from coach.errors import CoachError


class LLMError(CoachError):
    """The model could not answer. `kind` lets callers (doctor, the TUI) react without parsing text."""

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind


def _where(base_url: str | None) -> str:
    return base_url or "the OpenAI API"


def explain(exc: BaseException, *, base_url: str | None, model: str | None) -> LLMError:
    """Turn any client exception into an LLMError that says what to check."""
    if isinstance(exc, LLMError):
        return exc
    where = _where(base_url)
    try:
        import openai
    except ImportError:  # pragma: no cover - langchain-openai depends on it
        openai = None  # type: ignore[assignment]
    import httpx

    if openai is not None:
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            return LLMError(f"the model server at {where} refused the API key; check COACH_LLM_API_KEY", "auth")
        if isinstance(exc, openai.NotFoundError):
            return LLMError(
                f"the model server at {where} does not know the model {model!r}; check COACH_LLM_MODEL", "model"
            )
        if isinstance(exc, openai.RateLimitError):
            return LLMError(f"the model server at {where} is rate limiting requests; try again shortly", "rate")
        if isinstance(exc, openai.APITimeoutError):
            return LLMError(f"the model server at {where} did not answer in time", "timeout")
        if isinstance(exc, openai.APIConnectionError):
            return LLMError(f"cannot reach the model server at {where}: is it running?", "unreachable")
        if isinstance(exc, openai.APIStatusError):
            return LLMError(f"the model server at {where} answered with HTTP {exc.status_code}", "server")
    if isinstance(exc, httpx.TimeoutException | TimeoutError | asyncio.TimeoutError):
        return LLMError(f"the model server at {where} did not answer in time", "timeout")
    if isinstance(exc, httpx.TransportError | ConnectionError):
        return LLMError(f"the connection to the model server at {where} broke off; send your message again", "broken")
    if isinstance(exc, json.JSONDecodeError | ValueError | KeyError | TypeError):
        return LLMError(f"the model server at {where} sent a reply coach could not read", "malformed")
    return LLMError(f"the model failed: {type(exc).__name__}: {str(exc)[:200]}", "other")
