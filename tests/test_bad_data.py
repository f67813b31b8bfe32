"""Damaged copies of data/*.csv, many ways: each one fails with a DataError naming the file.

Where the damage is in one cell or one row, the error also names the row (and the column). Nothing loads silently.
Run this module as a script (``python -m tests.test_bad_data``) to count tried / refused by name / accepted.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.tables import DataError, load_from
from tests.table_copies import copy_data, edit_cell, first_row


@dataclass(frozen=True)
class Damage:
    """One way to damage one table: ``change`` maps the file's text to new text or bytes."""

    name: str
    table: str
    change: Callable[[str], str | bytes]
    row: int | None = None  # the data row the error must name, if any
    column: str | None = None  # the column the error must name, if any


def cell(table: str, column: str, value: str, row: int | None = None, name: str = "") -> Damage:
    """Set one cell (default: the first non-empty one of ``column``) to ``value``."""
    row = row or first_row(table, column)
    return Damage(
        name or f"{table}.{column} = {value!r}", table, lambda t: edit_cell(t, row, column, value), row, column
    )


def encoded(table: str, encoding: str) -> Damage:
    """The whole file saved in another encoding, with an accented letter in a text cell so it is not plain ASCII."""
    text_column = {"references": "title", "mechanism_facts": "setting", "symptoms": "description"}[table]

    def change(text: str) -> bytes:
        accented = edit_cell(text, 1, text_column, "Résumé café naïve")
        return codecs.encode(accented, encoding, errors="replace")

    return Damage(f"{table} saved as {encoding}", table, change)


def lines(table: str, name: str, edit: Callable[[list[str]], list[str]], row: int | None = None) -> Damage:
    """Edit the file's lines (header first, no line endings)."""
    return Damage(name, table, lambda t: "\n".join(edit(t.splitlines())) + "\n", row)


def _separated(delimiter: str) -> Callable[[list[str]], list[str]]:
    """Every line of a CSV written again with another delimiter (as a spreadsheet in another locale saves it)."""

    def edit(text_lines: list[str]) -> list[str]:
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(csv.reader(text_lines))
        return out.getvalue().splitlines()

    return edit


CASES: list[Damage] = [
    # --- not UTF-8: Excel's cp1252, Latin-1, UTF-16 (with and without a byte-order mark), UTF-32
    *(
        encoded(t, e)
        for t in ("references", "mechanism_facts", "symptoms")
        for e in ("cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "utf-32")
    ),
    # --- numbers Python's int() and float() accept but a table must not
    cell("references", "year", "2_019", name="year with an underscore (2_019)"),
    cell("mechanism_facts", "value", "2_4", name="value with an underscore (2_4)"),
    cell("imaging_findings", "prevalence", "0_5", name="prevalence 0_5"),
    cell("references", "year", "٢٠١٩", name="year in Arabic-Indic digits"),
    cell("references", "year", "２０１９", name="year in full-width digits"),
    cell("mechanism_facts", "value", "२४", name="value in Devanagari digits"),
    cell("mechanism_facts", "value", "24\x00", name="NUL byte after a number"),
    cell("references", "title", "Diagnosis\x00 of sciatica", name="NUL byte in a text cell"),
    cell("symptoms", "label", "Leg pain\x1b[31m", name="escape character in a text cell"),
    cell("mechanism_facts", "value", "inf"),
    cell("mechanism_facts", "value", "-Infinity"),
    cell("mechanism_facts", "value", "1e400"),
    cell("mechanism_facts", "value", "nan"),
    cell("effect_sizes", "estimate", "NaN"),
    cell("trajectory_classes", "baseline_sd", "n/a"),
    cell("risk_factors", "estimate", "1,5", name="decimal comma (quoted)"),
    cell("mechanism_facts", "value", "0x18", name="hexadecimal"),
    cell("mechanism_facts", "value", "24 h", name="number with a unit"),
    cell("mechanism_facts", "value", "40%", name="number with a percent sign"),
    cell("mechanism_facts", "value", "1.2.3"),
    cell("mechanism_facts", "value", "½"),
    cell("references", "year", "2019.0", name="year with a decimal point"),
    cell("references", "year", "1e3", name="year in scientific notation"),
    cell("calibration_targets", "week", "--2"),
    # --- numbers out of their range
    cell("mechanism_facts", "value", "-5", name="negative hours"),
    cell("mechanism_facts", "value", "5000", name="5000 hours"),
    cell(
        "mechanism_facts",
        "value",
        "2",
        row=first_row("mechanism_facts", "unit", lambda u: u == "correlation r"),
        name="correlation of 2",
    ),
    cell(
        "mechanism_facts",
        "value",
        "305.5",
        row=first_row("mechanism_facts", "unit", lambda u: u == "people"),
        name="half a person",
    ),
    cell("mechanism_facts", "unit", "weeks", name="a unit without a range"),
    cell("references", "year", "1800"),
    cell("imaging_findings", "age_years", "100"),
    cell("risk_factors", "estimate", "0"),
    cell("effect_sizes", "estimate", "150"),
    cell("trajectory_classes", "tau_weeks", "-1"),
    cell("cohort_symptom_probabilities", "probability", "1.01"),
    # --- wrong delimiter, trailing commas, rows of the wrong length
    lines("mechanism_facts", "semicolon-separated file", _separated(";")),
    lines("references", "semicolon-separated file (references)", _separated(";")),
    lines("symptoms", "tab-separated file", _separated("\t")),
    lines("mechanism_facts", "trailing comma on every line", lambda ls: [x + "," for x in ls]),
    lines("mechanism_facts", "trailing comma on every data row", lambda ls: ls[:1] + [x + "," for x in ls[1:]], 1),
    lines("risk_factors", "trailing comma on one row", lambda ls: [*ls[:3], ls[3] + ",", *ls[4:]], 3),
    lines("mechanism_facts", "an extra field in one row", lambda ls: [*ls[:2], ls[2] + ",extra", *ls[3:]], 2),
    lines(
        "references",
        "last (optional) field missing in one row",
        lambda ls: [*ls[:2], ls[2][: ls[2].rindex(",")], *ls[3:]],
        2,
    ),
    lines("mechanism_facts", "a blank line inside the table", lambda ls: [*ls[:4], "", *ls[4:]], 4),
    lines("mechanism_facts", "an unclosed double quote", lambda ls: [*ls[:2], ls[2].replace(",", ',"', 1), *ls[3:]]),
    lines("mechanism_facts", "a column named twice", lambda ls: [ls[0].replace("unit", "value"), *ls[1:]]),
    lines("mechanism_facts", "a header column without a name", lambda ls: [ls[0].replace("unit", ""), *ls[1:]]),
    lines("mechanism_facts", "a blank first line", lambda ls: ["", *ls]),
    lines("mechanism_facts", "Excel's sep=; line", lambda ls: ["sep=;", *ls]),
    # --- missing, empty, renamed
    Damage("empty file", "mechanism_facts", lambda t: ""),
    Damage("only blank lines", "mechanism_facts", lambda t: "\n\n  \n"),
    lines("mechanism_facts", "header only", lambda ls: ls[:1]),
    lines("mechanism_facts", "a renamed column", lambda ls: [ls[0].replace("value", "amount"), *ls[1:]]),
    lines("mechanism_facts", "a column dropped from every row", lambda ls: [x.rsplit(",", 1)[0] for x in ls]),
    # --- ids, categories, references, required cells
    cell("mechanism_facts", "id", "Lactate", name="upper-case id"),
    cell("mechanism_facts", "id", "lactate back", name="id with a space"),
    Damage(
        "duplicate id (named at its second row)",
        "mechanism_facts",
        lambda t: edit_cell(t, 1, "id", "soreness_peak_from"),
        2,
        "id",
    ),
    cell("mechanism_facts", "topic", "lactic acid", name="topic not allowed"),
    cell("claims", "verdict", "maybe"),
    cell("mechanism_facts", "references", "nobody2020", name="reference that does not resolve"),
    cell("mechanism_facts", "quantity", "", name="required cell empty"),
    cell("mechanism_facts", "value", "   ", name="required number blank"),
    cell("nerve_roots", "pain_regions", "calf;elbow", name="leg region not in the diagram"),
]


@pytest.mark.parametrize("damage", CASES, ids=[c.name for c in CASES])
def test_damaged_table_fails_naming_the_file(tmp_path: Path, damage: Damage) -> None:
    path = copy_data(tmp_path) / f"{damage.table}.csv"
    changed = damage.change(path.read_text(encoding="utf-8"))
    path.write_bytes(changed if isinstance(changed, bytes) else changed.encode("utf-8"))
    with pytest.raises(DataError) as err:
        load_from(tmp_path, damage.table)
    message = str(err.value)
    assert message.startswith(str(path)), message
    if damage.row is not None:
        assert err.value.row == damage.row, message
    if damage.column is not None:
        assert err.value.column == damage.column, message


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_wrong_encoding_says_to_save_as_utf8(tmp_path: Path, encoding: str) -> None:
    path = copy_data(tmp_path) / "references.csv"
    path.write_bytes(encoded("references", encoding).change(path.read_text(encoding="utf-8")))  # type: ignore[arg-type]
    with pytest.raises(DataError, match=r"not UTF-8.*save it as UTF-8"):
        load_from(tmp_path, "references")


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (_separated(";"), "separated by semicolons"),
        (lambda ls: [x + "," for x in ls], "trailing comma"),
        (lambda ls: ls[:1] + [x + "," for x in ls[1:]], "every data row ends with a trailing comma"),
    ],
)
def test_delimiter_and_trailing_commas_are_named(
    tmp_path: Path, edit: Callable[[list[str]], list[str]], says: str
) -> None:
    path = copy_data(tmp_path) / "mechanism_facts.csv"
    path.write_text(lines("mechanism_facts", "", edit).change(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError, match=says):
        load_from(tmp_path, "mechanism_facts")


def test_a_utf8_byte_order_mark_and_windows_line_ends_are_fine(tmp_path: Path) -> None:
    """Excel's 'CSV UTF-8' writes a byte-order mark and CRLF line ends: that file is UTF-8, and loads."""
    path = copy_data(tmp_path) / "mechanism_facts.csv"
    path.write_bytes(codecs.BOM_UTF8 + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert len(load_from(tmp_path, "mechanism_facts")) > 0


def survey(tmp_root: Path) -> tuple[int, int, list[str], list[str]]:
    """(tried, refused naming the file, names loaded silently, names refused without naming the file)."""
    refused, silent, unnamed = 0, [], []
    for i, damage in enumerate(CASES):
        folder = tmp_root / str(i)
        folder.mkdir()
        path = copy_data(folder) / f"{damage.table}.csv"
        changed = damage.change(path.read_text(encoding="utf-8"))
        path.write_bytes(changed if isinstance(changed, bytes) else changed.encode("utf-8"))
        try:
            load_from(folder, damage.table)
        except DataError as exc:
            if str(exc).startswith(str(path)) and (damage.row is None or exc.row == damage.row):
                refused += 1
            else:
                unnamed.append(f"{damage.name}: {exc}")
        except Exception as exc:  # counting what escapes
            unnamed.append(f"{damage.name}: {type(exc).__name__}: {exc}")
        else:
            silent.append(damage.name)
    return len(CASES), refused, silent, unnamed


#: Damaged copies of data/source_text.txt, the clinic's page: each must fail naming that file.
TEXT_CASES: dict[str, Callable[[bytes], bytes]] = {
    "saved as cp1252": lambda b: b.decode("utf-8").encode("cp1252", errors="replace"),
    "saved as UTF-16": lambda b: b.decode("utf-8").encode("utf-16"),
    "empty": lambda b: b"",
    "only blank lines": lambda b: b"\n  \n\n",
    "a heading removed": lambda b: b.replace(b"Causes", b"Cause", 1) if b"Causes" in b else b[: len(b) // 3],
    "cut in half": lambda b: b[: len(b) // 2],
}


def _text_outcome(tmp_path: Path, change: Callable[[bytes], bytes]) -> str:
    """``"named"`` when loading the damaged text fails naming source_text.txt, else what happened."""
    from helpers import paths, source

    original = paths.DATA_DIR
    (tmp_path / "source_text.txt").write_bytes(change((original / "source_text.txt").read_bytes()))
    paths.DATA_DIR = tmp_path
    source.text.cache_clear()
    source.sections.cache_clear()
    try:
        source.sections()
    except (DataError, ValueError) as exc:
        return "named" if "source_text.txt" in str(exc) else f"unnamed: {exc}"
    except Exception as exc:  # counting what escapes
        return f"unnamed: {type(exc).__name__}: {exc}"
    finally:
        paths.DATA_DIR = original
        source.text.cache_clear()
        source.sections.cache_clear()
    return "silent"


@pytest.mark.parametrize("name", list(TEXT_CASES))
def test_a_damaged_source_text_fails_naming_the_file(tmp_path: Path, name: str) -> None:
    assert _text_outcome(tmp_path, TEXT_CASES[name]) == "named"


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        tried, named, silent, unnamed = survey(Path(tmp))
    print(
        f"damaged files tried {tried}, refused naming file (and row) {named}, accepted silently {len(silent)}, "
        f"refused without naming the file/row {len(unnamed)}"
    )
    for line in silent:
        print("  silent:", line)
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = {}
        for n, (name, change) in enumerate(TEXT_CASES.items()):
            (Path(tmp) / str(n)).mkdir()
            outcomes[name] = _text_outcome(Path(tmp) / str(n), change)
    named_text = sum(o == "named" for o in outcomes.values())
    print(f"damaged source texts tried {len(outcomes)}, refused naming the file {named_text}")
    for name, outcome in outcomes.items():
        if outcome != "named":
            print(f"  {name}: {outcome[:160]}")
    for line in unnamed:
        print("  unnamed:", line[:200])
