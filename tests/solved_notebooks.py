"""The "solved" pass, in the manner of learntools' testing notebooks and Neuromatch's solution checks: run every
lesson with each exercise's ``solution_code`` put in place of its ``____`` placeholder, and read what every
``check()`` says.

An exercise cell is any code cell that calls ``<alias>.qN.check(...)`` where ``<alias>`` names a module imported
from ``helpers.exercises`` (``from helpers.exercises import lesson03 as ex``). Its first line of the form
``name = ____`` (in the exercise cell, or else in one of the three cells above it) is replaced by the
solution (and ``name = answer`` when the name is not ``answer``). After each
exercise cell a probe cell prints the exercise's status, so the result comes from the very ``check()`` a student
calls, in the lesson's own kernel, after every cell before it has run.

Run it by hand: ``.venv/bin/python -m tests.solved_notebooks [NOTEBOOK ...]``.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.exercises import Exercise

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

CHECK_CALL = re.compile(r"\b(?P<alias>\w+)\.(?P<q>q\d+)\.check\((?P<arg>[^()]*)\)")
IMPORT_AS = re.compile(r"from\s+helpers\.exercises\s+import\s+(?P<module>lesson\w+)\s+as\s+(?P<alias>\w+)")
IMPORT_PLAIN = re.compile(r"from\s+helpers\.exercises\s+import\s+(?P<names>lesson\w+(?:\s*,\s*lesson\w+)*)")
BLANK_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<name>\w+)\s*=\s*____\b.*$", re.M)
PROBE = "SOLVED-PASS"


@dataclass(frozen=True)
class ExerciseCell:
    """Where an exercise is asked in a notebook."""

    index: int
    exercise: Exercise
    alias: str
    question: str
    argument: str


@dataclass(frozen=True)
class SolvedResult:
    """What ``check()`` said about one exercise when the notebook ran with its solutions filled in."""

    exercise_id: str
    status: str
    message: str


@dataclass(frozen=True)
class SolvedRun:
    """One solved notebook: the result of every exercise, errors raised by any cell, and the wall time (s)."""

    notebook: str
    results: tuple[SolvedResult, ...]
    errors: tuple[str, ...]
    seconds: float


def _aliases(cells: list[str]) -> dict[str, str]:
    """Alias used in the notebook -> exercise module name (``{"ex": "lesson03"}``)."""
    found: dict[str, str] = {}
    for text in cells:
        for m in IMPORT_AS.finditer(text):
            found[m["alias"]] = m["module"]
        for m in IMPORT_PLAIN.finditer(text):
            for name in re.split(r"\s*,\s*", m["names"]):
                found[name] = name
    return found


def exercise_cells(nb: nbformat.NotebookNode) -> list[ExerciseCell]:
    """Every exercise cell of a notebook, in order."""
    sources = ["".join(c.source) if c.cell_type == "code" else "" for c in nb.cells]
    aliases = _aliases(sources)
    cells = []
    for index, text in enumerate(sources):
        for m in CHECK_CALL.finditer(text):
            module_name = aliases.get(m["alias"])
            if module_name is None:
                continue
            module = importlib.import_module(f"helpers.exercises.{module_name}")
            exercise = getattr(module, m["q"], None)
            if isinstance(exercise, Exercise):
                cells.append(ExerciseCell(index, exercise, m["alias"], m["q"], m["arg"].strip()))
    return cells


def fill_solution(source: str, exercise: Exercise) -> tuple[str, str]:
    """The exercise cell with its first ``name = ____`` line replaced by the solution, and that name.

    Raises
    ------
    ValueError
        If the cell has no ``name = ____`` line to fill.
    """
    m = BLANK_LINE.search(source)
    if m is None:
        raise ValueError(f"exercise {exercise.id}: its cell has no `name = ____` line to fill")
    code = exercise.solution_code.rstrip()
    if m["name"] != "answer":
        code += f"\n{m['name']} = answer"
    code = "\n".join(m["indent"] + line for line in code.splitlines())
    return source[: m.start()] + code + source[m.end() :], m["name"]


def _blank_cell(nb: nbformat.NotebookNode, index: int) -> int:
    """The cell holding the exercise's ``name = ____`` line: the exercise cell itself, or the nearest code cell
    above it (a figure exercise may build the figure in one cell and check it in the next)."""
    for i in range(index, max(-1, index - 4), -1):
        cell = nb.cells[i]
        text = "".join(cell.source) if cell.cell_type == "code" else ""
        if BLANK_LINE.search(text):
            return i
        if i != index and CHECK_CALL.search(text):  # never reach into the exercise before
            break
    return index


def solved_notebook(path: Path) -> tuple[nbformat.NotebookNode, list[ExerciseCell]]:
    """A copy of the notebook with every exercise solved and a probe cell after each exercise cell."""
    nb = nbformat.read(path, as_version=4)
    cells = exercise_cells(nb)
    if cells:  # nothing after the last exercise can change a check: leave it out to save time
        del nb.cells[cells[-1].index + 1 :]
    for cell in reversed(cells):  # from the end, so earlier indices stay valid
        blank = _blank_cell(nb, cell.index)
        source, name = fill_solution("".join(nb.cells[blank].source), cell.exercise)
        nb.cells[blank].source = source
        argument = cell.argument or name
        probe = (
            f"_fb = {cell.alias}.{cell.question}.check({argument})\n"
            f"print({PROBE!r}, {cell.exercise.id!r}, repr(_fb.status), repr(_fb.message))"
        )
        nb.cells.insert(cell.index + 1, nbformat.v4.new_code_cell(probe))
    return nb, cells


@cache
def run_solved(path: Path) -> SolvedRun:
    """Execute the solved copy of a notebook in a fresh kernel (once per process) and collect the results."""
    os.environ.setdefault("PYTHONHASHSEED", "0")
    nb, _ = solved_notebook(path)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        coalesce_streams=True,  # under load a print() may arrive in several stream chunks: merge them into one
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    results, errors = [], []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                errors.append(f"cell {index}: {out.ename}: {out.evalue}")
        # the probe's line is read from all of the cell's stdout together, however the kernel split it
        stdout = "".join(
            out.text for out in cell.get("outputs", []) if out.output_type == "stream" and out.name == "stdout"
        )
        for line in stdout.splitlines():
            if line.startswith(PROBE):
                parts = re.match(rf"{PROBE} (\S+) '([^']+)' (.*)$", line)
                if parts:
                    results.append(SolvedResult(parts[1], parts[2], parts[3]))
    return SolvedRun(path.name, tuple(results), tuple(errors), seconds)


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or NOTEBOOKS
    total, bad = 0.0, 0
    for path in paths:
        run = run_solved(path)
        total += run.seconds
        bad += len(run.errors) + sum(r.status != "correct" for r in run.results)
        print(f"{run.notebook}: {len(run.results)} exercises, {run.seconds:.1f} s")
        for r in run.results:
            print(f"    {r.exercise_id}: {r.status}" + ("" if r.status == "correct" else f" — {r.message}"))
        for e in run.errors:
            print(f"    ERROR {e}")
    print(f"total {total:.1f} s for {len(paths)} notebooks; {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
