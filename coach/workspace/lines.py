"""The line scorer every score uses, and one line scored on its own.

A manager types `coach score --line` mid-thought, so it has to answer at once. Scoring a line needs no
settings, memory or index, and this module imports none of them: the executable calls `score_one_line`
without building a `Workspace` (see `coach.entry`), and the workspace's own scorer is built here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.coaching.analysis import LineAnalysis
    from coach.coaching.lines.head import LineScorer
    from coach.retrieval.embeddings import MiniLMEmbedding


def line_scorer(embedder: MiniLMEmbedding | None = None) -> LineScorer:
    """The rules, then the learned head over the MiniLM embedding where they are unsure (the model loads
    only when a line needs it; `embedder` shares one that is already open)."""
    from coach.nlp.line_head import line_scorer as build

    return build(embedder)


def score_one_line(text: str, previous: str | None = None) -> LineAnalysis:
    """One line's labels and the cue behind each; `previous` is the other person's turn before it."""
    return line_scorer()(text, previous)
