"""The helpers import each other without cycles, late imports inside functions included."""

from __future__ import annotations

import ast
import subprocess
import sys

from helpers.paths import PACKAGE_DIR


def module_name(path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every helpers module and the helpers modules it imports anywhere in its code (top level or in a function)."""
    modules = {module_name(p): p for p in PACKAGE_DIR.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        graph[name] = {t for t in targets if t in modules and t != name and t != "helpers"}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles found by a depth-first search (each reported once, from its first module)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return found


def test_no_import_cycle_among_the_helpers() -> None:
    graph = import_graph()
    assert "helpers.schemas" in graph and "helpers.tables" in graph["helpers.anatomy"]
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_late_import() -> None:
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b", "a"]]


def test_vocabulary_and_schemas_load_without_the_table_loader() -> None:
    code = "import sys, helpers.vocabulary, helpers.schemas; print('helpers.tables' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
