"""Exercises of 06_acupuncture_evidence: effect sizes against the minimal important change, and simulated trials,
read and drawn with pandas and plotly."""

from __future__ import annotations

from typing import TypedDict, Unpack

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers import trial
from helpers.exercises import Exercise, figure, number, same_set, series
from helpers.tables import load_table


class _SizeArgs(TypedDict):
    """The arguments of :func:`helpers.trial.simulate_trials` that q3 holds fixed while the arm size varies."""

    n_trials: int
    effect: float
    seed: int


class _TrialArgs(_SizeArgs):
    n_per_arm: int


Q2_ARGS: _TrialArgs = {"n_trials": 2000, "n_per_arm": 30, "effect": -15.9, "seed": 0}
Q3_SIZES = (30, 60, 90)
Q3_ARGS: _SizeArgs = {"n_trials": 2000, "effect": -10.0, "seed": 3}


def _trials_frame(**kwargs: Unpack[_TrialArgs]) -> pd.DataFrame:
    many = trial.simulate_trials(**kwargs)
    return pd.DataFrame({"difference": many.difference, "ci_low": many.ci_low, "ci_high": many.ci_high})


def _mics_per_row() -> pd.Series:
    effects = load_table("effect_sizes")
    same_scale = effects[effects["scale"] == "0-100"].set_index("id")
    return same_scale["estimate"].abs() / trial.MIC_VAS_MM


q1 = Exercise(
    id="06.q1",
    prompt="For orientation only, express every row of data/effect_sizes.csv on the 0–100 scale in units of 15 mm, "
    "the minimal important change for one person (a difference between two groups' averages is not one person's "
    "change). Give a pandas Series indexed by the row id, with positive numbers.",
    answer=_mics_per_row,
    compare=series(abs_tol=0.001, what="numbers of minimal important changes"),
    hints=(
        "Only rows whose scale is '0-100' can be compared with a 15 mm threshold.",
        "Keep those rows with a boolean mask on the 'scale' column, make 'id' the index, then divide the size "
        "of 'estimate' (abs() drops the minus sign) by 15.",
        (
            "same = effects_table[effects_table['scale'] == '____'].set_index('id')\n"
            "answer = same['estimate'].____() / ____"
        ),
    ),
    solution_code="effects_table = load_table('effect_sizes')\n"
    "same = effects_table[effects_table['scale'] == '0-100'].set_index('id')\n"
    "answer = same['estimate'].abs() / 15",
    wrong_examples=(pd.Series({"tu2024_week4": 16.0}), 1.07),
)


def _share_below_zero() -> float:
    frame = _trials_frame(**Q2_ARGS)
    return float((frame["ci_high"] < 0).mean())


q2 = Exercise(
    id="06.q2",
    prompt="The table trials (built in the cell) holds 2,000 simulated trials of 30 people per arm with a true "
    "effect of −15.9 mm: one row per trial, columns difference, ci_low and ci_high (mm). In what share of them "
    "does the whole 95 % interval lie below zero (the trial finds the benefit that is there: its power)?",
    answer=_share_below_zero,
    compare=number(abs_tol=0.0005, what="a share between 0 and 1"),
    hints=(
        "An interval lies wholly below zero when its upper end is below zero.",
        "Compare the column ci_high with 0 to get True/False per trial; the mean of True/False is the share of True.",
        "answer = (trials['____'] ____ 0).mean()",
    ),
    solution_code="many = simulate_trials(n_trials=2000, n_per_arm=30, effect=-15.9, seed=0)\n"
    "trials = pd.DataFrame({'difference': many.difference, 'ci_low': many.ci_low, 'ci_high': many.ci_high})\n"
    "answer = (trials['ci_high'] < 0).mean()",
    wrong_examples=(1.0, 0.05, 0.5),
)


def _power_by_size() -> pd.Series:
    shares = {n: float((_trials_frame(n_per_arm=n, **Q3_ARGS)["ci_high"] < 0).mean()) for n in Q3_SIZES}
    return pd.Series(shares, name="power")


q3 = Exercise(
    id="06.q3",
    prompt="Power by size. For 30, 60 and 90 people per arm, simulate 2,000 trials each with "
    "simulate_trials(n_trials=2000, n_per_arm=n, effect=-10, seed=3) and compute the share whose interval lies "
    "wholly below zero. Give a pandas Series indexed by the number of people per arm.",
    answer=_power_by_size,
    compare=series(abs_tol=0.0005, what="shares between 0 and 1"),
    hints=(
        "It is Exercise 2 three times, once for each size; collect the three shares with their size as label.",
        "A dictionary comprehension {n: ... for n in (30, 60, 90)} gives one share per size; pd.Series(dict) "
        "turns it into a Series indexed by size. Use (many.ci_high < 0).mean() for each.",
        (
            "def share_significant(n):\n"
            "    trials = simulate_trials(n_trials=2000, n_per_arm=n, effect=____, seed=____)\n"
            "    return (trials.____ < 0).mean()\n"
            "answer = pd.Series({n: share_significant(n) for n in (____, ____, ____)})"
        ),
    ),
    solution_code="answer = pd.Series({n: (simulate_trials(n_trials=2000, n_per_arm=n, effect=-10, seed=3)"
    ".ci_high < 0).mean()\n                   for n in (30, 60, 90)})",
    wrong_examples=(pd.Series({30: 0.5, 60: 0.5, 90: 0.5}), 0.8),
)


def _placebo_controlled() -> set[str]:
    effects = load_table("effect_sizes")
    mask = effects["comparator"].str.lower().str.contains("sham|placebo")
    return set(effects.loc[mask, "id"])


q4 = Exercise(
    id="06.q4",
    prompt="Which rows of data/effect_sizes.csv compare a treatment with a sham or a placebo (rather than with "
    "another active treatment or usual care)? Give a list of their ids.",
    answer=_placebo_controlled,
    compare=same_set("ids"),
    hints=(
        "Look at the 'comparator' column: which words mark a sham or a placebo?",
        "Text columns have .str methods: .str.lower().str.contains('sham|placebo') gives True for the rows "
        "you want; use it as a mask and take the 'id' column.",
        (
            "mask = effects_table['____'].str.lower().str.contains('____|____')\n"
            "answer = list(effects_table.loc[mask, '____'])"
        ),
    ),
    solution_code="effects_table = load_table('effect_sizes')\n"
    "mask = effects_table['comparator'].str.lower().str.contains('sham|placebo')\n"
    "answer = list(effects_table.loc[mask, 'id'])",
    wrong_examples=(["tu2024_week4"], ["liu2023_6w", "ji2015_vs_western"]),
)


def _q5_figure() -> go.Figure:
    frame = _trials_frame(**Q2_ARGS)
    fig = go.Figure(go.Histogram(x=frame["difference"]))
    fig.update_layout(xaxis_title="Difference, treatment − sham (mm)", yaxis_title="Number of trials")
    return fig


q5 = Exercise(
    id="06.q5",
    prompt="Draw the spread. Make a plotly histogram of the column difference of the trials table (the 2,000 "
    "differences of Exercise 2). Title the x axis with its unit, mm, and the y axis with 'trials' "
    "(for example 'Number of trials').",
    answer=_q5_figure,
    compare=figure(
        "histogram", x_title_contains="mm", y_title_contains="trials", by_group=False, what="simulated differences"
    ),
    hints=(
        "Each trial gives one difference; a histogram counts how many trials fall in each band of values.",
        "plotly.express.histogram(trials, x='difference') draws it; labels={'difference': '...'} names the x "
        "axis, and fig.update_layout(yaxis_title='...') the y axis.",
        (
            "fig = px.histogram(trials, x='____', labels={'____': '____ (mm)'})\n"
            "fig.update_layout(yaxis_title='____')\n"
            "answer = fig"
        ),
    ),
    solution_code="import plotly.express as px\n"
    "many = simulate_trials(n_trials=2000, n_per_arm=30, effect=-15.9, seed=0)\n"
    "trials = pd.DataFrame({'difference': many.difference, 'ci_low': many.ci_low, 'ci_high': many.ci_high})\n"
    "fig = px.histogram(trials, x='difference', labels={'difference': 'Difference, treatment − sham (mm)'})\n"
    "fig.update_layout(yaxis_title='Number of trials')\nanswer = fig",
    wrong_examples=(go.Figure(go.Histogram(x=np.zeros(5))), go.Figure(go.Scatter(x=[0, 1], y=[1, 2])), 16.0),
)
