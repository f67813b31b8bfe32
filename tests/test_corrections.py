"""The corrections of the content audit that a table holds, pinned so that none can slip back.

Each value here was read in the cited work's abstract (or in the evidence brief's §12 where the brief names its
source); the tests for scan values by decade, verdicts, triage rules and reference titles live beside the code they
guard (test_apps_nerve_imaging, test_ledger, test_symptoms, test_recovery).
"""

from __future__ import annotations

import json

import pytest

from helpers import recovery, trial_figures, vocabulary
from helpers.paths import NOTEBOOKS_DIR
from helpers.symptoms import URGENCY_MESSAGES, knowledge
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


# ------------------------------------------------------------------------------------------------ content round 3
# Each fact below was checked against an abstract or the full text (evidence brief §13). Break one in the data or a
# lesson and its test fails.
def _lesson(stem: str) -> str:
    doc = json.loads((NOTEBOOKS_DIR / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in doc["cells"])


def test_round3_a_serious_accident_is_an_emergency_and_urgent_is_worded_as_the_sources_say() -> None:
    kn = knowledge()
    expected = {
        "significant_trauma": "emergency",  # NHS: call 999 or go to A&E after a serious accident
        "chest_pain": "emergency",  # NHS: chest pain with back pain
        "minor_trauma_fragile_bones": "urgent",
        "back_lump_or_shape_change": "urgent",  # NHS: urgent GP appointment or 111
        "upper_back_pain": "urgent",
    }
    for sid, urgency in expected.items():
        assert kn.symptoms[sid].urgency == urgency, sid
        assert kn.symptoms[sid].urgency_references, sid
    assert "nhs_back_pain" in kn.symptoms["significant_trauma"].urgency_references
    assert "within a few days" in URGENCY_MESSAGES["urgent"]  # CKS: clinical judgement, not "same day" for all
    assert "same day" not in URGENCY_MESSAGES["urgent"].replace("the same day for some", "")
    flagged = [
        w for w in ("genitals", "bladder", "bowel", "both legs", "accident") if w in vocabulary.EMERGENCY_SENTENCE
    ]
    assert not flagged, f"EMERGENCY_SENTENCE must name no individual red flag: {flagged}"


def test_round3_verdicts() -> None:
    claims = load_table("claims").set_index("id")
    assert claims.loc["mec11", "verdict"] == "untested"  # lack of rest as a cause was never studied
    assert "as a treatment" in claims.loc["mec11", "evidence"]
    assert claims.loc["sym05", "verdict"] == "partly supported"
    assert "alsaadi2011" in claims.loc["sym05", "references"] and "58.7 %" in claims.loc["sym05", "evidence"]
    assert "56.4–60.7 %" in claims.loc["sym05", "evidence"] and "1,941" in claims.loc["sym05", "evidence"]
    assert claims.loc["cau04", "verdict"] == "untested"  # the rule of cau02/cau03
    for cid in ("tre01", "how09"):
        assert "one person" in claims.loc[cid, "evidence"], cid
        assert "about one minimal important change" not in claims.loc[cid, "evidence"], cid
    assert "not an effect of sham" in claims.loc["how09", "evidence"]


def test_round3_references() -> None:
    refs = load_table("references").set_index("id")
    assert refs.loc["amjmed2017_finnish", "authors"].startswith("Shiri R, Euro U, Heliövaara M")
    assert refs.loc["amjmed2017_finnish", "doi"] == "10.1016/j.amjmed.2017.06.027"
    assert refs.loc["siddiq2020", "venue"].startswith("Korean J Pain 33(4)")
    assert refs.loc["schwane1983", "title"] == "Is lactic acid related to delayed-onset muscle soreness?"
    assert refs.loc["frontimmunol2022", "authors"].startswith("Sanabria-Mazo JP")
    assert refs.loc["frontimmunol2022", "doi"] == "10.3389/fimmu.2022.945513"
    titles = {
        "haugen2011": "Estimates of success in patients with sciatica due to lumbar disc herniation depend upon "
        "outcome measure",
        "elbarzouhi2014": "Influence of low back pain and prognostic value of MRI in sciatica patients in relation to "
        "back pain",
        "woodfield2022": "Demographics of cauda equina syndrome: a population-based incidence study",
        "iversen2015": "Outcome prediction in chronic unilateral lumbar radiculopathy: prospective cohort study",
        "konstantinou2015": "Characteristics of patients with low back and leg pain seeking treatment in primary "
        "care: baseline results from the ATLAS cohort study",
    }
    for rid, title in titles.items():
        assert refs.loc[rid, "title"] == title, rid
    dois = {
        "konstantinou2015": "10.1186/s12891-015-0787-8",
        "konstantinou2018": "10.1016/j.spinee.2017.10.071",
        "haugen2012": "10.1186/1471-2474-13-183",
        "wang2020": "10.1186/s12891-020-03548-z",
        "whitney1992": "10.1016/0304-3959(92)90032-7",
        "vase2013": "10.1016/j.pain.2013.05.008",
        "alsaadi2011": "10.1007/s00586-010-1661-x",
        "hoeritzauer2020": "10.3171/2019.12.spine19839",
    }
    for rid, doi in dois.items():
        assert refs.loc[rid, "doi"] == doi, rid


def test_round3_brinjikji_60_70_are_verified_and_liu_is_at_12_months() -> None:
    imaging = load_table("imaging_findings").set_index("id")
    verified = {"degeneration": (88, 93), "bulge": (69, 77), "protrusion": (38, 40), "fissure": (25, 27)}
    for finding, (at60, at70) in verified.items():
        assert round(imaging.loc[f"{finding}_60", "prevalence"] * 100) == at60, finding
        assert round(imaging.loc[f"{finding}_70", "prevalence"] * 100) == at70, finding
        assert imaging.loc[f"{finding}_60", "checked"] == imaging.loc[f"{finding}_70", "checked"] == "full text"
    effects = load_table("effect_sizes").set_index("id")
    assert effects.loc["liu2023_12m", "timepoint"] == "at 12 months"


def test_round3_usual_care_and_the_mic_line() -> None:
    assert "no treatment" not in recovery.SCHEDULE_LABELS["none"].lower()
    assert "usual care" in recovery.SCHEDULE_LABELS["none"].lower()
    fig = trial_figures.forest_figure(load_table("effect_sizes"))
    assert "MIC for one person's change (orientation only)" in [a.text for a in fig.layout.annotations]
    targets = load_table("calibration_targets").set_index("id")
    assert "vroomen2002" in targets.loc["improved_week12", "references"]


@pytest.mark.parametrize(
    ("stem", "present", "absent"),
    [
        ("02_signs_and_symptoms", ["hoeritzauer2020", "19 %"], ["Urgent, the same day"]),
        ("03_possible_causes", ["1.28–44.56", "age, gender and social class", "surgically treated"], ["hatched"]),
        (
            "04_mechanisms",
            ["cortisol awakening response", "*is consistent with* nerve pain", "has not been studied"],
            ["points to the nerve root rather than"],
        ),
        (
            "05_recovery_curves",
            ["vroomen2002", "20–30 % still troubled", "was detected (P = 0.24)"],
            ["above every published one-year figure", "compared with the untreated ones"],
        ),
        (
            "06_acupuncture_evidence",
            ["responder analysis", "not what sham *did*", '"at 12 months"'],
            ["as much as one minimal important change, with no real acupuncture"],
        ),
        (
            "instructor_guide",
            ["vase2013", "usual care", "1.28–44.56"],
            ["improved leg pain by 15 mm [tu2024]", "with no treatment at all", "untreated people"],
        ),
    ],
)
def test_round3_lesson_wording(stem: str, present: list[str], absent: list[str]) -> None:
    text = _lesson(stem)
    for phrase in present:
        assert phrase in text, f"{stem}: missing {phrase!r}"
    for phrase in absent:
        assert phrase not in text, f"{stem}: still says {phrase!r}"


def test_round3_glossary_p_value_is_at_least_this_large() -> None:
    glossary = load_table("glossary").set_index("id")
    assert "at least this large" in glossary.loc["p-value", "example"]
