"""The claim check measures understanding, not test-wiseness: no strategy that skips the scenario beats chance.

The rules live in :mod:`tests.claim_check_cues`. Each must score at most chance + 1 question on the real check
(12 questions, 3 options: at most 5), and each must be able to fire: on its crafted item it picks the right option
and only that one, so a check that rewarded the rule would fail the first test.
"""

from __future__ import annotations

import pytest

from helpers import claim_check as cc
from tests import claim_check_cues as cues

QUESTIONS = cc.load_questions()


def test_no_test_wise_strategy_beats_chance_by_more_than_one_question() -> None:
    scores = cues.rule_scores(QUESTIONS)
    limit = cues.allowed_score(len(QUESTIONS))
    beaten = {name: round(score, 2) for name, score in scores.items() if score > limit + 1e-9}
    assert not beaten, f"strategies that beat chance + 1 ({limit:.2f} of {len(QUESTIONS)}): {beaten}"


def test_the_check_has_twelve_questions_so_chance_plus_one_is_five() -> None:
    assert len(QUESTIONS) == 12 and cues.allowed_score(12) == 5


def test_there_are_stance_rules_and_every_rule_has_a_crafted_item() -> None:
    assert len(cues.RULES) >= 20
    assert set(cues.CRAFTED) == set(cues.RULES), "every rule needs an item that proves it can fire"
    for stance in ("most doubting words", "fewest endorsing words", "mentions studies or comparison"):
        assert stance in cues.RULES


@pytest.mark.parametrize("name", sorted(cues.RULES))
def test_every_rule_can_fire(name: str) -> None:
    """On its crafted item the rule picks the right option alone; a check made of such items fails the data test."""
    item = cues.crafted_question(name, QUESTIONS[0])
    assert cues.rule_hits(cues.RULES[name], item) == 1.0, name
    rigged = [item] * len(QUESTIONS)
    assert cues.rule_scores(rigged)[name] > cues.allowed_score(len(rigged))


@pytest.mark.parametrize("name", ["most doubting words", "mentions studies or comparison", "fewest endorsing words"])
def test_a_sceptic_key_is_caught(name: str) -> None:
    """The old check's pattern (the doubting, compare-with-studies option is right, the others credulous) fails."""
    sceptic = cues.crafted_question(name, QUESTIONS[0])
    sceptic = cc.Question(
        **{
            **sceptic.__dict__,
            "options": (
                ("a", "It probably helps, since it worked for many patients."),
                ("b", "It is likely true, since the maker is trusted."),
                ("c", "We cannot tell: it must be compared in a fair study, not trusted anyway."),
            ),
            "answer": "c",
        }
    )
    assert cues.rule_scores([sceptic] * 12)[name] == 12


def test_some_right_answers_endorse_and_some_wrong_ones_are_over_sceptical() -> None:
    """Stance alone cannot decide: in some questions the right option endorses a claim, in others it doubts one."""
    net = {
        q.id: {
            letter: cues.count(text, cues.ENDORSE_WORDS) - cues.count(text, cues.DOUBT_WORDS)
            for letter, text in q.options
        }
        for q in QUESTIONS
    }
    right_not_most_doubting = [
        q.id for q in QUESTIONS if net[q.id][q.answer] > min(v for k, v in net[q.id].items() if k != q.answer)
    ]
    assert len(right_not_most_doubting) >= 4, right_not_most_doubting
