"""Headless tests of RecoverySimulator and TrialSimulator: set each control, assert the figure changed."""

from __future__ import annotations

import json

import pytest

from helpers.apps.recovery import RecoverySimulator
from helpers.apps.trial import TrialSimulator


def _snapshot(app) -> str:
    return json.dumps(app.figure.to_plotly_json()["data"], default=str, sort_keys=True) + str(
        app.figure.layout.title.text) + str([s.x1 for s in app.figure.layout.shapes])


@pytest.fixture(scope="module")
def recovery_app() -> RecoverySimulator:
    return RecoverySimulator(n_patients=2000, weeks=52)


@pytest.fixture(scope="module")
def trial_app() -> TrialSimulator:
    return TrialSimulator()


def test_apps_build_with_no_arguments() -> None:
    for cls in (RecoverySimulator, TrialSimulator):
        app = cls()
        assert app.figure is not None and app.ui is not None and app.controls
        assert "run this cell" in app._repr_mimebundle_()["text/plain"]


RECOVERY_MOVES = {
    "schedule": "tu2024_10_in_4w", "specific_effect": 3.0, "nonspecific_effect": 2.0, "enrolment_peak": 2.0,
    "noise_sd": 1.5, "baseline_shift": 1.0, "class_mix": "more_severe",
}


@pytest.mark.parametrize(("name", "value"), RECOVERY_MOVES.items())
def test_every_recovery_control_changes_the_figure(recovery_app: RecoverySimulator, name: str, value) -> None:
    before, text = _snapshot(recovery_app), recovery_app.summary.value
    recovery_app.controls[name].value = value
    assert _snapshot(recovery_app) != before, f"moving {name} did not change the figure"
    assert recovery_app.summary.value != text or name in ("schedule",)


def test_recovery_controls_cover_the_scenario(recovery_app: RecoverySimulator) -> None:
    assert set(recovery_app.controls) == set(RECOVERY_MOVES)


def test_treatment_off_makes_both_cohorts_equal() -> None:
    app = RecoverySimulator(n_patients=1000, weeks=20)
    app.controls["schedule"].value = "none"
    data = app.figure.data
    assert list(data[1].y) == list(data[5].y)  # medians
    assert list(data[8].y) == list(data[9].y)  # improved shares


def test_a_bigger_effect_raises_the_treated_improved_share() -> None:
    app = RecoverySimulator(n_patients=1000, weeks=20)
    app.controls["specific_effect"].value = 0.0
    low = sum(app.figure.data[9].y)
    app.controls["specific_effect"].value = 3.0
    assert sum(app.figure.data[9].y) > low


@pytest.mark.parametrize(("name", "value"), [("n_per_arm", 30), ("effect", 0.0), ("control_change", -5.0),
                                             ("seed", 7)])
def test_every_trial_control_changes_the_figure(trial_app: TrialSimulator, name: str, value) -> None:
    before = _snapshot(trial_app)
    trial_app.controls[name].value = value
    assert _snapshot(trial_app) != before, f"moving {name} did not change the figure"


def test_trial_title_reports_the_share_finding_benefit() -> None:
    app = TrialSimulator()
    app.controls["effect"].value = 0.0
    assert "find less pain" in app.figure.layout.title.text
    assert "0 mm" in app.figure.layout.title.text


def test_app_arguments_are_validated() -> None:
    with pytest.raises(ValueError, match="n_patients"):
        RecoverySimulator(n_patients=10)
    with pytest.raises(ValueError, match="n_per_arm"):
        TrialSimulator(n_per_arm=1000)
