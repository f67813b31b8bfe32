"""The figure comparator: a plotly figure a student built, checked against the data it should show."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from helpers.exercises.coercion import _is_figure, _plural
from helpers.exercises.comparators import _scale_hint
from helpers.exercises.feedback import Comparator

_TRACE_WORDS = {
    "bar": "a bar chart",
    "scatter": "a scatter or line chart",
    "heatmap": "a heatmap",
    "histogram": "a histogram",
    "box": "a box plot",
    "pie": "a pie chart",
    "scattergl": "a scatter or line chart",
}
_UNITS = re.compile(
    r"\(.+\)|%|\bper\b|\bnumber of\b|\bcount\b|\bshare\b|\bmm\b|\bweeks?\b|\byears?\b|\bpoints?\b", re.IGNORECASE
)

Point = tuple[str, str, float]
"""A plotted value as ``(trace name or group, category or x, value)``."""


def _label(v: Any) -> str:
    """A category label as text; whole floats lose their ``.0`` so 2020.0 and 2020 match."""
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    return str(v)


def _numeric(values: Any) -> bool:
    try:
        np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return False
    return True


def _trace_points(trace: Any) -> tuple[list[Point], str]:
    """The values a trace shows, as points, and which axis holds the values (``"x"``, ``"y"`` or ``""``)."""
    kind = trace.type
    name = "" if trace.name is None else str(trace.name)
    if kind == "heatmap":
        z = np.asarray(trace.z, dtype=float)
        xs = list(trace.x) if trace.x is not None else list(range(z.shape[1]))
        ys = list(trace.y) if trace.y is not None else list(range(z.shape[0]))
        cells = [(i, j) for i in range(z.shape[0]) for j in range(z.shape[1])]
        return [(_label(ys[i]), _label(xs[j]), float(z[i, j])) for i, j in cells], ""
    if kind == "pie":
        return [(name, _label(lab), float(v)) for lab, v in zip(trace.labels, trace.values, strict=True)], ""
    if kind == "histogram":
        horizontal = trace.x is None and trace.y is not None
        raw = trace.y if horizontal else trace.x
        counts = pd.Series([_label(v) for v in raw]).value_counts()
        return [(name, str(k), float(v)) for k, v in counts.items()], "x" if horizontal else "y"
    x = list(trace.x) if trace.x is not None else []
    y = list(trace.y) if trace.y is not None else []
    horizontal = trace.orientation == "h" or (trace.orientation is None and _numeric(x) and not _numeric(y))
    if kind == "bar" and horizontal:
        return [(name, _label(c), float(v)) for c, v in zip(y, x, strict=True)], "x"
    if not x and y:
        x = list(range(len(y)))
    return [(name, _label(c), float(v)) for c, v in zip(x, y, strict=True)], "y"


def _expected_points(right: Any) -> list[list[Point]]:
    """The points a figure should show, in every arrangement a student may reasonably choose."""
    if isinstance(right, pd.Series):
        return [[("", _label(k), float(v)) for k, v in right.items()]]
    if isinstance(right, pd.DataFrame):
        cells = [(str(col), _label(idx), float(right.loc[idx, col])) for idx in right.index for col in right.columns]
        return [cells, [(c, n, v) for n, c, v in cells]]
    if _is_figure(right):
        cells = [p for t in right.data for p in _trace_points(t)[0]]
        return [cells, [(c, n, v) for n, c, v in cells]]
    raise TypeError(f"right: a figure exercise's answer must be a Series, DataFrame or figure, not {type(right)}")


def _matches(got: list[Point], want: list[Point], tol: float, by_group: bool) -> tuple[str, Any] | None:
    """None when ``got`` shows ``want``; else ``("keys", (n_got, n_want))`` or ``("values", (g, w))``."""

    def table(points: list[Point]) -> dict[tuple[str, str], float]:
        out: dict[tuple[str, str], float] = {}
        for n, c, v in points:
            if v != 0 and not math.isnan(v):  # a zero bar and a missing bar look the same
                key = (n if by_group else "", c)
                out[key] = out.get(key, 0.0) + v
        return out

    g, w = table(got), table(want)
    if set(g) != set(w):
        return "keys", (len(g), len(w))
    keys = sorted(w)
    gv = np.array([g[k] for k in keys])
    wv = np.array([w[k] for k in keys])
    if np.allclose(gv, wv, rtol=0, atol=tol):
        return None
    return "values", (gv, wv)


def figure_table(fig: Any) -> pd.DataFrame:
    """The values a plotly figure shows, as a table: one row per category (x, or y for horizontal bars), one
    column per trace name (group). Used for the answer key and by the tests that look for answers shown early."""
    if isinstance(fig, dict):
        import plotly.graph_objects as go

        fig = go.Figure(fig, skip_invalid=True)
    points = [p for t in fig.data for p in _trace_points(t)[0]]
    frame = pd.DataFrame(points, columns=["group", "category", "value"])
    return frame.pivot_table(index="category", columns="group", values="value", aggfunc="sum", sort=False)


_SHARE_WORDS = ("share", "0–1", "0-1", "proportion")
_PERCENT = re.compile(r"%|\bpercent", re.IGNORECASE)


def _kind_clash(title: str, as_share: bool, shares_ok: bool) -> str | None:
    """The message when the value axis's title and its values disagree on the kind of number, else None."""
    says_percent = bool(_PERCENT.search(title))
    says_share = any(w in title.lower() for w in _SHARE_WORDS)
    if as_share and says_percent and not says_share:
        return (
            f"Your values are shares (0–1), but the value axis title ({title!r}) says percent: multiply the "
            "values by 100 to show percentages, or call the axis a share (0–1)."
        )
    if shares_ok and not as_share and says_share and not says_percent:
        return (
            f"Your values are percentages (0–100), but the value axis title ({title!r}) says share: call the "
            "axis a percentage (%), or divide the values by 100."
        )
    return None


def _words(words: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """Accepted words as a tuple: one string, several alternatives, or none."""
    if words is None:
        return ()
    return (words,) if isinstance(words, str) else tuple(words)


def _relabelled(got: list[Point], want: list[Point], names_matter: bool) -> list[list[Point]]:
    """``got`` as it is, and, when group names do not matter, with its groups renamed in every order after the
    expected ones (a student may name the lines as they like; at most 6 groups)."""
    if names_matter:
        return [got]
    mine = list(dict.fromkeys(p[0] for p in got))
    theirs = list(dict.fromkeys(p[0] for p in want))
    if len(mine) != len(theirs) or len(mine) > 6:
        return [got]
    from itertools import permutations

    return [[(dict(zip(mine, order, strict=True))[n], c, v) for n, c, v in got] for order in permutations(theirs)]


def _grid(right: Any) -> np.ndarray | None:
    """The table a heatmap answer shows, as a 2-d array (rows along y, columns along x), or None."""
    if isinstance(right, pd.DataFrame):
        return right.to_numpy(dtype=float)
    if _is_figure(right) and len(right.data) == 1 and right.data[0].type == "heatmap":
        return np.asarray(right.data[0].z, dtype=float)
    return None


def _heatmap_problem(trace: Any, want: np.ndarray, tol: float) -> str | None:
    """Compare a heatmap's z-values with the expected table by position, whatever its row and column labels (the
    rows or columns may come in either order). None when they match, else what is wrong, never the values."""
    try:
        got = np.asarray(trace.z, dtype=float)
    except (TypeError, ValueError):
        return "Some cells of your heatmap are not numbers."
    if got.ndim != 2:
        return "A heatmap needs a table (rows and columns) of numbers."

    def flips(grid: np.ndarray) -> list[np.ndarray]:
        return [grid, grid[::-1], grid[:, ::-1], grid[::-1, ::-1]]

    if any(g.shape == got.shape and np.allclose(got, g, rtol=0, atol=tol) for g in flips(want)):
        return None
    if any(g.shape == got.shape and np.allclose(got, g, rtol=0, atol=tol) for g in flips(want.T)):
        return (
            "The table is transposed: what your heatmap has on the rows (y) belongs on the columns (x), "
            "and the reverse."
        )
    if got.shape != want.shape:
        return (
            f"Your heatmap has {_plural(got.shape[0], 'row')} and {_plural(got.shape[1], 'column')}; the "
            "table it should show has a different shape: check which two columns you cross."
        )
    scale = _scale_hint(got.ravel(), want.ravel(), tol)
    if scale:
        return f"Close: your heatmap shows {scale}."
    n_off = int(np.sum(~np.isclose(got, want, rtol=0, atol=tol)))
    return (
        f"{_plural(n_off, 'cell')} of {want.size} {'differs' if n_off == 1 else 'differ'} from the table: "
        "check what you count, and over which rows."
    )


def figure(
    trace_type: str | tuple[str, ...] | None = None,
    *,
    x_title_contains: str | tuple[str, ...] | None = None,
    y_title_contains: str | tuple[str, ...] | None = None,
    needs_units: bool = True,
    decimals: int = 2,
    by_group: bool = True,
    what: str = "values",
    names_matter: bool = True,
    shares_ok: bool = False,
    needs_title: bool = False,
    stacked: bool = False,
    transposed_ok: bool = True,
) -> Comparator:
    """A plotly figure that the student built (``go.Figure`` or a ``plotly.express`` result), checked against the
    data it should show. The messages say what is missing, never the data.

    The exercise's ``answer()`` gives what the figure must show:

    * a pandas **Series** — one bar (or point) per label, e.g. ``claims["verdict"].value_counts()``;
    * a pandas **DataFrame** — grouped or stacked bars (one trace per column, the index along the axis; the
      transpose, one trace per row, is accepted too) or a heatmap (columns along x, rows along y);
    * a plotly **figure** — a reference figure whose traces' points are compared (groups and categories may be
      swapped, as for a DataFrame). ``solution()`` prints it as a short phrase, not as its JSON.

    Checks, in order: it is a plotly figure; the trace type; the data plotted (order-insensitive, values rounded
    to ``decimals``; zero bars may be left out; horizontal bars and histograms of raw rows are understood;
    percentages, shares and counts are told apart, both ways); then the titles, all missing ones in one message:
    the figure's title (``needs_title``), each axis title present and containing one of the given words, and,
    with ``needs_units``, the axis that holds numbers names its units (``"Claims (count)"``, ``"%"``).

    A heatmap is compared cell by cell with its row and column labels; when the labels differ from the answer's
    (``True``/``False`` against ``"CES"``/``"no CES"``), its z-values are compared by position, rows and columns
    in either order, and a transposed table is named as such.

    Parameters
    ----------
    trace_type : plotly trace type every trace must have (``"bar"``, ``"scatter"``, ``"heatmap"``,
        ``"histogram"``, …), a tuple of accepted types, or None. A count histogram counts as bars.
    x_title_contains, y_title_contains : a word, or a tuple of alternative words, that the x / y axis title must
        contain (case-insensitive); for horizontal bars they apply to the category and value axes as for
        vertical ones.
    needs_units : the value axis title must name its units (parentheses, %, "count", "number of", …).
    decimals : plotted values are compared to this many decimals (0–6).
    by_group : compare which group (trace name / colour) each value belongs to; False compares the categories
        and values only (summed over groups).
    what : what the plotted values are, in words (``"counts of claims"``).
    names_matter : False lets the student name the groups (lines) as they like: each expected series must be
        drawn by one trace, whatever its name.
    shares_ok : the answer is in percent, but shares (0–1) are accepted too when the value axis title says so
        (``"share"``, ``"0–1"``, ``"proportion"``).
    needs_title : the figure must have a title.
    stacked : bars of several groups must be stacked (``barmode`` ``"stack"`` or ``"relative"``), not side by side.
    transposed_ok : False refuses the transposed arrangement of a table (one bar per group, split by category),
        naming it.

    Traces are counted whatever their names: with ``names_matter=False`` each trace is its own series, so two
    unnamed ``add_scatter`` lines are two lines. The kind of number on the value axis (share, percent) is read
    from the values and the axis title together: shares under a "%" title (or percentages under a "share" one)
    are named as that mismatch, never as right data.
    """
    if decimals not in range(7):
        raise ValueError(f"decimals: {decimals!r} is outside the allowed range 0–6")
    kinds = _words(trace_type)
    for kind in kinds:
        if kind not in _TRACE_WORDS and not kind.isalpha():
            raise ValueError(f"trace_type: {kind!r} is not a plotly trace type")
    accepted = set(kinds) | ({"histogram"} if "bar" in kinds else set())  # a count histogram is bars
    tol = 0.5 * 10.0**-decimals + 1e-9

    def data_problem(got: list[Point], right: Any, types: list[str]) -> tuple[str | None, bool]:
        """(None, as_share) when ``got`` shows the answer, else (message, False)."""
        problems: list[tuple[str, Any]] = []
        wants = _expected_points(right)
        if not transposed_ok and types != ["heatmap"]:
            if any(_matches(got, want, tol, by_group) is None for want in wants[1:]):
                return (
                    "Your figure swaps the two parts of the table: what goes along the axis (one bar each) is in "
                    "the colours, and the reverse. Put one bar per category the question names along the axis, "
                    "split (coloured) by the other column."
                ), False
            wants = wants[:1]
        if types == ["heatmap"]:  # rows along y, columns along x: a transposed table is not the same heatmap
            wants = wants[1:] if isinstance(right, pd.DataFrame) else wants[:1]
        for want in wants:
            for scale, as_share in ((1.0, False), (0.01, True)) if shares_ok else ((1.0, False),):
                scaled = [(n, c, v * scale) for n, c, v in want]
                for mine in _relabelled(got, scaled, names_matter):
                    result = _matches(mine, scaled, tol * scale, by_group)
                    if result is None:
                        return None, as_share
                    if scale == 1.0:
                        problems.append(result)
        problems.sort(key=lambda p: p[0] != "values")  # a value problem says more than a layout problem
        kind, detail = problems[0]
        if kind == "values":
            gv, wv = detail
            scale_note = _scale_hint(gv, wv, tol)
            if scale_note:
                return f"Close: your figure shows {scale_note}.", False
            n_off = int(np.sum(~np.isclose(gv, wv, rtol=0, atol=tol)))
            return (
                f"{_plural(n_off, 'plotted value')} of {len(wv)} {'differs' if n_off == 1 else 'differ'} "
                f"from the data: check what you count or average, and over which rows."
            ), False
        n_want = len({p[0] for p in wants[0]})
        if not names_matter and len({p[0] for p in got}) < n_want:
            return (
                f"Your figure has {_plural(len({p[0] for p in got}), 'trace')} (lines or bar sets); it needs "
                f"{n_want}, one for each series to compare."
            ), False
        if types == ["histogram"]:
            return (
                "Your histogram does not count the values it should: check which column you plotted and "
                "which rows you kept."
            ), False
        n_cats, n_groups = len({p[1] for p in got}), len({p[0] for p in got})
        cats = _plural(n_cats, "category", "categories")
        return (
            f"Your figure's {what} do not line up with the data: it has {cats} "
            f"along the axis and {_plural(n_groups, 'group')} (colours). Check which column goes along "
            "the axis, which one sets the colour, and which rows you kept."
        ), False

    def compare(value: Any, right: Any) -> str | None:
        if isinstance(value, dict) and "data" in value:
            import plotly.graph_objects as go

            value = go.Figure(value)
        if isinstance(value, (pd.DataFrame, pd.Series)):
            return (
                "That is a table, not a figure: it holds the numbers to plot. Now hand it to plotly "
                "(plotly.express or graph_objects) and give the figure."
            )
        if not _is_figure(value):
            return f"Expected a plotly figure (from plotly.express or go.Figure), but got a {type(value).__name__}."
        traces = list(value.data)
        if not traces:
            return "Your figure is empty: it has no traces (no data) yet."
        types = sorted({t.type for t in traces})
        if kinds and not set(types) <= accepted:
            want = " or ".join(dict.fromkeys(_TRACE_WORDS.get(k, f"a {k} chart") for k in kinds))
            got_words = ", ".join(_TRACE_WORDS.get(t, t) for t in types)
            named = "/".join(f"'{k}'" for k in kinds)
            return f"Expected {want} (trace type {named}), but your figure is {got_words}."
        got: list[Point] = []
        value_axes: set[str] = set()
        try:
            for i, t in enumerate(traces):
                pts, axis = _trace_points(t)
                if not names_matter:  # each trace is its own series, however (or whether) it is named
                    pts = [(f"trace {i}", c, v) for _, c, v in pts]
                got += pts
                value_axes.add(axis)
        except (TypeError, ValueError):
            return f"Some plotted {what} are not numbers: put the numbers on the value axis."
        problem, as_share = data_problem(got, right, types)
        grid = _grid(right)
        if problem is not None and types == ["heatmap"] and len(traces) == 1 and grid is not None:
            problem = _heatmap_problem(traces[0], grid, tol)  # the labels differ: compare the cells by position
        if problem is not None:
            return problem
        if stacked and sum(t.type in ("bar", "histogram") for t in traces) > 1:
            if value.layout.barmode not in ("stack", "relative"):
                return (
                    "Your bars stand side by side (grouped or overlaid): the question asks for one stacked bar "
                    "per category. Stack them with fig.update_layout(barmode='stack')."
                )
        return _title_problems(value, types, value_axes, as_share)

    def _title_problems(fig: Any, types: list[str], value_axes: set[str], as_share: bool) -> str | None:
        layout = fig.layout
        missing: list[str] = []
        if needs_title and not (layout.title.text or "").strip():
            missing.append("a figure title")
        titles = {"x": layout.xaxis.title.text, "y": layout.yaxis.title.text}
        horizontal = value_axes == {"x"}
        wanted = {"x": _words(x_title_contains), "y": _words(y_title_contains)}
        if horizontal:
            wanted = {"x": wanted["y"], "y": wanted["x"]}
        value_axis = "x" if horizontal else "y"
        kind_clash = _kind_clash(titles[value_axis] or "", as_share, shares_ok)
        if kind_clash:
            return kind_clash
        if as_share:
            wanted[value_axis] = _SHARE_WORDS
        no_units = types in (["heatmap"], ["pie"])
        for axis in ("x", "y") if types != ["pie"] else ():
            an = "an" if axis == "x" else "a"
            text = (titles[axis] or "").strip()
            if not text:
                unit = " and in which units" if needs_units and axis in value_axes and not no_units else ""
                missing.append(f"{an} {axis}-axis title (the {axis} axis has no title): say what it shows{unit}")
            elif wanted[axis] and not any(w.lower() in text.lower() for w in wanted[axis]):
                example = "a share (0–1)" if as_share and axis == value_axis else repr(wanted[axis][0])
                missing.append(
                    f"{an} {axis}-axis title that says what the axis shows (yours, {text!r}, does not "
                    f"say; name it, e.g. with {example})"
                )
            elif needs_units and not no_units and axis in value_axes and not _UNITS.search(text):
                missing.append(
                    f"units in the {axis}-axis title ({text!r}): say what is counted or measured, and "
                    "in which units, e.g. '(count)', '(%)' or '(mm)'"
                )
        if missing:
            return "The data are right. Still missing: " + "; ".join(missing) + "."
        return None

    compare.expects_figure = True  # type: ignore[attr-defined]  # the answer is a figure, not its data
    return compare
