"""Exercises of 01_what_is_sciatica."""

from __future__ import annotations

import pandas as pd

from helpers.anatomy import SOURCE_BACK_OR_SIDE
from helpers.exercises import Exercise, same_set, series
from helpers.tables import load_table, split_multi


def _roots_on_back_or_side() -> set[str]:
    roots = load_table("nerve_roots")
    hits = roots["pain_regions"].map(lambda cell: bool(set(split_multi(cell)) & SOURCE_BACK_OR_SIDE))
    return set(roots.loc[hits, "root"])


def _verdict_shares() -> pd.Series:
    return load_table("claims")["verdict"].value_counts(normalize=True)


q1 = Exercise(
    id="01.q1",
    prompt="Which roots in data/nerve_roots.csv have at least one pain region on the clinic's “back or side of "
    "the leg” (the region ids in SOURCE_BACK_OR_SIDE)? Give a list of root names such as ['L4'].",
    answer=_roots_on_back_or_side,
    compare=same_set("roots"),
    hints=(
        "The 'pain_regions' column holds region ids separated by ';'. Split a cell with cell.split(';').",
        "roots['pain_regions'].map(lambda cell: bool(set(cell.split(';')) & SOURCE_BACK_OR_SIDE)) gives True/False "
        "per root; use it to pick rows of roots['root'].",
    ),
    solution_code=(
        "roots = load_table('nerve_roots')\n"
        "hits = roots['pain_regions'].map(lambda cell: bool(set(cell.split(';')) & SOURCE_BACK_OR_SIDE))\n"
        "answer = list(roots.loc[hits, 'root'])"
    ),
    wrong_examples=(["L4", "L5", "S1"], ["S1"], ["L4"]),
)

q2 = Exercise(
    id="01.q2",
    prompt="What share of all the clinic's claims in data/claims.csv has each verdict? Give a pandas Series "
    "indexed by verdict with shares between 0 and 1.",
    answer=_verdict_shares,
    compare=series(abs_tol=0.005, what="shares"),
    hints=(
        "Load the ledger with load_table('claims') and look at its 'verdict' column.",
        "value_counts() counts each verdict; value_counts(normalize=True) turns counts into shares.",
    ),
    solution_code="claims = load_table('claims')\nanswer = claims['verdict'].value_counts(normalize=True)",
    wrong_examples=(
        pd.Series({"supported": 3, "partly supported": 10, "untested": 19, "contradicted": 4}),
        pd.Series({"supported": 0.25, "partly supported": 0.25, "untested": 0.25, "contradicted": 0.25}),
    ),
)
