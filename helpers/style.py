"""The course's one figure style: a colour-blind-safe palette, projector-sized fonts, titles and units.

Call :func:`use_course_style` once at the top of a lesson. Every figure builder in helpers calls
:func:`apply` (or starts from :func:`new_figure`) so figures look the same everywhere.
"""

from __future__ import annotations

import os

import plotly.graph_objects as go
import plotly.io as pio

#: Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK = PALETTE
GREY = "#7F7F7F"

#: Colours with a fixed meaning across the course.
VERDICT_COLOURS: dict[str, str] = {
    "supported": GREEN,
    "partly supported": SKY,
    "untested": ORANGE,
    "contradicted": VERMILLION,
}
URGENCY_COLOURS: dict[str, str] = {"emergency": "#B00020", "urgent": VERMILLION, "routine": BLUE}

TEMPLATE_NAME = "sciatica_course"
FONT_FAMILY = "Liberation Sans, Arial, Helvetica, sans-serif"
BASE_FONT_SIZE = 16
TITLE_FONT_SIZE = 21


def _template() -> go.layout.Template:
    return go.layout.Template(
        layout=go.Layout(
            font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": "#222222"},
            title={"font": {"size": TITLE_FONT_SIZE}, "x": 0.0, "xanchor": "left"},
            colorway=list(PALETTE),
            paper_bgcolor="white",
            plot_bgcolor="white",
            margin={"l": 70, "r": 30, "t": 80, "b": 70},
            xaxis={"showline": True, "linecolor": "#444", "gridcolor": "#E5E5E5", "zeroline": False,
                   "ticks": "outside", "title": {"standoff": 10}},
            yaxis={"showline": True, "linecolor": "#444", "gridcolor": "#E5E5E5", "zeroline": False,
                   "ticks": "outside", "title": {"standoff": 10}},
            legend={"bgcolor": "rgba(255,255,255,0.85)", "font": {"size": BASE_FONT_SIZE - 1}},
            hoverlabel={"font": {"size": BASE_FONT_SIZE}},
        )
    )


def register_template() -> None:
    """Register the course template with plotly (idempotent)."""
    pio.templates[TEMPLATE_NAME] = _template()


def use_course_style() -> None:
    """Make the course template the default and pick a renderer that works offline.

    In a kernel the renderer is ``plotly_mimetype``: JupyterLab draws it with the plotly extension shipped in
    the plotly wheel, and the stored output is plain JSON (small, and deterministic for nbval). ``make html``
    turns that JSON into static pages itself. ``COURSE_PLOTLY_RENDERER`` overrides the renderer.
    """
    register_template()
    pio.templates.default = f"plotly_white+{TEMPLATE_NAME}"
    pio.renderers.default = os.environ.get("COURSE_PLOTLY_RENDERER", "plotly_mimetype")


def apply(fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None,
          height: int = 460) -> go.Figure:
    """Give a figure the course template, a title and axis titles (which should carry units).

    Parameters
    ----------
    fig : plotly figure (``Figure`` or ``FigureWidget``), changed in place and returned.
    title : the figure's title: what it shows.
    x_title, y_title : axis titles with units, e.g. ``"Weeks since enrolment"``, ``"Leg pain (0–10 NRS)"``.
    height : height in pixels (200–1200).
    """
    if not 200 <= height <= 1200:
        raise ValueError(f"height: {height} is outside the allowed range 200–1200 pixels")
    register_template()
    fig.update_layout(template=f"plotly_white+{TEMPLATE_NAME}", title_text=title, height=height)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def new_figure(title: str, x_title: str | None = None, y_title: str | None = None, height: int = 460) -> go.Figure:
    """An empty ``go.Figure`` in the course style."""
    return apply(go.Figure(), title, x_title, y_title, height)

#: Neutral colours of schematic diagrams (the leg diagram): an unaffected region and the outlines between regions.
NEUTRAL_FILL = "#EDEDED"
OUTLINE = "#555555"
