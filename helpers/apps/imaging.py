"""ImagingByAge: an age slider over scan findings in people without back pain (interpolated between ages)."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import style
from helpers.apps.base import App, labelled
from helpers.causes import describe_findings, findings_at_age, imaging_table
from helpers.causes_figures import imaging_figure, imaging_title
from helpers.validation import check_number


class ImagingByAge(App):
    """Move the age slider (20–80 years) and see how common each scan finding is in people WITHOUT back pain.

    Values at 20 and 80 are published (Brinjikji et al. 2015); in between they are a straight-line
    interpolation, labelled as such.
    """

    title = "Scan findings in people without back pain"

    def __init__(self, age: int = 50) -> None:
        age = check_number("age", age, 20, 80, "years", integer=True)
        self._table = imaging_table()
        self._pairs = list(zip(self._table["at_20"].tolist(), self._table["at_80"].tolist(), strict=True))
        self.controls = {
            "age": labelled(widgets.IntSlider(value=age, min=20, max=80, step=5), "Age (years)"),
        }
        self.figure = go.FigureWidget()
        imaging_figure(findings_at_age(age, self._table), self._table, figure=self.figure)
        self.readout = widgets.HTML()
        self.controls["age"].observe(self._update, names="value")
        self.ui = widgets.VBox([self.controls["age"], self.figure, self.readout])
        self._update()

    def _update(self, _change: object = None) -> None:
        age = self.controls["age"].value
        found = findings_at_age(age, self._table)
        with self.figure.batch_update():
            bars = self.figure.data[0]
            bars.x = [round(f.prevalence * 100, 1) for f in found]
            bars.text = [f"{f.prevalence * 100:.0f} %" for f in found]
            bars.marker.color = style.SKY if not found[0].published else style.BLUE
            self.figure.layout.title.text = imaging_title(found)
        note = "" if found[0].published else (
            " <i>Interpolated: the study published ages 20 and 80; values between are a straight line, "
            "not data.</i>")
        self.readout.value = (f"<p style='font-size:16px;max-width:900px'><b>Figure in words:</b> "
                              f"{escape(describe_findings(found))}{note} [brinjikji2015]</p>")
