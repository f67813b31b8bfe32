"""ImagingByAge: a decade slider over scan findings in people without back pain (published values only)."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.apps.base import App, labelled
from helpers.causes import check_decade, describe_findings, findings_at_age, imaging_table
from helpers.causes_figures import IMAGING_BARS, imaging_bar_style, imaging_figure, imaging_title
from helpers.schemas import IMAGING_DECADES


class ImagingByAge(App):
    """Move the age slider (20–80 years, in steps of 10) and see how common each scan finding is in people WITHOUT
    back pain.

    Every position of the slider is a decade at which Brinjikji et al. 2015 published the prevalence: the app
    never draws a value between two published ages.

    Parameters
    ----------
    age : the decade to start on (20, 30, …, 80 years).
    """

    title = "Scan findings in people without back pain"

    def __init__(self, age: int = 50) -> None:
        age = check_decade(age)
        self._table = imaging_table()
        step = IMAGING_DECADES[1] - IMAGING_DECADES[0]
        self.controls = {
            "age": labelled(
                widgets.IntSlider(value=age, min=IMAGING_DECADES[0], max=IMAGING_DECADES[-1], step=step),
                "Age (years, by decade)",
            ),
        }
        self.figure = go.FigureWidget(imaging_figure(findings_at_age(age, self._table), self._table))
        self.readout = widgets.HTML()
        self.controls["age"].observe(self._update, names="value")
        self.ui = widgets.VBox([self.controls["age"], self.figure, self.readout])
        self._update()

    def _update(self, _change: object = None) -> None:
        slider = self.controls["age"]
        decade = min(IMAGING_DECADES, key=lambda d: (abs(d - slider.value), d))
        if decade != slider.value:  # a value set from code between two decades snaps to the nearest published one
            slider.value = decade  # observed: this call runs _update again with the decade
            return
        found = findings_at_age(decade, self._table)
        with self.figure.batch_update():
            self.figure.update_traces(selector={"name": IMAGING_BARS}, **imaging_bar_style(found))
            self.figure.layout.title.text = imaging_title(found)
        self.readout.value = (
            f"<p style='font-size:16px;max-width:900px'><b>Figure in words:</b> "
            f"{escape(describe_findings(found))} [brinjikji2015]</p>"
        )
