"""The prep brief on the demo team: what a manager notices in the two minutes before a 1:1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coach.coaching.brief import build_brief
from coach.demo import load_demo
from coach.domain import Passage, Person, PersonRecord, Relationship
from coach.store.memory import Memory

TODAY = dt.date.today()


@pytest.fixture
def memory(tmp_data_dir: Path) -> Memory:
    mem = Memory.in_dir(tmp_data_dir)
    load_demo(mem, TODAY)
    return mem


def fake_search(query: str, k: int = 4) -> list[Passage]:
    return [
        Passage(rank=i, score=0.5, title=f"{query[:10]} {i}", source="card", chunk_id=f"c{i % 3}", text="t")
        for i in range(k)
    ]


def test_tom_warns_about_cancellations_and_owned_actions(memory: Memory) -> None:
    data = build_brief(memory.record("Tom Becker"), TODAY).to_json()
    assert data["kind"] == "ic"
    assert {"cancelled_by_me", "user_owns_most"} <= set(data["watch_out_codes"])
    assert data["attendance"]["cancelled_by_me"] == 2
    assert len(data["key_questions"]) == 3
    assert all(a["owner"] == "me" for a in data["open_actions"])
    assert any(a["overdue"] for a in data["open_actions"])


def test_amara_is_a_manager_with_a_micro_involvement_idea(memory: Memory) -> None:
    data = build_brief(memory.record("Amara Okafor"), TODAY).to_json()
    assert data["kind"] == "manager"
    assert any("Micro-involvement" in w for w in data["watch_outs"])
    assert any("let them choose" in f for f in data["personal_followups"])  # sensitive: gentle
    overdue = [w for w in data["watch_outs"] if "overdue" in w]
    assert overdue and "owned by Amara" in overdue[0]  # her own action is late, not "the two of you"


def test_daniel_is_a_boss_with_leading_up_questions(memory: Memory) -> None:
    data = build_brief(memory.record("Daniel Ortiz"), TODAY).to_json()
    assert data["kind"] == "boss"
    assert any("push back" in q for q in data["key_questions"])


def test_personal_followups_are_at_most_two(memory: Memory) -> None:
    data = build_brief(memory.record("Priya Raman"), TODAY).to_json()
    assert 1 <= len(data["personal_followups"]) <= 2


def test_first_one_to_one_opener_differs() -> None:
    new = PersonRecord(person=Person(name="Zoe New", relationship=Relationship.report))
    brief = build_brief(new, TODAY)
    assert brief.opener.startswith("First 1:1")
    assert "first_one" in brief.to_json()["watch_out_codes"]
    assert brief.to_json()["attendance"]["held"] == 0


def test_passages_are_deduplicated_and_capped(memory: Memory) -> None:
    data = build_brief(memory.record("Tom Becker"), TODAY, fake_search).to_json()
    ids = [p["chunk_id"] for p in data["passages"]]
    assert 2 <= len(ids) <= 4 and len(ids) == len(set(ids))
    assert [p["rank"] for p in data["passages"]] == list(range(1, len(ids) + 1))  # one ranking, not one per query
    assert build_brief(memory.record("Tom Becker"), TODAY).to_json()["passages"] == []


def test_markdown_escapes_user_text() -> None:
    evil = PersonRecord(person=Person(name="*Bob* [x](http://e)", context="\x1b]8;;evil\x07 # hi"))
    text = build_brief(evil, TODAY).to_markdown()
    assert "\x1b" not in text and "\\*Bob\\*" in text and "\\[x\\]" in text
