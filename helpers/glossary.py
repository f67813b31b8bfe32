"""The course glossary (``data/glossary.csv``): one- or two-sentence definitions of the statistical and clinical
terms the lessons use, each with a small example, and the Markdown of ``notebooks/glossary.ipynb``.

Lessons link to a term with :func:`link` (``link("p-value")`` gives ``[P value](glossary.ipynb#P-value)``): the
target is the term's heading, whose id JupyterLab and nbconvert both make by replacing spaces with hyphens
(JupyterLab's sanitizer drops hand-written ``<a id>`` anchors). The glossary notebook
is written from the table by ``python -m helpers.glossary`` (a test keeps it in step), so a definition is edited
in one place only. Pure pandas; no widgets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from helpers import references
from helpers.paths import DATA_DIR, NOTEBOOKS_DIR
from helpers.schemas import DataError
from helpers.tables import load_from, load_table

GLOSSARY_CSV: Path = DATA_DIR / "glossary.csv"
GLOSSARY_NOTEBOOK: Path = NOTEBOOKS_DIR / "glossary.ipynb"


def load_glossary(path: Path = GLOSSARY_CSV) -> pd.DataFrame:
    """The validated glossary, one row per term, in the table's order (schema ``glossary`` in helpers.schemas).

    Raises
    ------
    DataError
        If a column is missing, an anchor is not lower-case-with-hyphens or is used twice, a term is not letters
        and spaces (terms become heading ids), a cell that must hold text is empty, or a reference id does not
        resolve in ``data/references.csv`` (the file, row and column are named).
    """
    table = load_table("glossary") if path == GLOSSARY_CSV else load_from(path.parent, "glossary")
    duplicated = sorted(set(table.loc[table["term"].duplicated(), "term"]))
    if duplicated:
        raise DataError(path, f"a term is used twice: {duplicated}", column="term")
    return table.reset_index(drop=True)


def heading_id(term: str) -> str:
    """The id JupyterLab and nbconvert give the heading ``### term``: spaces become hyphens (``P-value``)."""
    return term.replace(" ", "-")


def link(anchor: str, text: str | None = None, from_notebooks: bool = True) -> str:
    """A Markdown link to a glossary entry, for a lesson's prose: ``[P value](glossary.ipynb#p-value)``.

    Raises
    ------
    ValueError
        If ``anchor`` is not in the glossary.
    """
    table = load_glossary().set_index("id")
    if anchor not in table.index:
        raise ValueError(f"anchor: {anchor!r} is not in the glossary; allowed: {', '.join(table.index)}")
    target = ("" if from_notebooks else "notebooks/") + f"glossary.ipynb#{heading_id(table.loc[anchor, 'term'])}"
    return f"[{text or table.loc[anchor, 'term']}]({target})"


def entry_markdown(record: pd.Series) -> str:
    """One term as Markdown: its heading (the link target), the definition, the example and its references."""
    refs = f" [{'; '.join(references.resolve(record['references']))}]" if record["references"] else ""
    also = f"*Also written {record['also']}.* " if record["also"] else ""
    return (
        f"### {record['term']}\n\n{also}{record['definition']}{refs}\n\n"
        f"*Example.* {record['example']}\n\n"
        f"<small>First used in lesson {record['lesson']}.</small>"
    )


def notebook_cells(table: pd.DataFrame | None = None) -> list[str]:
    """The Markdown of every cell of ``notebooks/glossary.ipynb``, in order."""
    table = load_glossary() if table is None else table
    index = " · ".join(f"[{t}](#{heading_id(t)})" for t in table["term"])
    cited = references.resolve(";".join(r for r in table["references"] if r))
    head = (
        "# Sciatica — claims, evidence and recovery\n## Glossary\n\n"
        "> ⚕️ *Educational, not medical advice.* These definitions help you read studies and claims; they "
        "cannot assess anyone's own symptoms.\n\n"
        "The statistical and clinical words the lessons use, each in one or two sentences with a small "
        "example. Examples marked *made-up numbers* are for arithmetic only. Each lesson defines a term where "
        "it first uses it and links here.\n\n" + index
    )
    refs = "## References\n\n" + "\n".join(f"- **[{r}]** {references.full(r)}" for r in cited)
    return [head, *(entry_markdown(rec) for _, rec in table.iterrows()), refs]


def notebook_json(table: pd.DataFrame | None = None) -> str:
    """The whole glossary notebook (nbformat 4, Markdown only: nothing to execute) as JSON text."""
    cells = [
        {"cell_type": "markdown", "id": f"glossary-{i:02d}", "metadata": {}, "source": text}
        for i, text in enumerate(notebook_cells(table))
    ]
    doc = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    """``python -m helpers.glossary``: write notebooks/glossary.ipynb from data/glossary.csv."""
    out = Path(argv[0]) if argv else GLOSSARY_NOTEBOOK
    out.write_text(notebook_json(), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
