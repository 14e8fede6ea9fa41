"""`coach calendar import` and `coach today` as a user runs them, on real .ics files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach.cli import app

DATA = Path(__file__).resolve().parent.parent / "data" / "calendar"
SINCE = ["--since", "2025-01-01", "--tz", "Europe/London"]


def run(runner: CliRunner, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    assert "Traceback" not in result.output + result.stderr, result.stderr
    return result.exit_code, result.stdout, result.stderr


def ok_json(runner: CliRunner, *args: str, input: str | None = None) -> Any:
    code, out, err = run(runner, *args, "--json", input=input)
    assert code == 0, err
    return json.loads(out)


def meetings(runner: CliRunner, name: str) -> list[dict[str, Any]]:
    return ok_json(runner, "people", "show", name)["meetings"]  # type: ignore[no-any-return]


def export(runner: CliRunner) -> str:
    code, out, _ = run(runner, "export", "--format", "json")
    assert code == 0
    return out


@pytest.fixture
def team(runner: CliRunner) -> CliRunner:
    for name in ("Priya Raman", "Tom Becker"):
        assert run(runner, "people", "add", name)[0] == 0
    return runner


def test_import_records_attendance_the_user_never_typed_and_a_second_import_changes_nothing(team: CliRunner) -> None:
    first = ok_json(team, "calendar", "import", str(DATA / "weekly-london.ics"), *SINCE)
    assert first["me"] == ["sam@corp.example"]  # from the calendar's own name
    assert first["counts"]["added"] == {"held": 5, "cancelled": 2, "moved": 1}
    series = first["series"][0]
    assert series["person"] == "Priya Raman" and series["cancelled_by_me"] == 2  # the user organised it
    rows = meetings(team, "Priya Raman")
    assert [(m["date"], m["status"], m["cancelled_by"]) for m in rows[:4]] == [
        ("2025-03-05", "held", None),
        ("2025-03-12", "cancelled", "me"),  # EXDATE
        ("2025-03-19", "cancelled", "me"),  # STATUS:CANCELLED
        ("2025-03-27", "moved", "me"),  # RECURRENCE-ID with a new start
    ]
    assert ok_json(team, "people", "show", "Priya Raman")["person"]["email"] == "priya.raman@corp.example"
    again = ok_json(team, "calendar", "import", str(DATA / "weekly-london.ics"), *SINCE)
    assert again["counts"]["added"] == {"held": 0, "cancelled": 0, "moved": 0}
    assert again["counts"]["unchanged"] == 8
    assert meetings(team, "Priya Raman") == rows


def test_a_meeting_typed_by_hand_on_the_same_day_is_matched_and_keeps_what_the_user_said(team: CliRunner) -> None:
    args = ("meeting", "log", "Priya", "--date", "2025-03-05", "--status", "held", "--notes", "went well")
    assert run(team, *args)[0] == 0
    result = ok_json(team, "calendar", "import", str(DATA / "weekly-london.ics"), *SINCE)
    assert result["counts"]["matched"] == 1 and result["counts"]["added"]["held"] == 4
    on_the_day = [m for m in meetings(team, "Priya Raman") if m["date"] == "2025-03-05"]
    assert len(on_the_day) == 1 and on_the_day[0]["notes"] == "went well"
    assert on_the_day[0]["uid"] == "priya-weekly-1on1@corp.example"
    # And the other way round: logging a 1:1 the calendar already recorded completes that one.
    log = ("meeting", "log", "Priya", "--date", "2025-04-02", "--status", "cancelled", "--by", "them")
    assert run(team, *log)[0] == 0
    day = [m for m in meetings(team, "Priya Raman") if m["date"] == "2025-04-02"]
    assert [(m["status"], m["cancelled_by"]) for m in day] == [("cancelled", "them")]
    ok_json(team, "calendar", "import", str(DATA / "weekly-london.ics"), *SINCE)  # the user's word stands
    day = [m for m in meetings(team, "Priya Raman") if m["date"] == "2025-04-02"]
    assert [(m["status"], m["cancelled_by"]) for m in day] == [("cancelled", "them")]


def test_the_other_persons_series_cancelled_by_them_declined_by_me(team: CliRunner) -> None:
    path = str(DATA / "organised-by-them-new-york.ics")
    code, _, err = run(team, "calendar", "import", path, *SINCE)
    assert code == 2 and "--me" in " ".join(
        err.split()
    )  # one event with two addresses: no way to tell which is the user
    result = ok_json(team, "calendar", "import", path, *SINCE, "--me", "Sam@Corp.example")
    assert result["series"][0]["person"] == "Tom Becker"  # matched by the attendee's name
    cancelled = {m["date"]: m["cancelled_by"] for m in meetings(team, "Tom Becker") if m["status"] == "cancelled"}
    assert cancelled == {"2025-03-17": "them", "2025-03-24": "them", "2025-04-07": "me"}
    times = {m["date"]: m["starts_at"][11:16] for m in meetings(team, "Tom Becker")}
    assert times["2025-03-03"] == "14:00" and times["2025-03-10"] == "13:00"  # New York's DST, seen from London
    assert ok_json(team, "calendar", "import", path, *SINCE)["me"] == ["sam@corp.example"]  # --me remembered


def test_dry_run_shows_what_would_be_recorded_and_writes_nothing(team: CliRunner) -> None:
    before = export(team)
    result = ok_json(team, "calendar", "import", str(DATA / "weekly-london.ics"), *SINCE, "--dry-run")
    assert result["dry_run"] and result["counts"]["added"]["held"] == 5
    assert export(team) == before
    code, out, _ = run(team, "calendar", "import", str(DATA / "weekly-london.ics"), *SINCE, "--dry-run")
    assert code == 0 and "Would record: 8 new meeting(s)" in out and "nothing was written" in out


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("not-a-calendar.ics", "not a readable iCalendar file"),
        ("truncated.ics", "not a readable iCalendar file"),
        ("empty-calendar.ics", "empty calendar"),
        ("broken-1on1.ics", "time coach cannot read"),
        ("no-such-file.ics", "no such file"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(team: CliRunner, name: str, says: str) -> None:
    before = export(team)
    code, out, err = run(team, "calendar", "import", str(DATA / name), *SINCE)
    message = " ".join(err.split())  # one message (the terminal may wrap it)
    assert code == 2 and says in message and message.startswith("error:") and message.count("error:") == 1
    assert out == "" and "Traceback" not in err
    assert export(team) == before


def test_a_calendar_without_1on1s_is_refused(team: CliRunner, tmp_path: Path) -> None:
    text = (DATA / "mixed.ics").read_text()
    group_only = text.split("BEGIN:VEVENT\nUID:platform-sync")[1].split("END:VEVENT")[0]
    cal = tmp_path / "group.ics"
    cal.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\nUID:platform-sync{group_only}"
                   "END:VEVENT\nEND:VCALENDAR\n")  # fmt: skip
    code, _, err = run(team, "calendar", "import", str(cal), *SINCE)
    assert code == 2 and "no 1:1s found" in " ".join(err.split())


def test_an_unknown_attendee_is_listed_then_mapped_once_and_remembered(team: CliRunner) -> None:
    path = str(DATA / "mixed.ics")
    assert run(team, "people", "add", "Amara Okafor")[0] == 0
    first = ok_json(team, "calendar", "import", path, *SINCE)
    assert [u["name"] for u in first["unknown"]] == ["Alex Kim", "Daniel Ortiz"]  # "Kim, Alex" in the calendar
    assert {s["title"]: s["person"] for s in first["series"]} == {
        "1:1 Amara": "Amara Okafor",  # a placeholder named in its title
        "121 Alex": None,
        "1on1 Daniel / Sam": None,
    }
    assert first["warnings"] == ["1 other event(s) with times coach cannot read were left out"]
    mapped = ok_json(team, "calendar", "import", path, *SINCE, "--map", "alex.kim@corp.example=new",
                     "--map", "Daniel Ortiz=skip")  # fmt: skip
    assert mapped["people_added"] == ["Alex Kim"] and mapped["unknown"] == []
    again = ok_json(team, "calendar", "import", path, *SINCE)
    assert again["unknown"] == []
    people = {s["title"]: (s["person"], s["skipped"]) for s in again["series"]}
    assert people["121 Alex"] == ("Alex Kim", None)  # by the address remembered as his
    assert people["1on1 Daniel / Sam"] == (None, "ignored, as you answered before")


def test_a_map_to_someone_not_in_coach_is_refused_before_anything_is_written(team: CliRunner) -> None:
    before = export(team)
    code, _, err = run(
        team, "calendar", "import", str(DATA / "mixed.ics"), *SINCE, "--map", "alex.kim@corp.example=Tomm"
    )
    assert code == 2 and "Tom Becker" in err  # suggested
    assert export(team) == before


def test_in_a_terminal_the_user_is_asked_once(team: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.cli.calendar_cmds.interactive", lambda as_json: True)
    assert run(team, "people", "add", "Amara Okafor")[0] == 0
    path = str(DATA / "mixed.ics")
    code, out, _ = run(team, "calendar", "import", path, *SINCE, input="Nobody\nTom\n\n")
    assert code == 0
    assert "Who is Kim, Alex <alex.kim@corp.example>?" in out
    assert "no person named 'Nobody'" in out  # asked again after a name coach does not know
    assert "Who is Daniel Ortiz" in out  # Enter leaves him for next time
    code, out, _ = run(team, "calendar", "import", path, *SINCE, input="\n")
    assert "Who is Kim, Alex" not in out and "Who is Daniel Ortiz" in out
    assert any(m["uid"] == "alex-121@corp.example" for m in meetings(team, "Tom Becker"))


def _generated(tmp_path: Path, today: dt.date) -> Path:
    """Two weekly series around today: Priya at 12:00 UTC (organised by the user), Tom at 09:00 (by Tom)."""
    start = today - dt.timedelta(days=14)
    events = []
    for uid, hour, who, email, organiser in (
        ("gen-priya", 12, "Priya Raman", "priya@corp.example", "sam@corp.example"),
        ("gen-tom", 9, "Tom Becker", "tom@corp.example", "tom@corp.example"),
    ):
        events.append(
            f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20250101T000000Z\nDTSTART:{start:%Y%m%d}T{hour:02d}0000Z\n"
            f"DTEND:{start:%Y%m%d}T{hour:02d}3000Z\nRRULE:FREQ=WEEKLY;COUNT=5\nSUMMARY:{who.split()[0]} / Sam\n"
            f"ORGANIZER:mailto:{organiser}\nATTENDEE;CN=Sam Lee:mailto:sam@corp.example\n"
            f"ATTENDEE;CN={who}:mailto:{email}\nEND:VEVENT\n"
        )
    path = tmp_path / "cal.ics"
    path.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\n" + "".join(events) + "END:VCALENDAR\n")
    return path


def test_a_new_user_imports_then_sees_today_and_a_brief_they_never_typed(runner: CliRunner, tmp_path: Path) -> None:
    today = dt.datetime.now(dt.UTC).date()
    cal = _generated(tmp_path, today)
    result = ok_json(runner, "calendar", "import", str(cal), "--add-unknown", "--tz", "UTC", "--me", "sam@corp.example")
    assert sorted(result["people_added"]) == ["Priya Raman", "Tom Becker"]
    day = ok_json(runner, "today", "--tz", "UTC", "--date", today.isoformat())
    assert [(i["time"], i["person"]) for i in day["one_on_ones"]] == [("09:00", "Tom Becker"), ("12:00", "Priya Raman")]
    assert all(i["headline"] for i in day["one_on_ones"])
    brief = ok_json(runner, "brief", "Priya", "--no-passages")
    assert brief["attendance"]["held"] >= 2 and brief["next_1on1"] is not None
    assert brief["headline"] and "kind" in brief and len(brief["key_questions"]) == 3  # old fields kept
    code, page, _ = run(runner, "brief", "Priya", "--no-passages")
    assert code == 0 and "next 1:1:" in page
    flat = " ".join(page.split())
    order = [flat.index(brief["headline"]), flat.index("Open actions"), flat.index("Opener"),
             flat.index("Three key questions"), flat.index("Purpose and outcomes")]  # fmt: skip
    assert order == sorted(order)  # the person first, what is the same for everyone of that kind last


def test_today_works_without_a_calendar_from_the_next_1on1_dates(team: CliRunner) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert run(team, "meeting", "next", "Tom", "--date", tomorrow, "--time", "15:30")[0] == 0
    assert run(team, "meeting", "next", "Priya", "--date", tomorrow, "--time", "09:15")[0] == 0
    day = ok_json(team, "today", "--date", tomorrow)
    assert [(i["time"], i["person"], i["status"]) for i in day["one_on_ones"]] == [
        ("09:15", "Priya Raman", "upcoming"),
        ("15:30", "Tom Becker", "upcoming"),
    ]
    assert ok_json(team, "today", "--date", "2030-01-01")["one_on_ones"] == []
    code, out, _ = run(team, "today", "--date", "2030-01-01")
    assert code == 0 and "No 1:1s on" in out and "calendar import" in out
    assert run(team, "meeting", "next", "Tom", "--date", tomorrow, "--time", "25:99")[0] == 2
    assert run(team, "meeting", "next", "Tom", "--clear")[0] == 0
    assert [i["person"] for i in ok_json(team, "today", "--date", tomorrow)["one_on_ones"]] == ["Priya Raman"]


def test_a_placeholder_1on1_names_the_person_added_for_it(runner: CliRunner) -> None:
    result = ok_json(runner, "calendar", "import", str(DATA / "mixed.ics"), *SINCE, "--add-unknown")
    assert sorted(result["people_added"]) == ["Alex Kim", "Amara", "Daniel Ortiz"]  # "1:1 Amara" names Amara
    assert result["unknown"] == []
    again = ok_json(runner, "calendar", "import", str(DATA / "mixed.ics"), *SINCE)
    assert {s["title"]: s["person"] for s in again["series"]}["1:1 Amara"] == "Amara"
