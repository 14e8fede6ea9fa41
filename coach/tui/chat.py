"""A streaming conversation panel shared by Prep, Debrief and Ask.

The reply is produced in a worker and written with `Markdown.get_stream`, so
each token appends instead of re-rendering the whole message. Escape cancels
and puts the message back in the prompt; a model error becomes a notification
and the typed message is kept. A saved conversation can be resumed: its earlier
messages are shown above the new ones. The Markdown widget (and LangChain) are
imported on first use, so an empty panel costs nothing at start-up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input

from coach.errors import CoachError, PersonGone
from coach.textsafe import md_escape, printable
from coach.tui.protocol import coach_app

if TYPE_CHECKING:
    from textual.widgets import Markdown

Offline = Callable[[str], str]
Opener = Callable[[str], Awaitable[tuple[Any, str]]]  # message -> (ChatSession, Markdown to add after the reply)
EARLIER = 30  # messages of a resumed conversation shown (the model still sees its trimmed history)


def history_markdown(messages: list[Any]) -> list[tuple[str, str]]:
    """(markdown, classes) for the user and coach turns of a saved conversation; tool traffic is left out."""
    shown: list[tuple[str, str]] = []
    for message in messages:
        kind, text = getattr(message, "type", ""), str(getattr(message, "text", "") or "")
        if not text.strip():
            continue
        if kind == "human":
            shown.append((f"**You:** {md_escape(text)}", "msg-user"))
        elif kind == "ai":
            shown.append((printable(text), "msg-coach"))
    return shown[-EARLIER:]


class ChatPanel(Vertical):
    """A log of Markdown messages with a prompt under it.

    `offline(message)` answers without a model (run in a thread); `opener(message)`
    opens an agent session when a model is configured. `reuse` keeps the session for
    the next message (a conversation) instead of opening one per question.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel reply", show=False)]

    def __init__(
        self,
        mode: str,
        placeholder: str,
        offline: Offline,
        opener: Opener | None = None,
        *,
        reuse: bool = True,
        on_message: Callable[[str], None] | None = None,
        on_reply: Callable[[str, str], None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="chat")
        self.mode = mode
        self.placeholder = placeholder
        self.offline = offline
        self.opener = opener
        self.reuse = reuse
        self.on_message = on_message
        self.on_reply = on_reply  # (message, reply) after each complete model reply
        self.session: Any = None
        self.pending: str | None = None
        self.generation = 0  # bumped by reset(): work begun for an earlier person is dropped
        self._opening = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield VerticalScroll(classes="chat-log")
        yield Input(placeholder=self.placeholder, classes="chat-input")

    @property
    def prompt(self) -> Input:
        return self.query_one(".chat-input", Input)

    @property
    def log_view(self) -> VerticalScroll:
        return self.query_one(".chat-log", VerticalScroll)

    def add(self, markdown: str, classes: str) -> Markdown:
        from textual.widgets import Markdown

        widget = Markdown(markdown, classes=classes)
        self.log_view.mount(widget)
        self.log_view.scroll_end(animate=False)
        return widget

    def reset(self) -> None:
        """A new person (or a new conversation): the log and the session go."""
        self.generation += 1
        self.workers.cancel_group(self, "chat")
        self.workers.cancel_group(self, "resume")
        self.pending = None
        self.drop_session()
        self.log_view.remove_children()

    @property
    def uses_model(self) -> bool:
        return self.opener is not None and coach_app(self).model_label is not None

    async def open_session(self, message: str) -> tuple[Any, str]:
        """The conversation's session (opened once when `reuse`, else one per message) and text to add after."""
        assert self.opener is not None
        async with self._opening:
            if self.reuse and self.session is not None:
                return self.session, ""
            await asyncio.to_thread(coach_app(self).ws.preload_agent)  # LangChain loads off the event loop
            session, after = await self.opener(message)
            if self.reuse:
                self.session = session
            return session, after

    @work(exclusive=True, group="resume")
    async def resume(self) -> None:
        """Open the saved conversation now and show its earlier messages (a model only; a no-op offline)."""
        if not self.reuse or not self.uses_model:
            return
        generation = self.generation
        try:
            session, _ = await self.open_session("")
            earlier = history_markdown(await session.history())
        except Exception as exc:  # the conversation can still start afresh
            if generation == self.generation:
                self.app.notify(printable(f"Could not load the earlier conversation: {getattr(exc, 'message', exc)}"),
                                severity="warning", markup=False)  # fmt: skip
            return
        opening = getattr(session, "opening", None)  # a new conversation the coach opens with a question
        if generation != self.generation or not (earlier or opening):
            return
        from textual.widgets import Markdown

        log = self.log_view
        if earlier:
            widgets = [Markdown(text, classes=classes) for text, classes in earlier]
            widgets.append(Markdown("*— earlier conversation above —*", classes="msg-note"))
        else:
            widgets = [Markdown(printable(str(opening)), classes="msg-coach")]
        first = log.children[0] if log.children else None
        await (log.mount_all(widgets, before=first) if first is not None else log.mount_all(widgets))
        log.scroll_end(animate=False)

    def drop_session(self) -> None:
        """Let the conversation go, closing its session: a saved one holds a database thread open."""
        session, self.session = self.session, None
        if session is not None:
            self.app.run_worker(session.aclose(), group="close-session")

    async def on_unmount(self) -> None:
        """An open session at exit would keep the process alive after the app has gone."""
        session, self.session = self.session, None
        if session is not None:
            await session.aclose()

    @on(Input.Submitted, ".chat-input")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        message = event.value.strip()
        if not message or self.pending is not None:
            return
        self.pending = message
        self.prompt.value = ""
        self.add(f"**You:** {md_escape(message)}", "msg-user")
        if self.on_message is not None:
            self.on_message(message)
        reply = self.add("", "msg-coach")
        self.respond(message, reply)

    @work(exclusive=True, group="chat")
    async def respond(self, message: str, reply: Markdown) -> None:
        from textual.widgets import Markdown

        app = self.app
        stream = Markdown.get_stream(reply)
        one_shot: Any = None  # a session opened for this message only (reuse=False), closed when it is answered
        try:
            if not self.uses_model:
                await stream.write(await asyncio.to_thread(self.offline, message))
            else:
                session, after = await self.open_session(message)
                if not self.reuse:
                    one_shot = session
                async for chunk in session.stream(message):
                    await stream.write(printable(chunk))
                if after:
                    await stream.write("\n\n" + after)
                if self.on_reply is not None and not session.cancelled:
                    self.on_reply(message, session.last_reply)
                self.confirm_proposals(session)
            self.pending = None
        except asyncio.CancelledError:
            await stream.write("\n\n*(cancelled)*")
            raise
        except Exception as exc:  # the model's failure must not lose the user's words
            if isinstance(exc, PersonGone):  # forgotten elsewhere: this conversation is over, nothing was saved
                self.drop_session()
            await reply.remove()
            app.notify(printable(f"The coach could not answer: {getattr(exc, 'message', exc)}"), severity="error",
                       markup=False)  # fmt: skip
            self.prompt.value = message
            self.pending = None
        finally:
            await stream.stop()
            self.log_view.scroll_end(animate=False)
            if one_shot is not None:
                await one_shot.aclose()

    def confirm_proposals(self, session: Any) -> None:
        """What the model wants to write to memory is asked, one proposal at a time; nothing is written unasked."""
        from coach.tui.dialogs import Confirm

        box = getattr(session, "proposals", None)
        if box is None or not box.pending:
            return
        proposal = box.pending[0]
        app = coach_app(self)

        def decided(yes: bool | None) -> None:
            if yes:
                try:
                    app.ws.accept_proposal(box, proposal.id)
                except CoachError as exc:
                    box.reject(proposal.id)
                    self.app.notify(printable(exc.message), severity="error", markup=False)
                else:
                    self.app.notify(printable(f"Saved the {proposal.kind} for {proposal.person}."), markup=False)
                    app.changed()
            else:
                box.reject(proposal.id)
            self.confirm_proposals(session)  # the next one, if any

        question = f"The coach suggests saving a {proposal.kind} for {proposal.person}:\n\n{proposal.summary}"
        self.app.push_screen(Confirm(question + "\n\nSave it?"), decided)

    def action_cancel(self) -> None:
        if self.pending is None:
            return
        if self.session is not None:
            self.session.cancel()
        self.workers.cancel_group(self, "chat")
        self.prompt.value = self.pending
        self.pending = None
        self.prompt.focus()
        self.app.notify("Reply cancelled; your message is back in the prompt.")
