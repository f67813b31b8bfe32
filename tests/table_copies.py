"""Damaged copies of the course's tables for data tests: read a table's rows, write an edited copy beside
references.csv in a temporary folder, then load it with ``helpers.tables.load_from``."""

from __future__ import annotations

import csv
import shutil
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
