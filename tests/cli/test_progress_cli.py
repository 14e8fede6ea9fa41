"""`coach progress` and the rehearsals it is drawn from, as a user runs them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.errors import CoachError
from coach.workspace import Workspace


@pytest.fixture(autouse=True)
def no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scorecard cites a passage when it can; these tests need none (building the index takes a minute)."""

    def no_search(self: Workspace, query: str, k: int = 4, **kw: object) -> list[object]:
        raise CoachError("the knowledge index is not loaded")

    monkeypatch.setattr(Workspace, "search", no_search)


def test_progress_draws_the_trend_and_gives_the_numbers(runner: CliRunner) -> None:
    assert runner.invoke(app, ["demo"]).exit_code == 0
    data = json.loads(runner.invoke(app, ["progress", "--json", "--months", "4"]).stdout)
    assert data["person"] is None and len(data["months"]) == 4
    month = data["months"][-2]
    assert set(month) == {"month", "attendance", "actions", "rehearsals"}
    assert {"scheduled", "held", "cancelled_by_me", "held_share"} <= set(month["attendance"])
    assert {"new", "owned_by_them_share", "proposed_by_them_share", "done"} <= set(month["actions"])
    assert {"talk_share", "open_question_share", "reflections_per_question", "personal_moves"} <= set(
        month["rehearsals"]
    )
    assert sum(m["rehearsals"]["rehearsals"] for m in data["months"]) == 4  # the demo's rehearsals
    page = runner.invoke(app, ["progress", "Tom"])
    assert page.exit_code == 0
    for title in ("1:1s held, with those you cancelled on top", "% they own", "% your talk", "Rehearsals"):
        assert title in page.stdout
    assert "\x1b[" not in page.stdout  # not a terminal: the charts come without colour codes
    assert runner.invoke(app, ["progress", "Nobody"]).exit_code == 2
    assert runner.invoke(app, ["progress", "--months", "0"]).exit_code == 2


def test_a_rehearsal_in_the_terminal_is_saved_for_progress_and_forgotten_with_the_person(runner: CliRunner) -> None:
    runner.invoke(app, ["people", "add", "Ada Lovelace"])
    result = runner.invoke(app, ["roleplay", "Ada", "--seed", "3"], input="What matters most to you this week?\nend\n")
    assert result.exit_code == 0 and "Saved to your progress" in result.stdout
    months = json.loads(runner.invoke(app, ["progress", "Ada", "--json"]).stdout)["months"]
    assert months[-1]["rehearsals"]["rehearsals"] == 1 and months[-1]["rehearsals"]["open_question_share"] == 1.0
    quiet = runner.invoke(app, ["roleplay", "Ada", "--seed", "3"], input="end\n")
    assert "Saved to your progress" not in quiet.stdout  # nothing said, nothing kept
    forgot = runner.invoke(app, ["forget", "Ada", "--yes"])
    assert forgot.exit_code == 0 and "1 rehearsals" in forgot.stdout


def test_the_markdown_export_ends_with_the_trend_table(runner: CliRunner) -> None:
    runner.invoke(app, ["demo"])
    page = runner.invoke(app, ["export"]).stdout
    assert "## Trend: everyone, by month" in page and "| month | held / scheduled |" in page
    assert "### Rehearsals" in page and "### Upcoming 1:1s" in page
