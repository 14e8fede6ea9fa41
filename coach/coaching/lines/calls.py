"""What a rule decides about one label: the value, the cue a manager can read, and how sure it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Call(Generic[T]):
    """A rule's decision for one label.

    `code` names the cue for the learned head (one feature per code); `why` is the reason shown to
    the manager; `firm` says the cue is unambiguous, so the learned head is not asked to overrule it.
    """

    value: T
    code: str
    why: str
    firm: bool = False
