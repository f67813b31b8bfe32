"""The course glossary: every term issue #12 lists is defined once, briefly, with an example; references resolve;
the glossary notebook is the table's current rendering; lessons can link to an anchor."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import glossary
from tests.table_copies import copy_data

REQUIRED = (
    "sensitivity",
    "specificity",
    "predictive-value",
    "percentiles",
    "standard-deviation",
    "confidence-interval",
    "p-value",
    "power",
    "odds",
    "odds-ratio",
    "hazard-ratio",
    "vas",
    "odi",
    "minimal-important-change",
    "prevalence",
    "share-vs-percentage",
    "regression-to-the-mean",
    "natural-history",
    "sham",
)
TABLE = glossary.load_glossary()


def test_every_required_term_is_defined_with_an_example() -> None:
    missing = sorted(set(REQUIRED) - set(TABLE["id"]))
    assert not missing, f"glossary lacks {missing}"
    for _, row in TABLE.iterrows():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“])", row["definition"]) if s]
        assert len(sentences) <= 3, f"{row['id']}: keep it to one or two sentences ({len(sentences)})"
        assert len(row["example"]) >= 30, f"{row['id']}: give a small worked example"
        assert re.fullmatch(r"0[0-7]", row["lesson"]), f"{row['id']}: lesson {row['lesson']!r}"


def test_worked_examples_add_up() -> None:
    # the numbers of the diagnostic examples are one story: 96 of 100 flagged, 500 false alarms of 10,000
    ppv = TABLE.set_index("id").loc["predictive-value", "example"]
    assert "96 / 596" in ppv and round(100 * 96 / 596) == 16 and "about 16 %" in ppv
    odds = TABLE.set_index("id").loc["odds", "example"]
    assert "20 / 80 = 0.25" in odds


def test_the_notebook_is_the_tables_rendering() -> None:
    assert glossary.GLOSSARY_NOTEBOOK.read_text(encoding="utf-8") == glossary.notebook_json(), (
        "notebooks/glossary.ipynb is stale: run `.venv/bin/python -m helpers.glossary`"
    )
    text = glossary.GLOSSARY_NOTEBOOK.read_text(encoding="utf-8")
    for term in TABLE["term"]:
        assert f"### {term}" in text and f"(#{glossary.heading_id(term)})" in text


def test_link_points_at_an_anchor_and_refuses_unknown_terms() -> None:
    assert glossary.link("p-value") == "[P value](glossary.ipynb#P-value)"
    assert glossary.link("odds", "the odds", from_notebooks=False) == "[the odds](notebooks/glossary.ipynb#Odds)"
    assert glossary.link("minimal-important-change").endswith("(glossary.ipynb#Minimal-important-change)")
    with pytest.raises(ValueError, match="anchor: 'nope' is not in the glossary"):
        glossary.link("nope")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("id,term", "anchor,term", 1), "missing"),
        (lambda t: t.replace("\nspecificity,", "\nsensitivity,", 1), r"row 2 \(line 3\), column 'id': duplicate id"),
        (lambda t: t.replace("\nspecificity,", "\nSpecificity X,", 1), r"row 2 \(line 3\), column 'id': .* pattern"),
        (lambda t: t.replace(",Sensitivity,", ",Sensitivity (Sn),", 1), r"row 1 \(line 2\), column 'term': .* pattern"),
        (lambda t: t.replace(",ostelo2008", ",nope2099", 1), r"row \d+ \(line \d+\), column 'references'"),
    ],
)
def test_a_damaged_glossary_fails_with_file_row_and_column(tmp_path: Path, edit, message: str) -> None:
    damaged = copy_data(tmp_path) / "glossary.csv"
    damaged.write_text(edit(glossary.GLOSSARY_CSV.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        glossary.load_glossary(damaged)


# ------------------------------------------------------------------------------------------------ lessons link here
LINK = re.compile(r"\]\((?:notebooks/)?glossary\.ipynb#([^)\s]*)\)")


def _markdown(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def _lessons() -> dict[str, list[str]]:
    """Markdown cells of lessons 00–07, by lesson number."""
    folder = glossary.GLOSSARY_NOTEBOOK.parent
    return {p.name[:2]: _markdown(p) for p in sorted(folder.glob("0[0-7]_*.ipynb"))}


def _glossary_heading_ids() -> set[str]:
    """The ids JupyterLab gives the glossary notebook's headings (text with spaces as hyphens)."""
    return {
        glossary.heading_id(line.lstrip("#").strip())
        for text in _markdown(glossary.GLOSSARY_NOTEBOOK)
        for line in text.splitlines()
        if re.match(r"#{1,6} ", line)
    }


def test_every_term_is_linked_from_the_lesson_that_first_uses_it() -> None:
    lessons = _lessons()
    assert len(lessons) == 8, sorted(lessons)
    first: dict[str, str] = {}
    for number, cells in lessons.items():  # in lesson order
        for target in (t for text in cells for t in LINK.findall(text)):
            first.setdefault(target, number)
    for _, row in TABLE.iterrows():
        target = glossary.heading_id(row["term"])
        assert target in first, f"no lesson links {row['term']!r} to the glossary: use glossary.link({row['id']!r})"
        assert first[target] == row["lesson"], (
            f"{row['term']!r} is first linked in lesson {first[target]}, but the glossary says it is first used in "
            f"lesson {row['lesson']}"
        )


def test_every_glossary_link_in_a_lesson_points_at_a_heading() -> None:
    headings = _glossary_heading_ids()
    assert {glossary.heading_id(t) for t in TABLE["term"]} <= headings
    for number, cells in _lessons().items():
        for target in (t for text in cells for t in LINK.findall(text)):
            assert target in headings, f"lesson {number} links glossary.ipynb#{target}, which is no heading there"
