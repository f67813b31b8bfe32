"""``python -m helpers.tooling class-folder DIR`` and ``class-results DIR``: the instructor's side of class sharing.

* ``class-folder DIR`` creates the class's drop folder with mode 1733 (students write, cannot list; sticky), the
  folder to give the hub as ``SCIATICA_CLASS_DIR``;
* ``class-results DIR [--out OUT]`` executes ``notebooks/class_results.ipynb`` against the class folder ``DIR``
  (the kernel sees ``SCIATICA_CLASS_DIR=DIR``) and writes the executed copy to ``OUT`` (default
  ``build/class_results``). The committed notebook, which shows the simulated class, is never changed.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers import class_results, sharing
from helpers.paths import BUILD_DIR, NOTEBOOKS_DIR
from helpers.tooling.outdir import prepare_output_dir, record_output

NOTEBOOK: Path = NOTEBOOKS_DIR / "class_results.ipynb"
OUT_DIR: Path = BUILD_DIR / "class_results"


@dataclass(frozen=True)
class ClassResultsRun:
    """What ``class-results`` wrote and the one-line result."""

    notebook: Path
    message: str
    seconds: float


def make_folder(path: Path | str) -> str:
    """Create the class folder (mode 1733) and return the sentence to print."""
    folder = sharing.make_class_folder(path)
    return (
        f"Class folder ready: {folder} ({sharing.folder_mode(folder)}: students can add files but not list or "
        f"delete them). Give it to the hub as {class_results.CLASS_DIR_ENV}={folder}; read the results with "
        f"python -m helpers.tooling class-results {folder}"
    )


def run(folder: Path | str, out_dir: Path | str | None = None, timeout: int = 600) -> ClassResultsRun:
    """Execute the results notebook against ``folder``; write it to ``out_dir``; return where and the summary.

    Raises
    ------
    ValueError
        If ``folder`` is not an existing folder.
    """
    folder = Path(folder).expanduser().resolve()
    if not folder.is_dir():
        raise ValueError(f"folder: {folder} is not an existing folder (make one with: class-folder {folder})")
    out = prepare_output_dir(OUT_DIR if out_dir is None else Path(out_dir), "out_dir")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    saved = os.environ.get(class_results.CLASS_DIR_ENV)
    os.environ[class_results.CLASS_DIR_ENV] = str(folder)
    start = time.perf_counter()
    try:
        NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
            store_widget_state=False,
        ).execute()
    finally:
        if saved is None:
            os.environ.pop(class_results.CLASS_DIR_ENV, None)
        else:
            os.environ[class_results.CLASS_DIR_ENV] = saved
    seconds = time.perf_counter() - start
    path = out / NOTEBOOK.name
    nbformat.write(nb, path)
    record_output(out)  # the next run removes these files, and only these
    return ClassResultsRun(path, class_results.folder_results(folder).summary.message, seconds)
