"""Output folders the build commands may empty: only those they made themselves.

``make html`` and ``make present`` write into a folder and empty it first on the next run. A folder is emptied
only when it holds the marker file this module writes (:data:`MARKER`); any other folder with files in it is
refused with a plain message and nothing is deleted, so ``--out notebooks`` or ``--out .`` cannot remove work.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.paths import ROOT_DIR

#: The file that says "this folder was written by the course's build and may be emptied by it".
MARKER = ".sciatica-course-build"
MARKER_TEXT = (
    "This folder was written by the course's build (make html / make present) and is emptied on its next run.\n"
)


class OutputFolderRefused(ValueError):
    """The output folder is not one the build may empty; nothing was deleted."""


def prepare_output_dir(out_dir: Path | str, what: str = "out_dir") -> Path:
    """Make ``out_dir`` an empty folder carrying :data:`MARKER`, deleting only what an earlier build wrote.

    Parameters
    ----------
    out_dir : Path or str
        The folder to write into. Accepted when it does not exist, is empty, or holds :data:`MARKER`.
    what : str
        The argument's name in messages, e.g. ``"--out"``.

    Raises
    ------
    OutputFolderRefused
        When ``out_dir`` is a file, holds the course repository, or has files in it and no marker.
    """
    out = Path(out_dir)
    resolved = out.resolve()
    if resolved == ROOT_DIR or ROOT_DIR.is_relative_to(resolved):
        raise OutputFolderRefused(
            f"{what}: {out} holds the course itself; choose a new or empty folder, e.g. build/html. "
            "Nothing was deleted."
        )
    if out.exists() and not out.is_dir():
        raise OutputFolderRefused(f"{what}: {out} is a file, not a folder. Nothing was deleted.")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise OutputFolderRefused(
                f"{what}: {out} already has files in it that the course's build did not write, so it will not "
                "empty it. Choose a new or empty folder (the default is build/html). Nothing was deleted."
            )
        for child in out.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return out
