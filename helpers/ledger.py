"""The claims ledger (``data/claims.csv``): pure logic to filter claims, count verdicts and read one claim.

No widgets and no plotting here; :mod:`helpers.ledger_figures` draws, :mod:`helpers.apps.ledger` interacts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from helpers import references, source
from helpers.tables import load_table, split_multi
from helpers.vocabulary import IHC_CONCEPTS, VERDICT_ORDER, VERDICTS

#: The source's sections in reading order, by their titles (the ledger's ``section`` values).
SECTION_ORDER: tuple[str, ...] = tuple(source.SECTION_TITLES.values())
ALL = "All"


def load_claims() -> pd.DataFrame:
    """The validated claims ledger, one row per claim, in the source's reading order."""
    return load_table("claims")


def section_title(section: str) -> str:
    """Return the ledger's section title for a section id (``"causes"``) or title (``"Possible Causes"``).

    Raises
    ------
    ValueError
        If ``section`` is neither a section id nor a section title of the source text.
    """
    if section in source.SECTION_TITLES:
        return source.SECTION_TITLES[section]
    if section in SECTION_ORDER:
        return section
    allowed = ", ".join([*source.SECTION_TITLES, *SECTION_ORDER])
    raise ValueError(f"section: {section!r} is not a section of the source text; allowed: {allowed}")


def filter_claims(claims: pd.DataFrame, section: str | None = None, verdict: str | None = None) -> pd.DataFrame:
    """The claims of one section and/or one verdict.

    Parameters
    ----------
    claims : the ledger (from :func:`load_claims`).
    section : a section id or title, or ``None`` / ``"All"`` for every section.
    verdict : one of :data:`VERDICT_ORDER`, or ``None`` / ``"All"`` for every verdict.
    """
    mask = pd.Series(True, index=claims.index)
    if section not in (None, ALL):
        mask &= claims["section"] == section_title(str(section))
    if verdict not in (None, ALL):
        if verdict not in VERDICTS:
            raise ValueError(f"verdict: {verdict!r} is not allowed; allowed: {', '.join(VERDICT_ORDER)} or 'All'")
        mask &= claims["verdict"] == verdict
    return claims[mask]


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Number of claims by section (rows, reading order) and verdict (columns, best to worst).

    Every section and every verdict appears, with 0 where there is no claim.
    """
    for col in ("section", "verdict"):
        if col not in claims.columns:
            raise ValueError(f"claims: the table needs a {col!r} column")
    table = pd.crosstab(claims["section"], claims["verdict"])
    return table.reindex(index=list(SECTION_ORDER), columns=list(VERDICT_ORDER), fill_value=0).astype(int)


def verdict_shares(claims: pd.DataFrame) -> pd.DataFrame:
    """Share (0–1) of each section's claims in each verdict; rows sum to 1 (sections without claims: 0)."""
    counts = verdict_counts(claims)
    totals = counts.sum(axis=1)
    return counts.div(totals.where(totals > 0, 1), axis=0)


def count_matrix(rows: Iterable[tuple[str, str]]) -> list[list[int]]:
    """Counts per verdict (outer list, :data:`VERDICT_ORDER`) per section (inner, :data:`SECTION_ORDER`).

    Pure Python on ``(section, verdict)`` pairs, fast enough for an app's hot path.
    """
    s_index = {s: i for i, s in enumerate(SECTION_ORDER)}
    v_index = {v: i for i, v in enumerate(VERDICT_ORDER)}
    matrix = [[0] * len(SECTION_ORDER) for _ in VERDICT_ORDER]
    for sec, verdict in rows:
        if sec not in s_index or verdict not in v_index:
            raise ValueError(f"rows: unknown section or verdict in {(sec, verdict)!r}")
        matrix[v_index[verdict]][s_index[sec]] += 1
    return matrix


@dataclass(frozen=True)
class ClaimCard:
    """One claim, ready to show: its quote, verdict, evidence, concept and full references."""

    id: str
    section: str
    quote: str
    claim_type: str
    verdict: str
    evidence: str
    concept: str
    reference_ids: tuple[str, ...]
    references: tuple[str, ...]


def claim_card(claims: pd.DataFrame, claim_id: str) -> ClaimCard:
    """The claim with id ``claim_id``, with its references written out in full.

    Raises
    ------
    ValueError
        If ``claim_id`` is not in the ledger.
    """
    match = claims[claims["id"] == claim_id]
    if match.empty:
        raise ValueError(f"claim_id: {claim_id!r} is not in data/claims.csv")
    row = match.iloc[0]
    ids = tuple(split_multi(row["references"]))
    return ClaimCard(
        id=row["id"],
        section=row["section"],
        quote=row["quote"],
        claim_type=row["claim_type"],
        verdict=row["verdict"],
        evidence=row["evidence"],
        concept=row["concept"],
        reference_ids=ids,
        references=tuple(references.full(i) for i in ids),
    )


def cited_references(claims: pd.DataFrame) -> list[str]:
    """Every reference id the given claims cite, in first-cited order, without duplicates."""
    return list(dict.fromkeys(i for cell in claims["references"] for i in split_multi(cell)))


def claim_label(claim_id: str, quote: str, width: int = 70) -> str:
    """A one-line label for a claim picker: id and the start of the quote (``width`` 10–200 characters)."""
    if not 10 <= width <= 200:
        raise ValueError(f"width: {width} is outside the allowed range 10–200 characters")
    short = quote if len(quote) <= width else quote[: width - 1].rstrip() + "…"
    return f"{claim_id}: “{short}”"


def concept_counts(claims: pd.DataFrame) -> pd.Series:
    """How many claims exercise each Informed Health Choices concept (every concept listed, most first)."""
    counts = claims["concept"].value_counts().reindex(list(IHC_CONCEPTS), fill_value=0)
    return counts.sort_values(ascending=False, kind="stable").astype(int)
