"""Output folders the build commands write into, and the only files they may remove: those they wrote.

``make html`` and ``make present`` write into a folder and clear it on the next run. The folder carries a marker
file (:data:`MARKER`) that lists every file and folder the build wrote (its manifest, written by
:func:`record_output` when the build ends). The next build removes exactly those, and only when nothing else is
there: a file saved into the folder after the build (notes, a ``.git`` folder, anything hidden) makes the build
refuse with a plain message, and nothing is deleted. So ``--out notebooks``, ``--out .`` or a folder someone has
put their own files in cannot lose work.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.paths import ROOT_DIR

#: The file that says "this folder was written by the course's build", followed by what the build wrote.
MARKER = ".sciatica-course-build"
MARKER_TEXT = (
    "This folder was written by the course's build (make html / make present). Its next run removes the files\n"
    "listed below, and only those; it refuses to touch the folder when anything else is in it.\n"
)
_LIST_HEADER = "--- written by the build ---"


class OutputFolderRefused(ValueError):
    """The output folder is not one the build may clear; nothing was deleted."""


def _entries(out: Path) -> set[str]:
    """Every file, link and folder under ``out`` (hidden ones included) as ``/``-separated relative paths; folders
    end in ``/``. Links are listed, never followed."""
    found: set[str] = set()
    for here, dirs, files in os.walk(out, followlinks=False):
        rel = Path(here).relative_to(out)
        for name in dirs:
            path = Path(here) / name
            found.add((rel / name).as_posix() + ("" if path.is_symlink() else "/"))
        found.update((rel / name).as_posix() for name in files)
    found.discard(MARKER)
    return found


def _manifest(out: Path) -> set[str] | None:
    """The entries the marker lists, or None when there is no marker or it lists nothing (an older build)."""
    marker = out / MARKER
    if not marker.is_file() or marker.is_symlink():
        return None
    text = marker.read_text(encoding="utf-8", errors="replace")
    if _LIST_HEADER not in text:
        return None
    return {line for line in text.split(_LIST_HEADER, 1)[1].splitlines() if line.strip()}


def _link_problem(out: Path, what: str) -> str | None:
    """A sentence when ``out`` is a symbolic link that leads nowhere (dangling, or a loop), else None."""
    if not os.path.islink(out):
        try:
            out.resolve()  # a loop further up the path
        except (RuntimeError, OSError):
            return f"{what}: {out} goes through a loop of symbolic links. Nothing was deleted."
        return None
    try:
        os.stat(out)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{what}: {out} is a symbolic link that leads back to itself (a loop). Nothing was deleted."
        return (
            f"{what}: {out} is a symbolic link to {os.readlink(out)}, which does not exist; create that folder or "
            "choose another. Nothing was deleted."
        )
    return None


def prepare_output_dir(out_dir: Path | str, what: str = "out_dir") -> Path:
    """Make ``out_dir`` an empty folder carrying :data:`MARKER`, deleting only what an earlier build wrote.

    Parameters
    ----------
    out_dir : Path or str
        The folder to write into. Accepted when it does not exist, is empty, or holds only what the build
        listed in :data:`MARKER` at its last run.
    what : str
        The argument's name in messages, e.g. ``"--out"``.

    Raises
    ------
    OutputFolderRefused
        When ``out_dir`` is a file, a dangling symbolic link or a link loop, holds the course repository, or has
        anything in it (hidden entries included) that the last build did not write.
    """
    out = Path(out_dir)
    problem = _link_problem(out, what)
    if problem:
        raise OutputFolderRefused(problem)
    resolved = out.resolve()
    if resolved == ROOT_DIR or ROOT_DIR.is_relative_to(resolved):
        raise OutputFolderRefused(
            f"{what}: {out} holds the course itself; choose a new or empty folder, e.g. build/html. "
            "Nothing was deleted."
        )
    if out.exists() and not out.is_dir():
        raise OutputFolderRefused(f"{what}: {out} is a file, not a folder. Nothing was deleted.")
    present = _entries(out) if out.is_dir() else set()
    if present:
        listed = _manifest(out)
        unknown = sorted(present - (listed or set()))
        if unknown:
            shown = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
            whose = "the course's build did not write" if listed is not None else "no build of the course listed"
            raise OutputFolderRefused(
                f"{what}: {out} holds files {whose} ({shown}), so the build will not clear it. Move them, or "
                "choose a new or empty folder (the default is build/html). Nothing was deleted."
            )
        for entry in sorted(present, key=lambda e: e.rstrip("/").count("/"), reverse=True):
            path = out / entry.rstrip("/")
            if entry.endswith("/"):
                path.rmdir()  # empty by now: everything in it was listed and removed first
            else:
                path.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(MARKER_TEXT + _LIST_HEADER + "\n", encoding="utf-8")
    return out


def record_output(out_dir: Path | str) -> Path:
    """List in :data:`MARKER` everything now in ``out_dir``: what the build wrote, which its next run may remove."""
    out = Path(out_dir)
    listing = "\n".join(sorted(_entries(out)))
    (out / MARKER).write_text(MARKER_TEXT + _LIST_HEADER + "\n" + listing + "\n", encoding="utf-8")
    return out


@contextmanager
def output_dir(out_dir: Path | str, what: str = "out_dir") -> Iterator[Path]:
    """:func:`prepare_output_dir`, then :func:`record_output` when the block ends (even by an error)."""
    out = prepare_output_dir(out_dir, what)
    try:
        yield out
    finally:
        record_output(out)
