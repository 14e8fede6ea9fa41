"""Errors a user can act on. The CLI prints their message and exits with `exit_code`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class CoachError(Exception):
    """A problem with the user's input or data, explained in one message."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(CoachError):
    pass


class StoreError(CoachError):
    pass


class NotFoundError(CoachError):
    pass


class UnknownPersonError(NotFoundError):
    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.suggestions = close_matches(name, known)
        msg = f"no person named {name!r}"
        if self.suggestions:
            msg += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(msg)


def close_matches(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Names that look like `word`: fuzzy matches first, then names containing it."""
    names = list(candidates)
    folded = {name.casefold(): name for name in names}
    key = word.casefold().strip()
    found = [folded[m] for m in difflib.get_close_matches(key, list(folded), n=n, cutoff=0.6)]
    first = key.split()[0] if key.split() else ""
    for name in names:
        low = name.casefold()
        if key and (key in low or low.split()[0] == first) and name not in found:
            found.append(name)
    return found[:n]
