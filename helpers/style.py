"""The course's one figure style: a colour-blind-safe palette, projector-sized fonts, titles and units.

Call :func:`use_course_style` once at the top of a lesson. Every figure builder in helpers calls
:func:`apply` (or starts from :func:`new_figure`) so figures look the same everywhere.

Figure data leaves the figure layer rounded to :data:`DISPLAY_DIGITS` significant digits, so that the last bit of
a transcendental function (``np.exp``, ``np.log10``, ``np.geomspace``...), which depends on the CPU's SIMD
extensions (AVX-512 or not), the OS's libm and the BLAS build, never reaches a stored output:

- a figure builder returns through :func:`finish` (``return style.finish(fig)``), which rounds every float in the
  figure's traces and layout;
- an app that assigns new values to a ``FigureWidget``'s traces passes them through :func:`rounded` (or takes
  them from a figure module's ``..._values`` function, which does).

Do not round figure data anywhere else (``np.round`` in a builder is still fine for text labels).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import numpy as np
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

#: Text on the course's light boxes and labels: near-black, 15:1 or more on white and on every tint below.
TEXT_ON_LIGHT = "#1A1A1A"
WHITE = "#FFFFFF"
#: Links in the offline copy (7:1 on white) and the light grey of "not yet" marks in figures.
LINK = "#0057A0"
LIGHT_GREY = "#D9D9D9"
#: Light background tints of the course's boxes (callouts, exercise feedback), by the hue of their edge.
TINTS: dict[str, str] = {
    "red": "#FDECEA",
    "amber": "#FFF6E0",
    "blue": "#EEF6FC",
    "green": "#E6F4EA",
    "slate": "#EEF3F8",
    "purple": "#F3EEF7",
}

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
            xaxis={
                "showline": True,
                "linecolor": "#444",
                "gridcolor": "#E5E5E5",
                "zeroline": False,
                "ticks": "outside",
                "title": {"standoff": 10},
            },
            yaxis={
                "showline": True,
                "linecolor": "#444",
                "gridcolor": "#E5E5E5",
                "zeroline": False,
                "ticks": "outside",
                "title": {"standoff": 10},
            },
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


def apply(
    fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None, height: int = 460
) -> go.Figure:
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

# ------------------------------------------------------------------------------------------- display precision
#: Significant digits figure data keeps: far finer than any axis shows, far coarser than the last-bit noise.
DISPLAY_DIGITS = 6
#: Exact powers of ten 10**0 ... 10**22 (every one of them is a double), the scales of :func:`rounded`.
_EXACT_POW10 = np.array([float(f"1e{k}") for k in range(23)])
#: Correctly rounded powers of ten 1e-323 ... 1e308: they make the decade found with log10 exact.
_DECADES = np.array([float(f"1e{k}") for k in range(-323, 309)])
_FIRST_DECADE = -323

FigureT = TypeVar("FigureT", bound=go.Figure)


def _decimals(magnitude: np.ndarray, digits: int) -> np.ndarray:
    """Decimal places that keep ``digits`` significant digits of each (positive, finite) magnitude.

    The decade comes from log10, then is made exact by comparing with correctly rounded powers of ten, so the last
    bit of log10 (which differs between CPUs) cannot change it.
    """
    index = np.floor(np.log10(magnitude)).astype(np.int64) - _FIRST_DECADE
    np.clip(index, 0, len(_DECADES) - 2, out=index)
    index -= magnitude < _DECADES[index]
    index += magnitude >= _DECADES[index + 1]
    return (digits - 1 - _FIRST_DECADE) - index


def _round_floats(x: np.ndarray, digits: int) -> np.ndarray:
    """Round a float64 array to ``digits`` significant digits using only IEEE basic arithmetic (exact everywhere)."""
    magnitude = np.abs(x)
    finite = np.isfinite(x) & (magnitude > 0)
    every = bool(finite.all())
    if not every and not finite.any():
        return x.copy()
    values, magnitude = (x, magnitude) if every else (x[finite], magnitude[finite])
    decimals = _decimals(magnitude, digits)
    up = decimals >= 0
    scale = _EXACT_POW10[np.minimum(np.abs(decimals), 22)]
    # numpy's own round(): rint(x * 10**d) / 10**d, or rint(x / 10**-d) * 10**-d for d < 0
    with np.errstate(over="ignore"):
        whole = np.rint(np.where(up, values * scale, values / scale))
        done = np.where(up, whole / scale, whole * scale)
    extreme = np.abs(decimals) > 22  # below 1e-17 or above 1e28: no exact scale, format each one instead
    if extreme.any():
        done[extreme] = [float(f"{v:.{digits}g}") for v in values[extreme].tolist()]
    if every:
        return done
    out = x.copy()
    out[finite] = done
    return out


def rounded(values: Any, digits: int = DISPLAY_DIGITS) -> Any:
    """Return figure data rounded to ``digits`` significant digits (6 by default), ready for a figure.

    Every float becomes the double nearest to a decimal of at most ``digits`` significant digits, computed with
    multiplications, divisions and ``rint`` only, so the result is the same bit for bit on every CPU; rounding
    twice changes nothing. Integers, strings, ``None``, NaN and ±inf pass unchanged.

    Parameters
    ----------
    values : a number, a numpy array (any shape; float32 stays float32), or a list/tuple (nested lists, dicts
        and mixed contents such as ``[1.5, None, "a"]`` are walked).
    digits : significant digits kept, 1–15.

    Returns
    -------
    The same kind of object: a float for a float, an array for an array, a list for a list or tuple.
    """
    if not 1 <= digits <= 15:
        raise ValueError(f"digits: {digits!r} is outside the allowed range 1–15 significant digits")
    if isinstance(values, np.ndarray):
        if values.dtype.kind == "f":
            done = _round_floats(values.astype(np.float64).ravel(), digits).reshape(values.shape)
            return done.astype(values.dtype, copy=False)
        if values.dtype.kind == "O":
            return np.array([rounded(v, digits) for v in values.ravel().tolist()], dtype=object).reshape(values.shape)
        return values
    if isinstance(values, (float, np.floating)):
        return type(values)(_round_floats(np.array([float(values)]), digits)[0])
    if isinstance(values, Mapping):
        return {key: rounded(value, digits) for key, value in values.items()}
    if isinstance(values, (list, tuple)):
        out = [v if isinstance(v, (float, np.floating)) else rounded(v, digits) for v in values]
        floats = [i for i, v in enumerate(out) if isinstance(v, (float, np.floating))]
        if floats:  # every float of the list in one vectorised call
            done = _round_floats(np.array([out[i] for i in floats], dtype=np.float64), digits).tolist()
            for i, value in zip(floats, done, strict=True):
                out[i] = value
        return out
    return values


def is_rounded(value: float, digits: int = DISPLAY_DIGITS, single: bool = False) -> bool:
    """Whether ``value`` is already at display precision: equal to itself written with ``digits`` digits.

    ``single`` compares in float32, for values stored as float32.
    """
    if not np.isfinite(value):
        return True
    again = float(f"{value:.{digits}g}")
    return bool(np.float32(again) == np.float32(value)) if single else again == value


def _same(old: Any, new: Any) -> bool:
    """Whether rounding left a figure property as it was, bit for bit."""
    if isinstance(old, np.ndarray) or isinstance(new, np.ndarray):
        a, b = np.asarray(old), np.asarray(new)
        return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, float) and isinstance(new, float):
        return old == new or (old != old and new != new)
    return type(old) is type(new) and old == new


def _changes(value: Any, digits: int, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """(property path, rounded value) for every leaf of a figure's JSON that rounding changes."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _changes(item, digits, (*path, key))
    elif isinstance(value, (list, tuple)) and any(isinstance(item, Mapping) for item in value):
        for index, item in enumerate(value):  # annotations, shapes...: each one by its index
            yield from _changes(item, digits, (*path, index))
    elif isinstance(value, (float, np.floating, np.ndarray, list, tuple)):
        new = rounded(value, digits)
        if not _same(value, new):
            yield path, new


def finish(fig: FigureT, digits: int = DISPLAY_DIGITS) -> FigureT:
    """Round every float of a figure's traces and layout (not its template) to display precision; return it.

    Every figure builder ends with ``return style.finish(fig)``. Works on a ``go.Figure`` and on a
    ``go.FigureWidget`` (inside one ``batch_update``). Only the values that change are assigned.

    Parameters
    ----------
    fig : the finished figure, changed in place and returned.
    digits : significant digits kept (see :func:`rounded`).
    """
    batch = fig.batch_update() if isinstance(fig, go.FigureWidget) else contextlib.nullcontext()
    with batch:
        for trace in fig.data:
            for path, new in _changes(trace.to_plotly_json(), digits, ()):
                trace[path] = new
        layout = fig.layout.to_plotly_json()
        layout.pop("template", None)
        for path, new in _changes(layout, digits, ()):
            fig.layout[path] = new
    return fig


# ------------------------------------------------------------------------------------------------ projector
#: The smallest text on a dashboard (``make present``): legends, annotations, tick labels, bar labels.
PROJECTOR_MIN_FONT = 16
#: The tallest figure on a dashboard: with the page's header and the app's controls it fits a 1280 × 720 screen.
PROJECTOR_MAX_HEIGHT = 600
#: Longest line of a subplot title on a dashboard (characters); longer ones wrap at a space.
PROJECTOR_TITLE_LINE = 16


def _differences(old: Any, new: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """(property path, new value) for every leaf of a figure's JSON where ``new`` differs from ``old``."""
    if isinstance(new, Mapping):
        for key, item in new.items():
            if key == "template":
                continue
            before = old.get(key) if isinstance(old, Mapping) else None
            if isinstance(item, (Mapping, list)) and before is None:
                yield (*path, key), item
            else:
                yield from _differences(before, item, (*path, key))
    elif isinstance(new, list) and any(isinstance(item, Mapping) for item in new):
        if not isinstance(old, list) or len(old) != len(new):
            yield path, new
            return
        for index, (before, item) in enumerate(zip(old, new, strict=True)):
            yield from _differences(before, item, (*path, index))
    elif not _same(old, new):
        yield path, new


def fit_for_projector(fig: FigureT) -> FigureT:
    """Apply :func:`for_projector` to a figure in place (a FigureWidget stays the same widget) and return it.

    Only the properties that :func:`for_projector` changes are assigned, so every handle an app keeps to a trace,
    a shape or an annotation stays the one on screen.
    """
    old = fig.to_dict()
    new = for_projector(old)
    batch = fig.batch_update() if isinstance(fig, go.FigureWidget) else contextlib.nullcontext()
    with batch:
        for path, value in _differences(old.get("layout", {}), new["layout"], ()):
            fig.layout[path] = value
        for trace, before, after in zip(fig.data, old.get("data", []), new["data"], strict=True):
            for path, value in _differences(before, after, ()):
                trace[path] = value
    return fig


def _wrap(text: str, width: int) -> str:
    """Break ``text`` at spaces into lines of at most ``width`` characters, joined with ``<br>`` (plotly's break)."""
    if "<br>" in text or len(text) <= width:
        return text
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _raise_fonts(node: Any, minimum: int) -> None:
    """Raise every ``size`` of every ``font`` / ``tickfont`` / ``textfont`` below ``minimum`` (in place)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("font", "tickfont", "textfont", "insidetextfont", "outsidetextfont") and isinstance(value, dict):
                size = value.get("size")
                if isinstance(size, (int, float)) and size < minimum:
                    value["size"] = minimum
                elif isinstance(size, list):
                    value["size"] = [max(s, minimum) if isinstance(s, (int, float)) else s for s in size]
            if key != "template":
                _raise_fonts(value, minimum)
    elif isinstance(node, list):
        for item in node:
            _raise_fonts(item, minimum)


def for_projector(
    figure: Mapping[str, Any],
    min_font: int = PROJECTOR_MIN_FONT,
    max_height: int = PROJECTOR_MAX_HEIGHT,
    title_line: int = PROJECTOR_TITLE_LINE,
) -> dict[str, Any]:
    """A figure's JSON made ready for a dashboard on a projector (1280 × 720, zoomed to 150 % or 200 %).

    - no text below ``min_font`` px: the template's base font, legends, annotations, tick and bar labels, and a
      title's ``<sup>`` subtitle (drawn at 70 % of the title);
    - the figure at most ``max_height`` px tall, so that it fits the screen under the page's header;
    - subplot titles (annotations above a subplot), where three or more share a row, wrapped at spaces into
      lines of at most ``title_line`` characters, so that they do not run into each other on a zoomed screen.

    Parameters
    ----------
    figure : a figure as a dict (``fig.to_dict()``); not changed.
    min_font : smallest font size in px (10–40).
    max_height : tallest figure in px (200–1200).
    title_line : longest subplot-title line in characters (10–200).

    Returns
    -------
    dict : a new figure dict.
    """
    if not 10 <= min_font <= 40:
        raise ValueError(f"min_font: {min_font!r} is outside the allowed range 10–40 px")
    if not 200 <= max_height <= 1200:
        raise ValueError(f"max_height: {max_height!r} is outside the allowed range 200–1200 px")
    if not 10 <= title_line <= 200:
        raise ValueError(f"title_line: {title_line!r} is outside the allowed range 10–200 characters")
    import copy

    fig = copy.deepcopy(dict(figure))
    layout = fig.setdefault("layout", {})
    _raise_fonts(fig.get("data", []), min_font)
    _raise_fonts(layout, min_font)
    font = layout.setdefault("font", {})
    font["size"] = max(font.get("size", BASE_FONT_SIZE), min_font)
    title = layout.get("title", {})
    if "<sup>" in str(title.get("text", "")):  # plotly draws <sup> at 70 %: a subtitle reaches min_font
        title_font = title.setdefault("font", {})
        title_font["size"] = max(title_font.get("size", TITLE_FONT_SIZE), int(np.ceil(min_font / 0.7)))
    height = layout.get("height")
    if height is None or height > max_height:
        layout["height"] = max_height
    titles = [
        note
        for note in layout.get("annotations", [])
        if note.get("yref") == "paper" and note.get("yanchor") == "bottom" and isinstance(note.get("text"), str)
    ]
    crowded = False
    for note in titles:  # three or more side by side share a narrow row: wrap them
        if sum(1 for other in titles if other.get("y") == note.get("y")) >= 3:
            note["text"] = _wrap(note["text"], title_line)
            crowded = True
    if crowded:  # room above the wrapped titles for the figure's own title, and axis titles wrapped too
        lines = max(n["text"].count("<br>") + 1 for n in titles)
        title_lines = str(layout.get("title", {}).get("text", "")).count("<br>") + 1
        margin = layout.setdefault("margin", {})
        margin["t"] = max(margin.get("t", 80), 30 + 28 * title_lines + 22 * lines)
        wrapped_x = False
        for key, axis in layout.items():
            text = axis.get("title", {}).get("text") if key.startswith("xaxis") and isinstance(axis, dict) else None
            if isinstance(text, str) and len(text) > 2 * title_line:
                axis["title"]["text"] = _wrap(text, int(1.5 * title_line))
                wrapped_x = True
        if wrapped_x:  # one more line under the axes: move a legend below them down by as much
            margin["b"] = margin.get("b", 70) + 40
            legend_below = layout.get("legend", {})
            if isinstance(legend_below.get("y"), (int, float)) and legend_below["y"] < 0:
                legend_below["y"] = legend_below["y"] - 0.13
    legend = layout.get("legend", {})
    legend_font = legend.setdefault("font", {})  # the template's legend is 15 px: raise it here, not in the template
    legend_font["size"] = max(legend_font.get("size", 0), min_font)
    layout["legend"] = legend
    return fig
