"""The corrections of the content audit (issue 11) that a table holds, pinned so that none can slip back.

Each value here was read in the cited work's abstract (or in the evidence brief's §12 where the brief names its
source); the tests for scan values by decade, verdicts, triage rules and reference titles live beside the code they
guard (test_apps_nerve_imaging, test_ledger, test_symptoms, test_recovery).
"""

from __future__ import annotations

from helpers.tables import load_table


def test_effect_sizes_keep_their_published_outcome_population_and_time_points() -> None:
    effects = load_table("effect_sizes").set_index("id")
    # Pinto 2012: gabapentin's -26.6 is overall pain relief in chronic sciatica (one trial), not leg pain
    gabapentin = effects.loc["pinto2012_gabapentin"]
    assert (gabapentin["estimate"], gabapentin["outcome"]) == (-26.6, "Overall pain relief")
    assert gabapentin["population"].startswith("Chronic sciatica")
    # Pinto 2012: the corticosteroid trials were not only by mouth
    assert "oral" not in effects.loc["pinto2012_corticosteroids", "treatment"].lower()
    # Liu 2023: the review's own time points
    assert effects.loc["liu2023_3m", "timepoint"] == "> 6 weeks to 3 months"
    assert effects.loc["liu2023_12m", "timepoint"] == "at 12 months"  # the abstract: "long term (at 12 months)"


def test_natural_history_is_usual_care_in_acute_sciatica_not_no_treatment() -> None:
    claims = load_table("claims").set_index("id")
    evidence = claims.loc["tre02", "evidence"]
    assert "usual care" in evidence and "Without treatment" not in evidence
    assert "large" not in claims.loc["tre01", "evidence"], "no source calls Tu 2024 the largest or a large trial"


def test_the_new_claims_of_the_mechanisms_section_are_in_the_ledger() -> None:
    claims = load_table("claims")
    quotes = set(claims["quote"])
    assert any("correlated with pressure on the sciatic nerve" in q for q in quotes)
    assert any("without proper rest" in q for q in quotes)
