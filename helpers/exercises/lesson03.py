"""Exercises of 03_possible_causes."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from helpers.exercises import Exercise, figure, number, same_set, series
from helpers.tables import load_table


def _lowest_published_over_claim() -> float:
    shares = load_table("cause_shares")
    claim = shares.loc[shares["kind"] == "claim", "share"].iloc[0]
    return float(shares.loc[shares["kind"] == "published", "share"].min() / claim)


def _intervals_above_one() -> set[str]:
    risks = load_table("risk_factors")
    return set(risks.loc[risks["ci_low"] > 1, "id"])


def _rise_20_to_80() -> pd.Series:
    img = load_table("imaging_findings")
    at = img.set_index(["age_years", "finding"])["prevalence"]
    return at[80] - at[20]


def _bulge_by_decade_figure() -> go.Figure:
    img = load_table("imaging_findings")
    bulge = img[img["finding"] == "Disc bulge"]
    return px.line(
        x=bulge["age_years"],
        y=bulge["prevalence"] * 100,
        markers=True,
        labels={"x": "Age (years)", "y": "People without back pain with a disc bulge (%)"},
    )


q1 = Exercise(
    id="03.q1",
    prompt="In data/cause_shares.csv, how many times larger than the clinic's figure is the LOWEST published "
    "share of sciatica due to the disc? Give one number.",
    answer=_lowest_published_over_claim,
    compare=number(abs_tol=0.05, what="a ratio (how many times larger)"),
    hints=(
        "“How many times larger” is a division: the lowest published share divided by the clinic's share.",
        "Split the table by its 'kind' column ('claim' or 'published'), as the toolkit split the risk table by "
        "'measure', and take the lowest published share, as the toolkit took the lowest hazard ratio.",
        (
            "claim = shares.loc[shares['kind'] == '____', 'share'].iloc[0]\n"
            "lowest = shares.loc[shares['kind'] == '____', 'share'].____()\n"
            "answer = ____ / ____"
        ),
    ),
    solution_code=(
        "claim = shares.loc[shares['kind'] == 'claim', 'share'].iloc[0]\n"
        "answer = shares.loc[shares['kind'] == 'published', 'share'].min() / claim"
    ),
    wrong_examples=(18.0, 0.68, 63),
)

q2 = Exercise(
    id="03.q2",
    prompt="In data/risk_factors.csv, which risk factors (give their ids) have a 95 % interval lying wholly "
    "above 1? Rows without a recorded interval do not count.",
    answer=_intervals_above_one,
    compare=same_set("ids"),
    hints=(
        "An interval lies wholly above 1 when even its lowest plausible value is above 1. Which end of the "
        "interval is that?",
        "Keep the rows whose lower end, 'ci_low', is above 1, with a condition as in the toolkit, and take "
        "their 'id' column.",
        "answer = list(risks.loc[risks['____'] ____ 1, 'id'])",
    ),
    solution_code="answer = list(risks.loc[risks['ci_low'] > 1, 'id'])",
    wrong_examples=(
        ["smoking", "obesity_bmi", "abdominal_obesity", "metal_machine_men", "nurses_women", "standing"],
        [
            "smoking",
            "obesity_bmi",
            "abdominal_obesity",
            "metal_machine_men",
            "nurses_women",
            "standing",
            "lifting_heavy",
            "heavier_workload",
        ],
        ["smoking", "metal_machine_men"],
    ),
)

q3 = Exercise(
    id="03.q3",
    prompt="Using data/imaging_findings.csv: for each finding, by how much does its share (0–1) among people "
    "WITHOUT back pain rise from age 20 to age 80? Give a pandas Series indexed by finding.",
    answer=_rise_20_to_80,
    compare=series(abs_tol=0.005, what="rises (shares, 0–1)"),
    hints=(
        "You need two numbers per finding, its share at 80 and at 20, and their difference.",
        "Keep the rows of one age with a condition on 'age_years', index them by 'finding', and do the same for "
        "the other age: subtracting two Series matches their labels, as in the toolkit.",
        ("at_80 = img[img['age_years'] == ____].set_index('____')['prevalence']\nat_20 = ____\nanswer = ____ - ____"),
    ),
    solution_code=(
        "img = load_table('imaging_findings')\n"
        "at_80 = img[img['age_years'] == 80].set_index('finding')['prevalence']\n"
        "at_20 = img[img['age_years'] == 20].set_index('finding')['prevalence']\n"
        "answer = at_80 - at_20"
    ),
    wrong_examples=(
        pd.Series({"Disc degeneration": 59, "Disc bulge": 54, "Disc protrusion": 14, "Annular fissure": 10}),
        pd.Series({"Disc degeneration": 0.96, "Disc bulge": 0.84, "Disc protrusion": 0.43, "Annular fissure": 0.29}),
        pd.Series(
            {"Disc degeneration": -0.59, "Disc bulge": -0.54, "Disc protrusion": -0.14, "Annular fissure": -0.10}
        ),
    ),
)

q4 = Exercise(
    id="03.q4",
    prompt="Make a plotly line (or bar) chart of the share of people WITHOUT back pain who show a disc bulge, at "
    "each published age 20, 30, …, 80: age on the x-axis, percent on the y-axis, both axes titled with units.",
    answer=_bulge_by_decade_figure,
    compare=figure(
        ("scatter", "bar"),
        x_title_contains=("age", "year"),
        y_title_contains=("%", "percent"),
        decimals=0,
        by_group=False,
        shares_ok=True,
        what="disc-bulge percentages",
    ),
    hints=(
        "Keep only the disc-bulge rows; you then have one age and one share per row. Percent is the share × 100.",
        "The toolkit's figure drew bars with titled axes; the line version of the same function call draws a line "
        "through the points (ask it to show markers too).",
        (
            "bulge = img[img['finding'] == '____']\n"
            "answer = px.line(x=bulge['____'], y=bulge['prevalence'] * ____, markers=True,\n"
            "                 labels={'x': '____ (years)', 'y': '____ (%)'})"
        ),
    ),
    solution_code=(
        "import plotly.express as px\n"
        "img = load_table('imaging_findings')\n"
        "bulge = img[img['finding'] == 'Disc bulge']\n"
        "answer = px.line(x=bulge['age_years'], y=bulge['prevalence'] * 100, markers=True,\n"
        "                 labels={'x': 'Age (years)', 'y': 'People without back pain with a disc bulge (%)'})"
    ),
    wrong_examples=(
        px.line(x=[20, 80], y=[30, 84], labels={"x": "Age (years)", "y": "Disc bulge (%)"}),
        px.line(
            x=[20, 30, 40, 50, 60, 70, 80],
            y=[37, 52, 68, 80, 88, 93, 96],
            labels={"x": "Age (years)", "y": "Disc bulge (%)"},
        ),
        px.line(x=[20, 30, 40, 50, 60, 70, 80], y=[30, 40, 50, 60, 69, 77, 84]),
    ),
)
