"""What every table in ``data/`` must hold: :class:`Column`, :class:`TableSchema`, :class:`DataError` and one schema
per table. :func:`helpers.tables.load_table` validates every load against these (``tables`` imports this module,
never the other way round). Allowed words come from :mod:`helpers.vocabulary`.

Conventions for every table: tidy (one row per thing, one column per attribute), an ``id`` column of unique
lower-case ids, and a ``references`` column of ``;``-separated ids that resolve in ``references.csv`` (the
table's provenance; called "references" so it is never confused with "the source", the clinic text we study).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from helpers import source
from helpers.datafile import DataError
from helpers.vocabulary import (
    CLAIM_CHECK_OPTIONS,
    CLAIM_TYPES,
    EVIDENCE_BASES,
    IHC_CONCEPTS,
    LEG_REGIONS,
    RELATIONS,
    SYMPTOM_GROUPS,
    TRAJECTORY_CLASS_IDS,
    URGENCIES,
    VERDICTS,
)

Kind = Literal["str", "int", "float"]


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name : column name in the CSV header.
    kind : "str", "int" or "float".
    required : when True an empty cell is an error.
    allowed : the only values allowed (for categorical columns).
    minimum, maximum : inclusive range for numeric columns.
    refs : name of another table whose ``id`` values this column must hold.
    multi : the cell holds several values separated by ``;`` (only with ``kind="str"``).
    pattern : a regular expression every (non-empty) value must match in full.
    """

    name: str
    kind: Kind = "str"
    required: bool = True
    allowed: frozenset[str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    refs: str | None = None
    multi: bool = False
    pattern: str | None = None


RowCheck = Callable[[pd.DataFrame, Path], None]


@dataclass(frozen=True)
class TableSchema:
    """The schema of one CSV table in ``data/``.

    ``checks`` are extra table-level validations; each raises :class:`DataError` for the first bad row.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    id_column: str = "id"
    checks: tuple[RowCheck, ...] = field(default=())

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


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
            allowed=frozenset({"source", "peer-reviewed", "guideline", "textbook", "reference-work", "secondary"}),
        ),
        Column("confirmed", allowed=frozenset({"yes", "partly"})),
        Column("note", required=False),
    ),
    checks=(_reference_has_locator,),
)


# --------------------------------------------------------------------------------------------- claims
def _quote_is_verbatim(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        if not source.in_source(row.quote):
            raise DataError(path, f"quote {row.quote!r} is not in the source text word for word", i, "quote")
        sec = source.section_for_heading(row.section)
        if not source.in_source(row.quote, sec.id):
            raise DataError(path, f"quote is not in the section {row.section!r} of the source text", i, "quote")


CLAIMS = TableSchema(
    name="claims",
    description="The claims ledger: every claim of the source text, quoted verbatim, with a verdict that follows "
    "from the cited evidence.",
    columns=(
        Column("id"),
        Column("section", allowed=frozenset(source.SECTION_TITLES.values())),
        Column("quote"),
        Column("claim_type", allowed=frozenset(CLAIM_TYPES)),
        Column("verdict", allowed=VERDICTS),
        Column("evidence"),
        _refs(),
        Column("concept", allowed=frozenset(IHC_CONCEPTS)),
    ),
    checks=(_quote_is_verbatim,),
)


# ------------------------------------------------------------------------------------- recovery and trial
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
        Column("id", allowed=frozenset(TRAJECTORY_CLASS_IDS)),
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
        Column(
            "measure",
            allowed=frozenset({"mean_pain", "sd_pain", "much_better_share", "improved_share", "not_improved_share"}),
        ),
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


# ------------------------------------------------------------------------------- symptoms and cohort


def _cauda_equina_only_for_red_flags(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        if row.cauda_equina == "yes" and row.group != "red_flag":
            raise DataError(path, "only a red flag can be a cauda equina sign", i, "cauda_equina")


def _red_flag_urgency_cited(frame: pd.DataFrame, path: Path) -> None:
    """A red flag carries its own urgency (emergency or urgent) and the reference for it; other symptoms are routine;
    a cauda equina sign is always an emergency."""
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        red = row.group == "red_flag"
        if red and row.urgency == "routine":
            raise DataError(path, "a red flag needs its own urgency: emergency or urgent", i, "urgency")
        if not red and row.urgency != "routine":
            raise DataError(path, "only a red flag can be emergency or urgent", i, "urgency")
        if red and not row.urgency_references:
            raise DataError(path, "a red flag's urgency needs the reference it comes from", i, "urgency_references")
        if row.cauda_equina == "yes" and row.urgency != "emergency":
            raise DataError(path, "a cauda equina sign is always an emergency", i, "urgency")


def _unique_pairs(first: str, second: str) -> RowCheck:
    def check(frame: pd.DataFrame, path: Path) -> None:
        duplicated = frame.duplicated([first, second])
        if duplicated.any():
            i = int(duplicated.to_numpy().argmax()) + 1
            row = frame.iloc[i - 1]
            raise DataError(path, f"the pair ({row[first]}, {row[second]}) appears twice", i, second)

    return check


def _share_range_ordered(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        if pd.notna(row.share_low) != pd.notna(row.share_high):
            raise DataError(path, "give both share_low and share_high, or neither", i, "share_high")
        if pd.notna(row.share_low) and row.share_low > row.share_high:
            raise DataError(path, "share_low is above share_high", i, "share_low")


def _cohort_shares_sum_to_one(frame: pd.DataFrame, path: Path) -> None:
    total = float(frame["share"].sum())
    if abs(total - 1.0) > 1e-6:
        raise DataError(path, f"the cause shares add up to {total:.6f}, not 1", len(frame), "share")


def _published_needs_reference(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        if row.basis == "published" and not row.references:
            raise DataError(path, "a published value needs a reference", i, "references")


def _complete_grid(frame: pd.DataFrame, path: Path) -> None:
    conditions, symptoms = frame["condition"].unique(), frame["symptom"].unique()
    if len(frame) != len(conditions) * len(symptoms):
        have = set(zip(frame["condition"], frame["symptom"], strict=True))
        gap = next((c, s) for c in conditions for s in symptoms if (c, s) not in have)
        raise DataError(
            path, f"every condition needs a probability for every symptom; missing {gap}", len(frame), "probability"
        )


SYMPTOMS = TableSchema(
    name="symptoms",
    description="Every symptom the explorer offers: a plain label, its group (what the clinic's page lists, what "
    "clinicians ask about, red flags), whether it is a cauda equina sign, a one-line description and references.",
    columns=(
        Column("id"),
        Column("label"),
        Column("group", allowed=frozenset(SYMPTOM_GROUPS)),
        Column("cauda_equina", allowed=frozenset({"yes", "no"})),
        Column("description"),
        _refs(),
        Column("urgency", allowed=frozenset(URGENCIES)),
        Column("urgency_references", refs="references", multi=True, required=False),
    ),
    checks=(_cauda_equina_only_for_red_flags, _red_flag_urgency_cited),
)

CONDITIONS = TableSchema(
    name="conditions",
    description="The explanations a student should weigh for back-and-leg pain: what each is, how common it is "
    "among people with sciatica (share_low/share_high as fractions where published, else empty) and its urgency.",
    columns=(
        Column("id"),
        Column("label"),
        Column("description"),
        Column("share_text"),
        Column("share_low", kind="float", required=False, minimum=0.0, maximum=1.0),
        Column("share_high", kind="float", required=False, minimum=0.0, maximum=1.0),
        Column("urgency", allowed=frozenset(URGENCIES)),
        _refs(),
    ),
    checks=(_share_range_ordered,),
)

SYMPTOM_LINKS = TableSchema(
    name="symptom_links",
    description="Symptom × condition: whether the symptom is typical of the condition, consistent with it, or "
    "argues against it, with a short note and references. A pair not listed means the symptom says nothing.",
    columns=(
        Column("id"),
        Column("symptom", refs="symptoms"),
        Column("condition", refs="conditions"),
        Column("relation", allowed=frozenset(RELATIONS)),
        Column("note"),
        _refs(),
    ),
    checks=(_unique_pairs("symptom", "condition"),),
)

COHORT_CAUSES = TableSchema(
    name="cohort_causes",
    description="The simulated cohort's share of each cause (fractions adding up to 1): published where the "
    "evidence gives a share, otherwise a labelled teaching assumption.",
    columns=(
        Column("id", refs="conditions"),
        Column("share", kind="float", minimum=0.0, maximum=1.0),
        Column("basis", allowed=frozenset(EVIDENCE_BASES)),
        Column("note"),
        _refs(),
    ),
    checks=(_cohort_shares_sum_to_one,),
)

COHORT_SYMPTOM_PROBABILITIES = TableSchema(
    name="cohort_symptom_probabilities",
    description="The simulated cohort's chance (0–1) that a person with each cause has each symptom. Almost all "
    "are teaching assumptions: the note says what each is anchored on.",
    columns=(
        Column("id"),
        Column("condition", refs="conditions"),
        Column("symptom", refs="symptoms"),
        Column("probability", kind="float", minimum=0.0, maximum=1.0),
        Column("basis", allowed=frozenset(EVIDENCE_BASES)),
        Column("note"),
        _refs(required=False),
    ),
    checks=(_unique_pairs("condition", "symptom"), _published_needs_reference, _complete_grid),
)


# ---------------------------------------------------------------------------------- anatomy, causes

NERVE_ROOTS = TableSchema(
    name="nerve_roots",
    description="Where pain and numbness from each lumbosacral nerve root typically run (a simplified textbook "
    "pattern; it varies between people), as regions of the course's schematic leg diagram.",
    columns=(
        Column("id"),
        Column("root", pattern=r"[LS][1-5]"),
        Column("frequency", allowed=frozenset({"commonly", "less often"})),
        Column("pain_course"),
        Column("numbness_area"),
        Column("pain_regions", allowed=LEG_REGIONS, multi=True),
        Column("numbness_regions", allowed=LEG_REGIONS, multi=True),
        _refs(),
    ),
)


#: The ages (years) at which Brinjikji et al. 2015 publish each finding's prevalence: every decade 20–80.
IMAGING_DECADES: tuple[int, ...] = (20, 30, 40, 50, 60, 70, 80)


def _every_published_decade(frame: pd.DataFrame, path: Path) -> None:
    for i, (finding, ages) in enumerate(frame.groupby("finding", sort=False)["age_years"], start=1):
        if sorted(ages.tolist()) != list(IMAGING_DECADES):
            raise DataError(
                path, f"finding {finding!r} needs exactly the published decades 20, 30, …, 80", i, "age_years"
            )


IMAGING_FINDINGS = TableSchema(
    name="imaging_findings",
    description="Share of people WITHOUT back pain whose scans show each finding, at each published decade 20–80 "
    "(Brinjikji et al. 2015, Table 2). 'checked' says where the course read each value: the abstract (20 and 80), a "
    "secondary reproduction of the table (30–50), or the full text's Table 2 (60 and 70: model estimates resting on "
    "few people at older ages).",
    columns=(
        Column("id"),
        Column("finding"),
        Column("age_years", kind="int", minimum=20, maximum=80),
        Column("prevalence", kind="float", minimum=0.0, maximum=1.0),
        Column("checked", allowed=frozenset({"abstract", "secondary table", "full text"})),
        _refs(),
    ),
    checks=(_every_published_decade,),
)


def _ratio_inside_interval(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        if pd.isna(row.ci_low) != pd.isna(row.ci_high):
            raise DataError(path, "give both ends of the 95 % interval or neither", i, "ci_low")
        if not pd.isna(row.ci_low) and not row.ci_low <= row.estimate <= row.ci_high:
            raise DataError(path, f"estimate {row.estimate} is outside {row.ci_low}–{row.ci_high}", i, "estimate")
        if pd.isna(row.ci_low) and not row.note:
            raise DataError(path, "a ratio without an interval must say why in 'note'", i, "note")


RISK_FACTORS = TableSchema(
    name="risk_factors",
    description="Observational risk ratios for sciatica (or low-back symptoms): hazard ratios (HR) from cohorts and "
    "odds ratios (OR), with 95 % intervals where recorded and the outcome each one is about.",
    columns=(
        Column("id"),
        Column("factor"),
        Column("group", allowed=frozenset({"lifestyle", "occupation", "work posture"})),
        Column("measure", allowed=frozenset({"HR", "OR"})),
        Column("estimate", kind="float", minimum=0.01, maximum=100.0),
        Column("ci_low", kind="float", required=False, minimum=0.01, maximum=100.0),
        Column("ci_high", kind="float", required=False, minimum=0.01, maximum=100.0),
        Column("outcome"),
        Column("design"),
        _refs(),
        Column("note", required=False),
    ),
    checks=(_ratio_inside_interval,),
)

CAUSE_SHARES = TableSchema(
    name="cause_shares",
    description="The share of sciatica due to the disc: the clinic's figure beside published estimates.",
    columns=(
        Column("id"),
        Column("estimate"),
        Column("share", kind="float", minimum=0.0, maximum=1.0),
        Column("population"),
        Column("kind", allowed=frozenset({"claim", "published"})),
        _refs(),
    ),
)

#: The units ``mechanism_facts`` may use, each with the inclusive range a value in it may take and whether it is a
#: whole number. A new unit needs a range here first.
MECHANISM_UNITS: dict[str, tuple[float, float, bool]] = {
    "hours": (0.0, 1000.0, False),
    "days": (0.0, 365.0, False),
    "percent": (0.0, 100.0, False),
    "correlation r": (-1.0, 1.0, False),
    "people": (1.0, 10_000_000.0, True),
    "points on a 0-100 scale": (-100.0, 100.0, False),
}


def _value_fits_its_unit(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        low, high, whole = MECHANISM_UNITS[row.unit]
        if not low <= row.value <= high:
            raise DataError(
                path, f"{row.value:g} {row.unit} is outside the range {low:g} to {high:g} for that unit", i, "value"
            )
        if whole and row.value != int(row.value):
            raise DataError(path, f"{row.value:g} {row.unit} must be a whole number", i, "value")


MECHANISM_FACTS = TableSchema(
    name="mechanism_facts",
    description="Published numbers lesson 04 uses: lactate clearance, delayed soreness, stress and wound healing, "
    "cortisol in low back pain. The 'setting' says what tissue or people each number is about.",
    columns=(
        Column("id"),
        Column("topic", allowed=frozenset({"lactate", "soreness", "wound healing", "cortisol"})),
        Column("quantity"),
        Column(
            "value",
            kind="float",
            minimum=min(r[0] for r in MECHANISM_UNITS.values()),
            maximum=max(r[1] for r in MECHANISM_UNITS.values()),
        ),
        Column("unit", allowed=frozenset(MECHANISM_UNITS)),
        Column("setting"),
        _refs(),
    ),
    checks=(_value_fits_its_unit,),
)
# END anatomy and causes tables


# ------------------------------------------------------------------ claim-evaluation check (lesson 07)


def _options_distinct(frame: pd.DataFrame, path: Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        texts = [" ".join(str(getattr(row, f"option_{o}")).lower().split()) for o in CLAIM_CHECK_OPTIONS]
        if len(set(texts)) != len(texts):
            raise DataError(path, "two answer options are the same text", i, "option_a")


def _explanation_cites_its_references(frame: pd.DataFrame, path: Path) -> None:
    """Every ``[id; id]`` citation in an explanation must be one of the row's own reference ids."""
    import re

    for i, row in enumerate(frame.itertuples(index=False), start=1):
        own = set(str(row.references).split(";"))
        cited = [
            part.strip()
            for group in re.findall(r"\[([a-z0-9_.;\s-]+)\]", row.explanation)
            for part in group.split(";")
            if part.strip()
        ]
        if not cited:
            raise DataError(path, "the explanation cites no reference id in [brackets]", i, "explanation")
        stray = [c for c in cited if c not in own]
        if stray:
            raise DataError(
                path, f"the explanation cites {stray}, which the row's references do not list", i, "explanation"
            )


CLAIM_CHECK = TableSchema(
    name="claim_check",
    description="The course's claim-evaluation check: multiple-choice questions written for this course in the "
    "manner of the Informed Health Choices Claim Evaluation Tools, each tied to one key concept, with the right "
    "option, an explanation whose facts carry [reference ids], and references.",
    columns=(
        Column("id", pattern=r"q\d{2}"),
        Column("concept", allowed=frozenset(IHC_CONCEPTS)),
        Column("scenario"),
        Column("question"),
        *(Column(f"option_{o}") for o in CLAIM_CHECK_OPTIONS),
        Column("answer", allowed=frozenset(CLAIM_CHECK_OPTIONS)),
        Column("explanation"),
        _refs(),
    ),
    checks=(_options_distinct, _explanation_cites_its_references),
)
# END claim-evaluation check


# ------------------------------------------------------------------------------------------------ glossary
GLOSSARY = TableSchema(
    name="glossary",
    description="The course glossary: one- or two-sentence definitions with a small example, by heading anchor.",
    columns=(
        Column("id", pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*"),  # the term's anchor, e.g. "p-value"
        Column("term", pattern=r"[A-Za-z][A-Za-z ]*"),
        Column("also", required=False),
        Column("definition"),
        Column("example"),
        Column("lesson", pattern=r"0[0-7]"),
        _refs(required=False),
    ),
)


SCHEMAS: dict[str, TableSchema] = {
    schema.name: schema
    for schema in (
        REFERENCES,
        CLAIMS,
        NERVE_ROOTS,
        IMAGING_FINDINGS,
        RISK_FACTORS,
        CAUSE_SHARES,
        MECHANISM_FACTS,
        TRAJECTORY_CLASSES,
        CALIBRATION_TARGETS,
        EFFECT_SIZES,
        SYMPTOMS,
        CONDITIONS,
        SYMPTOM_LINKS,
        COHORT_CAUSES,
        COHORT_SYMPTOM_PROBABILITIES,
        CLAIM_CHECK,  # lesson 07
        GLOSSARY,
    )
}
