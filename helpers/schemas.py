"""One schema per table in ``data/``. :func:`helpers.tables.load_table` validates every load against these.

Conventions for every table: tidy (one row per thing, one column per attribute), an ``id`` column of unique
lower-case ids, and a ``references`` column of ``;``-separated ids that resolve in ``references.csv`` (the
table's provenance; called "references" so it is never confused with "the source", the clinic text we study).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import source
from helpers.tables import Column, DataError, TableSchema

VERDICTS = frozenset({"supported", "partly supported", "contradicted", "untested"})


def _refs(required: bool = True) -> Column:
    return Column("references", refs="references", multi=True, required=required)


# --------------------------------------------------------------------------------------------- references
def _reference_has_locator(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        if row.kind != "source" and not (row.doi or row.url or row.venue):
            raise DataError(path, "a reference needs a doi, a url or a venue", i, "doi")
        if row.confirmed == "partly" and not row.note:
            raise DataError(path, "a partly confirmed reference must say in 'note' what is not confirmed", i, "note")


REFERENCES = TableSchema(
    name="references",
    description="Every work the course cites. 'confirmed' says whether every detail was read in the work itself "
    "(yes) or some detail is not confirmed (partly: the note says which). Unconfirmed works are not listed.",
    columns=(
        Column("id"),
        Column("authors"),
        Column("year", kind="int", required=False, minimum=1900, maximum=2030),
        Column("title"),
        Column("venue"),
        Column("doi", required=False, pattern=r"10\.\d{4,9}/\S+"),
        Column("url", required=False, pattern=r"https://\S+"),
        Column(
            "kind",
            allowed=frozenset(
                {"source", "peer-reviewed", "guideline", "textbook", "reference-work", "secondary"}
            ),
        ),
        Column("confirmed", allowed=frozenset({"yes", "partly"})),
        Column("note", required=False),
    ),
    checks=(_reference_has_locator,),
)


# --------------------------------------------------------------------------------------------- claims (issue 3)
def _quote_is_verbatim(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        if not source.in_source(row.quote):
            raise DataError(path, f"quote {row.quote!r} is not in the source text word for word", i, "quote")
        sec = source.section_for_heading(row.section)
        if not source.in_source(row.quote, sec.id):
            raise DataError(path, f"quote is not in the section {row.section!r} of the source text", i, "quote")


#: What kind of statement a claim is.
CLAIM_TYPES = frozenset(
    {"definition", "symptom", "cause", "share", "mechanism", "treatment", "treatment mechanism", "treatment effect"}
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


CLAIMS = TableSchema(
    name="claims",
    description="The claims ledger: every claim of the source text, quoted verbatim, with a verdict that follows "
    "from the cited evidence.",
    columns=(
        Column("id"),
        Column("section", allowed=frozenset(source.SECTION_TITLES.values())),
        Column("quote"),
        Column("claim_type", allowed=CLAIM_TYPES),
        Column("verdict", allowed=VERDICTS),
        Column("evidence"),
        _refs(),
        Column("concept", allowed=frozenset(IHC_CONCEPTS)),
    ),
    checks=(_quote_is_verbatim,),
)


# ------------------------------------------------------------------------------------- recovery and trial (issue 5)
def _shares_sum_to_one(frame: pd.DataFrame, path: Path) -> None:
    total = float(frame["share"].sum())
    if abs(total - 1.0) > 0.005:
        raise DataError(path, f"the class shares add up to {total:.3f}, not 1", len(frame), "share")


TRAJECTORY_CLASSES = TableSchema(
    name="trajectory_classes",
    description="Leg-pain trajectory classes of the recovery simulation: published shares, and the course's "
    "assumed shape of each class (starting pain, plateau as a share of it, speed in weeks) with the spread "
    "between people. helpers.recovery reads it.",
    columns=(
        Column("id", allowed=frozenset({"improving_mild", "persistent_moderate", "persistent_severe",
                                        "improving_severe"})),
        Column("label"),
        Column("share", kind="float", minimum=0.0, maximum=1.0),
        Column("baseline_mean", kind="float", minimum=0.0, maximum=10.0),
        Column("baseline_sd", kind="float", minimum=0.0, maximum=5.0),
        Column("plateau_ratio", kind="float", minimum=0.001, maximum=0.999),
        Column("ratio_sd_logit", kind="float", minimum=0.0, maximum=3.0),
        Column("tau_weeks", kind="float", minimum=0.1, maximum=104.0),
        Column("tau_sd_log", kind="float", minimum=0.0, maximum=2.0),
        _refs(),
        Column("note", required=False),
    ),
    checks=(_shares_sum_to_one,),
)


def _target_within_band(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        if not row.low <= row.target <= row.high:
            raise DataError(path, f"target {row.target} is outside its band {row.low}–{row.high}", i, "target")


CALIBRATION_TARGETS = TableSchema(
    name="calibration_targets",
    description="Published natural-history points the recovery simulation is calibrated to, with the band the "
    "simulated default cohort must fall in (tests check it).",
    columns=(
        Column("id"),
        Column("week", kind="int", minimum=0, maximum=104),
        Column("measure", allowed=frozenset({"mean_pain", "sd_pain", "much_better_share", "improved_share",
                                             "not_improved_share"})),
        Column("target", kind="float", minimum=0.0, maximum=10.0),
        Column("low", kind="float", minimum=0.0, maximum=10.0),
        Column("high", kind="float", minimum=0.0, maximum=10.0),
        Column("description"),
        _refs(),
        Column("note", required=False),
    ),
    checks=(_target_within_band,),
)


def _estimate_inside_interval(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        low, high = row.ci_low, row.ci_high
        if pd.isna(low) != pd.isna(high):
            raise DataError(path, "give both ends of the interval or neither", i, "ci_low")
        if not pd.isna(low) and not low <= row.estimate <= high:
            raise DataError(path, f"estimate {row.estimate} is outside its interval {low} to {high}", i, "estimate")


EFFECT_SIZES = TableSchema(
    name="effect_sizes",
    description="Published effect sizes of treatments for sciatica and low back pain, as reported: difference "
    "between groups (negative = less pain with the treatment). Scales and comparators differ: see those columns.",
    columns=(
        Column("id"),
        Column("treatment"),
        Column("comparator"),
        Column("outcome"),
        Column("scale", allowed=frozenset({"0-100", "not stated"})),
        Column("timepoint"),
        Column("estimate", kind="float", minimum=-100.0, maximum=100.0),
        Column("ci_low", kind="float", required=False, minimum=-100.0, maximum=100.0),
        Column("ci_high", kind="float", required=False, minimum=-100.0, maximum=100.0),
        Column("population"),
        _refs(),
        Column("note", required=False),
    ),
    checks=(_estimate_inside_interval,),
)


SCHEMAS: dict[str, TableSchema] = {
    schema.name: schema
    for schema in (
        REFERENCES,
        CLAIMS,
        TRAJECTORY_CLASSES,  # issue 5
        CALIBRATION_TARGETS,  # issue 5
        EFFECT_SIZES,  # issue 5
    )
}
