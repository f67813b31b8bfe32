"""Unit and property tests of the simulated trial (helpers.trial) and its figures."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import trial, trial_figures
from helpers.tables import load_table


def test_defaults_follow_tu_2024() -> None:
    result = trial.simulate_trial()
    assert result.n_per_arm == 110
    assert result.true_effect == pytest.approx(-15.9)
    many = trial.simulate_trials(20_000)
    assert np.mean(many.difference) == pytest.approx(-15.9, abs=0.1)
    # the derived SD reproduces the reported interval width (10.7 mm) with about 108 analysed per arm
    width = np.median(many.ci_high - many.ci_low)
    assert width == pytest.approx(10.7, abs=0.6)


def test_result_is_frozen_and_reproducible() -> None:
    a, b = trial.simulate_trial(seed=3), trial.simulate_trial(seed=3)
    assert a == b and np.array_equal(a.treatment_values, b.treatment_values)
    assert trial.simulate_trial(seed=4) != a
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.difference = 0  # type: ignore[misc]


def test_difference_and_interval_are_consistent() -> None:
    r = trial.simulate_trial(n_per_arm=40, seed=9)
    assert r.difference == pytest.approx(r.treatment_change - r.control_change)
    assert r.ci_low < r.difference < r.ci_high
    assert r.treatment_change == pytest.approx(r.treatment_values.mean())


def test_effect_zero_makes_the_arms_equal_in_distribution() -> None:
    results = [trial.simulate_trial(n_per_arm=50, effect=0, seed=s) for s in range(400)]
    treat = np.concatenate([r.treatment_values for r in results])
    ctrl = np.concatenate([r.control_values for r in results])
    grid = np.sort(np.concatenate([treat, ctrl]))
    ks = np.max(
        np.abs(
            np.searchsorted(np.sort(treat), grid, side="right") / treat.size
            - np.searchsorted(np.sort(ctrl), grid, side="right") / ctrl.size
        )
    )
    assert ks < 1.95 * np.sqrt(2 / treat.size)  # two-sample Kolmogorov–Smirnov, alpha = 0.001
    se = trial.CHANGE_SD_MM * np.sqrt(2 / treat.size)
    assert abs(treat.mean() - ctrl.mean()) < 4 * se
    assert treat.std() == pytest.approx(ctrl.std(), rel=0.03)


@pytest.mark.parametrize("n_per_arm", [8, 30, 110])
def test_interval_covers_zero_about_95_percent_of_the_time_under_no_effect(n_per_arm: int) -> None:
    covers = np.mean([trial.simulate_trial(n_per_arm=n_per_arm, effect=0, seed=s).covers_zero for s in range(2000)])
    assert 0.93 <= covers <= 0.97  # binomial SD ≈ 0.005 at 2,000 trials
    many = trial.simulate_trials(40_000, n_per_arm=n_per_arm, effect=0, seed=1)
    assert many.coverage == pytest.approx(0.95, abs=0.005)
    assert many.share_significant == pytest.approx(0.05, abs=0.005)


def test_power_rises_with_sample_size_and_effect() -> None:
    small = trial.simulate_trials(5000, n_per_arm=10, effect=-10, seed=2).share_finding_benefit
    big = trial.simulate_trials(5000, n_per_arm=100, effect=-10, seed=2).share_finding_benefit
    larger = trial.simulate_trials(5000, n_per_arm=100, effect=-20, seed=2).share_finding_benefit
    assert small < big < larger


@settings(max_examples=30, deadline=None)
@given(n=st.integers(5, 400), effect=st.floats(-40, 10), seed=st.integers(0, 2**32 - 1))
def test_many_trials_have_the_spread_and_interval_width_of_the_analytic_standard_error(
    n: int, effect: float, seed: int
) -> None:
    """The shortcut of simulate_trials must give trials that vary as real ones do: the SD of the differences
    over repeats is the analytic standard error sd·√(2/n), and the interval half-width is t·SE on average."""
    k = 4000
    many = trial.simulate_trials(k, n_per_arm=n, effect=effect, seed=seed)
    se = trial.CHANGE_SD_MM * np.sqrt(2 / n)
    assert many.difference.shape == (k,)
    # the SD of k normal draws is within ±6 % of the truth far beyond 4 standard errors (SE ≈ 1.1 % at k = 4000)
    assert np.std(many.difference, ddof=1) == pytest.approx(se, rel=0.06)
    assert np.mean(many.difference) == pytest.approx(effect, abs=5 * se / np.sqrt(k))
    half = (many.ci_high - many.ci_low) / 2
    assert np.mean(half) == pytest.approx(trial.t_quantile_975(2 * n - 2) * se, rel=0.04)
    assert np.allclose(many.ci_low + half, many.difference)


def test_many_trials_agree_with_person_by_person_trials() -> None:
    """simulate_trials against simulate_trial (which draws every person): same spread of differences."""
    singles = np.array([trial.simulate_trial(n_per_arm=30, effect=-10, seed=s).difference for s in range(1500)])
    many = trial.simulate_trials(20_000, n_per_arm=30, effect=-10, seed=5)
    # SDs of 1,500 and 20,000 draws: each within a few % of the truth (SE about 1.8 % and 0.5 %)
    assert np.std(many.difference, ddof=1) == pytest.approx(np.std(singles, ddof=1), rel=0.09)
    assert np.mean(many.difference) == pytest.approx(np.mean(singles), abs=0.6)


def test_t_quantile_matches_tables() -> None:
    for df, expected in ((8, 2.306), (18, 2.101), (218, 1.971), (10_000, 1.960)):
        assert trial.t_quantile_975(df) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n_per_arm": 2}, "n_per_arm"),
        ({"n_per_arm": 10.5}, "n_per_arm"),
        ({"effect": -70}, "effect"),
        ({"effect": float("nan")}, "effect"),
        ({"sd": 0}, "sd"),
        ({"seed": -3}, "seed"),
        ({"control_change": "big"}, "control_change"),
    ],
)
def test_invalid_arguments_name_the_argument(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        trial.simulate_trial(**kwargs)
    with pytest.raises(ValueError, match=name):
        trial.simulate_trials(10, **kwargs)
    with pytest.raises(ValueError, match="n_trials"):
        trial.simulate_trials(0)


def test_trial_figure_and_forest_plot() -> None:
    fig = trial_figures.trial_app_figure(trial.simulate_trial(), trial.simulate_trials(500))
    assert len(fig.data) == len(trial_figures.trial_trace_values(trial.simulate_trial(), trial.simulate_trials(5)))
    assert "mm" in fig.layout.yaxis.title.text and fig.layout.title.text.startswith("Simulated")
    effects = load_table("effect_sizes")
    forest = trial_figures.forest_figure(effects)
    plotted = sum(len(t.x) for t in forest.data)
    assert plotted == int((effects["scale"] == "0-100").sum())
    assert "0–100" in forest.layout.xaxis.title.text
    gabapentin = [y for t in forest.data for y in t.y if y.startswith("Gabapentin")]
    assert gabapentin and "overall pain relief" in gabapentin[0]  # not leg pain [pinto2012_drugs]


def test_trial_figure_traces_have_unique_names_that_the_values_cover() -> None:
    one, many = trial.simulate_trial(), trial.simulate_trials(200)
    fig = trial_figures.trial_app_figure(one, many)
    names = [t.name for t in fig.data]
    assert len(names) == len(set(names)) and None not in names
    assert set(names) == set(trial_figures.trial_trace_values(one, many))


def test_effect_sizes_record_the_published_definitions() -> None:
    effects = load_table("effect_sizes").set_index("id")
    assert effects.loc["pinto2012_gabapentin", "outcome"] == "Overall pain relief"
    assert "Chronic sciatica" in effects.loc["pinto2012_gabapentin", "population"]
    assert "Oral" not in effects.loc["pinto2012_corticosteroids", "treatment"]
    assert effects.loc["liu2023_3m", "timepoint"] == "> 6 weeks to 3 months"
    assert effects.loc["liu2023_12m", "timepoint"] == "at 12 months"  # the abstract: "long term (at 12 months)"
    assert (effects.loc["liu2023_6w", ["estimate", "ci_low", "ci_high"]].tolist()) == [-12.1, -23.6, -0.5]
