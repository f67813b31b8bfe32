"""The schematic leg diagram as a plotly figure: one filled polygon per region, coloured by symptom."""

from __future__ import annotations

import plotly.graph_objects as go

from helpers import style
from helpers.anatomy import REGION_NAMES, REGION_POLYGONS, SOURCE_BACK_OR_SIDE, VIEWS

STATE_COLOURS: dict[str, str] = {"none": style.NEUTRAL_FILL, "pain": style.VERMILLION, "numbness": style.BLUE}
SOURCE_LINE = style.ORANGE
#: Name of the dashed outline trace of the clinic's "back or side of the leg" (apps find it by this name).
SOURCE_TRACE = "the clinic's “back or side of the leg”"


def region_traces() -> list[tuple[str, tuple[tuple[float, float], ...]]]:
    """(region id, polygon) for every polygon, in drawing order; each polygon's trace is named by its region id."""
    return [(region, poly) for region, polys in REGION_POLYGONS.items() for poly in polys]


def leg_figure(
    states: dict[str, str],
    show_source: bool = True,
    title: str = "Where a nerve root's symptoms run",
    height: int = 560,
) -> go.Figure:
    """Draw the leg diagram.

    Parameters
    ----------
    states : region id -> ``"pain"``, ``"numbness"`` or ``"none"`` (from :func:`helpers.anatomy.region_states`).
    show_source : outline the clinic's "back or side of the leg".
    title : figure title.
    height : pixels (200–1200).
    """
    unknown = set(states) - set(REGION_POLYGONS)
    if unknown:
        raise ValueError(f"states: unknown region(s) {sorted(unknown)}")
    bad = {s for s in states.values() if s not in STATE_COLOURS}
    if bad:
        raise ValueError(f"states: unknown state(s) {sorted(bad)}; allowed: {', '.join(STATE_COLOURS)}")
    fig = style.new_figure(title, "Schematic, not to scale (no units)", None, height=height)
    for region, poly in region_traces():
        fig.add_scatter(
            x=[p[0] for p in poly] + [poly[0][0]],
            y=[p[1] for p in poly] + [poly[0][1]],
            mode="lines",
            fill="toself",
            line={"color": style.OUTLINE, "width": 1},
            fillcolor=STATE_COLOURS[states.get(region, "none")],
            name=region,
            hoverinfo="text",
            text=REGION_NAMES[region],
            showlegend=False,
            hoveron="fills",
        )
    # the clinic's "back or side of the leg": one dashed outline trace (None breaks between polygons)
    xs: list[float | None] = []
    ys: list[float | None] = []
    for region, poly in region_traces():
        if region in SOURCE_BACK_OR_SIDE:
            xs.extend(p[0] for p in poly)
            ys.extend(p[1] for p in poly)
            xs += [poly[0][0], None]
            ys += [poly[0][1], None]
    fig.add_scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": SOURCE_LINE, "width": 4, "dash": "dash"},
        name=SOURCE_TRACE,
        visible=show_source,
        hoverinfo="skip",
    )
    for state, label in (("pain", "typical pain"), ("numbness", "typical numbness")):
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"size": 14, "color": STATE_COLOURS[state], "symbol": "square"},
            name=label,
        )
    for label, x0 in VIEWS:
        fig.add_annotation(x=x0 + 1.0, y=10.7, text=f"<b>{label}</b>", showarrow=False, font={"size": 17})
    fig.add_annotation(x=0.35, y=3.0, text="outer", showarrow=False, font={"size": 13}, textangle=-90)
    fig.add_annotation(x=1.8, y=3.0, text="inner", showarrow=False, font={"size": 13}, textangle=-90)
    fig.add_annotation(x=6.6, y=0.75, text="toes →", showarrow=False, font={"size": 13})
    fig.update_xaxes(range=[-0.4, 10.6], showgrid=False, showticklabels=False, ticks="", showline=False)
    fig.update_yaxes(
        range=[-0.4, 11.2],
        showgrid=False,
        showticklabels=False,
        ticks="",
        showline=False,
        scaleanchor="x",
        scaleratio=1,
    )
    fig.update_layout(legend={"orientation": "h", "y": -0.08, "x": 0})
    return style.finish(fig)
