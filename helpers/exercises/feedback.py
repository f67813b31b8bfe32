"""Feedback a student sees: the blank ``____``, ``Feedback`` (what ``check()`` returns), ``Note`` (hints and
solutions) and ``Exercise`` itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any, Literal

import numpy as np
import pandas as pd

from helpers.boxes import box
from helpers.exercises.coercion import _is_figure

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
    reveal : said after "Well done." once the answer is right (a text, or a function computing it from the
        data): what the lesson would otherwise show before the exercise is done (a number that is the answer, a
        verdict a question asks for). :meth:`revealed` shows it again in a later cell, once solved.
    """

    id: str
    prompt: str
    answer: Callable[[], Any]
    compare: Comparator
    hints: tuple[str, ...]
    solution_code: str
    wrong_examples: tuple[Any, ...] = field(default=())
    reveal: str | Callable[[], str] = ""

    def check(self, value: Any = ____) -> Feedback:
        """Say whether ``value`` is correct, incorrect or not attempted. Never raises."""
        if value is ____ or value is None or value is Ellipsis:
            return Feedback(self.id, "not attempted", "Replace ____ with your answer, run the cell, then check.")
        try:
            right = self.answer()
        except Exception as exc:  # the course's own answer failed: a bug to fix, not the student's slip
            raise AuthorAnswerError(
                f"exercise {self.id}: its answer() failed ({type(exc).__name__}: {exc}). This is a bug in the "
                "course, not in your answer: please report it."
            ) from exc
        try:
            problem = self.compare(value, right)
        except Exception as exc:  # a student's odd value must never crash the lesson
            problem = f"Could not compare your answer ({type(exc).__name__}: {exc})."
        if problem is None:
            _SOLVED.add(self.id)
            extra = self._reveal_text()
            return Feedback(self.id, "correct", "Well done." + (f" {extra}" if extra else ""))
        return Feedback(self.id, "incorrect", problem)

    def _reveal_text(self) -> str:
        return self.reveal() if callable(self.reveal) else self.reveal

    def revealed(self) -> Note:
        """What the exercise's ✔ message reveals, once it has been answered right in this kernel; until then a
        note asking to solve it first (so a lesson can show the result after the exercise, never before)."""
        if self.id in _SOLVED:
            return Note("solution", f"After {self.id}:", self._reveal_text())
        return Note(
            "hint",
            f"After {self.id}:",
            f"Answer exercise {self.id} first (its check must say ✔ Correct); then run this cell again to see what "
            "your answer shows. Or ask for its solution().",
        )

    def hint(self, level: int = 1) -> Note:
        """Hint number ``level`` (1 = gentlest, up to ``len(hints)``; the last one is a skeleton with blanks).

        A level outside that range gives a note saying which levels there are, never a traceback.
        """
        n = len(self.hints)
        if isinstance(level, bool) or not isinstance(level, (int, np.integer)) or not 1 <= level <= n:
            return Note(
                "hint",
                f"Hints for {self.id}:",
                f"There {'is' if n == 1 else 'are'} {n} hint{'' if n == 1 else 's'}: ask for "
                + ", ".join(f"hint({i})" for i in range(1, n + 1))
                + f" (you asked for hint({level!r})).",
            )
        level = int(level)
        more = f" (ask for hint({level + 1}) for more)" if level < len(self.hints) else ""
        text = self.hints[level - 1]
        if level == n and "____" in text:
            text = "Fill in the blanks (____):\n" + text
        return Note("hint", f"Hint {level} of {n}:", text + more)

    def solution(self) -> Note:
        """The answer and how to find it (it also unlocks :meth:`revealed`)."""
        _SOLVED.add(self.id)
        shown = _show(self.answer())
        # a table ends in a number ("S1 2"): a full stop after it would read as a decimal point
        text = f"The answer is{shown}" if shown.startswith(":\n") else f"The answer is {shown}."
        return Note("solution", "Solution:", text, self.solution_code)


#: Exercises answered right (or whose solution was shown) in this kernel: :meth:`Exercise.revealed` shows more.
_SOLVED: set[str] = set()


class AuthorAnswerError(RuntimeError):
    """An exercise's own ``answer()`` failed: a bug in the course, raised so that it is seen and fixed."""


def _show(value: Any) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{value:.3g}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (pd.Series, pd.DataFrame)):
        return ":\n" + value.round(3).to_string()
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    if _is_figure(value):
        return "the figure the code below draws"
    return str(value)
