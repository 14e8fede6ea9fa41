"""The TUI's debrief table names a third person's action, lets the owner cycle reach them, and lists the
personal follow-ups the save keeps."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, TextArea

from coach.tui.app import CoachApp
from coach.tui.dialogs import Confirm
from tests.tui.helpers import text_of


async def test_a_third_persons_action_shows_their_name_and_is_saved_with_it(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")
        notes = "We agreed Tom would pair with her on the reconciliation screens.\nHer dad is in hospital again.\n"
        app.query_one("#notes", TextArea).text = notes
        await pilot.press("f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.query_one("#actions", DataTable)
        assert table.row_count == 1 and str(table.get_cell_at((0, 1))) == "Tom (other)"
        status = text_of(app, "#nudges")
        assert "Her dad is in hospital again." in status and "sensitive" in status
        table.focus()
        seen = []
        for _ in range(5):  # the cycle goes round every owner, Tom among them
            await pilot.press("o")
            seen.append(str(table.get_cell_at((0, 1))))
        assert seen == ["unclear", "them", "me", "both", "Tom (other)"]
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.click("#yes")
        await pilot.pause()
        record = app.ws.memory.record("Amara Okafor")
        assert record.actions[-1].owner_label() == "Tom (other)"
        assert (record.notes[-1].text, record.notes[-1].sensitive) == ("Her dad is in hospital again.", True)
