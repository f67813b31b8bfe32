"""A first widget for 00_start_here: two sliders and the minimal-important-change verdict."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import style
from helpers.apps.base import App, labelled
from helpers.outcomes import MIC_NRS_POINTS, MIC_RELATIVE, pain_change
from helpers.validation import check_number

#: Name of the bar trace; the app updates it by this name.
PAIN_TRACE = "leg pain"


def _points(n: float) -> str:
    """``"1 point"``, ``"2 points"``, ``"1.5 points"``."""
    return f"{n:g} point{'' if n == 1 else 's'}"


def change_words(before: float, after: float, share: bool = True) -> str:
    """The change in words, its direction named: ``"a fall of 4 points (67 % of the starting score)"``, ``"a rise
    of 2 points"``, ``"no change"``; ``share`` adds the part of the starting score (when it is above 0)."""
    ch = pain_change(before, after)
    if ch.fall == 0:
        return "no change"
    word = "fall" if ch.fall > 0 else "rise"
    size = abs(ch.fall)
    part = f" ({size / before:.0%} of the starting score)" if share and before > 0 else ""
    return f"a {word} of {_points(size)}{part}"


def change_summary(before: float, after: float) -> str:
    """One sentence describing the change, for the figure's text summary."""
    ch = pain_change(before, after)
    verdict = "reaches" if ch.important else "does not reach"
    return (
        f"Leg pain goes from {before:g} to {after:g} out of 10, {change_words(before, after)}, which {verdict} the "
        f"minimal important change (a fall of {_points(MIC_NRS_POINTS)} or {MIC_RELATIVE:.0%})."
    )


class PainChangeDemo(App):
    """Move two sliders (pain before and after) and see whether the change counts as important."""

    title = "Is this change in pain important?"

    def __init__(self, before: int = 6, after: int = 5) -> None:
        before = check_number("before", before, 0, 10, "NRS points", integer=True)
        after = check_number("after", after, 0, 10, "NRS points", integer=True)
        self.controls = {
            "before": labelled(widgets.IntSlider(value=before, min=0, max=10, step=1), "Leg pain before (0–10)"),
            "after": labelled(widgets.IntSlider(value=after, min=0, max=10, step=1), "Leg pain after (0–10)"),
        }
        self.figure = go.FigureWidget()
        self.figure.add_bar(
            x=["before", "after"],
            y=[before, after],
            marker_color=[style.BLUE, style.ORANGE],
            text=[str(before), str(after)],
            textposition="outside",
            name=PAIN_TRACE,
        )
        style.apply(self.figure, self.title, None, "Leg pain (0–10 NRS)", height=380)
        self.figure.update_yaxes(range=[0, 11])
        self.figure.update_layout(showlegend=False)
        self.summary = widgets.HTML()
        for control in self.controls.values():
            control.observe(self._update, names="value")
        self.ui = widgets.VBox([*self.controls.values(), self.figure, self.summary])
        self._update()

    def _update(self, _change: object = None) -> None:
        before = self.controls["before"].value
        after = self.controls["after"].value
        ch = pain_change(before, after)
        with self.figure.batch_update():
            self.figure.update_traces(y=[before, after], text=[str(before), str(after)], selector={"name": PAIN_TRACE})
            self.figure.layout.title.text = (
                f"{self.title} {'Yes' if ch.important else 'No'}: {change_words(before, after, share=False)}"
            )
        colour = style.GREEN if ch.important else style.VERMILLION
        self.summary.value = (
            f'<p style="font-size:16px;border-left:6px solid {colour};padding-left:8px">'
            f"<b>Figure in words:</b> {change_summary(before, after)}</p>"
        )
