"""Exercises of 05_recovery_curves: the simulated natural history, read with pandas."""

from __future__ import annotations

from helpers import recovery
from helpers.exercises import Exercise, choice, number

#: The cohorts the exercises use (students call simulate with the same arguments).
Q1_ARGS = {"n_patients": 2000, "weeks": 52, "seed": 1}
Q2_ARGS = {"n_patients": 2000, "weeks": 26, "seed": 5, "enrolment_peak": 2.0}
Q3_OPTIONS = ("the treatment works", "most of it would happen anyway", "the treatment makes people worse")


def _improved_at(args: dict, week: int) -> float:
    summary = recovery.summarize(recovery.simulate(**args))
    return float(summary.loc[summary["week"] == week, "improved_share"].iloc[0])


def _q3_answer() -> str:
    untreated = _improved_at(Q1_ARGS, 12)
    return Q3_OPTIONS[1] if untreated >= 0.5 else Q3_OPTIONS[0]


q1 = Exercise(
    id="05.q1",
    prompt="Simulate the natural history with simulate(n_patients=2000, weeks=52, seed=1). What share of the "
    "people have improved (a fall of at least 30 %) at week 12? Give a number between 0 and 1.",
    answer=lambda: _improved_at(Q1_ARGS, 12),
    compare=number(abs_tol=0.0005, what="a share between 0 and 1"),
    hints=(
        "summarize(df) gives one row per week with a column improved_share.",
        "Select the row where week == 12: summary.loc[summary['week'] == 12, 'improved_share'].",
    ),
    solution_code="df = simulate(n_patients=2000, weeks=52, seed=1)\nsummary = summarize(df)\n"
    "answer = summary.loc[summary['week'] == 12, 'improved_share'].iloc[0]",
    wrong_examples=(0.5, 75, 0.9),
)

q2 = Exercise(
    id="05.q2",
    prompt="Now enrol people at a pain peak: simulate(n_patients=2000, weeks=26, seed=5, enrolment_peak=2.0), "
    "with no treatment at all. What share has improved at week 4?",
    answer=lambda: _improved_at(Q2_ARGS, 4),
    compare=number(abs_tol=0.0005, what="a share between 0 and 1"),
    hints=(
        "Same steps as before: simulate, summarize, then pick week 4.",
        "Compare with the same cohort without enrolment_peak: the difference is regression to the mean.",
    ),
    solution_code="df = simulate(n_patients=2000, weeks=26, seed=5, enrolment_peak=2.0)\n"
    "summary = summarize(df)\nanswer = summary.loc[summary['week'] == 4, 'improved_share'].iloc[0]",
    wrong_examples=(0.33, 0.0, 1.0),
)

q3 = Exercise(
    id="05.q3",
    prompt="A clinic reports that three in four of its patients improved within 12 weeks of starting treatment. "
    "Given the untreated curve you computed in q1, which reading is best supported? Answer with one of: "
    + ", ".join(repr(o) for o in Q3_OPTIONS) + ".",
    answer=_q3_answer,
    compare=choice(Q3_OPTIONS, feedback={
        Q3_OPTIONS[0]: "A before-and-after count cannot show that: compare it with what happens without treatment.",
        Q3_OPTIONS[2]: "Nothing in a before-and-after count of improvement points to harm.",
    }),
    hints=("Look at the untreated share improved at week 12 (your answer to q1).",
           "If about as many people improve without any treatment, what does the clinic's count show about "
           "the treatment itself?"),
    solution_code="# Without any treatment about three in four improve by week 12 (q1), so a clinic's\n"
    "# 'three in four improved' is what the natural history predicts; only a fair comparison could show more.",
    wrong_examples=(Q3_OPTIONS[0], Q3_OPTIONS[2]),
)
