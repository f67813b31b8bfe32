"""RoomSort: the instructor guide's "8 claims to sort as a room", one claim per screen, for a projector.

Each screen shows one claim's full quote (never cut) and its section of the clinic's page, with no verdict in
sight; the room votes (1–4 fingers), then "Reveal" shows the ledger's verdict and the first sentence of its
evidence. A strip of eight squares above the claim shows which claims have been revealed and their verdicts.
The claims, verdicts and evidence are read from the ledger (``data/claims.csv``), so they are always current.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import ledger, references, style
from helpers.apps.base import App, labelled
from helpers.sorter import CLASS_CLAIMS
from helpers.vocabulary import VERDICT_ORDER

#: Trace names of the strip: one square per claim, and the ring around the claim on screen.
STRIP_TRACE = "claims"
CURRENT_TRACE = "on screen"
#: Fill of a claim not yet revealed (no verdict colour gives anything away).
HIDDEN_FILL = style.LIGHT_GREY
_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "approx.", "vs.", "cf.")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (up to the first '.', '!' or '?' followed by a space and a capital letter).

    Abbreviations such as "e.g." and decimal points ("30.8 mm") do not end a sentence; a text with one sentence
    is returned whole.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text: a non-empty string")
    text = text.strip()
    for match in re.finditer(r"[.!?](?=\s+[A-Z(“\"])", text):
        head = text[: match.end()]
        if not head.endswith(_ABBREVIATIONS):
            return head
    return text


def fingers_line() -> str:
    """How to vote: ``"1 supported · 2 partly supported · 3 untested · 4 contradicted"``."""
    return " · ".join(f"{i} {v}" for i, v in enumerate(VERDICT_ORDER, start=1))


def _fingers_html() -> str:
    """:func:`fingers_line` with each "number verdict" kept on one line."""
    return " · ".join(escape(part).replace(" ", "&nbsp;") for part in fingers_line().split(" · "))


def fingers(verdict: str) -> str:
    """The vote for a verdict: ``"1 finger"`` for supported ... ``"4 fingers"`` for contradicted."""
    if verdict not in VERDICT_ORDER:
        raise ValueError(f"verdict: one of {list(VERDICT_ORDER)}, got {verdict!r}")
    k = VERDICT_ORDER.index(verdict) + 1
    return f"{k} finger" + ("s" if k > 1 else "")


def _ring(current: int) -> tuple[list[float], list[float]]:
    """The outline drawn round the square of the claim on screen (a line, so moving it changes a plotted path)."""
    x0, x1 = current + 1 - 0.22, current + 1 + 0.22
    return [x0, x1, x1, x0, x0], [-0.4, -0.4, 0.4, 0.4, -0.4]


def strip_figure(verdicts: Sequence[str], revealed: Sequence[bool], current: int) -> go.Figure:
    """Eight squares, one per claim: grey until revealed, then the verdict's colour; a ring on the one on screen.

    Parameters
    ----------
    verdicts : the ledger's verdict of each claim, in order.
    revealed : whether each claim's verdict has been revealed.
    current : index (0-based) of the claim on screen.
    """
    n = len(verdicts)
    if len(revealed) != n or not 0 <= current < n:
        raise ValueError(f"current: 0–{n - 1} with one 'revealed' flag per verdict, got {current} and {len(revealed)}")
    x = list(range(1, n + 1))
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=[0] * n,
        mode="markers+text",
        marker={"symbol": "square", "size": 38, "line": {"width": 1, "color": style.OUTLINE}},
        text=[str(i) for i in x],
        textfont={"size": 18, "color": style.TEXT_ON_LIGHT},
        hoverinfo="skip",
        name=STRIP_TRACE,
        showlegend=False,
    )
    ring_x, ring_y = _ring(current)
    fig.add_scatter(
        x=ring_x,
        y=ring_y,
        mode="lines",
        line={"width": 4, "color": style.BLACK},
        hoverinfo="skip",
        name=CURRENT_TRACE,
        showlegend=False,
    )
    style.apply(fig, strip_title(verdicts, revealed), None, None, height=200)
    fig.update_xaxes(range=[0.3, n + 0.7], visible=False, fixedrange=True)
    fig.update_yaxes(range=[-1, 1], visible=False, fixedrange=True)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 50, "b": 10})
    fill_strip(fig, verdicts, revealed, current)
    return style.finish(fig)


def strip_title(verdicts: Sequence[str], revealed: Sequence[bool]) -> str:
    """``"Revealed 3 of 8: 1 supported, 2 untested"`` (or ``"8 claims to sort as a room"`` before any reveal)."""
    shown = [v for v, r in zip(verdicts, revealed, strict=True) if r]
    if not shown:
        return f"{len(verdicts)} claims to sort as a room"
    counts = ", ".join(f"{shown.count(v)} {v}" for v in VERDICT_ORDER if v in shown)
    return f"Revealed {len(shown)} of {len(verdicts)}: {counts}"


def fill_strip(fig: go.Figure, verdicts: Sequence[str], revealed: Sequence[bool], current: int) -> None:
    """Colour the strip's squares and move the ring (in place; inside a ``batch_update`` for a FigureWidget)."""
    colours = [style.VERDICT_COLOURS[v] if r else HIDDEN_FILL for v, r in zip(verdicts, revealed, strict=True)]
    for trace in fig.data:
        if trace.name == STRIP_TRACE:
            trace.marker.color = colours
        elif trace.name == CURRENT_TRACE:
            trace.x, trace.y = _ring(current)
    fig.layout.title.text = strip_title(verdicts, revealed)


class RoomSort(App):
    """One claim per screen for sorting as a room: the full quote and its section, then the verdict on "Reveal".

    Parameters
    ----------
    ids : the claims to sort, in order (default: the guide's eight, :data:`helpers.sorter.CLASS_CLAIMS`).
    """

    title = "Sort the claims as a room"

    def __init__(self, ids: Sequence[str] = CLASS_CLAIMS) -> None:
        table = ledger.load_claims()
        known = set(table["id"])
        ids = tuple(ids)
        unknown = [i for i in ids if i not in known]
        if not ids or unknown:
            raise ValueError(f"ids: claim ids from data/claims.csv, got unknown {unknown or 'none (empty)'}")
        self.cards = [ledger.claim_card(table, i) for i in ids]
        self.revealed = [False] * len(self.cards)
        n = len(self.cards)
        self.controls: dict[str, widgets.Widget] = {
            "claim": labelled(widgets.IntSlider(value=1, min=1, max=n, step=1), f"Claim (1–{n})", width="360px"),
            "reveal": widgets.ToggleButton(
                value=False,
                description="Reveal the verdict",
                tooltip="Show the ledger's verdict and its evidence (after the vote)",
                button_style="primary",
                layout=widgets.Layout(width="auto"),
            ),
        }
        self.buttons = {
            "previous": widgets.Button(description="◀ Previous", layout=widgets.Layout(width="auto")),
            "next": widgets.Button(description="Next ▶", layout=widgets.Layout(width="auto")),
        }
        self.buttons["previous"].on_click(lambda _b: self._step(-1))
        self.buttons["next"].on_click(lambda _b: self._step(+1))
        self.figure = go.FigureWidget(strip_figure(self._verdicts(), self.revealed, 0))
        self.claim = widgets.HTML()
        self.answer = widgets.HTML()
        self.summary = widgets.HTML()
        self.controls["claim"].observe(self._on_claim, names="value")
        self.controls["reveal"].observe(self._on_reveal, names="value")
        row = widgets.HBox(
            [self.buttons["previous"], self.controls["claim"], self.buttons["next"], self.controls["reveal"]],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        self.ui = widgets.VBox([row, self.claim, self.answer, self.figure, self.summary])
        self.ui.add_class("course-room-sort")
        self._render()

    # ------------------------------------------------------------------------------------------------ state
    def _verdicts(self) -> list[str]:
        return [c.verdict for c in self.cards]

    @property
    def index(self) -> int:
        """The claim on screen (0-based)."""
        return int(self.controls["claim"].value) - 1

    def _step(self, by: int) -> None:
        slider = self.controls["claim"]
        slider.value = min(max(slider.value + by, slider.min), slider.max)

    def _on_claim(self, _change: Any = None) -> None:
        reveal = self.controls["reveal"]
        if reveal.value != self.revealed[self.index]:
            reveal.value = self.revealed[self.index]  # a claim already revealed stays revealed when you come back
        else:
            self._render()

    def _on_reveal(self, _change: Any = None) -> None:
        self.revealed[self.index] = bool(self.controls["reveal"].value)
        self._render()

    # ------------------------------------------------------------------------------------------------ view
    def _render(self) -> None:
        i = self.index
        card = self.cards[i]
        n = len(self.cards)
        self.claim.value = (
            f"<div class='course-room-claim' style='max-width:1150px'>"
            f"<p style='font-size:18px;margin:6px 0 2px 0'><b>Claim {i + 1} of {n}</b> · section: "
            f"<b>{escape(card.section)}</b></p>"
            f"<blockquote style='font-size:30px;line-height:1.35;margin:6px 0 6px 0;padding:6px 16px;"
            f"border-left:8px solid {style.GREY};white-space:normal;overflow-wrap:anywhere'>"
            f"“{escape(card.quote)}”</blockquote>"
            f"<p style='font-size:17px;margin:0'>— an acupuncture clinic's patient information page. "
            f"<b>Vote with your fingers:</b> {_fingers_html()}</p></div>"
        )
        if self.revealed[i]:
            colour = style.VERDICT_COLOURS[card.verdict]
            cites = ", ".join(references.resolve(card.reference_ids))
            self.answer.value = (
                f"<div class='course-room-verdict' style='font-size:22px;line-height:1.4;border-left:12px solid "
                f"{colour};padding:6px 14px;max-width:1150px'>"
                f"<b>Ledger's verdict: {escape(card.verdict)}</b> "
                f"({fingers(card.verdict)})<br>{escape(first_sentence(card.evidence))} "
                f"<span style='font-size:17px'>[{escape(cites)}]</span></div>"
            )
        else:
            self.answer.value = (
                "<p style='font-size:18px;margin:4px 0'><i>Verdict hidden: vote first, then press "
                "“Reveal the verdict”.</i></p>"
            )
        with self.figure.batch_update():
            fill_strip(self.figure, self._verdicts(), self.revealed, i)
        shown = sum(self.revealed)
        self.summary.value = (
            f"<p style='font-size:16px'><b>Figure in words:</b> the strip has one square per claim; claim {i + 1} is "
            f"on screen. {shown} of {n} verdicts revealed"
            + (f" ({escape(strip_title(self._verdicts(), self.revealed).split(': ', 1)[1])})." if shown else ".")
            + "</p>"
        )


def room_sort_markdown(ids: Sequence[str] = CLASS_CLAIMS) -> str:
    """The claims to sort as a room as a Markdown table for the guide (the paper fallback of the dashboard):
    number, section, the whole quote, the ledger's verdict (with its fingers) and the evidence sentence."""
    table = ledger.load_claims()
    lines = [
        "| # | Section | Quote (whole) | Verdict | Evidence sentence to read out |",
        "| --- | --- | --- | --- | --- |",
    ]
    for number, claim_id in enumerate(ids, start=1):
        card = ledger.claim_card(table, claim_id)
        cells = (
            str(number),
            card.section,
            f"“{card.quote}”",
            f"{card.verdict} ({fingers(card.verdict)})",
            first_sentence(card.evidence),
        )
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines)
