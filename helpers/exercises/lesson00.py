"""Exercises of 00_start_here."""

from __future__ import annotations

from helpers.exercises import Exercise, number
from helpers.tables import load_table


def _share_peer_reviewed() -> float:
    refs = load_table("references")
    return float((refs["kind"] == "peer-reviewed").mean())


q1 = Exercise(
    id="00.q1",
    prompt="What share of the works in data/references.csv are peer-reviewed articles? "
    "Give a share between 0 and 1, not a percentage.",
    answer=_share_peer_reviewed,
    compare=number(abs_tol=0.005, what="a share between 0 and 1"),
    hints=(
        "The share is (number of peer-reviewed works) / (number of all works). Which column says what kind of work "
        "each row is?",
        "Comparing that column with 'peer-reviewed' gives True or False for each row; the mean of True/False values "
        "is the share of True, as in the DOI example above.",
        "share = (refs['____'] == '____').____()",
    ),
    solution_code="refs = load_table('references')\nanswer = (refs['kind'] == 'peer-reviewed').mean()",
    wrong_examples=(1.0, 52, 0.5),
)
