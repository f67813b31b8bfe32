"""Test-wise strategies for the claim check: ways to pick an option without reading the scenario.

A student who has learnt that "the careful, doubting, compare-with-studies option is the right one" can score well
on a badly balanced check without understanding anything. Each rule here scores every option of a question by a
surface feature (its length, its words, its stance, its place) and picks the option(s) with the highest score.
:func:`rule_scores` gives each rule's expected number of right answers over a set of questions; the data test
requires every rule to stay within one question of chance, and the meta-test (``CRAFTED``) proves each rule can
fire: for every rule there is a crafted question on which it picks the right option, and only that one.

Stance words are matched as whole lower-case words. The lists are deliberately broad: a rule that a real
test-wise student might use should be here even if it overlaps with another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from helpers.claim_check import Question
from helpers.vocabulary import CLAIM_CHECK_OPTIONS

ABSOLUTE_WORDS = frozenset("always never must all only every everyone nobody none guaranteed proven certainly".split())
HEDGE_WORDS = frozenset(
    "may might can could about likely probably possibly perhaps some often usually tend tends suggest suggests "
    "unclear uncertain average".split()
)
#: Words of doubt and refusal: what an "always be sceptical" student looks for.
DOUBT_WORDS = frozenset(
    "not no nothing cannot can't neither nor never doubt doubtful unclear unknown uncertain careful wary anyway "
    "unreliable mislead misleading misleads bias biased luck worthless useless fake wrong false reject".split()
)
#: Words that endorse a claim or a treatment: what a credulous student looks for (and a sceptic avoids).
ENDORSE_WORDS = frozenset(
    "works work worked helps help helped helpful effective effect benefit benefits true supports support "
    "shows show proves confirms good better trust trusted accept real reliable relieves eased cured cures "
    "caused causes".split()
)
#: Words that name research: "the option that mentions studies is the right one".
STUDY_WORDS = frozenset(
    "study studies trial trials research evidence review reviews data scientist scientists experiment tested".split()
)
#: Words of comparison: "the option that says compare is the right one".
COMPARISON_WORDS = frozenset(
    "compare compared comparing comparison comparisons group groups control sham placebo fair fairly random "
    "chance allocated arm arms untreated without".split()
)
#: Words of the natural course: "it would have happened anyway".
NATURAL_WORDS = frozenset("anyway own naturally natural whatever itself themselves time recover recovery".split())
#: Words that give a reason.
REASON_WORDS = frozenset("because since so as".split())
NEGATION_STARTS = frozenset("no not nothing neither none never".split())
STOP_WORDS = frozenset(
    "a an and are as at be by for from how in is it its of on or that the their they this to was were what who why "
    "with".split()
)


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` (apostrophes kept inside words)."""
    return re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())


def count(text: str, vocabulary: frozenset[str]) -> int:
    """How many words of ``text`` are in ``vocabulary`` (each occurrence counts)."""
    return sum(w in vocabulary for w in words(text))


def content_words(text: str) -> set[str]:
    return set(words(text)) - STOP_WORDS


def _numbers(text: str) -> int:
    return len(re.findall(r"\d+(?:[.,]\d+)?", text))


def _others(q: Question, text: str) -> list[str]:
    return [other for _, other in q.options if other != text]


def _shared_with_others(q: Question, text: str) -> int:
    mine = content_words(text)
    return sum(len(mine & content_words(other)) for other in _others(q, text))


def _shared_with_question(q: Question, text: str) -> int:
    return len(content_words(text) & content_words(f"{q.scenario} {q.question}"))


def _middle_length(q: Question, text: str) -> float:
    lengths = sorted(len(t) for _, t in q.options)
    return -abs(len(text) - lengths[len(lengths) // 2])


def _first_word_differs(q: Question, text: str) -> float:
    return -sum(words(other)[0] == words(text)[0] for _, other in q.options)


#: A rule: (question, option text) -> score; the option(s) with the highest score are picked.
Rule = Callable[[Question, str], float]

RULES: dict[str, Rule] = {
    "longest option": lambda q, t: len(t),
    "shortest option": lambda q, t: -len(t),
    "middle-length option": _middle_length,
    "most absolute words": lambda q, t: count(t, ABSOLUTE_WORDS),
    "fewest absolute words": lambda q, t: -count(t, ABSOLUTE_WORDS),
    "most hedging words": lambda q, t: count(t, HEDGE_WORDS),
    "fewest hedging words": lambda q, t: -count(t, HEDGE_WORDS),
    "most doubting words": lambda q, t: count(t, DOUBT_WORDS),
    "fewest doubting words": lambda q, t: -count(t, DOUBT_WORDS),
    "most endorsing words": lambda q, t: count(t, ENDORSE_WORDS),
    "fewest endorsing words": lambda q, t: -count(t, ENDORSE_WORDS),
    "most sceptical (doubting minus endorsing)": lambda q, t: count(t, DOUBT_WORDS) - count(t, ENDORSE_WORDS),
    "most credulous (endorsing minus doubting)": lambda q, t: count(t, ENDORSE_WORDS) - count(t, DOUBT_WORDS),
    "mentions studies": lambda q, t: count(t, STUDY_WORDS),
    "mentions comparison": lambda q, t: count(t, COMPARISON_WORDS),
    "mentions studies or comparison": lambda q, t: count(t, STUDY_WORDS | COMPARISON_WORDS),
    "mentions the natural course": lambda q, t: count(t, NATURAL_WORDS),
    "gives a reason": lambda q, t: count(t, REASON_WORDS),
    "most numbers": lambda q, t: _numbers(t),
    "starts with a negation": lambda q, t: float(words(t)[0] in NEGATION_STARTS),
    "most words shared with the question": lambda q, t: _shared_with_question(q, t),
    "fewest words shared with the question": lambda q, t: -_shared_with_question(q, t),
    "most words shared with the other options": _shared_with_others,
    "fewest words shared with the other options": lambda q, t: -_shared_with_others(q, t),
    "the option whose first word differs": _first_word_differs,
    **{f"always option {o.upper()}": (lambda q, t, o=o: float(dict(q.options)[o] == t)) for o in CLAIM_CHECK_OPTIONS},
}


def rule_hits(rule: Rule, question: Question) -> float:
    """1 when the rule picks only the right option, 1/k when it ties k options including the right one, else 0."""
    values = {letter: rule(question, text) for letter, text in question.options}
    top = max(values.values())
    best = [letter for letter, v in values.items() if v == top]
    return (question.answer in best) / len(best)


def rule_scores(questions: Sequence[Question]) -> dict[str, float]:
    """Each rule's expected number of right answers over ``questions`` (ties shared as in :func:`rule_hits`)."""
    return {name: sum(rule_hits(rule, q) for q in questions) for name, rule in RULES.items()}


def allowed_score(n_questions: int, n_options: int = len(CLAIM_CHECK_OPTIONS)) -> float:
    """The most any rule may score: chance (one in ``n_options``) plus one question."""
    return n_questions / n_options + 1


# ------------------------------------------------------------------------------------------- the meta-test's items
@dataclass(frozen=True)
class Crafted:
    """A question written so that one rule picks its right option: ``options`` in a, b, c order; ``answer``."""

    options: tuple[str, str, str]
    answer: str = "a"
    question: str = "What is the best answer?"
    scenario: str = "A leaflet makes a claim about a treatment."


#: One crafted item per rule, on which that rule picks the right option and only it.
CRAFTED: dict[str, Crafted] = {
    "longest option": Crafted(("A much longer option than the others here.", "Short one.", "Short two."), "a"),
    "shortest option": Crafted(("Tiny.", "A far longer option here.", "Another long option here."), "a"),
    "middle-length option": Crafted(("Mid length text.", "Tiny.", "A far longer option than both."), "a"),
    "most absolute words": Crafted(("It always works for everyone.", "It helps some people.", "It is unclear."), "a"),
    "fewest absolute words": Crafted(("It helps some people.", "It always works.", "It never works at all."), "a"),
    "most hedging words": Crafted(("It may help some people.", "It works.", "It fails."), "a"),
    "fewest hedging words": Crafted(("It works.", "It may help.", "It might fail.")),
    "most doubting words": Crafted(("No, it is not known.", "It works.", "It helps.")),
    "fewest doubting words": Crafted(("It works.", "No, it does not.", "It is not known.")),
    "most endorsing words": Crafted(("It works and helps.", "It is unclear.", "It is not known.")),
    "fewest endorsing words": Crafted(("It is unclear.", "It works.", "It helps people.")),
    "most sceptical (doubting minus endorsing)": Crafted(("No: nothing is known.", "It works.", "It helps a bit.")),
    "most credulous (endorsing minus doubting)": Crafted(("It works and helps.", "No: nothing.", "Not known.")),
    "mentions studies": Crafted(("Ask what the studies found.", "Ask the maker.", "Ask a friend.")),
    "mentions comparison": Crafted(("Compare with a group.", "Ask the maker.", "Ask a friend.")),
    "mentions studies or comparison": Crafted(("Compare in a trial.", "Ask the maker.", "Ask a friend.")),
    "mentions the natural course": Crafted(("It eases on its own anyway.", "The pill did it.", "The diet did it.")),
    "gives a reason": Crafted(("Yes, because it was tested.", "Yes, it was.", "No, it was not.")),
    "most numbers": Crafted(("About 16 of 100 people.", "Many people.", "Few people.")),
    "starts with a negation": Crafted(("No: it is untested.", "Yes: it is tested.", "Maybe: it is unclear.")),
    "most words shared with the question": Crafted(
        ("The leaflet makes a claim.", "Something else.", "Another thing."), "a"
    ),
    "fewest words shared with the question": Crafted(
        ("Something else entirely.", "The leaflet makes a claim.", "A claim about the treatment."), "a"
    ),
    "most words shared with the other options": Crafted(
        ("Leg pain eased with time.", "Leg pain eased with needles.", "Sleep was better with time."), "a"
    ),
    "fewest words shared with the other options": Crafted(
        ("Nothing alike here.", "Leg pain eased with time.", "Leg pain eased with needles."), "a"
    ),
    "the option whose first word differs": Crafted(("No, not shown.", "Yes, it works.", "Yes, it helps.")),
    "always option A": Crafted(("First.", "Second.", "Third."), "a"),
    "always option B": Crafted(("First.", "Second.", "Third."), "b"),
    "always option C": Crafted(("First.", "Second.", "Third."), "c"),
}


def crafted_question(rule_name: str, template: Question) -> Question:
    """The crafted item for ``rule_name`` as a :class:`Question` (other fields copied from ``template``)."""
    from dataclasses import replace

    item = CRAFTED[rule_name]
    return replace(
        template,
        id="q99",
        scenario=item.scenario,
        question=item.question,
        options=tuple(zip(CLAIM_CHECK_OPTIONS, item.options, strict=True)),
        answer=item.answer,
    )
