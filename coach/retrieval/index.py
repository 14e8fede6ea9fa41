"""The Chroma collection: embedded `PersistentClient` by default, `HttpClient` for a server.

Vectors are always passed in explicitly (no embedding function attached), the space is
cosine, and every Chroma failure that means "the data on disk is broken" becomes one
CoachError that tells the user to run `coach knowledge rebuild`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from coach.errors import CoachError

COLLECTION = "coach_knowledge"
CONFIGURATION = {"hnsw": {"space": "cosine"}}
QUERY_INCLUDE = ("documents", "metadatas", "distances")


class IndexError_(CoachError):
    """The index could not be opened or used."""


def damaged(where: str, exc: BaseException) -> IndexError_:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return IndexError_(
        f"the knowledge index at {where} cannot be used ({reason[:200]}); run `coach knowledge rebuild` to recreate it"
    )


class ChromaIndex:
    def __init__(self, path: Path, url: str | None = None, collection: str = COLLECTION) -> None:
        self.path = path
        self.url = url
        self.name = collection
        self._client: Any = None
        self._collection: Any = None

    @property
    def where(self) -> str:
        return f"{self.url} (collection {self.name})" if self.url else str(self.path)

    def _make_client(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if not self.url:
            if self.path.exists() and not self.path.is_dir():
                raise IndexError_(f"{self.path} is not a directory; run `coach knowledge rebuild` to recreate it")
            self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(self.path), settings=chroma_settings)
            self.secure()
            return client
        parsed = urlparse(self.url if "://" in self.url else f"http://{self.url}")
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise CoachError(f"chroma_url {self.url!r} is not an http(s) URL like http://127.0.0.1:8000")
        ssl = parsed.scheme == "https"
        port = parsed.port or (443 if ssl else 8000)
        try:
            return chromadb.HttpClient(host=parsed.hostname, port=port, ssl=ssl, settings=chroma_settings)
        except Exception as exc:
            raise CoachError(f"cannot reach the Chroma server at {self.url}: {exc}") from None

    @property
    def collection(self) -> Any:
        if self._collection is None:
            try:
                self._client = self._make_client()
                self._collection = self._client.get_or_create_collection(
                    self.name, configuration=CONFIGURATION, embedding_function=None
                )
            except CoachError:
                raise
            except Exception as exc:
                self._release()
                raise damaged(self.where, exc) from None
        return self._collection

    def collection_id(self) -> str:
        return str(self.collection.id)

    def count(self) -> int:
        return int(self._guard(lambda: self.collection.count()))

    def upsert(
        self, ids: list[str], embeddings: Any, documents: list[str], metadatas: Sequence[dict[str, Any]]
    ) -> None:
        self._guard(
            lambda: self.collection.upsert(ids=ids, embeddings=embeddings, documents=documents, metadatas=metadatas)
        )

    def delete_source(self, source: str, except_hash: str | None = None) -> None:
        """Every chunk of `source` (but those of the file version `except_hash`)."""
        where: dict[str, Any] = {"source": source}
        if except_hash is not None:
            where = {"$and": [{"source": source}, {"file_hash": {"$ne": except_hash}}]}
        self._guard(lambda: self.collection.delete(where=where))

    def query(
        self, vector: list[float], k: int, where: dict[str, Any] | None, include: Sequence[str] = QUERY_INCLUDE
    ) -> dict[str, Any]:
        fields = list(include)
        return dict(
            self._guard(
                lambda: self.collection.query(query_embeddings=[vector], n_results=k, where=where, include=fields)
            )
        )

    def all_ids(self, page: int = 5000) -> set[str]:
        """Every entry's id (no vectors, no documents), read in pages."""
        found: set[str] = set()
        offset = 0
        while True:
            got = self._guard(lambda at=offset: self.collection.get(include=[], limit=page, offset=at))
            ids = [str(i) for i in got["ids"]]
            found.update(ids)
            if len(ids) < page:
                return found
            offset += page

    def delete_ids(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), 500):
            part = list(ids[start : start + 500])
            self._guard(lambda part=part: self.collection.delete(ids=part))

    def get(self, ids: list[str], include: Sequence[str]) -> dict[str, Any]:
        """Entries by id (missing ids are simply absent from the answer)."""
        return dict(self._guard(lambda: self.collection.get(ids=ids, include=list(include))))

    def _guard(self, call: Any) -> Any:
        try:
            return call()
        except CoachError:
            raise
        except Exception as exc:
            raise damaged(self.where, exc) from None

    def _release(self) -> None:
        client, self._client, self._collection = self._client, None, None
        if client is not None:
            with contextlib.suppress(Exception):  # closing over broken data may fail too; nothing to save
                client.close()
        if not self.url:
            from chromadb.api.shared_system_client import SharedSystemClient

            system = SharedSystemClient._identifier_to_system.pop(str(self.path), None)
            SharedSystemClient._identifier_to_refcount.pop(str(self.path), None)
            if system is not None:
                with contextlib.suppress(Exception):
                    system.stop()

    def close(self) -> None:
        self._release()

    def secure(self) -> None:
        """Owner-only: the index folder 0700 and every file Chroma made in it 0600 (Chroma uses the umask)."""
        if self.url or not self.path.is_dir() or self.path.is_symlink():
            return
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o700)
            for root, dirs, files in os.walk(self.path):
                for name in dirs:
                    os.chmod(os.path.join(root, name), 0o700)
                for name in files:
                    os.chmod(os.path.join(root, name), 0o600)

    def reset(self) -> None:
        """Start an empty collection (a new id) without deleting files another process may have open.

        Used when the data on disk is healthy but must be rebuilt; `wipe` is for data that cannot be opened.
        """
        try:
            client = self._client if self._client is not None else self._make_client()
            self._client = client
            with contextlib.suppress(Exception):  # absent already: fine
                client.delete_collection(self.name)
            self._collection = None
            self.collection  # noqa: B018 - recreate it now, so its id is the new one
        except CoachError:
            raise
        except Exception:
            self.wipe()

    def wipe(self) -> None:
        """Delete the collection's data, even when it is garbage, and start empty."""
        if self.url:
            client = self._client or self._make_client()
            with contextlib.suppress(Exception):  # absent already: fine
                client.delete_collection(self.name)
            self._release()
            return
        self._release()
        if self.path.is_dir() and not self.path.is_symlink():
            shutil.rmtree(self.path)
        elif self.path.exists() or self.path.is_symlink():
            self.path.unlink()
