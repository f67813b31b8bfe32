"""Exercises of 02_signs_and_symptoms: base rates in the simulated cohort, a 2×2 table, and a figure.

Every answer is computed from the same simulated cohort the lesson uses (``simulate_cohort()`` with its
defaults), so the solutions never drift from the data. The lesson shows each pandas and plotly skill on another
example (``groupby``, ``crosstab``, ``.loc`` / ``.iloc`` / ``.item()``, ``px.imshow``) before an exercise needs it.

The comparators below say what is wrong (counts instead of shares, rows and columns swapped, a missing axis
title, the positive predictive value given as specificity) without giving the answer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.cohort import DEFAULT_N, DEFAULT_SEED, accuracy, simulate_cohort
from helpers.exercises import Comparator, Exercise, figure, number

#: The three accuracy measures of exercise 4, in the order the lesson defines them.
MEASURES = ("sensitivity", "specificity", "ppv")
MEASURE_NAMES: Mapping[str, str] = {
    "sensitivity": "sensitivity",
    "specificity": "specificity",
    "ppv": "positive predictive value (ppv)",
}
SHARE_TOL = 0.005  # shares are checked to ±0.005 (half a percentage point)


@cache
def _cohort() -> pd.DataFrame:
    return simulate_cohort(n=DEFAULT_N, seed=DEFAULT_SEED)


# --------------------------------------------------------------------------------------------- right answers
def _share_dh_buttock_tender() -> float:
    df = _cohort()
    group = df[df["buttock_pain"] & df["muscle_tenderness"]]
    return float((group["cause"] == "disc_herniation").mean())


def _below_knee_by_cause() -> pd.Series:
    df = _cohort()
    return df.groupby("cause", observed=True)["leg_pain_below_knee"].mean()


def _emergency_by_ces() -> pd.DataFrame:
    df = _cohort()
    return pd.crosstab(df["urgency"] == "emergency", df["cause"] == "cauda_equina")


def _accuracy() -> dict[str, float]:
    t = _emergency_by_ces()
    tp, fn = int(t.loc[True, True]), int(t.loc[False, True])
    fp, tn = int(t.loc[True, False]), int(t.loc[False, False])
    return {"sensitivity": tp / (tp + fn), "specificity": tn / (tn + fp), "ppv": tp / (tp + fp)}


def _accuracy_sentence() -> str:
    """The rule's accuracy in one sentence: said once exercise 4 is right (it holds exercises 3–5's answers)."""
    df = _cohort()
    rule = accuracy(df["urgency"] == "emergency", df["cause"] == "cauda_equina")
    return rule.sentence("any cauda equina sign → emergency", "cauda equina syndrome")


def _heatmap() -> go.Figure:
    t = _emergency_by_ces()
    fig = go.Figure(
        go.Heatmap(
            z=t.to_numpy(),
            x=["no CES", "CES"],
            y=["not flagged", "flagged emergency"],
            text=t.to_numpy(),
            texttemplate="%{text}",
        )
    )
    fig.update_layout(
        title="The emergency rule against cauda equina syndrome (simulated cohort)",
        xaxis_title="Has cauda equina syndrome (CES)",
        yaxis_title="Rule says emergency",
    )
    return fig


# --------------------------------------------------------------------------------------------- comparators
def _as_series(value: Any) -> pd.Series | None:
    if isinstance(value, pd.DataFrame) and value.shape[1] == 1:
        value = value.iloc[:, 0]
    return value if isinstance(value, pd.Series) else None


def shares_by_group(what: str) -> Comparator:
    """A Series of shares, one per group, compared label by label to ±0.005.

    Recognises the two commonest slips: the shares the other way round (they add up to 1 across the groups) and
    percentages instead of shares.
    """

    def compare(value: Any, right: pd.Series) -> str | None:
        if isinstance(value, pd.DataFrame) and True in value.columns:
            return (
                "That is a table with a column for False and one for True; the question asks for one share per "
                "cause: keep only the True column."
            )
        got = _as_series(value)
        if got is None:
            return f"Expected a pandas Series of {what} (one value per cause)."
        got = got.copy()
        got.index = got.index.map(str)
        want = right.copy()
        want.index = want.index.map(str)
        missing = sorted(set(want.index) - set(got.index))
        if missing:
            return f"The labels differ: {len(missing)} cause{'s' if len(missing) != 1 else ''} missing."
        try:
            got = got[want.index].astype(float)
        except (TypeError, ValueError):
            return f"Expected numbers: {what}."
        if np.allclose(got / 100, want, atol=SHARE_TOL) and not np.allclose(got, want, atol=SHARE_TOL):
            return "Close: give shares between 0 and 1, not percentages."
        values = got.to_numpy()
        if values.max() > 1 and np.allclose(values, np.round(values)):
            return (
                "These are counts of people (whole numbers above 1), not shares: a share is the count divided by "
                "the number of people with that cause, which is what the mean of a True/False column gives."
            )
        if abs(float(got.sum()) - 1) < 1e-6 and abs(float(want.sum()) - 1) > 0.05:
            return (
                "Your values add up to 1 across the causes: they are the shares of causes among people with the "
                "symptom. The question turns it round: within each cause, what share have the symptom?"
            )
        wrong = [label for label in want.index if not abs(got[label] - want[label]) <= SHARE_TOL]
        if wrong:
            return (
                f"{len(wrong)} of the {len(want)} values {'is' if len(wrong) == 1 else 'are'} not right "
                f"(for example {wrong[0]!r})."
            )
        return None

    return compare


def two_by_two(value: Any, right: pd.DataFrame) -> str | None:
    """A 2×2 table of counts: rows = the rule (False, True), columns = the condition (False, True)."""
    if not isinstance(value, pd.DataFrame):
        return "Expected a pandas DataFrame: the table that pd.crosstab(rows, columns) returns."
    if value.shape == (3, 3) and "All" in value.index and "All" in value.columns:  # margins=True: totals added
        value = value.drop(index="All", columns="All")
    if value.shape != (2, 2):
        return (
            f"Expected 2 rows and 2 columns (False/True each), got {value.shape[0]} × {value.shape[1]}; "
            "compare two True/False Series, not the category columns themselves."
        )
    try:
        got = value.to_numpy(dtype=float)
    except (TypeError, ValueError):
        return "Expected counts of people (numbers) in the table."
    want = right.to_numpy(dtype=float)
    if got.sum() <= 2.0 + 1e-9:
        return "These look like shares; the table should hold counts of people (leave out normalize=...)."
    if np.array_equal(got, want):
        return None
    if np.array_equal(got, want.T):
        return (
            "Rows and columns are swapped: put the rule (emergency or not) in the rows, the condition in the columns."
        )
    if np.array_equal(got, want[::-1, ::-1]):
        return "The right counts in reverse order: make the rows and columns run False, then True."
    if got.sum() != want.sum():
        return f"The counts add up to {got.sum():.0f}, not to the {want.sum():.0f} simulated people."
    return (
        "Not the right counts. Check that the rows say whether urgency == 'emergency' and the columns whether "
        "cause == 'cauda_equina'."
    )


def accuracy_measures(value: Any, right: Mapping[str, float]) -> str | None:
    """A dict of sensitivity, specificity and ppv, each a share to ±0.005; names the measures that are off."""
    if not isinstance(value, Mapping):
        return "Expected a dict with three keys, like {'sensitivity': ..., 'specificity': ..., 'ppv': ...}."
    keys = {str(k).strip().lower(): v for k, v in value.items()}
    missing = [m for m in MEASURES if m not in keys]
    if missing:
        return f"Missing key{'s' if len(missing) != 1 else ''}: {', '.join(repr(m) for m in missing)}."
    problems: dict[str, str] = {}
    for m in MEASURES:
        problem = _measure_problem(m, keys[m], right)
        if problem:
            problems[m] = problem
    if not problems:
        return None
    right_ones = [MEASURE_NAMES[m] for m in MEASURES if m not in problems]
    lead = f"Right: {', '.join(right_ones)}. " if right_ones else ""
    return lead + "Still wrong: " + "; ".join(problems.values()) + "."


def _measure_problem(m: str, v: Any, right: Mapping[str, float]) -> str | None:
    """What is wrong with one measure of exercise 4 (None when it is right)."""
    if isinstance(v, bool) or not hasattr(v, "__float__"):
        return f"{MEASURE_NAMES[m]} is not a number"
    x = float(v)
    if math.isnan(x):
        return f"{MEASURE_NAMES[m]} is NaN (a division by zero?)"
    if abs(x - right[m]) <= SHARE_TOL:
        return None
    if abs(x / 100 - right[m]) <= SHARE_TOL:
        return f"{MEASURE_NAMES[m]} is a percentage: give a share between 0 and 1"
    other = next((o for o in MEASURES if o != m and abs(x - right[o]) <= SHARE_TOL), None)
    if other is not None:
        return f"your {MEASURE_NAMES[m]} is in fact the {MEASURE_NAMES[other]}: check which group is the denominator"
    if m == "specificity" and abs(x - (1 - right[m])) <= SHARE_TOL:
        return (
            "your specificity is the share of people without CES whom the rule flags (1 − specificity): count "
            "those it does not flag"
        )
    return f"{MEASURE_NAMES[m]} is too {'high' if x > right[m] else 'low'}"


# --------------------------------------------------------------------------------------------- exercises
q1 = Exercise(
    id="02.q1",
    prompt="Among the simulated people who have BOTH buttock pain and tender muscles (the picture the clinic's "
    "page paints), what share had a disc herniation? Give a share between 0 and 1.",
    answer=_share_dh_buttock_tender,
    compare=number(abs_tol=SHARE_TOL, what="a share between 0 and 1"),
    hints=(
        "Two steps: keep only the people who have both symptoms, then ask what share of that group had the cause "
        "'disc_herniation'.",
        "Two True/False columns combine with & (and). The mean of a True/False Series is the share of True.",
        ("group = cohort[cohort['____'] & cohort['____']]\nanswer = (group['cause'] == '____').____()"),
    ),
    solution_code="group = cohort[cohort['buttock_pain'] & cohort['muscle_tenderness']]\n"
    "answer = (group['cause'] == 'disc_herniation').mean()",
    wrong_examples=(0.85, 0.071, 78.8, 0.5),
)

q2 = Exercise(
    id="02.q2",
    prompt="For each cause, what share of its simulated people have leg pain below the knee? Answer with a pandas "
    "Series: one share (0–1) per cause, indexed by cause.",
    answer=_below_knee_by_cause,
    compare=shares_by_group("shares of people with pain below the knee"),
    hints=(
        "This is a question asked separately within each cause: split the people by cause, then take the share with "
        "pain below the knee in each group.",
        "groupby splits a table into groups; the mean of a True/False column in each group is that group's share.",
        "answer = cohort.groupby('____', observed=True)['____'].____()",
    ),
    solution_code="answer = cohort.groupby('cause', observed=True)['leg_pain_below_knee'].mean()",
    wrong_examples=(0.85, pd.Series({"disc_herniation": 0.85, "nonspecific_lbp": 0.1}), [0.85, 0.6]),
)

q3 = Exercise(
    id="02.q3",
    prompt="Build the 2×2 table of the emergency rule in the simulated cohort with pd.crosstab: rows say whether "
    "urgency == 'emergency' (False, True), columns say whether cause == 'cauda_equina' (False, True); cells "
    "count people.",
    answer=_emergency_by_ces,
    compare=two_by_two,
    hints=(
        "Make two True/False Series first: one for 'the rule says emergency', one for 'has cauda equina syndrome'. "
        "The table counts people in each of the four combinations.",
        "pandas' crosstab counts every combination of two True/False Series; the worked example above did the "
        "same for pain below the knee and disc herniation.",
        (
            "flagged = cohort['urgency'] == '____'\n"
            "has_ces = cohort['cause'] == '____'\n"
            "answer = pd.crosstab(____, ____)"
        ),
    ),
    solution_code="flagged = cohort['urgency'] == 'emergency'\nhas_ces = cohort['cause'] == 'cauda_equina'\n"
    "answer = pd.crosstab(flagged, has_ces)",
    wrong_examples=(
        pd.DataFrame([[0.5, 0.5], [0.5, 0.5]]),
        pd.DataFrame([[1, 2], [3, 4]]),
        pd.DataFrame([[1, 2, 3]]),
        "table",
    ),
)

q4 = Exercise(
    id="02.q4",
    prompt="From your 2×2 table, compute the emergency rule's sensitivity, specificity and positive predictive "
    "value for cauda equina syndrome in the simulated cohort. Answer with a dict "
    "{'sensitivity': ..., 'specificity': ..., 'ppv': ...}, each a share between 0 and 1.",
    answer=_accuracy,
    compare=accuracy_measures,
    reveal=_accuracy_sentence,
    hints=(
        "Each measure is a share with a different denominator. Sensitivity: among people WITH the condition. "
        "Specificity: among people WITHOUT it. Positive predictive value: among people the rule FLAGS.",
        "Read the four counts out of your table by their labels (True or False for the row, then for the column), "
        "as the worked example did for pain below the knee; then divide by the right total for each measure.",
        (
            "t = pd.crosstab(cohort['urgency'] == '____', cohort['cause'] == '____')\n"
            "tp, fn = t.loc[True, True], t.loc[____, ____]\n"
            "fp, tn = t.loc[____, ____], t.loc[False, False]\n"
            "answer = {'sensitivity': tp / (____), 'specificity': tn / (____), 'ppv': tp / (____)}"
        ),
    ),
    solution_code="t = pd.crosstab(cohort['urgency'] == 'emergency', cohort['cause'] == 'cauda_equina')\n"
    "tp, fn = t.loc[True, True], t.loc[False, True]\n"
    "fp, tn = t.loc[True, False], t.loc[False, False]\n"
    "answer = {'sensitivity': tp / (tp + fn), 'specificity': tn / (tn + fp), 'ppv': tp / (tp + fp)}",
    wrong_examples=(
        {"sensitivity": 0.5, "specificity": 0.5, "ppv": 0.5},
        {"sensitivity": 0.9, "specificity": 0.04, "ppv": 0.9},
        {"sensitivity": 96, "specificity": 95, "ppv": 4},
        {"sensitivity": 0.9},
        0.042,
    ),
)

q5 = Exercise(
    id="02.q5",
    prompt="Draw your 2×2 table as a plotly heatmap of the counts (px.imshow or go.Heatmap), with a title, an "
    "x-axis title saying the columns are whether the person has cauda equina syndrome, and a y-axis title "
    "saying the rows are whether the rule says emergency.",
    answer=_heatmap,
    compare=figure(
        "heatmap",
        x_title_contains=("cauda", "CES"),
        y_title_contains=("rule", "emergency"),
        decimals=0,
        needs_title=True,
        what="counts of people",
    ),
    hints=(
        "A heatmap colours each cell of a table by its value. Here the table is your 2×2 table of counts from "
        "exercise 3: the rule in the rows, the condition in the columns. Each axis title says what the axis means.",
        "The worked example above drew its table with imshow from plotly express: the counts written in the cells, "
        "a title, and a labels argument that names the x and y axes.",
        (
            "table = your 2×2 table from exercise 3\n"
            "fig = px.imshow(table, text_auto=True, title='____',\n"
            "                labels=dict(x='____', y='____', color='people'))"
        ),
    ),
    solution_code="table = pd.crosstab(cohort['urgency'] == 'emergency', cohort['cause'] == 'cauda_equina')\n"
    "answer = px.imshow(table, text_auto=True,\n"
    "                   title='The emergency rule against cauda equina syndrome (simulated)',\n"
    "                   labels=dict(x='Has cauda equina syndrome', y='Rule says emergency', color='people'))",
    wrong_examples=(
        go.Figure(go.Bar(x=["no CES", "CES"], y=[1, 2])),
        go.Figure(go.Heatmap(z=[[0.25, 0.25], [0.25, 0.25]])),
        go.Figure(go.Heatmap(z=[[1, 2], [3, 4]])),
        go.Figure(),
        "heatmap",
    ),
)
