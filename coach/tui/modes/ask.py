"""Ask: a free conversation with the coach, with citations.

Offline there is no one to converse with, so the reply is the best passages for
the question, labelled plainly as search results. With a model, each question
gets the best passages in its prompt and the reply ends with their sources.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from coach.domain import Passage
from coach.tui.chat import ChatPanel, md_escape


def offline_answer(hits: list[Passage], question: str) -> str:
    head = f"**Search results** for “{md_escape(question)}” — the offline coach finds passages; it does not answer.\n\n"
    if not hits:
        return head + "Nothing in the knowledge index matches (is the index built? try `coach knowledge list`)."
    items = [
        f"{i}. **{md_escape(p.title)}** — *{md_escape(p.source)}*\n\n   {md_escape(' '.join(p.text.split())[:280])}…"
        for i, p in enumerate(hits, 1)
    ]
    return head + "\n".join(items)


def sources(passages: list[Passage]) -> str:
    if not passages:
        return ""
    return "**Sources:** " + "; ".join(f"[{i}] {md_escape(p.title)} — *{md_escape(p.source)}*" for i, p in
                                       enumerate(passages, 1))  # fmt: skip


class AskMode(Vertical):
    def compose(self) -> ComposeResult:
        yield Label("Ask the coach anything about managing people.", classes="section")
        yield ChatPanel(
            "ask",
            "Your question (Enter to ask, Esc to cancel the reply)…",
            self._offline,
            self._open_session,
            reuse=False,
            id="ask-chat",
        )

    def _offline(self, question: str) -> str:
        return offline_answer(self.app.search(question, 4), question)  # type: ignore[attr-defined]

    async def _open_session(self, question: str) -> tuple[Any, str]:
        from coach.agent.jobs import ask_session

        app: Any = self.app
        session, passages = await ask_session(app.ws, question, app.selected, model=app.chat_model)
        return session, sources(passages)
