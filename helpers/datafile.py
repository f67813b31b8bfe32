"""The error every data file raises, and reading a data file's text (UTF-8, not empty), with no other import from
the course: :mod:`helpers.schemas`, :mod:`helpers.tables` and :mod:`helpers.source` all build on it."""

from __future__ import annotations

import codecs
from pathlib import Path


class DataError(ValueError):
    """A data file does not match its schema. The message names the file, the row and the column.

    ``row`` counts data rows from 1 (the header is not a row); ``line`` is the line in the file.
    """

    def __init__(self, path: Path | str, message: str, row: int | None = None, column: str | None = None):
        self.path = Path(path)
        self.row = row
        self.column = column
        where = [str(self.path)]
        if row is not None:
            where.append(f"row {row} (line {row + 1})")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {message}")


_SAVE_AS_UTF8 = (
    "save it as UTF-8 (in Excel: Save As > 'CSV UTF-8 (Comma delimited)'; in LibreOffice: "
    "character set 'Unicode (UTF-8)')"
)


def _decode(path: Path, data: bytes) -> str:
    """The file's text, or a :class:`DataError` saying to save it as UTF-8 (a UTF-8 byte-order mark is fine)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data.count(b"\x00") * 4 > len(data):
        raise DataError(path, f"the file is UTF-16 (or UTF-32) text, not UTF-8; {_SAVE_AS_UTF8}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            path,
            f"the file is not UTF-8 text: byte 0x{data[exc.start]:02x} on line {line} is not "
            f"UTF-8 (Excel's plain 'CSV' and Latin-1 files look like this); {_SAVE_AS_UTF8}",
            row=line - 1 if line > 1 else None,
        ) from None


def read_text_file(path: Path | str) -> str:
    """Read a data text file (``data/source_text.txt``) checked like the tables: it must exist, be UTF-8 (a
    byte-order mark is fine) and hold text; otherwise :class:`DataError` names the file and says how to fix it."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, "file not found")
    text = _decode(path, path.read_bytes())
    if not text.strip():
        raise DataError(path, "the file is empty (expected the source's text)")
    return text
