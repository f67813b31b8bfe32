"""The helpers' layers point one way: logic ← figures and boxes ← apps and exercises; tooling apart.

course.md asks for three layers with dependencies pointing one way. ``test_import_graph`` proves there is no cycle;
this module proves the direction. Each helpers module is put in a layer by its name, and each layer may import only
the layers listed for it in ``ALLOWED`` (plus the third-party packages in ``LIBRARIES``), late imports included.
"""

from __future__ import annotations

import ast

import pytest

from helpers.paths import PACKAGE_DIR
from tests.test_import_graph import import_graph, module_name

# Presentation of logic results as HTML/plotly, without widgets.
FIGURE_MODULES = {"helpers.style", "helpers.boxes", "helpers.callouts"}

ALLOWED: dict[str, set[str]] = {
    "logic": {"logic"},
    "figures": {"logic", "figures"},
    "apps": {"logic", "figures", "apps"},
    "exercises": {"logic", "figures", "exercises"},
    "tooling": {"logic", "figures", "apps", "exercises", "tooling"},
}

# Third-party packages each layer may import. Logic is numpy/pandas (and the standard library) only.
WIDGET_LIBRARIES = {"ipywidgets", "anywidget"}
DRAWING_LIBRARIES = {"plotly", "IPython", "jinja2", "markupsafe"}
FORBIDDEN_LIBRARIES: dict[str, set[str]] = {
    "logic": WIDGET_LIBRARIES | DRAWING_LIBRARIES,
    "figures": WIDGET_LIBRARIES,
    "apps": set(),
    "exercises": set(),
    "tooling": set(),
}


def layer(module: str) -> str:
    """The layer a helpers module belongs to, from its name."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in {"apps", "exercises", "tooling"}:
        return parts[1]
    if module in FIGURE_MODULES or module.endswith("_figures"):
        return "figures"
    return "logic"


def third_party_imports() -> dict[str, set[str]]:
    """Every helpers module and the top-level names of the non-helpers packages it imports anywhere."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE_DIR.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[module_name(path)] = names - {"helpers"}
    return found


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Each import that points against the layers, as 'importer (layer) -> imported (layer)'."""
    bad = []
    for importer, targets in sorted(graph.items()):
        for target in sorted(targets):
            if layer(target) not in ALLOWED[layer(importer)]:
                bad.append(f"{importer} ({layer(importer)}) -> {target} ({layer(target)})")
    return bad


def library_violations(imports: dict[str, set[str]]) -> list[str]:
    bad = []
    for module, names in sorted(imports.items()):
        for name in sorted(names & FORBIDDEN_LIBRARIES[layer(module)]):
            bad.append(f"{module} ({layer(module)}) imports {name}")
    return bad


def test_layers_point_one_way() -> None:
    assert layer_violations(import_graph()) == []


def test_logic_imports_no_widgets_and_figures_no_widgets() -> None:
    assert library_violations(third_party_imports()) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"helpers.symptoms": {"helpers.symptoms_figures"}}, "helpers.symptoms (logic) -> helpers.symptoms_figures"),
        ({"helpers.trial_figures": {"helpers.apps.trial"}}, "helpers.trial_figures (figures) -> helpers.apps.trial"),
        ({"helpers.apps.trial": {"helpers.tooling.build"}}, "helpers.apps.trial (apps) -> helpers.tooling.build"),
        ({"helpers.exercises.lesson02": {"helpers.apps.sorter"}}, "(exercises) -> helpers.apps.sorter (apps)"),
    ],
)
def test_the_layer_check_finds_an_import_against_the_layers(graph: dict[str, set[str]], expected: str) -> None:
    assert any(expected in v for v in layer_violations(graph))


def test_the_library_check_finds_a_widget_in_the_logic() -> None:
    assert library_violations({"helpers.recovery": {"numpy", "ipywidgets"}}) == [
        "helpers.recovery (logic) imports ipywidgets"
    ]
    assert library_violations({"helpers.recovery_figures": {"plotly"}}) == []
