"""Lesson 00 and 02 exercises: each solution runs in the lesson's context and gives answer(); the checks name the
slip a student makes (percentages, counts vs shares, swapped rows, the conditional the wrong way round, PPV given
as specificity, a figure without axis titles) without giving the answer."""

from __future__ import annotations

import re

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest

from helpers.cohort import simulate_cohort
from helpers.exercises import lesson00, lesson02
from helpers.tables import load_table

LESSON02 = [lesson02.q1, lesson02.q2, lesson02.q3, lesson02.q4, lesson02.q5]


@pytest.fixture(scope="module")
def cohort() -> pd.DataFrame:
    return simulate_cohort()


def _context(cohort: pd.DataFrame) -> dict:
    """The names lesson 02 defines before its exercises."""
    return {"cohort": cohort, "pd": pd, "px": px, "go": go, "load_table": load_table}


@pytest.mark.parametrize("exercise", LESSON02, ids=lambda e: e.id)
def test_each_solution_runs_in_the_lesson_context_and_is_correct(exercise, cohort: pd.DataFrame) -> None:
    ns = _context(cohort)
    exec(exercise.solution_code, ns)
    assert exercise.compare(ns["answer"], exercise.answer()) is None
    assert exercise.check(ns["answer"]).status == "correct"


def test_lesson00_solution_runs_and_is_correct() -> None:
    ns = {"load_table": load_table}
    exec(lesson00.q1.solution_code, ns)
    assert lesson00.q1.check(ns["answer"]).status == "correct"


@pytest.mark.parametrize("exercise", [lesson00.q1, *LESSON02], ids=lambda e: e.id)
def test_hints_are_conceptual_first_with_code_only_in_the_last(exercise) -> None:
    first, last = exercise.hints[0], exercise.hints[-1]
    for code_sign in ("cohort[", "cohort.", "refs[", "pd.", "px.", "= "):
        assert code_sign not in first, f"{exercise.id}: code in the first hint ({code_sign!r})"
    for middle in exercise.hints[:-1]:
        assert not re.search(r"\w\(|\w\[|\]\[", middle), f"{exercise.id}: code before the last hint: {middle!r}"
    assert any(sign in last for sign in ("cohort", "refs", "px.", "pd.")), f"{exercise.id}: no code in the last hint"


# ------------------------------------------------------------------------------------------------ 02.q2 groupby
def test_q2_names_the_conditional_the_wrong_way_round(cohort: pd.DataFrame) -> None:
    reversed_shares = pd.crosstab(cohort["cause"], cohort["leg_pain_below_knee"], normalize="columns")[True]
    assert "turns it round" in lesson02.q2.check(reversed_shares).message
    assert "percentages" in lesson02.q2.check(100 * lesson02.q2.answer()).message
    table = pd.crosstab(cohort["cause"], cohort["leg_pain_below_knee"], normalize="index")
    assert "keep only the True column" in lesson02.q2.check(table).message
    assert lesson02.q2.check(table[True]).status == "correct"
    assert lesson02.q2.check(lesson02.q2.answer().to_frame()).status == "correct"


# ------------------------------------------------------------------------------------------------ 02.q3 2×2 table
def test_q3_knows_counts_from_shares_and_swapped_rows(cohort: pd.DataFrame) -> None:
    flagged, has = cohort["urgency"] == "emergency", cohort["cause"] == "cauda_equina"
    assert "swapped" in lesson02.q3.check(pd.crosstab(has, flagged)).message
    assert "shares" in lesson02.q3.check(pd.crosstab(flagged, has, normalize="all")).message
    assert "2 rows and 2 columns" in lesson02.q3.check(pd.crosstab(cohort["urgency"], has)).message


# ------------------------------------------------------------------------------------------------ 02.q4 measures
def test_q4_the_old_confusion_ppv_called_specificity_is_named() -> None:
    right = lesson02.q4.answer()
    confused = {"sensitivity": right["sensitivity"], "specificity": right["ppv"], "ppv": right["ppv"]}
    fb = lesson02.q4.check(confused)
    assert fb.status == "incorrect" and "specificity is in fact the positive predictive value" in fb.message
    assert fb.message.startswith("Right: sensitivity, positive predictive value")
    one_minus = dict(right, specificity=1 - right["specificity"])
    assert "1 − specificity" in lesson02.q4.check(one_minus).message
    percent = {k: 100 * v for k, v in right.items()}
    assert "percentage" in lesson02.q4.check(percent).message
    assert lesson02.q4.check({k.upper(): v for k, v in right.items()}).status == "correct"


def test_q4_the_simulated_rule_is_sensitive_and_specific_with_a_low_ppv() -> None:
    right = lesson02.q4.answer()
    assert right["sensitivity"] > 0.9 and right["specificity"] > 0.9 and right["ppv"] < 0.1


# ------------------------------------------------------------------------------------------------ 02.q5 figure
def _student_figure(table: pd.DataFrame, **labels: str) -> go.Figure:
    return px.imshow(table, text_auto=True, title=labels.pop("title", None), labels=labels or None)


def test_q5_accepts_either_plotly_api_and_a_figure_widget(cohort: pd.DataFrame) -> None:
    table = lesson02.q3.answer()
    fig = _student_figure(table, title="Rule vs CES", x="Has cauda equina syndrome", y="Rule says emergency")
    assert lesson02.q5.check(fig).status == "correct"
    assert lesson02.q5.check(go.FigureWidget(fig)).status == "correct"
    graph_objects = go.Figure(go.Heatmap(z=table.to_numpy()[::-1], y=["flagged", "not flagged"]))
    graph_objects.update_layout(title="t", xaxis_title="Has CES", yaxis_title="Emergency rule")
    assert lesson02.q5.check(graph_objects).status == "correct"


def test_q5_says_what_is_missing_without_the_counts(cohort: pd.DataFrame) -> None:
    table = lesson02.q3.answer()
    bare = lesson02.q5.check(px.imshow(table)).message
    assert "data are right" in bare and "figure title" in bare and "x-axis title" in bare and "y-axis title" in bare
    for count in table.to_numpy().ravel():
        if count > 9:
            assert str(int(count)) not in bare
    untitled = go.Figure(go.Heatmap(z=table.to_numpy()))
    untitled.update_layout(title="t", yaxis_title="Emergency rule")
    assert "x-axis title" in lesson02.q5.check(untitled).message
    titled = _student_figure(table, title="Rule vs CES", x="Has cauda equina syndrome")
    msg = lesson02.q5.check(titled).message
    assert "y-axis title" in msg and "x-axis title" not in msg
    assert "transposed" in lesson02.q5.check(_student_figure(table.T, title="t", x="a", y="b")).message
    shares = pd.crosstab(cohort["urgency"] == "emergency", cohort["cause"] == "cauda_equina", normalize="all")
    assert "shares" in lesson02.q5.check(_student_figure(shares, title="t", x="a", y="b")).message
    bars = go.Figure(go.Bar(x=[1, 2], y=[3, 4]))
    assert "Expected a heatmap" in lesson02.q5.check(bars).message and "bar" in lesson02.q5.check(bars).message
