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

import importlib
import math
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any, Literal

import pandas as pd

from helpers.boxes import box

Status = Literal["correct", "incorrect", "not attempted"]


class _Blank:
    """The placeholder a student replaces. ``check(____)`` reports "not attempted"."""

    def __repr__(self) -> str:
        return "____"


____ = _Blank()

#: The words each kind of feedback box starts with (its colours and markup come from helpers.boxes).
_STYLE = {
    "correct": "✔ Correct",
    "incorrect": "✘ Not yet",
    "not attempted": "… Not attempted",
    "hint": "💡 Hint",
    "solution": "📖 Solution",
}


def _box(kind: str, title: str, body_html: str) -> str:
    return box(kind, body_html, title)


@dataclass(frozen=True)
class Feedback:
    """The result of ``check()``: a status and a message that says what is wrong without the answer."""

    exercise_id: str
    status: Status
    message: str

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"{_STYLE[self.status]} ({self.exercise_id}): {self.message}"

    def _repr_html_(self) -> str:
        return _box(self.status, f"{_STYLE[self.status]} ({self.exercise_id}):", escape(self.message))


@dataclass(frozen=True)
class Note:
    """A hint or a solution, shown as a coloured box."""

    kind: Literal["hint", "solution"]
    title: str
    text: str
    code: str = ""

    def __repr__(self) -> str:
        extra = f"\n{self.code}" if self.code else ""
        return f"{self.title} {self.text}{extra}"

    def _repr_html_(self) -> str:
        code = f"<pre style='margin:6px 0 0 0'>{escape(self.code)}</pre>" if self.code else ""
        return _box(self.kind, self.title, escape(self.text) + code)


Comparator = Callable[[Any, Any], str | None]
"""``compare(student_value, right_value)`` returns None when right, else a message naming what is wrong."""


@dataclass(frozen=True)
class Exercise:
    """One question.

    Parameters
    ----------
    id : short id shown in feedback, e.g. ``"02.q1"``.
    prompt : the question, one or two sentences.
    answer : computes the right answer from the course's data.
    compare : a comparator (see :func:`number`, :func:`choice`, :func:`same_set`, :func:`series`).
    hints : tiered hints, gentlest first (at least one).
    solution_code : the code (or reasoning) that finds the answer.
    wrong_examples : plausible wrong answers; tests check each is reported incorrect.
    """

    id: str
    prompt: str
    answer: Callable[[], Any]
    compare: Comparator
    hints: tuple[str, ...]
    solution_code: str
    wrong_examples: tuple[Any, ...] = field(default=())

    def check(self, value: Any = ____) -> Feedback:
        """Say whether ``value`` is correct, incorrect or not attempted. Never raises."""
        if value is ____ or value is None or value is Ellipsis:
            return Feedback(self.id, "not attempted", "Replace ____ with your answer, run the cell, then check.")
        try:
            problem = self.compare(value, self.answer())
        except Exception as exc:  # a student's odd value must never crash the lesson
            problem = f"Could not compare your answer ({type(exc).__name__}: {exc})."
        if problem is None:
            return Feedback(self.id, "correct", "Well done.")
        return Feedback(self.id, "incorrect", problem)

    def hint(self, level: int = 1) -> Note:
        """Hint number ``level`` (1 = gentlest, up to ``len(hints)``)."""
        if not isinstance(level, int) or not 1 <= level <= len(self.hints):
            raise ValueError(f"level: {level!r} is outside the allowed range 1–{len(self.hints)}")
        more = f" (ask for hint({level + 1}) for more)" if level < len(self.hints) else ""
        return Note("hint", f"Hint {level} of {len(self.hints)}:", self.hints[level - 1] + more)

    def solution(self) -> Note:
        """The answer and how to find it."""
        return Note("solution", "Solution:", f"The answer is {_show(self.answer())}.", self.solution_code)


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, (pd.Series, pd.DataFrame)):
        return "\n" + value.to_string()
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    return str(value)


# --------------------------------------------------------------------------------------------- comparators
def number(abs_tol: float = 0.0, rel_tol: float = 1e-6, what: str = "number") -> Comparator:
    """Compare numbers within a tolerance. The message says too high / too low, never the value.

    Parameters
    ----------
    abs_tol, rel_tol : accepted absolute and relative differences (both ≥ 0).
    what : what the number is, in words with units, e.g. ``"a share between 0 and 1"``.
    """
    if abs_tol < 0 or rel_tol < 0:
        raise ValueError("abs_tol, rel_tol: tolerances must be ≥ 0")

    def compare(value: Any, right: Any) -> str | None:
        if isinstance(value, bool) or (not isinstance(value, (int, float)) and not hasattr(value, "__float__")):
            return f"Expected {what}, but got a {type(value).__name__}."
        x = float(value)
        if math.isnan(x):
            return f"Expected {what}, but got NaN (did a calculation divide by zero or miss data?)."
        if math.isclose(x, float(right), abs_tol=abs_tol, rel_tol=rel_tol):
            return None
        if 0 < float(right) <= 1 and 1 < x <= 100 and math.isclose(x / 100, float(right), abs_tol=abs_tol + 1e-9):
            return f"Close: give {what}, not a percentage."
        return f"Your answer is too {'high' if x > float(right) else 'low'} (expected {what})."

    return compare


def choice(options: Iterable[str], feedback: dict[str, str] | None = None) -> Comparator:
    """One option from a fixed list; ``feedback`` can explain why a particular wrong option is wrong."""
    allowed = tuple(options)
    notes = dict(feedback or {})

    def compare(value: Any, right: Any) -> str | None:
        text = str(value).strip().lower()
        lookup = {o.lower(): o for o in allowed}
        if text not in lookup:
            return f"Answer with one of: {', '.join(repr(o) for o in allowed)}."
        picked = lookup[text]
        if picked == right:
            return None
        return notes.get(picked, f"{picked!r} is not the best answer. Re-read the evidence and try again.")

    return compare


def same_set(what: str = "items") -> Comparator:
    """A collection whose order does not matter. The message counts missing and extra items only."""

    def compare(value: Any, right: Any) -> str | None:
        if isinstance(value, str) or not isinstance(value, Iterable):
            return f"Expected a list or set of {what}."
        got, want = {str(v) for v in value}, {str(v) for v in right}
        if got == want:
            return None
        missing, extra = len(want - got), len(got - want)
        parts = []
        if missing:
            parts.append(f"{missing} {what} missing")
        if extra:
            parts.append(f"{extra} {what} that do not belong")
        return "Not quite: " + " and ".join(parts) + "."

    return compare


def series(abs_tol: float = 1e-6, what: str = "values") -> Comparator:
    """A pandas Series (or one-column DataFrame) compared label by label, in any order."""

    def compare(value: Any, right: pd.Series) -> str | None:
        if isinstance(value, pd.DataFrame) and value.shape[1] == 1:
            value = value.iloc[:, 0]
        if not isinstance(value, pd.Series):
            return f"Expected a pandas Series of {what} (for example the result of groupby(...).mean())."
        got = value.copy()
        got.index = got.index.map(str)
        want = right.copy()
        want.index = want.index.map(str)
        missing = sorted(set(want.index) - set(got.index))
        extra = sorted(set(got.index) - set(want.index))
        if missing or extra:
            return f"The labels differ: missing {missing or 'none'}, unexpected {extra or 'none'}."
        try:
            diff = (got.astype(float) - want[got.index].astype(float)).abs()
        except (TypeError, ValueError):
            return f"Expected numeric {what}."
        wrong = [label for label, d in diff.items() if not d <= abs_tol]
        if wrong:
            return f"The {what} for {wrong[:3]} {'is' if len(wrong) == 1 else 'are'} not right."
        return None

    return compare


# --------------------------------------------------------------------------------------------- registry
def all_exercises() -> dict[str, Exercise]:
    """Every exercise of every lesson module (``helpers/exercises/lessonNN*.py``), by id."""
    import helpers.exercises as package

    found: dict[str, Exercise] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("lesson"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Exercise):
                if value.id in found and found[value.id] is not value:
                    raise ValueError(f"exercise id {value.id!r} is used twice")
                found[value.id] = value
    return found
