"""TrialSimulator: one simulated acupuncture-vs-sham trial, and the same trial repeated many times.

A thin widget layer over :mod:`helpers.trial` and :mod:`helpers.trial_figures`.
"""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import style, trial
from helpers.apps.base import App, labelled
from helpers.trial_figures import trial_app_figure, trial_title, trial_trace_values
from helpers.validation import check_number

N_REPEATS = 1000
N_SHOWN = 100


class TrialSimulator(App):
    """Sample size, true effect and the sham arm's change; one trial's result and the spread over repeats.

    Parameters
    ----------
    n_per_arm : starting people per arm (5–500; default 110 as in [tu2024]).
    effect : starting true difference in mm (−40 to 10; default −15.9).
    """

    title = "Trial simulator"

    def __init__(self, n_per_arm: int = trial.TU2024_N_PER_ARM, effect: float = trial.DEFAULT_EFFECT_MM) -> None:
        n_per_arm = check_number("n_per_arm", n_per_arm, 5, 500, "people per arm", integer=True)
        effect = check_number("effect", effect, -40, 10, "mm")
        self.controls: dict[str, widgets.Widget] = {
            "n_per_arm": labelled(widgets.IntSlider(value=n_per_arm, min=5, max=500, step=5), "People per arm"),
            "effect": labelled(
                widgets.FloatSlider(value=effect, min=-40, max=10, step=0.5, readout_format=".1f"),
                "True effect, treatment − sham (mm)",
            ),
            "control_change": labelled(
                widgets.FloatSlider(
                    value=trial.TU2024_CONTROL_CHANGE_MM, min=-40, max=10, step=0.5, readout_format=".1f"
                ),
                "Change with sham (mm)",
            ),
            "seed": labelled(widgets.IntSlider(value=0, min=0, max=99, step=1), "Which trial (seed)"),
        }
        one, many = self._simulate()
        self.figure = go.FigureWidget(trial_app_figure(one, many, N_SHOWN))
        self.figure.update_layout(autosize=True)  # fill the output area, whatever the window
        self._traces = {trace.name: trace for trace in self.figure.data}
        self.summary = widgets.HTML()
        for control in self.controls.values():
            control.observe(self._update, names="value")
        self.ui = widgets.VBox(
            [
                widgets.HBox(
                    [
                        widgets.VBox([self.controls["n_per_arm"], self.controls["effect"]]),
                        widgets.VBox([self.controls["control_change"], self.controls["seed"]]),
                    ]
                ),
                self.figure,
                self.summary,
            ]
        )
        self._write_summary(one, many)

    def _simulate(self) -> tuple[trial.TrialResult, trial.ManyTrials]:
        c = self.controls
        n_per_arm, effect = int(c["n_per_arm"].value), float(c["effect"].value)
        control_change, seed = float(c["control_change"].value), int(c["seed"].value)
        return (
            trial.simulate_trial(n_per_arm, effect, seed=seed, control_change=control_change),
            trial.simulate_trials(N_REPEATS, n_per_arm, effect, seed=1_000_000 + seed, control_change=control_change),
        )

    def _update(self, _change: object = None) -> None:
        one, many = self._simulate()
        fig = self.figure
        assert fig is not None
        with fig.batch_update():  # plain attribute assignments: much faster than trace.update(dict)
            for name, values in trial_trace_values(one, many, N_SHOWN).items():
                trace = self._traces[name]
                trace.x = values["x"]
                trace.y = values["y"]
                if "error_y" in values:
                    err = values["error_y"]
                    trace.error_y.array = err["array"]
                    if "arrayminus" in err:
                        trace.error_y.arrayminus = err["arrayminus"]
                        trace.error_y.color = err["color"]
                        trace.marker.color = values["marker"]["color"]
            fig.layout.title.text = trial_title(one, many)
        self._write_summary(one, many)

    def _write_summary(self, one: trial.TrialResult, many: trial.ManyTrials) -> None:
        colour = style.BLUE if one.finds_benefit else style.VERMILLION
        self.summary.value = (
            f'<p style="font-size:16px;border-left:6px solid {colour};padding-left:8px">'
            f"<b>Figure in words (simulation):</b> {one.sentence()} Repeated {many.n_trials:,} times, "
            f"{many.share_finding_benefit:.0%} of trials of this size find less pain with the treatment "
            f"(true effect {many.true_effect:g} mm); {many.coverage:.0%} of their intervals contain the true "
            "effect.</p>"
        )
