"""Exercises of 06_acupuncture_evidence: effect sizes against the minimal important change, and simulated trials."""

from __future__ import annotations

from helpers import trial
from helpers.exercises import Exercise, number, same_set
from helpers.tables import load_table

Q2_ARGS = {"n_trials": 2000, "n_per_arm": 30, "effect": -15.9, "seed": 0}
Q3_ARGS = {"n_trials": 2000, "n_per_arm": 110, "effect": 0.0, "seed": 0}


def _tu_in_mics() -> float:
    effects = load_table("effect_sizes").set_index("id")
    return abs(float(effects.loc["tu2024_week4", "estimate"])) / trial.MIC_VAS_MM


def _placebo_controlled() -> set[str]:
    effects = load_table("effect_sizes")
    mask = effects["comparator"].str.lower().str.contains("sham|placebo")
    return set(effects.loc[mask, "id"])


q1 = Exercise(
    id="06.q1",
    prompt="In data/effect_sizes.csv, how many minimal important changes (15 mm on the 0–100 scale) is the "
    "difference Tu et al. found at week 4 (row id 'tu2024_week4')? Give a positive number.",
    answer=_tu_in_mics,
    compare=number(abs_tol=0.01, what="a positive number of minimal important changes"),
    hints=("Load the table with load_table('effect_sizes') and find the row with id 'tu2024_week4'.",
           "Divide the size of the estimate (ignore its minus sign: abs(...)) by 15."),
    solution_code="effects = load_table('effect_sizes').set_index('id')\n"
    "answer = abs(effects.loc['tu2024_week4', 'estimate']) / 15",
    wrong_examples=(16.0, -1.07, 0.5),
)

q2 = Exercise(
    id="06.q2",
    prompt="A smaller trial: simulate_trials(n_trials=2000, n_per_arm=30, effect=-15.9, seed=0). In what share of "
    "these trials does the 95 % interval lie wholly below zero (the trial finds the benefit that is there)?",
    answer=lambda: trial.simulate_trials(**Q2_ARGS).share_finding_benefit,
    compare=number(abs_tol=0.0005, what="a share between 0 and 1"),
    hints=("The result has a property share_finding_benefit.",
           "Call simulate_trials with those arguments, then read .share_finding_benefit of the result."),
    solution_code="many = simulate_trials(n_trials=2000, n_per_arm=30, effect=-15.9, seed=0)\n"
    "answer = many.share_finding_benefit",
    wrong_examples=(1.0, 0.05, 0.5),
)

q3 = Exercise(
    id="06.q3",
    prompt="Now a treatment that is no better than sham: simulate_trials(n_trials=2000, n_per_arm=110, effect=0, "
    "seed=0). What share of these trials still report a difference (an interval that excludes zero, either way)?",
    answer=lambda: trial.simulate_trials(**Q3_ARGS).share_significant,
    compare=number(abs_tol=0.0005, what="a share between 0 and 1"),
    hints=("Use the property share_significant.", "By design it should be close to 1 − 0.95."),
    solution_code="many = simulate_trials(n_trials=2000, n_per_arm=110, effect=0, seed=0)\n"
    "answer = many.share_significant",
    wrong_examples=(0.0, 0.95, 5),
)

q4 = Exercise(
    id="06.q4",
    prompt="Which rows of data/effect_sizes.csv compare a treatment with a sham or a placebo (rather than with "
    "another active treatment or usual care)? Give a list of their ids.",
    answer=_placebo_controlled,
    compare=same_set("ids"),
    hints=("Look at the 'comparator' column.",
           "effects['comparator'].str.lower().str.contains('sham|placebo') gives True for the rows you want."),
    solution_code="effects = load_table('effect_sizes')\n"
    "mask = effects['comparator'].str.lower().str.contains('sham|placebo')\nanswer = list(effects.loc[mask, 'id'])",
    wrong_examples=(["tu2024_week4"], ["liu2023_6w", "ji2015_vs_western"]),
)
