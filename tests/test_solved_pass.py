"""Tested solutions and the "solved" pass: every lesson, run in a fresh kernel with each exercise's
``solution_code`` in place of its ``____``, must report every ``check()`` correct, and every exercise of
``helpers/exercises`` must be asked (and so solved) in its lesson. See tests/solved_notebooks.py.

Each notebook runs once per test session (about 5–10 s each, 60 s for the course on a busy 2-core machine).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from helpers.exercises import all_exercises
from tests.solved_notebooks import NOTEBOOKS, exercise_cells, fill_solution, run_solved

EXERCISES = all_exercises()


def _where_asked() -> dict[str, Path]:
    where: dict[str, Path] = {}
    for path in NOTEBOOKS:
        for cell in exercise_cells(nbformat.read(path, as_version=4)):
            where.setdefault(cell.exercise.id, path)
    return where


WHERE = _where_asked()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_solved_notebook_reports_every_check_correct(path: Path) -> None:
    asked = [c.exercise.id for c in exercise_cells(nbformat.read(path, as_version=4))]
    run = run_solved(path)
    assert not run.errors, f"{path.name} with its solutions filled in raised: {run.errors}"
    reported = [r.exercise_id for r in run.results]
    assert reported == asked, f"{path.name}: exercises asked {asked}, but checks reported for {reported}"
    wrong = [f"{r.exercise_id}: {r.status} ({r.message})" for r in run.results if r.status != "correct"]
    assert not wrong, f"{path.name}: solution_code does not pass its own check: {wrong}"


@pytest.mark.parametrize("ex_id", sorted(EXERCISES))
def test_every_solution_runs_in_its_lesson_and_gives_the_answer(ex_id: str) -> None:
    assert ex_id in WHERE, f"{ex_id} is never asked in a lesson notebook (no `ex.qN.check(...)` cell)"
    results = {r.exercise_id: r for r in run_solved(WHERE[ex_id]).results}
    assert ex_id in results, f"{ex_id}: its exercise cell did not run to the check"
    assert results[ex_id].status == "correct", (
        f"{ex_id}: its solution_code, run in the lesson after every cell before it, is judged "
        f"{results[ex_id].status}: {results[ex_id].message}"
    )


def test_fill_solution_replaces_the_blank_and_keeps_the_rest() -> None:
    ex = EXERCISES[sorted(EXERCISES)[0]]
    cell = "df = 1\nanswer = ____  # your code\nex.q1.check(answer)"
    filled, name = fill_solution(cell, ex)
    assert name == "answer" and "____" not in filled
    assert filled.startswith("df = 1\n") and filled.endswith("ex.q1.check(answer)")
    assert ex.solution_code.splitlines()[0] in filled
    filled, name = fill_solution("fig = ____\nex.q1.check(fig)", ex)
    assert name == "fig" and "fig = answer" in filled
    with pytest.raises(ValueError, match="no `name = ____` line"):
        fill_solution("ex.q1.check(answer)", ex)


def test_a_probe_line_split_across_stream_chunks_is_still_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under load the kernel may send one print() as several stream chunks; the result must still be read."""
    import tests.solved_notebooks as solved

    probe_cells: list[nbformat.NotebookNode] = []

    class SplittingClient:
        def __init__(self, nb: nbformat.NotebookNode, **kwargs: object) -> None:
            self.nb = nb

        def execute(self) -> None:
            for cell in self.nb.cells:
                if cell.cell_type == "code" and solved.PROBE in cell.source:
                    line = f"{solved.PROBE} 00.q1 'correct' 'Well done.'\n"
                    cell.outputs = [
                        nbformat.v4.new_output("stream", name="stdout", text=line[:15]),
                        nbformat.v4.new_output("stream", name="stdout", text=line[15:]),
                    ]
                    probe_cells.append(cell)

    monkeypatch.setattr(solved, "NotebookClient", SplittingClient)
    path = next(p for p in NOTEBOOKS if p.name.startswith("00_"))
    run = solved.run_solved.__wrapped__(path)
    assert probe_cells and [r.exercise_id for r in run.results] == ["00.q1"]
