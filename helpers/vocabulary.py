"""The course's vocabulary and constants, declared once.

The words a table may hold (verdicts, key concepts, leg regions, symptom groups...), the fixed numbers every lesson
shares (minimal important change), and the one emergency-care sentence. :mod:`helpers.schemas` builds the tables'
allowed values from these; logic, figures and apps import them from here and never re-declare them.

This module imports nothing from the course, so every layer may import it.
"""

from __future__ import annotations

from typing import Literal, get_args

# ------------------------------------------------------------------------------------------ claims (lessons 01-07)
#: Verdicts of the claims ledger, from best to worst supported (the order of every table and figure).
VERDICT_ORDER: tuple[str, ...] = ("supported", "partly supported", "untested", "contradicted")
#: The same verdicts as a set, for membership checks.
VERDICTS: frozenset[str] = frozenset(VERDICT_ORDER)

#: What kind of statement a claim is.
CLAIM_TYPES: tuple[str, ...] = (
    "definition",
    "symptom",
    "cause",
    "share",
    "mechanism",
    "treatment",
    "treatment mechanism",
    "treatment effect",
)

#: Informed Health Choices key concepts a claim can exercise (Oxman et al. 2018; IHC overview table 2020),
#: in the course's short wording. Order: the "claims" group first, as listed in the evidence brief §11.
IHC_CONCEPTS: tuple[str, ...] = (
    "trust in a source alone is not enough to believe a claim",
    "beliefs about how a treatment works do not show that it works",
    "an association does not show a cause",
    "an outcome may follow a treatment without being caused by it",
    "identifying effects depends on fair comparisons",
    "the results of one study in isolation can mislead",
    "large, dramatic effects are rare",
    "treatment may not be needed",
    "treatments can cause harms as well as benefits",
    "widely used treatments are not necessarily beneficial or safe",
)

#: The answer options of every claim-check question (lesson 07), in the order they are shown.
CLAIM_CHECK_OPTIONS: tuple[str, ...] = ("a", "b", "c")

# ------------------------------------------------------------------------------- symptoms and causes (lessons 02-03)
#: Symptom groups of ``data/symptoms.csv``: what the clinic's page lists, what clinicians ask about, red flags.
SYMPTOM_GROUPS: tuple[str, ...] = ("source_text", "clinical", "red_flag")
#: How urgently a condition needs care, most urgent first (the type, and its values).
Urgency = Literal["emergency", "urgent", "routine"]
URGENCIES: tuple[Urgency, ...] = get_args(Urgency)
#: How a symptom relates to a condition (``data/symptom_links.csv``): the type, and its values.
Relation = Literal["typical", "consistent", "against"]
RELATIONS: tuple[Relation, ...] = get_args(Relation)
#: Where a simulated value comes from: a publication, or a labelled teaching assumption.
EVIDENCE_BASES: tuple[str, ...] = ("published", "assumption")

#: Regions of the schematic leg diagram in helpers.anatomy (front, outer-side and back views of one leg).
LEG_REGIONS: frozenset[str] = frozenset(
    {
        "buttock",
        "thigh_front",
        "thigh_side",
        "thigh_back",
        "knee_front",
        "knee_side",
        "knee_back",
        "shin_inner",
        "shin_outer_front",
        "shin_outer",
        "calf_back",
        "ankle_inner",
        "foot_top",
        "big_toe",
        "foot_outer",
        "heel_sole",
    }
)

# ------------------------------------------------------------------------------- recovery and trials (lessons 05-06)
#: Minimal important change on the 0–10 NRS, in points [ostelo2008].
MIC_NRS_POINTS = 2.0
#: Minimal important change as a relative fall from baseline [ostelo2008].
MIC_RELATIVE = 0.30
#: Minimal important change on the 0–100 mm VAS [ostelo2008].
MIC_VAS_MM = 15.0

#: Ids of the leg-pain trajectory classes (``data/trajectory_classes.csv``, which holds their labels and shares),
#: in the order of every array of :mod:`helpers.recovery`.
TRAJECTORY_CLASS_IDS: tuple[str, ...] = (
    "improving_mild",
    "persistent_moderate",
    "persistent_severe",
    "improving_severe",
)

# ------------------------------------------------------------------------------------------------ safety
#: What to do with an emergency red flag: the one wording of the emergency-care instruction.
EMERGENCY_CARE = "seek emergency care now (call your emergency number or go to an emergency department)"
#: The one-sentence red-flag warning of the dashboards' disclaimers. It names no individual red flag on purpose: the
#: one list is ``data/symptoms.csv``, shown by the red box (``helpers.boxes.red_flag_box``) and, as a sentence, by
#: ``helpers.symptoms.emergency_sentence``.
EMERGENCY_SENTENCE = (
    "If back or leg pain comes with any emergency red flag (the red box at the top of each lesson lists them), "
    f"{EMERGENCY_CARE}."
)
