"""Figures of the class results: scores before and after, each question, each key concept.

Every view is drawn by a fixed number of traces (:data:`VIEW_TRACES`), empty when the summary shows nothing
(fewer than :data:`helpers.class_results.MIN_STUDENTS` students), so the results app builds its figure once and
then only changes trace values and visibility. :func:`class_figure` builds one view as a static figure.
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np
import plotly.graph_objects as go

from helpers import style
from helpers.claim_check import STAGE_LABELS
from helpers.class_results import SITTINGS, ClassSummary

#: The views, in menu order, with their titles.
VIEWS: dict[str, str] = {
    "scores": "Questions right, before and after",
    "questions": "Each question: % right before and after",
    "discrimination": "Each question: discrimination after the course",
    "concepts": "Each key concept: change in % right",
}
#: How many traces draw each view.
VIEW_TRACES: dict[str, int] = {"scores": 2, "questions": 3, "discrimination": 1, "concepts": 1}
SITTING_COLOURS: dict[str, str] = {"before": style.GREY, "after": style.BLUE}
_LABEL_CHARS = 48


def _check_view(view: str) -> str:
    if view not in VIEWS:
        raise ValueError(f"view: {view!r} is not allowed; allowed: {', '.join(VIEWS)}")
    return view


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def question_labels(summary: ClassSummary) -> list[str]:
    """``"Q3 · an association does not show a cause"`` per question, with ``⚑`` before a flagged one."""
    table = summary.by_question
    return [
        ("⚑ " if flag else "") + f"Q{number} · {_short(concept)}"
        for number, concept, flag in zip(table["number"], table["concept"], table["flag"], strict=True)
    ]


def concept_labels(summary: ClassSummary) -> list[str]:
    """Each concept with how many questions rest on it: ``"… (1 question)"``."""
    table = summary.by_concept
    return [
        f"{_short(concept)} ({n} question{'s' if n != 1 else ''})"
        for concept, n in zip(table.index, table["n_items"], strict=True)
    ]


def _pct(values: Any) -> list[float | None]:
    return [None if v is None or np.isnan(v) else round(100 * float(v), 1) for v in values]


def view_traces(summary: ClassSummary, view: str) -> list[go.BaseTraceType]:
    """The traces of one view (:data:`VIEW_TRACES` of them; empty ones when nothing is shown)."""
    _check_view(view)
    shown = summary.shown
    if view == "scores":
        counts = summary.score_counts
        return [
            go.Bar(
                name=STAGE_LABELS[s],
                x=list(counts.index) if shown and s in counts else [],
                y=counts[s].tolist() if shown and s in counts else [],
                marker_color=SITTING_COLOURS[s],
                hovertemplate="%{x} questions right: %{y} students<extra>" + STAGE_LABELS[s] + "</extra>",
            )
            for s in SITTINGS
        ]
    if view == "questions":
        labels = question_labels(summary) if shown else []
        table = summary.by_question
        before = _pct(table["p_before"]) if shown else []
        after = _pct(table["p_after"]) if shown else []
        line_x: list[float | None] = []
        line_y: list[str | None] = []
        for label, b, a in zip(labels, before, after, strict=True):
            if b is not None and a is not None:
                line_x += [b, a, None]
                line_y += [label, label, None]
        markers = [
            go.Scatter(
                name=STAGE_LABELS[s],
                x=values,
                y=labels,
                mode="markers",
                marker={"color": SITTING_COLOURS[s], "size": 13, "symbol": "circle" if s == "after" else "diamond"},
                hovertemplate="%{y}: %{x}% right<extra>" + STAGE_LABELS[s] + "</extra>",
            )
            for s, values in zip(SITTINGS, (before, after), strict=True)
        ]
        connector = go.Scatter(
            name="change", x=line_x, y=line_y, mode="lines", line={"color": style.LIGHT_GREY, "width": 3},
            hoverinfo="skip", showlegend=False,
        )  # fmt: skip
        return [connector, *markers]
    if view == "discrimination":
        table = summary.by_question
        values = [None if np.isnan(v) else round(float(v), 2) for v in table["discrimination"]] if shown else []
        colours = [style.VERMILLION if v is not None and v < 0 else style.BLUE for v in values]
        return [
            go.Bar(
                name="discrimination",
                x=values,
                y=question_labels(summary) if shown else [],
                orientation="h",
                marker_color=colours,
                hovertemplate="%{y}: %{x}<extra>corrected item–total correlation</extra>",
            )
        ]
    table = summary.by_concept
    ready = shown and table["gain_pp"].notna().any()
    gain = [round(float(v), 1) for v in table["gain_pp"]] if ready else []
    plus = [round(float(h - g), 1) for g, h in zip(table["gain_pp"], table["high_pp"], strict=True)] if ready else []
    minus = [round(float(g - lo), 1) for g, lo in zip(table["gain_pp"], table["low_pp"], strict=True)] if ready else []
    return [
        go.Scatter(
            name="change (95 % interval)",
            x=gain,
            y=concept_labels(summary) if ready else [],
            mode="markers",
            marker={"color": style.BLUE, "size": 13},
            error_x={"type": "data", "array": plus, "arrayminus": minus, "color": style.BLUE, "thickness": 2},
            hovertemplate="%{y}: %{x} percentage points<extra></extra>",
        )
    ]


def view_layout(summary: ClassSummary, view: str, label: str = "") -> dict[str, Any]:
    """Title and axes of one view; ``label`` (e.g. ``"SIMULATED class"``) starts the title."""
    _check_view(view)
    prefix = f"{label}: " if label else ""
    title = prefix + (VIEWS[view] if summary.shown else summary.message)
    x_title, y_title = {
        "scores": (f"Questions right (of {summary.n_items})", "Students (count)"),
        "questions": ("Students right (%)", None),
        "discrimination": ("Corrected item–total correlation after the course (−1 to 1)", None),
        "concepts": ("Change in % right, after − before (percentage points)", None),
    }[view]
    categorical = view != "scores"
    return {
        "title": {"text": title},
        "barmode": "group",
        "xaxis": {
            "title": {"text": x_title},
            "range": [-0.5, summary.n_items + 0.5]
            if view == "scores"
            else ([-5, 105] if view == "questions" else None),
            "autorange": view in ("discrimination", "concepts"),
            "zeroline": True,
            "dtick": 1 if view == "scores" else None,
        },
        "yaxis": {
            "title": {"text": y_title},
            "type": "category" if categorical else "linear",
            "autorange": "reversed" if categorical else True,
            "automargin": True,
            "dtick": 1 if view == "scores" and _max_count(summary) <= 10 else None,
        },
    }


def _max_count(summary: ClassSummary) -> int:
    counts = summary.score_counts
    return int(counts.to_numpy().max()) if summary.shown and counts.size else 0


def class_figure(summary: ClassSummary, view: str = "scores", label: str = "", height: int = 520) -> go.Figure:
    """One view of the class results as a static figure (for the notebook and the HTML copy)."""
    fig = style.new_figure(VIEWS[_check_view(view)], height=height)
    fig.add_traces(view_traces(summary, view))
    fig.update_layout(view_layout(summary, view, label))
    return style.finish(fig)


def add_views(fig: go.Figure, summary: ClassSummary, view: str = "scores", label: str = "") -> go.Figure:
    """Add every view's traces to ``fig`` (the app's FigureWidget), showing ``view``; returns ``fig``."""
    _check_view(view)
    for name in VIEWS:
        for trace in view_traces(summary, name):
            trace.visible = name == view
            trace.meta = name
            fig.add_trace(trace)
    fig.update_layout(view_layout(summary, view, label))
    return fig


def show_view(fig: go.Figure, summary: ClassSummary, view: str, label: str = "") -> go.Figure:
    """Redraw ``fig`` (built by :func:`add_views`) for ``summary`` and ``view``: new values, one view visible."""
    _check_view(view)
    new = [trace for name in VIEWS for trace in view_traces(summary, name)]
    if len(new) != len(fig.data):
        raise ValueError("fig: expected a figure built by add_views()")
    batch = fig.batch_update() if isinstance(fig, go.FigureWidget) else contextlib.nullcontext()
    with batch:
        for old, trace in zip(fig.data, new, strict=True):
            data = trace.to_plotly_json()
            data.pop("type", None)
            old.update(data)
            old.visible = old.meta == view
        fig.update_layout(view_layout(summary, view, label))
    return fig
