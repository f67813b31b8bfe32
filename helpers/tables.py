"""Loading and validating the course's CSV tables.

Every table in ``data/`` has one schema (see :mod:`helpers.schemas`), checked on every load: the columns, their
types, which may be empty, the allowed values and ranges, a unique ``id`` column, and references to other tables
that must resolve. A damaged file raises :class:`DataError` naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd

from helpers.datafile import _decode
from helpers.paths import DATA_DIR
from helpers.schemas import SCHEMAS, Column, DataError, TableSchema

__all__ = ["DataError", "load_from", "load_table", "read_raw", "split_multi", "validate"]


def split_multi(value: str) -> list[str]:
    """Split a ``;``-separated cell into its trimmed, non-empty parts."""
    return [part.strip() for part in str(value).split(";") if part.strip()]


_ID_PATTERN = r"[a-z0-9][a-z0-9_.-]*"
#: Numbers as a person types them in a spreadsheet, ASCII digits only: no ``1_000`` (Python's ``int()`` and
#: ``float()`` accept underscores), no non-ASCII digits, no ``inf`` or ``nan``, no hexadecimal.
_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
#: Control characters (NUL and friends) never belong in a cell; tab and line breaks inside quotes may.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")


def _number(path: Path, col: Column, text: str, row: int) -> float | int:
    """Parse one numeric cell strictly, or raise :class:`DataError` naming file, row and column."""
    whole = col.kind == "int"
    if not (_INT if whole else _FLOAT).fullmatch(text):
        if text.lower().lstrip("+-") in {"nan", "na", "n/a", "null", "none"}:
            raise DataError(path, f"'{text}' is not allowed; leave the cell empty instead", row, col.name)
        hint = " (use a decimal point, not a comma)" if "," in text else " (digits 0-9 only, e.g. 1500 or 2.5)"
        kind = "a whole number" if whole else "a number"
        raise DataError(path, f"{text!r} is not {kind}{hint}", row, col.name)
    number: float | int = int(text) if whole else float(text)
    if not math.isfinite(number):
        raise DataError(path, f"'{text}' is too large to be a finite number", row, col.name)
    return number


def _convert(path: Path, col: Column, raw: pd.Series) -> pd.Series:
    """Convert one column of strings to its kind, checking emptiness, values and ranges."""
    values: list[object] = []
    for i, cell in enumerate(raw.tolist(), start=1):
        text = cell.strip() if isinstance(cell, str) else ""
        bad = _CONTROL.search(cell) if isinstance(cell, str) else None
        if bad:
            raise DataError(
                path,
                f"holds the control character {bad.group()!r} (a NUL byte or similar); retype the cell",
                i,
                col.name,
            )
        if text == "":
            if col.required:
                raise DataError(path, "empty value, but this column is required", i, col.name)
            values.append(math.nan if col.kind != "str" else "")
            continue
        if col.kind != "str":
            number = _number(path, col, text, i)
        else:
            parts = split_multi(text) if col.multi else [text]
            for part in parts:
                if col.allowed is not None and part not in col.allowed:
                    allowed = ", ".join(sorted(col.allowed))
                    raise DataError(path, f"'{part}' is not allowed (allowed: {allowed})", i, col.name)
                if col.pattern is not None and not re.fullmatch(col.pattern, part):
                    raise DataError(path, f"'{part}' does not match the pattern {col.pattern}", i, col.name)
            values.append(";".join(parts) if col.multi else text)
            continue
        if col.minimum is not None and number < col.minimum:
            raise DataError(path, f"{number} is below the minimum {col.minimum}", i, col.name)
        if col.maximum is not None and number > col.maximum:
            raise DataError(path, f"{number} is above the maximum {col.maximum}", i, col.name)
        values.append(number)
    if col.kind == "int" and not col.required:
        return pd.Series(values, dtype="Int64", name=col.name)
    dtype = {"str": object, "int": "int64", "float": "float64"}[col.kind]
    return pd.Series(values, dtype=dtype, name=col.name)


def validate(frame: pd.DataFrame, schema: TableSchema, path: Path, resolve: Callable[[str], set[str]]) -> pd.DataFrame:
    """Validate a raw (all-string) frame against ``schema`` and return it typed.

    ``resolve(table_name)`` returns the set of ids of another table, for reference checks.
    """
    header = list(frame.columns)
    expected = [c.name for c in schema.columns]
    missing = [c for c in expected if c not in header]
    if missing:
        raise DataError(path, f"missing column(s) {missing}; the header must hold {expected}", column=missing[0])
    extra = [c for c in header if c not in expected]
    if extra:
        raise DataError(path, f"unexpected column(s) {extra}; the header must hold {expected}", column=extra[0])
    if frame.empty:
        raise DataError(path, "the table has a header but no rows")
    typed = pd.DataFrame({c.name: _convert(path, c, frame[c.name]) for c in schema.columns})
    ids = typed[schema.id_column]
    if schema.column(schema.id_column).kind == "str":
        for i, value in enumerate(ids.tolist(), start=1):
            if not re.fullmatch(_ID_PATTERN, value):
                raise DataError(path, f"id '{value}' must be lower-case letters, digits, _ . or -", i, schema.id_column)
    duplicated = ids.duplicated()
    if duplicated.any():
        i = int(duplicated.to_numpy().argmax()) + 1
        raise DataError(path, f"duplicate id '{ids.iloc[i - 1]}'", i, schema.id_column)
    for col in schema.columns:
        if col.refs is None:
            continue
        known = resolve(col.refs)
        for i, cell in enumerate(typed[col.name].tolist(), start=1):
            parts = split_multi(cell) if col.multi else ([cell] if cell != "" else [])
            for part in parts:
                if part not in known:
                    raise DataError(path, f"'{part}' does not resolve to an id in {col.refs}.csv", i, col.name)
    for check in schema.checks:
        check(typed, path)
    return typed


def _check_shape(path: Path, header: list[str], body: list[list[str]]) -> None:
    """Refuse a wrong delimiter, trailing commas, unnamed or repeated columns and rows of the wrong length."""
    if len(header) == 1:
        for sep, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
            if sep in header[0]:
                raise DataError(
                    path,
                    f"the header is a single column: the file seems separated by {name}, not "
                    "commas; save it comma-separated (CSV)",
                )
    width = len(header)
    trailing = [i for i, row in enumerate(body, start=1) if len(row) == width + 1 and not row[-1].strip()]
    if header[-1].strip() == "" and width > 1:
        raise DataError(
            path,
            "the header ends with an empty column name: a trailing comma at the end of the "
            "header (and perhaps of every row); remove the trailing commas",
        )
    if trailing and len(trailing) == len(body):
        raise DataError(
            path,
            "every data row ends with a trailing comma (one more field than the header); remove the trailing commas",
            row=1,
        )
    for position, name in enumerate(header, start=1):
        if not name.strip():
            raise DataError(path, f"column {position} of the header has no name")
        if header.index(name) != position - 1:
            raise DataError(path, "this column appears twice in the header", column=name)
    for i, row in enumerate(body, start=1):
        if len(row) != width:
            why = (
                " (a trailing comma?)"
                if i in trailing
                else " (a comma inside a cell must be inside double quotes; a decimal comma must be a point)"
            )
            raise DataError(path, f"the row has {len(row)} fields but the header has {width}{why}", row=i)


def read_raw(path: Path) -> pd.DataFrame:
    """Read a CSV as strings only, so that validation sees exactly what the file holds.

    The file must be UTF-8 (a byte-order mark is allowed), comma-separated, with one field per header column
    on every row; otherwise :class:`DataError` says what is wrong and how to save the file.
    """
    if not path.is_file():
        raise DataError(path, "file not found")
    text = _decode(path, path.read_bytes())
    if not text.strip():
        raise DataError(path, "the file is empty (expected a header row and data rows)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        line = reader.line_num
        raise DataError(
            path,
            f"line {line} is not readable CSV ({exc}); check its double quotes",
            row=line - 1 if line > 1 else None,
        ) from None
    while rows and not rows[-1]:
        rows.pop()  # blank lines at the end
    blank = next((i for i, row in enumerate(rows) if not row), None)
    if blank == 0:
        raise DataError(path, "the first line is blank; the header must be the first line")
    if blank is not None:
        raise DataError(path, "the row is blank; remove blank lines inside the table", row=blank)
    header, body = rows[0], rows[1:]
    _check_shape(path, header, body)
    return pd.DataFrame(body, columns=header, dtype=object)


def load_from(directory: Path, name: str) -> pd.DataFrame:
    """Load and validate table ``name`` from ``directory`` (uncached; used by tests on damaged copies)."""
    if name not in SCHEMAS:
        raise ValueError(f"table: unknown table '{name}'; known tables: {sorted(SCHEMAS)}")
    schema = SCHEMAS[name]

    def resolve(other: str) -> set[str]:
        return set(load_from(directory, other)[SCHEMAS[other].id_column].astype(str))

    path = directory / schema.file_name
    return validate(read_raw(path), schema, path, resolve)


@cache
def _load_cached(name: str) -> pd.DataFrame:
    return load_from(DATA_DIR, name)


def load_table(name: str) -> pd.DataFrame:
    """Load a validated table from the course's ``data/`` folder.

    Parameters
    ----------
    name : str
        The table's name, the CSV file name without ``.csv`` (for example ``"references"``).

    Returns
    -------
    pandas.DataFrame
        A fresh copy, typed as the schema says; changing it never changes what other cells see.
    """
    return _load_cached(name).copy()
