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
    "Give a number between 0 and 1.",
    answer=_share_peer_reviewed,
    compare=number(abs_tol=0.005, what="a share between 0 and 1"),
    hints=(
        "Load the table with load_table('references') and look at its 'kind' column.",
        "refs['kind'] == 'peer-reviewed' gives True/False for each row; the mean of True/False values is a share.",
    ),
    solution_code="refs = load_table('references')\nanswer = (refs['kind'] == 'peer-reviewed').mean()",
    wrong_examples=(1.0, 52, 0.5),
)
