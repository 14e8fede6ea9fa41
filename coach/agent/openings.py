"""The coach's first words in a conversation, written deterministically from the brief.

A model is good at follow-ups but a small local one often opens with a lecture
instead of a question. So the opening question is ours: shown as the coach's
first message before the user types, and placed in the thread as the coach's
first turn, so the model carries on from the manager's answer. Light: no
LangChain here, the TUI may call it on the event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.text import split_sentences

if TYPE_CHECKING:
    from coach.coaching.brief import Brief


ACTION_CODES = frozenset({"overdue", "user_owns_most", "action_overload"})  # watch-outs that already count actions


def _first_sentence(text: str) -> str:
    """The fact, without the advice that follows it (the model gives advice; the opening only asks)."""
    sentence = (split_sentences(text) or [text.strip()])[0].rstrip(".!?")
    return sentence.split(": ", 1)[0].rstrip(".")[:200]


def prep_opening(brief: Brief) -> str:
    """Ask what the manager wants from this 1:1, with the one or two facts from the brief that bear on it."""
    first = brief.person.name.split()[0]
    facts: list[str] = []
    watch = brief.watch_outs[0] if brief.watch_outs else None
    if watch is not None:
        facts.append(_first_sentence(watch.text))
    if brief.open_actions and (watch is None or watch.code not in ACTION_CODES):
        theirs = sum(a.owner == "them" for a in brief.open_actions)
        facts.append(f"{len(brief.open_actions)} action(s) are still open, {theirs} of them owned by {first}")
    context = f" From the brief: {'; '.join(facts)}." if facts else ""
    return (
        f"What do you want from this 1:1 with {first}?{context} "
        f"Tell me the one thing that would make the time worthwhile — and what you think {first} wants from it."
    )
