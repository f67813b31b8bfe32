"""Exercises of lessons 01, 03 and 04: solutions run and are right, the figure check names what is missing, and no
exercise's answer is printed in the stored outputs of the cells before it."""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest

from helpers.anatomy import SOURCE_BACK_OR_SIDE
from helpers.exercises import Exercise, figure, lesson01, lesson03, lesson04
from helpers.paths import ROOT_DIR
from helpers.tables import load_table

EXERCISES: dict[str, Exercise] = {
    e.id: e for m in (lesson01, lesson03, lesson04) for e in vars(m).values() if isinstance(e, Exercise)
}
NOTEBOOKS = {"01": "01_what_is_sciatica", "03": "03_possible_causes", "04": "04_mechanisms"}


def _lesson_context() -> dict[str, Any]:
    """The names a lesson defines before its exercises (what solution_code may use)."""
    return {
        "load_table": load_table,
        "pd": pd,
        "px": px,
        "SOURCE_BACK_OR_SIDE": SOURCE_BACK_OR_SIDE,
        "roots": load_table("nerve_roots"),
        "claims": load_table("claims"),
        "shares": load_table("cause_shares"),
        "risks": load_table("risk_factors"),
    }


@pytest.mark.parametrize("ex_id", sorted(EXERCISES))
def test_solution_code_sets_the_right_answer(ex_id: str) -> None:
    ex = EXERCISES[ex_id]
    namespace = _lesson_context()
    exec(ex.solution_code, namespace)  # the course's own solution code
    assert ex.check(namespace["answer"]).status == "correct", ex_id


def test_each_lesson_has_a_figure_exercise() -> None:
    for lesson in ("01", "03", "04"):
        figures = [e for e in EXERCISES.values() if e.id.startswith(lesson) and isinstance(e.answer(), go.Figure)]
        assert figures, f"lesson {lesson} has no figure exercise"


def test_figure_check_names_what_is_missing_without_the_values() -> None:
    ex = lesson03.q4
    bulge = load_table("imaging_findings").query("finding == 'Disc bulge'")
    ages, pct = bulge["age_years"], bulge["prevalence"] * 100
    assert "no traces" in ex.check(go.Figure()).message
    assert "scatter or line chart or a bar chart" in ex.check(px.pie(values=[1, 2], names=["a", "b"])).message
    untitled = ex.check(px.line(x=ages, y=pct)).message
    assert "x-axis title" in untitled and "60" not in untitled
    no_unit = ex.check(px.line(x=ages, y=pct, labels={"x": "Age (years)", "y": "Disc bulge"})).message
    assert "y-axis title" in no_unit and "%" in no_unit
    shares = px.line(x=ages, y=bulge["prevalence"], labels={"x": "Age (years)", "y": "Disc bulge (share, 0–1)"})
    assert ex.check(shares).status == "correct"  # shares are fine when the axis says so
    unsaid = px.line(x=ages, y=bulge["prevalence"], labels={"x": "Age (years)", "y": "Disc bulge (%)"})
    assert "share" in ex.check(unsaid).message  # shares on a percent axis: the axis must say share
    wrong = ex.check(px.line(x=ages, y=pct + 5, labels={"x": "Age (years)", "y": "%"})).message
    assert "differ from the data" in wrong and not re.search(r"\b(30|40|50|60|69|77|84)\b", wrong)
    bars = px.bar(x=pct, y=ages, orientation="h", labels={"x": "Disc bulge (%)", "y": "Age (years)"})
    assert ex.check(bars).status == "correct"  # horizontal bars: categories on y
    with pytest.raises(ValueError, match="trace_type"):
        figure(("bar", "no such type"))


def _outputs_text(cell: dict[str, Any]) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        for mime in ("text/plain", "text/html", "text/markdown"):
            parts.append("".join(out.get("data", {}).get(mime, "")))
    return "\n".join(parts)


def _numbers_of(answer: Any) -> list[float]:
    if isinstance(answer, pd.Series):
        return [float(v) for v in answer.to_numpy()]
    if isinstance(answer, (int, float)):
        return [float(answer)]
    return []


@pytest.mark.parametrize("lesson", sorted(NOTEBOOKS))
def test_no_answer_is_printed_before_its_exercise(lesson: str) -> None:
    cells = json.loads((ROOT_DIR / "notebooks" / f"{NOTEBOOKS[lesson]}.ipynb").read_text(encoding="utf-8"))["cells"]
    for ex in (e for e in EXERCISES.values() if e.id.startswith(lesson)):
        where = next(i for i, c in enumerate(cells) if f"ex.{ex.id.split('.')[1]}.check(" in "".join(c["source"]))
        shown = "\n".join(_outputs_text(c) for c in cells[:where])
        answer = ex.answer()
        for value in _numbers_of(answer):
            if value in (0.0, 1.0) or (value.is_integer() and abs(value) < 10):
                continue  # too common to mean anything
            texts = (
                {f"{value:.2f}", f"{value:.3g}", f"{value * 100:.1f} %"}
                if abs(value) < 1
                else {f"{value:.1f}", f"{value:.3g}"}
            )
            for text in texts:
                assert not re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", shown), (ex.id, text)
        if isinstance(answer, set) and len(answer) > 1:
            listed = re.findall(r"\[([^\]]*)\]", shown)
            assert not any(set(re.findall(r"'([^']+)'", x)) == answer for x in listed), ex.id
