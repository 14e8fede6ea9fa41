"""Unsaved text typed in the app (Debrief notes, a Role-play line), kept on disk until saved or discarded.

A draft survives a crash of the app: it is written atomically (coach.files) into
`data_dir/drafts/`, owner-only, one file per person and kind, named by the person's
id so a rename keeps it. Forgetting the person deletes their drafts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from coach.files import write_atomic

FOLDER = "drafts"
KINDS = ("debrief", "roleplay")


@dataclass(frozen=True)
class Draft:
    person_id: int
    kind: str
    text: str
    name: str  # the person's name when the draft was written (for messages)
    updated: str


class Drafts:
    """The drafts in one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / FOLDER

    def _path(self, person_id: int, kind: str) -> Path:
        if kind not in KINDS:
            raise ValueError(f"unknown draft kind {kind!r}")
        return self.folder / f"person-{int(person_id)}.{kind}.json"

    def save(self, person_id: int, name: str, kind: str, text: str) -> None:
        """Keep `text` as the person's draft of `kind` (blank text discards it)."""
        if not text.strip():
            self.discard(person_id, kind)
            return
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        body = {"person_id": person_id, "name": name, "kind": kind, "text": text, "updated": stamp}
        write_atomic(self._path(person_id, kind), json.dumps(body, ensure_ascii=False))

    def get(self, person_id: int, kind: str) -> Draft | None:
        try:
            raw = json.loads(self._path(person_id, kind).read_text(encoding="utf-8"))
            return Draft(
                int(raw["person_id"]), str(raw["kind"]), str(raw["text"]), str(raw["name"]), str(raw["updated"])
            )
        except (OSError, ValueError, KeyError, TypeError):  # none, or unreadable: nothing to restore
            return None

    def discard(self, person_id: int, kind: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(person_id, kind).unlink()

    def forget(self, person_id: int) -> int:
        """Delete every draft about the person; returns how many there were."""
        removed = 0
        for kind in KINDS:
            path = self._path(person_id, kind)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
        with contextlib.suppress(OSError):
            if self.folder.exists() and not any(self.folder.iterdir()):
                os.rmdir(self.folder)
        return removed
