"""Lesson 07's sorter logic (helpers.review), its figures (helpers.review_figures) and exercises (lesson07)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import claim_check as cc
from helpers import review
from helpers.claims import SECTION_ORDER, VERDICT_ORDER, load_claims, verdict_counts
from helpers.exercises import lesson07
from helpers.review_figures import agreement_figure, check_figure, check_title, section_ticks

CLAIMS = load_claims()
ROWS = review.ledger_rows(CLAIMS.to_dict("records"))
LEDGER = {r[0]: r[2] for r in ROWS}


def test_feedback_agrees_or_explains_the_difference() -> None:
    fb = review.verdict_feedback("cau06", "contradicted", "contradicted")
    assert fb.agree and "agree" in fb.message
    fb = review.verdict_feedback("cau01", "contradicted", "untested")
    assert not fb.agree and "not evidence against" in fb.message and "untested" in fb.message
    for guess in VERDICT_ORDER:
        for verdict in VERDICT_ORDER:
            if guess != verdict:
                assert (guess, verdict) in review.MISMATCH_NOTES, "every disagreement gets its own lesson"


@pytest.mark.parametrize(("guess", "verdict", "argument"), [("maybe", "untested", "guess"),
                                                             ("untested", "false", "verdict")])
def test_feedback_rejects_unknown_verdicts(guess: str, verdict: str, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        review.verdict_feedback("x", guess, verdict)


def test_no_guesses_means_everything_unsorted() -> None:
    s = review.score_sort(ROWS, {})
    assert (s.n_claims, s.n_sorted, s.n_agree, s.share_agree) == (len(CLAIMS), 0, 0, None)
    assert s.matrix()[2] == [int(n) for n in verdict_counts(CLAIMS).sum(axis=1)]
    assert "No claim sorted yet" in s.sentence()


def test_the_ledger_itself_agrees_everywhere() -> None:
    s = review.score_sort(ROWS, LEDGER)
    assert s.n_agree == s.n_sorted == s.n_claims and s.share_agree == 1.0
    assert [g.n_claims for g in s.by_verdict] == [int(n) for n in verdict_counts(CLAIMS).sum(axis=0)]


def test_calling_everything_untested_agrees_only_with_the_untested_claims() -> None:
    s = review.score_sort(ROWS, dict.fromkeys(LEDGER, "untested"))
    n_untested = int((CLAIMS["verdict"] == "untested").sum())
    assert s.n_agree == n_untested
    by_verdict = {g.group: g for g in s.by_verdict}
    assert by_verdict["untested"].n_agree == n_untested and by_verdict["contradicted"].n_agree == 0
    assert f"{n_untested} of them" in s.sentence() and "Closest agreement" in s.sentence()


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(LEDGER)), st.sampled_from(VERDICT_ORDER)))
def test_score_properties(guesses: dict[str, str]) -> None:
    s = review.score_sort(ROWS, guesses)
    assert s.n_sorted == len(guesses)
    assert s.n_agree == sum(LEDGER[k] == v for k, v in guesses.items())
    matrix = s.matrix()
    assert [sum(col) for col in zip(*matrix, strict=True)] == [g.n_claims for g in s.by_section]
    assert sum(matrix[0]) == s.n_agree and sum(matrix[1]) == s.n_sorted - s.n_agree
    assert sum(g.n_agree for g in s.by_verdict) == s.n_agree


@pytest.mark.parametrize(("guesses", "needle"), [({"zzz01": "untested"}, "not in the ledger"),
                                                  ({"def01": "unclear"}, "not a verdict")])
def test_score_rejects_bad_guesses(guesses: dict[str, str], needle: str) -> None:
    with pytest.raises(ValueError, match="guesses") as info:
        review.score_sort(ROWS, guesses)
    assert needle in str(info.value)


def test_ledger_sentence_matches_the_counts() -> None:
    counts = verdict_counts(CLAIMS)
    text = review.ledger_sentence(counts)
    assert f"Of the {len(CLAIMS)} claims" in text and f"{int(counts['untested'].sum())} untested" in text
    with pytest.raises(ValueError, match="counts"):
        review.ledger_sentence(counts[["supported"]])


# ------------------------------------------------------------------------------------- figures
def test_agreement_figure_has_three_stacked_states_with_units() -> None:
    s = review.score_sort(ROWS, {"def03": "contradicted", "def01": "supported"})
    fig = agreement_figure(s)
    assert [t.name for t in fig.data] == list(review.STATES)
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
def test_exercise_answers_follow_the_ledger() -> None:
    shares = CLAIMS.groupby("section")["verdict"].apply(lambda v: (v == "contradicted").mean())
    assert lesson07.q1.check(shares.idxmax())
    assert not lesson07.q1.check("Physiological Mechanisms")
    assert "shares, not counts" in lesson07.q1.check("Physiological Mechanisms").message
    assert lesson07.q2.check(int((CLAIMS["references"].str.split(";").str.len() == 1).sum()))
    assert lesson07.q3.check((CLAIMS["verdict"] == "untested").mean())
    assert "not a percentage" in lesson07.q3.check(100 * (CLAIMS["verdict"] == "untested").mean()).message
