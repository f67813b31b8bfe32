"""Exercises with instant feedback, in the manner of Kaggle's learntools.

In a lesson::

    from helpers.exercises import lesson00 as ex, ____
    answer = ____          # the student replaces the blank
    ex.q1.check(answer)    # correct / incorrect / not attempted; never raises
    ex.q1.hint()           # first hint; ex.q1.hint(2) the next one
    ex.q1.solution()       # the answer and the code that finds it

An exercise computes its right answer from the course's data (``answer``), so the solution never drifts from
the tables, and carries at least one plausible wrong answer (``wrong_examples``) that the tests run through it.
"""

from __future__ import annotations

from helpers.exercises.coercion import as_items, as_number
from helpers.exercises.comparators import choice, number, same_set, series
from helpers.exercises.feedback import AuthorAnswerError, Comparator, Exercise, Feedback, Note, Status, ____
from helpers.exercises.figures import figure, figure_table
from helpers.exercises.registry import all_exercises, answer_key_markdown

__all__ = [
    "AuthorAnswerError",
    "Comparator",
    "Exercise",
    "Feedback",
    "Note",
    "Status",
    "____",
    "all_exercises",
    "answer_key_markdown",
    "as_items",
    "as_number",
    "choice",
    "figure",
    "figure_table",
    "number",
    "same_set",
    "series",
]
