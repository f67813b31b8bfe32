"""Reading what a student hands in: a number, a collection of labels, a figure, whatever its container."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sized
from typing import Any

import numpy as np
import pandas as pd


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


#: The most items a collection answer may hold: an iterator is read this far and no further (an endless one would
#: otherwise hang the kernel).
MAX_ITEMS = 10_000


#: What may hold the one number asked for (a filter's result, a list typed by hand, a column's unique values).
_CONTAINERS = (
    pd.DataFrame,
    pd.Series,
    pd.Index,
    pd.api.extensions.ExtensionArray,
    np.ndarray,
    list,
    tuple,
    set,
    frozenset,
)


def _size(value: Any) -> int:
    """How many values a container holds, read from its shape or length (never by copying its values)."""
    shape = getattr(value, "shape", None)
    if shape is not None:
        return int(np.prod(shape, dtype=np.int64))
    return len(value)


def _many_values(value: Any, size: int) -> str:
    """The message for a container of ``size`` values where one number is asked: what it seems to hold."""
    kind = type(value).__name__
    dtype = getattr(value, "dtype", None)
    if isinstance(value, pd.DataFrame):
        dtypes = set(value.dtypes)
        dtype = dtypes.pop() if len(dtypes) == 1 else None
    if dtype is not None and pd.api.types.is_bool_dtype(dtype):
        return (
            f"Expected one number, but got {_plural(size, 'True/False value')} (a mask, one per row). "
            "Its .mean() is the share of True values, its .sum() the count of them."
        )
    if dtype is not None and not pd.api.types.is_numeric_dtype(dtype):
        return (
            f"Expected one number, but got a {kind} of {_plural(size, 'value')} (the items themselves, not how "
            "many there are): how many are there? len(...) counts them."
        )
    if dtype is None and isinstance(value, (list, tuple, set, frozenset)) and size <= MAX_ITEMS:
        if all(isinstance(v, str) for v in value):
            return (
                f"Expected one number, but got a {kind} of {_plural(size, 'text value')} (the items themselves): "
                "how many are there? len(...) counts them."
            )
    return (
        f"Expected one number, but got a {kind} of {_plural(size, 'value')}. "
        "Pick the one value you need (for example with .iloc[0] or .item())."
    )


def as_number(value: Any) -> float | str:
    """``value`` as a float, or a message saying why it is not one number.

    Accepts an int, a float, a numpy scalar or 0-d array, and a pandas Series, DataFrame, Index, list or tuple
    holding exactly one number (what ``.loc[...]`` or a filter often returns). The size is read from the shape
    before any value is touched, so a frame of millions of rows costs no copy; a mask (True/False per row) and a
    column of labels are named as such.
    """
    if isinstance(value, _CONTAINERS):
        size = _size(value)
        if size != 1:
            return _many_values(value, size)
        if isinstance(value, pd.DataFrame):
            value = value.iat[0, 0]
        elif isinstance(value, (list, tuple, set, frozenset)):
            value = next(iter(value))
            if isinstance(value, _CONTAINERS):
                return as_number(value)
        else:
            value = np.asarray(value).ravel()[0]
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
    if isinstance(value, Sized) and len(value) > MAX_ITEMS:
        return f"Expected a list or set of {what}, but got {len(value):,} of them: far more than any answer holds."
    items = list(itertools.islice(iter(value), MAX_ITEMS + 1))  # an endless iterator is read this far only
    if len(items) > MAX_ITEMS:
        return (
            f"Expected a list or set of {what}, but yours goes on and on (more than {MAX_ITEMS:,} items; an endless "
            "iterator?): give a list or set."
        )
    return [str(v).strip() for v in items]


def _is_figure(value: Any) -> bool:
    from plotly.basedatatypes import BaseFigure

    return isinstance(value, BaseFigure)
