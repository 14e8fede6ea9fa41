"""Property: whatever a user feeds `import`, `debrief --notes` or `score`, coach answers (exit 0) or refuses in
one line (exit 2); it never shows a traceback. Runs the real entry point, `coach.cli.main`."""

from __future__ import annotations

import datetime as dt
import json
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.cli import main

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
wild_ints = st.integers() | st.sampled_from([0, -1, 2**63 - 1, 2**63, 2**70, -(2**70)])
field_values = json_values | wild_ints | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(str)


@st.composite
def exports(draw: st.DrawFn) -> Any:
    """Mostly well-formed exports with hostile values in their fields."""

    def record(keys: list[str]) -> dict[str, Any]:
        return {k: draw(field_values) for k in draw(st.lists(st.sampled_from(keys), max_size=len(keys), unique=True))}

    people = []
    for _ in range(draw(st.integers(0, 3))):
        person: dict[str, Any] = {
            "name": draw(st.text(max_size=30) | field_values),
            "relationship": draw(st.sampled_from(["report", "boss", "peer", "other", ""]) | field_values),
        }
        person["meetings"] = [
            record(["id", "date", "status", "cancelled_by", "length_minutes", "notes"])
            for _ in range(draw(st.integers(0, 2)))
        ]
        person["actions"] = [
            record(["id", "text", "owner", "proposed_by", "due", "done", "meeting_id", "created"])
            for _ in range(draw(st.integers(0, 2)))
        ]
        person["notes"] = [
            record(["id", "text", "personal", "created", "meeting_id"]) for _ in range(draw(st.integers(0, 2)))
        ]
        people.append(person)
    return {
        "format": draw(st.just("coach-export") | st.text(max_size=12)),
        "version": draw(st.just(1) | field_values),
        "people": people,
    }


import_files = (
    exports().map(json.dumps)
    | json_values.map(json.dumps)
    | st.text(max_size=300)
    | st.binary(max_size=200).map(lambda b: b.decode("latin-1"))
)
notes_text = st.text(max_size=400) | st.lists(st.text(string.printable, max_size=60), max_size=8).map(
    lambda lines: "\n".join(f"- {line}" for line in lines)
)
transcripts = st.text(max_size=400) | st.lists(
    st.tuples(st.sampled_from(["me", "them", "Me", "THEM", "you", ""]), st.text(max_size=60)), max_size=8
).map(lambda turns: "\n".join(f"{who}: {text}" for who, text in turns))


def outcome(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    out, err = capsys.readouterr()
    code = int(exit_.value.code or 0)
    assert "Traceback" not in out + err
    assert code in (0, 2), (argv[:3], code, err[-500:])
    if code == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), err
    return code, out


@pytest.fixture
def demo(capsys: pytest.CaptureFixture[str], tmp_data_dir: Path) -> Path:
    outcome(capsys, "demo")
    return tmp_data_dir


@FUZZ
@given(body=import_files)
def test_import_of_anything(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(body, encoding="utf-8", errors="surrogateescape")
    outcome(capsys, "import", str(path))
    outcome(capsys, "people", "list", "--json")  # and memory still reads


@FUZZ
@given(notes=notes_text, day=st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_debrief_of_anything(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], notes: str, day: dt.date | None
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(notes, encoding="utf-8", errors="surrogateescape")
    outcome(
        capsys, "--offline", "debrief", "Priya", "--notes", str(path), "--json", *(["--date", str(day)] if day else [])
    )


@FUZZ
@given(transcript=transcripts, line=st.text(max_size=120).filter(lambda t: "\x00" not in t))
def test_score_of_anything(tmp_path: Path, capsys: pytest.CaptureFixture[str], transcript: str, line: str) -> None:
    path = tmp_path / "t.txt"
    path.write_text(transcript, encoding="utf-8", errors="surrogateescape")
    outcome(capsys, "score", str(path), "--json")
    outcome(capsys, "score", "--line", line)
