"""Exercises of 07_review: the claims ledger (``data/claims.csv``) with pandas and plotly.

Every answer is computed from the ledger, so edits to ``data/claims.csv`` (new claims, changed verdicts) never
leave an exercise behind. The lesson shows each skill first on another column: ``value_counts``, ``nunique``,
``str.split`` / ``explode``, ``str.len`` with a comparison and ``sum``, the mean of True/False values,
``pd.crosstab`` and ``px.bar`` with axis titles.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from helpers.exercises import Exercise, figure, number
from helpers.ledger import load_claims


def _reference_ids() -> pd.Series:
    """Every citation of the ledger, one row per (claim, reference id)."""
    return load_claims()["references"].str.split(";").explode().str.strip()


def _distinct_references() -> int:
    return int(_reference_ids().nunique())


def _single_reference_claims() -> int:
    claims = load_claims()
    return int((claims["references"].str.split(";").str.len() == 1).sum())


def _percent_mechanisms_untested() -> float:
    claims = load_claims()
    mechanisms = claims[claims["claim_type"] == "mechanism"]
    return float((mechanisms["verdict"] == "untested").mean() * 100)


def _verdicts_by_section() -> go.Figure:
    """The reference figure: claims per section (bars) stacked by verdict, as the solution draws it."""
    claims = load_claims()
    table = pd.crosstab(claims["section"], claims["verdict"])
    return px.bar(table, labels={"value": "Claims (count)", "section": "Section"})


q1 = Exercise(
    id="07.q1",
    prompt="How many DIFFERENT references does the ledger cite in all? A reference cited by several claims "
    "counts once.",
    answer=_distinct_references,
    compare=number(what="a count of references"),
    hints=(
        "One cell of the references column can hold several ids. Break every cell into its separate ids, put "
        "all of them in one long column, then count how many different ids that column holds.",
        "The string method split breaks a cell at each ';', explode gives each id its own row, and nunique "
        "counts the different values.",
        ("ids = claims['references'].str.split('____').____()\nanswer = ids.____()"),
    ),
    solution_code="answer = claims['references'].str.split(';').explode().nunique()",
    wrong_examples=(0, 1, 101),
)

q2 = Exercise(
    id="07.q2",
    prompt="How many claims of the ledger rest on a single reference (one id in the 'references' column)?",
    answer=_single_reference_claims,
    compare=number(what="a count of claims"),
    hints=(
        "Count how many ids each claim lists, then count the claims for which that number is one.",
        "After splitting each cell at ';', the string method len gives the length of each list; compare it with "
        "1 and add up the True values.",
        ("n_refs = claims['references'].str.split(';').str.____()\nanswer = (n_refs == ____).____()"),
    ),
    solution_code="n_refs = claims['references'].str.split(';').str.len()\nanswer = (n_refs == 1).sum()",
    wrong_examples=(0, 100),
)

q3 = Exercise(
    id="07.q3",
    prompt="Keep only the claims whose 'claim_type' is exactly 'mechanism' (how the page says the body works). "
    "What PERCENTAGE of them does the ledger judge untested? Give a number between 0 and 100.",
    answer=_percent_mechanisms_untested,
    compare=number(abs_tol=0.5, what="a percentage (0–100)"),
    hints=(
        "Two steps: first keep the rows of one claim type, then ask what part of those rows has the verdict "
        "'untested'. A percentage is that part times 100.",
        "Filter the rows with a True/False condition on 'claim_type'; the mean of a True/False column is the share "
        "of True values.",
        (
            "mechanisms = claims[claims['____'] == 'mechanism']\n"
            "answer = (mechanisms['verdict'] == '____').mean() * ____"
        ),
    ),
    solution_code="mechanisms = claims[claims['claim_type'] == 'mechanism']\n"
    "answer = (mechanisms['verdict'] == 'untested').mean() * 100",
    wrong_examples=(0.375, 52.8, 100.0),
)

q4 = Exercise(
    id="07.q4",
    prompt="Build the figure yourself: one bar per section of the page, split (stacked) by verdict, the height "
    "being the number of claims. Give the value axis a title with its units. Set `answer` to the figure.",
    answer=_verdicts_by_section,
    compare=figure("bar", needs_units=True, what="counts of claims", stacked=True, transposed_ok=False),
    hints=(
        "First make a table with one row per section and one column per verdict, holding counts of claims. "
        "Then draw that table: plotly draws one coloured bar segment per column.",
        "pd.crosstab counts every pair of two columns' values; px.bar on such a wide table stacks one colour per "
        "column. The labels argument (or update_layout) sets the axis titles.",
        (
            "table = pd.crosstab(claims['____'], claims['____'])\n"
            "answer = px.bar(table, labels={'value': '____ (count)', 'section': 'Section'})"
        ),
    ),
    solution_code="table = pd.crosstab(claims['section'], claims['verdict'])\n"
    "answer = px.bar(table, labels={'value': 'Claims (count)', 'section': 'Section'})",
    wrong_examples=(
        "a bar chart",
        pd.DataFrame({"x": [1]}),
    ),
)
