"""Role-play: rehearse a conversation with a persona, with a live score panel.

Offline the deterministic drill plays the other person; with a model the agent
does, while the drill keeps scoring every line the user types. The panel shows the
score so far, the labels of the last line, the scenario's rubric ticking off, a subtle
trust meter (the `roleplay_trust_meter` setting hides it) and, on F8, why the last line
got its labels. Escape cancels a persona reply in progress and a model error is a
notification: either way the line goes back into the prompt and out of the score, so
saying it again counts once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from coach.domain import PersonRecord
from coach.errors import CoachError
from coach.textsafe import md_escape, printable
from coach.tui.drafts import DraftKeeper, carry
from coach.tui.protocol import coach_app

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from coach.coaching.roleplay import Drill
    from coach.coaching.transcript import Summary

DIFFICULTIES = [("easy", "1"), ("normal", "2"), ("hard", "3")]


def render_score(
    summary: Summary | None, drill: Drill | None = None, *, trust: bool = True, why: bool = False, compact: bool = False
) -> Text:
    """The live score: what the user is doing with their words, line by line, and the rubric so far.

    `compact` (a narrow terminal, where the panel sits under the conversation): the rubric is one row of marks.
    """
    text = Text()
    text.append("Live score\n", style="bold")
    if summary is None:
        text.append("Say something to start.\n", style="dim")
    else:
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
    if drill is None:
        return text
    last = drill.live_line()
    if last:
        text.append("Last line  ", style="dim").append(printable(last) + "\n")
    rubric = drill.rubric()
    filled = round(drill.state.meter * 5)
    meter = "Trust " + "▰" * filled + "▱" * (5 - filled)
    if compact:
        met = sum(r.met for r in rubric)
        text.append(f"Rubric {met}/{len(rubric)} ", style="bold").append(" ".join(r.live_mark() for r in rubric))
        text.append(f"   {meter}\n" if trust else "\n", style="dim")
    else:
        text.append("\nRubric\n", style="bold")
        for result in rubric:
            mark = result.live_mark()
            style = "green" if mark == "✓" else "yellow" if mark == "✗" else "dim"
            text.append(f"{mark} {printable(result.label)}\n", style=style)
        if trust:
            text.append(f"\n{meter}\n", style="dim")
    if why:
        lines = drill.why_last()
        text.append("\nWhy (last line)\n", style="bold")
        text.append("\n".join(printable(x) for x in lines) + "\n" if lines else "Say a line first.\n", style="dim")
    return text


class ScorecardScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, markdown: str) -> None:
        super().__init__(classes="dialog-screen")
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown

        with Vertical(classes="dialog wide"):
            with VerticalScroll():
                yield Markdown(self.markdown, id="scorecard")
            yield Button("Close", id="close")

    @on(Button.Pressed, "#close")
    def close(self) -> None:
        self.dismiss(None)


class RoleplayMode(Vertical):
    BINDINGS = [
        Binding("f6", "begin", "Start"),
        Binding("f7", "end", "End & score"),
        Binding("f8", "why", "Why?"),
        Binding("escape", "cancel", "Cancel reply", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.record: PersonRecord | None = None
        self.drill: Any = None
        self.chat: Any = None
        self.scenarios: list[str] = []
        self.pending: tuple[str, Static, Markdown | None] | None = None  # the line the persona is answering
        self.drafts = DraftKeeper(self, "roleplay")  # the line being typed, per person
        self.gone: str | None = None  # the line in the prompt was typed for someone forgotten meanwhile
        self.show_why = False
        self.show_trust = True  # the `roleplay_trust_meter` setting, read when the options load

    def compose(self) -> ComposeResult:
        with Horizontal(id="rp-controls"):
            yield Select[str]([], prompt="Scenario", id="scenario")
            yield Select[str]([], prompt="Temperament", id="temperament")
            yield Select[str](DIFFICULTIES, prompt="Difficulty", id="difficulty")
            yield Button("Start", id="rp-start", variant="primary")
        yield Static("", id="persona", markup=False)
        with Horizontal(id="rp-body"):
            yield VerticalScroll(id="conversation")
            yield Static(render_score(None), id="score")
        yield Input(placeholder="Your line (Enter to say it, F7 to end and score)", id="rp-input")

    def on_mount(self) -> None:
        self.call_after_refresh(self._load_options)  # the drill is imported after the first paint

    def _load_options(self) -> None:
        self.scenarios, temperaments = coach_app(self).ws.roleplay_options()
        self.query_one("#scenario", Select).set_options([(s, s) for s in self.scenarios])
        self.show_trust = coach_app(self).ws.settings.roleplay_trust_meter
        self.query_one("#temperament", Select).set_options([(t, t) for t in temperaments])

    def show(self, record: PersonRecord | None, today: dt.date | None = None) -> None:
        if self.record is not None and record is not None and record.person.id == self.record.person.id:
            self.record = record  # renamed elsewhere, perhaps: the rehearsal goes on
            return
        prompt = self.query_one("#rp-input", Input)
        orphan, gone = (prompt.value, self.gone) if self.gone else ("", None)
        if self.record is not None and self.record.person.id is not None:
            self.drafts.changed(self.record.person.id, prompt.value)
            self.drafts.flush()
        self.gone = None
        text, _ = self.drafts.take(record.person.id) if record and record.person.id is not None else ("", False)
        joined = carry(text, orphan, gone or "").replace("\n", " ")
        if joined != prompt.value:
            prompt.value = joined
        self.record = record
        self.drill = None
        self.workers.cancel_group(self, "roleplay-reply")
        self.pending = None
        self._drop_chat()
        self.query_one("#conversation", VerticalScroll).remove_children()
        self.query_one("#score", Static).update(render_score(None))
        who = printable(record.person.name) if record else "no one"
        self.query_one("#persona", Static).update(
            Text(f"Rehearsing with {who}. Press Start and memory picks the scenario, or choose one first.")
        )

    @on(Input.Changed, "#rp-input")
    def _line_changed(self, event: Input.Changed) -> None:
        if self.record is not None:
            self.drafts.changed(self.record.person.id, event.value)

    def person_gone(self, person_id: int) -> None:
        """Forgotten in another window: the rehearsal ends and writes nothing more; the typed line stays."""
        if self.record is None or self.record.person.id != person_id:
            return
        self.drafts.forget(person_id)
        self.gone = self.record.person.name
        self.record = None
        self.drill = None
        self.workers.cancel_group(self, "roleplay-reply")
        self.pending = None
        self._drop_chat()
        self.query_one("#persona", Static).update(
            Text(f"{printable(self.gone)} was forgotten in another window; this rehearsal has ended.")
        )

    @on(Button.Pressed, "#rp-start")
    def start_pressed(self) -> None:
        self.begin()

    def action_begin(self) -> None:
        self.begin()

    def begin(self, scenario: str | None = None, *, opener: str | None = None) -> None:
        """Start a rehearsal; `opener` (the brief's suggested first line) waits in the prompt, ready to say."""
        if self.record is None:
            self.app.notify("Select a person first.", severity="warning")
            return
        sc_select: Select[str] = self.query_one("#scenario", Select)
        if scenario is not None and scenario in self.scenarios:
            sc_select.value = scenario
        temp_select: Select[str] = self.query_one("#temperament", Select)
        level: Select[str] = self.query_one("#difficulty", Select)
        sc = None if sc_select.is_blank() else str(sc_select.value)
        if scenario is None and opener and sc is None:
            sc = "opener"  # rehearsing the brief's opener
        temper = None if temp_select.is_blank() else str(temp_select.value)
        self.setup(sc, temper, opener, "2" if level.is_blank() else str(level.value))

    @work(exclusive=True, group="roleplay")
    async def setup(
        self, scenario: str | None, temperament: str | None, opener: str | None = None, difficulty: str = "2"
    ) -> None:
        assert self.record is not None
        app = coach_app(self)
        name = self.record.person.name
        self.workers.cancel_group(self, "roleplay-reply")
        self.pending = None
        self._drop_chat()
        if app.model_label is not None:
            try:
                await asyncio.to_thread(app.ws.preload_agent)  # LangChain loads off the event loop
                self.chat = await app.ws.model_drill(
                    name, scenario, temperament, difficulty, model=app.chat_model, today=app.today
                )
                self.drill = self.chat.drill
            except Exception as exc:
                message = printable(f"The model cannot play the persona ({exc}); the drill will.")
                self.app.notify(message, severity="warning", markup=False)
        if self.chat is None:
            try:
                self.drill = app.ws.drill(name, scenario, temperament, difficulty, seed=app.rp_seed, today=app.today)
            except CoachError as exc:
                self.app.notify(printable(exc.message), severity="error", markup=False)
                return
        self.query_one("#conversation", VerticalScroll).remove_children()
        self.query_one("#persona", Static).update(Text(printable(self.drill.header), style="bold"))
        if self.drill.persona_opens:
            self._say("them", self.drill.opening)
        else:
            hint = Static(Text(printable(self.drill.opening), style="italic dim"), classes="hint")
            self.query_one("#conversation", VerticalScroll).mount(hint)
        self._refresh_score()
        prompt = self.query_one("#rp-input", Input)
        if opener:
            prompt.value = opener
            tip = "Your opener from the brief is in the prompt: Enter to say it, or make it yours first."
            self.query_one("#conversation", VerticalScroll).mount(Static(Text(tip, style="italic dim"), classes="hint"))
        prompt.focus()

    def _say(self, who: str, line: str) -> Static:
        label = "You" if who == "me" else (printable(self.record.person.name) if self.record else "Them")
        widget = Static(Text.assemble((f"{label}: ", "bold"), printable(line)), classes=f"line-{who}")
        conv = self.query_one("#conversation", VerticalScroll)
        conv.mount(widget)
        conv.anchor()  # kept at the bottom as the line lays out and wraps (and as a reply streams in)
        return widget

    @on(Input.Submitted, "#rp-input")
    def line_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value.strip()
        if not line or self.pending is not None:
            return
        if self.drill is None:
            self.app.notify("Press Start (F6) first.", severity="warning")
            return
        if self.record is not None and self.record.person.id is not None:
            self.drafts.saved(self.record.person.id)
        event.input.value = ""
        said = self._say("me", line)
        if self.chat is None:
            self.reply_offline(line)
        else:
            self.pending = (line, said, None)
            self.reply_with_model(line, said)

    @work(exclusive=True, group="roleplay-reply")
    async def reply_offline(self, line: str) -> None:
        turn = await asyncio.to_thread(coach_app(self).ws.reply, self.drill, line)
        self._refresh_score(turn.summary)
        self._say("them", turn.reply)

    @work(exclusive=True, group="roleplay-reply")
    async def reply_with_model(self, line: str, said: Static) -> None:
        from textual.widgets import Markdown

        chat = self.chat
        try:
            history = await chat.session.history()
        except Exception:  # the saved conversation is unreadable: say the line afresh
            history = []
        # A line whose reply failed or was cancelled is still the last thing the persona heard: ask again.
        again = bool(history) and getattr(history[-1], "type", "") == "human" and history[-1].text == line
        chat.score(line)
        self._refresh_score(self.drill.summary())
        who = printable(self.record.person.name) if self.record else "Them"
        reply = Markdown(f"**{md_escape(who)}:** ", classes="line-them")
        self.pending = (line, said, reply)
        conv = self.query_one("#conversation", VerticalScroll)
        await conv.mount(reply)
        conv.anchor()
        stream = Markdown.get_stream(reply)
        try:
            parts: list[str] = []
            async for chunk in chat.session.retry() if again else chat.stream(line):
                parts.append(chunk)
                await stream.write(md_escape(chunk))
            if again and parts and not chat.session.cancelled:
                self.drill.record_persona_line("".join(parts))  # chat.stream records it itself
            self.pending = None
        except Exception as exc:
            self.app.notify(
                printable(f"The persona could not answer: {getattr(exc, 'message', exc)}"),
                severity="error",
                markup=False,
            )
            self._take_back()
        finally:
            await stream.stop()
            conv.scroll_end(animate=False)

    def _take_back(self) -> None:
        """The unanswered line leaves the conversation and the score and goes back into the prompt."""
        if self.pending is None:
            return
        line, said, reply = self.pending
        self.pending = None
        if self.drill is not None:
            self.drill.withdraw_user_line(line)
            self._refresh_score()
        said.remove()
        if reply is not None:
            reply.remove()
        prompt = self.query_one("#rp-input", Input)
        prompt.value = line
        prompt.focus()

    def action_cancel(self) -> None:
        if self.pending is None:
            return
        if self.chat is not None:
            self.chat.session.cancel()
        self.workers.cancel_group(self, "roleplay-reply")
        self._take_back()
        self.app.notify("Reply cancelled; your line is back in the prompt.")

    def _refresh_score(self, summary: Summary | None = None) -> None:
        if summary is None and self.drill is not None and any(s == "me" for s, _ in self.drill.transcript):
            summary = self.drill.summary()
        narrow = self.screen.has_class("-narrow")
        panel = render_score(summary, self.drill, trust=self.show_trust, why=self.show_why, compact=narrow)
        self.query_one("#score", Static).update(panel)

    def action_why(self) -> None:
        """Show (or hide) why the last line got its labels."""
        if self.drill is None:
            self.app.notify("Start a role-play first.", severity="warning")
            return
        self.show_why = not self.show_why
        self._refresh_score()

    def action_end(self) -> None:
        if self.drill is None:
            self.app.notify("Start a role-play first.", severity="warning")
            return
        self.finish()

    @work(exclusive=True, group="roleplay-end")
    async def finish(self) -> None:
        app = coach_app(self)
        if self.pending is not None:  # an unanswered line is not part of the rehearsal
            self.action_cancel()
        card = await asyncio.to_thread(app.ws.scorecard, self.drill, app.search)
        markdown = printable(card.to_markdown(escape=True))
        if self.record is not None and app.ws.save_rehearsal(self.record.person.name, card, app.today) is not None:
            markdown += "\n\n*Saved to your progress (F5).*"
        if self.chat is not None:
            result = await self.chat.end()
            if result.get("model_feedback"):
                markdown += "\n\n## The coach's feedback\n\n" + printable(str(result["model_feedback"]))
        self.drill = None
        self._drop_chat()
        self.app.push_screen(ScorecardScreen(markdown))

    def _drop_chat(self) -> None:
        """Close the model's persona session (it holds a database thread) when the rehearsal is over."""
        chat, self.chat = self.chat, None
        if chat is not None:
            self.app.run_worker(chat.session.aclose(), group="close-session")

    async def on_unmount(self) -> None:
        self.drafts.flush()
        chat, self.chat = self.chat, None
        if chat is not None:
            await chat.session.aclose()
