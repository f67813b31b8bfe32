"""Lesson 07's sorter logic (helpers.sorter), its figures (helpers.claim_review_figures) and exercises (lesson07)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import claim_check as cc
from helpers import sorter
from helpers.claim_review_figures import agreement_figure, check_figure, check_title, section_ticks
from helpers.exercises import lesson07
from helpers.ledger import SECTION_ORDER, VERDICT_ORDER, load_claims, verdict_counts

ROOT = Path(__file__).resolve().parent.parent

CLAIMS = load_claims()
ROWS = sorter.ledger_rows(CLAIMS.to_dict("records"))
LEDGER = {r[0]: r[2] for r in ROWS}


def test_feedback_agrees_or_explains_the_difference() -> None:
    fb = sorter.verdict_feedback("cau06", "contradicted", "contradicted")
    assert fb.agree and "agree" in fb.message
    fb = sorter.verdict_feedback("cau01", "contradicted", "untested")
    assert not fb.agree and "not evidence against" in fb.message and "untested" in fb.message
    for guess in VERDICT_ORDER:
        for verdict in VERDICT_ORDER:
            if guess != verdict:
                assert (guess, verdict) in sorter.MISMATCH_NOTES, "every disagreement gets its own lesson"


@pytest.mark.parametrize(
    ("guess", "verdict", "argument"), [("maybe", "untested", "guess"), ("untested", "false", "verdict")]
)
def test_feedback_rejects_unknown_verdicts(guess: str, verdict: str, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        sorter.verdict_feedback("x", guess, verdict)


def test_no_guesses_means_everything_unsorted() -> None:
    s = sorter.score_sort(ROWS, {})
    assert (s.n_claims, s.n_sorted, s.n_agree, s.share_agree) == (len(CLAIMS), 0, 0, None)
    assert s.matrix()[2] == [int(n) for n in verdict_counts(CLAIMS).sum(axis=1)]
    assert "No claim sorted yet" in s.sentence()


def test_the_ledger_itself_agrees_everywhere() -> None:
    s = sorter.score_sort(ROWS, LEDGER)
    assert s.n_agree == s.n_sorted == s.n_claims and s.share_agree == 1.0
    assert [g.n_claims for g in s.by_verdict] == [int(n) for n in verdict_counts(CLAIMS).sum(axis=0)]


def test_calling_everything_untested_agrees_only_with_the_untested_claims() -> None:
    s = sorter.score_sort(ROWS, dict.fromkeys(LEDGER, "untested"))
    n_untested = int((CLAIMS["verdict"] == "untested").sum())
    assert s.n_agree == n_untested
    by_verdict = {g.group: g for g in s.by_verdict}
    assert by_verdict["untested"].n_agree == n_untested and by_verdict["contradicted"].n_agree == 0
    assert f"{n_untested} of them" in s.sentence() and "Closest agreement" in s.sentence()


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(LEDGER)), st.sampled_from(VERDICT_ORDER)))
def test_score_properties(guesses: dict[str, str]) -> None:
    s = sorter.score_sort(ROWS, guesses)
    assert s.n_sorted == len(guesses)
    assert s.n_agree == sum(LEDGER[k] == v for k, v in guesses.items())
    matrix = s.matrix()
    assert [sum(col) for col in zip(*matrix, strict=True)] == [g.n_claims for g in s.by_section]
    assert sum(matrix[0]) == s.n_agree and sum(matrix[1]) == s.n_sorted - s.n_agree
    assert sum(g.n_agree for g in s.by_verdict) == s.n_agree


@pytest.mark.parametrize(
    ("guesses", "needle"), [({"zzz01": "untested"}, "not in the ledger"), ({"def01": "unclear"}, "not a verdict")]
)
def test_score_rejects_bad_guesses(guesses: dict[str, str], needle: str) -> None:
    with pytest.raises(ValueError, match="guesses") as info:
        sorter.score_sort(ROWS, guesses)
    assert needle in str(info.value)


def test_ledger_sentence_matches_the_counts() -> None:
    counts = verdict_counts(CLAIMS)
    text = sorter.ledger_sentence(counts)
    assert f"Of the {len(CLAIMS)} claims" in text and f"{int(counts['untested'].sum())} untested" in text
    with pytest.raises(ValueError, match="counts"):
        sorter.ledger_sentence(counts[["supported"]])


# ------------------------------------------------------------------------------------- figures
def test_agreement_figure_has_three_stacked_states_with_units() -> None:
    s = sorter.score_sort(ROWS, {"def03": "contradicted", "def01": "supported"})
    fig = agreement_figure(s)
    assert [t.name for t in fig.data] == list(sorter.STATES)
    assert fig.data[0].x[0] == 1 and fig.data[1].x[0] == 1
    assert fig.layout.xaxis.title.text == "Claims (count)" and "agree on 1 of the 2" in fig.layout.title.text


def test_section_ticks_mark_the_current_section() -> None:
    ticks = section_ticks(SECTION_ORDER[2])
    assert ticks[2].startswith("▶") and sum(t.startswith("▶") for t in ticks) == 1
    with pytest.raises(ValueError, match="current"):
        section_ticks("Nowhere")


def test_check_figure_colours_each_question_per_sitting() -> None:
    qs = cc.load_questions()
    ids = [q.id for q in qs]
    before = cc.score(qs, {qs[0].id: qs[0].answer})
    after = cc.score(qs, {})
    fig = check_figure([before, after], ids)
    assert len(fig.data[0].x) == 2 * len(ids)
    assert fig.data[0].customdata[0] == "right" and fig.data[0].customdata[len(ids)] == "not answered"
    assert "before: 1 of 12 right" in check_title([before, after]) and "after: not taken" in fig.layout.title.text
    with pytest.raises(ValueError, match="scores"):
        check_figure([before], ids)


# ------------------------------------------------------------------------------------- exercises
def test_exercise_feedback_names_the_usual_slips() -> None:
    import plotly.express as px

    n_citations = int(CLAIMS["references"].str.split(";").str.len().sum())
    assert "too high" in lesson07.q1.check(n_citations).message, "citations counted, not different references"
    mech = CLAIMS[CLAIMS["claim_type"] == "mechanism"]
    share = (mech["verdict"] == "untested").mean()
    assert "not a share" in lesson07.q3.check(share).message
    assert lesson07.q3.check(round(100 * share)).status == "correct"
    table = pd.crosstab(CLAIMS["section"], CLAIMS["verdict"])
    assert "not a figure" in lesson07.q4.check(table).message
    assert "units" in lesson07.q4.check(px.bar(table)).message
    shares = pd.crosstab(CLAIMS["section"], CLAIMS["verdict"], normalize="index")
    assert "shares (0–1), not counts" in lesson07.q4.check(px.bar(shares, labels={"value": "Claims (share)"})).message
    # one bar per verdict, coloured by section: the prompt asks the reverse (one stacked bar per section)
    transposed = lesson07.q4.check(px.bar(table.T, labels={"value": "Claims (count)"}))
    assert transposed.status == "incorrect" and "swaps" in transposed.message
    grouped = lesson07.q4.check(px.bar(table, barmode="group", labels={"value": "Claims (count)"}))
    assert grouped.status == "incorrect" and "side by side" in grouped.message


# ------------------------------------------------------------------------------------------------ lesson 07's exercises
def test_lesson07_asks_before_it_shows_and_catches_a_figure_or_table_shown_early() -> None:
    """The course's own ledger figure and count table come after exercise 4; moved above it, both are leaks."""
    import copy
    import json

    from tests.answer_leaks import find_leaks

    doc = json.loads((ROOT / "notebooks" / "07_review.ipynb").read_text(encoding="utf-8"))
    assert not find_leaks(doc)
    sources = ["".join(c["source"]) for c in doc["cells"]]
    figure_cell = next(i for i, s in enumerate(sources) if "verdict_mix_figure(counts" in s)
    first_q4 = next(i for i, s in enumerate(sources) if "ex.q4" in s)
    assert figure_cell > first_q4, "the course's verdict figure must come after exercise 4"
    moved = copy.deepcopy(doc)
    moved["cells"].insert(first_q4 - 1, moved["cells"][figure_cell])
    assert [leak.exercise_id for leak in find_leaks(moved)] == ["07.q4"]
    table = copy.deepcopy(doc)
    html = verdict_counts(load_claims()).to_html()
    table["cells"][first_q4 - 1] = {
        "cell_type": "code",
        "source": "counts",
        "metadata": {},
        "execution_count": 1,
        "outputs": [{"output_type": "execute_result", "metadata": {}, "data": {"text/html": html}}],
    }
    assert [leak.exercise_id for leak in find_leaks(table)] == ["07.q4"]


def test_lesson07_answers_follow_the_ledger() -> None:
    """The answers are computed from data/claims.csv, so new claims or changed verdicts carry through."""
    claims = load_claims()
    ids = {i.strip() for cell in claims["references"] for i in cell.split(";")}
    assert lesson07.q1.answer() == len(ids)
    assert lesson07.q2.answer() == sum(len(cell.split(";")) == 1 for cell in claims["references"])
    mech = claims[claims["claim_type"] == "mechanism"]
    assert lesson07.q3.answer() == pytest.approx(100 * (mech["verdict"] == "untested").sum() / len(mech))
    figure = lesson07.q4.answer()
    assert sum(sum(trace.y) for trace in figure.data) == len(claims)
    assert {x for trace in figure.data for x in trace.x} == set(claims["section"])
