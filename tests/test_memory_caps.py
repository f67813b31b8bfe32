"""What the apps keep is capped: the heaviest allowed use of the recovery simulator stays under 500 MB."""

from __future__ import annotations

import pytest

from helpers.apps import recovery as recovery_app
from tests.bench.worst_use import BUDGET_MB, USES, peak_mb


def test_the_recovery_app_keeps_cohorts_within_its_byte_cap(monkeypatch) -> None:
    app = recovery_app.RecoverySimulator(2_000, 52)
    one = app._truth.nbytes
    monkeypatch.setattr(recovery_app, "TRUTHS_BYTES", 2 * one)
    shift = app.controls["baseline_shift"]
    for value in (shift.min, shift.max, 0.5, -0.5, 0.0):
        shift.value = value
        kept = sum(truth.nbytes for truth, _ in app._truths.values())
        assert kept <= 2 * one, f"{kept} bytes of cohorts kept, cap {2 * one}"
    shift.value = shift.min  # a dropped cohort is computed again, the same as before
    assert app._truth.nbytes == one


@pytest.mark.timeout(600)
def test_the_recovery_app_at_its_largest_stays_under_500_mb() -> None:
    (name,) = [n for n in USES if n.startswith("RecoverySimulator")]
    assert peak_mb(USES[name]) < BUDGET_MB
