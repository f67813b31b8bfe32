"""Figures of lesson 07: agreement with the claims ledger by section, and the claim check before and after.

Each ``add_*`` function adds the traces to a figure (a ``Figure`` or an app's ``FigureWidget``) so the apps
build their figure once and then only update trace values; each ``*_figure`` function builds a static figure.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from helpers import style
from helpers.claim_check import STAGE_LABELS, STAGES, CheckScore
from helpers.ledger import SECTION_ORDER
from helpers.ledger_figures import SECTION_LABELS, add_section_bars
from helpers.sorter import STATES, SortScore

#: Colours of the sorter's states and of the check's answer states (Okabe–Ito; grey for "not yet").
STATE_COLOURS: dict[str, str] = {
    "agrees with the ledger": style.GREEN,
    "differs from the ledger": style.VERMILLION,
    "not sorted yet": style.LIGHT_GREY,
}
ANSWER_STATES: tuple[str, ...] = ("right", "wrong", "not answered")
ANSWER_COLOURS: dict[str, str] = {"right": style.GREEN, "wrong": style.VERMILLION, "not answered": style.LIGHT_GREY}
ANSWER_SYMBOLS: dict[str, str] = {"right": "✔", "wrong": "✘", "not answered": " "}  # never "": see add_check_grid


def section_ticks(current: str | None = None) -> list[str]:
    """Short section labels in reading order; the ``current`` section (a title) is marked with ▶."""
    if current is not None and current not in SECTION_ORDER:
        raise ValueError(f"current: {current!r} is not a section title; allowed: {', '.join(SECTION_ORDER)}")
    return [("▶ " if s == current else "") + SECTION_LABELS[s] for s in SECTION_ORDER]


def add_agreement_bars(fig: go.Figure, matrix: list[list[int]]) -> go.Figure:
    """Stacked horizontal bars of claims per section: agree / differ / not sorted yet.

    Parameters
    ----------
    fig : the figure to add to (changed in place and returned).
    matrix : counts per state (:data:`helpers.sorter.STATES`) per section (reading order), as from
        :meth:`helpers.sorter.SortScore.matrix`.
    """
    add_section_bars(fig, matrix, STATES, STATE_COLOURS, "states")
    fig.update_layout(
        barmode="stack", legend={"orientation": "h", "y": -0.25, "x": 0, "traceorder": "normal"}, margin={"l": 250}
    )
    labels = [SECTION_LABELS[s] for s in SECTION_ORDER]
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=labels, ticktext=section_ticks())
    return fig


def agreement_title(result: SortScore) -> str:
    """The agreement figure's title: how many sorted, how many agree."""
    if result.n_sorted == 0:
        return f"Your verdicts and the ledger's: 0 of {result.n_claims} claims sorted"
    return (
        f"Your verdicts and the ledger's: you agree on {result.n_agree} of the {result.n_sorted} "
        f"claims sorted (of {result.n_claims})"
    )


def agreement_figure(result: SortScore, height: int = 440) -> go.Figure:
    """A static figure of a sorter score: claims per section that agree, differ, or are not sorted yet."""
    fig = style.new_figure(agreement_title(result), "Claims (count)", None, height=height)
    return style.finish(add_agreement_bars(fig, result.matrix()))


def check_matrix(scores: Sequence[CheckScore], question_ids: Sequence[str]) -> list[list[str]]:
    """The status (right / wrong / not answered) of every question (inner) in each sitting (outer)."""
    if len(scores) != len(STAGES):
        raise ValueError(f"scores: expected one score per sitting ({', '.join(STAGES)}), got {len(scores)}")
    return [[s.status(q) for q in question_ids] for s in scores]


def add_check_grid(fig: go.Figure, statuses: list[list[str]]) -> go.Figure:
    """One row of squares per sitting, one square per question, coloured right / wrong / not answered.

    The first trace holds the squares; the second is an outline marking the current question. ``statuses`` is as
    from :func:`check_matrix`. An unanswered square's label is a space, not "": plotly.js draws no text element
    for an empty label and then does not show the ✔ that a later update puts there.
    """
    if len(statuses) != len(STAGES) or len({len(row) for row in statuses}) != 1:
        raise ValueError(f"statuses: expected {len(STAGES)} rows of equal length")
    n = len(statuses[0])
    xs = [q for _ in STAGES for q in range(1, n + 1)]
    ys = [STAGE_LABELS[s] for s in STAGES for _ in range(n)]
    flat = [status for row in statuses for status in row]
    fig.add_scatter(
        x=xs,
        y=ys,
        mode="markers+text",
        name="answers",
        showlegend=False,
        marker={
            "symbol": "square",
            "size": 34,
            "color": [ANSWER_COLOURS[s] for s in flat],
            "line": {"width": 1, "color": style.WHITE},
        },
        text=[ANSWER_SYMBOLS[s] for s in flat],
        textfont={"size": 18, "color": style.WHITE},
        customdata=flat,
        hovertemplate="%{y}, question %{x}: %{customdata}<extra></extra>",
    )
    fig.add_scatter(
        x=[1, 1],
        y=[STAGE_LABELS[s] for s in STAGES],
        mode="markers",
        name="current question",
        showlegend=False,
        hoverinfo="skip",
        marker={"symbol": "square-open", "size": 44, "color": style.BLUE, "line": {"width": 3}},
    )
    for state in ANSWER_STATES:  # legend entries only
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=state,
            marker={"symbol": "square", "size": 14, "color": ANSWER_COLOURS[state]},
        )
    fig.update_xaxes(range=[0.4, n + 0.6], tickmode="linear", tick0=1, dtick=1, showgrid=False)
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=[STAGE_LABELS[s] for s in reversed(STAGES)],
        showgrid=False,
    )
    fig.update_layout(legend={"orientation": "h", "y": -0.45, "x": 0}, margin={"l": 170})
    return fig


def check_title(scores: Sequence[CheckScore]) -> str:
    """The check figure's title: right answers per sitting."""
    parts = [
        f"{stage}: {s.n_correct} of {s.n_questions} right" if s.n_answered else f"{stage}: not taken yet"
        for stage, s in zip(STAGES, scores, strict=True)
    ]
    return "Your claim check: " + " · ".join(parts)


def check_figure(scores: Sequence[CheckScore], question_ids: Sequence[str], height: int = 330) -> go.Figure:
    """A static figure of the check: each question right, wrong or not answered, before and after."""
    statuses = check_matrix(scores, question_ids)
    fig = style.new_figure(check_title(scores), "Question (number)", None, height=height)
    return style.finish(add_check_grid(fig, statuses))
