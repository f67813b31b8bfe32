"""Argument checks shared by the pure-logic modules: a clear ValueError naming the argument and its range."""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def check_number(name: str, value: Any, low: float, high: float, unit: str, integer: bool = False) -> Any:
    """Return ``value`` as a float (or int) if it is a number in ``[low, high]``; raise ValueError otherwise.

    Parameters
    ----------
    name : the argument's name, quoted in the message.
    value : what the caller passed.
    low, high : the inclusive allowed range.
    unit : the unit, quoted in the message (e.g. ``"NRS points"``).
    integer : require a whole number and return an ``int``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}: expected a number in {low:g}–{high:g} {unit}, got {value!r}")
    if integer and float(value) != int(value):
        raise ValueError(f"{name}: expected a whole number in {low:g}–{high:g} {unit}, got {value!r}")
    if math.isnan(float(value)) or not low <= float(value) <= high:
        raise ValueError(f"{name}: {value!r} is outside the allowed range {low:g}–{high:g} {unit}")
    return int(value) if integer else float(value)
