"""Keep the libraries coach loads from phoning home: set before any of them is imported.

onnxruntime (1.32) looks up an event-telemetry host about 9 s after a session loads and writes a
device id under ~/.cache/Microsoft/ unless ORT_DISABLE_TELEMETRY is set before its import
(`disable_telemetry_events()` after the import is not enough). Chroma sends product telemetry
(posthog) unless ANONYMIZED_TELEMETRY is off (the index also passes anonymized_telemetry=False).
The Hugging Face hub client (pulled in by tokenizers and others) stays offline and silent. A value
the user set explicitly is left alone. `coach/__init__.py` calls this, so every entry point is covered.
"""

from __future__ import annotations

import os

QUIET = {
    "ORT_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
}


def no_phoning_home() -> None:
    for key, value in QUIET.items():
        os.environ.setdefault(key, value)
