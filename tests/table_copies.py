"""Damaged copies of the course's tables for data tests: copy ``data/`` (or one table beside references.csv) into a
temporary folder, damage one table, then load it with ``helpers.tables.load_from``."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

from helpers.paths import DATA_DIR


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of ``data/<name>.csv`` as dicts of strings, exactly as stored."""
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_copy(tmp_path: Path, name: str, rows: list[dict[str, str]], header: list[str]) -> Path:
    """Write ``rows`` as ``<tmp_path>/<name>.csv`` (with ``header``) next to a copy of references.csv."""
    shutil.copy(DATA_DIR / "references.csv", tmp_path / "references.csv")
    with (tmp_path / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return tmp_path


def copy_data(tmp_path: Path) -> Path:
    """Copy every table of ``data/`` into ``tmp_path`` (to damage one and load it with ``load_from``)."""
    for table in DATA_DIR.glob("*.csv"):
        shutil.copy(table, tmp_path / table.name)
    return tmp_path


def edit_cell(text: str, row: int, column: str, value: str) -> str:
    """The CSV ``text`` with data row ``row`` (from 1) of ``column`` set to ``value``; everything else as it was."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows[row][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def first_row(name: str, column: str, test: Callable[[str], bool] = bool) -> int:
    """The first data row (from 1) of ``data/<name>.csv`` whose ``column`` passes ``test`` (default: not empty)."""
    return next(i for i, row in enumerate(read_rows(name), start=1) if test(row[column]))
