"""Exercises of 05_recovery_curves: the simulated natural history, read and drawn with pandas and plotly.

Also holds :func:`figure_like`, a comparator that inspects a student's plotly figure (trace type, the data
plotted, axis titles with units) and says what is missing without giving the answer; lesson 06 reuses it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers import recovery
from helpers.exercises import Comparator, Exercise, number, series

#: The cohorts the exercises use (students call simulate with the same arguments).
Q1_ARGS = {"n_patients": 2000, "weeks": 52, "seed": 1}
Q3_ARGS = {"n_patients": 2000, "weeks": 26, "seed": 5}
PEAK = 2.0


# --------------------------------------------------------------------------------------------- figure checks
class ReferenceFigure(go.Figure):
    """The figure an exercise expects (what ``answer()`` returns), printed as a sentence, not as its JSON."""

    def __init__(self, description: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._description = description

    def __str__(self) -> str:
        return self._description

    __repr__ = __str__


def _as_array(values: Any) -> np.ndarray | None:
    if values is None:
        return None
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return None


def _matches(got: np.ndarray | None, want: np.ndarray | None, tol: float) -> bool:
    if want is None:
        return True
    if got is None or got.shape != want.shape:
        return False
    return bool(np.allclose(got, want, atol=tol, rtol=0, equal_nan=True))


def _axis_title(fig: go.Figure, axis: str) -> str:
    layout_axis = getattr(fig.layout, f"{axis}axis")
    text = layout_axis.title.text if layout_axis and layout_axis.title else None
    return str(text or "")


def _plural(k: int, word: str) -> str:
    return f"{k} {word}" if k == 1 else f"{k} {word}s"


def figure_like(what: str, trace_types: tuple[str, ...], x_words: tuple[str, ...], y_words: tuple[str, ...],
                tolerance: float = 1e-3) -> Comparator:
    """A comparator for figure exercises: the right value is a reference figure (a :class:`ReferenceFigure`).

    Every trace of the reference must be matched by a trace of the student's figure with the same x and y
    data (within ``tolerance``; an axis the reference leaves empty, such as a histogram's y, is not compared).
    It reports, in this order: not a figure; a wrong trace type; too few traces; shares where percentages are
    wanted (or the reverse); data that match no expected series; an axis title without its words (units).
    It never prints the expected numbers.

    Parameters
    ----------
    what : the figure in a few words, e.g. ``"a line figure of the share improved"``.
    trace_types : accepted plotly trace types, e.g. ``("scatter",)`` or ``("histogram",)``.
    x_words, y_words : words (case-insensitive) each axis title must contain, e.g. ``("week",)``, ``("%",)``.
    tolerance : absolute tolerance for the plotted numbers.
    """

    def compare(value: Any, right: go.Figure) -> str | None:
        if isinstance(value, go.FigureWidget):
            value = go.Figure(value)
        if not isinstance(value, go.Figure):
            return (f"Expected {what}: a plotly figure (from plotly.express or go.Figure()), but got a "
                    f"{type(value).__name__}.")
        traces = list(value.data)
        wrong_type = [t.type for t in traces if t.type not in trace_types]
        if wrong_type:
            return (f"Your figure has a {wrong_type[0]} trace; this exercise asks for "
                    f"{' or '.join(trace_types)} traces.")
        expected = [(_as_array(t.x), _as_array(t.y)) for t in right.data]
        if len(traces) < len(expected):
            return (f"Your figure has {_plural(len(traces), 'trace')}; it needs {len(expected)} "
                    "(one for each series to compare).")
        plotted = [(_as_array(t.x), _as_array(t.y)) for t in traces]
        for k, (want_x, want_y) in enumerate(expected, start=1):
            if any(_matches(x, want_x, tolerance) and _matches(y, want_y, tolerance) for x, y in plotted):
                continue
            for x, y in plotted:
                if want_y is not None and y is not None and _matches(x, want_x, tolerance) \
                        and y.shape == want_y.shape:
                    if np.allclose(100 * y, want_y, atol=tolerance, equal_nan=True):
                        return "Close: plot percentages (0–100), not shares (0–1)."
                    if np.allclose(y, 100 * want_y, atol=tolerance, equal_nan=True):
                        return "Close: plot shares (0–1), not percentages."
            return (f"Series {k} of {len(expected)} is not in your figure: check which data you plotted "
                    "(the right table, column and rows).")
        for axis, words in (("x", x_words), ("y", y_words)):
            title = _axis_title(value, axis).lower()
            if not title:
                return f"Give the {axis} axis a title with its unit."
            missing = [w for w in words if w.lower() not in title]
            if missing:
                return f"The {axis} axis title should name {', '.join(repr(w) for w in missing)}."
        return None

    return compare


def _improved_share(args: dict[str, Any], week: int) -> float:
    summary = recovery.summarize(recovery.simulate(**args))
    return float(summary.loc[summary["week"] == week, "improved_share"].item())


def share_of_people(what: str) -> Comparator:
    """:func:`helpers.exercises.number` that also accepts a one-value Series or DataFrame (a common result)."""
    inner = number(abs_tol=0.0005, what=what)

    def compare(value: Any, right: Any) -> str | None:
        if isinstance(value, (pd.Series, pd.DataFrame)):
            if value.size != 1:
                return (f"Expected {what}, but got a pandas object with {value.size} values: select one row and "
                        "one column, then take the number out with .item().")
            value = value.to_numpy().ravel()[0]
        return inner(value, right)

    return compare


# --------------------------------------------------------------------------------------------- exercises
q1 = Exercise(
    id="05.q1",
    prompt="Simulate the natural history with simulate(n_patients=2000, weeks=52, seed=1). What share of the "
    "people have improved (a fall of at least 30 % from their own first score) at week 12? Give a number "
    "between 0 and 1.",
    answer=lambda: _improved_share(Q1_ARGS, 12),
    compare=share_of_people("a share between 0 and 1"),
    hints=(
        "summarize gives one row per week; the share improved is one of its columns.",
        "Select the row of week 12 and the column improved_share, as the lesson did for week 4; .item() turns "
        "the one-value result into a number.",
        "summary = summarize(df1)\nanswer = summary.loc[summary['week'] == 12, 'improved_share'].item()",
    ),
    solution_code="df1 = simulate(n_patients=2000, weeks=52, seed=1)\nsummary = summarize(df1)\n"
    "answer = summary.loc[summary['week'] == 12, 'improved_share'].item()",
    wrong_examples=(0.5, 75, 0.9),
)


def _class_means_week12() -> pd.Series:
    df = recovery.simulate(**Q1_ARGS)
    return df[df["week"] == 12].groupby("trajectory", observed=True)["leg_pain"].mean()


q2 = Exercise(
    id="05.q2",
    prompt="With the same cohort (df1), compute the mean leg pain at week 12 in each trajectory class: a pandas "
    "Series indexed by the class id.",
    answer=_class_means_week12,
    compare=series(abs_tol=0.005, what="mean leg pain values (0–10 NRS)"),
    hints=(
        "First keep only the rows of week 12, then group the people by their class.",
        "A boolean mask selects rows: df1[df1['week'] == 12]; then .groupby('trajectory')['leg_pain'].mean(), "
        "as in the lesson's class means.",
        "week12 = df1[df1['week'] == 12]\nanswer = week12.groupby('trajectory')['leg_pain'].mean()",
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
    "as it is and once with enrolment_peak=2.0 (no treatment in either). By how much is the share improved at "
    "week 4 higher in the cohort enrolled at a pain peak? Give the difference of the two shares (peak minus "
    "plain), a number between −1 and 1.",
    answer=_peak_difference,
    compare=number(abs_tol=0.001, what="a difference of two shares (between −1 and 1)"),
    hints=(
        "Nothing is given to either cohort: any difference comes from the first score alone.",
        "Summarize each cohort, take improved_share at week 4 from each (as in Exercise 1), then subtract.",
        "plain = summarize(simulate(n_patients=2000, weeks=26, seed=5))\n"
        "peak = summarize(simulate(n_patients=2000, weeks=26, seed=5, enrolment_peak=2.0))\n"
        "answer = (peak.loc[peak['week'] == 4, 'improved_share'].item()\n"
        "          - plain.loc[plain['week'] == 4, 'improved_share'].item())",
    ),
    solution_code="plain = summarize(simulate(n_patients=2000, weeks=26, seed=5))\n"
    "peak = summarize(simulate(n_patients=2000, weeks=26, seed=5, enrolment_peak=2.0))\n"
    "answer = (peak.loc[peak['week'] == 4, 'improved_share'].item()\n"
    "          - plain.loc[plain['week'] == 4, 'improved_share'].item())",
    wrong_examples=(0.0, -0.1, 0.5),
)


def _q4_figure() -> ReferenceFigure:
    plain = recovery.summarize(recovery.simulate(**Q3_ARGS))
    peak = recovery.summarize(recovery.simulate(**Q3_ARGS, enrolment_peak=PEAK))
    fig = ReferenceFigure("a line figure with two traces, the share improved in % by week, without and with "
                          "enrolment at a pain peak; x axis titled with weeks, y axis with %")
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
    compare=figure_like("a line figure of the share improved by week", ("scatter", "scattergl"), ("week",), ("%",),
                        tolerance=0.05),
    hints=(
        "One line per cohort; x is the week, y is 100 × improved_share from each summary.",
        "Start with go.Figure(), add each cohort with fig.add_scatter(x=..., y=..., name=...), then set the axis "
        "titles with fig.update_layout(xaxis_title=..., yaxis_title=...).",
        "fig = go.Figure()\nfig.add_scatter(x=plain['week'], y=100 * plain['improved_share'], name='plain')\n"
        "fig.add_scatter(x=peak['week'], y=100 * peak['improved_share'], name='enrolled at a peak')\n"
        "fig.update_layout(xaxis_title='Weeks since enrolment', yaxis_title='Improved (% of people)')\n"
        "answer = fig",
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
