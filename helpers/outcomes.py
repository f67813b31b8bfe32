"""Outcome measures: what counts as an important change in pain (pure logic).

Consensus minimal important change for pain in low back pain [ostelo2008]: 2 points on the 0–10 numerical rating
scale (NRS), or a 30 % improvement from baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.validation import check_number
from helpers.vocabulary import MIC_NRS_POINTS, MIC_RELATIVE, MIC_VAS_MM

__all__ = ["MIC_NRS_POINTS", "MIC_RELATIVE", "MIC_VAS_MM", "PainChange", "pain_change"]


def _check_nrs(name: str, value: float) -> float:
    return float(check_number(name, value, 0.0, 10.0, "(NRS points)"))


@dataclass(frozen=True)
class PainChange:
    """A change in pain between two NRS scores, judged against the minimal important change."""

    before: float
    after: float

    @property
    def fall(self) -> float:
        """Points fallen (positive = better)."""
        return self.before - self.after

    @property
    def relative_fall(self) -> float:
        """Fall as a share of baseline (0 when baseline is 0)."""
        return self.fall / self.before if self.before > 0 else 0.0

    @property
    def meets_points(self) -> bool:
        return self.fall >= MIC_NRS_POINTS

    @property
    def meets_relative(self) -> bool:
        return self.before > 0 and self.relative_fall >= MIC_RELATIVE

    @property
    def important(self) -> bool:
        """True when the fall reaches either consensus threshold (2 points or 30 %)."""
        return self.meets_points or self.meets_relative


def pain_change(before: float, after: float) -> PainChange:
    """Judge a change in leg pain.

    Parameters
    ----------
    before, after : float
        Pain on the 0–10 numerical rating scale (NRS) before and after, each in 0–10.
    """
    return PainChange(_check_nrs("before", before), _check_nrs("after", after))
