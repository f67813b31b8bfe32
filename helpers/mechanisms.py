"""Lesson 04's pure logic: the published mechanism facts, and a schematic time course of blood lactate and
delayed-onset soreness drawn from them (a drawing of cited facts, not data or a model fitted to data)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.tables import load_table
from helpers.validation import check_number


def facts() -> pd.DataFrame:
    """``data/mechanism_facts.csv``, indexed by id."""
    return load_table("mechanism_facts").set_index("id")


def fact(fact_id: str) -> float:
    """One published number from ``data/mechanism_facts.csv`` by id."""
    table = facts()
    if fact_id not in table.index:
        raise ValueError(f"fact_id: {fact_id!r} is not in data/mechanism_facts.csv; known: {', '.join(table.index)}")
    return float(table.loc[fact_id, "value"])


@dataclass(frozen=True)
class TimeCourse:
    """The schematic curves, in percent of each curve's own peak, at ``hours`` after exercise."""

    hours: np.ndarray
    lactate: np.ndarray
    soreness: np.ndarray
    lactate_rest_hours: float
    soreness_peak: tuple[float, float]


def schematic_time_course(max_hours: float = 168.0, points: int = 400, residual_at_rest: float = 0.05) -> TimeCourse:
    """Schematic lactate and soreness curves after one bout of exercise.

    Lactate (extra above resting) decays exponentially and is down to ``residual_at_rest`` of its peak at the
    published return-to-rest time (about 1 hour, [rushall1994]). Soreness rises from zero, is at its peak across
    the published window (24–72 hours, [cheung2003]) and then fades; the rise and fall shapes are illustrative.

    Parameters
    ----------
    max_hours : last time point, hours (80–500).
    points : number of time points (50–5000), spaced evenly on a log scale from 0.05 hours.
    residual_at_rest : share of the lactate peak left at the return-to-rest time (0.001–0.2).
    """
    max_hours = check_number("max_hours", max_hours, 80, 500, "hours")
    points = check_number("points", points, 50, 5000, "time points", integer=True)
    residual_at_rest = check_number("residual_at_rest", residual_at_rest, 0.001, 0.2, "of the peak")
    rest = fact("lactate_back_to_rest")
    start, end = fact("soreness_peak_from"), fact("soreness_peak_to")
    hours = np.geomspace(0.05, max_hours, points)
    tau = rest / math.log(1 / residual_at_rest)
    lactate = 100 * np.exp(-hours / tau)
    rise = np.sin(np.clip(hours / start, 0, 1) * np.pi / 2) ** 2
    fall = np.cos(np.clip((hours - end) / (end + start), 0, 1) * np.pi / 2) ** 2
    soreness = 100 * np.where(hours < start, rise, np.where(hours <= end, 1.0, fall))
    return TimeCourse(hours, lactate, soreness, rest, (start, end))


def describe_time_course(course: TimeCourse) -> str:
    """One sentence summarising the schematic."""
    start, end = course.soreness_peak
    return (
        f"In the schematic, blood lactate is back near rest by about {course.lactate_rest_hours:g} hour, "
        f"while soreness has barely begun; soreness peaks between {start:g} and {end:g} hours, long after "
        "any extra lactate has gone, so leftover lactate cannot explain the soreness."
    )
