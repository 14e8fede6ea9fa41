"""Where every bench keeps its last figures: `bench/results/<name>.json`, written the same way by each script."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def save(name: str, data: Any) -> Path:
    """Write `data` as indented JSON to bench/results/`name` and return the path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / name
    out.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return out
