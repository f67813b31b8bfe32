"""The room-sort mode (helpers/apps/room_sort.py): one claim per screen with its full quote and section and no
verdict; "Reveal" shows the ledger's verdict and the first sentence of its evidence; served by `make present`."""

from __future__ import annotations

import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from helpers.apps.presets import _text
from helpers.apps.room_sort import HIDDEN_FILL, RoomSort, fingers, first_sentence
from helpers.ledger import load_claims
from helpers.sorter import CLASS_CLAIMS, class_claims
from helpers.tooling import dashboards
from helpers.vocabulary import VERDICT_ORDER


def _data(app: RoomSort) -> str:
    return json.dumps(app.figure.to_dict()["data"], cls=PlotlyJSONEncoder)


def test_each_screen_shows_the_whole_quote_and_its_section_and_no_verdict() -> None:
    app = RoomSort()
    rows = class_claims(load_claims()).to_dict("records")
    assert len(rows) == 8
    for number, row in enumerate(rows, start=1):
        app.controls["claim"].value = number
        shown = _text(app.claim.value)
        assert f"“{row['quote']}”" in shown, f"claim {number}: the quote is cut or changed"
        assert f"section: {row['section']}" in shown and f"Claim {number} of 8" in shown
        hidden = _text(app.answer.value)
        assert "verdict hidden" in hidden.lower() and row["verdict"] not in hidden
        assert first_sentence(row["evidence"]) not in shown + hidden
    strip = app.figure.data[0].marker.color
    assert list(strip) == [HIDDEN_FILL] * 8, "the strip gives no verdict away before a reveal"


def test_reveal_shows_the_verdict_and_the_evidence_sentence_and_redraws_the_strip() -> None:
    app = RoomSort()
    rows = class_claims(load_claims()).to_dict("records")
    before = _data(app)
    app.controls["claim"].value = 5
    moved = _data(app)
    assert moved != before, "moving to another claim moves the ring in the figure's data"
    app.controls["reveal"].value = True
    shown = _text(app.answer.value)
    assert f"Ledger's verdict: {rows[4]['verdict']}" in shown and fingers(rows[4]["verdict"]) in shown
    assert first_sentence(rows[4]["evidence"]) in shown
    assert _data(app) != moved and "Revealed 1 of 8" in app.figure.layout.title.text
    app.buttons["next"].click()
    assert app.controls["claim"].value == 6 and app.controls["reveal"].value is False
    app.buttons["previous"].click()
    assert app.controls["reveal"].value is True, "a revealed claim stays revealed when you come back"
    app.controls["reveal"].value = False
    assert "verdict hidden" in _text(app.answer.value).lower()


def test_it_is_a_dashboard_of_make_present() -> None:
    names = [d.name for d in dashboards.DASHBOARDS]
    assert "room_sort" in names
    app = dashboards.for_voila(RoomSort())
    assert dashboards.figure_widgets(app.ui) == [app.figure]
    before = _data(app)
    app.controls["claim"].value = 2
    assert _data(app) != before, "after for_voila the controls still redraw the figure on screen"


def test_first_sentence_keeps_decimals_and_abbreviations() -> None:
    assert first_sentence("Fell 30.8 mm with it. Then more.") == "Fell 30.8 mm with it."
    assert first_sentence("Muscles outside the spine (e.g. Piriformis) hurt. Next.") == (
        "Muscles outside the spine (e.g. Piriformis) hurt."
    )
    assert first_sentence("One sentence only") == "One sentence only"
    with pytest.raises(ValueError, match="text: a non-empty string"):
        first_sentence("  ")


def test_fingers_and_bad_ids() -> None:
    assert [fingers(v) for v in VERDICT_ORDER] == ["1 finger", "2 fingers", "3 fingers", "4 fingers"]
    with pytest.raises(ValueError, match="ids: claim ids"):
        RoomSort(ids=("nope",))
    with pytest.raises(ValueError, match="verdict: one of"):
        fingers("maybe")
    assert tuple(c.id for c in RoomSort().cards) == CLASS_CLAIMS
