"""Role-play: rehearse a conversation with a persona, with a live score panel.

Offline the deterministic drill plays the other person; with a model the agent
does, while the drill keeps scoring every line the user types.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Markdown, Select, Static

from coach.domain import PersonRecord
from coach.errors import CoachError
from coach.textsafe import printable
from coach.tui import services
from coach.tui.chat import md_escape

if TYPE_CHECKING:
    from coach.coaching.transcript import Summary


def render_score(summary: Summary | None) -> Text:
    """The live score: what the user is doing with their words, line by line."""
    text = Text()
    text.append("Live score\n", style="bold")
    if summary is None:
        return text.append("Say something to start.", style="dim")
    ratio, opens = summary.talk_ratio or 0.0, summary.open_question_share
    bar = "█" * round(ratio * 10) + "░" * (10 - round(ratio * 10))
    text.append(f"You talk   {bar} {ratio:4.0%}\n", style="red" if ratio > 0.5 else "green")
    if opens is None:
        text.append("Open qs       — no questions yet\n", style="dim")
    else:
        text.append(f"Open qs    {opens:4.0%}\n", style="green" if opens >= 0.5 else "yellow")
    text.append(f"Personal   {summary.personal_asks} asks · {summary.personal_reveals} reveals\n")
    directives = summary.directives
    text.append(f"Directives {directives}\n", style="yellow" if directives else "")
    return text


class ScorecardScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, markdown: str) -> None:
        super().__init__(classes="dialog-screen")
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            with VerticalScroll():
                yield Markdown(self.markdown, id="scorecard")
            yield Button("Close", id="close")

    @on(Button.Pressed, "#close")
    def close(self) -> None:
        self.dismiss(None)


class RoleplayMode(Vertical):
    BINDINGS = [Binding("f6", "begin", "Start"), Binding("f7", "end", "End & score")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.record: PersonRecord | None = None
        self.drill: Any = None
        self.chat: Any = None
        self.scenarios: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="rp-controls"):
            yield Select[str]([], prompt="Scenario: from memory", id="scenario")
            yield Select[str]([], prompt="Temperament: scenario's", id="temperament")
            yield Button("Start", id="rp-start", variant="primary")
        yield Static("", id="persona", markup=False)
        with Horizontal(id="rp-body"):
            yield VerticalScroll(id="conversation")
            yield Static(render_score(None), id="score")
        yield Input(placeholder="Your line (Enter to say it, F7 to end and score)", id="rp-input")

    def on_mount(self) -> None:
        self.call_after_refresh(self._load_options)  # the drill is imported after the first paint

    def _load_options(self) -> None:
        self.scenarios, temperaments = services.roleplay_options()
        self.query_one("#scenario", Select).set_options([(s, s) for s in self.scenarios])
        self.query_one("#temperament", Select).set_options([(t, t) for t in temperaments])

    def show(self, record: PersonRecord | None) -> None:
        if self.record is not None and record is not None and record.person.name == self.record.person.name:
            return
        self.record = record
        self.drill = None
        self._drop_chat()
        self.query_one("#conversation", VerticalScroll).remove_children()
        self.query_one("#score", Static).update(render_score(None))
        who = printable(record.person.name) if record else "no one"
        self.query_one("#persona", Static).update(Text(f"Rehearsing with {who}. Pick a scenario and press Start."))

    @on(Button.Pressed, "#rp-start")
    def start_pressed(self) -> None:
        self.begin()

    def action_begin(self) -> None:
        self.begin()

    def begin(self, scenario: str | None = None) -> None:
        if self.record is None:
            self.app.notify("Select a person first.", severity="warning")
            return
        sc_select: Select[str] = self.query_one("#scenario", Select)
        if scenario is not None and scenario in self.scenarios:
            sc_select.value = scenario
        temp_select: Select[str] = self.query_one("#temperament", Select)
        sc = None if sc_select.is_blank() else str(sc_select.value)
        self.setup(sc, None if temp_select.is_blank() else str(temp_select.value))

    @work(exclusive=True, group="roleplay")
    async def setup(self, scenario: str | None, temperament: str | None) -> None:
        assert self.record is not None
        app: Any = self.app
        self._drop_chat()
        if app.model_label is not None:
            try:
                from coach.agent.roleplay import roleplay_chat

                self.chat = await roleplay_chat(app.ws, self.record.person.name, scenario, temperament,
                                                model=app.chat_model)  # fmt: skip
                self.drill = self.chat.drill
            except Exception as exc:
                app.notify(printable(f"The model cannot play the persona ({exc}); the drill will."),
                           severity="warning", markup=False)  # fmt: skip
        if self.chat is None:
            try:
                self.drill = services.roleplay_start(self.record, scenario, temperament, app.today, app.rp_seed)
            except CoachError as exc:
                app.notify(printable(exc.message), severity="error", markup=False)
                return
        self.query_one("#conversation", VerticalScroll).remove_children()
        self.query_one("#persona", Static).update(Text(printable(self.drill.header), style="bold"))
        if self.drill.persona_opens:
            self._say("them", self.drill.opening)
        else:
            hint = Static(Text(printable(self.drill.opening), style="italic dim"), classes="hint")
            self.query_one("#conversation", VerticalScroll).mount(hint)
        self.query_one("#score", Static).update(render_score(None))
        self.query_one("#rp-input", Input).focus()

    def _say(self, who: str, line: str) -> Static:
        label = "You" if who == "me" else (printable(self.record.person.name) if self.record else "Them")
        widget = Static(Text.assemble((f"{label}: ", "bold"), printable(line)), classes=f"line-{who}")
        conv = self.query_one("#conversation", VerticalScroll)
        conv.mount(widget)
        conv.scroll_end(animate=False)
        return widget

    @on(Input.Submitted, "#rp-input")
    def line_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value.strip()
        if not line:
            return
        if self.drill is None:
            self.app.notify("Press Start (F6) first.", severity="warning")
            return
        event.input.value = ""
        self._say("me", line)
        self.respond(line)

    @work(exclusive=True, group="roleplay")
    async def respond(self, line: str) -> None:
        score = self.query_one("#score", Static)
        if self.chat is None:
            turn = await asyncio.to_thread(services.roleplay_reply, self.drill, line)
            score.update(render_score(turn.summary))
            self._say("them", turn.reply)
            return
        self.chat.score(line)
        score.update(render_score(self.drill.summary()))
        who = printable(self.record.person.name) if self.record else "Them"
        reply = Markdown(f"**{md_escape(who)}:** ", classes="line-them")
        conv = self.query_one("#conversation", VerticalScroll)
        await conv.mount(reply)
        stream = Markdown.get_stream(reply)
        try:
            async for chunk in self.chat.stream(line):
                await stream.write(md_escape(chunk))
        except Exception as exc:
            app: Any = self.app
            app.notify(printable(f"The model failed: {getattr(exc, 'message', exc)}"), severity="error", markup=False)
        finally:
            await stream.stop()
            conv.scroll_end(animate=False)

    def action_end(self) -> None:
        if self.drill is None:
            self.app.notify("Start a role-play first.", severity="warning")
            return
        self.finish()

    @work(exclusive=True, group="roleplay-end")
    async def finish(self) -> None:
        app: Any = self.app
        card = await asyncio.to_thread(services.roleplay_end, self.drill, app.search)
        markdown = printable(card.to_markdown())
        if self.chat is not None:
            result = await self.chat.end()
            if result.get("model_feedback"):
                markdown += "\n\n## The coach's feedback\n\n" + printable(str(result["model_feedback"]))
        self.drill = None
        self._drop_chat()
        app.push_screen(ScorecardScreen(markdown))

    def _drop_chat(self) -> None:
        """Close the model's persona session (it holds a database thread) when the rehearsal is over."""
        chat, self.chat = self.chat, None
        if chat is not None:
            self.app.run_worker(chat.session.aclose(), group="close-session")

    async def on_unmount(self) -> None:
        chat, self.chat = self.chat, None
        if chat is not None:
            await chat.session.aclose()
