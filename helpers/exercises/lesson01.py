"""Exercises of 01_what_is_sciatica."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from helpers.anatomy import SOURCE_BACK_OR_SIDE
from helpers.exercises import Exercise, figure, same_set, series
from helpers.tables import load_table

__all__ = ["q1", "q2", "q3", "same_set"]


# --------------------------------------------------------------------------------------------- exercises
def _regions_on_back_or_side() -> pd.Series:
    roots = load_table("nerve_roots").set_index("root")
    return roots["pain_regions"].str.split(";").map(lambda regions: len(set(regions) & SOURCE_BACK_OR_SIDE))


def _verdict_shares() -> pd.Series:
    return load_table("claims")["verdict"].value_counts(normalize=True)


def _verdict_count_figure() -> go.Figure:
    counts = load_table("claims")["verdict"].value_counts()
    return px.bar(x=counts.index, y=counts.values, labels={"x": "Verdict", "y": "Number of claims (count)"})


q1 = Exercise(
    id="01.q1",
    prompt="For each root in data/nerve_roots.csv, how many of its PAIN regions lie inside the clinic's “back or "
    "side of the leg” (the region ids in SOURCE_BACK_OR_SIDE)? Give a pandas Series indexed by root.",
    answer=_regions_on_back_or_side,
    compare=series(abs_tol=0.01, what="region counts"),
    hints=(
        "Each root's pain regions are one text cell of ids separated by ';'. Turn that cell into a set of ids, "
        "keep the ids that are also in SOURCE_BACK_OR_SIDE, and count them.",
        "The toolkit split each root's numbness cell into a list and counted the items. Do the same with the pain "
        "cells, but count only the items in the intersection with the clinic's set (the toolkit showed one).",
        (
            "regions = roots.set_index('root')['pain_regions'].str.split(';')\n"
            "answer = regions.map(lambda r: len(set(r) ____ SOURCE_BACK_OR_SIDE))"
        ),
    ),
    solution_code=(
        "answer = roots.set_index('root')['pain_regions'].str.split(';').map(\n"
        "    lambda regions: len(set(regions) & SOURCE_BACK_OR_SIDE))"
    ),
    wrong_examples=(
        pd.Series({"L4": 4, "L5": 5, "S1": 5}),
        pd.Series({"L4": 0, "L5": 1, "S1": 1}),
        pd.Series({"L5": 3, "S1": 3}),
    ),
)

q2 = Exercise(
    id="01.q2",
    prompt="What share of all the clinic's claims in data/claims.csv has each verdict? Give a pandas Series "
    "indexed by verdict with shares between 0 and 1.",
    answer=_verdict_shares,
    compare=series(abs_tol=0.005, what="shares"),
    hints=(
        "A share is a count divided by the number of claims. Which column holds the verdicts?",
        "The toolkit above counted the roots' 'frequency' column in two ways; one of them gives shares.",
        "answer = claims['____'].value_counts(normalize=____)",
    ),
    solution_code="answer = claims['verdict'].value_counts(normalize=True)",
    wrong_examples=(
        pd.Series({"supported": 3, "partly supported": 13, "untested": 17, "contradicted": 5}),
        pd.Series({"supported": 0.25, "partly supported": 0.25, "untested": 0.25, "contradicted": 0.25}),
    ),
)

q3 = Exercise(
    id="01.q3",
    prompt="Make a bar chart with plotly of how many claims of the ledger have each verdict: one bar per verdict, "
    "its height the number of claims, and both axes titled (the value axis says it is a count).",
    answer=_verdict_count_figure,
    compare=figure(
        "bar",
        x_title_contains="verdict",
        y_title_contains=("count", "number", "claims"),
        by_group=False,
        what="numbers of claims",
    ),
    hints=(
        "First count the claims of each verdict (a Series: verdicts as labels, counts as values); then draw "
        "the labels on one axis and the counts on the other.",
        "The toolkit counted the values of a column, and drew a bar chart whose labels titled both axes; "
        "combine the two moves on the verdict column.",
        (
            "counts = claims['verdict'].____()\n"
            "answer = px.bar(x=counts.____, y=counts.____, labels={'x': '____', 'y': '____ (count)'})"
        ),
    ),
    solution_code=(
        "import plotly.express as px\n"
        "counts = claims['verdict'].value_counts()\n"
        "answer = px.bar(x=counts.index, y=counts.values,\n"
        "                labels={'x': 'Verdict', 'y': 'Number of claims (count)'})"
    ),
    wrong_examples=(
        px.bar(x=["supported", "untested"], y=[3, 17], labels={"x": "Verdict", "y": "Number of claims"}),
        px.pie(values=[1, 2], names=["a", "b"]),
        "a bar chart",
    ),
)
