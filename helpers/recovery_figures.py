"""Figures of the recovery simulation (data -> plotly figures). No widgets here; the app reuses these builders.

Every figure that shows simulated numbers says so in its title.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers import style
from helpers.recovery import IMPROVED_FALL, WeeklySummary

UNTREATED_COLOUR = style.GREY
TREATED_COLOUR = style.BLUE
PATIENT_COLOUR = style.ORANGE


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _band_xy(s: WeeklySummary) -> tuple[np.ndarray, np.ndarray]:
    """x and y of a closed 10–90 % band polygon (forward along p90, back along p10)."""
    return np.concatenate([s.week, s.week[::-1]]), np.concatenate([s.p90, s.p10[::-1]])


def _patients_xy(weeks: np.ndarray, patients: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One trace for several patients: their lines separated by gaps (NaN)."""
    k = patients.shape[0]
    x = np.tile(np.append(weeks.astype(float), np.nan), k)
    y = np.concatenate([np.append(p.astype(float), np.nan) for p in patients]) if k else np.array([])
    return x, y


def _mic_xy(s: WeeklySummary) -> tuple[list[float], list[float]]:
    level = float(s.p50[0]) * (1 - IMPROVED_FALL)
    return [0.0, float(s.week[-1])], [level, level]


@dataclass(frozen=True, eq=False)
class RecoveryPanels:
    """What the recovery figure draws: the two cohorts' summaries and a few of the same patients in each."""

    untreated: WeeklySummary
    treated: WeeklySummary
    untreated_patients: np.ndarray
    treated_patients: np.ndarray
    treatment_weeks: int
    title: str


def trace_values(p: RecoveryPanels) -> list[tuple[np.ndarray | list[float], np.ndarray | list[float]]]:
    """(x, y) of every trace of :func:`recovery_figure`, in trace order (the app updates the figure from this)."""
    out: list[tuple[np.ndarray | list[float], np.ndarray | list[float]]] = []
    for s, pts in ((p.untreated, p.untreated_patients), (p.treated, p.treated_patients)):
        out += [_band_xy(s), (s.week, s.p50), _patients_xy(s.week, pts), _mic_xy(s)]
    out += [(p.untreated.week, 100 * p.untreated.improved_share), (p.treated.week, 100 * p.treated.improved_share)]
    return [(style.rounded(x), style.rounded(y)) for x, y in out]


def recovery_figure(p: RecoveryPanels, height: int = 700) -> go.Figure:
    """Two cohorts side by side (the same simulated people without and with treatment) and the share improved.

    Top: leg pain (0–10 NRS) by week: median, 10–90 % band, three individual patients, and a dotted line 30 %
    below the median starting score (the minimal important change [ostelo2008]). Bottom: the share improved
    (a fall of at least 30 % from one's own starting score) in each cohort. The treatment weeks are shaded.
    """
    fig = make_subplots(rows=2, cols=2, shared_yaxes=True, vertical_spacing=0.2, horizontal_spacing=0.05,
                        row_heights=[0.6, 0.4], specs=[[{}, {}], [{"colspan": 2}, None]],
                        subplot_titles=("No treatment", "With treatment", "Share improved (fall of ≥ 30 %)"))
    values = trace_values(p)
    for col, colour, name in ((1, UNTREATED_COLOUR, "no treatment"), (2, TREATED_COLOUR, "with treatment")):
        base = 4 * (col - 1)
        first = col == 1
        fig.add_scatter(x=values[base][0], y=values[base][1], fill="toself", fillcolor=_rgba(colour, 0.22),
                        line={"width": 0}, hoverinfo="skip", name="10–90 % of people", legendgroup="band",
                        showlegend=first, row=1, col=col)
        fig.add_scatter(x=values[base + 1][0], y=values[base + 1][1], line={"color": colour, "width": 4},
                        name=f"median, {name}", row=1, col=col,
                        hovertemplate="week %{x}: median %{y:.1f}<extra></extra>")
        fig.add_scatter(x=values[base + 2][0], y=values[base + 2][1], line={"color": PATIENT_COLOUR, "width": 1.5},
                        opacity=0.8, name="three individual patients", legendgroup="patients", showlegend=first,
                        row=1, col=col, hoverinfo="skip")
        fig.add_scatter(x=values[base + 3][0], y=values[base + 3][1], mode="lines",
                        line={"color": style.BLACK, "width": 1.5, "dash": "dot"}, legendgroup="mic",
                        name="30 % below the median start (minimal important change)", showlegend=first,
                        row=1, col=col, hoverinfo="skip")
    for k, (colour, name) in enumerate(((UNTREATED_COLOUR, "improved, no treatment"),
                                        (TREATED_COLOUR, "improved, with treatment"))):
        fig.add_scatter(x=values[8 + k][0], y=values[8 + k][1], line={"color": colour, "width": 3.5,
                                                                        "dash": "dash" if k == 0 else "solid"},
                        name=name, row=2, col=1, hovertemplate="week %{x}: %{y:.0f} %<extra></extra>")
    style.apply(fig, p.title, None, None, height=height)
    fig.update_yaxes(range=[0, 10], title_text="Leg pain (0–10 NRS)", row=1, col=1)
    fig.update_yaxes(range=[0, 10], row=1, col=2)
    fig.update_yaxes(range=[0, 100], title_text="Improved (% of people)", row=2, col=1)
    fig.update_xaxes(title_text="Weeks since enrolment", row=2, col=1)
    fig.update_xaxes(title_text="Weeks since enrolment", row=1, col=1)
    fig.update_xaxes(title_text="Weeks since enrolment", row=1, col=2)
    # Fixed ranges: a control change then redraws the traces without re-ranging (and re-measuring) every axis.
    fig.update_xaxes(range=[0, int(p.untreated.week[-1])])
    fig.update_layout(legend={"orientation": "h", "y": -0.14, "x": 0, "font": {"size": 14}},
                      margin={"t": 90, "b": 110})
    for row, col in ((1, 2), (2, 1)):  # shapes 0 and 1: the treatment weeks
        fig.add_vrect(x0=0, x1=p.treatment_weeks, fillcolor=_rgba(TREATED_COLOUR, 0.12), line_width=0,
                      layer="below", row=row, col=col)
    return style.finish(fig)


def pick_patients(class_idx: np.ndarray, classes: tuple[int, ...] = (0, 1, 2)) -> np.ndarray:
    """Indexes of one person from each given class (the first found), for the individual lines."""
    chosen = []
    for k in classes:
        hits = np.flatnonzero(class_idx == k)
        if hits.size:
            chosen.append(int(hits[0]))
    return np.asarray(chosen, dtype=int)


def calibration_figure(summary: WeeklySummary, baseline_mean: float, baseline_sd: float,
                       targets: pd.DataFrame, height: int = 480) -> go.Figure:
    """The published natural-history points drawn over the simulated curves they were tuned to.

    Parameters
    ----------
    summary : weekly summary of the simulated untreated cohort.
    baseline_mean, baseline_sd : the simulated cohort's starting leg pain (NRS).
    targets : ``data/calibration_targets.csv`` (from ``load_table("calibration_targets")``).
    """
    fig = make_subplots(rows=1, cols=2, column_widths=[0.22, 0.78], horizontal_spacing=0.1,
                        subplot_titles=("Starting leg pain", "Shares over time"))
    base = targets.set_index("measure")
    fig.add_scatter(x=["published", "simulated"], y=[base.loc["mean_pain", "target"], baseline_mean],
                    error_y={"type": "data", "array": [base.loc["sd_pain", "target"], baseline_sd], "width": 8},
                    mode="markers", marker={"size": 14, "color": [style.BLACK, style.BLUE],
                                            "symbol": ["diamond", "circle"]},
                    showlegend=False, hovertemplate="%{x}: mean %{y:.1f} (bars: ± 1 SD)<extra></extra>", row=1, col=1)
    curves = (
        ("much_better_share", summary.much_better_share, style.GREEN, "greatly improved (fall ≥ 50 %)"),
        ("improved_share", summary.improved_share, style.BLUE, "improved (fall ≥ 30 %)"),
        ("not_improved_share", 1 - summary.improved_share, style.VERMILLION, "not improved (still troubled)"),
    )
    for measure, values, colour, name in curves:
        fig.add_scatter(x=summary.week, y=100 * values, line={"color": colour, "width": 3}, name=f"simulated: {name}",
                        hovertemplate="week %{x}: %{y:.0f} %<extra></extra>", row=1, col=2)
        rows = targets[targets["measure"] == measure]
        for _, row in rows.iterrows():
            fig.add_scatter(
                x=[row["week"]], y=[100 * row["target"]], mode="markers",
                marker={"size": 15, "color": colour, "symbol": "diamond", "line": {"color": style.BLACK, "width": 2}},
                error_y={"type": "data", "symmetric": False, "array": [100 * (row["high"] - row["target"])],
                         "arrayminus": [100 * (row["target"] - row["low"])], "color": colour, "width": 8},
                name=f"published: {row['description']} [{row['references'].replace(';', '; ')}]",
                hovertemplate=f"{row['description']}<extra></extra>", row=1, col=2, showlegend=False,
            )
    style.apply(fig, "Simulated natural history (lines) against published points (diamonds, with the accepted band)",
                None, None, height=height)
    fig.update_yaxes(title_text="Leg pain (0–10 NRS)", range=[0, 10], row=1, col=1)
    fig.update_yaxes(title_text="People (%)", range=[0, 100], row=1, col=2)
    fig.update_xaxes(title_text="Weeks since enrolment", row=1, col=2)
    fig.update_layout(legend={"orientation": "h", "y": -0.2, "x": 0.2}, margin={"b": 120})
    return style.finish(fig)


def cohort_figure(summary: WeeklySummary | pd.DataFrame, title: str, class_lines: dict[str, np.ndarray] | None = None,
                  height: int = 440) -> go.Figure:
    """One cohort: median and 10–90 % band of leg pain, optionally the mean of each trajectory class.

    ``summary`` is a :class:`WeeklySummary` or the DataFrame :func:`helpers.recovery.summarize` returns.
    """
    fig = go.Figure()
    x, y = _band_xy(summary)
    fig.add_scatter(x=x, y=y, fill="toself", fillcolor=_rgba(UNTREATED_COLOUR, 0.25), line={"width": 0},
                    name="10–90 % of people", hoverinfo="skip")
    fig.add_scatter(x=summary.week, y=summary.p50, line={"color": style.BLACK, "width": 4}, name="median")
    colours = (style.GREEN, style.ORANGE, style.VERMILLION, style.PURPLE)
    for (name, values), colour in zip((class_lines or {}).items(), colours, strict=False):
        fig.add_scatter(x=summary.week, y=values, line={"color": colour, "width": 2.5, "dash": "dash"},
                        name=f"mean, {name}")
    style.apply(fig, title, "Weeks since enrolment", "Leg pain (0–10 NRS)", height=height)
    fig.update_yaxes(range=[0, 10])
    return style.finish(fig)
