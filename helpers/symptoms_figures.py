"""Figures for lesson 02: how well each explanation fits a selection, cause shares, symptom co-occurrence.

Data in, plotly figure out; no widgets here (the explorer app reuses :func:`fit_figure` and :func:`fit_values`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.symptoms import Assessment, knowledge

FIT_TITLE = "How well each explanation fits the ticked symptoms"
FIT_X_TITLE = "Fit score (points: +2 typical, +1 consistent, −2 against)"
#: Name of the fit figure's bar trace: the explorer updates it by this name.
FIT_TRACE = "fit score"
#: Bar colours: serious conditions keep their urgency colour; the rest are blue (fits) or grey (does not).
NEUTRAL = style.GREY


def _short(label: str, width: int = 34) -> str:
    """Break a long condition label onto two lines for the y axis."""
    if len(label) <= width:
        return label
    cut = label.rfind(" ", 0, width)
    cut = cut if cut > 0 else width
    return label[:cut] + "<br>" + label[cut + 1 :]


def fit_values(assessment: Assessment) -> tuple[list[int], list[str], list[str]]:
    """Scores, bar colours and bar texts for every condition, in the order of ``data/conditions.csv``.

    Returns
    -------
    (scores, colours, texts): three lists, one item per condition; used to build and to update the figure.
    """
    kn = knowledge()
    supported = {e.condition for e in assessment.explanations}
    scores, colours, texts = [], [], []
    for cid, cond in kn.conditions.items():
        score = int(assessment.scores[cid])
        scores.append(score)
        if cid not in supported:
            colours.append(NEUTRAL)
        elif cond.urgency != "routine":
            colours.append(style.URGENCY_COLOURS[cond.urgency])
        else:
            colours.append(style.BLUE)
        texts.append(f"{score:+d}" if score else "0")
    return scores, colours, texts


def fit_range(assessment: Assessment) -> list[float]:
    """An x-axis range that keeps every bar and its label in view, at least −4 to +8 points."""
    scores = list(assessment.scores.values())
    return [min(-4.0, min(scores) - 1.5), max(8.0, max(scores) + 1.5)]


def fit_figure(assessment: Assessment, height: int = 460) -> go.Figure:
    """Horizontal bars: every condition's fit score for the selection (best explanations easy to compare).

    Parameters
    ----------
    assessment : from :func:`helpers.symptoms.assess`.
    height : pixels, 200–1200.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace named :data:`FIT_TRACE`, one bar per condition (an app wraps it once in a FigureWidget).
    """
    kn = knowledge()
    scores, colours, texts = fit_values(assessment)
    labels = [_short(c.label) for c in kn.conditions.values()]
    fig = go.Figure()
    fig.add_bar(
        x=scores,
        y=labels,
        orientation="h",
        marker_color=colours,
        text=texts,
        textposition="outside",
        cliponaxis=False,
        name=FIT_TRACE,
        hovertemplate="%{y}: %{x} points<extra></extra>",
    )
    style.apply(fig, FIT_TITLE, FIT_X_TITLE, None, height=height)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(range=fit_range(assessment), zeroline=True, zerolinecolor=style.GREY, dtick=2)
    fig.update_layout(showlegend=False, margin={"l": 260, "r": 30, "t": 70, "b": 70})
    return style.finish(fig)


def cause_share_figure(overall: pd.Series, among: pd.Series, among_label: str, height: int = 480) -> go.Figure:
    """Paired horizontal bars: each cause's share in the whole (simulated) cohort and among people with a combination.

    Parameters
    ----------
    overall, among : shares by cause id (e.g. from :func:`helpers.cohort.cause_shares`), values 0–1.
    among_label : who ``among`` describes, e.g. "with buttock pain and tender muscles".
    height : pixels, 200–1200.
    """
    if not among_label.strip():
        raise ValueError("among_label: must describe the group, e.g. 'with buttock pain'")
    kn = knowledge()
    ids = [c for c in kn.conditions if c in overall.index]
    labels = [_short(kn.conditions[c].label) for c in ids]
    fig = go.Figure()
    for name, shares, colour in (("everyone (simulated)", overall, style.GREY), (among_label, among, style.BLUE)):
        values = [100 * float(shares.get(c, 0.0)) for c in ids]
        fig.add_bar(
            x=values,
            y=labels,
            orientation="h",
            name=name,
            marker_color=colour,
            text=[f"{v:.1f} %" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f} %<extra>" + name + "</extra>",
        )
    style.apply(
        fig,
        "Which cause? Everyone vs people " + among_label + " (simulated)",
        "Share of simulated people (%)",
        None,
        height=height,
    )
    fig.update_layout(
        barmode="group",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        margin={"l": 260, "r": 40, "t": 90, "b": 70},
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(range=[0, 110], dtick=20)
    return style.finish(fig)


def co_occurrence_heatmap(matrix: pd.DataFrame, symptoms: Sequence[str] | None = None, height: int = 620) -> go.Figure:
    """Heatmap of a symptom co-occurrence table (from :func:`helpers.cohort.co_occurrence`, conditional kind).

    Parameters
    ----------
    matrix : square DataFrame of shares 0–1; row s, column t = share of people with s who also have t.
    symptoms : ids to show, in order (default: all of the matrix).
    """
    if list(matrix.index) != list(matrix.columns):
        raise ValueError("matrix: must be square with the same symptoms as rows and columns")
    ids = list(symptoms) if symptoms is not None else list(matrix.index)
    unknown = [s for s in ids if s not in matrix.index]
    if unknown:
        raise ValueError(f"symptoms: {unknown} are not in the matrix")
    kn = knowledge()
    labels = [kn.symptoms[s].label if s in kn.symptoms else s for s in ids]
    values = 100 * matrix.loc[ids, ids].to_numpy(dtype=float)
    text = np.where(np.isnan(values), "", np.vectorize(lambda v: f"{v:.0f}")(np.nan_to_num(values)))
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=labels,
            y=labels,
            zmin=0,
            zmax=100,
            colorscale="Blues",
            text=text,
            texttemplate="%{text}",
            textfont={"size": 11},
            colorbar={"title": {"text": "%"}},
            hovertemplate="Of people with %{y},<br>%{z:.0f} % also have %{x}<extra></extra>",
        )
    )
    style.apply(
        fig,
        "Symptoms that occur together (simulated cohort)",
        "…who also have this symptom (% of the row)",
        "Of people with this symptom…",
        height=height,
    )
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=False, tickfont={"size": 12})
    fig.update_xaxes(tickangle=-40, automargin=True, showgrid=False, tickfont={"size": 12})
    return style.finish(fig)
