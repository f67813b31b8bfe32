"""Comparators: ``compare(student_value, right_value)`` gives None when right, else what is wrong (never the
value). Numbers, choices, sets and Series here; figures in :mod:`helpers.exercises.figures`."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import pandas as pd

from helpers.exercises.coercion import _plural, _singular, as_items, as_number
from helpers.exercises.feedback import Comparator

NumberKind = Literal["share", "percentage", "count"]


def _kind_of(what: str) -> NumberKind | None:
    """What kind of number ``what`` describes: ``"percentage"``, ``"share"``, ``"count"`` or None."""
    text = what.lower()
    kinds: tuple[NumberKind, ...] = ("percentage", "share", "count")
    for kind in kinds:  # "a number of minimal important changes" is none of them
        if kind in text or (kind == "percentage" and "%" in text):
            return kind
    return None


def number(
    abs_tol: float = 0.0,
    rel_tol: float = 1e-6,
    what: str = "number",
    *,
    decimals: int | None = None,
    kind: NumberKind | None = None,
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
    # all-0/1 values are shares too (every trial significant); only whole numbers above 1 read as counts
    if got.max() > 1 and np.allclose(got, np.round(got)) and not np.allclose(want, np.round(want)):
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
        one = len(wrong) == 1
        values, verb = ("value", "is") if one else ("values", "are")
        return f"Not all your {what} are right: the {values} for {wrong[:3]} {verb} off."

    return compare
