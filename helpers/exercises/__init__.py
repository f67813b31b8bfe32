"""Exercises with instant feedback, in the manner of Kaggle's learntools.

In a lesson::

    from helpers.exercises import lesson00 as ex, ____
    answer = ____          # the student replaces the blank
    ex.q1.check(answer)    # correct / incorrect / not attempted; never blames the student for a course bug
    ex.q1.hint()           # first hint; ex.q1.hint(2) the next one; the last is a skeleton with ____ blanks
    ex.q1.solution()       # the answer and the code that finds it

An exercise computes its right answer from the course's data (``answer``), so the solution never drifts from
the tables, and carries at least one plausible wrong answer (``wrong_examples``) that the tests run through it.

The package, one job per module: :mod:`~helpers.exercises.feedback` (the blank, ``Exercise``, ``Feedback``,
``Note``), :mod:`~helpers.exercises.coercion` (reading what a student hands in, by shape before values),
:mod:`~helpers.exercises.comparators` (numbers, choices, sets, Series), :mod:`~helpers.exercises.figures` (the
plotly figure comparator) and :mod:`~helpers.exercises.registry` (every lesson's exercises and the answer key);
``lessonNN`` modules hold each lesson's exercises.
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
