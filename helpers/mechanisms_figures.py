"""Lesson 04's figures: the lactate-versus-soreness schematic and the stress-and-wound-healing bars."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from helpers import style
from helpers.mechanisms import TimeCourse


def time_course_figure(course: TimeCourse) -> go.Figure:
    """Lactate and delayed soreness after exercise on a log time axis, labelled as a schematic."""
    fig = style.new_figure(
        "SCHEMATIC: blood lactate clears within about an hour; soreness peaks days later",
        "Hours after exercise (log scale)",
        "Level (% of its own peak; schematic)",
        height=480,
    )
    start, end = course.soreness_peak
    rest = course.lactate_rest_hours
    # shapes take data values on a log axis, annotations take log10 values
    fig.add_vrect(x0=start, x1=end, fillcolor=style.ORANGE, opacity=0.15, line_width=0)
    fig.add_vline(x=rest, line_dash="dash", line_color=style.BLUE)
    fig.add_annotation(
        x=math.log10(math.sqrt(start * end)),
        y=110,
        showarrow=False,
        text=f"soreness peaks {start:g}–{end:g} h [cheung2003]",
        xanchor="center",
    )
    fig.add_annotation(
        x=math.log10(rest),
        y=60,
        showarrow=False,
        xanchor="left",
        text=f" lactate back to rest ≈ {rest:g} h [rushall1994]",
    )
    fig.add_scatter(
        x=course.hours,
        y=course.lactate.round(2),
        mode="lines",
        name="blood lactate above rest",
        line={"color": style.BLUE, "width": 3},
    )
    fig.add_scatter(
        x=course.hours,
        y=course.soreness.round(2),
        mode="lines",
        name="delayed-onset soreness",
        line={"color": style.VERMILLION, "width": 3, "dash": "dot"},
    )
    fig.update_xaxes(
        type="log",
        range=[math.log10(course.hours[0]), math.log10(course.hours[-1])],
        tickvals=[0.1, 0.5, 1, 6, 24, 72, 168],
        ticktext=["0.1", "0.5", "1", "6", "24", "72", "168"],
    )
    fig.update_yaxes(range=[0, 118])
    fig.update_layout(legend={"orientation": "h", "y": -0.22, "x": 0})
    return style.finish(fig)


def healing_figure(caregivers_days: float, comparison_days: float) -> go.Figure:
    """Bars of biopsy-wound healing time, caregivers vs comparison group [kiecoltglaser1995]."""
    for name, value in (("caregivers_days", caregivers_days), ("comparison_days", comparison_days)):
        if not 0 < value < 365:
            raise ValueError(f"{name}: {value!r} is outside the allowed range 0–365 days")
    fig = style.new_figure(
        "Stress slowed the healing of a small SKIN wound (not a nerve root)",
        None,
        "Days to heal a biopsy wound (days)",
        height=420,
    )
    fig.add_bar(
        x=["caregivers (chronic stress)", "comparison group"],
        y=[caregivers_days, comparison_days],
        marker_color=[style.VERMILLION, style.BLUE],
        text=[f"{caregivers_days:g} days", f"{comparison_days:g} days"],
        textposition="outside",
        showlegend=False,
    )
    fig.update_yaxes(range=[0, max(caregivers_days, comparison_days) * 1.2])
    return style.finish(fig)
