"""Figures of the simulated trial and of published effect sizes (data -> plotly figures; no widgets)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers import style
from helpers.trial import MIC_VAS_MM, ManyTrials, TrialResult, t_quantile_975

ARM_COLOURS = (style.GREY, style.BLUE)  # sham, acupuncture
FOUND_COLOUR = style.BLUE
NOT_FOUND_COLOUR = style.VERMILLION
Y_TITLE = "Change in leg pain (mm, 0–100 VAS)"
X_DIFF = "Difference, treatment − sham (mm)"


def _jitter(n: int, centre: float, width: float = 0.5) -> np.ndarray:
    """Deterministic horizontal spread for a strip of n points (golden-ratio sequence)."""
    return centre + width * (((np.arange(n) * 0.6180339887) % 1.0) - 0.5)


def _segments(low: np.ndarray, high: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One trace of horizontal segments (low..high at height rows), separated by gaps."""
    k = rows.size
    x = np.empty(3 * k)
    y = np.empty(3 * k)
    x[0::3], x[1::3], x[2::3] = low, high, np.nan
    y[0::3], y[1::3], y[2::3] = rows, rows, np.nan
    return x, y


#: Trace names of :func:`trial_app_figure` (unique: the app updates traces by name).
SHAM_DOTS = "a person on sham"
ACU_DOTS = "a person on acupuncture"
ARM_MEANS = "arm mean (95 % CI)"
DIFFERENCE = "difference (95 % CI)"
FOUND = "interval wholly below 0: finds less pain"
NOT_FOUND = "interval includes 0 (or above): finds no benefit"
REPEAT_DOTS = "difference in each repeat"
TRUE_EFFECT = "true effect"


def trial_trace_values(one: TrialResult, many: ManyTrials, n_show: int = 100) -> dict[str, dict[str, Any]]:
    """The changing properties of every trace of :func:`trial_app_figure`, by trace name."""
    n = one.n_per_arm
    sham_se = float(np.std(one.control_values, ddof=1) / np.sqrt(n))
    acu_se = float(np.std(one.treatment_values, ddof=1) / np.sqrt(n))
    k = min(n_show, many.n_trials)
    rows = np.arange(1, k + 1, dtype=float)
    low, high, diff = many.ci_low[:k], many.ci_high[:k], many.difference[:k]
    found = high < 0
    fx, fy = _segments(low[found], high[found], rows[found])
    nx, ny = _segments(low[~found], high[~found], rows[~found])
    t975 = t_quantile_975(n - 1)
    colour = FOUND_COLOUR if one.finds_benefit else NOT_FOUND_COLOUR
    return style.rounded(
        {
            SHAM_DOTS: {"x": _jitter(n, 0.0), "y": one.control_values},
            ACU_DOTS: {"x": _jitter(n, 1.0), "y": one.treatment_values},
            ARM_MEANS: {
                "x": [0.0, 1.0],
                "y": [one.control_change, one.treatment_change],
                "error_y": {
                    "type": "data",
                    "array": [t975 * sham_se, t975 * acu_se],
                    "width": 10,
                    "thickness": 3,
                    "color": style.BLACK,
                },
            },
            DIFFERENCE: {
                "x": [0.0],
                "y": [one.difference],
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": [one.ci_high - one.difference],
                    "arrayminus": [one.difference - one.ci_low],
                    "width": 12,
                    "thickness": 3,
                    "color": colour,
                },
                "marker": {"color": colour, "size": 14, "symbol": "diamond"},
            },
            FOUND: {"x": fx, "y": fy},
            NOT_FOUND: {"x": nx, "y": ny},
            REPEAT_DOTS: {"x": diff, "y": rows},
            TRUE_EFFECT: {"x": [many.true_effect, many.true_effect], "y": [0, k + 1]},
        }
    )


def trial_app_figure(one: TrialResult, many: ManyTrials, n_show: int = 100, height: int = 560) -> go.Figure:
    """One trial (each person's change, arm means, the difference) beside the same trial repeated many times.

    Trace names are the module constants :data:`SHAM_DOTS` ... :data:`TRUE_EFFECT`.
    """
    k = min(n_show, many.n_trials)
    fig = make_subplots(
        rows=1,
        cols=3,
        column_widths=[0.34, 0.14, 0.52],
        horizontal_spacing=0.06,
        subplot_titles=("One trial: each person", "Its difference (mm)", f"{k} repeats of this trial, one per row"),
    )
    v = trial_trace_values(one, many, n_show)
    fig.add_scatter(
        **v[SHAM_DOTS],
        mode="markers",
        marker={"color": ARM_COLOURS[0], "size": 5, "opacity": 0.5},
        name=SHAM_DOTS,
        row=1,
        col=1,
        hoverinfo="skip",
    )
    fig.add_scatter(
        **v[ACU_DOTS],
        mode="markers",
        marker={"color": ARM_COLOURS[1], "size": 5, "opacity": 0.5},
        name=ACU_DOTS,
        row=1,
        col=1,
        hoverinfo="skip",
    )
    fig.add_scatter(
        **v[ARM_MEANS],
        mode="markers",
        marker={"color": style.BLACK, "size": 13, "symbol": "diamond"},
        name=ARM_MEANS,
        row=1,
        col=1,
        hovertemplate="mean change %{y:.1f} mm<extra></extra>",
    )
    fig.add_scatter(
        **v[DIFFERENCE],
        mode="markers",
        name=DIFFERENCE,
        showlegend=False,
        row=1,
        col=2,
        hovertemplate="difference %{y:.1f} mm<extra></extra>",
    )
    fig.add_scatter(
        **v[FOUND], mode="lines", line={"color": FOUND_COLOUR, "width": 2}, name=FOUND, row=1, col=3, hoverinfo="skip"
    )
    fig.add_scatter(
        **v[NOT_FOUND],
        mode="lines",
        line={"color": NOT_FOUND_COLOUR, "width": 2},
        name=NOT_FOUND,
        row=1,
        col=3,
        hoverinfo="skip",
    )
    fig.add_scatter(
        **v[REPEAT_DOTS],
        mode="markers",
        marker={"color": style.BLACK, "size": 4},
        showlegend=False,
        name=REPEAT_DOTS,
        row=1,
        col=3,
        hovertemplate="trial %{y}: %{x:.1f} mm<extra></extra>",
    )
    fig.add_scatter(
        **v[TRUE_EFFECT],
        mode="lines",
        line={"color": style.GREEN, "width": 3, "dash": "dash"},
        name=TRUE_EFFECT,
        row=1,
        col=3,
        hoverinfo="skip",
    )
    for col, axis in ((2, "y"), (3, "x")):
        for value, dash, label, where in (
            (0.0, "solid", "no difference", "bottom right"),
            # to the right of its line, in two short lines: a long label to the left ran across the middle panel
            (-MIC_VAS_MM, "dot", "one person's<br>MIC −15 mm<br>(orientation)", "top right"),
        ):
            if axis == "y":
                fig.add_hline(y=value, line={"color": style.BLACK, "dash": dash, "width": 1.5}, row=1, col=col)
            else:
                fig.add_vline(
                    x=value,
                    line={"color": style.BLACK, "dash": dash, "width": 1.5},
                    row=1,
                    col=col,
                    annotation_text=label,
                    annotation_position=where,
                    annotation_font_size=13,
                    annotation_bgcolor="white",
                )
    style.apply(fig, trial_title(one, many), None, None, height=height)
    fig.update_xaxes(tickvals=[0, 1], ticktext=["sham", "acupuncture"], range=[-0.6, 1.6], row=1, col=1)
    fig.update_xaxes(showticklabels=False, range=[-1, 1], row=1, col=2)
    fig.update_yaxes(title_text=Y_TITLE, range=[-100, 60], row=1, col=1)
    fig.update_yaxes(range=[-45, 25], row=1, col=2)
    fig.update_xaxes(title_text=X_DIFF, range=[-45, 25], row=1, col=3)
    fig.update_yaxes(range=[0, k + 1], row=1, col=3)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.16, "x": 0, "font": {"size": 14}}, margin={"t": 120, "b": 110}
    )
    return style.finish(fig)


def trial_title(one: TrialResult, many: ManyTrials) -> str:
    """The app figure's title: the design, and how often it finds a benefit."""
    return (
        f"Simulated trials, {one.n_per_arm} per arm, true effect {one.true_effect:g} mm:<br>"
        f"{many.share_finding_benefit:.0%} of {many.n_trials:,} repeats find less pain"
    )


def forest_figure(effects: pd.DataFrame, height: int = 520) -> go.Figure:
    """Published between-group differences in pain on the 0–100 scale, with the minimal important change.

    The outcome is leg pain unless the row's label names another (for example overall pain relief).

    Rows whose scale is not 0–100 are left out (their numbers are not comparable). Comparators differ (sham,
    placebo, non-surgical care): the marker shape shows which, and every label names it.
    """
    rows = effects[effects["scale"] == "0-100"].iloc[::-1]
    labels = [
        f"{t} vs {c.lower()}, {tp}" + ("" if o == "Leg pain" else f" ({o.lower()})")
        for t, c, tp, o in zip(rows["treatment"], rows["comparator"], rows["timepoint"], rows["outcome"], strict=True)
    ]
    symbols = {"sham acupuncture": "diamond", "placebo": "circle", "non-surgical treatment": "square"}
    fig = go.Figure()
    for comparator, symbol in symbols.items():
        mask = (rows["comparator"].str.lower() == comparator).to_numpy()
        if not mask.any():
            continue
        sub = rows[mask]
        has_ci = sub["ci_low"].notna().to_numpy()
        fig.add_scatter(
            x=sub["estimate"],
            y=[lab for lab, m in zip(labels, mask, strict=True) if m],
            mode="markers",
            marker={"symbol": symbol, "size": 14, "color": style.BLUE if comparator.startswith("sham") else style.GREY},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": np.where(has_ci, sub["ci_high"] - sub["estimate"], 0.0),
                "arrayminus": np.where(has_ci, sub["estimate"] - sub["ci_low"], 0.0),
                "width": 8,
            },
            name=f"against {comparator}",
            customdata=np.stack([sub["references"], sub["population"]], axis=-1),
            hovertemplate="%{x:.1f} mm; %{customdata[1]} [%{customdata[0]}]<extra></extra>",
        )
    fig.add_vline(x=0, line={"color": style.BLACK, "width": 1.5})
    fig.add_vline(
        x=-MIC_VAS_MM,
        line={"color": style.BLACK, "dash": "dot", "width": 1.5},
        annotation_text="MIC for one person's change (orientation only)",
        annotation_position="top",
    )
    style.apply(
        fig,
        "Published differences in pain between treatments and their comparators",
        "Difference in pain (mm, 0–100 scale; below 0 = less pain)",
        None,
        height=height,
    )
    fig.update_xaxes(range=[-35, 5])
    fig.update_layout(margin={"l": 420}, legend={"orientation": "h", "y": -0.22, "x": -0.4})
    return style.finish(fig)
