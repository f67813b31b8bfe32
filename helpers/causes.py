"""Lesson 03's pure logic: the disc's share of sciatica, scan findings in people without pain by age
(interpolated between the two published ages), and observational risk ratios."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from helpers.tables import load_table

PUBLISHED_AGES: tuple[int, int] = (20, 80)


@dataclass(frozen=True)
class FindingAtAge:
    """A scan finding's share (0–1) among people without back pain at one age."""

    finding: str
    age: float
    prevalence: float
    published: bool  # True only at the published ages 20 and 80; otherwise interpolated


def imaging_table() -> pd.DataFrame:
    """The published points, one row per finding with columns ``finding``, ``at_20``, ``at_80`` (shares 0–1)."""
    raw = load_table("imaging_findings")
    wide = raw.pivot(index="finding", columns="age_years", values="prevalence")
    order = list(dict.fromkeys(raw["finding"]))
    return pd.DataFrame({"finding": order, "at_20": wide.loc[order, 20].to_numpy(),
                         "at_80": wide.loc[order, 80].to_numpy()})


def interpolate(at_20: float, at_80: float, age: float) -> float:
    """Straight-line share at ``age`` between the published points at 20 and 80 years.

    Parameters
    ----------
    at_20, at_80 : shares (0–1) at ages 20 and 80.
    age : years, 20–80 (the published range; no extrapolation).
    """
    if not (isinstance(age, (int, float)) and 20 <= age <= 80) or math.isnan(age):
        raise ValueError(f"age: {age!r} is outside the allowed range 20–80 years (the published range)")
    for name, value in (("at_20", at_20), ("at_80", at_80)):
        if not 0 <= value <= 1:
            raise ValueError(f"{name}: {value!r} is outside the allowed range 0–1")
    return at_20 + (at_80 - at_20) * (age - 20) / 60


def findings_at_age(age: float, table: pd.DataFrame | None = None) -> list[FindingAtAge]:
    """Each finding's share among people without back pain at ``age`` (20–80 years)."""
    table = imaging_table() if table is None else table
    return [
        FindingAtAge(row.finding, float(age), interpolate(row.at_20, row.at_80, age), age in PUBLISHED_AGES)
        for row in table.itertuples(index=False)
    ]


def describe_findings(found: list[FindingAtAge]) -> str:
    """One sentence: out of 100 people without back pain of this age, how many show each finding."""
    if not found:
        raise ValueError("found: give at least one finding")
    age = found[0].age
    counts = [f"{f.finding.lower()} {round(f.prevalence * 100)}" for f in found]
    parts = counts[0] if len(counts) == 1 else ", ".join(counts[:-1]) + " and " + counts[-1]
    how = "published values" if found[0].published else "interpolated between the published ages 20 and 80"
    return (f"Out of 100 people aged {age:g} with no back pain, this many would show each finding on a scan: "
            f"{parts} ({how}).")


def cause_shares() -> pd.DataFrame:
    """The clinic's "only 5 %" beside published shares of sciatica due to the disc (column ``share``, 0–1)."""
    return load_table("cause_shares")


def times_the_claim(shares: pd.DataFrame | None = None) -> pd.Series:
    """How many times larger each published share is than the clinic's figure, by id."""
    shares = cause_shares() if shares is None else shares
    claim = shares.loc[shares["kind"] == "claim", "share"]
    if len(claim) != 1:
        raise ValueError("shares: expected exactly one row of kind 'claim'")
    published = shares[shares["kind"] == "published"].set_index("id")["share"]
    return published / float(claim.iloc[0])


def risk_factors() -> pd.DataFrame:
    """Observational risk ratios (HR or OR) with 95 % intervals where recorded."""
    return load_table("risk_factors")


def interval_excludes_one(table: pd.DataFrame) -> pd.Series:
    """True where the whole 95 % interval lies above (or below) 1; False where it spans 1 or is not recorded."""
    has = table["ci_low"].notna() & table["ci_high"].notna()
    return has & ((table["ci_low"] > 1) | (table["ci_high"] < 1))
