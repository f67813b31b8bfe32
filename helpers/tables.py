"""Loading and validating the course's CSV tables.

Every table in ``data/`` has one schema (see :mod:`helpers.schemas`), checked on every load: the columns, their
types, which may be empty, the allowed values and ranges, a unique ``id`` column, and references to other tables
that must resolve. A damaged file raises :class:`DataError` naming the file, the row and the column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd

from helpers.paths import DATA_DIR
from helpers.schemas import SCHEMAS, Column, DataError, TableSchema

__all__ = ["DataError", "load_from", "load_table", "read_raw", "split_multi", "validate"]


def split_multi(value: str) -> list[str]:
    """Split a ``;``-separated cell into its trimmed, non-empty parts."""
    return [part.strip() for part in str(value).split(";") if part.strip()]


_ID_PATTERN = r"[a-z0-9][a-z0-9_.-]*"


def _convert(path: Path, col: Column, raw: pd.Series) -> pd.Series:
    """Convert one column of strings to its kind, checking emptiness, values and ranges."""
    values: list[object] = []
    for i, cell in enumerate(raw.tolist(), start=1):
        text = cell.strip() if isinstance(cell, str) else ""
        if text == "":
            if col.required:
                raise DataError(path, "empty value, but this column is required", i, col.name)
            values.append(math.nan if col.kind != "str" else "")
            continue
        if col.kind == "int":
            try:
                number: float | int = int(text)
            except ValueError:
                raise DataError(path, f"'{text}' is not a whole number", i, col.name) from None
        elif col.kind == "float":
            try:
                number = float(text)
            except ValueError:
                raise DataError(path, f"'{text}' is not a number", i, col.name) from None
            if math.isnan(number):
                raise DataError(path, "NaN is not allowed; leave the cell empty instead", i, col.name)
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
                    raise DataError(
                        path, f"'{part}' does not resolve to an id in {col.refs}.csv", i, col.name
                    )
    for check in schema.checks:
        check(typed, path)
    return typed


def read_raw(path: Path) -> pd.DataFrame:
    """Read a CSV as strings only, so that validation sees exactly what the file holds."""
    if not path.is_file():
        raise DataError(path, "file not found")
    if path.stat().st_size == 0 or not path.read_text(encoding="utf-8").strip():
        raise DataError(path, "the file is empty (expected a header row and data rows)")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(path, f"not a readable CSV file ({exc})") from None


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
