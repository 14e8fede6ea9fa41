"""Errors a user can act on. The CLI prints their message and exits with `exit_code`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

ECHO_CHARS = 80  # what a message repeats of the user's input at most
MATCH_CHARS = 200  # no name is longer (coach.domain.NAME_MAX): a longer input is compared by its start


class CoachError(Exception):
    """A problem with the user's input or data, explained in one message."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(CoachError):
    pass


class StoreError(CoachError):
    """The memory database failed; `reason` keeps SQLite's own words when it was SQLite."""

    reason: str = ""


class NotFoundError(CoachError):
    pass


class PersonGone(CoachError):
    """The person an open conversation or draft is about was forgotten (or renamed) by another program."""

    def __init__(self, name: str) -> None:
        shown = name if len(name) <= ECHO_CHARS else f"{name[: ECHO_CHARS - 1]}…"
        super().__init__(
            f"{shown!r} is no longer in memory (forgotten or renamed in another window); this conversation "
            "has ended and nothing more of it is saved"
        )
        self.name = name


class UnknownPersonError(NotFoundError):
    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.suggestions = close_matches(name[:MATCH_CHARS], known)
        shown = name if len(name) <= ECHO_CHARS else f"{name[: ECHO_CHARS - 1]}…"
        msg = f"no person named {shown!r}" + (f" ({len(name):,} characters)" if len(name) > ECHO_CHARS else "")
        if self.suggestions:
            msg += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(msg)


def close_matches(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Names that look like `word`: fuzzy matches on the whole name, then on any word of it."""
    names = list(candidates)
    folded = {name.casefold(): name for name in names}
    key = word.casefold().strip()
    found = [folded[m] for m in difflib.get_close_matches(key, list(folded), n=n, cutoff=0.6)]
    for name in names:
        words = name.casefold().split()
        similar_word = any(difflib.SequenceMatcher(None, key, w).ratio() >= 0.75 for w in words)
        if key and (key in name.casefold() or similar_word) and name not in found:
            found.append(name)
    return found[:n]
