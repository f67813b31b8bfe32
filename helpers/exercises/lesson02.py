"""Exercises of 02_signs_and_symptoms: base rates in the simulated cohort (pandas groupby / crosstab).

Every answer is computed from the same simulated cohort the lesson uses (``simulate_cohort()`` with its
defaults), so the solutions never drift from the data.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers.cohort import DEFAULT_N, DEFAULT_SEED, simulate_cohort
from helpers.exercises import Exercise, choice, number

CANDIDATES = ("fatigue", "poor_sleep", "buttock_pain", "leg_pain_below_knee")


@cache
def _cohort() -> pd.DataFrame:
    return simulate_cohort(n=DEFAULT_N, seed=DEFAULT_SEED)


def _share_dh_buttock_tender() -> float:
    df = _cohort()
    group = df[df["buttock_pain"] & df["muscle_tenderness"]]
    return float((group["cause"] == "disc_herniation").mean())


def _fatigue_difference() -> float:
    df = _cohort()
    shares = pd.crosstab(df["fatigue"], df["cause"], normalize="index")["disc_herniation"]
    return float(shares.loc[True] - shares.loc[False])


def _ces_share_among_emergency() -> float:
    df = _cohort()
    return float((df.loc[df["urgency"] == "emergency", "cause"] == "cauda_equina").mean())


def _most_informative() -> str:
    df = _cohort()
    overall = float((df["cause"] == "disc_herniation").mean())
    change = {s: abs(float((df.loc[df[s], "cause"] == "disc_herniation").mean()) - overall) for s in CANDIDATES}
    return max(change, key=lambda s: change[s])


q1 = Exercise(
    id="02.q1",
    prompt="Among the simulated people who have BOTH buttock pain and tender muscles (the picture the clinic's "
    "page paints), what share had a disc herniation? Give a number between 0 and 1.",
    answer=_share_dh_buttock_tender,
    compare=number(abs_tol=0.005, what="a share between 0 and 1"),
    hints=(
        "Keep only the rows where both columns are True: cohort[cohort['buttock_pain'] & cohort['muscle_tenderness']].",
        "In that group, (group['cause'] == 'disc_herniation').mean() is the share.",
    ),
    solution_code="group = cohort[cohort['buttock_pain'] & cohort['muscle_tenderness']]\n"
    "answer = (group['cause'] == 'disc_herniation').mean()",
    wrong_examples=(0.85, 0.071, 78.8, 0.5),
)

q2 = Exercise(
    id="02.q2",
    prompt="By how much does the share of disc herniation differ between simulated people WITH fatigue and "
    "people WITHOUT it? Give (share with fatigue) − (share without), a number between −1 and 1.",
    answer=_fatigue_difference,
    compare=number(abs_tol=0.005, what="a difference of two shares, between −1 and 1"),
    hints=(
        "pd.crosstab(cohort['fatigue'], cohort['cause'], normalize='index') gives, for each fatigue value, the share "
        "of each cause.",
        "Take the 'disc_herniation' column and subtract its False row from its True row.",
    ),
    solution_code="shares = pd.crosstab(cohort['fatigue'], cohort['cause'], normalize='index')['disc_herniation']\n"
    "answer = shares[True] - shares[False]",
    wrong_examples=(0.852, 0.45, 0.1, -0.2),
)

q3 = Exercise(
    id="02.q3",
    prompt="The triage rule sends every simulated person with a cauda equina sign to emergency care "
    "(urgency == 'emergency'). Among those people, what share actually had cauda equina syndrome? "
    "Give a number between 0 and 1.",
    answer=_ces_share_among_emergency,
    compare=number(abs_tol=0.005, what="a share between 0 and 1"),
    hints=(
        "Select the rows with cohort['urgency'] == 'emergency', then look at their 'cause' column.",
        "cohort.loc[cohort['urgency'] == 'emergency', 'cause'].value_counts(normalize=True) lists every cause's share.",
    ),
    solution_code="emergency = cohort[cohort['urgency'] == 'emergency']\n"
    "answer = (emergency['cause'] == 'cauda_equina').mean()",
    wrong_examples=(1.0, 0.003, 0.584, 0.5),
)

q4 = Exercise(
    id="02.q4",
    prompt="Which of these symptoms changes the share of disc herniation the most (up or down) when it is present: "
    f"{', '.join(repr(c) for c in CANDIDATES)}? Answer with its column name.",
    answer=_most_informative,
    compare=choice(CANDIDATES, feedback={
        "fatigue": "In the simulation fatigue is equally common in every cause: knowing it changes nothing.",
        "poor_sleep": "In the simulation poor sleep is equally common in every cause: knowing it changes nothing.",
        "buttock_pain": "Buttock pain is common in nearly every cause, so it moves the share only a little.",
    }),
    hints=(
        "For each symptom s, compare (cohort.loc[cohort[s], 'cause'] == 'disc_herniation').mean() with the share "
        "among everyone.",
        "groupby works too: cohort.groupby(s)['cause'].value_counts(normalize=True) for each s.",
    ),
    solution_code="overall = (cohort['cause'] == 'disc_herniation').mean()\n"
    "for s in ['fatigue', 'poor_sleep', 'buttock_pain', 'leg_pain_below_knee']:\n"
    "    print(s, (cohort.loc[cohort[s], 'cause'] == 'disc_herniation').mean() - overall)",
    wrong_examples=("fatigue", "poor_sleep", "buttock_pain"),
)
