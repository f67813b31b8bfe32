"""Headless tests of RecoverySimulator and TrialSimulator: set each control, assert the figure changed.

Every test builds its own app (no state shared between cases, so the order of tests cannot matter) and reads
traces by name, never by position.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from helpers.apps.recovery import ADVANCED_CONTROLS, MAIN_CONTROLS, RecoverySimulator
from helpers.apps.trial import TrialSimulator
from helpers.recovery_figures import TREATED_TRACES, TREATMENT_SHAPE, UNTREATED_TRACES
from helpers.trial_figures import TRUE_EFFECT


def _snapshot(app) -> str:
    return (
        json.dumps(app.figure.to_plotly_json()["data"], default=str, sort_keys=True)
        + str(app.figure.layout.title.text)
        + str([s.x1 for s in app.figure.layout.shapes])
    )


def _trace(app, name: str):
    (trace,) = [t for t in app.figure.data if t.name == name]
    return trace


def _small_recovery() -> RecoverySimulator:
    return RecoverySimulator(n_patients=1000, weeks=30)


def test_apps_build_with_no_arguments() -> None:
    for cls in (RecoverySimulator, TrialSimulator):
        app = cls()
        assert app.figure is not None and app.ui is not None and app.controls
        assert "run this cell" in app._repr_mimebundle_()["text/plain"]


RECOVERY_MOVES = {
    "schedule": "tu2024_10_in_4w",
    "specific_effect": 3.0,
    "nonspecific_effect": 2.0,
    "enrolment_peak": 2.0,
    "noise_sd": 1.5,
    "baseline_shift": 1.0,
    "class_mix": "more_severe",
}


@pytest.mark.parametrize(("name", "value"), RECOVERY_MOVES.items())
def test_every_recovery_control_changes_the_figure(name: str, value) -> None:
    app = _small_recovery()
    before, text = _snapshot(app), app.summary.value
    app.controls[name].value = value
    assert _snapshot(app) != before, f"moving {name} did not change the figure"
    assert app.summary.value != text or name in ("schedule",)


@pytest.mark.parametrize("name", ["noise_sd", "baseline_shift", "class_mix", "enrolment_peak"])
def test_a_cohort_control_moves_the_untreated_cohort_too(name: str) -> None:
    app = _small_recovery()
    before = list(_trace(app, "median, no added treatment").y)
    app.controls[name].value = RECOVERY_MOVES[name]
    assert list(_trace(app, "median, no added treatment").y) != before


def test_a_treatment_control_leaves_the_untreated_cohort_alone() -> None:
    app = _small_recovery()
    before = {name: np.asarray(_trace(app, name).y, dtype=float) for name in (*UNTREATED_TRACES, *TREATED_TRACES)}
    app.controls["specific_effect"].value = 3.5
    for name in UNTREATED_TRACES:
        assert np.array_equal(np.asarray(_trace(app, name).y, dtype=float), before[name], equal_nan=True), name
    assert not np.array_equal(_trace(app, "median, with treatment").y, before["median, with treatment"])


def test_recovery_controls_cover_the_scenario_and_hide_the_advanced_ones() -> None:
    app = _small_recovery()
    assert set(app.controls) == set(RECOVERY_MOVES) == {*MAIN_CONTROLS, *ADVANCED_CONTROLS}
    assert set(MAIN_CONTROLS) == {"schedule", "specific_effect", "nonspecific_effect", "enrolment_peak"}
    box = app._advanced_box
    assert box.layout.display == "none" and set(box.children) == {app.controls[k] for k in ADVANCED_CONTROLS}
    app.advanced.value = True
    assert box.layout.display != "none"
    app.advanced.value = False
    assert box.layout.display == "none"


def test_figure_trace_names_are_unique() -> None:
    names = [t.name for t in _small_recovery().figure.data]
    assert len(names) == len(set(names)) == len(UNTREATED_TRACES) + len(TREATED_TRACES)


def test_treatment_off_makes_both_cohorts_equal() -> None:
    app = _small_recovery()
    app.controls["schedule"].value = "none"
    assert list(_trace(app, "median, no added treatment").y) == list(_trace(app, "median, with treatment").y)
    assert list(_trace(app, "improved, no added treatment").y) == list(_trace(app, "improved, with treatment").y)
    assert all(s.x1 == 0 for s in app.figure.layout.shapes if s.name == TREATMENT_SHAPE)


def test_a_bigger_effect_raises_the_treated_improved_share() -> None:
    app = _small_recovery()
    app.controls["specific_effect"].value = 0.0
    low = sum(_trace(app, "improved, with treatment").y)
    app.controls["specific_effect"].value = 3.0
    assert sum(_trace(app, "improved, with treatment").y) > low


def test_enrolment_at_a_peak_raises_improvement_without_lowering_later_pain() -> None:
    """The lesson's key insight, in the app: a flare at enrolment inflates "improved", not week-12 pain."""
    app = _small_recovery()
    improved, median = _trace(app, "improved, no added treatment"), _trace(app, "median, no added treatment")
    before_improved, before_median = list(improved.y), list(median.y)
    app.controls["enrolment_peak"].value = 2.0
    assert improved.y[4] > before_improved[4] + 5  # percentage points
    assert median.y[12] == pytest.approx(before_median[12], abs=0.15)


@pytest.mark.parametrize(("name", "value"), [("n_per_arm", 30), ("effect", 0.0), ("control_change", -5.0), ("seed", 7)])
def test_every_trial_control_changes_the_figure(name: str, value) -> None:
    app = TrialSimulator()
    before = _snapshot(app)
    app.controls[name].value = value
    assert _snapshot(app) != before, f"moving {name} did not change the figure"


def test_trial_true_effect_line_follows_the_control() -> None:
    app = TrialSimulator()
    app.controls["effect"].value = -5.0
    assert list(_trace(app, TRUE_EFFECT).x) == [-5.0, -5.0]


def test_trial_title_reports_the_share_finding_benefit() -> None:
    app = TrialSimulator()
    app.controls["effect"].value = 0.0
    assert "find less pain" in app.figure.layout.title.text
    assert "0 mm" in app.figure.layout.title.text


def test_app_arguments_are_validated() -> None:
    for bad in (10, 500.5, "1000", None):  # NaN and inf: check_number is being fixed for them
        with pytest.raises(ValueError, match="n_patients"):
            RecoverySimulator(n_patients=bad)
    with pytest.raises(ValueError, match="weeks"):
        RecoverySimulator(weeks=2)
    with pytest.raises(ValueError, match="seed"):
        RecoverySimulator(seed=-1)
    with pytest.raises(ValueError, match="n_per_arm"):
        TrialSimulator(n_per_arm=1000)


def test_treated_share_is_never_below_untreated_share() -> None:
    app = _small_recovery()
    for value in (0.0, 1.0, 4.0):
        app.controls["specific_effect"].value = value
        assert np.all(
            np.asarray(_trace(app, "improved, with treatment").y)
            >= np.asarray(_trace(app, "improved, no added treatment").y)
        )


def test_going_back_to_an_earlier_cohort_shows_exactly_what_a_fresh_app_shows() -> None:
    app = _small_recovery()
    for mix in ("more_severe", "milder", "published"):
        app.controls["class_mix"].value = mix
    app.controls["baseline_shift"].value = 1.0
    app.controls["baseline_shift"].value = 0.0
    fresh = _small_recovery()
    for name in (*UNTREATED_TRACES, *TREATED_TRACES):
        assert np.array_equal(
            np.asarray(_trace(app, name).y, dtype=float), np.asarray(_trace(fresh, name).y, dtype=float), equal_nan=True
        ), name
