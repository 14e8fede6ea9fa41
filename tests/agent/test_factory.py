"""Which model, which key: OPENAI_API_KEY never goes to another host."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from coach.agent.errors import LLMError
from coach.agent.factory import DUMMY_KEY, api_key, choose, make_chat_model, tools_enabled
from coach.config import load_settings


def test_no_model_means_offline_said_plainly() -> None:
    choice = choose(load_settings())
    assert choice.offline and "no model is configured" in choice.reason
    with pytest.raises(LLMError, match="offline"):
        make_chat_model(load_settings())


def test_offline_flag_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_LLM_MODEL", "m")
    assert choose(load_settings(offline=True)).offline


def test_local_endpoint_gets_dummy_key_not_openai_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    s = load_settings(llm_base_url="http://localhost:11434/v1", llm_model="llama3")
    assert api_key(s).get_secret_value() == DUMMY_KEY
    assert not tools_enabled(s)


def test_openai_host_uses_openai_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    s = load_settings(llm_model="gpt-4o-mini")
    assert api_key(s).get_secret_value() == "sk-test-secret"
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(LLMError, match="needs a key"):
        api_key(s)


def test_key_is_secret_end_to_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_LLM_API_KEY", "sk-distinctive-7f3a")
    monkeypatch.setenv("COACH_LLM_MODEL", "m")
    monkeypatch.setenv("COACH_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    s = load_settings()
    assert isinstance(s.llm_api_key, SecretStr)
    assert "sk-distinctive-7f3a" not in repr(s) and "sk-distinctive-7f3a" not in str(s.model_dump())
    model = make_chat_model(s)
    assert "sk-distinctive-7f3a" not in repr(model)
    assert isinstance(model.openai_api_key, SecretStr)  # type: ignore[attr-defined]


async def test_conversations_share_a_model_only_when_it_is_the_same_model_host_and_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-secret")
    openai = load_settings(llm_model="gpt-4o-mini")
    local = load_settings(llm_model="gpt-4o-mini", llm_base_url="http://127.0.0.1:8080/v1")
    first, again = make_chat_model(openai), make_chat_model(openai)
    other = make_chat_model(local)
    assert first is again  # a new conversation reuses the model (and its open connection)
    assert other is not first
    assert other.openai_api_key.get_secret_value() == DUMMY_KEY  # type: ignore[attr-defined]
    assert make_chat_model(local, timeout=3) is not other  # a different timeout is a different model
