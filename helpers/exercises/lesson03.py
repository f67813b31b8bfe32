"""Exercises of 03_possible_causes."""

from __future__ import annotations

from helpers.exercises import Exercise, number, same_set
from helpers.tables import load_table


def _lowest_published_over_claim() -> float:
    shares = load_table("cause_shares")
    claim = shares.loc[shares["kind"] == "claim", "share"].iloc[0]
    return float(shares.loc[shares["kind"] == "published", "share"].min() / claim)


def _intervals_above_one() -> set[str]:
    risks = load_table("risk_factors")
    return set(risks.loc[risks["ci_low"] > 1, "id"])


def _bulge_at_50() -> float:
    img = load_table("imaging_findings")
    bulge = img[img["finding"] == "Disc bulge"].set_index("age_years")["prevalence"]
    return float(bulge[20] + (bulge[80] - bulge[20]) * (50 - 20) / (80 - 20))


q1 = Exercise(
    id="03.q1",
    prompt="In data/cause_shares.csv, how many times larger than the clinic's figure is the LOWEST published "
    "share of sciatica due to the disc? Give one number.",
    answer=_lowest_published_over_claim,
    compare=number(abs_tol=0.05, what="a ratio (how many times larger)"),
    hints=(
        "Split the table by its 'kind' column: 'claim' (the clinic's figure) and 'published'.",
        "shares.loc[shares['kind'] == 'published', 'share'].min() is the lowest published share; divide it by "
        "the claim's share.",
    ),
    solution_code=(
        "shares = load_table('cause_shares')\n"
        "claim = shares.loc[shares['kind'] == 'claim', 'share'].iloc[0]\n"
        "answer = shares.loc[shares['kind'] == 'published', 'share'].min() / claim"
    ),
    wrong_examples=(18.0, 0.68, 63),
)

q2 = Exercise(
    id="03.q2",
    prompt="In data/risk_factors.csv, which risk factors (give their ids) have a 95 % interval lying wholly "
    "above 1? Rows without a recorded interval do not count.",
    answer=_intervals_above_one,
    compare=same_set("ids"),
    hints=(
        "An interval lies wholly above 1 when its lower end, 'ci_low', is above 1.",
        "risks.loc[risks['ci_low'] > 1, 'id'] picks them; missing intervals (NaN) compare as False.",
    ),
    solution_code="risks = load_table('risk_factors')\nanswer = list(risks.loc[risks['ci_low'] > 1, 'id'])",
    wrong_examples=(
        ["smoking", "obesity_bmi", "abdominal_obesity", "metal_machine_men", "nurses_women", "standing"],
        ["smoking", "metal_machine_men"],
    ),
)

q3 = Exercise(
    id="03.q3",
    prompt="Using data/imaging_findings.csv, interpolate in a straight line: what share (0–1) of people aged 50 "
    "WITHOUT back pain would show a disc bulge? (Remember: this is an interpolation, not a published value.)",
    answer=_bulge_at_50,
    compare=number(abs_tol=0.005, what="a share between 0 and 1"),
    hints=(
        "Keep the rows where finding == 'Disc bulge' and index them by 'age_years'.",
        "Age 50 is (50 - 20) / (80 - 20) = half-way from 20 to 80: start at the age-20 share and add that "
        "fraction of the difference.",
    ),
    solution_code=(
        "img = load_table('imaging_findings')\n"
        "bulge = img[img['finding'] == 'Disc bulge'].set_index('age_years')['prevalence']\n"
        "answer = bulge[20] + (bulge[80] - bulge[20]) * (50 - 20) / (80 - 20)"
    ),
    wrong_examples=(0.84, 0.30, 57),
)
