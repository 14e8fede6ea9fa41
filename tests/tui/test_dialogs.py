"""Memory at hand: the palette's dialogs, confirmation, export, terminal safety, the model path."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, OptionList, Select

from coach.domain import Note
from coach.store.memory import name_key
from coach.tui.app import CoachApp
from coach.tui.dialogs import ChooseDialog, Confirm, FormDialog
from tests.fake_model import FakeChatModel, tool_call
from tests.tui.helpers import screen_text


async def test_add_person_log_meeting_action_note_complete(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_add_person()
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Zoe Park", "enter")
        await pilot.pause()
        assert "Zoe Park" in app.ws.memory.names() and app.selected == "Zoe Park"
        app.action_log_meeting()
        await pilot.pause()
        await pilot.press("enter")  # today's date, held
        await pilot.pause()
        assert len(app.ws.memory.record("Zoe Park").meetings) == 1
        app.action_add_action()
        await pilot.pause()
        await pilot.press(*"Draft the hiring plan", "enter")
        await pilot.pause()
        app.action_add_note()
        await pilot.pause()
        await pilot.press(*"Likes climbing", "enter")
        await pilot.pause()
        rec = app.ws.memory.record("Zoe Park")
        assert [a.text for a in rec.actions] == ["Draft the hiring plan"] and rec.notes[0].text == "Likes climbing"
        app.action_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        app.screen.query_one(OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.ws.memory.record("Zoe Park").actions[0].done


async def test_bad_date_is_a_notification_not_a_crash(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_log_meeting()
        await pilot.pause()
        app.screen.query_one("#f-date", Input).value = "yesterday"
        await pilot.press("enter")
        await pilot.pause()
        assert any("not a date" in str(n.message) for n in app._notifications)


async def test_an_action_someone_else_owns_is_added_with_their_name(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.select("Tom Becker")
        before = len(app.ws.memory.record("Tom Becker").actions)
        for who in ("", "Legal team"):  # without a name it is refused, with one it is kept
            app.action_add_action()
            await pilot.pause()
            app.screen.query_one("#f-text", Input).value = "Review the contractor agreement"
            app.screen.query_one("#f-owner", Select).value = "other"
            app.screen.query_one("#f-owner_name", Input).value = who
            app.screen.query_one("#f-text", Input).focus()
            await pilot.press("enter")
            await pilot.pause()
        assert any("needs their name" in str(n.message) for n in app._notifications)
        actions = app.ws.memory.record("Tom Becker").actions
        assert len(actions) == before + 1
        assert actions[-1].owner_label() == "Legal team (other)"


async def test_forget_asks_first(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_forget()
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")
        assert "Amara Okafor" in app.ws.memory.names()
        app.action_forget()
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert "Amara Okafor" not in app.ws.memory.names()
        assert app.selected == "Daniel Ortiz"


async def test_export_writes_markdown(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_export()
        await pilot.pause()
        await pilot.click("#ok")
        await pilot.pause()
        # Saved where the dialog proposed, outside the data directory (home, here the test's own).
        assert not list(app.ws.settings.data_dir.glob("coach-export-*"))
        files = list(Path.home().glob("coach-export-*.md"))
        assert files and "Priya Raman" in files[0].read_text()
        assert oct(files[0].stat().st_mode & 0o777) == "0o600"  # personal notes: owner only, like the CLI's


async def test_palette_lists_memory_commands(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Add a person", "Log a meeting", "Add an action", "Complete an action", "Add a note"):
            assert title in titles
        assert "Forget this person" in titles and "Export memory" in titles


async def test_escape_sequences_in_user_text_are_shown_not_run(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    # A name stored by an older coach (names can no longer hold control characters) still shows escaped.
    app.ws.memory.con.execute(
        "INSERT INTO people(name, name_key, relationship, role, level, context) VALUES (?, ?, 'peer', '', 'ic', '')",
        ("Eve\x1b]0;pwned\x07", name_key("Eve\x1b]0;pwned\x07")),
    )
    app.ws.memory.add_note("Eve\x1b]0;pwned\x07", Note(text="clear \x1b[2J now"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        people = app.query_one("#people", OptionList)
        shown = [str(people.get_option_at_index(i).prompt) for i in range(people.option_count)]
        assert any("Eve\\x1b]0;pwned\\x07" in s for s in shown)
        people.highlighted = 2
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text
        assert "\\x1b" in text or "\\\\x1b" in text
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "x1b" in svg


async def test_ask_streams_from_the_model_and_keeps_message_on_error(make_app: Callable[..., CoachApp]) -> None:
    model = FakeChatModel.scripted(["Try asking what they would do first.", RuntimeError("server down")])
    app = make_app(chat_model=model)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "model:" in str(app.query_one("#status").content)
        await pilot.press("f4")
        prompt = app.query_one("#ask-chat .chat-input", Input)
        prompt.focus()
        await pilot.press(*"how to delegate", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Try asking what they would do first." in text and "Sources:" in text
        await pilot.press(*"and then?", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert prompt.value == "and then?"
        assert any("could not answer" in str(n.message) for n in app._notifications)


async def test_escape_cancels_a_slow_reply_and_restores_prompt(make_app: Callable[..., CoachApp]) -> None:
    words = " ".join(["word"] * 200)
    app = make_app(chat_model=FakeChatModel.scripted([words], delay=0.05))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        prompt = app.query_one("#ask-chat .chat-input", Input)
        prompt.focus()
        await pilot.press(*"slow one", "enter")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause()
        assert prompt.value == "slow one"
        assert "cancelled" in screen_text(app)


async def test_a_model_proposal_is_saved_only_after_the_user_confirms(make_app: Callable[..., CoachApp]) -> None:
    propose = tool_call("propose_action", {"text": "Draft the rota", "owner": "them", "proposed_by": "them"})
    model = FakeChatModel.scripted([propose, "I have suggested saving that action."])
    app = make_app(chat_model=model)
    async with app.run_test(size=(120, 40)) as pilot:
        person = app.selected
        assert person is not None
        before = len(app.ws.memory.record(person).actions)
        await pilot.press("f1")
        app.query_one("#prep-chat .chat-input", Input).focus()
        await pilot.press(*"save that she drafts the rota", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert len(app.ws.memory.record(person).actions) == before  # nothing written yet
        await pilot.click("#yes")
        await pilot.pause()
        texts = [a.text for a in app.ws.memory.record(person).actions]
        assert "Draft the rota" in texts and len(texts) == before + 1
    # The prep conversation was saved (aiosqlite): quitting closes it, or its thread keeps the process alive.
    assert not [t for t in threading.enumerate() if "_connection_worker_thread" in t.name]
