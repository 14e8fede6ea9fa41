"""`coach score` and `coach roleplay` as a user runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.errors import CoachError
from coach.text import split_sentences
from coach.workspace import Workspace


@pytest.fixture(autouse=True)
def no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the knowledge index out of these tests: the scorecard says why no passage is cited."""

    def no_search(self: Workspace, query: str, k: int = 4, **kw: object) -> list[object]:
        raise CoachError("the knowledge index is not loaded")

    monkeypatch.setattr(Workspace, "search", no_search)


@pytest.fixture
def team(runner: CliRunner) -> CliRunner:
    result = runner.invoke(app, ["people", "add", "Priya Raman", "--relationship", "report", "--role", "Engineer"])
    assert result.exit_code == 0, result.output
    return runner


def test_score_line_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "--line", "could you just send it to finance?", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("text", "question", "personal", "directive", "reflection")} == {
        "text": "could you just send it to finance?",
        "question": None,  # a request in question form is a directive, not a question (docs/nlp.md)
        "personal": None,
        "directive": True,
        "reflection": False,
    }
    assert set(data["why"]) == {"question", "reflection", "directive", "personal"}
    assert data["why"]["directive"] == "directive: asks them to do it (could you just…)"


def test_score_line_text_shows_each_label_and_why(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "score",
            "--line",
            "So the deadline is what's worrying you?",
            "--previous",
            "I keep thinking about the deadline.",
        ],
    )
    assert result.exit_code == 0, result.output
    first, *whys = result.stdout.splitlines()
    assert first == "question: -  personal: -  directive: no  reflection: yes"
    assert any(w.split()[0] == "reflection" and "reflection:" in w for w in whys)
    assert any(w.split()[0] == "question" and "a reflection" in w for w in whys)


def test_score_previous_needs_a_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "-", "--previous", "hello"], input="me: hi\n")
    assert result.exit_code == 2 and "--previous goes with --line" in result.stderr


def test_score_transcript_from_stdin_and_file(runner: CliRunner, tmp_path: Path) -> None:
    text = "me: How was your weekend?\nthem: Lovely, thanks.\nme: What matters most to you this month?\n"
    result = runner.invoke(app, ["score", "-", "--json"], input=text)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["personal_asks"] == 1 and data["summary"]["open_question_share"] == 1.0
    assert data["summary"]["reflections"] == 0 and data["summary"]["reflection_to_question"] == 0.0
    assert data["lines"][1]["speaker"] == "them" and data["warnings"] == []
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    human = runner.invoke(app, ["score", str(path)])
    assert human.exit_code == 0 and "Humble Leadership" in human.stdout
    assert "Reflections: 0 (0 per question: low)" in human.stdout


def test_score_without_prefixes_warns(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "-", "--json"], input="how are you\nsend me the deck\n")
    data = json.loads(result.stdout)
    assert all(line["speaker"] == "me" for line in data["lines"])
    assert data["warnings"]


def test_score_bad_input_is_a_clear_error(runner: CliRunner) -> None:
    assert runner.invoke(app, ["score", "/no/such/file"]).exit_code == 2
    assert runner.invoke(app, ["score"]).exit_code == 2


def test_piped_roleplay_session_prints_a_scorecard(team: CliRunner) -> None:
    lines = "How are you, really?\nI had a rough week myself.\nWhat feels most important to you right now?\nend\n"
    result = team.invoke(app, ["roleplay", "Priya Raman", "--scenario", "first-1on1", "--seed", "3"], input=lines)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Priya:" in out and "Scorecard" in out
    assert "Personizing move: yes" in out and "proposed their own actions: yes" in out
    assert "No passage cited: the knowledge index is not loaded" in out


def test_roleplay_ends_on_eof(team: CliRunner) -> None:
    result = team.invoke(app, ["roleplay", "Priya Raman", "--temperament", "open"], input="Is it done?\n")
    assert result.exit_code == 0 and "Scorecard" in result.stdout


def test_roleplay_bad_scenario_lists_valid_ones(team: CliRunner) -> None:
    result = team.invoke(app, ["roleplay", "Priya Raman", "--scenario", "karaoke"], input="")
    assert result.exit_code == 2
    assert "first-1on1" in result.stderr and "strategy-drift" in result.stderr


def test_roleplay_unknown_person_suggests(team: CliRunner) -> None:
    result = team.invoke(app, ["roleplay", "Pryia"], input="")
    assert result.exit_code == 2 and "Priya Raman" in result.stderr


TOM_SESSION = [
    "I'm sorry about that. I cancelled three times and that's on me.",
    "I went through something similar last year when my manager kept cancelling on me, so I get it.",
    "How have things been for you since we last talked?",
    "It sounds like a lot has been sitting with you without anywhere to take it.",
    "How are you settling into the new city?",
    "What would make these 1:1s worth your time from here?",
]


def _replies(out: str, who: str) -> list[str]:
    """The person's lines, each joined back together where the terminal wrapped it."""
    replies: list[str] = []
    open_reply = False
    for line in out.splitlines():
        if line.startswith(f"{who}: "):
            replies.append(line[len(who) + 2 :].rstrip())
            open_reply = True
        elif open_reply and line.strip() and not line.startswith("  "):
            replies[-1] += " " + line.strip()
        else:
            open_reply = False
    return replies


def test_the_tom_session_from_the_issue_replayed(runner: CliRunner) -> None:
    """`coach roleplay Tom --scenario after-cancellations`, six lines, then `end`, as a new user would."""
    assert runner.invoke(app, ["demo"]).exit_code == 0
    lines = "\n".join(TOM_SESSION) + "\nend\n"
    result = runner.invoke(app, ["roleplay", "Tom", "--scenario", "after-cancellations"], input=lines)
    assert result.exit_code == 0, result.output
    out = result.stdout
    first_reply = out.index("Tom: ", out.index("[ ]"))
    up_front = out[:first_reply]
    for label in ("Acknowledge the cancellations as yours", "Make at least one personal move",
                  "They name their own next step", "At least one reflection"):  # fmt: skip
        assert f"[ ] {label}" in up_front  # the rubric before the first line
    # a compact score line under each of the user's lines, and the acknowledgement credited live
    scores = [line.strip() for line in out.splitlines() if line.strip().startswith("↳ ")]
    assert len(scores) == 6 and "owns it" in scores[0]
    assert "personal reveal" in scores[1]  # "I went through something similar…" counts as a reveal
    assert "✓ Acknowledge the cancellations as yours" in out[: out.index("↳ ", out.index("↳ ") + 1)]
    card = out[out.index("# Scorecard") :]
    assert "✓ Acknowledge the cancellations as yours: met — line 1" in card
    assert "✓ Make at least one personal move: met" in card
    tom = _replies(out[: out.index("# Scorecard")], "Tom")
    assert len(tom) == 7  # the opening and one reply to each line
    said = [re.sub(r"\W+", " ", s.lower()).strip() for line in tom for s in split_sentences(line)]
    assert len(said) == len(set(said))  # never the same sentence twice
    assert sum(line.endswith("We'll see.") for line in tom) <= 1  # the tail that closed five of six replies
    known = ("design critique", "accessibility guidelines", "research team", "last two", "new city", "critique")
    assert any(fact in " ".join(tom).lower() for fact in known)  # something coach knows about Tom
    assert "## Hidden agenda" in card and "Tom's frustration surfaced" in card


def test_roleplay_picks_the_scenario_from_memory_and_says_why(runner: CliRunner) -> None:
    assert runner.invoke(app, ["demo"]).exit_code == 0
    result = runner.invoke(app, ["roleplay", "Tom", "--seed", "1"], input="end\n")
    assert result.exit_code == 0, result.output
    assert "(after-cancellations)" in result.stdout
    assert "Picked from memory: you cancelled 2 of your last three 1:1s with Tom" in result.stdout
    boss = runner.invoke(app, ["roleplay", "Daniel", "--scenario", "from-memory", "--seed", "1"], input="end\n")
    assert boss.exit_code == 0 and "(disagree-with-boss)" in boss.stdout


def test_roleplay_bad_difficulty_is_a_clear_error(team: CliRunner) -> None:
    result = team.invoke(app, ["roleplay", "Priya Raman", "--difficulty", "extreme"], input="")
    assert result.exit_code == 2 and "easy, normal, hard" in result.stderr
