"""Fixtures for the knowledge index: one model per session, a real Chroma server, small card sets."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.retrieval.embeddings import MiniLMEmbedding
from coach.retrieval.knowledge import KnowledgeBase

CARDS = {
    "team/asking-for-help.md": (
        "Ask how you can help: a 1:1 habit",
        "[one-to-ones, help]",
        "End every one-on-one by asking your report what you could do to make their week easier. "
        "Offer support, then let them decide what they need.",
    ),
    "team/walks.md": (
        "Walk and talk",
        "[micro-involvement, walking]",
        "A walking meeting outdoors changes the tone of a conversation. Side by side, people speak more freely "
        "than across a desk, and the shared exercise lowers the pressure.",
    ),
    "boss/disagree.md": (
        "Disagreeing with your boss",
        "[leading-up, courage]",
        "Telling your manager that a plan will fail takes courage. Bring evidence, propose an alternative and "
        "accept the final call gracefully.",
    ),
}


def write_cards(root: Path) -> Path:
    for rel, (title, concepts, body) in CARDS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'---\ntitle: {title}\nconcepts: {concepts}\nsource: "Test author — Test"\n---\n{body}\n')
    return root


@pytest.fixture(scope="session")
def embedder() -> MiniLMEmbedding:
    model = MiniLMEmbedding()
    model.load()
    return model


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` on loopback for the whole session; fails (never skips) if it cannot start."""
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if exe is None:
        pytest.fail("the `chroma` CLI is not installed next to this Python")
    path = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    log = path / "server.log"
    with log.open("wb") as out:
        env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
        proc = subprocess.Popen(
            [exe, "run", "--path", str(path / "data"), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"chroma server did not start (exit {proc.poll()}):\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return write_cards(tmp_path / "cards")


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.server)])
def kb(
    request: pytest.FixtureRequest, tmp_path: Path, cards_dir: Path, embedder: MiniLMEmbedding
) -> Iterator[KnowledgeBase]:
    """The same tests against the embedded index and a real Chroma server (own collection per test)."""
    url = request.getfixturevalue("chroma_server") if request.param == "server" else None
    base = KnowledgeBase(
        tmp_path / "data", url, collection=f"t-{uuid.uuid4().hex[:12]}", embedder=embedder, builtin_dir=cards_dir
    )
    yield base
    base.close()


@pytest.fixture(scope="session")
def builtin_kb(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedding) -> Iterator[KnowledgeBase]:
    """The real built-in cards, indexed once per session (read-only for tests)."""
    base = KnowledgeBase(tmp_path_factory.mktemp("builtin") / "data", embedder=embedder)
    base.ensure_ready()
    yield base
    base.close()
