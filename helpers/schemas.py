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


SCHEMAS: dict[str, TableSchema] = {
    schema.name: schema
    for schema in (
        REFERENCES,
        CLAIMS,
    )
}
