"""Figure data is stored at display precision, so the course's outputs do not depend on the CPU.

numpy dispatches different SIMD code for ``exp``, ``log10``, ``geomspace``... on a CPU with AVX-512 than on one
without it, and the last bit of a result can differ. A CPU without AVX-512 cannot reproduce the AVX-512 result, so
the guard here does not depend on the machine that runs it: every float in every figure stored in a notebook must
already be at display precision (:data:`helpers.style.DISPLAY_DIGITS` significant digits), which only
:func:`helpers.style.finish` / :func:`helpers.style.rounded` guarantee.
"""

from __future__ import annotations

import ast
import base64
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import style
from helpers.mechanisms import schematic_time_course
from helpers.mechanisms_figures import time_course_figure
from helpers.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(p for p in NOTEBOOKS_DIR.glob("*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"
#: plotly's typed-array codes (``{"dtype": ..., "bdata": base64}``), little-endian.
TYPED = {"f8": "<f8", "f4": "<f4", "i1": "i1", "u1": "u1", "i2": "<i2", "u2": "<u2", "i4": "<i4", "u4": "<u4"}


def stored_floats(node: Any, where: str = "") -> Iterator[tuple[str, float, bool]]:
    """Every float of a plotly JSON tree as (path, value, stored as float32), typed arrays decoded."""
    if isinstance(node, dict):
        if "bdata" in node and "dtype" in node:
            if node["dtype"] not in TYPED:
                raise AssertionError(f"{where}: unknown typed-array dtype {node['dtype']!r}")
            array = np.frombuffer(base64.b64decode(node["bdata"]), dtype=TYPED[node["dtype"]])
            if array.dtype.kind == "f":
                for value in array.tolist():
                    yield where, value, node["dtype"] == "f4"
            return
        for key, value in node.items():
            if (where == "layout" and key == "template") or key == "colorscale":
                continue  # plotly's own colour-scale stops (such as 1/9, from its tables): not course data
            yield from stored_floats(value, f"{where}.{key}" if where else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from stored_floats(value, f"{where}[{i}]")
    elif isinstance(node, float):
        yield where, node, False


def unrounded(figure: dict[str, Any]) -> list[str]:
    """Descriptions of the floats of a stored figure that are not at display precision."""
    return [
        f"{where} = {value!r}"
        for where, value, single in stored_floats({"data": figure.get("data", []), "layout": figure.get("layout", {})})
        if not style.is_rounded(value, single=single)
    ]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_stored_figure_is_at_display_precision(notebook: Path) -> None:
    doc = json.loads(notebook.read_text(encoding="utf-8"))
    problems = []
    for index, cell in enumerate(doc["cells"]):
        for output in cell.get("outputs", []):
            figure = output.get("data", {}).get(PLOTLY)
            if figure is not None:
                bad = unrounded(figure)
                if bad:
                    problems.append(f"cell {index}: {len(bad)} unrounded, e.g. {bad[:3]}")
    assert not problems, (
        f"{notebook.name}: figure data not at {style.DISPLAY_DIGITS} significant digits, so the stored output "
        "depends on the CPU. Return builders through style.finish(fig) and re-execute the notebook.\n"
        + "\n".join(problems)
    )


def test_the_scan_reads_typed_arrays_and_plain_floats() -> None:
    fig = go.Figure(
        go.Scatter(x=np.array([0.1, 1 / 3]), y=[0.25, 2 / 3], error_y={"array": np.array([1 / 7], dtype=np.float32)})
    )
    stored = json.loads(fig.to_json())
    assert {"dtype": "f8"}.items() <= stored["data"][0]["x"].items()
    found = unrounded(stored)
    assert len(found) == 3, found  # 1/3, 2/3 and 1/7 (f4); the template's floats are not course data
    assert any("error_y.array" in f for f in found)
    assert unrounded(json.loads(style.finish(fig).to_json())) == []


def figure_builders_without_finish(package: Path = NOTEBOOKS_DIR.parent / "helpers") -> list[str]:
    """Functions of helpers/*_figures.py that return a figure they made without ``return style.finish(...)``.

    Functions whose first parameter is the figure (``add_..._bars(fig, ...)``) draw into a caller's figure and are
    exempt: their caller finishes it.
    """
    missing = []
    for path in sorted(package.glob("*_figures.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or "Figure" not in ast.unparse(node.returns or ast.Constant("")):
                continue
            if node.args.args and node.args.args[0].arg in ("fig", "figure"):
                continue
            for ret in (n for n in ast.walk(node) if isinstance(n, ast.Return)):
                if not (isinstance(ret.value, ast.Call) and ast.unparse(ret.value.func) == "style.finish"):
                    missing.append(f"{path.name}:{ret.lineno} {node.name}")
    return missing


def test_every_figure_builder_returns_through_finish() -> None:
    assert figure_builders_without_finish() == [], "end these builders with `return style.finish(fig)`"


def test_the_builder_check_sees_a_plain_return(tmp_path: Path) -> None:
    (tmp_path / "demo_figures.py").write_text(
        "def good() -> go.Figure:\n    return style.finish(go.Figure())\n\n"
        "def bad() -> go.Figure:\n    fig = go.Figure()\n    return fig\n\n"
        "def add_bars(fig: go.Figure) -> go.Figure:\n    return fig\n"
    )
    assert figure_builders_without_finish(tmp_path) == ["demo_figures.py:6 bad"]


# --------------------------------------------------------------------------------------- the rounding step
finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=400, deadline=None)
@given(st.lists(finite, min_size=1, max_size=40))
def test_rounded_is_display_precision_and_idempotent(values: list[float]) -> None:
    once = style.rounded(np.array(values))
    assert all(style.is_rounded(v) for v in once.tolist())
    assert np.array_equal(style.rounded(once), once)
    for before, after in zip(values, once.tolist(), strict=True):
        assert abs(after - before) <= 5.000001e-6 * abs(before)  # half a unit in the sixth digit


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(width=32, allow_nan=False, allow_infinity=False), min_size=1, max_size=20))
def test_rounded_keeps_float32(values: list[float]) -> None:
    once = style.rounded(np.array(values, dtype=np.float32))
    assert once.dtype == np.float32
    assert all(style.is_rounded(v, single=True) for v in once.tolist())
    assert np.array_equal(style.rounded(once), once)


def test_decimal_places_follow_the_exact_decade() -> None:
    """Ordinary numbers take the fast exact path (a few decimals), never the per-number formatting fallback."""
    magnitudes = np.array([1.0, 9.999999, 10.0, 0.05, 1e-7, np.nextafter(1000.0, 0), 123456.0, 1e22])
    assert style._decimals(magnitudes, 6).tolist() == [5, 5, 4, 7, 12, 3, 0, -17]


def test_rounded_passes_everything_else_through() -> None:
    assert style.rounded([0.1 + 0.2, None, "a", 3, float("inf")]) == [0.3, None, "a", 3, float("inf")]
    assert np.isnan(style.rounded(float("nan")))
    assert style.rounded(np.arange(3)).dtype.kind == "i"
    assert style.rounded({"x": (1 / 3,), "w": 10}) == {"x": [0.333333], "w": 10}
    with pytest.raises(ValueError, match="digits"):
        style.rounded(1.0, digits=0)


def test_last_bit_noise_does_not_reach_lesson_04s_figure() -> None:
    """The AVX-512 difference is one unit in the last place: moving every float by one leaves the figure as is."""
    course = schematic_time_course()
    noisy = type(course)(
        np.nextafter(course.hours, np.inf),
        np.nextafter(course.lactate, -np.inf),
        np.nextafter(course.soreness, np.inf),
        course.lactate_rest_hours,
        course.soreness_peak,
    )
    assert not np.array_equal(noisy.hours, course.hours)
    assert time_course_figure(noisy).to_json() == time_course_figure(course).to_json()


def test_finish_rounds_a_figure_widget_and_its_layout() -> None:
    widget = go.FigureWidget(go.Scatter(x=[1 / 3, 2 / 3], y=np.array([0.1, 0.2]) * 3, name="line"))
    widget.add_annotation(x=np.log10(42.0), y=1, text="a")
    style.finish(widget)
    assert list(widget.data[0].x) == [0.333333, 0.666667]
    assert widget.layout.annotations[0].x == 1.62325
    assert unrounded(json.loads(widget.to_json())) == []


# ------------------------------------------------------------------------------- the two numpy settings
ROOT = NOTEBOOKS_DIR.parent
#: numpy's CPU features above the x86-64 baseline, as the Makefile's second nbval run disables them.
BASELINE_CPU = "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"


def test_make_test_runs_the_notebooks_again_on_baseline_numpy() -> None:
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert f"BASELINE_CPU := {BASELINE_CPU}" in (ROOT / "Makefile").read_text(encoding="utf-8")
    second = [
        line
        for line in recipe.splitlines()
        if 'NPY_DISABLE_CPU_FEATURES="$(BASELINE_CPU)"' in line and "pytest notebooks $(NBVAL)" in line
    ]
    assert second, "make test must run nbval over notebooks/ a second time with NPY_DISABLE_CPU_FEATURES"


def _execute(notebook: Path, baseline: bool) -> bytes:
    env = {k: v for k, v in os.environ.items() if k != "NPY_DISABLE_CPU_FEATURES"}
    if baseline:
        env["NPY_DISABLE_CPU_FEATURES"] = BASELINE_CPU
    done = subprocess.run(
        ["make", "-s", "execute", f"NB={notebook}"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return notebook.read_bytes()


def test_make_execute_writes_the_same_bytes_on_baseline_numpy(tmp_path: Path) -> None:
    """Lesson 04 (np.geomspace, np.exp) executed with every SIMD extension, then again on the x86-64 baseline.

    ``make execute`` leaves a notebook alone when only the random widget model ids would change, so the second
    run must not rewrite the file at all.
    """
    notebook = tmp_path / "04_mechanisms.ipynb"
    shutil.copyfile(NOTEBOOKS_DIR / notebook.name, notebook)
    native = _execute(notebook, baseline=False)
    assert _execute(notebook, baseline=True) == native
