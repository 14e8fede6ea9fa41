"""Ask: a free conversation with the coach, with citations.

Offline there is no one to converse with, so the reply is the best passages for
the question, labelled plainly as search results. With a model, each question
gets the best passages in its prompt and the reply ends with their sources; the
questions and answers so far go with it, so a follow-up ("and if she says no?")
is read in context. F6 starts a new conversation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from coach.domain import Passage, PersonRecord
from coach.errors import CoachError
from coach.textsafe import md_escape
from coach.tui.chat import ChatPanel
from coach.tui.protocol import coach_app


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
    BINDINGS = [Binding("f6", "new_conversation", "New conversation")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exchanges: list[tuple[str, str]] = []  # (question, answer) of this conversation, for follow-ups

    def compose(self) -> ComposeResult:
        yield Label("Ask the coach anything (F6: new conversation).", classes="section")
        yield ChatPanel(
            "ask",
            "Your question (Enter to ask, Esc to cancel the reply)…",
            self._offline,
            self._open_session,
            reuse=False,
            on_reply=self._answered,
            id="ask-chat",
        )

    def show(self, record: PersonRecord | None, today: dt.date) -> None:
        """Ask is not about one person: a new selection keeps the conversation."""

    def action_new_conversation(self) -> None:
        self.exchanges = []
        panel = self.query_one("#ask-chat", ChatPanel)
        panel.reset()
        panel.prompt.focus()
        self.app.notify("New conversation: the coach has forgotten the earlier questions.")

    def _offline(self, question: str) -> str:
        try:
            return offline_answer(coach_app(self).search(question, 4), question)
        except CoachError as exc:
            return md_escape(f"Passages are unavailable: {exc.message}")

    def _answered(self, question: str, answer: str) -> None:
        if answer:
            self.exchanges.append((question, answer))

    async def _open_session(self, question: str) -> tuple[Any, str]:
        app = coach_app(self)
        session, passages, note = await app.ws.ask(
            question, app.selected, model=app.chat_model, earlier=list(self.exchanges), search=app.search
        )
        return session, sources(passages) or md_escape(note or "")
