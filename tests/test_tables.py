"""The data layer: every table validates on load; a damaged file fails naming file, row and column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.paths import DATA_DIR
from helpers.schemas import SCHEMAS
from helpers.tables import DataError, load_from, load_table
from tests.table_copies import copy_data


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return copy_data(tmp_path)


def _rewrite(path: Path, edit) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    result = edit(frame)
    (frame if result is None else result).to_csv(path, index=False)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_table_loads_and_validates(name: str) -> None:
    frame = load_table(name)
    assert len(frame) > 0
    assert frame["id"].is_unique
    assert list(frame.columns) == [c.name for c in SCHEMAS[name].columns]


def test_every_csv_in_data_has_a_schema() -> None:
    files = {p.stem for p in DATA_DIR.glob("*.csv")}
    assert files == set(SCHEMAS), (
        f"tables without a schema: {files - set(SCHEMAS)}; schemas without a file: {set(SCHEMAS) - files}"
    )


def test_load_table_returns_an_independent_copy() -> None:
    first = load_table("references")
    first.loc[0, "title"] = "changed"
    assert load_table("references").loc[0, "title"] != "changed"


def test_unknown_table_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        load_from(DATA_DIR, "nope")


def test_missing_column_names_file_and_column(data_copy: Path) -> None:
    _rewrite(data_copy / "references.csv", lambda f: f.drop(columns=["title"]))
    with pytest.raises(DataError, match=r"references\.csv.*column 'title'.*missing column") as err:
        load_from(data_copy, "references")
    assert err.value.column == "title"


def test_wrong_type_names_row_and_column(data_copy: Path) -> None:
    _rewrite(data_copy / "references.csv", lambda f: f.__setitem__("year", f["year"].where(f.index != 4, "1999a")))
    with pytest.raises(DataError, match=r"references\.csv, row 5 \(line 6\), column 'year': '1999a' is not a whole"):
        load_from(data_copy, "references")


def test_out_of_range_value_is_rejected(data_copy: Path) -> None:
    _rewrite(data_copy / "references.csv", lambda f: f.__setitem__("year", f["year"].where(f.index != 2, "1700")))
    with pytest.raises(DataError, match=r"row 3 .*column 'year'.*below the minimum"):
        load_from(data_copy, "references")


_ZERO_MINIMUM = [
    (schema.name, col.name)
    for schema in SCHEMAS.values()
    for col in schema.columns
    if col.kind == "float" and col.minimum == 0 and col.maximum is not None and col.maximum >= 1
]


@pytest.mark.parametrize(("table", "column"), _ZERO_MINIMUM)
def test_a_negative_value_fails_where_the_minimum_is_zero(data_copy: Path, table: str, column: str) -> None:
    """A minimum of 0 is a minimum (a range check written as ``if col.minimum:`` would skip it)."""
    _rewrite(data_copy / f"{table}.csv", lambda f: f.__setitem__(column, f[column].where(f.index != 0, "-0.4")))
    with pytest.raises(DataError, match=rf"row 1 .*column '{column}'.*-0.4 is below the minimum 0"):
        load_from(data_copy, table)


def test_a_probability_of_minus_0_4_fails_to_load(data_copy: Path) -> None:
    assert ("trajectory_classes", "share") in _ZERO_MINIMUM


def test_the_source_text_is_checked_like_the_tables(tmp_path: Path, monkeypatch) -> None:
    from helpers import paths, source

    for content, needle in (
        ("Sciatica — café".encode("cp1252"), "not UTF-8"),
        (b"", "empty"),
        (b"  \n\n", "empty"),
        ("Sciatica".encode("utf-16"), "UTF-16"),
    ):
        (tmp_path / "source_text.txt").write_bytes(content)
        monkeypatch.setattr(paths, "DATA_DIR", tmp_path)
        source.text.cache_clear()
        source.sections.cache_clear()
        try:
            with pytest.raises(DataError, match=rf"source_text\.txt: .*{needle}"):
                source.sections()
        finally:
            source.text.cache_clear()
            source.sections.cache_clear()


def test_duplicate_id_names_the_second_row(data_copy: Path) -> None:
    def dup(frame: pd.DataFrame) -> None:
        frame.loc[6, "id"] = frame.loc[1, "id"]

    _rewrite(data_copy / "references.csv", dup)
    with pytest.raises(DataError, match=r"row 7 .*column 'id': duplicate id"):
        load_from(data_copy, "references")


def test_disallowed_category_is_rejected(data_copy: Path) -> None:
    def unconfirm(frame: pd.DataFrame) -> None:
        frame.loc[0, "confirmed"] = "no"

    _rewrite(data_copy / "references.csv", unconfirm)
    with pytest.raises(DataError, match=r"row 1 .*column 'confirmed': 'no' is not allowed"):
        load_from(data_copy, "references")


def test_empty_file_fails_at_load(data_copy: Path) -> None:
    (data_copy / "references.csv").write_text("")
    with pytest.raises(DataError, match=r"references\.csv: the file is empty"):
        load_from(data_copy, "references")


def test_header_only_file_fails_at_load(data_copy: Path) -> None:
    path = data_copy / "references.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n")
    with pytest.raises(DataError, match="header but no rows"):
        load_from(data_copy, "references")


CITING = sorted(s.name for s in SCHEMAS.values() if any(c.refs == "references" for c in s.columns))


@pytest.mark.parametrize("name", CITING)
def test_dangling_reference_names_row_and_column(data_copy: Path, name: str) -> None:
    """Every table that cites references fails when a cited id does not resolve."""

    def dangle(frame: pd.DataFrame) -> None:
        frame.loc[1, "references"] = "koes2007;no_such_ref"

    _rewrite(data_copy / SCHEMAS[name].file_name, dangle)
    with pytest.raises(DataError, match=rf"{name}\.csv, row 2 .*column 'references': 'no_such_ref' does not"):
        load_from(data_copy, name)


def test_references_never_include_unconfirmed_works() -> None:
    refs = load_table("references")
    assert set(refs["confirmed"]) <= {"yes", "partly"}
    partly = refs[refs["confirmed"] == "partly"]
    assert (partly["note"].str.len() > 10).all(), "a partly confirmed work must say what is not confirmed"


def test_references_exclude_statistics_aggregator_sites() -> None:
    text = (DATA_DIR / "references.csv").read_text().lower()
    for site in ("gitnux", "zipdo", "worldmetrics"):
        assert site not in text


def test_every_numeric_column_has_a_range() -> None:
    open_ended = [
        f"{s.name}.{c.name}"
        for s in SCHEMAS.values()
        for c in s.columns
        if c.kind != "str" and (c.minimum is None or c.maximum is None)
    ]
    assert open_ended == [], f"give these columns a minimum and a maximum: {open_ended}"
