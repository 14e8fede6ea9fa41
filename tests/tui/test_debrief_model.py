"""Debrief with a model in the TUI: the model's reading joins the rules'; where they disagree the user decides."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from coach.tui.app import CoachApp
from coach.tui.dialogs import Confirm
from coach.tui.modes.debrief import QUESTIONS
from coach.workspace import Workspace
from tests.fake_model import FakeChatModel, tool_call
from tests.tui.helpers import text_of

NOTES = "She will draft the platform principles.\nI will book the offsite.\n"
# The rules read: "Draft the platform principles" (them, them) and "Book the offsite" (me, me).
MODEL_READS = [
    {"text": "Draft the platform principles", "owner": "them", "proposed_by": "me"},  # who proposed it differs
    {"text": "Book the offsite", "owner": "me", "proposed_by": "me"},  # agrees
    {"text": "Send Amara the budget numbers", "owner": "me", "proposed_by": "them"},  # only the model
]


@pytest.fixture(autouse=True)
def no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a model, Prep opens its conversation at start; its brief must not build the real index (~50 s)."""
    monkeypatch.setattr(Workspace, "search", lambda self, q, k=4, **kw: [])


def reads() -> Any:
    return tool_call("ModelActions", {"actions": MODEL_READS})


class GatedModel(FakeChatModel):
    """A model that answers only when the test opens the gate: the UI must stay usable meanwhile."""

    gate: Any = None

    async def _agenerate(self, messages: Any, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> Any:
        await self.gate.wait()
        return self._generate(messages, stop, None, **kwargs)

    async def _astream(self, messages: Any, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> Any:
        await self.gate.wait()
        async for chunk in super()._astream(messages, stop, run_manager, **kwargs):
            yield chunk


def cell(table: DataTable[Any], row: int, column: int) -> str:
    return str(table.get_cell_at((row, column)))


def notices(app: CoachApp) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def extract(app: CoachApp, pilot: Pilot[Any]) -> DataTable[Any]:
    await pilot.press("f3")
    app.query_one("#notes", TextArea).text = NOTES
    await pilot.press("f6")
    await app.workers.wait_for_complete()
    await pilot.pause()
    table = app.query_one("#actions", DataTable)
    table.focus()
    return table


async def test_disputed_actions_are_marked_and_saved_only_once_the_user_decides(
    make_app: Callable[..., CoachApp],
) -> None:
    app = make_app(chat_model=FakeChatModel.scripted([reads()]))
    async with app.run_test(size=(140, 40)) as pilot:
        person = app.selected
        assert person is not None
        before = len(app.ws.memory.record(person).actions)
        table = await extract(app, pilot)
        assert [str(c.label) for c in table.columns.values()][-1] == "Found by"
        assert [cell(table, i, 4) for i in range(3)] == ["⚠ differ", "both", "⚠ model only"]
        assert cell(table, 0, 2) == "them | me?"  # both readings of who proposed it, neither chosen
        status = text_of(app, "#nudges")
        assert "2 action(s) disputed" in status and cell(table, 0, 0).startswith("⚠ ")
        assert "proposed by: the rules read them, the model me" in status  # the highlighted row, in words

        await pilot.press("f7")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm) and "Decide the 2 disputed" in notices(app)

        await pilot.press("r")  # row 0: the rules' reading, proposed by them
        await pilot.press("down", "down")
        assert "only the model found it. m: keep it" in text_of(app, "#nudges")
        await pilot.press("m")  # row 2: the model's reading, so it is kept
        assert cell(table, 0, 2) == "them" and cell(table, 0, 4) == "both"
        assert cell(table, 2, 4) == "model" and "disputed" not in text_of(app, "#nudges")

        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.click("#yes")
        await pilot.pause()
        saved = [(a.text, a.owner.value, a.proposed_by.value) for a in app.ws.memory.record(person).actions[before:]]
        assert sorted(saved) == [
            ("Book the offsite", "me", "me"),
            ("Draft the platform principles", "them", "them"),
            ("Send Amara the budget numbers", "me", "them"),
        ]


async def test_taking_the_rules_reading_drops_what_only_the_model_found(make_app: Callable[..., CoachApp]) -> None:
    app = make_app(chat_model=FakeChatModel.scripted([reads()]))
    async with app.run_test(size=(140, 40)) as pilot:
        table = await extract(app, pilot)
        await pilot.press("o")  # editing the owner decides nothing about who proposed it
        assert cell(table, 0, 2) == "them | me?"
        await pilot.press("p")  # an explicit edit of the disputed field is the user's decision
        assert cell(table, 0, 4) == "both"
        await pilot.press("down", "down", "r")
        assert table.row_count == 2 and "disputed" not in text_of(app, "#nudges")


async def test_the_table_stays_usable_while_the_model_reads(make_app: Callable[..., CoachApp]) -> None:
    model = GatedModel.scripted([reads()])
    model.gate = asyncio.Event()
    app = make_app(chat_model=model)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")
        app.query_one("#notes", TextArea).text = NOTES
        await pilot.press("f6")
        table = app.query_one("#actions", DataTable)
        while table.row_count == 0:  # the rules' actions show before the model has answered
            await pilot.pause()
        assert "to read the notes too" in text_of(app, "#nudges")
        table.focus()
        await pilot.press("o", "f7")
        await pilot.pause()
        assert "Waiting for the model" in notices(app) and not isinstance(app.screen, Confirm)
        model.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 3 and cell(table, 2, 4) == "⚠ model only"


async def test_a_model_failure_is_one_message_and_the_rules_actions_stand(make_app: Callable[..., CoachApp]) -> None:
    app = make_app(chat_model=FakeChatModel.scripted([RuntimeError("server down")]))
    async with app.run_test(size=(140, 40)) as pilot:
        person = app.selected
        assert person is not None
        before = len(app.ws.memory.record(person).actions)
        table = await extract(app, pilot)
        assert "could not read the notes" in notices(app) and "rule-based actions only" in notices(app)
        assert [cell(table, i, 0) for i in range(table.row_count)] == [
            "Draft the platform principles",
            "Book the offsite",
        ]
        assert len(table.columns) == 4  # no second reading, so no "Found by"
        await pilot.press("f7")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert len(app.ws.memory.record(person).actions) == before + 2


async def test_offline_there_is_nothing_to_decide(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        table = await extract(app, pilot)
        assert len(table.columns) == 4 and table.row_count == 2
        await pilot.press("r")  # picking a side is not offered without a model
        assert cell(table, 0, 2) == "them"
        assert "disputed" not in text_of(app, "#nudges")


async def test_the_model_interview_follows_the_question_on_screen(make_app: Callable[..., CoachApp]) -> None:
    model = FakeChatModel.scripted(["Who suggested that step, you or Amara?"])
    app = make_app(chat_model=model)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")
        app.query_one("#interview .chat-input", Input).focus()
        await pilot.press(*"She brought the hiring plan", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [(m.type, m.text) for m in model.calls[0][1:]] == [
            ("ai", QUESTIONS[0]),
            ("human", "She brought the hiring plan"),
        ]
        assert "She brought the hiring plan" in app.query_one("#notes", TextArea).text
