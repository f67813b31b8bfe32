"""Unit and property tests of the recovery simulation (helpers.recovery) and its figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import recovery, recovery_figures
from helpers.tables import load_table


def test_same_seed_same_result_and_other_seed_differs() -> None:
    a = recovery.simulate(200, 20, seed=7, schedule="clinic_page_7w", specific_effect=1.0)
    b = recovery.simulate(200, 20, seed=7, schedule="clinic_page_7w", specific_effect=1.0)
    c = recovery.simulate(200, 20, seed=8, schedule="clinic_page_7w", specific_effect=1.0)
    pd.testing.assert_frame_equal(a, b)
    assert not a["leg_pain"].equals(c["leg_pain"])


def test_simulate_is_tidy_with_the_contract_columns() -> None:
    df = recovery.simulate(50, 12, seed=1)
    assert list(df.columns) == ["patient", "week", "leg_pain", "trajectory"]
    assert len(df) == 50 * 13
    assert df.groupby("patient")["week"].apply(list).map(lambda w: w == list(range(13))).all()
    assert set(df["trajectory"]) <= set(recovery.CLASS_IDS)
    assert (df.groupby("patient")["trajectory"].nunique() == 1).all()


def test_dataframe_and_array_paths_give_the_same_numbers() -> None:
    args = {"schedule": "tu2024_10_in_4w", "specific_effect": 1.5, "enrolment_peak": 1.0}
    table = recovery.summarize(recovery.simulate(300, 30, seed=3, **args))
    pain, _ = recovery.pain_array(300, 30, seed=3, **args)
    arr = recovery.summarize_array(pain)
    for col in ("mean", "p10", "p50", "p90", "improved_share", "recovered_share"):
        np.testing.assert_array_equal(table[col].to_numpy(), getattr(arr, col))


@pytest.mark.parametrize("schedule", ["none", "clinic_page_7w", "tu2024_10_in_4w"])
def test_sorting_once_gives_the_same_summary_as_sorting_each_cohort(schedule: str) -> None:
    """The apps sort the latent pain once and shift it for each treatment: it must give identical numbers."""
    cohort = recovery.draw_cohort(3000, 20, 6)
    scen = recovery.scenario(schedule=schedule, specific_effect=4.0, nonspecific_effect=1.0, enrolment_peak=1.0)
    latent = recovery.latent_pain(cohort, scen)
    treated = recovery.apply_treatment(latent, scen)
    fast = recovery.summarize_array(treated, recovery.sorted_treated(np.sort(latent, axis=1), scen))
    slow = recovery.summarize_array(treated)
    for name in ("p10", "p50", "p90", "recovered_share", "improved_share", "mean"):
        np.testing.assert_array_equal(getattr(fast, name), getattr(slow, name))


def test_summary_quantiles_match_numpy_percentile() -> None:
    pain, _ = recovery.pain_array(1001, 10, seed=5, noise_sd=1.2)
    s = recovery.summarize_array(pain)
    for q, got in ((10, s.p10), (50, s.p50), (90, s.p90)):
        np.testing.assert_allclose(got, np.percentile(pain.astype(float), q, axis=1), rtol=0, atol=1e-6)


def test_summary_shares_follow_their_definitions() -> None:
    df = pd.DataFrame(
        {
            "patient": [1, 1, 2, 2, 3, 3, 4, 4],
            "week": [0, 1] * 4,
            "leg_pain": [10.0, 7.0, 10.0, 7.5, 4.0, 0.0, 0.0, 0.0],
        }
    )
    s = recovery.summarize(df).set_index("week")
    assert s.loc[1, "improved_share"] == pytest.approx(0.5)  # 30 % and 100 % falls; 25 % is not; from 0 none
    assert s.loc[1, "recovered_share"] == pytest.approx(0.5)  # scores of 0 at week 1
    assert s.loc[0, "mean"] == pytest.approx(6.0)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    shift=st.floats(-3, 3),
    peak=st.floats(0, 3),
    noise=st.floats(0, 3),
    specific=st.floats(0, 5),
    nonspecific=st.floats(0, 5),
)
def test_pain_stays_within_0_and_10(seed, shift, peak, noise, specific, nonspecific) -> None:
    pain, _ = recovery.pain_array(
        200,
        26,
        seed,
        baseline_shift=shift,
        enrolment_peak=peak,
        noise_sd=noise,
        specific_effect=specific,
        nonspecific_effect=nonspecific,
        schedule="clinic_page_7w",
    )
    assert np.isfinite(pain).all()
    assert pain.min() >= 0.0 and pain.max() <= 10.0


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    low=st.floats(0, 5),
    extra=st.floats(0, 5),
    schedule=st.sampled_from(["clinic_page_5w", "clinic_page_7w", "tu2024_10_in_4w"]),
)
def test_a_larger_specific_effect_never_gives_less_improvement(seed, low, extra, schedule) -> None:
    high = min(low + extra, 5.0)
    small, _ = recovery.pain_array(300, 20, seed, schedule=schedule, specific_effect=low)
    large, _ = recovery.pain_array(300, 20, seed, schedule=schedule, specific_effect=high)
    assert (large <= small + 1e-6).all()  # the same people, never more pain
    s_small, s_large = recovery.summarize_array(small), recovery.summarize_array(large)
    assert (s_large.improved_share >= s_small.improved_share).all()
    assert (s_large.mean <= s_small.mean + 1e-9).all()


def test_treatment_changes_nothing_before_the_first_session() -> None:
    untreated, _ = recovery.pain_array(500, 10, 2)
    treated, _ = recovery.pain_array(500, 10, 2, schedule="clinic_page_7w", specific_effect=2, nonspecific_effect=1)
    np.testing.assert_array_equal(untreated[0], treated[0])
    assert treated[5].mean() < untreated[5].mean()


def test_enrolling_at_a_pain_peak_inflates_apparent_improvement() -> None:
    plain = recovery.summarize_array(recovery.pain_array(5000, 12, 4)[0])
    peak = recovery.summarize_array(recovery.pain_array(5000, 12, 4, enrolment_peak=2.0)[0])
    assert peak.mean[0] > plain.mean[0] + 1.5
    assert peak.improved_share[4] > plain.improved_share[4] + 0.05
    assert abs(peak.mean[12] - plain.mean[12]) < 0.05  # the flare is gone by week 12


def test_calibration_points_within_their_stated_bands() -> None:
    table = recovery.calibration(n_patients=10_000, seed=0)
    bad = table.loc[~table["within"], ["id", "low", "simulated", "high"]]
    assert bad.empty, f"calibration outside its band:\n{bad}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_calibration_holds_for_other_seeds(seed: int) -> None:
    assert recovery.calibration(n_patients=10_000, seed=seed)["within"].all()


def test_class_shares_are_the_published_ones() -> None:
    classes = load_table("trajectory_classes").set_index("id")["share"]
    assert classes.to_dict() == {
        "improving_mild": 0.58,
        "persistent_moderate": 0.26,
        "persistent_severe": 0.13,
        "improving_severe": 0.03,
    }
    _, idx = recovery.pain_array(20_000, 2, 0)
    shares = np.bincount(idx, minlength=4) / idx.size
    np.testing.assert_allclose(shares, [0.58, 0.26, 0.13, 0.03], atol=0.01)


def test_schedules_match_the_sources() -> None:
    assert recovery.scenario(schedule="tu2024_10_in_4w").total_sessions == 10
    assert recovery.scenario(schedule="clinic_page_5w").total_sessions == 5
    assert recovery.scenario(schedule="clinic_page_7w").total_sessions == 7


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"baseline_shift": 4}, "baseline_shift"),
        ({"specific_effect": -1}, "specific_effect"),
        ({"nonspecific_effect": 6}, "nonspecific_effect"),
        ({"enrolment_peak": float("nan")}, "enrolment_peak"),
        ({"noise_sd": "a lot"}, "noise_sd"),
        ({"sessions_per_week": 8}, "sessions_per_week"),
        ({"treatment_weeks": 2.5}, "treatment_weeks"),
        ({"class_mix": (0.5, 0.5, 0.5, 0.5)}, "class_mix"),
        ({"class_mix": "unknown"}, "class_mix"),
        ({"schedule": "daily"}, "schedule"),
        ({"schedule": "tu2024_10_in_4w", "treatment_weeks": 3}, "treatment_weeks"),
        ({"dose": 3}, "dose"),
        ({"n_patients": 0}, "n_patients"),
        ({"weeks": 200}, "weeks"),
        ({"seed": -1}, "seed"),
    ],
)
def test_invalid_arguments_name_the_argument_and_range(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        recovery.simulate(**{"n_patients": 10, "weeks": 4, **kwargs})


def _frame():
    return recovery.simulate(5, 4, seed=0)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda df: df.drop(columns="leg_pain"), "missing column.*leg_pain"),
        (lambda df: df.drop(columns="patient"), "missing column.*patient"),
        (lambda df: df.iloc[:0], "empty"),
        (lambda df: df[df["week"] > 0], "first week must be 0"),
        (lambda df: df.iloc[1:], "patient-week.*missing"),
        (lambda df: pd.concat([df, df.iloc[[3]]]), "duplicate patient-week"),
        (lambda df: df.assign(leg_pain=df["leg_pain"] + 11), "within 0–10"),
        (lambda df: df.assign(leg_pain=-df["leg_pain"] - 1), "within 0–10"),
        (lambda df: df.assign(leg_pain=np.where(df.index == 2, np.nan, df["leg_pain"])), "not missing"),
        (lambda df: df.assign(leg_pain="7"), "numbers in 0–10"),
        (lambda df: df.assign(week=df["week"] + 0.5), "whole numbers"),
        (lambda df: df.assign(week=df["week"] - 1), "0 or more"),
        (lambda df: df.assign(patient=np.where(df.index == 0, None, df["patient"])), "patient has missing"),
        (lambda df: [1, 2, 3], "DataFrame"),
    ],
)
def test_summarize_checks_its_frame_and_names_the_problem(damage, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        recovery.summarize(damage(_frame()))


def test_summarize_accepts_any_row_order_and_id_type() -> None:
    df = _frame()
    expected = recovery.summarize(df)
    shuffled = df.sample(frac=1.0, random_state=3).assign(
        patient=lambda d: "p" + d["patient"].astype(str), week=lambda d: d["week"].astype(float)
    )
    pd.testing.assert_frame_equal(recovery.summarize(shuffled), expected, check_dtype=False)


def test_simulate_uses_lean_dtypes() -> None:
    df = recovery.simulate(20, 4, seed=0)
    assert df["patient"].dtype == np.int32 and df["week"].dtype == np.int16
    assert df["leg_pain"].dtype == np.float32 and isinstance(df["trajectory"].dtype, pd.CategoricalDtype)
    assert list(df["trajectory"].cat.categories) == list(recovery.CLASS_IDS)


def test_the_largest_allowed_run_fits_in_500_mb() -> None:
    """simulate(100_000, 104) then summarize: peak memory of a fresh process (issue #10 §5), imports included.

    Measured as VmHWM, the high-water mark of the child's own memory map: ``ru_maxrss`` would carry over the pytest
    worker's peak through fork and exec (CI saw 542 MB that way for a run that peaks near 340 MB)."""
    from tests.bench.worst_use import BUDGET_MB, USES, peak_mb

    peak = peak_mb(USES["simulate(100_000, 104) then summarize"])
    assert peak <= BUDGET_MB, f"peak {peak:.0f} MB"


def test_lesson_05_groupby_at_its_stated_limit_fits_in_500_mb() -> None:
    """Lesson 05's class-by-week groupby on the largest cohort the lesson and README allow for it (80,000 people at
    104 weeks; the full 100,000 peaks near 540 MB because pandas sizes its hash table by the rows): fresh process,
    kernel high-water mark, imports included."""
    import json
    from pathlib import Path

    from tests.bench.worst_use import BUDGET_MB, GROUPBY_MAX_PATIENTS, USES, peak_mb

    root = Path(__file__).resolve().parents[1]
    lesson = json.loads((root / "notebooks" / "05_recovery_curves.ipynb").read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in lesson["cells"]]
    assert any('df.groupby(["trajectory", "week"])["leg_pain"].mean().unstack("trajectory")' in s for s in sources)
    assert any(f"up to {GROUPBY_MAX_PATIENTS:,} people at 104 weeks" in s for s in sources)
    assert f"`simulate({GROUPBY_MAX_PATIENTS:_}, 104)`" in (root / "README.md").read_text(encoding="utf-8")
    use = next(code for name, code in USES.items() if name.startswith("lesson 05's class-by-week groupby"))
    assert "df.groupby(['trajectory', 'week'])['leg_pain'].mean().unstack('trajectory')" in use
    peak = peak_mb(use)
    assert peak <= BUDGET_MB, f"peak {peak:.0f} MB"


def test_recovery_figure_has_titles_units_and_the_treatment_weeks() -> None:
    cohort = recovery.draw_cohort(500, 30, 0)
    scen = recovery.scenario(schedule="clinic_page_7w", specific_effect=1)
    latent = recovery.latent_pain(cohort, scen)
    un, tr = recovery.apply_treatment(latent, scen.untreated), recovery.apply_treatment(latent, scen)
    ids = recovery_figures.pick_patients(recovery.class_index(cohort, scen.class_mix))
    panels = recovery_figures.RecoveryPanels(
        recovery.summarize_array(un),
        recovery.summarize_array(tr),
        un[:, ids].T,
        tr[:, ids].T,
        scen.treatment_weeks,
        "Simulated: test",
    )
    fig = recovery_figures.recovery_figure(panels)
    assert len(fig.data) == len(recovery_figures.trace_values(panels)) == 10
    assert fig.layout.title.text.startswith("Simulated")
    assert "NRS" in fig.layout.yaxis.title.text and "Weeks" in fig.layout.xaxis3.title.text
    assert [s.x1 for s in fig.layout.shapes if s.name == recovery_figures.TREATMENT_SHAPE] == [7, 7]
    names = [t.name for t in fig.data]
    assert len(set(names)) == len(names)


def test_scenario_panels_match_the_step_by_step_path() -> None:
    scen = recovery.scenario(schedule="clinic_page_7w", specific_effect=1)
    panels = recovery_figures.scenario_panels(scen, n_patients=500, weeks=20, seed=4)
    pain, _ = recovery.pain_array(500, 20, 4, schedule="clinic_page_7w", specific_effect=1)
    np.testing.assert_array_equal(panels.treated.p50, recovery.summarize_array(pain).p50)


def test_calibration_figure_draws_every_published_point() -> None:
    pain, _ = recovery.pain_array(2000, 52, 0)
    targets = load_table("calibration_targets")
    fig = recovery_figures.calibration_figure(
        recovery.summarize_array(pain), float(pain[0].mean()), float(pain[0].std()), targets
    )
    shares = targets[targets["measure"].str.endswith("share")]
    diamonds = [t for t in fig.data if t.mode == "markers" and t.marker.symbol == "diamond"]
    assert len(diamonds) == len(shares)
    assert "Simulated" in fig.layout.title.text
    assert "course's own" in fig.layout.title.text  # the bands are the course's assumption
    year = [t for t in fig.data if t.name and t.name.startswith("at one year")]
    assert len(year) == 1
    labels = list(year[0].y)
    for outcome in recovery.ONE_YEAR_OUTCOMES:
        assert any(outcome.references in label for label in labels)
    assert any("improved_share" in d for d in year[0].customdata)  # says which definition the simulation uses
    assert "%" in fig.layout.xaxis3.title.text


def test_one_year_outcomes_are_the_published_ones_with_known_references() -> None:
    refs = set(load_table("references")["id"])
    shares = {o.references: o.share_better for o in recovery.ONE_YEAR_OUTCOMES}
    assert shares == {"konstantinou2018": 0.55, "pinto2017": 0.70, "haugen2012": 0.56, "iversen2015": 0.466}
    assert set(shares) <= refs


def test_natural_history_sources_are_cited_as_one_acute_trial() -> None:
    refs = load_table("references").set_index("id")
    assert refs.loc["pinto2017", "title"] == "Which pain medications are effective for sciatica (radicular leg pain)?"
    targets = load_table("calibration_targets").set_index("id")
    for target in ("much_better_week2", "improved_week12"):
        # one group of acute-sciatica patients: the 1999 trial and its 2002 follow-up report (Pinto's "three quarters")
        assert {"vroomen1999", "pinto2017"} <= set(targets.loc[target, "references"].split(";"))
        assert set(targets.loc[target, "references"].split(";")) <= {"vroomen1999", "pinto2017", "vroomen2002"}
    assert "acute" in targets.loc["much_better_week2", "description"]
    assert "vroomen2002" in targets.loc["improved_week12", "references"]
    assert "surgery" in targets.loc["improved_week12", "description"]
    assert all(
        "assumption" in note
        for note in targets.loc[["much_better_week2", "improved_week12", "troubled_week52"], "note"]
    )


@pytest.mark.parametrize("schedule", ["none", "clinic_page_7w", "tu2024_10_in_4w"])
def test_treated_quantiles_equal_the_quantiles_of_the_sorted_treated_cohort(schedule: str) -> None:
    """The apps' shortcut (two columns per quantile) gives bit for bit what a full sort of the treated cohort gives."""
    scen = recovery.scenario(schedule=schedule, specific_effect=1.9, nonspecific_effect=0.8, enrolment_peak=1.0)
    cohort = recovery.draw_cohort(3000, 26, 7)  # n - 1 = 2999: every quantile falls between two people
    latent = recovery.latent_pain(cohort, scen)
    full = recovery.summarize_array(recovery.apply_treatment(latent, scen))
    fast = recovery.summarize_array(
        recovery.apply_treatment(latent, scen), quantiles=recovery.treated_quantiles(np.sort(latent, axis=1), scen)
    )
    for name in ("p10", "p50", "p90"):
        assert np.array_equal(getattr(full, name), getattr(fast, name)), name
