"""Exercises of 01_what_is_sciatica, and :func:`figure_shows`, the figure comparator lessons 01, 03 and 04 share."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.basedatatypes import BaseFigure

from helpers.anatomy import SOURCE_BACK_OR_SIDE
from helpers.exercises import Comparator, Exercise, same_set, series
from helpers.tables import load_table

__all__ = ["ReferenceFigure", "figure_shows", "q1", "q2", "q3", "same_set"]


class ReferenceFigure(go.Figure):
    """The right answer of a figure exercise: a plotly figure whose text form is a short phrase, so that
    ``solution()`` says "The answer is the figure that the code below draws" instead of printing its JSON."""

    def __str__(self) -> str:
        return "the figure that the code below draws"


# --------------------------------------------------------------------------------------------- figure comparator
def _key(value: Any) -> str:
    """A category or x value as text: 50, 50.0 and numpy's 50 all become "50"."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value).strip()
    return str(int(number)) if math.isfinite(number) and number.is_integer() else f"{number:g}"


def _points(trace: Any) -> dict[str, float]:
    """The (category → value) pairs a bar or scatter trace draws; horizontal bars swap x and y."""
    horizontal = getattr(trace, "orientation", None) == "h"
    cats, vals = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
    if cats is None or vals is None:
        return {}
    out: dict[str, float] = {}
    for c, v in zip(list(cats), list(vals), strict=False):
        try:
            out[_key(c)] = float(v)
        except (TypeError, ValueError):
            continue
    return out


def _close(got: dict[str, float], want: dict[str, float], scale: float, tol: float) -> bool:
    return set(got) == set(want) and all(abs(got[k] - want[k] * scale) <= tol * max(scale, 1.0) for k in want)


def _axis_title(fig: BaseFigure, axis: str) -> str:
    title = getattr(fig.layout, axis).title
    return (title.text or "") if title is not None else ""


def figure_shows(kinds: Sequence[str], what: str, category_words: Sequence[str], value_words: Sequence[str],
                 share_words: Sequence[str] = ("share", "0–1", "0-1", "proportion"), tol: float = 0.6) -> Comparator:
    """Compare a student's plotly figure with the reference figure: trace type, data plotted, axis titles.

    The reference (``right``) is a figure whose first trace holds the right (category → value) pairs, values in
    the unit its value axis names (percent or count). The message says what is missing, never the values.

    Parameters
    ----------
    kinds : accepted trace types, e.g. ``("bar",)`` or ``("scatter", "bar")``.
    what : the data in words, e.g. ``"the share with a disc bulge at each age"``.
    category_words : one of these must appear (any case) in the category axis title, e.g. ``("age", "year")``.
    value_words : one of these must appear in the value axis title, e.g. ``("%", "percent")``.
    share_words : accepted instead of ``value_words`` when the student plots shares (0–1) of a percent figure.
    tol : accepted difference in the value axis's unit (≥ 0).
    """
    if tol < 0:
        raise ValueError(f"tol: {tol!r} is outside the allowed range ≥ 0")

    def compare(value: Any, right: Any) -> str | None:
        if not isinstance(value, BaseFigure):
            return ("Expected a plotly figure, for example the result of px.bar(...) or px.line(...), "
                    f"but got a {type(value).__name__}.")
        if not value.data:
            return "Your figure has no traces yet: give px.bar / px.line your data, or use fig.add_bar(...)."
        usable = [t for t in value.data if t.type in kinds]
        if not usable:
            shown = ", ".join(sorted({t.type for t in value.data}))
            return f"Draw {what} as a {' or '.join(kinds)} trace; your figure has: {shown}."
        want = _points(right.data[0])
        percent_axis = any(w in value_words for w in ("%", "percent"))
        as_share = False
        for trace in usable:
            got = _points(trace)
            if _close(got, want, 1.0, tol):
                break
            if percent_axis and _close(got, want, 0.01, tol / 100):
                as_share = True
                break
        else:
            got = _points(usable[0])
            if set(got) != set(want):
                missing, extra = len(set(want) - set(got)), len(set(got) - set(want))
                bits = [f"{n} {'category' if n == 1 else 'categories'} {w}" for n, w in
                        ((missing, "missing"), (extra, "that do not belong")) if n]
                return f"The categories on your figure are not those of {what}: " + " and ".join(bits) + "."
            return (f"Your figure has the right categories, but the values are not {what}: check which rows you "
                    "kept and which column you plotted.")
        horizontal = getattr(trace, "orientation", None) == "h"
        cat_axis, val_axis = ("yaxis", "xaxis") if horizontal else ("xaxis", "yaxis")
        cat_title, val_title = _axis_title(value, cat_axis).lower(), _axis_title(value, val_axis).lower()
        if not any(w.lower() in cat_title for w in category_words):
            return (f"Give the category axis ({cat_axis[0]}) a title that says what it shows"
                    f"{' (with units)' if any('year' in w for w in category_words) else ''}.")
        words = share_words if as_share else value_words
        if not any(w.lower() in val_title for w in words):
            unit = "a share (0–1)" if as_share else " or ".join(repr(w) for w in value_words)
            return f"Give the value axis ({val_axis[0]}) a title with its unit: {unit}."
        return None

    return compare


# --------------------------------------------------------------------------------------------- exercises
def _regions_on_back_or_side() -> pd.Series:
    roots = load_table("nerve_roots").set_index("root")
    return roots["pain_regions"].str.split(";").map(lambda regions: len(set(regions) & SOURCE_BACK_OR_SIDE))


def _verdict_shares() -> pd.Series:
    return load_table("claims")["verdict"].value_counts(normalize=True)


def _verdict_count_figure() -> go.Figure:
    counts = load_table("claims")["verdict"].value_counts()
    return ReferenceFigure(px.bar(x=counts.index, y=counts.values,
                                  labels={"x": "Verdict", "y": "Number of claims (count)"}))


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
        "roots.set_index('root')['pain_regions'].str.split(';').map(lambda regions: len(set(regions) & "
        "SOURCE_BACK_OR_SIDE))",
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
        "claims['verdict'].value_counts(normalize=True)",
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
    compare=figure_shows(("bar",), "the number of claims with each verdict", ("verdict",),
                         ("count", "number", "claims"), share_words=()),
    hints=(
        "First count the claims of each verdict (a Series: verdicts as labels, counts as values); then draw "
        "the labels on one axis and the counts on the other.",
        "The toolkit counted the values of a column, and drew a bar chart whose labels titled both axes; "
        "combine the two moves on the verdict column.",
        "counts = claims['verdict'].value_counts()\n"
        "answer = px.bar(x=counts.index, y=counts.values, labels={'x': 'Verdict', 'y': 'Number of claims (count)'})",
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
