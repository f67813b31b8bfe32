"""Lesson 07's claim sorter: give every claim of the clinic's page a verdict and compare it with the ledger."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import boxes, sorter, style
from helpers import ledger as ledger
from helpers.apps.base import App, labelled
from helpers.claim_review_figures import add_agreement_bars, agreement_title, section_ticks

_P = "<p style='margin:6px 0'>"
_INFO = "<span style='font-size:14px'>{}</span>"


class ClaimSorter(App):
    """Sort the claims of the clinic's page, one at a time or section by section, and get feedback on each.

    Choose a verdict, press "Check my verdict": the card shows whether you agree with the course's claims
    ledger, its evidence, the key concept and the references, and the figure counts your agreement by section.
    The first verdict you check for a claim is the one counted. Verdicts are saved for this user only, beside the
    claim check's answers (:func:`helpers.sorter.verdicts_file`), so they are there when the notebook is opened
    again; "Start again" asks for a second click before it forgets them all.

    Parameters
    ----------
    section : a section id or title to start on (``None`` or ``"All"``: the whole text in reading order).
    path : the verdicts file (default :func:`helpers.sorter.verdicts_file`, read when the app is built).
    """

    title = "Sort the claims"

    def __init__(self, section: str | None = None, path: Path | str | None = None) -> None:
        if path is not None and not isinstance(path, str | Path):
            raise ValueError(f"path: expected a file path (str or Path) or None, got {type(path).__name__}")
        table = ledger.load_claims()
        start = ledger.ALL if section in (None, ledger.ALL) else ledger.section_title(str(section))
        self._records: list[dict[str, str]] = table.to_dict("records")
        self._rows = sorter.ledger_rows(self._records)
        self._ids = [r[0] for r in self._rows]
        self._cards = {r["id"]: ledger.claim_card(table, r["id"]) for r in self._records}
        self.path = sorter.verdicts_file() if path is None else Path(path)
        self._confirming = False
        saved = sorter.read_verdicts(self.path, self._ids)
        self.guesses: dict[str, str] = saved.as_dict()
        self.controls = {
            "section": labelled(
                widgets.Dropdown(options=[ledger.ALL, *ledger.SECTION_ORDER], value=start),
                "Section of the text",
                width="520px",
            ),
            "claim": labelled(widgets.Dropdown(options=[]), "Claim", width="860px"),
            "verdict": labelled(
                widgets.RadioButtons(options=list(ledger.VERDICT_ORDER), value=None), "Your verdict", width="420px"
            ),
        }
        self.buttons = {
            "check": widgets.Button(
                description="Check my verdict", button_style="primary", layout=widgets.Layout(width="200px")
            ),
            "previous": widgets.Button(description="◀ Previous claim", layout=widgets.Layout(width="180px")),
            "next": widgets.Button(description="Next claim ▶", layout=widgets.Layout(width="180px")),
            "restart": widgets.Button(
                description="Start again", button_style="warning", layout=widgets.Layout(width="220px")
            ),
            "keep": widgets.Button(
                description="No, keep my verdicts", layout=widgets.Layout(width="200px", display="none")
            ),
        }
        self.card = widgets.HTML()
        self.status = widgets.HTML()
        self.summary = widgets.HTML()
        self.figure = go.FigureWidget()
        style.apply(self.figure, self.title, "Claims (count)", None, height=440)
        add_agreement_bars(self.figure, sorter.score_sort(self._rows, {}).matrix())
        self.controls["section"].observe(self._section_changed, names="value")
        self.controls["claim"].observe(self._show_claim, names="value")
        self.buttons["check"].on_click(lambda _b: self.check())
        self.buttons["next"].on_click(lambda _b: self.step(1))
        self.buttons["previous"].on_click(lambda _b: self.step(-1))
        self.buttons["restart"].on_click(lambda _b: self.restart())
        self.buttons["keep"].on_click(lambda _b: self.keep())
        self.ui = widgets.VBox(
            [
                self.controls["section"],
                self.controls["claim"],
                self.card,
                widgets.HBox(
                    [
                        self.controls["verdict"],
                        widgets.VBox(
                            [self.buttons["check"], self.status], layout=widgets.Layout(justify_content="center")
                        ),
                    ]
                ),
                widgets.HBox(
                    [self.buttons["previous"], self.buttons["next"], self.buttons["restart"], self.buttons["keep"]]
                ),
                self.figure,
                self.summary,
            ]
        )
        self._section_changed()
        if saved.verdicts:
            n = len(saved.verdicts)
            self.status.value = _INFO.format(f"Found {n} saved verdict{'s' if n != 1 else ''} of yours.")
        elif saved.problems:
            self.status.value = _INFO.format(
                escape("Your saved verdicts could not be read: " + "; ".join(saved.problems))
            )
        self._redraw()

    # ----------------------------------------------------------------------------------------- state
    def claim_ids(self) -> list[str]:
        """The claims of the chosen section (all claims for "All"), in reading order."""
        sec = self.controls["section"].value
        return [r[0] for r in self._rows if sec == ledger.ALL or r[1] == sec]

    def score(self) -> sorter.SortScore:
        """The current score of the checked verdicts against the ledger."""
        return sorter.score_sort(self._rows, self.guesses)

    # ----------------------------------------------------------------------------------------- actions
    def check(self) -> sorter.VerdictFeedback | None:
        """Record the chosen verdict for the current claim (the first check counts) and show the feedback."""
        claim_id = self.controls["claim"].value
        guess = self.controls["verdict"].value
        if claim_id is None:
            return None
        if guess is None and claim_id not in self.guesses:
            warning = boxes.label("Choose a verdict first.", style.VERMILLION)
            self.status.value = f"<span style='font-size:15px'>{warning}</span>"
            return None
        self._cancel_confirm()
        newly = claim_id not in self.guesses
        self.guesses.setdefault(claim_id, guess)
        message = ""
        if newly:
            result = sorter.record_verdicts({claim_id: self.guesses[claim_id]}, self.path, self._ids)
            if result.ok and result.saved is not None:
                self.guesses = result.saved.as_dict()
            message = "" if result.ok else " " + result.message  # a failed save says so; a good one stays quiet
        with self.figure.batch_update():  # one figure update per click: several in one step can leave the plot blank
            self._show_claim()
            self._redraw()
        self.status.value = _INFO.format("Checked: your first verdict on a claim counts." + escape(message))
        return sorter.verdict_feedback(claim_id, self.guesses[claim_id], self._cards[claim_id].verdict)

    def step(self, offset: int) -> None:
        """Move to the next (``offset=1``) or previous (``-1``) claim, crossing into the next section at the end."""
        if offset not in (-1, 1):
            raise ValueError(f"offset: {offset!r} is not allowed; allowed: -1 or 1")
        ids = self.claim_ids()
        current = self.controls["claim"].value
        pos = ids.index(current) + offset if current in ids else 0
        if 0 <= pos < len(ids):
            self.controls["claim"].value = ids[pos]
            return
        sec = self.controls["section"].value
        if sec == ledger.ALL:
            return
        order = list(ledger.SECTION_ORDER)
        nxt = order.index(sec) + offset
        if 0 <= nxt < len(order):
            with self.figure.batch_update():  # one figure update per click (see check)
                self.controls["section"].value = order[nxt]
                if offset < 0:
                    self.controls["claim"].value = self.claim_ids()[-1]

    def restart(self) -> None:
        """Forget every verdict, in the kernel and in the file, on a second click; start from the first claim."""
        n = len(self.guesses)
        if n == 0:
            self._cancel_confirm()
            self.status.value = _INFO.format("There are no verdicts to forget.")
            return
        if not self._confirming:
            self._confirming = True
            self.buttons["restart"].description = f"Yes, forget {n} verdict{'s' if n != 1 else ''}"
            self.buttons["restart"].button_style = "danger"
            self.buttons["keep"].layout.display = None
            warning = boxes.label(
                f"This forgets all {n} of your verdicts. Click “Yes, forget” to confirm, or “No, keep my verdicts”.",
                style.VERMILLION,
                bold=False,
            )
            self.status.value = f"<span style='font-size:15px'>{warning}</span>"
            return
        self._cancel_confirm()
        result = sorter.forget_verdicts(self.path, self._ids)
        self.guesses.clear()
        with self.figure.batch_update():  # one figure update per click (see check)
            self._section_changed()
            self._redraw()
        self.status.value = _INFO.format(escape("Every verdict is forgotten. " + result.message))

    def keep(self) -> None:
        """Cancel a pending "Start again": nothing is forgotten."""
        self._cancel_confirm()
        self.status.value = _INFO.format("Your verdicts are kept.")

    def _cancel_confirm(self) -> None:
        self._confirming = False
        self.buttons["restart"].description = "Start again"
        self.buttons["restart"].button_style = "warning"
        self.buttons["keep"].layout.display = "none"

    # ----------------------------------------------------------------------------------------- display
    def _section_changed(self, _change: object = None) -> None:
        ids = self.claim_ids()
        labels = {r["id"]: r["quote"] for r in self._records}
        options = [(ledger.claim_label(i, labels[i]), i) for i in ids]
        first = next((i for i in ids if i not in self.guesses), ids[0])
        with self.figure.batch_update():  # the claim's observer and this call send one figure update together
            self.controls["claim"].options = options
            self.controls["claim"].value = first
            self._show_claim()

    def _show_claim(self, change: object = None) -> None:
        if change is not None:  # moving to another claim cancels a pending "Start again"
            self._cancel_confirm()
        claim_id = self.controls["claim"].value
        if claim_id is None:
            return
        card = self._cards[claim_id]
        done = claim_id in self.guesses
        self.status.value = ""
        self.controls["verdict"].value = self.guesses.get(claim_id)
        self.controls["verdict"].disabled = done  # the button stays enabled so keyboard focus is never lost
        ids = self.claim_ids()
        where = f"claim {ids.index(claim_id) + 1} of {len(ids)}"
        head = (
            f"{_P}<b>The clinic's page</b> ({escape(card.section)}, {where}):</p>"
            f"<p style='margin:4px 0 8px 0;font-size:18px'><q>{escape(card.quote)}</q></p>"
        )
        if not done:
            self.card.value = (
                f'<div style="font-size:16px;border-left:8px solid {style.GREY};padding:6px 12px;'
                f'max-width:900px">{head}{_P}<i>Which verdict does the evidence support? Choose '
                "one, then press “Check my verdict”.</i></p></div>"
            )
        else:
            fb = sorter.verdict_feedback(claim_id, self.guesses[claim_id], card.verdict)
            colour = style.VERDICT_COLOURS[card.verdict]
            mark = boxes.label("✔ Agreed.", style.GREEN) if fb.agree else boxes.label("✘ Different.", style.VERMILLION)
            refs = "".join(f"<li>{escape(text)}</li>" for text in card.references)
            self.card.value = (
                f'<div style="font-size:16px;border-left:8px solid {colour};padding:6px 12px;max-width:900px">'
                f"{head}{_P}<b>{mark}</b> {escape(fb.message)}</p>"
                f"{_P}<b>The ledger's verdict: {boxes.label(card.verdict, colour)}</b></p>"
                f"{_P}<b>Evidence:</b> {escape(card.evidence)}</p>"
                f"{_P}<b>Key concept:</b> {escape(card.concept)}</p>"
                f"<p style='margin:6px 0 0 0'><b>References</b></p><ul style='margin:0'>{refs}</ul></div>"
            )
        with self.figure.batch_update():
            self.figure.layout.yaxis.ticktext = section_ticks(card.section)

    def _redraw(self) -> None:
        result = self.score()
        with self.figure.batch_update():
            for trace, counts in zip(self.figure.data, result.matrix(), strict=True):
                trace.x = counts
                trace.text = [str(c) if c else "" for c in counts]
            self.figure.layout.title.text = agreement_title(result)
        self.summary.value = f"<p style='font-size:16px'><b>Figure in words:</b> {escape(result.sentence())}</p>"
