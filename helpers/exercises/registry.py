"""The registry of every lesson's exercises and the instructors' answer key built from it."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.exercises.coercion import _is_figure
from helpers.exercises.feedback import Exercise, _show
from helpers.exercises.figures import figure_table


def all_exercises() -> dict[str, Exercise]:
    """Every exercise of every lesson module (``helpers/exercises/lessonNN*.py``), by id."""
    found: dict[str, Exercise] = {}
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):  # the lesson modules beside this one
        if not info.name.startswith("lesson"):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Exercise):
                if value.id in found and found[value.id] is not value:
                    raise ValueError(f"exercise id {value.id!r} is used twice")
                found[value.id] = value
    return found


def _key_answer(right: Any, is_figure: bool) -> str:
    """An answer in one line of the answer key."""

    def num(v: Any) -> str:
        return f"{v:.3g}" if isinstance(v, float) and not float(v).is_integer() else str(int(v))

    if _is_figure(right) and right.data and all(t.type == "histogram" for t in right.data):
        n = sum(len(t.x if t.x is not None else t.y) for t in right.data)
        return f"a histogram of {n} values"
    if _is_figure(right):
        right, is_figure = figure_table(right), True
    if isinstance(right, pd.DataFrame) and right.shape[1] == 1:  # one value per label: read it as a Series
        right = right.iloc[:, 0]
    if isinstance(right, pd.DataFrame):
        rows = "; ".join(
            f"{i}: " + ", ".join(f"{c} {num(v)}" for c, v in row.items() if v == v) for i, row in right.iterrows()
        )
        return ("a figure of: " if is_figure else "") + rows
    if isinstance(right, pd.Series):
        return ("a figure of: " if is_figure else "") + ", ".join(f"{k}: {num(v)}" for k, v in right.items())
    return _show(right)


def answer_key_markdown(exercises: dict[str, Exercise] | None = None) -> str:
    """A one-page answer key (Markdown table) for instructors, built from each exercise's ``answer()`` and
    ``solution_code``, so it never drifts from the data or the checks.

    Parameters
    ----------
    exercises : by id; defaults to :func:`all_exercises`.
    """
    exercises = all_exercises() if exercises is None else exercises
    rows = ["| Exercise | Question (start) | Answer | Code |", "| --- | --- | --- | --- |"]
    for ex_id in sorted(exercises):
        ex = exercises[ex_id]
        right = ex.answer()
        shown = _key_answer(right, getattr(ex.compare, "expects_figure", False))
        prompt = ex.prompt if len(ex.prompt) <= 90 else ex.prompt[:87].rsplit(" ", 1)[0] + " …"
        code = "<br>".join(f"`{line}`" for line in ex.solution_code.splitlines() if line.strip())

        def cell(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        rows.append(f"| **{ex_id}** | {cell(prompt)} | {cell(shown)} | {cell(code)} |")
    return "\n".join(rows)
