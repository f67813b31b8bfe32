"""Figures of the claims ledger: the verdict mix by section as stacked bars in the course's verdict colours."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.ledger import SECTION_ORDER, VERDICT_ORDER

#: Short section labels for axis ticks (the full headings are long).
SECTION_LABELS: dict[str, str] = {
    "Opening definition": "Opening definition",
    "Accompanying signs & symptoms": "Signs & symptoms",
    "Possible Causes": "Possible causes",
    "Physiological Mechanisms": "Mechanisms",
    "Treatment Modalities": "Treatment",
    "How do Acupuncture & Chinese herbs work?": "How acupuncture & herbs work",
}


def add_section_bars(
    fig: go.Figure, matrix: list[list[int]], names: tuple[str, ...], colours: dict[str, str], what: str
) -> go.Figure:
    """Add one horizontal bar trace of claim counts per section for each of ``names`` (stacked by the caller's
    ``barmode``), sections in reading order, each count written inside its bar (none for 0).

    Parameters
    ----------
    fig : the figure (``Figure`` or ``FigureWidget``) to add to, changed in place and returned.
    matrix : counts, one list per name of one count per section (:data:`SECTION_ORDER`).
    names : the trace names, in the order of ``matrix``'s rows; each is a key of ``colours``.
    colours : the bar colour of each name.
    what : what a row of ``matrix`` is, for the error message (e.g. ``"verdicts"``).
    """
    if len(matrix) != len(names) or any(len(row) != len(SECTION_ORDER) for row in matrix):
        raise ValueError(f"matrix: expected {len(names)} rows ({what}) of {len(SECTION_ORDER)} counts (sections)")
    labels = [SECTION_LABELS[s] for s in SECTION_ORDER]
    for name, counts in zip(names, matrix, strict=True):
        fig.add_bar(
            name=name,
            y=labels,
            x=list(counts),
            orientation="h",
            marker_color=colours[name],
            text=[str(c) if c else "" for c in counts],
            textposition="inside",
            insidetextanchor="middle",
            hovertemplate="%{y}: %{x} claim(s) " + name + "<extra></extra>",
        )
    return fig


def add_verdict_bars(fig: go.Figure, matrix: list[list[int]]) -> go.Figure:
    """Add one horizontal bar trace per verdict (stacked) to ``fig``.

    Parameters
    ----------
    fig : the figure (``Figure`` or ``FigureWidget``) to add to, changed in place and returned.
    matrix : counts, one list per verdict (:data:`VERDICT_ORDER`) of one count per section (:data:`SECTION_ORDER`).
    """
    add_section_bars(fig, matrix, VERDICT_ORDER, style.VERDICT_COLOURS, "verdicts")
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "y": -0.22, "x": 0, "title": {"text": "Verdict"}},
        margin={"l": 230},
    )
    fig.update_yaxes(autorange="reversed")
    return fig


def verdict_bars_figure(
    matrix: list[list[int]], title: str = "The clinic's claims by section and verdict", height: int = 460
) -> go.Figure:
    """A complete figure of stacked bars from a verdict × section count matrix; each trace is named by its verdict.

    Parameters
    ----------
    matrix : counts, one list per verdict (:data:`VERDICT_ORDER`) of one count per section (:data:`SECTION_ORDER`).
    title : the figure title.
    height : pixels (200–1200).
    """
    fig = style.new_figure(title, "Number of claims (count)", None, height=height)
    return style.finish(add_verdict_bars(fig, matrix))


def verdict_mix_figure(
    counts: pd.DataFrame, title: str = "The clinic's claims by section and verdict", height: int = 460
) -> go.Figure:
    """Stacked bars of the number of claims per section, split by verdict.

    Parameters
    ----------
    counts : a section × verdict table of counts, as from :func:`helpers.ledger.verdict_counts`.
    title : the figure title.
    height : pixels (200–1200).
    """
    missing = [v for v in VERDICT_ORDER if v not in counts.columns]
    if missing:
        raise ValueError(f"counts: missing verdict column(s) {missing}")
    table = counts.reindex(index=list(SECTION_ORDER), fill_value=0)
    matrix = [[int(x) for x in table[v].tolist()] for v in VERDICT_ORDER]
    return style.finish(verdict_bars_figure(matrix, title, height))
