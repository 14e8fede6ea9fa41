"""The learned head: its weights are pinned and reproducible, it loads only when needed, and it decides
only what the rules leave open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coach.coaching.analysis import analyse_line
from coach.coaching.lines.features import FEATURES
from coach.coaching.lines.head import HEADS, HeadWeights, LineScorer
from coach.errors import CoachError
from coach.nlp import line_head
from coach.nlp.line_head import WEIGHTS_FILE, load_weights


def test_the_shipped_weights_are_pinned_and_fit_the_features() -> None:
    weights = load_weights()
    weights.check()
    assert set(weights.weights) == set(HEADS) and weights.features == FEATURES and weights.dims == 384


def test_a_changed_weights_file_is_refused(tmp_path: Path) -> None:
    damaged = tmp_path / "line_head.json"
    data = bytearray(WEIGHTS_FILE.read_bytes())
    data[-10] = ord("9") if data[-10] != ord("9") else ord("8")
    damaged.write_bytes(bytes(data))
    with pytest.raises(CoachError, match="sha256"):
        load_weights(damaged)
    with pytest.raises(CoachError, match="missing"):
        load_weights(tmp_path / "nothing.json")


def test_weights_for_other_features_are_refused() -> None:
    weights = load_weights()
    stale = HeadWeights(weights.features[:-1], weights.dims, weights.embedding_scale, weights.weights, weights.model)
    with pytest.raises(ValueError, match="other features"):
        stale.check()


def test_without_the_head_the_scorer_is_the_rules_and_says_why() -> None:
    def broken() -> HeadWeights:
        raise CoachError("the line-scoring weights are missing")

    scorer = LineScorer(broken, lambda: pytest.fail("the embedder is not loaded without weights"), (CoachError,))
    line = "how's the allotment coming on"
    assert scorer(line) == analyse_line(line)
    assert scorer.failure == "the line-scoring weights are missing"


def _modules_after(line: str) -> str:
    code = (
        "import sys\n"
        "from coach.workspace import Workspace\n"
        f"Workspace().score_line({line!r})\n"
        "print('onnxruntime' in sys.modules, 'chromadb' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_line_the_rules_read_firmly_never_loads_the_embedding_model() -> None:
    assert _modules_after("Send the deck to finance.") == "False False"


def test_a_line_the_rules_are_unsure_of_loads_the_model_but_not_chroma() -> None:
    assert _modules_after("how's the cello coming along") == "True False"


@pytest.fixture(scope="module")
def scorer() -> LineScorer:
    return line_head.line_scorer()


def test_the_head_reads_meaning_where_no_rule_names_the_topic(scorer: LineScorer) -> None:
    asks = [
        "how's the cello going?",
        "did you get to the match on saturday",
        "are you still doing the choir",
        "how was the concert?",
        "how did the half marathon go?",
    ]
    assert [analyse_line(line).personal for line in asks] == [None] * len(asks)  # no word list names these
    got = [scorer(line) for line in asks]
    learned = [
        a for a in got if a.personal == "ask" and a.why["personal"].startswith("learned: reads like a personal ask (")
    ]
    assert len(learned) >= 4, [a.why["personal"] for a in got]


def test_firm_rules_keep_their_call_and_cue(scorer: LineScorer) -> None:
    for line in ("Send the deck to finance.", "Did the vendor reply?", "It sounds like the rota is wearing you down."):
        got, rules = scorer(line), analyse_line(line)
        assert (got.question, got.reflection, got.directive, got.personal) == (
            rules.question,
            rules.reflection,
            rules.directive,
            rules.personal,
        )


def test_a_line_scores_the_same_alone_and_in_a_batch(scorer: LineScorer) -> None:
    lines = [
        "how's the cello coming along",
        "ok so the vans are late again",
        "I was shattered after the move, to be honest",
        "you could maybe have a word with Dan",
        "lol same",
        "Did the pallets go out?",
    ]
    alone = [scorer(line) for line in lines]
    together = scorer.batch([(line, None) for line in lines])
    assert alone == together


@pytest.mark.slow
def test_the_shipped_weights_are_exactly_what_the_training_script_produces() -> None:
    from coach.nlp.train_lines import build

    assert build() == WEIGHTS_FILE.read_bytes(), "retrain: python -m coach.nlp.train_lines, then pin WEIGHTS_SHA256"


def test_the_shipped_verb_list_is_what_the_spacy_model_gives() -> None:
    from coach.nlp import build_verbs

    assert build_verbs.VERBS_FILE.read_text(encoding="utf-8") == build_verbs.text()
    assert {"reconcile", "countersign", "audit"} <= set(build_verbs.verbs())
