"""The recovery simulator's sentence under its figure: with no added treatment everyone has usual care only, so the
sentence never speaks of treated people or of "with treatment"; with a schedule it compares usual care only with
usual care plus the treatment (never "untreated": nobody in the source studies was left without care)."""

from __future__ import annotations

import re

import pytest

from helpers.apps.recovery import RecoverySimulator
from helpers.recovery import SCHEDULE_LABELS


def _words(app: RecoverySimulator) -> str:
    return re.sub(r"<[^>]+>", " ", app.summary.value)


@pytest.mark.parametrize("effect", [0.0, 2.5])
def test_no_treatment_never_says_treated(effect: float) -> None:
    app = RecoverySimulator(n_patients=1000, weeks=30)
    app.controls["specific_effect"].value = effect
    app.controls["schedule"].value = "none"
    text = _words(app)
    assert SCHEDULE_LABELS["none"].startswith("Usual care only")
    assert "treated" not in text and "with treatment" not in text, text
    assert "under usual care, with no treatment added" in text and "choose a schedule to compare" in text
    assert re.search(r"at week 12, \d+% of the simulated people have improved", text), text


def test_a_schedule_compares_usual_care_only_and_treated() -> None:
    app = RecoverySimulator(n_patients=1000, weeks=30)
    app.controls["schedule"].value = "tu2024_10_in_4w"
    text = _words(app)
    assert "of the people under usual care only and" in text and "of the treated people" in text
    assert "with the added treatment" in text and "untreated" not in text
