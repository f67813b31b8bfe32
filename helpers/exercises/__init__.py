"""Exercises with instant feedback, in the manner of Kaggle's learntools.

In a lesson::

    from helpers.exercises import lesson00 as ex, ____
    answer = ____          # the student replaces the blank
    ex.q1.check(answer)    # correct / incorrect / not attempted; never raises
    ex.q1.hint()           # first hint; ex.q1.hint(2) the next one
    ex.q1.solution()       # the answer and the code that finds it

An exercise computes its right answer from the course's data (``answer``), so the solution never drifts from
the tables, and carries at least one plausible wrong answer (``wrong_examples``) that the tests run through it.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any, Literal

import numpy as np
import pandas as pd

from helpers.boxes import box

Status = Literal["correct", "incorrect", "not attempted"]


class _Blank:
    """The placeholder a student replaces. ``check(____)`` reports "not attempted"."""

    def __repr__(self) -> str:
        return "____"


____ = _Blank()

#: The words each kind of feedback box starts with (its colours and markup come from helpers.boxes).
_STYLE = {
    "correct": "✔ Correct",
    "incorrect": "✘ Not yet",
    "not attempted": "… Not attempted",
    "hint": "💡 Hint",
    "solution": "📖 Solution",
}


def _box(kind: str, title: str, body_html: str) -> str:
    return box(kind, body_html, title)


@dataclass(frozen=True)
class Feedback:
    """The result of ``check()``: a status and a message that says what is wrong without the answer."""

    exercise_id: str
    status: Status
    message: str

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"{_STYLE[self.status]} ({self.exercise_id}): {self.message}"

    def _repr_html_(self) -> str:
        return _box(self.status, f"{_STYLE[self.status]} ({self.exercise_id}):", escape(self.message))


@dataclass(frozen=True)
class Note:
    """A hint or a solution, shown as a coloured box."""

    kind: Literal["hint", "solution"]
    title: str
    text: str
    code: str = ""

    def __repr__(self) -> str:
        extra = f"\n{self.code}" if self.code else ""
        return f"{self.title} {self.text}{extra}"

    def _repr_html_(self) -> str:
        code = f"<pre style='margin:6px 0 0 0'>{escape(self.code)}</pre>" if self.code else ""
        return _box(self.kind, self.title, escape(self.text) + code)


Comparator = Callable[[Any, Any], str | None]
"""``compare(student_value, right_value)`` returns None when right, else a message naming what is wrong."""


@dataclass(frozen=True)
class Exercise:
    """One question.

    Parameters
    ----------
    id : short id shown in feedback, e.g. ``"02.q1"``.
    prompt : the question, one or two sentences.
    answer : computes the right answer from the course's data.
    compare : a comparator (see :func:`number`, :func:`choice`, :func:`same_set`, :func:`series`).
    hints : tiered hints, gentlest first (at least one).
    solution_code : the code (or reasoning) that finds the answer.
    wrong_examples : plausible wrong answers; tests check each is reported incorrect.
    """

    id: str
    prompt: str
    answer: Callable[[], Any]
    compare: Comparator
    hints: tuple[str, ...]
    solution_code: str
    wrong_examples: tuple[Any, ...] = field(default=())

    def check(self, value: Any = ____) -> Feedback:
        """Say whether ``value`` is correct, incorrect or not attempted. Never raises."""
        if value is ____ or value is None or value is Ellipsis:
            return Feedback(self.id, "not attempted", "Replace ____ with your answer, run the cell, then check.")
        try:
            problem = self.compare(value, self.answer())
        except Exception as exc:  # a student's odd value must never crash the lesson
            problem = f"Could not compare your answer ({type(exc).__name__}: {exc})."
        if problem is None:
            return Feedback(self.id, "correct", "Well done.")
        return Feedback(self.id, "incorrect", problem)

    def hint(self, level: int = 1) -> Note:
        """Hint number ``level`` (1 = gentlest, up to ``len(hints)``)."""
        if not isinstance(level, int) or not 1 <= level <= len(self.hints):
            raise ValueError(f"level: {level!r} is outside the allowed range 1–{len(self.hints)}")
        more = f" (ask for hint({level + 1}) for more)" if level < len(self.hints) else ""
        return Note("hint", f"Hint {level} of {len(self.hints)}:", self.hints[level - 1] + more)

    def solution(self) -> Note:
        """The answer and how to find it."""
        return Note("solution", "Solution:", f"The answer is {_show(self.answer())}.", self.solution_code)


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, (pd.Series, pd.DataFrame)):
        return "\n" + value.to_string()
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    if _is_figure(value):
        return "the figure the code below draws"
    return str(value)


# --------------------------------------------------------------------------------------------- reading answers
# What people hand in is rarely exactly the type asked for: a one-row Series where a number is asked, a list where
# a set is asked. These helpers turn what a student is likely to give into the plain value, or explain the mismatch.
def _plural(n: int, singular: str, plural: str | None = None) -> str:
    """``"1 id"``, ``"2 ids"``; ``plural`` defaults to ``singular + "s"``."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _singular(plural: str) -> str:
    """The singular of a simple English plural (``"ids"`` → ``"id"``, ``"categories"`` → ``"category"``)."""
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    if plural.endswith(("ches", "shes", "sses", "xes")):
        return plural[:-2]
    if plural.endswith("s") and not plural.endswith("ss"):
        return plural[:-1]
    return plural


def as_number(value: Any) -> float | str:
    """``value`` as a float, or a message saying why it is not one number.

    Accepts an int, a float, a numpy scalar or 0-d array, and a pandas Series, DataFrame, Index, list or tuple
    holding exactly one number (what ``.loc[...]`` or a filter often returns).
    """
    if isinstance(value, (pd.DataFrame, pd.Series, pd.Index, list, tuple, np.ndarray)):
        flat = np.asarray(value, dtype=object).ravel()
        if flat.size != 1:
            kind = type(value).__name__
            return (
                f"Expected one number, but got a {kind} of {_plural(int(flat.size), 'value')}. "
                "Pick the one value you need (for example with .iloc[0] or .item())."
            )
        value = flat[0]
    if isinstance(value, (bool, np.bool_)):
        return "Expected a number, but got True/False. Did you mean to count or average the True values?"
    if isinstance(value, str):
        try:
            return float(value.strip().rstrip("%").replace(",", ""))
        except ValueError:
            return f"Expected a number, but got the text {value!r}."
    if not isinstance(value, (int, float, np.number)) and not hasattr(value, "__float__"):
        return f"Expected a number, but got a {type(value).__name__}."
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return f"Expected a number, but got a {type(value).__name__}."


def as_items(value: Any, what: str = "items") -> list[str] | str:
    """``value`` as a list of item labels (strings), or a message saying why it is not a collection.

    Accepts a set, list, tuple, numpy array, pandas Index or Series (its values), a dict (its keys) and a single
    string (one item).
    """
    if isinstance(value, pd.DataFrame):
        if value.shape[1] == 1:
            value = value.iloc[:, 0]
        else:
            return f"Expected a list or set of {what}, but got a whole table: pick the column that holds them."
    if isinstance(value, pd.Series) and pd.api.types.is_bool_dtype(value.dtype):
        return (
            f"That is a True/False column (a mask), not the {what} themselves: use it to select the rows, "
            "then take their labels."
        )
    if isinstance(value, str):
        return [value.strip()]
    if isinstance(value, dict):
        value = list(value)
    if not isinstance(value, Iterable):
        return f"Expected a list or set of {what}, but got a {type(value).__name__}."
    return [str(v).strip() for v in value]


# --------------------------------------------------------------------------------------------- comparators
def _kind_of(what: str) -> str | None:
    """What kind of number ``what`` describes: ``"percentage"``, ``"share"``, ``"count"`` or None."""
    text = what.lower()
    for kind in ("percentage", "share", "count"):  # "a number of minimal important changes" is none of them
        if kind in text or (kind == "percentage" and "%" in text):
            return kind
    return None


def number(
    abs_tol: float = 0.0,
    rel_tol: float = 1e-6,
    what: str = "number",
    *,
    decimals: int | None = None,
    kind: Literal["share", "percentage", "count"] | None = None,
) -> Comparator:
    """Compare numbers within a tolerance. The message says too high / too low, never the value.

    The student may give an int, a float, a numpy scalar or a one-value Series / DataFrame. ``1 - 0.95`` and
    ``0.05`` are both right (floating-point error never sits on the tolerance's edge), and a student who gives a
    percentage for a share, a share for a percentage, or a share for a count is told so.

    Parameters
    ----------
    abs_tol, rel_tol : accepted absolute and relative differences (both ≥ 0).
    what : what the number is, in words with units, e.g. ``"a share between 0 and 1"``.
    decimals : also accept the answer rounded to this many decimals (0–6), e.g. 2 accepts 0.53 for 0.5278.
    kind : ``"share"`` (0–1), ``"percentage"`` (0–100) or ``"count"``; read from ``what`` when not given.
    """
    if abs_tol < 0 or rel_tol < 0:
        raise ValueError("abs_tol, rel_tol: tolerances must be ≥ 0")
    if decimals is not None and not (isinstance(decimals, int) and 0 <= decimals <= 6):
        raise ValueError(f"decimals: {decimals!r} is outside the allowed range 0–6")
    kind = kind or _kind_of(what)
    if kind not in (None, "share", "percentage", "count"):
        raise ValueError(f"kind: {kind!r} is not one of 'share', 'percentage', 'count'")
    tol = max(abs_tol, 0.5 * 10.0**-decimals if decimals is not None else 0.0)

    def close(x: float, right: float) -> bool:
        # a hair of slack so that an answer rounded exactly to the tolerance, or 1 - 0.95, is never refused
        return math.isclose(x, right, rel_tol=rel_tol, abs_tol=tol * (1 + 1e-9) + 1e-12)

    def compare(value: Any, right: Any) -> str | None:
        x = as_number(value)
        if isinstance(x, str):
            return x.replace("a number", what, 1) if x.startswith("Expected a number") else x
        if math.isnan(x):
            return f"Expected {what}, but got NaN (did a calculation divide by zero or miss data?)."
        r = float(right)
        if r != 0 and x != 0 and (x > 0) != (r > 0):
            return f"Check the sign: your answer is {'negative' if x < 0 else 'positive'} (expected {what})."
        if r != 0 and x == 0:
            return f"Your answer is 0 (expected {what}): did a filter select no rows?"
        if close(x, r):
            return None
        if kind != "percentage" and 0 < abs(r) <= 1 and close(x / 100, r):
            return f"Close: give {what}, not a percentage: divide by 100 for a share between 0 and 1."
        if kind != "share" and abs(x) <= 1 and close(x * 100, r):
            return f"Close: give {what}, not a share: multiply by 100 for a percentage (0–100)."
        if kind == "count" and 0 < abs(x) < 1:
            return f"Give {what}, a whole number, not a share: count the rows instead of averaging."
        if kind in ("share", "percentage") and x == int(x) and abs(x) > (1 if kind == "share" else 100):
            return f"Give {what}, not a count: divide by the number of rows in the group."
        return f"Your answer is too {'high' if x > r else 'low'} (expected {what})."

    return compare


def choice(options: Iterable[str], feedback: dict[str, str] | None = None) -> Comparator:
    """One option from a fixed list; ``feedback`` can explain why a particular wrong option is wrong.

    Case and surrounding spaces do not matter; a one-value Series, list or tuple holding an option counts as it.
    """
    allowed = tuple(options)
    notes = dict(feedback or {})

    def compare(value: Any, right: Any) -> str | None:
        if isinstance(value, (pd.Series, pd.Index, list, tuple, np.ndarray)):
            flat = list(np.asarray(value, dtype=object).ravel())
            if len(flat) != 1:
                return f"Expected one answer, but got {_plural(len(flat), 'value')}: pick one."
            value = flat[0]
        text = str(value).strip().lower()
        lookup = {o.lower(): o for o in allowed}
        if text not in lookup:
            return f"Answer with one of: {', '.join(repr(o) for o in allowed)}."
        picked = lookup[text]
        if picked == right:
            return None
        return notes.get(picked, f"{picked!r} is not the best answer. Re-read the evidence and try again.")

    return compare


def same_set(what: str = "items", singular: str | None = None) -> Comparator:
    """A collection whose order does not matter. The message counts missing and extra items only.

    A set, list, tuple, pandas Index or Series (its values) are all accepted; duplicates do not matter.

    Parameters
    ----------
    what : the items, plural (``"ids"``); ``singular`` defaults to a simple singular of it (``"id"``).
    """
    one = singular or _singular(what)

    def compare(value: Any, right: Any) -> str | None:
        items = as_items(value, what)
        if isinstance(items, str):
            return items
        got, want = set(items), {str(v).strip() for v in right}
        if got == want:
            return None
        if {g.lower() for g in got} == {w.lower() for w in want}:
            return f"Right {what}, but spelled with different capitals: copy them exactly as in the table."
        missing, extra = len(want - got), len(got - want)
        parts = []
        if missing:
            parts.append(f"{_plural(missing, one, what)} missing")
        if extra:
            parts.append(f"{_plural(extra, one, what)} that {'does' if extra == 1 else 'do'} not belong")
        return "Not quite: " + " and ".join(parts) + "."

    return compare


def _scale_hint(got: np.ndarray, want: np.ndarray, tol: float) -> str | None:
    """A message when ``got`` is ``want`` at another scale: percentages for shares, shares for counts, …"""
    if got.shape != want.shape or not got.size:
        return None
    if np.allclose(got, want * 100, atol=tol * 100 + 1e-9):
        return "percentages, not shares (0–1): divide by 100"
    if np.allclose(got * 100, want, atol=tol + 1e-9):
        return "shares (0–1), not percentages: multiply by 100"
    total_want, total_got = want.sum(), got.sum()
    if total_want > 0 and np.allclose(want, np.round(want)) and np.allclose(got * total_want, want, atol=0.5):
        return "shares, not counts: count the rows instead of averaging (or drop normalize=)"
    if total_got > 0 and np.allclose(got, np.round(got)) and np.allclose(got / total_got, want, atol=tol + 1e-9):
        return "counts, not shares: divide each count by the total (or use normalize=True / .mean())"
    if got.max() <= 1 and np.allclose(want, np.round(want)) and want.max() > 1:
        return "shares (0–1), not counts: count the rows in each group instead"
    if total_got > 0 and np.allclose(got, np.round(got)) and not np.allclose(want, np.round(want)):
        return "whole numbers (counts?) where shares are asked: divide by the size of each group"
    return None


def series(abs_tol: float = 1e-6, what: str = "values") -> Comparator:
    """A pandas Series (or one-column DataFrame, or dict) compared label by label, in any order.

    Shares given as percentages, counts given for shares (and the reverse) are named as such.
    """

    def compare(value: Any, right: pd.Series) -> str | None:
        if isinstance(value, dict):
            value = pd.Series(value)
        if isinstance(value, pd.DataFrame) and value.shape[1] == 1:
            value = value.iloc[:, 0]
        if not isinstance(value, pd.Series):
            return f"Expected a pandas Series of {what} (for example the result of groupby(...).mean())."
        got = value.copy()
        got.index = got.index.map(str)
        want = right.copy()
        want.index = want.index.map(str)
        missing = sorted(set(want.index) - set(got.index))
        extra = sorted(set(got.index) - set(want.index))
        if missing or extra:
            return (
                (
                    f"The labels differ: {_plural(len(missing), 'label')} missing {missing or ''}, "
                    f"{_plural(len(extra), 'label')} unexpected {extra or ''}."
                )
                .replace(" ,", ",")
                .replace(" .", ".")
            )
        try:
            g = got.astype(float)[want.index].to_numpy()
            w = want.astype(float).to_numpy()
        except (TypeError, ValueError):
            return f"Expected numeric {what}."
        if np.isnan(g).any():
            return f"Some of your {what} are NaN (missing): did a group have no rows?"
        wrong = [label for label, d in zip(want.index, np.abs(g - w), strict=True) if not d <= abs_tol * (1 + 1e-9)]
        if not wrong:
            return None
        scale = _scale_hint(g, w, abs_tol)
        if scale:
            return f"Close: these look like {scale}."
        return f"The {what} for {wrong[:3]} {'is' if len(wrong) == 1 else 'are'} not right."

    return compare


# --------------------------------------------------------------------------------------------- figures
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


def _is_figure(value: Any) -> bool:
    from plotly.basedatatypes import BaseFigure

    return isinstance(value, BaseFigure)


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


def shows_data(fig: Any, right: Any, decimals: int = 2, by_group: bool = True, ignore_labels: bool = False) -> bool:
    """Whether a plotly figure (or its JSON dict) plots the data ``right`` (a Series, DataFrame or figure), in
    any of the arrangements :func:`figure` accepts. With ``ignore_labels`` the category labels may differ (a
    figure with shortened labels shows the same numbers): the values of each group are compared as multisets.
    Used by the tests that look for answers shown too early."""
    if isinstance(fig, dict):
        import plotly.graph_objects as go

        fig = go.Figure(fig, skip_invalid=True)
    if not _is_figure(fig) or not fig.data:
        return False
    try:
        got = [p for t in fig.data for p in _trace_points(t)[0]]
        wants = _expected_points(right)
    except (TypeError, ValueError):
        return False
    tol = 0.5 * 10.0**-decimals + 1e-9
    if ignore_labels:

        def values(points: list[Point], groups: bool) -> list[tuple[str, float]]:
            return sorted((n if groups else "", round(v, decimals)) for n, _, v in points if v != 0 and v == v)

        return any(
            values(got, len({p[0] for p in want}) > 1) == values(want, len({p[0] for p in want}) > 1) for want in wants
        )
    return any(_matches(got, want, tol, by_group) is None for want in wants)


_SHARE_WORDS = ("share", "0–1", "0-1", "proportion")


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
            for t in traces:
                pts, axis = _trace_points(t)
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


# --------------------------------------------------------------------------------------------- registry
def all_exercises() -> dict[str, Exercise]:
    """Every exercise of every lesson module (``helpers/exercises/lessonNN*.py``), by id."""
    import helpers.exercises as package

    found: dict[str, Exercise] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("lesson"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Exercise):
                if value.id in found and found[value.id] is not value:
                    raise ValueError(f"exercise id {value.id!r} is used twice")
                found[value.id] = value
    return found


def _key_answer(right: Any, is_figure: bool) -> str:
    """An answer in one line of the answer key."""

    def num(v: Any) -> str:
        return f"{v:.3g}" if isinstance(v, float) and not float(v).is_integer() else str(int(v))

    if _is_figure(right) and right.data and all(t.type == "histogram" for t in right.data):
        n = sum(len(t.x if t.x is not None else t.y) for t in right.data)
        return f"a histogram of {n} values"
    if _is_figure(right):
        right, is_figure = figure_table(right), True
    if isinstance(right, pd.DataFrame) and right.shape[1] == 1:  # one value per label: read it as a Series
        right = right.iloc[:, 0]
    if isinstance(right, pd.DataFrame):
        rows = "; ".join(
            f"{i}: " + ", ".join(f"{c} {num(v)}" for c, v in row.items() if v == v) for i, row in right.iterrows()
        )
        return ("a figure of: " if is_figure else "") + rows
    if isinstance(right, pd.Series):
        return ("a figure of: " if is_figure else "") + ", ".join(f"{k}: {num(v)}" for k, v in right.items())
    if isinstance(right, dict) and right and all(isinstance(v, float) for v in right.values()):  # rounded
        return ", ".join(f"{k}: {num(v)}" for k, v in right.items())
    return _show(right)


def answer_key_markdown(exercises: dict[str, Exercise] | None = None) -> str:
    """A one-page answer key (Markdown table) for instructors, built from each exercise's ``answer()`` and
    ``solution_code``, so it never drifts from the data or the checks.

    Parameters
    ----------
    exercises : by id; defaults to :func:`all_exercises`.
    """
    exercises = all_exercises() if exercises is None else exercises
    rows = ["| Exercise | Question (start) | Answer | Code |", "| --- | --- | --- | --- |"]
    for ex_id in sorted(exercises):
        ex = exercises[ex_id]
        right = ex.answer()
        shown = _key_answer(right, getattr(ex.compare, "expects_figure", False))
        prompt = ex.prompt if len(ex.prompt) <= 90 else ex.prompt[:87].rsplit(" ", 1)[0] + " …"
        code = "<br>".join(f"`{line}`" for line in ex.solution_code.splitlines() if line.strip())

        def cell(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        rows.append(f"| **{ex_id}** | {cell(prompt)} | {cell(shown)} | {cell(code)} |")
    return "\n".join(rows)
