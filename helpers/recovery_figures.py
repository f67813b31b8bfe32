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
from helpers.recovery import (
    IMPROVED_FALL,
    ONE_YEAR_OUTCOMES,
    Scenario,
    WeeklySummary,
    apply_treatment,
    class_index,
    draw_cohort,
    latent_pain,
    summarize_array,
)

UNTREATED_COLOUR = style.GREY
TREATED_COLOUR = style.BLUE
PATIENT_COLOUR = style.ORANGE


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
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


#: Trace names of :func:`recovery_figure` (unique: the app updates traces by name). The traces of the untreated
#: cohort change only with the cohort controls; the treated ones with every control.
UNTREATED_TRACES: tuple[str, ...] = (
    "10–90 % of people",
    "median, no added treatment",
    "three individual patients",
    "MIC: 30 % below median start",
    "improved, no added treatment",
)
TREATED_TRACES: tuple[str, ...] = (
    "10–90 % of people, with treatment",
    "median, with treatment",
    "three individual patients, with treatment",
    "MIC: 30 % below median start, with treatment",
    "improved, with treatment",
)


#: Name of the shaded treatment-weeks shapes of :func:`recovery_figure`.
TREATMENT_SHAPE = "treatment weeks"


def trace_values(p: RecoveryPanels) -> dict[str, tuple[np.ndarray | list[float], np.ndarray | list[float]]]:
    """(x, y) of every trace of :func:`recovery_figure`, by trace name (the app updates the figure from this)."""
    out: dict[str, tuple[np.ndarray | list[float], np.ndarray | list[float]]] = {}
    for names, s, pts in (
        (UNTREATED_TRACES, p.untreated, p.untreated_patients),
        (TREATED_TRACES, p.treated, p.treated_patients),
    ):
        band, median, patients, mic, improved = names
        out[band] = _band_xy(s)
        out[median] = (s.week, s.p50)
        out[patients] = _patients_xy(s.week, pts)
        out[mic] = _mic_xy(s)
        out[improved] = (s.week, 100 * s.improved_share)
    return {name: (style.rounded(x), style.rounded(y)) for name, (x, y) in out.items()}


def recovery_figure(p: RecoveryPanels, height: int = 700) -> go.Figure:
    """Two cohorts side by side (the same simulated people without and with treatment) and the share improved.

    Top: leg pain (0–10 NRS) by week: median, 10–90 % band, three individual patients, and a dotted line 30 %
    below the median starting score (the minimal important change [ostelo2008]). Bottom: the share improved
    (a fall of at least 30 % from one's own starting score) in each cohort. The treatment weeks are shaded
    (the shapes named ``"treatment weeks"``). Trace names are :data:`UNTREATED_TRACES` and :data:`TREATED_TRACES`.
    """
    fig = make_subplots(
        rows=2,
        cols=2,
        shared_yaxes=True,
        vertical_spacing=0.2,
        horizontal_spacing=0.05,
        row_heights=[0.6, 0.4],
        specs=[[{}, {}], [{"colspan": 2}, None]],
        subplot_titles=("No added treatment (usual care)", "With treatment", "Share improved (fall of ≥ 30 %)"),
    )
    values = trace_values(p)
    for col, colour, names, cohort in (
        (1, UNTREATED_COLOUR, UNTREATED_TRACES, "no added treatment"),
        (2, TREATED_COLOUR, TREATED_TRACES, "with treatment"),
    ):
        band, median, patients, mic, _ = names
        first = col == 1
        fig.add_scatter(
            x=values[band][0],
            y=values[band][1],
            fill="toself",
            fillcolor=_rgba(colour, 0.22),
            line={"width": 0},
            hoverinfo="skip",
            name=band,
            legendgroup="band",
            showlegend=first,
            row=1,
            col=col,
        )
        fig.add_scatter(
            x=values[median][0],
            y=values[median][1],
            line={"color": colour, "width": 4},
            name=median,
            row=1,
            col=col,
            hovertemplate=f"{cohort}, week %{{x}}: median %{{y:.1f}}<extra></extra>",
        )
        fig.add_scatter(
            x=values[patients][0],
            y=values[patients][1],
            line={"color": PATIENT_COLOUR, "width": 1.5},
            opacity=0.8,
            name=patients,
            legendgroup="patients",
            showlegend=first,
            row=1,
            col=col,
            hoverinfo="skip",
        )
        fig.add_scatter(
            x=values[mic][0],
            y=values[mic][1],
            mode="lines",
            line={"color": style.BLACK, "width": 1.5, "dash": "dot"},
            legendgroup="mic",
            name=mic,
            showlegend=first,
            row=1,
            col=col,
            hoverinfo="skip",
        )
    for colour, name, dash in (
        (UNTREATED_COLOUR, UNTREATED_TRACES[-1], "dash"),
        (TREATED_COLOUR, TREATED_TRACES[-1], "solid"),
    ):
        fig.add_scatter(
            x=values[name][0],
            y=values[name][1],
            line={"color": colour, "width": 3.5, "dash": dash},
            name=name,
            row=2,
            col=1,
            hovertemplate="week %{x}: %{y:.0f} %<extra></extra>",
        )
    style.apply(fig, p.title, None, None, height=height)
    fig.update_yaxes(range=[0, 10], title_text="Leg pain (0–10 NRS)", row=1, col=1)
    fig.update_yaxes(range=[0, 10], row=1, col=2)
    fig.update_yaxes(range=[0, 100], title_text="Improved (% of people)", row=2, col=1)
    fig.update_xaxes(title_text="Weeks since enrolment", row=2, col=1)
    fig.update_xaxes(title_text="Weeks since enrolment", row=1, col=1)
    fig.update_xaxes(title_text="Weeks since enrolment", row=1, col=2)
    # Fixed ranges: a control change then redraws the traces without re-ranging (and re-measuring) every axis.
    fig.update_xaxes(range=[0, int(p.untreated.week[-1])])
    # A horizontal legend under the plot, entries of one width (210 px of text), so that they line up in columns:
    # two rows on a 1280 px wide screen, four at 200 % zoom (640 px), where its items of all widths wrapped to five.
    fig.update_layout(
        legend={
            "orientation": "h",
            "y": -0.14,
            "x": 0,
            "font": {"size": 14},
            "entrywidth": 210,
            "entrywidthmode": "pixels",
        },
        margin={"t": 90, "b": 110},
    )
    for row, col in ((1, 2), (2, 1)):
        fig.add_vrect(
            x0=0,
            x1=p.treatment_weeks,
            fillcolor=_rgba(TREATED_COLOUR, 0.12),
            line_width=0,
            layer="below",
            row=row,
            col=col,
            name=TREATMENT_SHAPE,
        )
    return style.finish(fig)


def scenario_panels(
    scen: Scenario, n_patients: int = 10_000, weeks: int = 52, seed: int = 0, title: str | None = None
) -> RecoveryPanels:
    """The panels of :func:`recovery_figure` for one scenario: the same simulated people without and with it.

    Parameters
    ----------
    scen : the scenario (from :func:`helpers.recovery.scenario`); its untreated twin is the left panel.
    n_patients, weeks, seed : as in :func:`helpers.recovery.simulate`.
    title : the figure title (default: "Simulated: the same N people without and with treatment").
    """
    cohort = draw_cohort(n_patients, weeks, seed)
    latent = latent_pain(cohort, scen)
    untreated, treated = apply_treatment(latent, scen.untreated), apply_treatment(latent, scen)
    who = pick_patients(class_index(cohort, scen.class_mix))
    return RecoveryPanels(
        summarize_array(untreated),
        summarize_array(treated),
        untreated[:, who].T,
        treated[:, who].T,
        scen.treatment_weeks,
        title or f"Simulated: the same {n_patients:,} people without and with treatment",
    )


def pick_patients(class_idx: np.ndarray, classes: tuple[int, ...] = (0, 1, 2)) -> np.ndarray:
    """Indexes of one person from each given class (the first found), for the individual lines."""
    chosen = []
    for k in classes:
        hits = np.flatnonzero(class_idx == k)
        if hits.size:
            chosen.append(int(hits[0]))
    return np.asarray(chosen, dtype=int)


def one_year_rows(summary: WeeklySummary) -> list[tuple[str, float, str]]:
    """(label with its definition in short, % of people, the definition in full) at one year.

    The published figures first (:data:`helpers.recovery.ONE_YEAR_OUTCOMES`, each with its own definition of a
    good outcome), then the simulation's own shares at week 52. ``summary`` must reach week 52.
    """
    if summary.week[-1] < 52:
        raise ValueError(f"summary: needs at least 52 weeks of follow-up, got {int(summary.week[-1])}")
    rows = [
        (f"{o.label} [{o.references}]", 100 * o.share_better, f"{o.definition}; {o.population}")
        for o in ONE_YEAR_OUTCOMES
    ]
    rows += [
        (
            "Simulated, improved_share: leg pain ≥ 30 % lower",
            100 * float(summary.improved_share[52]),
            "leg pain (0–10 NRS) at least 30 % below the person's own first score: the definition improved_share uses",
        ),
        (
            "Simulated: leg pain ≥ 50 % lower",
            100 * float(summary.much_better_share[52]),
            "leg pain at least 50 % below the first score (the course's choice)",
        ),
        (
            "Simulated, recovered_share: score 0",
            100 * float(summary.recovered_share[52]),
            "a score a patient would report as 0 (below 0.5)",
        ),
    ]
    return rows


def calibration_figure(
    summary: WeeklySummary, baseline_mean: float, baseline_sd: float, targets: pd.DataFrame, height: int = 820
) -> go.Figure:
    """The published natural-history points drawn over the simulated curves they were tuned to, and one year.

    Top left: starting leg pain. Top right: shares over time (lines simulated; diamonds published, with the band
    the course accepts around each, which is the course's own assumption). Bottom: at one year, the published
    shares with a good outcome, each under its own definition, beside the simulated shares at week 52.

    Parameters
    ----------
    summary : weekly summary of the simulated untreated cohort (at least 52 weeks).
    baseline_mean, baseline_sd : the simulated cohort's starting leg pain (NRS).
    targets : ``data/calibration_targets.csv`` (from ``load_table("calibration_targets")``).
    """
    fig = make_subplots(
        rows=2,
        cols=2,
        column_widths=[0.2, 0.8],
        row_heights=[0.55, 0.45],
        horizontal_spacing=0.12,
        vertical_spacing=0.2,
        specs=[[{}, {}], [{"colspan": 2}, None]],
        subplot_titles=(
            "Starting leg pain",
            "Shares over time",
            "At one year: share with a good outcome, each study by its own definition",
        ),
    )
    base = targets.set_index("measure")
    fig.add_scatter(
        x=["published", "simulated"],
        y=[base.loc["mean_pain", "target"], baseline_mean],
        error_y={
            "type": "data",
            "array": [base.loc["sd_pain", "target"], baseline_sd],
            "color": style.BLACK,  # its own colour: it would inherit the two marker colours, which is invalid
            "width": 8,
        },
        mode="markers",
        marker={"size": 14, "color": [style.BLACK, style.BLUE], "symbol": ["diamond", "circle"]},
        name="starting leg pain (mean ± 1 SD)",
        showlegend=False,
        hovertemplate="%{x}: mean %{y:.1f} (bars: ± 1 SD)<extra></extra>",
        row=1,
        col=1,
    )
    curves = (
        ("much_better_share", summary.much_better_share, style.GREEN, "greatly improved (fall ≥ 50 %)"),
        ("improved_share", summary.improved_share, style.BLUE, "improved (fall ≥ 30 %)"),
        ("not_improved_share", 1 - summary.improved_share, style.VERMILLION, "not improved (still troubled)"),
    )
    for measure, values, colour, name in curves:
        fig.add_scatter(
            x=summary.week,
            y=100 * values,
            line={"color": colour, "width": 3},
            name=f"simulated: {name}",
            hovertemplate="week %{x}: %{y:.0f} %<extra></extra>",
            row=1,
            col=2,
        )
        rows = targets[targets["measure"] == measure]
        for _, row in rows.iterrows():
            fig.add_scatter(
                x=[row["week"]],
                y=[100 * row["target"]],
                mode="markers",
                marker={"size": 15, "color": colour, "symbol": "diamond", "line": {"color": style.BLACK, "width": 2}},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [100 * (row["high"] - row["target"])],
                    "arrayminus": [100 * (row["target"] - row["low"])],
                    "color": colour,
                    "width": 8,
                },
                name=f"published: {row['description']} [{row['references'].replace(';', '; ')}]",
                hovertemplate=(
                    f"{row['description']}<br>band {100 * row['low']:.0f}–{100 * row['high']:.0f} %: "
                    "the course's assumption<extra></extra>"
                ),
                row=1,
                col=2,
                showlegend=False,
            )
    year = one_year_rows(summary)[::-1]
    simulated = [label.startswith("Simulated") for label, _, _ in year]
    fig.add_scatter(
        x=[value for _, value, _ in year],
        y=[label for label, _, _ in year],
        mode="markers+text",
        text=[f"{value:.0f} %" for _, value, _ in year],
        textposition="middle right",
        cliponaxis=False,
        marker={
            "size": 14,
            "color": [style.BLUE if sim else style.BLACK for sim in simulated],
            "symbol": ["circle" if sim else "diamond" for sim in simulated],
        },
        customdata=[definition for _, _, definition in year],
        name="at one year: published (diamonds) and simulated (circles)",
        showlegend=False,
        hovertemplate="%{y}: %{x:.0f} %<br>%{customdata}<extra></extra>",
        row=2,
        col=1,
    )
    style.apply(
        fig,
        "Simulated natural history (lines, circles) against published figures (diamonds)<br>"
        "<sup>Bars: the band the course accepts around each published point, the course's own "
        "assumption</sup>",
        None,
        None,
        height=height,
    )
    fig.update_yaxes(title_text="Leg pain (0–10 NRS)", range=[0, 10], row=1, col=1)
    fig.update_yaxes(title_text="People (%)", range=[0, 100], row=1, col=2)
    fig.update_xaxes(title_text="Weeks since enrolment", row=1, col=2)
    # the one-year panel: its labels sit in the left part of the row, inside the figure
    fig.update_xaxes(title_text="People with a good outcome (%)", range=[0, 100], domain=[0.42, 0.97], row=2, col=1)
    fig.update_yaxes(tickfont={"size": 13}, row=2, col=1)
    fig.update_layout(legend={"orientation": "h", "y": -0.1, "x": 0.0, "yanchor": "top"}, margin={"t": 110, "b": 110})
    return style.finish(fig)


def cohort_figure(
    summary: WeeklySummary | pd.DataFrame,
    title: str,
    class_lines: dict[str, np.ndarray] | None = None,
    height: int = 440,
) -> go.Figure:
    """One cohort: median and 10–90 % band of leg pain, optionally the mean of each trajectory class.

    ``summary`` is a :class:`WeeklySummary` or the DataFrame :func:`helpers.recovery.summarize` returns.
    """
    fig = go.Figure()
    x, y = _band_xy(summary)
    fig.add_scatter(
        x=x,
        y=y,
        fill="toself",
        fillcolor=_rgba(UNTREATED_COLOUR, 0.25),
        line={"width": 0},
        name="10–90 % of people",
        hoverinfo="skip",
    )
    fig.add_scatter(x=summary.week, y=summary.p50, line={"color": style.BLACK, "width": 4}, name="median")
    colours = (style.GREEN, style.ORANGE, style.VERMILLION, style.PURPLE)
    for (name, values), colour in zip((class_lines or {}).items(), colours, strict=False):
        fig.add_scatter(
            x=summary.week, y=values, line={"color": colour, "width": 2.5, "dash": "dash"}, name=f"mean, {name}"
        )
    style.apply(fig, title, "Weeks since enrolment", "Leg pain (0–10 NRS)", height=height)
    fig.update_yaxes(range=[0, 10])
    return style.finish(fig)
