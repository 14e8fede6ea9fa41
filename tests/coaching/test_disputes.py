"""Two readings of the notes merged: where the rules and a model differ, nothing is chosen for the user."""

from __future__ import annotations

import pytest

from coach.agent.debrief import ModelAction
from coach.coaching.debrief import DebriefAction
from coach.coaching.debrief.disputes import decide_all, dispute_json, final_readings, merge, only_rules, summary
from coach.domain import Owner, Proposer
from coach.errors import CoachError


def test_merge_keeps_both_readings_when_they_disagree_so_the_user_decides() -> None:
    model = [
        ModelAction(text="Draft the on-call rota", owner="them", proposed_by="them"),
        ModelAction(text="Book a room for the offsite", owner="me", proposed_by="me"),
    ]
    rules = [
        DebriefAction(text="draft the on-call rota", owner=Owner.them, proposed_by=Proposer.me),
        DebriefAction(text="Chase procurement about licences", owner=Owner.me, proposed_by=Proposer.me),
    ]
    merged = merge(model, rules)
    assert [(a.text, a.found_by, a.disputed) for a in merged.actions] == [
        ("draft the on-call rota", "both", True),
        ("Chase procurement about licences", "rules", True),
        ("Book a room for the offsite", "model", True),
    ]
    rota = merged.actions[0]
    assert rota.conflicts == ["proposed_by"]
    with pytest.raises(ValueError, match="disputed"):
        rota.agreed()  # no silent choice
    assert [(r.text, r.proposed_by) for r in final_readings(merged, decide_all(merged, "rules"))] == [
        ("draft the on-call rota", "me"),
        ("Chase procurement about licences", "me"),
    ]
    assert [(r.text, r.proposed_by) for r in final_readings(merged, decide_all(merged, "model"))] == [
        ("draft the on-call rota", "them"),
        ("Book a room for the offsite", "me"),
    ]


def test_merge_ignores_an_unclear_model_reading() -> None:
    merged = merge(
        [ModelAction(text="Draft the on-call rota", owner="unclear", due="2026-03-09")],
        [DebriefAction(text="Draft the on-call rota", owner=Owner.them, proposed_by=Proposer.them)],
    )
    [action] = merged.actions
    assert not action.disputed and action.agreed().owner == "them"
    assert str(action.agreed().due) == "2026-03-09"  # a date only the model saw is kept


def test_json_lists_both_candidates_of_a_dispute_and_chooses_neither() -> None:
    merged = merge(
        [ModelAction(text="Draft the on-call rota", owner="me", proposed_by="them")],
        [
            DebriefAction(text="Draft the on-call rota", owner=Owner.them, proposed_by=Proposer.them),
            DebriefAction(text="Send the budget", owner=Owner.me, proposed_by=Proposer.me),
        ],
    )
    rows = dispute_json(merged)
    assert [(r["source"], r["owner"], r["disputed"], r["dispute"]) for r in rows] == [
        ("rules", "them", True, 1),
        ("model", "me", True, 1),
        ("rules", "me", True, 2),
    ]
    assert rows[0]["conflicts"] == ["owner"] and rows[2]["found_by"] == "rules"


def test_nothing_is_saved_while_a_dispute_is_open_and_a_decision_may_drop_an_action() -> None:
    merged = merge(
        [ModelAction(text="Draft the on-call rota", owner="me", proposed_by="them")],
        [DebriefAction(text="Draft the on-call rota", owner=Owner.them, proposed_by=Proposer.them)],
    )
    with pytest.raises(CoachError, match="1 action\\(s\\) are disputed"):
        final_readings(merged, {})
    assert final_readings(merged, {0: None}) == []
    [kept] = final_readings(merged, {0: merged.actions[0].choose("model")})
    assert kept.owner == "me" and summary([kept]) == {
        "total": 1,
        "owned_by_them": 0,
        "proposed_by_them": 1,
        "owned_by_me": 1,
        "owned_by_others": 0,
    }


def test_the_rules_alone_are_never_disputed() -> None:
    merged = only_rules([DebriefAction(text="Send the budget", owner=Owner.me, proposed_by=Proposer.me)])
    assert [(a.found_by, a.disputed) for a in merged.actions] == [("rules", False)]
    assert [r.text for r in final_readings(merged, {})] == ["Send the budget"]


def test_a_third_persons_name_is_part_of_the_owner_reading() -> None:
    rules = [
        DebriefAction(
            text="Pair with her on the screens", owner=Owner.other, owner_name="Tom", proposed_by=Proposer.unclear
        )
    ]
    same = merge([ModelAction(text="Pair with her on the screens", owner="other", owner_name="Tom Becker")], rules)
    assert not same.disputes and same.actions[0].agreed().owner_name == "Tom"
    other = merge([ModelAction(text="Pair with her on the screens", owner="other", owner_name="Sam")], rules)
    [dispute] = other.disputes
    assert dispute.conflicts == ["owner"]
    assert dispute.choose("model").owner_label() == "Sam (other)"  # type: ignore[union-attr]
    assert dispute.choose("rules").to_action().owner_label() == "Tom (other)"  # type: ignore[union-attr]
    # A model that says "other" without a name has not read an owner: the rules' reading stands.
    nameless = merge([ModelAction(text="Pair with her on the screens", owner="other")], rules)
    assert not nameless.disputes and nameless.actions[0].agreed().owner_label() == "Tom (other)"
    json_rows = dispute_json(other)
    assert {row["owner_name"] for row in json_rows} == {"Tom", "Sam"}
