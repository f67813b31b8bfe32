"""Exercises of 05_recovery_curves: the simulated natural history, read and drawn with pandas and plotly."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from helpers import recovery
from helpers.exercises import Comparator, Exercise, figure, number, series

#: The cohorts the exercises use (students call simulate with the same arguments).
Q1_ARGS = {"n_patients": 2000, "weeks": 52, "seed": 1}
Q3_ARGS = {"n_patients": 2000, "weeks": 26, "seed": 5}
PEAK = 2.0


def _improved_share(args: dict[str, Any], week: int) -> float:
    summary = recovery.summarize(recovery.simulate(**args))
    return float(summary.loc[summary["week"] == week, "improved_share"].item())


def _improved_by_hand(args: dict[str, Any], week: int) -> tuple[float, int]:
    """The share "improved" computed as ``(pain_week <= 0.7 * pain_0).mean()`` over everyone, which counts a person
    who starts at 0 and stays there as improved; and how many people start at 0."""
    df = recovery.simulate(**args)
    start = df[df["week"] == 0].set_index("patient")["leg_pain"]
    later = df[df["week"] == week].set_index("patient")["leg_pain"]
    return float((later <= 0.7 * start).mean()), int(((start == 0) & (later <= 0)).sum())


def share_of_people(what: str, args: dict[str, Any] | None = None, week: int | None = None) -> Comparator:
    """:func:`helpers.exercises.number` that also accepts a one-value Series or DataFrame (a common result), and,
    given the cohort's ``args`` and the ``week``, names the by-hand share that counts people starting at 0."""
    inner = number(abs_tol=0.0005, what=what)

    def compare(value: Any, right: Any) -> str | None:
        if isinstance(value, (pd.Series, pd.DataFrame)):
            if value.size != 1:
                return (
                    f"Expected {what}, but got a pandas object with {value.size} values: select one row and "
                    "one column, then take the number out with .item()."
                )
            value = value.to_numpy().ravel()[0]
        problem = inner(value, right)
        if problem is None or args is None or week is None:
            return problem
        by_hand, n_zero = _improved_by_hand(args, week)
        if inner(value, by_hand) is None:
            return (
                f"Close: your share counts as improved the {n_zero} people whose first score is 0 and who stay at "
                "0 (0 ≤ 0.7 × 0 is True). A fall from 0 is impossible, so they have not improved: count them as "
                "not improved, and keep them in the total."
            )
        return problem

    return compare


# --------------------------------------------------------------------------------------------- exercises
q1 = Exercise(
    id="05.q1",
    prompt="Simulate the natural history with simulate(n_patients=2000, weeks=52, seed=1). What share of the "
    "people have improved (a fall of at least 30 % from their own first score) at week 12? Someone whose first "
    "score is 0 cannot fall, so counts as not improved (summarize counts them so). Give a number between 0 and 1.",
    answer=lambda: _improved_share(Q1_ARGS, 12),
    compare=share_of_people("a share between 0 and 1", Q1_ARGS, 12),
    hints=(
        "summarize gives one row per week; the share improved is one of its columns.",
        "Select the row of week 12 and the column improved_share, as the lesson did for week 4; .item() turns "
        "the one-value result into a number.",
        ("summary = summarize(____)\nanswer = summary.loc[summary['week'] == ____, '____'].item()"),
    ),
    solution_code="df1 = simulate(n_patients=2000, weeks=52, seed=1)\nsummary = summarize(df1)\n"
    "answer = summary.loc[summary['week'] == 12, 'improved_share'].item()",
    wrong_examples=(0.5, 75, 0.9),
)


def _class_means_week12() -> pd.Series:
    df = recovery.simulate(**Q1_ARGS)
    return df[df["week"] == 12].groupby("trajectory", observed=True)["leg_pain"].mean()


def _worst_class_week12() -> str:
    means = _class_means_week12()
    worst = str(means.idxmax())
    return (
        f"At week 12 the class worst off is {worst}, at a mean of {means.max():.1f} points; the best off is "
        f"{means.idxmin()}, at {means.min():.1f}."
    )


q2 = Exercise(
    id="05.q2",
    prompt="With the same cohort (df1), compute the mean leg pain at week 12 in each trajectory class: a pandas "
    "Series indexed by the class id.",
    answer=_class_means_week12,
    compare=series(abs_tol=0.005, what="mean leg pain values (0–10 NRS)"),
    reveal=_worst_class_week12,
    hints=(
        "First keep only the rows of week 12, then group the people by their class.",
        "A boolean mask selects rows: df1[df1['week'] == 12]; then .groupby('trajectory')['leg_pain'].mean(), "
        "as in the lesson's class means.",
        ("week12 = df1[df1['week'] == ____]\nanswer = week12.groupby('____')['____'].____()"),
    ),
    solution_code="df1 = simulate(n_patients=2000, weeks=52, seed=1)\nweek12 = df1[df1['week'] == 12]\n"
    "answer = week12.groupby('trajectory')['leg_pain'].mean()",
    wrong_examples=(pd.Series({"improving_mild": 5.0}), 2.5),
)


def _peak_difference() -> float:
    return _improved_share({**Q3_ARGS, "enrolment_peak": PEAK}, 4) - _improved_share(Q3_ARGS, 4)


q3 = Exercise(
    id="05.q3",
    prompt="Regression to the mean in numbers. Simulate simulate(n_patients=2000, weeks=26, seed=5) twice: once "
    "as it is and once with enrolment_peak=2.0 (no added treatment in either). By how much is the share improved at "
    "week 4 higher in the cohort enrolled at a pain peak? Give the difference of the two shares (peak minus "
    "plain), a number between −1 and 1.",
    answer=_peak_difference,
    compare=number(abs_tol=0.001, what="a difference of two shares (between −1 and 1)"),
    hints=(
        "Nothing is given to either cohort: any difference comes from the first score alone.",
        "Summarize each cohort, take improved_share at week 4 from each (as in Exercise 1), then subtract.",
        (
            "plain = summarize(simulate(n_patients=2000, weeks=26, seed=5))\n"
            "peak = summarize(simulate(____, enrolment_peak=____))\n"
            "answer = (peak.loc[peak['week'] == ____, '____'].item()\n"
            "          - plain.loc[____, ____].item())"
        ),
    ),
    solution_code="plain = summarize(simulate(n_patients=2000, weeks=26, seed=5))\n"
    "peak = summarize(simulate(n_patients=2000, weeks=26, seed=5, enrolment_peak=2.0))\n"
    "answer = (peak.loc[peak['week'] == 4, 'improved_share'].item()\n"
    "          - plain.loc[plain['week'] == 4, 'improved_share'].item())",
    wrong_examples=(0.0, -0.1, 0.5),
)


def _q4_figure() -> go.Figure:
    plain = recovery.summarize(recovery.simulate(**Q3_ARGS))
    peak = recovery.summarize(recovery.simulate(**Q3_ARGS, enrolment_peak=PEAK))
    fig = go.Figure()
    fig.add_scatter(x=plain["week"], y=100 * plain["improved_share"], name="no peak at enrolment")
    fig.add_scatter(x=peak["week"], y=100 * peak["improved_share"], name="enrolled at a pain peak")
    fig.update_layout(xaxis_title="Weeks since enrolment", yaxis_title="Improved (% of people)")
    return fig


q4 = Exercise(
    id="05.q4",
    prompt="Draw it. Make a plotly figure with two lines: the share improved, in percent (0–100), week by week, "
    "for the two cohorts of Exercise 3 (simulate(n_patients=2000, weeks=26, seed=5) without and with "
    "enrolment_peak=2.0). Title the x axis with 'week' and the y axis with its unit, '%'.",
    answer=_q4_figure,
    compare=figure(
        ("scatter", "scattergl"),
        x_title_contains="week",
        y_title_contains="%",
        decimals=1,
        names_matter=False,
        what="percentages improved",
    ),
    hints=(
        "One line per cohort; x is the week, y is 100 × improved_share from each summary.",
        "Start with go.Figure(), add each cohort with fig.add_scatter(x=..., y=..., name=...), then set the axis "
        "titles with fig.update_layout(xaxis_title=..., yaxis_title=...).",
        (
            "fig = go.Figure()\n"
            "fig.add_scatter(x=plain['week'], y=____ * plain['____'], name='____')\n"
            "fig.add_scatter(x=____, y=____, name='____')\n"
            "fig.update_layout(xaxis_title='____', yaxis_title='____ (%)')\n"
            "answer = fig"
        ),
    ),
    solution_code="import plotly.graph_objects as go\n"
    "plain = summarize(simulate(n_patients=2000, weeks=26, seed=5))\n"
    "peak = summarize(simulate(n_patients=2000, weeks=26, seed=5, enrolment_peak=2.0))\n"
    "fig = go.Figure()\n"
    "fig.add_scatter(x=plain['week'], y=100 * plain['improved_share'], name='no peak at enrolment')\n"
    "fig.add_scatter(x=peak['week'], y=100 * peak['improved_share'], name='enrolled at a pain peak')\n"
    "fig.update_layout(xaxis_title='Weeks since enrolment', yaxis_title='Improved (% of people)')\n"
    "answer = fig",
    wrong_examples=(go.Figure(), go.Figure(go.Bar(x=[0, 1], y=[1, 2])), "a figure"),
)
