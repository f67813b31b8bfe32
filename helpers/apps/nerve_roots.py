"""NerveRootMap: choose a nerve root and see where its pain and numbness typically run down the leg."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import references
from helpers.anatomy import REGION_POLYGONS, SYMPTOMS, describe_root, region_states, root_patterns
from helpers.anatomy_figures import SOURCE_TRACE, STATE_COLOURS, leg_figure
from helpers.apps.base import App, labelled
from helpers.validation import check_choice, check_flag


class NerveRootMap(App):
    """An interactive leg diagram for the nerve roots L4, L5 and S1.

    Parameters
    ----------
    root : the root to start on (``"L4"``, ``"L5"`` or ``"S1"``).
    symptom : ``"pain"``, ``"numbness"`` or ``"pain and numbness"``.
    show_source : outline the clinic's "back or side of the leg".
    """

    title = "Nerve roots and the leg"

    def __init__(self, root: str = "S1", symptom: str = "pain and numbness", show_source: bool = True) -> None:
        self._patterns = root_patterns()
        check_choice("root", root, self._patterns)
        check_choice("symptom", symptom, SYMPTOMS)
        show_source = check_flag("show_source", show_source)  # np.bool_ accepted, passed on as bool
        self.controls = {
            "root": labelled(
                widgets.ToggleButtons(options=list(self._patterns), value=root), "Nerve root", width="auto"
            ),
            "symptom": labelled(widgets.ToggleButtons(options=list(SYMPTOMS), value=symptom), "Show", width="auto"),
            "source": labelled(
                widgets.Checkbox(value=show_source, indent=False),
                "Outline the clinic's “back or side of the leg”",
                width="auto",
            ),
        }
        self.figure = go.FigureWidget(leg_figure(region_states(self._patterns[root], symptom), show_source))
        self.readout = widgets.HTML()
        for control in self.controls.values():
            control.observe(self._update, names="value")
        self.ui = widgets.VBox([*self.controls.values(), self.figure, self.readout])
        self._update()

    def _update(self, _change: object = None) -> None:
        pattern = self._patterns[self.controls["root"].value]
        symptom = self.controls["symptom"].value
        states = region_states(pattern, symptom)
        with self.figure.batch_update():
            for region in REGION_POLYGONS:
                self.figure.update_traces(selector={"name": region}, fillcolor=STATE_COLOURS[states[region]])
            self.figure.update_traces(selector={"name": SOURCE_TRACE}, visible=bool(self.controls["source"].value))
            # short enough for a 640 px wide screen (1280 × 720 at 200 %); the app's name goes on the subtitle line
            self.figure.layout.title.text = nerve_title(pattern.root, symptom, self.title)
        cites = ", ".join(f"[{i}]" for i in references.resolve(pattern.references))
        self.readout.value = (
            f"<p style='font-size:16px;max-width:900px'><b>Figure in words:</b> "
            f"{escape(describe_root(pattern, symptom))} <small>(Sources: {escape(cites)}. A simplified, typical "
            f"pattern: real areas vary and overlap between people.)</small></p>"
        )


def nerve_title(root: str, symptom: str, app_title: str = NerveRootMap.title) -> str:
    """The figure title: what it shows (short, one line at 200 % zoom) and a subtitle line with the app's name."""
    return f"Where {root} {symptom} typically runs<br><sup>{app_title}: a schematic, not to scale</sup>"
