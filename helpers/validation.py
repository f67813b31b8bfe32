"""Argument checks shared by logic and apps: a clear ValueError naming the argument and what is allowed."""

from __future__ import annotations

import math
import reprlib
from collections.abc import Collection
from typing import Any

import numpy as np


def check_number(name: str, value: Any, low: float, high: float, unit: str, integer: bool = False) -> Any:
    """Return ``value`` as a float (or int) if it is a finite number in ``[low, high]``; raise ValueError otherwise.

    NaN, ±inf, ``None``, strings and booleans are refused, each with a message naming the argument.

    Parameters
    ----------
    name : the argument's name, quoted in the message.
    value : what the caller passed.
    low, high : the inclusive allowed range.
    unit : the unit, quoted in the message (e.g. ``"NRS points"``).
    integer : require a whole number and return an ``int``.
    """
    allowed = f"{'a whole number' if integer else 'a number'} in {low:g}–{high:g} {unit}"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}: expected {allowed}, got {reprlib.repr(value)}")
    if isinstance(value, (float, np.floating)) and not math.isfinite(value):
        raise ValueError(
            f"{name}: {reprlib.repr(value)} is not a finite number, so it is outside the allowed range "
            f"{low:g}–{high:g} {unit}"
        )
    if not low <= value <= high:
        raise ValueError(f"{name}: {reprlib.repr(value)} is outside the allowed range {low:g}–{high:g} {unit}")
    if integer and value != int(value):
        raise ValueError(f"{name}: expected {allowed}, got {reprlib.repr(value)}")
    return int(value) if integer else float(value)


def check_flag(name: str, value: Any) -> bool:
    """Return ``value`` if it is ``True`` or ``False``; raise ValueError naming the argument otherwise.

    ``"no"``, ``0`` and ``None`` are refused: a non-empty string such as ``"no"`` would otherwise count as true.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name}: expected True or False, got {reprlib.repr(value)}")
    return bool(value)


def check_choice(name: str, value: Any, allowed: Collection[str]) -> str:
    """Return ``value`` if it is one of the strings ``allowed``; raise ValueError naming the argument otherwise."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name}: {reprlib.repr(value)} is not allowed; allowed: {', '.join(map(str, allowed))}")
    return value


def is_number(value: Any) -> bool:
    """True for a real number a student may pass: Python or numpy ints and floats, never a bool."""
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool | np.bool_)


def check_type(name: str, value: Any, types: type | tuple[type, ...], what: str) -> Any:
    """Return ``value`` if it is an instance of ``types``; raise ValueError naming the argument and ``what`` it
    should be otherwise (None, a string or a list where an object is expected)."""
    if not isinstance(value, types):
        raise ValueError(f"{name}: expected {what}, got {type(value).__name__} {reprlib.repr(value)}")
    return value


def check_frame(name: str, value: Any, columns: Collection[str] = (), what: str = "a pandas DataFrame") -> Any:
    """Return ``value`` if it is a :class:`pandas.DataFrame` holding ``columns``; raise ValueError naming the
    argument and the missing columns otherwise."""
    import pandas as pd

    check_type(name, value, pd.DataFrame, what)
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(f"{name}: {what} lacks the column(s) {missing}; it has {list(value.columns)}")
    return value


def check_names(name: str, value: Any, allowed: Collection[str] | None = None) -> tuple[str, ...]:
    """Materialise an iterable of names ONCE and return it as a tuple; raise ValueError naming the argument when
    it is a lone string or bytes, not iterable, holds a non-string, or (given ``allowed``) an unknown name.

    A generator or iterator is consumed here and never again: checking it and then filtering with it would
    otherwise see an empty second pass.
    """
    if isinstance(value, str | bytes | bytearray) or value is None:
        raise ValueError(f"{name}: expected a list of names, got {type(value).__name__} {reprlib.repr(value)}")
    try:
        names = tuple(value)
    except TypeError:
        raise ValueError(
            f"{name}: expected a list of names, got {type(value).__name__} {reprlib.repr(value)}"
        ) from None
    bad = [n for n in names if not isinstance(n, str)]
    if bad:
        raise ValueError(f"{name}: every entry must be a name (a string), got {reprlib.repr(bad)}")
    if allowed is not None:
        unknown = [n for n in names if n not in allowed]
        if unknown:
            raise ValueError(f"{name}: {unknown} are not allowed; allowed: {', '.join(map(str, allowed))}")
    return names
