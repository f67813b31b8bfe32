"""Exercises of 07_review: the claims ledger (``data/claims.csv``) with pandas."""

from __future__ import annotations

from helpers.claims import SECTION_ORDER, load_claims
from helpers.exercises import Exercise, choice, number


def _section_most_contradicted() -> str:
    claims = load_claims()
    shares = claims.groupby("section")["verdict"].apply(lambda v: (v == "contradicted").mean())
    return str(shares.idxmax())


def _single_reference_claims() -> int:
    claims = load_claims()
    return int((claims["references"].str.split(";").str.len() == 1).sum())


def _share_untested() -> float:
    claims = load_claims()
    return float((claims["verdict"] == "untested").mean())


q1 = Exercise(
    id="07.q1",
    prompt="Which section of the clinic's page has the highest SHARE of its claims judged contradicted? "
    "Answer with the section's title as it appears in the 'section' column.",
    answer=_section_most_contradicted,
    compare=choice(
        SECTION_ORDER,
        feedback={
            "Physiological Mechanisms": "That section has the most contradicted claims in number, but it also "
            "has many claims: compare shares, not counts.",
        },
    ),
    hints=(
        "Group the claims by 'section' and, within each group, take the mean of (verdict == 'contradicted').",
        "claims.groupby('section')['verdict'].apply(lambda v: (v == 'contradicted').mean()) gives one share per "
        "section; .idxmax() gives the section with the largest.",
    ),
    solution_code="shares = claims.groupby('section')['verdict'].apply(lambda v: (v == 'contradicted').mean())\n"
    "answer = shares.idxmax()",
    wrong_examples=("Physiological Mechanisms", "Possible Causes", "How do Acupuncture & Chinese herbs work?"),
)

q2 = Exercise(
    id="07.q2",
    prompt="How many claims of the ledger rest on a single reference (one id in the 'references' column)?",
    answer=_single_reference_claims,
    compare=number(what="a count of claims"),
    hints=(
        "The 'references' column holds ids separated by ';'. Split it and count the parts.",
        "claims['references'].str.split(';').str.len() gives the number of references of each claim; compare it "
        "with 1 and sum the True values.",
    ),
    solution_code="n_refs = claims['references'].str.split(';').str.len()\nanswer = (n_refs == 1).sum()",
    wrong_examples=(36, 27, 0),
)

q3 = Exercise(
    id="07.q3",
    prompt="What share of all the claims does the ledger judge untested? Give a number between 0 and 1.",
    answer=_share_untested,
    compare=number(abs_tol=0.005, what="a share between 0 and 1"),
    hints=(
        "Compare the 'verdict' column with 'untested'.",
        "The mean of True/False values is the share of True: (claims['verdict'] == 'untested').mean().",
    ),
    solution_code="answer = (claims['verdict'] == 'untested').mean()",
    wrong_examples=(19, 52.8, 0.5),
)
