"""Exercises of 04_mechanisms."""

from __future__ import annotations

import pandas as pd

from helpers.exercises import Exercise, number, series
from helpers.tables import load_table


def _mechanism_share_not_supported() -> float:
    claims = load_table("claims")
    mech = claims[claims["section"] == "Physiological Mechanisms"]
    return float(mech["verdict"].isin(["untested", "contradicted"]).mean())


def _healing_percent_longer() -> float:
    facts = load_table("mechanism_facts").set_index("id")["value"]
    return float((facts["healing_caregivers"] / facts["healing_controls"] - 1) * 100)


def _contradicted_share_by_section() -> pd.Series:
    claims = load_table("claims")
    return (claims["verdict"] == "contradicted").groupby(claims["section"]).mean()


q1 = Exercise(
    id="04.q1",
    prompt="What share (0–1) of the claims from the section “Physiological Mechanisms” in data/claims.csv are "
    "untested or contradicted?",
    answer=_mechanism_share_not_supported,
    compare=number(abs_tol=0.005, what="a share between 0 and 1"),
    hints=(
        "Keep the rows whose 'section' is 'Physiological Mechanisms'.",
        "mech['verdict'].isin(['untested', 'contradicted']) gives True/False per claim; its mean is the share.",
    ),
    solution_code=(
        "claims = load_table('claims')\n"
        "mech = claims[claims['section'] == 'Physiological Mechanisms']\n"
        "answer = mech['verdict'].isin(['untested', 'contradicted']).mean()"
    ),
    wrong_examples=(6, 1.0, 0.25),
)

q2 = Exercise(
    id="04.q2",
    prompt="From data/mechanism_facts.csv: by how many percent longer did the caregivers' biopsy wounds take to "
    "heal than the comparison group's? Give a percentage (e.g. 12.5 for 12.5 %).",
    answer=_healing_percent_longer,
    compare=number(abs_tol=0.3, what="a percentage"),
    hints=(
        "Index the table by 'id' and take the 'value' of 'healing_caregivers' and 'healing_controls'.",
        "Percent longer = (caregivers / comparison − 1) × 100.",
    ),
    solution_code=(
        "facts = load_table('mechanism_facts').set_index('id')['value']\n"
        "answer = (facts['healing_caregivers'] / facts['healing_controls'] - 1) * 100"
    ),
    wrong_examples=(9.4, 19.3, 0.239),
)

q3 = Exercise(
    id="04.q3",
    prompt="For each section of the source text, what share (0–1) of its claims is contradicted? Give a pandas "
    "Series indexed by section.",
    answer=_contradicted_share_by_section,
    compare=series(abs_tol=0.005, what="shares"),
    hints=(
        "claims['verdict'] == 'contradicted' is True/False per claim.",
        "Group that True/False Series by claims['section'] and take the mean of each group.",
    ),
    solution_code=(
        "claims = load_table('claims')\n"
        "answer = (claims['verdict'] == 'contradicted').groupby(claims['section']).mean()"
    ),
    wrong_examples=(
        pd.Series({"Opening definition": 1, "Possible Causes": 1, "Physiological Mechanisms": 2}),
    ),
)
