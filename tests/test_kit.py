"""The presenter's kit (python -m helpers.tooling kit): printable poll and exit-ticket cards from one table, with no
answers on them, and every run-sheet step pre-rendered offline; the guide's exit ticket is the same table."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from helpers import cards
from helpers.apps import presets
from helpers.tooling import kit
from helpers.tooling.outdir import OutputFolderRefused

ROOT = Path(__file__).resolve().parent.parent


def _visible(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_cards_print_every_question_and_no_answer() -> None:
    page = kit.cards_html(copies=3)
    text = _visible(page)
    for card in cards.CARDS:
        assert card.question in text, f"{card.kind} {card.number} is not on the page"
        assert card.answer[:40] not in text, f"the answer of {card.kind} {card.number} is printed"
        for choice in card.choices:
            assert choice in text
    assert text.count(cards.cards_of("poll")[0].question) == 3
    assert "@page" in page and "break-after: page" in page, "a print page: one sheet per kind"
    with pytest.raises(ValueError, match="copies: 1–8"):
        kit.cards_html(copies=0)


def test_the_card_table_refuses_bad_rows() -> None:
    with pytest.raises(ValueError, match="kind: one of"):
        cards.Card("quiz", 1, "Q?")
    with pytest.raises(ValueError, match="number: 1 or more"):
        cards.Card("poll", 0, "Q?")
    with pytest.raises(ValueError, match="kind: one of"):
        cards.cards_of("quiz")


def test_the_guide_prints_the_exit_ticket_from_the_same_table() -> None:
    guide = json.loads((ROOT / "notebooks" / "instructor_guide.ipynb").read_text(encoding="utf-8"))
    outputs = "".join(
        "".join(o.get("data", {}).get("text/markdown", ""))
        for c in guide["cells"]
        if c["cell_type"] == "code"
        for o in c.get("outputs", [])
    )
    assert cards.exit_ticket_markdown() in outputs, "re-execute the guide: its exit ticket is stale"


def test_the_kit_holds_every_demo_state_offline(tmp_path: Path) -> None:
    done = kit.write_kit(tmp_path / "kit")
    names = sorted(p.name for p in done.files)
    assert names == ["cards.html", "demo_states.html", "plotly.min.js"] and done.states == len(presets.PRESETS)
    page = (tmp_path / "kit" / "demo_states.html").read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"https?://", page), "the kit must open with no network"
    text = _visible(page)
    for row in presets.run_sheet_rows():
        assert row["step"] in text and row["shows"] in text, f"{row['dashboard']} {row['step']} missing"
    assert page.count("Plotly.newPlot(") == len(presets.PRESETS)
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("a student's file", encoding="utf-8")
    with pytest.raises(OutputFolderRefused):
        kit.write_kit(foreign)
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "a student's file"
