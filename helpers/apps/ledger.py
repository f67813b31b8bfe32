"""The claims explorer: filter the ledger by section and verdict, see the verdict mix, read one claim."""

from __future__ import annotations

import re
from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import boxes, style
from helpers import ledger as logic
from helpers.apps.base import App, labelled
from helpers.ledger_figures import verdict_bars_figure


def _inline_markdown(text: str) -> str:
    """HTML of a reference line written in Markdown (``*note*`` in italics): escaped first, so only emphasis is made."""
    html = escape(text)
    html = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", html)
    return re.sub(r"\*([^*]+)\*", r"<i>\1</i>", html)


class ClaimsExplorer(App):
    """Filter the source's claims by section and verdict; pick one to read its verdict, evidence and references.

    Parameters
    ----------
    section : a section id or title to start on (``None`` or ``"All"``: every section).
    verdict : a verdict to start on (``None`` or ``"All"``: every verdict).
    """

    title = "The claims explorer"

    def __init__(self, section: str | None = None, verdict: str | None = None) -> None:
        table = logic.load_claims()
        start_section = logic.ALL if section in (None, logic.ALL) else logic.section_title(str(section))
        logic.filter_claims(table, verdict=verdict)  # validates the verdict
        start_verdict = logic.ALL if verdict is None else verdict
        self._rows: list[dict[str, str]] = table.to_dict("records")
        self._cards = {row["id"]: logic.claim_card(table, row["id"]) for row in self._rows}
        self.controls = {
            "section": labelled(
                widgets.Dropdown(options=[logic.ALL, *logic.SECTION_ORDER], value=start_section),
                "Section of the text",
                width="520px",
            ),
            "verdict": labelled(
                widgets.Dropdown(options=[logic.ALL, *logic.VERDICT_ORDER], value=start_verdict),
                "Verdict",
                width="320px",
            ),
            "claim": labelled(widgets.Dropdown(options=[]), "Claim", width="860px"),
        }
        self.figure = go.FigureWidget(
            verdict_bars_figure(
                logic.count_matrix((r["section"], r["verdict"]) for r in self._rows), self.title, height=420
            )
        )
        self.card = widgets.HTML()
        self.summary = widgets.HTML()
        self.controls["section"].observe(self._filter, names="value")
        self.controls["verdict"].observe(self._filter, names="value")
        self.controls["claim"].observe(self._show_card, names="value")
        self.ui = widgets.VBox(
            [
                widgets.HBox([self.controls["section"], self.controls["verdict"]]),
                self.figure,
                self.summary,
                self.controls["claim"],
                self.card,
            ]
        )
        self._filter()

    def selected(self) -> list[dict[str, str]]:
        """The claims that pass the current section and verdict filters."""
        sec = self.controls["section"].value
        verdict = self.controls["verdict"].value
        return [
            r
            for r in self._rows
            if (sec == logic.ALL or r["section"] == sec) and (verdict == logic.ALL or r["verdict"] == verdict)
        ]

    def _filter(self, _change: object = None) -> None:
        chosen = self.selected()
        matrix = logic.count_matrix((r["section"], r["verdict"]) for r in chosen)
        with self.figure.batch_update():
            for verdict, counts in zip(logic.VERDICT_ORDER, matrix, strict=True):
                self.figure.update_traces(
                    selector={"name": verdict}, x=counts, text=[str(c) if c else "" for c in counts]
                )
            self.figure.layout.title.text = f"{self.title}: {len(chosen)} of {len(self._rows)} claims shown"
        options = [(logic.claim_label(r["id"], r["quote"]), r["id"]) for r in chosen]
        self.controls["claim"].options = options
        self.controls["claim"].value = options[0][1] if options else None
        self._show_card()
        self.summary.value = f"<p style='font-size:16px'><b>Figure in words:</b> {escape(self.describe(chosen))}</p>"

    def describe(self, chosen: list[dict[str, str]] | None = None) -> str:
        """One sentence summarising the verdict mix of the claims shown."""
        chosen = self.selected() if chosen is None else chosen
        if not chosen:
            return "No claim of the text matches these filters."
        counts = {v: sum(r["verdict"] == v for r in chosen) for v in logic.VERDICT_ORDER}
        parts = [f"{n} {v}" for v, n in counts.items() if n]
        where = (
            "the whole text"
            if self.controls["section"].value == logic.ALL
            else f"the section “{self.controls['section'].value}”"
        )
        return f"Of the {len(chosen)} claims shown from {where}: " + ", ".join(parts) + "."

    def _show_card(self, _change: object = None) -> None:
        claim_id = self.controls["claim"].value
        if claim_id is None:
            self.card.value = "<p style='font-size:16px'><i>No claim matches these filters.</i></p>"
            return
        card = self._cards[claim_id]
        colour = style.VERDICT_COLOURS[card.verdict]
        refs = "".join(f"<li>{_inline_markdown(text)}</li>" for text in card.references)
        self.card.value = (
            f'<div style="font-size:16px;border-left:8px solid {colour};padding:6px 12px;max-width:900px">'
            f"<p style='margin:2px 0'><b>The clinic's page</b> ({escape(card.section)}): "
            f"<q>{escape(card.quote)}</q></p>"
            f"<p style='margin:6px 0'><b>Verdict: {boxes.label(card.verdict, colour)}</b>"
            f" · type: {escape(card.claim_type)}</p>"
            f"<p style='margin:6px 0'><b>Evidence:</b> {escape(card.evidence)}</p>"
            f"<p style='margin:6px 0'><b>Key concept:</b> {escape(card.concept)}</p>"
            f"<p style='margin:6px 0 0 0'><b>References</b></p><ul style='margin:0'>{refs}</ul></div>"
        )
