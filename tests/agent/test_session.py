"""The chat session: streaming, cancel, errors, history kept per person and job, proposals."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from coach.agent.conversations import db_path, forget_person
from coach.agent.errors import LLMError
from coach.config import load_settings
from coach.domain import Person
from coach.workspace import Workspace
from tests.agent.sessions import saved_session
from tests.fake_model import FakeChatModel, tool_call


@pytest.fixture
def ws() -> Workspace:
    w = Workspace(load_settings())
    w.memory.add_person(Person(name="Ann Lee", role="engineer"))
    yield w
    w.close()


@pytest.fixture(params=[True, False], ids=["agent", "plain"])
def with_tools(request: pytest.FixtureRequest) -> bool:
    """The agent graph (tools bound) and the plain chat path must keep the same promises."""
    return bool(request.param)


def _kinds(messages: list) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in messages]


async def test_streams_token_by_token_and_resumes_later(ws: Workspace, with_tools: bool) -> None:
    s = await saved_session(
        ws,
        job="prep",
        person="Ann Lee",
        system_prompt="sys",
        with_tools=with_tools,
        model=FakeChatModel.scripted(["a b c"]),
    )
    chunks = [c async for c in s.stream("hello")]
    assert chunks == ["a ", "b ", "c"]
    await s.aclose()
    again = await saved_session(
        ws, job="prep", person="Ann Lee", system_prompt="sys", with_tools=with_tools, model=FakeChatModel.scripted([])
    )
    assert _kinds(await again.history()) == [("human", "hello"), ("ai", "a b c")]
    other = await saved_session(
        ws, job="debrief", person="Ann Lee", system_prompt="s", with_tools=with_tools, model=FakeChatModel.scripted([])
    )
    assert await other.history() == []
    await again.aclose()
    await other.aclose()
    assert os.stat(db_path(ws.settings.data_dir)).st_mode & 0o777 == 0o600


async def test_cancel_keeps_user_message_and_drops_partial_reply(ws: Workspace, with_tools: bool) -> None:
    model = FakeChatModel.scripted(["one two three four five six", "fine"], delay=0.02)
    s = await saved_session(ws, job="prep", person="Ann Lee", system_prompt="sys", with_tools=with_tools, model=model)
    got = []
    async for chunk in s.stream("first question"):
        got.append(chunk)
        if len(got) == 2:
            s.cancel()
    assert s.cancelled and s.last_reply == ""
    assert _kinds(await s.history()) == [("human", "first question")]
    assert await s.reply("next") == "fine"
    await s.aclose()


async def test_task_cancellation_leaves_history_consistent(ws: Workspace, with_tools: bool) -> None:
    s = await saved_session(
        ws,
        job="prep",
        person="Ann Lee",
        system_prompt="sys",
        with_tools=with_tools,
        model=FakeChatModel.scripted(["x " * 50], delay=0.02),
    )

    async def consume() -> None:
        async for _ in s.stream("hi"):
            pass

    task = asyncio.create_task(consume())
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert _kinds(await s.history()) == [("human", "hi")]
    await s.aclose()


async def test_error_is_one_clear_message_and_retry_sends_again(ws: Workspace, with_tools: bool) -> None:
    import httpx

    model = FakeChatModel.scripted([httpx.ConnectError("refused"), "back again"])
    s = await saved_session(ws, job="prep", person="Ann Lee", system_prompt="sys", with_tools=with_tools, model=model)
    with pytest.raises(LLMError) as err:
        await s.reply("are you there?")
    assert "send your message again" in err.value.message or "reach" in err.value.message
    assert _kinds(await s.history()) == [("human", "are you there?")]
    assert "".join([c async for c in s.retry()]) == "back again"
    assert _kinds(await s.history()) == [("human", "are you there?"), ("ai", "back again")]
    await s.aclose()


async def test_long_history_is_trimmed_for_the_model_not_in_storage(ws: Workspace, monkeypatch) -> None:
    model = FakeChatModel.scripted(["ok"] * 12)
    s = await saved_session(ws, job="prep", person="Ann Lee", system_prompt="sys", model=model)
    from coach.agent.session import ChatSession

    small = ChatSession(
        model, system_prompt="sys", thread_id="t", checkpointer=s.graph.checkpointer, context_tokens=512
    )
    for i in range(10):
        await small.reply(f"message {i} " + "word " * 60)
    last_call = model.calls[-1]
    assert last_call[0].type == "system"
    assert len(last_call) < 21 and last_call[-1].text.startswith("message 9")
    assert len(await small.history()) == 20
    await s.aclose()


async def test_model_proposes_user_accepts_only_then_memory_changes(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Workspace, "search", lambda self, q, k=4, **kw: [])  # no index build (~50 s)
    script = [
        tool_call("propose_action", {"text": "Ann drafts the plan", "owner": "them", "proposed_by": "them"}),
        "I have proposed it.",
    ]
    s = await ws.open_session("prep", "Ann Lee", model=FakeChatModel.scripted(script))
    reply = await s.reply("Ann said she'd draft the plan")
    assert reply == "I have proposed it."
    assert ws.memory.record("Ann Lee").actions == []
    [proposal] = s.proposals.pending
    assert proposal.action is not None and proposal.action.owner.value == "them"
    ws.accept_proposal(s.proposals, proposal.id)
    [saved] = ws.memory.record("Ann Lee").actions
    assert saved.text == "Ann drafts the plan" and not s.proposals.pending
    await s.aclose()


async def test_the_model_can_propose_an_action_someone_else_owns_and_must_name_them(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Workspace, "search", lambda self, q, k=4, **kw: [])
    script = [
        tool_call("propose_action", {"text": "Book the offsite room", "owner": "other"}),  # no name: refused
        tool_call("propose_action", {"text": "Book the offsite room", "owner": "other", "owner_name": " Facilities "}),
        "Proposed.",
    ]
    s = await ws.open_session("prep", "Ann Lee", model=FakeChatModel.scripted(script))
    assert await s.reply("Facilities said they'd book the room") == "Proposed."
    [proposal] = s.proposals.pending
    assert "Facilities (other)" in proposal.summary
    ws.accept_proposal(s.proposals, proposal.id)
    [saved] = ws.memory.record("Ann Lee").actions
    assert (saved.owner.value, saved.owner_name) == ("other", "Facilities")
    await s.aclose()


async def test_forget_removes_the_persons_conversations(ws: Workspace) -> None:
    for job in ("prep", "debrief"):
        s = await saved_session(ws, job=job, person="Ann Lee", system_prompt="s", model=FakeChatModel.scripted(["hey"]))
        await s.reply("Ann's secret project zebra")
        await s.aclose()
    assert forget_person(ws.settings.data_dir, "ann lee") == 2
    raw = b"".join(p.read_bytes() for p in Path(ws.settings.data_dir).glob("conversations.db*"))
    assert b"zebra" not in raw
    s = await saved_session(ws, job="prep", person="Ann Lee", system_prompt="s", model=FakeChatModel.scripted([]))
    assert await s.history() == []
    await s.aclose()


async def test_forgetting_by_first_name_erases_memory_and_conversations(ws: Workspace) -> None:
    s = await saved_session(ws, job="ask", person="Ann Lee", system_prompt="s", model=FakeChatModel.scripted(["ok"]))
    await s.reply("Ann told me about her sister's wedding")
    await s.aclose()
    ws.forget("Ann")  # what the TUI's and the CLI's forget both call
    assert "Ann Lee" not in ws.memory.names()
    raw = b"".join(p.read_bytes() for p in Path(ws.settings.data_dir).glob("conversations.db*"))
    assert b"wedding" not in raw


def test_fake_model_streams_tool_call_chunks() -> None:
    model = FakeChatModel.scripted([tool_call("get_brief", {})])
    chunks = list(model.stream([HumanMessage("x")]))
    assert [c["name"] for chunk in chunks for c in chunk.tool_call_chunks] == ["get_brief"]
    merged = chunks[0]
    for chunk in chunks[1:]:
        merged += chunk
    assert isinstance(merged, AIMessage) and merged.tool_calls[0]["name"] == "get_brief"
