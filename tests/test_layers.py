"""The layout's promises: the faces go through one door, the coaching core is pure, imports point down."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COACH = ROOT / "coach"

# What a face (cli/, tui/) may import at run time: the door, the plain types, and its own modules.
FACE_MAY_IMPORT = ("coach.workspace", "coach.domain", "coach.errors", "coach.textsafe", "coach.config", "coach.text")
# Third-party libraries that do I/O (load models, open files or sockets) and so stay out of coaching/'s module top.
IO_LIBRARIES = ("spacy", "chromadb", "onnxruntime", "tokenizers", "langchain", "langchain_core", "langgraph",
                "openai", "httpx", "sqlite3", "aiosqlite", "numpy", "pypdf", "textual", "typer")  # fmt: skip


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path, *, top_only: bool = False) -> Iterator[tuple[int, str]]:
    """(line, module) of every import that runs, skipping `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def walk(nodes: list[ast.stmt]) -> Iterator[tuple[int, str]]:
        for node in nodes:
            if isinstance(node, ast.If) and _type_checking(node):
                yield from walk(node.orelse)
                continue
            if isinstance(node, ast.Import):
                yield from ((node.lineno, a.name) for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield node.lineno, node.module
            if top_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(node, field, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt | ast.ExceptHandler):
                    yield from walk([n for n in inner if isinstance(n, ast.stmt)])
                    for handler in (n for n in inner if isinstance(n, ast.ExceptHandler)):
                        yield from walk(handler.body)

    yield from walk(tree.body)


def _allowed_for_face(module: str, face: str) -> bool:
    if not module.startswith("coach.") and module != "coach":
        return True  # the standard library, Rich, Textual, Typer
    own = (f"coach.{face}", "coach.tui") if face == "cli" else (f"coach.{face}",)  # a bare `coach` opens the TUI
    return module == "coach" or any(module == m or module.startswith(m + ".") for m in (*FACE_MAY_IMPORT, *own))


def test_the_faces_call_nothing_but_the_workspace() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for face in ("cli", "tui")
        for path in sorted((COACH / face).rglob("*.py"))
        for line, module in imports(path)
        if not _allowed_for_face(module, face)
    ]
    assert wrong == [], "a face reaches past the workspace (use a Workspace method, or import it for types only)"


def test_the_faces_do_not_reach_into_the_workspace_parts() -> None:
    """`ws.memory` and `ws.knowledge` are the workspace's own parts; a face asks the workspace instead."""
    wrong = []
    for face in ("cli", "tui"):
        for path in sorted((COACH / face).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr in {"memory", "knowledge", "nlp"}:
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} uses .{node.attr}")
    assert wrong == []


def test_the_coaching_core_loads_nothing_with_io_at_import() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((COACH / "coaching").rglob("*.py"))
        for line, module in imports(path, top_only=True)
        if module.split(".")[0] in IO_LIBRARIES or module.startswith(("coach.store", "coach.retrieval", "coach.agent"))
    ]
    assert wrong == []


def test_the_coaching_core_never_reaches_up_or_sideways() -> None:
    """coaching/ is below the workspace and beside the agent: it imports neither, nor the faces, at all."""
    banned = ("coach.workspace", "coach.agent", "coach.cli", "coach.tui", "coach.store", "coach.retrieval", "coach.nlp")
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((COACH / "coaching").rglob("*.py"))
        for line, module in imports(path)
        if module.startswith(banned)
    ]
    assert wrong == []


def test_the_agent_gets_its_inputs_and_never_holds_a_workspace() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((COACH / "agent").rglob("*.py"))
        for line, module in imports(path)
        if module.startswith(("coach.workspace", "coach.cli", "coach.tui"))
    ]
    text = "\n".join(p.read_text(encoding="utf-8") for p in (COACH / "agent").rglob("*.py"))
    assert wrong == [] and "Workspace" not in text


def test_the_walker_sees_a_lazy_import_and_skips_a_type_only_one(tmp_path: Path) -> None:
    sample = tmp_path / "face.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from coach.store.memory import Memory\n"
        "def f():\n    from coach.agent.jobs import open_session\n"
    )
    assert [m for _, m in imports(sample)] == ["typing", "coach.agent.jobs"]
    assert [m for _, m in imports(sample, top_only=True)] == ["typing"]


def test_the_door_loads_each_name_it_exports_on_first_use() -> None:
    import importlib

    import coach.workspace as door

    homes = door._HOMES
    assert sorted(homes) == sorted(door.__all__)
    for name in door.__all__:
        assert getattr(door, name) is getattr(importlib.import_module(f"coach.workspace.{homes[name]}"), name)
