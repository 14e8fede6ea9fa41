"""Repairs of the index, run under the write lock: the sweep after a crash, old-index upgrades, recovery.

Kept apart from the facade (`knowledge.py`) because each is a self-contained pass over the manifest
and the collection: what an interrupted write left, what an older index lacked, and which of the
user's sources a garbage manifest had listed.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np

from coach.retrieval.index import ChromaIndex
from coach.retrieval.manifest import Manifest, PassageRow


def sweep(index: ChromaIndex, manifest: Manifest, full: bool) -> None:
    """Delete rows no finished source owns; a finished source whose rows are missing becomes pending.

    `full` also reads every id in Chroma (after a crash, or when the counts differ). Only ever run
    under the write lock, so nothing another process is writing can be taken for a leftover.
    """
    records = manifest.all()
    owned = {(r.source, r.content_hash) for r in records if not r.pending}
    entries = manifest.entries()
    stray = [i for i, key in entries.items() if key not in owned]
    counts = manifest.passage_counts()
    broken = {r.source for r in records if not r.pending and counts.get((r.source, r.content_hash), 0) != r.chunks}
    extra: list[str] = []
    if full:
        in_index = index.all_ids()
        extra = [i for i in in_index if i not in entries]
        broken |= {entries[i][0] for i in entries if i not in in_index and entries[i] in owned}
    broken_rows = [i for i, (source, _) in entries.items() if source in broken]
    gone = list(dict.fromkeys([*stray, *broken_rows]))
    if gone or extra:
        index.delete_ids([*gone, *extra])
        manifest.delete_entries(gone)
    if broken:
        manifest.mark_pending(sorted(broken))


def copy_passages(index: ChromaIndex, manifest: Manifest, batch: int = 500) -> None:
    """Upgrade an index made before the manifest kept passages: copy them from Chroma, no re-embedding."""
    missing = manifest.chunks_without_passage()
    for start in range(0, len(missing), batch):
        got = index.get(missing[start : start + batch], include=["documents", "metadatas", "embeddings"])
        rows = []
        docs, metas = got.get("documents") or [], got.get("metadatas") or []
        vectors = got.get("embeddings")
        for cid, doc, meta, vector in zip(got["ids"], docs, metas, [] if vectors is None else vectors, strict=False):
            m = dict(meta or {})
            fields = ("source", "file_hash", "title", "concepts")
            source, file_hash, title, concepts = (str(m.get(f, "")) for f in fields)
            blob = np.asarray(vector, dtype=np.float32).tobytes()
            rows.append(PassageRow(str(cid), source, file_hash, title, concepts, doc or "", blob))
        manifest.put_lexical([], rows)


def recover_sources(index: ChromaIndex, manifest_path: Path) -> dict[str, str]:
    """For a manifest that is garbage: the user's sources as the index's metadata names them (when it
    still opens), then the manifest files are deleted so a new one can be made."""
    known: dict[str, str] = {}
    with contextlib.suppress(Exception):  # the index may be garbage too: then only the cards come back
        got = index.collection.get(include=["metadatas"])
        for meta in got.get("metadatas") or []:
            source = str((meta or {}).get("source", ""))
            if source and not (meta or {}).get("builtin") and Path(source).is_absolute():
                known[source] = source
    index.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{manifest_path}{suffix}").unlink(missing_ok=True)
    return known
