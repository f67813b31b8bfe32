"""Citations: turn reference ids from ``data/references.csv`` into readable text for lessons."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.tables import load_table, split_multi


def _table() -> pd.DataFrame:
    return load_table("references").set_index("id")


def resolve(ids: Iterable[str] | str) -> list[str]:
    """Return the ids in order, without duplicates, checking each exists.

    Parameters
    ----------
    ids : str or iterable of str
        Reference ids; any item may itself be a ``;``-separated string of ids.

    Raises
    ------
    ValueError
        Naming every id that is not in ``data/references.csv``.
    """
    items = [ids] if isinstance(ids, str) else list(ids)
    wanted = [part for item in items for part in split_multi(str(item))]
    known = set(_table().index)
    unknown = [i for i in wanted if i not in known]
    if unknown:
        raise ValueError(f"ids: unknown reference id(s) {unknown}; see data/references.csv")
    return list(dict.fromkeys(wanted))


def _surname(author: str) -> str:
    """'Von Korff M' -> 'Von Korff'; 'Jensen RK' -> 'Jensen'; a bracketed placeholder stays as it is."""
    author = author.strip()
    if author.startswith("[") or " " not in author:
        return author
    words = author.split(" ")
    return " ".join(words[:-1]) if words[-1].isupper() and len(words[-1]) <= 3 else author


def short(ref_id: str) -> str:
    """Short in-text citation: ``Koes et al. 2007``, ``Whitney & Von Korff 1992``, ``Weber 1983``."""
    row = _table().loc[resolve([ref_id])[0]]
    if row["kind"] == "source":
        return "the clinic's page"
    authors = [a.strip() for a in str(row["authors"]).split(",") if a.strip()]
    year = "" if pd.isna(row["year"]) else f" {int(row['year'])}"
    first = _surname(authors[0])
    if len(authors) == 2 and "et al" not in authors[1]:
        return f"{first} & {_surname(authors[1])}{year}"
    return f"{first}{' et al.' if len(authors) > 1 else ''}{year}"


def full(ref_id: str) -> str:
    """Full reference in one line (Markdown), with its DOI or URL and any caveat in its note."""
    row = _table().loc[resolve([ref_id])[0]]
    year = "" if pd.isna(row["year"]) else f" ({int(row['year'])})"
    link = f" https://doi.org/{row['doi']}" if row["doi"] else (f" {row['url']}" if row["url"] else "")
    caveat = f" *{row['note']}*" if row["confirmed"] == "partly" else ""
    title = row["title"] if str(row["title"]).endswith(("?", "!", ".")) else f"{row['title']}."
    return f"{row['authors']}{year}. {title} {row['venue']}.{link}{caveat}"


def markdown_list(ids: Iterable[str] | str) -> str:
    """A Markdown bullet list of full references, in the given order."""
    return "\n".join(f"- **[{i}]** {full(i)}" for i in resolve(ids))
