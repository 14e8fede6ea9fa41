"""Offline means offline: a long `knowledge add` makes no network connection and no DNS query.

onnxruntime looks up a telemetry host about 9 s after a session loads unless told not to before its
import; this runs a ~20 s add under `strace -f` (installed by the project's test setup, like tmux)
with none of the quieting variables inherited, so only what coach itself sets can keep it quiet.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coach.offline_env import QUIET
from coach.retrieval.embeddings import MiniLMEmbedding
from tests.retrieval.processes import COACH, DEADLINE_S, env_for, files_for_seconds, write_library

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (the test setup installs it)"),
]
INET = re.compile(r"AF_INET6?\b")
RESOLVER = re.compile(r"AF_UNIX.*(resolve|nscd)")


def network_calls(trace: str) -> list[str]:
    """The traced calls that reach the network or a name resolver (loopback included: offline is offline)."""
    return [line for line in trace.splitlines() if INET.search(line) or RESOLVER.search(line)]


def test_network_calls_are_found_in_a_trace() -> None:
    trace = (
        '12 connect(7, {sa_family=AF_UNIX, sun_path="/tmp/x.sock"}, 110) = 0\n'
        '13 connect(9, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.2")}, 16) = 0\n'
        '14 connect(4, {sa_family=AF_UNIX, sun_path="/run/systemd/resolve/io.systemd.Resolve"}, 42) = 0\n'
    )
    assert [line.split()[0] for line in network_calls(trace)] == ["13", "14"]


def test_a_long_knowledge_add_makes_no_connection(
    tmp_path: Path, tmp_data_dir: Path, embedder: MiniLMEmbedding
) -> None:
    files = files_for_seconds(embedder, tmp_path / "sample", 20, paragraphs=16)
    write_library(tmp_path / "library", files=files, paragraphs=16)
    env = {k: v for k, v in env_for(tmp_data_dir).items() if k not in QUIET}
    log = tmp_path / "trace.log"
    cmd = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log), str(COACH), "--offline"]
    done = subprocess.run(
        [*cmd, "knowledge", "add", str(tmp_path / "library")], env=env, capture_output=True, text=True,
        timeout=DEADLINE_S * 2,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{files} added" in done.stdout
    calls = network_calls(log.read_text(errors="replace"))
    assert not calls, "offline `knowledge add` reached for the network:\n" + "\n".join(calls[:10])
    home = Path(env["HOME"])
    assert not (home / ".cache" / "Microsoft").exists()  # no telemetry device id or event store either
