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
