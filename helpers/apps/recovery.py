"""RecoverySimulator: the same simulated people without and with a treatment course, week by week.

A thin widget layer over :mod:`helpers.recovery` (numpy arrays, no pandas on the hot path) and
:mod:`helpers.recovery_figures`. The cohort's random draws are made once; moving a control recomputes only what
depends on it (treatment controls reuse the untreated cohort) and updates the figure in one ``batch_update``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from helpers import recovery
from helpers.apps.base import App, labelled
from helpers.recovery_figures import RecoveryPanels, pick_patients, recovery_figure, trace_values

MIX_LABELS: dict[str, str] = {
    "published": "Published mix (58 / 26 / 13 / 3 %)",
    "milder": "Milder (75 / 17 / 6 / 2 %)",
    "more_severe": "More severe (40 / 32 / 22 / 6 %)",
}
#: Default treatment assumptions of the app: the trial's difference, 16 mm ≈ 1.6 NRS points [tu2024], taken to
#: transfer to this cohort (an assumption), and a smaller expectation effect (an assumption, not a published value).
DEFAULT_SPECIFIC = 1.6
DEFAULT_NONSPECIFIC = 0.5


class RecoverySimulator(App):
    """Scenario controls; the untreated and the treated cohort side by side, and the share improved over time.

    Parameters
    ----------
    n_patients : 100–100,000 simulated people (default 10,000).
    weeks : 4–104 weeks of follow-up (default 52).
    seed : the cohort's random seed.
    """

    title = "Recovery simulator"

    def __init__(self, n_patients: int = 10_000, weeks: int = 52, seed: int = 0) -> None:
        if not 100 <= n_patients <= 100_000:
            raise ValueError(f"n_patients: {n_patients} is outside the allowed range 100–100,000 people")
        if not 4 <= weeks <= 104:
            raise ValueError(f"weeks: {weeks} is outside the allowed range 4–104 weeks")
        self._cohort = recovery.draw_cohort(n_patients, weeks, seed)
        self._classes = recovery.class_parameters()
        self.controls: dict[str, widgets.Widget] = {
            "schedule": labelled(widgets.Dropdown(
                options=[(label, key) for key, label in recovery.SCHEDULE_LABELS.items()],
                value="clinic_page_7w"), "Treatment schedule"),
            "specific_effect": labelled(widgets.FloatSlider(
                value=DEFAULT_SPECIFIC, min=0, max=4, step=0.1, readout_format=".1f"),
                "Specific effect (NRS points)"),
            "nonspecific_effect": labelled(widgets.FloatSlider(
                value=DEFAULT_NONSPECIFIC, min=0, max=4, step=0.1, readout_format=".1f"),
                "Expectation effect (NRS points)"),
            "enrolment_peak": labelled(widgets.FloatSlider(
                value=0.0, min=0, max=3, step=0.1, readout_format=".1f"), "Enrolled at a pain peak (points)"),
            "noise_sd": labelled(widgets.FloatSlider(
                value=0.8, min=0, max=2, step=0.1, readout_format=".1f"), "Measurement noise SD (points)"),
            "baseline_shift": labelled(widgets.FloatSlider(
                value=0.0, min=-2, max=2, step=0.1, readout_format="+.1f"), "Starting pain shift (points)"),
            "class_mix": labelled(widgets.Dropdown(
                options=[(label, key) for key, label in MIX_LABELS.items()], value="published"),
                "Trajectory class mix"),
        }
        self._latent_key: tuple[Any, ...] | None = None
        self._latent = np.empty((0, 0), dtype=np.float32)
        self._untreated: tuple[recovery.WeeklySummary, np.ndarray] | None = None
        self._untreated_changed = True
        self._patients = np.zeros(0, dtype=int)
        panels = self._panels(self._scenario())
        self.figure = go.FigureWidget(recovery_figure(panels))
        self.figure.update_layout(autosize=True)  # fill the output area, whatever the window
        self.summary = widgets.HTML()
        for control in self.controls.values():
            control.observe(self._update, names="value")
        left = widgets.VBox([self.controls[k] for k in ("schedule", "specific_effect", "nonspecific_effect")])
        right = widgets.VBox([self.controls[k] for k in ("enrolment_peak", "noise_sd", "baseline_shift",
                                                          "class_mix")])
        self.ui = widgets.VBox([widgets.HBox([left, right]), self.figure, self.summary])
        self._write_summary(panels)

    # ---------------------------------------------------------------------------------------- computation
    def _scenario(self) -> recovery.Scenario:
        c = self.controls
        return recovery.scenario(
            schedule=c["schedule"].value, specific_effect=float(c["specific_effect"].value),
            nonspecific_effect=float(c["nonspecific_effect"].value), enrolment_peak=float(c["enrolment_peak"].value),
            noise_sd=float(c["noise_sd"].value), baseline_shift=float(c["baseline_shift"].value),
            class_mix=c["class_mix"].value)

    def _panels(self, scen: recovery.Scenario) -> RecoveryPanels:
        key = (scen.class_mix, scen.baseline_shift, scen.enrolment_peak, scen.noise_sd)
        self._untreated_changed = key != self._latent_key or self._untreated is None
        if self._untreated_changed:
            self._latent = recovery.latent_pain(self._cohort, scen, self._classes)
            untreated = recovery.apply_treatment(self._latent, scen.untreated)
            self._patients = pick_patients(recovery.class_index(self._cohort, scen.class_mix))
            self._untreated = (recovery.summarize_array(untreated), untreated[:, self._patients].T)
            self._latent_key = key
        treated = recovery.apply_treatment(self._latent, scen)
        n = self._cohort.n_patients
        return RecoveryPanels(
            untreated=self._untreated[0], treated=recovery.summarize_array(treated),
            untreated_patients=self._untreated[1], treated_patients=treated[:, self._patients].T,
            treatment_weeks=scen.treatment_weeks,
            title=f"Simulated: the same {n:,} people without and with treatment",
        )

    # ---------------------------------------------------------------------------------------- view
    def _update(self, _change: object = None) -> None:
        panels = self._panels(self._scenario())
        fig = self.figure
        assert fig is not None
        untreated_traces = (0, 1, 2, 3, 8)  # see recovery_figures.trace_values
        with fig.batch_update():
            for i, (trace, (x, y)) in enumerate(zip(fig.data, trace_values(panels), strict=True)):
                if self._untreated_changed or i not in untreated_traces:
                    trace.x = x
                    trace.y = y
            fig.layout.shapes[0].x1 = panels.treatment_weeks
            fig.layout.shapes[1].x1 = panels.treatment_weeks
        self._write_summary(panels)

    def _write_summary(self, p: RecoveryPanels) -> None:
        week = min(12, int(p.untreated.week[-1]))
        last = int(p.untreated.week[-1])
        u12, t12 = p.untreated.improved_share[week], p.treated.improved_share[week]
        self.summary.value = (
            '<p style="font-size:16px;border-left:6px solid #E69F00;padding-left:8px">'
            f"<b>Figure in words (simulation):</b> at week {week}, {u12:.0%} of the untreated people and "
            f"{t12:.0%} of the treated people have improved (a fall of at least 30 % from their own start). "
            f"Median leg pain at week {last}: {p.untreated.p50[-1]:.1f} without and {p.treated.p50[-1]:.1f} with "
            f"treatment (0–10). The untreated curve is how much of getting better happens anyway.</p>"
        )
