"""Lesson 03's pure logic: the disc's share of sciatica, scan findings in people without pain at each published
decade of age, and observational risk ratios."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.schemas import IMAGING_DECADES
from helpers.tables import load_table
from helpers.validation import is_number

#: What the table's 'checked' column means, in words for a reader.
CHECK_NOTES: dict[str, str] = {
    "abstract": "value in the paper's abstract",
    "secondary table": "value checked in a published reproduction of the paper's table",
    "full text": "value read in the paper's Table 2 (full text): a model estimate resting on few people at older ages",
}


@dataclass(frozen=True)
class FindingAtAge:
    """A scan finding's published share (0–1) among people without back pain at one decade of age (20–80 years)."""

    finding: str
    age: int
    prevalence: float
    checked: str


def imaging_table() -> pd.DataFrame:
    """The published values, long form: ``finding``, ``age_years`` (20–80 by 10), ``prevalence`` (0–1), ``checked``."""
    return load_table("imaging_findings")


def check_decade(age: object) -> int:
    """Return ``age`` as an int if it is a published decade (20, 30, …, 80 years); else raise ValueError."""
    if not is_number(age) or age not in IMAGING_DECADES:  # numpy scalars (np.int64(50)) are numbers too
        allowed = ", ".join(str(a) for a in IMAGING_DECADES)
        raise ValueError(f"age: {age!r} is not a published decade; allowed: {allowed} years")
    return int(age)


def findings_at_age(age: int, table: pd.DataFrame | None = None) -> list[FindingAtAge]:
    """Each finding's published share among people without back pain at ``age`` (a decade, 20–80 years)."""
    age = check_decade(age)
    table = imaging_table() if table is None else table
    rows = table[table["age_years"] == age]
    return [FindingAtAge(r.finding, age, float(r.prevalence), r.checked) for r in rows.itertuples(index=False)]


def describe_findings(found: list[FindingAtAge]) -> str:
    """One sentence: out of 100 people without back pain of this age, how many show each finding."""
    if not found:
        raise ValueError("found: give at least one finding")
    age = found[0].age
    counts = [f"{f.finding.lower()} {round(f.prevalence * 100)}" for f in found]
    parts = counts[0] if len(counts) == 1 else ", ".join(counts[:-1]) + " and " + counts[-1]
    note = "" if found[0].checked != "full text" else f"; {CHECK_NOTES['full text']}"
    return (
        f"Out of 100 people aged {age} with no back pain, this many would show each finding on a scan: "
        f"{parts} (published values{note})."
    )


def cause_shares() -> pd.DataFrame:
    """The clinic's "only 5 %" beside published shares of sciatica due to the disc (column ``share``, 0–1)."""
    return load_table("cause_shares")


def risk_factors() -> pd.DataFrame:
    """Observational risk ratios (HR or OR) with 95 % intervals where recorded."""
    return load_table("risk_factors")
