"""Course build commands behind the Makefile: ``execute`` (and later ``html``, ``present``).

Run as ``python -m helpers.build execute [NOTEBOOK ...]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.paths import NOTEBOOKS_DIR


def lesson_notebooks() -> list[Path]:
    """The course's notebooks in order: the numbered lessons, then the instructor guide if present."""
    lessons = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    guide = NOTEBOOKS_DIR / "instructor_guide.ipynb"
    return lessons + ([guide] if guide.exists() else [])


def execute_notebook(path: Path, timeout: int = 600) -> float:
    """Execute one notebook in place from a fresh kernel, in order, without widget state or timings.

    Returns the wall time in seconds.
    """
    os.environ.setdefault("PYTHONHASHSEED", "0")
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    start = time.perf_counter()
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.build")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("execute", help="re-execute notebooks in place from a clean kernel")
    ex.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "execute":
        paths = args.notebooks or lesson_notebooks()
        for path in paths:
            seconds = execute_notebook(path)
            print(f"executed {path} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
