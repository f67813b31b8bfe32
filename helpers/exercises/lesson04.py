"""Exercises of 04_mechanisms."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from helpers.exercises import Exercise, figure, number, series
from helpers.tables import load_table


def _mechanism_type_share_not_supported() -> float:
    claims = load_table("claims")
    mech = claims[claims["claim_type"] == "mechanism"]
    return float(mech["verdict"].isin(["untested", "contradicted"]).mean())


def _healing_percent_longer() -> float:
    facts = load_table("mechanism_facts").set_index("id")["value"]
    return float((facts["healing_caregivers"] / facts["healing_controls"] - 1) * 100)


def _contradicted_share_by_section() -> pd.Series:
    claims = load_table("claims")
    return (claims["verdict"] == "contradicted").groupby(claims["section"]).mean()


def _contradicted_figure() -> go.Figure:
    share = _contradicted_share_by_section()
    return px.bar(
        x=share.index, y=share.values * 100, labels={"x": "Section of the page", "y": "Claims contradicted (%)"}
    )


q1 = Exercise(
    id="04.q1",
    prompt="Across the WHOLE ledger (every section), what share (0–1) of the claims whose claim_type is "
    "'mechanism' are untested or contradicted?",
    answer=_mechanism_type_share_not_supported,
    compare=number(abs_tol=0.005, what="a share between 0 and 1"),
    hints=(
        "Two steps: keep the mechanism claims, then ask of each whether its verdict is one of two values. The "
        "share of True answers is the mean of a True/False column.",
        "The toolkit kept the rows of one section and took the mean of a “verdict is one of these” column; here "
        "keep the rows of one claim type instead.",
        ("mech = claims[claims['claim_type'] == '____']\nanswer = mech['verdict'].isin([____, ____]).____()"),
    ),
    solution_code=(
        "mech = claims[claims['claim_type'] == 'mechanism']\n"
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
        "“Percent longer” compares the difference with the comparison group's time, not with the caregivers'.",
        "Take the two healing times from the table by their ids ('healing_caregivers', 'healing_controls'); "
        "percent longer is the ratio of the two, minus 1, times 100.",
        (
            "facts = load_table('mechanism_facts').set_index('id')['value']\n"
            "answer = (facts['____'] / facts['____'] - 1) * ____"
        ),
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
        "For each claim ask “is it contradicted?” (True/False); the share per section is the mean of those answers "
        "within each section.",
        "The toolkit grouped a True/False Series by claims['section'] and summed it; a share needs another "
        "aggregation.",
        "answer = (claims['verdict'] == '____').groupby(claims['____']).____()",
    ),
    solution_code="answer = (claims['verdict'] == 'contradicted').groupby(claims['section']).mean()",
    wrong_examples=(pd.Series({"Opening definition": 1, "Possible Causes": 1, "Physiological Mechanisms": 2}),),
)

q4 = Exercise(
    id="04.q4",
    prompt="Make a plotly bar chart of your answer to Exercise 3 in percent: one bar per section, its height the "
    "percentage of that section's claims that is contradicted, both axes titled (the value axis with %).",
    answer=_contradicted_figure,
    compare=figure(
        "bar",
        x_title_contains="section",
        y_title_contains=("%", "percent"),
        decimals=0,
        by_group=False,
        shares_ok=True,
        what="percentages of contradicted claims",
    ),
    hints=(
        "Start from the Series of Exercise 3: its labels are the sections and its values the shares; a "
        "percentage is a share × 100.",
        "Draw the Series' labels against its values (in percent) as in the toolkit's bar chart, with both axes "
        "titled; vertical or horizontal bars both count.",
        (
            "share = your Series from exercise 3\n"
            "answer = px.bar(x=share.____, y=share.values * ____,\n"
            "                labels={'x': '____', 'y': '____ (%)'})"
        ),
    ),
    solution_code=(
        "import plotly.express as px\n"
        "share = (claims['verdict'] == 'contradicted').groupby(claims['section']).mean()\n"
        "answer = px.bar(x=share.index, y=share.values * 100,\n"
        "                labels={'x': 'Section of the page', 'y': 'Claims contradicted (%)'})"
    ),
    wrong_examples=(
        px.bar(
            x=["Opening definition", "Possible Causes"],
            y=[33.3, 16.7],
            labels={"x": "Section", "y": "Contradicted (%)"},
        ),
        px.line(x=["a", "b"], y=[1, 2]),
    ),
)
