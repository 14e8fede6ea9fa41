"""The user's data as a whole: export, import, the demo team, and the health check (`doctor`)."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from coach.errors import CoachError
from coach.workspace.sessions import ModelJobs

ExportFormat = Literal["md", "json"]


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str


class DataJobs(ModelJobs):
    def export(self, fmt: ExportFormat) -> str:
        """Everything in memory: Markdown to read (ending with the month-by-month trend), or JSON that `import_`
        restores."""
        from coach.coaching.progress import progress
        from coach.store.export import export_json, export_markdown

        if fmt == "json":
            return json.dumps(export_json(self.memory), ensure_ascii=False, indent=2) + "\n"
        records = [self.memory.record(n) for n in self.memory.names()]
        trend = progress(records, dt.date.today()).to_markdown() if records else ""
        return export_markdown(self.memory) + (f"\n{trend}" if trend else "")

    def export_to(self, path: Path, fmt: ExportFormat) -> Path:
        """Write the export to `path`, readable by its owner only (it holds personal notes)."""
        from coach.store.export import write_export

        write_export(path, self.export(fmt))
        return path

    def import_(self, path: Path, replace: bool = False) -> int:
        """Restore people from a JSON export, in one transaction; returns how many."""
        from coach.store.export import import_doc, read_export

        return import_doc(self.memory, read_export(path), replace=replace)

    def load_demo(self, today: dt.date | None = None) -> list[str]:
        """A sample team to explore coach with; returns their names."""
        from coach.demo import load_demo

        return load_demo(self.memory, today)

    def doctor(self) -> dict[str, Check]:
        """Is everything working: the model, the data directory, the database, the knowledge index."""
        return {
            "model": Check(*self.check_model()),
            "data dir": self._check_data(),
            "database": self._check_schema(),
            "knowledge": self._check_knowledge(),
        }

    def _check_data(self) -> Check:
        path = self.settings.data_dir
        try:
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            return Check(False, f"{path}: cannot create ({exc.strerror})")
        if not os.access(path, os.W_OK):
            return Check(False, f"{path}: not writable")
        return Check(True, str(path))

    def _check_schema(self) -> Check:
        from coach.store.migrations import LATEST

        try:
            version = self.memory.schema_version()
            problems = self.memory.problems()  # reads every page: a damaged one is found here, not mid-command
        except CoachError as exc:
            return Check(False, exc.message)
        if problems:
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            return Check(
                False,
                f"damaged: {problems[0]}{more}; restore a backup with `coach import`, or move "
                f"{self.memory.path} aside to start afresh",
            )
        readonly = "; read-only for you: nothing can be saved" if self.memory.readonly else ""
        return Check(version == LATEST, f"version {version} (this coach knows {LATEST}), pages intact{readonly}")

    def _check_knowledge(self) -> Check:
        try:
            sources = self.index_sources(ready=False)
        except CoachError as exc:
            return Check(False, exc.message)
        chunks = sum(int(s.get("chunks", 0)) for s in sources)
        return Check(bool(sources), f"{len(sources)} sources, {chunks} passages" if sources else "empty")
