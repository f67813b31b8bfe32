"""Headless tests of the claims explorer: set each control, assert the figure and the readout changed."""

from __future__ import annotations

import pytest

from helpers.apps.ledger import ClaimsExplorer
from helpers.ledger import load_claims


def _bars(app: ClaimsExplorer) -> list[tuple[int, ...]]:
    return [tuple(trace.x) for trace in app.figure.data]


def test_builds_with_no_arguments_and_shows_every_claim() -> None:
    app = ClaimsExplorer()
    assert {"section", "verdict", "claim"} <= set(app.controls)
    assert sum(map(sum, _bars(app))) == len(load_claims())
    assert len(app.controls["claim"].options) == len(load_claims())
    assert "Verdict" in app.card.value and "References" in app.card.value
    assert "claims explorer" in repr(app).lower()
    assert "run this cell" in app._repr_mimebundle_()["text/plain"]


def test_section_filter_changes_the_figure_and_the_picker() -> None:
    app = ClaimsExplorer()
    before = _bars(app)
    app.controls["section"].value = "Possible Causes"
    assert _bars(app) != before
    assert all(label.split(":")[0].startswith("cau") for label, _ in app.controls["claim"].options)
    assert "Possible Causes" in app.summary.value


def test_verdict_filter_changes_the_figure_and_only_that_verdict_remains() -> None:
    app = ClaimsExplorer()
    before = _bars(app)
    app.controls["verdict"].value = "contradicted"
    after = _bars(app)
    assert after != before
    n = int((load_claims()["verdict"] == "contradicted").sum())
    shown = {trace.name: sum(trace.x) for trace in app.figure.data}
    assert shown.pop("contradicted") == n > 0 and set(shown.values()) == {0}  # only the contradicted bars remain
    assert f"Of the {n} claims shown" in app.summary.value and f"{n} contradicted" in app.summary.value


def test_picking_a_claim_shows_its_quote_verdict_evidence_and_references() -> None:
    app = ClaimsExplorer(section="causes")
    app.controls["claim"].value = "cau06"
    assert "only 5 %" in app.card.value
    assert "contradicted" in app.card.value and "85" in app.card.value
    assert "Koes" in app.card.value  # full reference, not just the id
    app.controls["claim"].value = "cau04"
    assert "1.31" in app.card.value


def test_filters_with_no_match_say_so() -> None:
    app = ClaimsExplorer(section="treatment", verdict="contradicted")
    assert app.controls["claim"].value is None
    assert "No claim" in app.card.value and "No claim" in app.summary.value
    assert sum(map(sum, _bars(app))) == 0


def test_starting_section_and_invalid_arguments() -> None:
    app = ClaimsExplorer(section="mechanisms")
    assert app.controls["section"].value == "Physiological Mechanisms"
    with pytest.raises(ValueError, match="section"):
        ClaimsExplorer(section="nowhere")
    with pytest.raises(ValueError, match="verdict"):
        ClaimsExplorer(verdict="dubious")


def test_reference_notes_show_no_raw_markdown() -> None:
    """Issue 21.8: a reference's note is written ``*like this*``; the card shows it in italics, never asterisks."""
    app = ClaimsExplorer()
    shown = 0
    for claim_id, card in app._cards.items():
        if any("*" in text for text in card.references):
            app.controls["section"].value = card.section
            app.controls["claim"].value = claim_id
            assert "*" not in app.card.value, claim_id
            assert "<i>" in app.card.value
            shown += 1
    assert shown, "no reference note to check"
