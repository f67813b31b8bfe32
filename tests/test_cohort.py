"""helpers.cohort: a seeded, documented simulated cohort whose causes follow the cohort tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.cohort import (
    ASSUMPTIONS,
    DEFAULT_N,
    Accuracy,
    accuracy,
    cause_shares,
    co_occurrence,
    model,
    simulate_cohort,
    symptom_columns,
    urgency_column,
)
from helpers.symptoms import urgency_of
from helpers.tables import load_table


@pytest.fixture(scope="module")
def cohort() -> pd.DataFrame:
    return simulate_cohort()


def test_shape_columns_and_label(cohort: pd.DataFrame) -> None:
    assert len(cohort) == DEFAULT_N
    assert list(cohort.columns[:2]) == ["person", "cause"] and cohort.columns[-1] == "urgency"
    assert cohort["person"].tolist() == list(range(1, DEFAULT_N + 1))
    assert all(cohort[s].dtype == bool for s in symptom_columns(cohort))
    assert "Simulated" in cohort.attrs["simulated"] and cohort.attrs["simulated"] == ASSUMPTIONS


def test_same_seed_same_cohort_other_seed_other_cohort() -> None:
    pd.testing.assert_frame_equal(simulate_cohort(n=500, seed=7), simulate_cohort(n=500, seed=7))
    assert not simulate_cohort(n=500, seed=7).equals(simulate_cohort(n=500, seed=8))


def test_cause_shares_follow_the_table(cohort: pd.DataFrame) -> None:
    want = load_table("cohort_causes").set_index("id")["share"]
    got = cohort["cause"].value_counts(normalize=True)
    for cause, share in want.items():
        se = np.sqrt(share * (1 - share) / len(cohort))
        assert abs(got[cause] - share) < 4 * se + 1e-3, cause
    assert got.idxmax() == "disc_herniation"


def test_symptom_frequencies_follow_the_probability_table() -> None:
    big = simulate_cohort(n=200_000, seed=11)
    m = model()
    dh = big[big["cause"] == "disc_herniation"]
    for j, symptom in enumerate(m.symptoms):
        p = m.probabilities[m.causes.index("disc_herniation"), j]
        assert abs(dh[symptom].mean() - p) < 0.01, symptom


def test_fatigue_does_not_shift_the_cause_mix(cohort: pd.DataFrame) -> None:
    shares = pd.crosstab(cohort["fatigue"], cohort["cause"], normalize="index")["disc_herniation"]
    assert abs(shares[True] - shares[False]) < 0.03


def test_pain_below_knee_and_numbness_raise_the_disc_share(cohort: pd.DataFrame) -> None:
    overall = cause_shares(cohort)["disc_herniation"]
    among = cause_shares(cohort, ["leg_pain_below_knee", "numbness_tingling_leg"])
    assert among["disc_herniation"] > overall
    assert abs(among.sum() - 1) < 1e-9 and among.attrs["n"] > 0


def test_urgency_column_matches_the_triage_rule(cohort: pd.DataFrame) -> None:
    cols = symptom_columns(cohort)
    sample = cohort.sample(300, random_state=1)
    for _, row in sample.iterrows():
        assert row["urgency"] == urgency_of([s for s in cols if row[s]])
    assert set(cohort["urgency"]) == {"routine", "urgent", "emergency"}


def test_urgency_column_ignores_absent_columns() -> None:
    frame = pd.DataFrame({"fever": [True, False], "saddle_anaesthesia": [False, False]})
    assert urgency_column(frame).tolist() == ["urgent", "routine"]


def test_co_occurrence_conditional_and_joint(cohort: pd.DataFrame) -> None:
    cond = co_occurrence(cohort)
    joint = co_occurrence(cohort, kind="joint")
    assert list(cond.index) == symptom_columns(cohort)
    assert np.allclose(np.diag(cond.to_numpy()), 1.0)
    assert np.allclose(np.diag(joint.to_numpy()), cohort[symptom_columns(cohort)].mean().to_numpy())
    both = (cohort["buttock_pain"] & cohort["fatigue"]).sum() / cohort["buttock_pain"].sum()
    assert cond.loc["buttock_pain", "fatigue"] == pytest.approx(both)


def test_cause_shares_of_an_empty_group_are_zero() -> None:
    tiny = simulate_cohort(n=5, seed=1)
    shares = cause_shares(tiny, ["saddle_anaesthesia", "fever", "bladder_dysfunction"])
    assert shares.attrs["n"] == 0 and (shares == 0).all()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n": 0}, "n: 0 is outside"),
        ({"n": 2_000_000}, "n: 2000000 is outside"),
        ({"n": 2.5}, "n: 2.5"),
        ({"n": True}, "n: True"),
        ({"seed": -1}, "seed: -1"),
        ({"seed": "a"}, "seed: 'a'"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        simulate_cohort(**kwargs)


def test_bad_helper_arguments_are_named(cohort: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="kind: 'x'"):
        co_occurrence(cohort, kind="x")
    with pytest.raises(ValueError, match="having: expected a list"):
        cause_shares(cohort, "fever")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"having: \['nope'\]"):
        cause_shares(cohort, ["nope"])
    with pytest.raises(ValueError, match="frame: no symptom columns"):
        co_occurrence(pd.DataFrame({"a": [1]}))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 3000), st.integers(0, 2**32 - 1))
def test_any_valid_size_and_seed_gives_a_consistent_cohort(n: int, seed: int) -> None:
    df = simulate_cohort(n=n, seed=seed)
    assert len(df) == n and df["cause"].notna().all()
    assert set(df["cause"].cat.categories) == set(model().causes)


# ------------------------------------------------------------------------------------------------ the 2×2 table
def test_accuracy_of_a_small_known_table() -> None:
    flagged = pd.Series([True, True, True, False, False, False, False, False, False, False])
    has_it = pd.Series([True, False, False, True, False, False, False, False, False, False])
    acc = accuracy(flagged, has_it)
    assert (acc.tp, acc.fp, acc.fn, acc.tn, acc.n) == (1, 2, 1, 6, 10)
    assert acc.sensitivity == pytest.approx(1 / 2) and acc.specificity == pytest.approx(6 / 8)
    assert acc.ppv == pytest.approx(1 / 3) and acc.prevalence == pytest.approx(2 / 10)


def test_emergency_rule_in_the_cohort_is_sensitive_and_specific_with_a_low_ppv(cohort: pd.DataFrame) -> None:
    """Issue 11.4: the low share of flagged people with CES is the PPV, and it comes from the low prevalence."""
    acc = accuracy(cohort["urgency"] == "emergency", cohort["cause"] == "cauda_equina")
    assert acc.sensitivity > 0.9 and acc.specificity > 0.9 and acc.ppv < 0.1 and acc.prevalence < 0.005
    sentence = acc.sentence("emergency", "cauda equina syndrome")
    assert "positive predictive value" in sentence and "prevalence" in sentence and "outnumber" in sentence
    assert "not specific" not in sentence


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=200))
def test_accuracy_counts_and_bayes(pairs: list[tuple[bool, bool]]) -> None:
    flagged = pd.Series([p[0] for p in pairs])
    has_it = pd.Series([p[1] for p in pairs])
    acc = accuracy(flagged, has_it)
    assert acc.n == len(pairs) and acc.tp + acc.fn == int(has_it.sum()) and acc.tp + acc.fp == int(flagged.sum())
    sens, spec, prev = acc.sensitivity, acc.specificity, acc.prevalence
    if acc.tp + acc.fp and 0 < prev < 1:
        bayes = sens * prev / (sens * prev + (1 - spec) * (1 - prev))
        assert acc.ppv == pytest.approx(bayes)


def test_accuracy_is_frozen_and_validates_its_arguments() -> None:
    acc = Accuracy(1, 0, 0, 1)
    with pytest.raises(AttributeError):
        acc.tp = 2  # type: ignore[misc]
    assert np.isnan(Accuracy(0, 0, 0, 3).sensitivity)
    with pytest.raises(ValueError, match="flagged: expected a boolean"):
        accuracy(pd.Series([1, 0]), pd.Series([True, False]))
    with pytest.raises(ValueError, match="condition: expected a boolean"):
        accuracy(pd.Series([True]), [True])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="condition: must have the same length"):
        accuracy(pd.Series([True, False]), pd.Series([True]))
