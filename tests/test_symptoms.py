"""helpers.symptoms: the triage rules (one test per rule), properties of assess(), unknown ids, explanations."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import callouts
from helpers.symptoms import (
    CARE_REMINDER,
    NOT_A_DIAGNOSIS,
    RELATION_POINTS,
    URGENCY_MESSAGES,
    assess,
    knowledge,
    summary,
    urgency_of,
    validate_ids,
)
from helpers.tables import load_table

KN = knowledge()
ALL = list(KN.symptoms)
CES = ["saddle_anaesthesia", "bladder_dysfunction", "bowel_dysfunction", "sexual_dysfunction", "bilateral_leg_symptoms"]
#: Red flags added from NICE CKS sciatica and low back pain, each → "urgent".
NICE_CKS_ADDED = ["severe_weakness", "iv_drug_use", "night_pain", "age_over_50_new_pain", "long_term_steroids"]
#: Emergencies that are not cauda equina signs (NHS back-pain page: call 999 or go to A&E) [nhs_back_pain].
OTHER_EMERGENCY = ["significant_trauma", "chest_pain"]
#: Urgent red flags (urgent GP appointment or NHS 111; how soon is clinical judgement) [nhs_back_pain; nice_cks].
URGENT_RED = [
    "progressive_weakness",
    "fever",
    "history_of_cancer",
    "unexplained_weight_loss",
    "minor_trauma_fragile_bones",
    "immunosuppression",
    *NICE_CKS_ADDED,
    "back_lump_or_shape_change",
    "upper_back_pain",
]
OTHER_RED = OTHER_EMERGENCY + URGENT_RED
CONTRACT_SOURCE = [
    "low_back_pain",
    "buttock_pain",
    "pain_back_of_leg",
    "pain_side_of_leg",
    "hip_soreness",
    "fatigue",
    "poor_sleep",
    "long_working_hours",
    "muscle_tenderness",
    "leg_heat_sensation",
]
CONTRACT_CLINICAL = ["leg_pain_below_knee", "numbness_tingling_leg", "leg_weakness", "pain_worse_coughing_sneezing"]
NON_RED = [s for s in ALL if not KN.symptoms[s].red_flag]

selections = st.lists(st.sampled_from(ALL), max_size=12)


# ------------------------------------------------------------------------------------------------ the contract
def test_every_contract_id_exists_in_its_group() -> None:
    groups = ((CONTRACT_SOURCE, "source_text"), (CONTRACT_CLINICAL, "clinical"), (CES + OTHER_RED, "red_flag"))
    for ids, group in groups:
        for sid in ids:
            assert KN.symptoms[sid].group == group, sid


def test_cauda_equina_signs_are_exactly_the_five() -> None:
    assert sorted(s for s in ALL if KN.symptoms[s].cauda_equina) == sorted(CES)
    assert sorted(KN.ids_in_group("red_flag")) == sorted(CES + OTHER_RED)


# ------------------------------------------------------------------------------------------------ urgency rules
@pytest.mark.parametrize("sign", CES)
def test_each_cauda_equina_sign_alone_is_an_emergency(sign: str) -> None:
    a = assess([sign])
    assert a.urgency == "emergency"
    assert a.red_flags == (sign,)
    assert "emergency" in a.message.lower() and "seek emergency care now" in a.message.lower()


@pytest.mark.parametrize("flag", OTHER_EMERGENCY)
def test_a_serious_accident_and_chest_pain_are_emergencies(flag: str) -> None:
    a = assess([flag])
    assert a.urgency == "emergency" and a.red_flags == (flag,)
    assert "seek emergency care now" in a.message.lower()
    assert "nhs_back_pain" in KN.symptoms[flag].urgency_references


def test_a_serious_accident_is_an_emergency_and_a_minor_fall_with_fragile_bones_urgent() -> None:
    trauma = KN.symptoms["significant_trauma"]
    assert "serious accident" in trauma.label and "car crash" in trauma.label
    assert assess(["significant_trauma"]).urgency == "emergency"
    assert assess(["minor_trauma_fragile_bones"]).urgency == "urgent"
    assert "fragile bones" in KN.symptoms["minor_trauma_fragile_bones"].label


@pytest.mark.parametrize("flag", URGENT_RED)
def test_each_urgent_red_flag_alone_is_urgent(flag: str) -> None:
    a = assess([flag])
    assert a.urgency == "urgent"
    assert a.red_flags == (flag,)
    assert "urgent appointment" in a.message.lower()
    assert KN.symptoms[flag].urgency_references, flag


def test_urgent_is_worded_as_the_sources_say_not_same_day_for_all() -> None:
    urgent = URGENCY_MESSAGES["urgent"]
    assert "within a few days" in urgent and "judgement" in urgent
    assert "see a doctor the same day" not in urgent.lower()


@pytest.mark.parametrize("flag", NICE_CKS_ADDED)
def test_each_nice_cks_red_flag_is_urgent_cited_and_points_to_serious_pathology(flag: str) -> None:
    sym = KN.symptoms[flag]
    assert sym.group == "red_flag" and not sym.cauda_equina
    assert urgency_of([flag]) == "urgent"
    assert "nice_cks_lbp" in sym.references or "nice_cks_sciatica" in sym.references
    assert set(sym.references) <= set(load_table("references")["id"])
    first = assess([flag]).explanations[0]
    assert first.urgency != "routine", f"{flag} must put a serious explanation first"


def test_the_nice_cks_low_back_pain_reference_is_a_guideline_with_its_caveat() -> None:
    row = load_table("references").set_index("id").loc["nice_cks_lbp"]
    assert row["kind"] == "guideline" and row["url"].startswith("https://cks.nice.org.uk/")
    assert row["confirmed"] == "partly" and "secondary" in row["note"]


def test_routine_is_never_reassurance() -> None:
    routine = URGENCY_MESSAGES["routine"]
    assert assess(["fatigue"]).message == routine
    assert re.search(r"\b(no list|not)\b[^.]*\bcomplete\b", routine.lower()), "must say the list is not complete"
    for words in ("worse", "severe", "worry", "clinician"):
        assert words in routine, words
    for reassurance in ("improves", "not dangerous", "nothing to worry", "no need"):
        assert reassurance not in routine.lower(), reassurance


def test_the_red_flag_box_gives_the_same_care_wording() -> None:
    html = callouts.red_flags_box().data
    assert CARE_REMINDER in html and CARE_REMINDER in URGENCY_MESSAGES["routine"]


@pytest.mark.parametrize("flag", URGENT_RED)
def test_a_cauda_equina_sign_outranks_any_other_red_flag(flag: str) -> None:
    assert assess([flag, "bladder_dysfunction"]).urgency == "emergency"


@pytest.mark.parametrize("sid", NON_RED)
def test_each_non_red_flag_alone_is_routine(sid: str) -> None:
    a = assess([sid])
    assert a.urgency == "routine" and a.red_flags == ()


def test_all_non_red_flags_together_are_still_routine() -> None:
    assert assess(NON_RED).urgency == "routine"


def test_empty_selection_is_valid_routine_and_ranks_nothing() -> None:
    a = assess([])
    assert (a.symptoms, a.red_flags, a.urgency, a.explanations) == ((), (), "routine", ())
    assert set(a.scores.values()) == {0}
    assert "Nothing is ticked" in summary(a)


# ------------------------------------------------------------------------------------------------ properties
@settings(max_examples=200, deadline=None)
@given(selections, st.sampled_from(CES))
def test_any_cauda_equina_sign_is_an_emergency_whatever_else_is_ticked(others: list[str], sign: str) -> None:
    assert assess([*others, sign]).urgency == "emergency"


@settings(max_examples=200, deadline=None)
@given(selections, st.randoms(use_true_random=False))
def test_order_and_duplicates_do_not_matter(ids: list[str], rnd) -> None:
    shuffled = ids * 2
    rnd.shuffle(shuffled)
    assert assess(shuffled) == assess(ids)


@settings(max_examples=200, deadline=None)
@given(selections)
def test_red_flags_equal_the_red_flags_selected(ids: list[str]) -> None:
    assert set(assess(ids).red_flags) == {s for s in ids if KN.symptoms[s].red_flag}


#: The five cauda equina signs the design contract names: any of them makes the urgency "emergency".
CONTRACT_CAUDA_EQUINA = {
    "saddle_anaesthesia",
    "bladder_dysfunction",
    "bowel_dysfunction",
    "sexual_dysfunction",
    "bilateral_leg_symptoms",
}


@settings(max_examples=200, deadline=None)
@given(selections)
def test_routine_exactly_when_no_red_flag(ids: list[str]) -> None:
    a = assess(ids)
    assert (a.urgency == "routine") == (not a.red_flags)
    # The contract's rule, written out from the design (not by calling the code under test): each red flag's own
    # urgency, cauda equina signs and a serious accident always an emergency:
    expected = (
        "emergency"
        if set(ids) & (CONTRACT_CAUDA_EQUINA | {"significant_trauma"})
        or any(KN.symptoms[s].red_flag and KN.symptoms[s].urgency == "emergency" for s in ids)
        else "urgent"
        if any(KN.symptoms[s].group == "red_flag" for s in ids)
        else "routine"
    )
    assert a.urgency == expected


@settings(max_examples=150, deadline=None)
@given(selections)
def test_scores_are_the_sum_of_link_points_and_reasons_name_selected_symptoms(ids: list[str]) -> None:
    a = assess(ids)
    for cid in KN.conditions:
        expected = sum(
            RELATION_POINTS[link.relation] for s in set(ids) for link in KN.links[s] if link.condition == cid
        )
        assert a.scores[cid] == expected
    for e in a.explanations:
        assert e.supporting, "an explanation needs at least one supporting symptom"
        assert {r.symptom for r in e.supporting + e.against} <= set(ids)
        assert e.references and e.score == a.scores[e.condition]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(NON_RED), max_size=10))
def test_without_red_flags_explanations_are_sorted_by_score(ids: list[str]) -> None:
    scores = [e.score for e in assess(ids).explanations]
    assert scores == sorted(scores, reverse=True)


# ------------------------------------------------------------------------------------------------ explanations
def test_nerve_root_pattern_ranks_disc_herniation_first_with_reasons_and_references() -> None:
    a = assess(["leg_pain_below_knee", "numbness_tingling_leg", "leg_weakness", "low_back_pain"])
    best = a.explanations[0]
    assert best.condition == "disc_herniation"
    assert {r.symptom for r in best.supporting} == {
        "leg_pain_below_knee",
        "numbness_tingling_leg",
        "leg_weakness",
        "low_back_pain",
    }
    assert "koes2007" in best.references and "haugen2011" in best.references
    nonspecific = next(e for e in a.explanations if e.condition == "nonspecific_lbp")
    assert {r.symptom for r in nonspecific.against} == {"leg_pain_below_knee", "numbness_tingling_leg", "leg_weakness"}
    assert nonspecific.score < 0


def test_a_red_flag_puts_the_serious_condition_first_even_with_a_lower_score() -> None:
    a = assess(["leg_pain_below_knee", "numbness_tingling_leg", "fever"])
    assert a.explanations[0].condition == "serious_pathology"
    assert a.explanations[0].score < a.scores["disc_herniation"]
    assert "to rule out first: Serious pathology" in summary(a)


def test_fatigue_and_poor_sleep_point_to_no_explanation() -> None:
    a = assess(["fatigue", "poor_sleep", "long_working_hours"])
    assert a.explanations == ()
    assert set(a.uninformative) == {"fatigue", "poor_sleep", "long_working_hours"}
    assert "points to any explanation" in summary(a)


def test_the_note_says_it_is_not_a_diagnosis() -> None:
    assert "not a diagnosis" in assess([]).note and assess(["fever"]).note == NOT_A_DIAGNOSIS


def test_to_frame_lists_ranked_explanations() -> None:
    frame = assess(["buttock_pain", "pain_worse_sitting"]).to_frame()
    assert frame.index.tolist() == list(range(1, len(frame) + 1))
    assert frame.iloc[0]["explanation"].startswith("Piriformis")


# ------------------------------------------------------------------------------------------------ bad input
def test_unknown_ids_are_named_and_valid_ids_listed() -> None:
    with pytest.raises(ValueError, match=r"symptom_ids: unknown symptom id\(s\) \['backache', 'zzz'\]") as err:
        assess(["low_back_pain", "zzz", "backache"])
    assert "valid ids" in str(err.value) and "saddle_anaesthesia" in str(err.value)


def test_a_bare_string_is_refused_with_a_fix() -> None:
    with pytest.raises(ValueError, match=r"write \['fever'\]"):
        assess("fever")


@pytest.mark.parametrize("bad", [None, 3, [["fever"]]])
def test_non_iterables_and_unhashables_are_value_errors(bad: object) -> None:
    with pytest.raises(ValueError, match="symptom_ids"):
        validate_ids(bad)  # type: ignore[arg-type]


def test_group_argument_is_validated() -> None:
    with pytest.raises(ValueError, match="group: 'x'"):
        KN.ids_in_group("x")


def test_assessment_is_frozen() -> None:
    a = assess(["fever"])
    with pytest.raises(AttributeError):
        a.urgency = "routine"  # type: ignore[misc]
