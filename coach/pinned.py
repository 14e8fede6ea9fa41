"""Files coach ships with a pinned sha256 (the learned weights): read whole, refused if not the pinned bytes.

A damaged or stale file would otherwise score quietly wrong; refusing it says what to do instead.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from coach.errors import CoachError


def read_pinned(path: Path, expected: str, what: str, remedy: str = "reinstall coach") -> bytes:
    """The bytes of `path` (`what` names it for the user, e.g. "the debrief's model weights")."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CoachError(f"{what} are missing ({path.name}): {remedy}") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected:
        raise CoachError(
            f"{what} {path.name} do not match their pinned checksum (sha256 {digest[:12]}…, expected "
            f"{expected[:12]}…): the file is damaged or not the shipped version; {remedy}"
        )
    return data
