"""Lesson 03's figures: the disc's share of sciatica, scan findings by age, and the risk-factor forest plot."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.causes import FindingAtAge


def cause_share_figure(shares: pd.DataFrame) -> go.Figure:
    """Horizontal bars: the clinic's "only 5 %" (orange) beside published estimates (blue), in percent."""
    for col in ("estimate", "share", "kind", "references"):
        if col not in shares.columns:
            raise ValueError(f"shares: missing column {col!r}")
    fig = style.new_figure(
        "Share of sciatica due to the disc: the clinic's figure against the evidence",
        "Share of people with sciatica (%)",
        None,
        height=430,
    )
    labels = [f"{e} [{r}]" for e, r in zip(shares["estimate"], shares["references"], strict=True)]
    colours = [style.ORANGE if k == "claim" else style.BLUE for k in shares["kind"]]
    fig.add_bar(
        y=labels,
        x=(shares["share"] * 100).round(1),
        orientation="h",
        marker_color=colours,
        text=[f"{v:.0f} %" for v in shares["share"] * 100],
        textposition="outside",
        showlegend=False,
        hovertemplate="%{y}: %{x} %<extra></extra>",
    )
    fig.update_xaxes(range=[0, 105])
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(margin={"l": 560})
    return style.finish(fig)


#: Trace names of the imaging figure (apps update traces by these names).
IMAGING_BARS = "at the chosen age"
IMAGING_YOUNGEST = "published: age 20"
IMAGING_OLDEST = "published: age 80"


def imaging_bar_style(found: list[FindingAtAge]) -> dict[str, object]:
    """The bar trace's values for ``found``: x (percent, 1 decimal) and text labels (all values checked: no hatch)."""
    return {
        "x": [round(f.prevalence * 100, 1) for f in found],
        "text": [f"{f.prevalence * 100:.0f} %" for f in found],
        "marker": {"color": style.SKY, "pattern": {"shape": ""}},
    }


def imaging_figure(found: list[FindingAtAge], published: pd.DataFrame, height: int = 470) -> go.Figure:
    """Bars: each finding's published share at the chosen decade; markers: the published values at 20 and 80.

    Parameters
    ----------
    found : from :func:`helpers.causes.findings_at_age` (one decade, 20–80 years).
    published : from :func:`helpers.causes.imaging_table` (``finding``, ``age_years``, ``prevalence``).
    height : pixels (200–1200).
    """
    if not found:
        raise ValueError("found: give at least one finding")
    for col in ("finding", "age_years", "prevalence"):
        if col not in published.columns:
            raise ValueError(f"published: missing column {col!r}")
    fig = style.new_figure(imaging_title(found), "Share of people without back pain (%)", None, height=height)
    names = [f.finding for f in found]
    fig.add_bar(
        y=names,
        orientation="h",
        name=IMAGING_BARS,
        textposition="inside",
        insidetextanchor="start",
        **imaging_bar_style(found),
    )
    for age, name, symbol in ((20, IMAGING_YOUNGEST, "diamond"), (80, IMAGING_OLDEST, "diamond-open")):
        at = published[published["age_years"] == age]
        fig.add_scatter(
            y=list(at["finding"]),
            x=[round(v * 100, 1) for v in at["prevalence"]],
            mode="markers",
            name=name,
            marker={"symbol": symbol, "size": 14, "color": style.BLACK, "line": {"width": 2}},
        )
    fig.update_xaxes(range=[0, 100])
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(legend={"orientation": "h", "y": -0.2, "x": 0}, margin={"l": 170})
    return style.finish(fig)


def imaging_title(found: list[FindingAtAge]) -> str:
    """The imaging figure's title for the chosen decade, with a subtitle saying how the values were checked."""
    age = found[0].age
    how = (
        "published values; model estimates resting on few people at this age"
        if found[0].checked == "full text"
        else "published values"
    )
    return f"Scans of people WITHOUT back pain, age {age}<br><sup>{how}</sup>"


def forest_plot(table: pd.DataFrame) -> go.Figure:
    """Forest plot of risk ratios on a log scale: HR as circles, OR as diamonds, 95 % intervals as bars.

    Ratios without a recorded interval are drawn as open markers. A dashed line marks 1 (no association).
    """
    for col in ("factor", "measure", "estimate", "ci_low", "ci_high", "outcome"):
        if col not in table.columns:
            raise ValueError(f"table: missing column {col!r}")
    fig = style.new_figure(
        "Risk factors for sciatica: observational ratios with 95 % intervals",
        "Ratio (hazard ratio HR or odds ratio OR; log scale, 1 = no association)",
        None,
        height=520,
    )
    labels = [f"{f} ({m})" for f, m in zip(table["factor"], table["measure"], strict=True)]
    for measure, symbol, colour in (("HR", "circle", style.BLUE), ("OR", "diamond", style.VERMILLION)):
        rows = table["measure"] == measure
        with_ci = rows & table["ci_low"].notna()
        no_ci = rows & table["ci_low"].isna()
        sub = table[with_ci]
        fig.add_scatter(
            x=sub["estimate"],
            y=[labels[i] for i in range(len(table)) if with_ci.iloc[i]],
            mode="markers",
            name=f"{measure} with 95 % interval",
            marker={"symbol": symbol, "size": 13, "color": colour},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": sub["ci_high"] - sub["estimate"],
                "arrayminus": sub["estimate"] - sub["ci_low"],
                "thickness": 2,
                "width": 6,
            },
            customdata=sub["outcome"],
            hovertemplate="%{y}: %{x}<br>outcome: %{customdata}<extra></extra>",
        )
        if no_ci.any():
            sub = table[no_ci]
            fig.add_scatter(
                x=sub["estimate"],
                y=[labels[i] for i in range(len(table)) if no_ci.iloc[i]],
                mode="markers",
                name=f"{measure}, interval not recorded",
                marker={"symbol": f"{symbol}-open", "size": 13, "color": colour, "line": {"width": 2}},
                customdata=sub["outcome"],
                hovertemplate="%{y}: %{x}<br>outcome: %{customdata}<extra></extra>",
            )
    fig.add_vline(x=1, line_dash="dash", line_color=style.GREY)
    fig.update_xaxes(type="log", range=[-0.65, 0.75], tickvals=[0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4.5])
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(legend={"orientation": "h", "y": -0.22, "x": 0}, margin={"l": 380})
    return style.finish(fig)
