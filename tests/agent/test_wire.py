"""Through the real OpenAI client to a canned loopback server: headers, secrets, error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.agent.errors import LLMError
from coach.config import load_settings
from coach.domain import Person
from coach.workspace import Workspace
from tests.agent.canned import canned_server
from tests.agent.sessions import saved_session

KEY = "sk-distinctive-c0ach-4e1f"


def _ws(url: str, **extra: object) -> Workspace:
    ws = Workspace(load_settings(**({"llm_base_url": url, "llm_model": "m", "llm_max_retries": 0} | extra)))
    ws.memory.add_person(Person(name="Bo"))
    return ws


async def test_openai_key_never_goes_to_a_local_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    with canned_server() as server:
        ws = _ws(server.url)
        s = await saved_session(ws, job="prep", person="Bo", system_prompt="sys")
        assert await s.reply("hi") == "Hello from canned."
        await s.aclose()
        ws.close()
    [headers] = server.seen
    assert "sk-test-secret" not in str(headers)
    assert headers["authorization"] == "Bearer not-needed"


async def test_configured_key_is_sent_but_never_stored(tmp_data_dir: Path) -> None:
    with canned_server() as server:
        ws = _ws(server.url, llm_api_key=KEY)
        s = await saved_session(ws, job="prep", person="Bo", system_prompt="sys")
        await s.reply("remember this")
        await s.aclose()
        ws.close()
    assert server.seen[0]["authorization"] == f"Bearer {KEY}"
    files = [p for p in tmp_data_dir.rglob("*") if p.is_file()]
    assert any(p.name == "conversations.db" for p in files)
    for path in files:
        assert KEY.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("status", "words"),
    [(401, "refused the API key"), (404, "does not know the model"), (500, "HTTP 500"), (429, "rate limiting")],
)
async def test_server_errors_become_one_clear_message(status: int, words: str) -> None:
    with canned_server(status=status) as server:
        ws = _ws(server.url)
        s = await saved_session(ws, job="prep", person="Bo", system_prompt="sys")
        with pytest.raises(LLMError, match=words):
            await s.reply("hello?")
        assert [m.text for m in await s.history()] == ["hello?"]
        await s.aclose()
        ws.close()


async def test_overloaded_server_is_retried_with_backoff() -> None:
    with canned_server(fail_first=2) as server:
        ws = _ws(server.url, llm_max_retries=2)
        s = await saved_session(ws, job="prep", person="Bo", system_prompt="sys")
        assert await s.reply("hello?") == "Hello from canned."
        await s.aclose()
        ws.close()
    assert len(server.seen) == 3  # two 503s, then the answer


async def test_rate_limit_that_persists_ends_in_one_clear_message_after_retries() -> None:
    with canned_server(status=429) as server:
        ws = _ws(server.url, llm_max_retries=1)
        s = await saved_session(ws, job="prep", person="Bo", system_prompt="sys")
        with pytest.raises(LLMError, match="rate limiting"):
            await s.reply("hello?")
        await s.aclose()
        ws.close()
    assert len(server.seen) == 2


async def test_malformed_stream_is_a_clear_error() -> None:
    with canned_server(raw=b"data: {not json\n\n") as server:
        ws = _ws(server.url)
        s = await saved_session(ws, job="prep", person="Bo", system_prompt="sys")
        with pytest.raises(LLMError, match=r"could not read|broke off|failed"):
            await s.reply("hello?")
        await s.aclose()
        ws.close()


async def test_server_down_is_unreachable() -> None:
    ws = _ws("http://127.0.0.1:9/v1")
    s = await saved_session(ws, job="prep", person="Bo", system_prompt="sys")
    with pytest.raises(LLMError, match="cannot reach"):
        await s.reply("hello?")
    await s.aclose()
    ws.close()
