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

from helpers import recovery, style
from helpers.apps.base import App, labelled
from helpers.recovery_figures import (
    TREATED_TRACES,
    TREATMENT_SHAPE,
    RecoveryPanels,
    pick_patients,
    recovery_figure,
    trace_values,
)
from helpers.validation import check_number

_MIX_NAMES = {"published": "Published mix", "milder": "Milder (assumed)", "more_severe": "More severe (assumed)"}
#: Drop-down labels of the class mixes, with their shares (from :data:`helpers.recovery.CLASS_MIXES`).
MIX_LABELS: dict[str, str] = {
    key: f"{_MIX_NAMES.get(key, key)} ({' / '.join(f'{100 * v:.0f}' for v in shares)} %)"
    for key, shares in recovery.CLASS_MIXES.items()
}
#: How many (class mix, starting-pain shift) cohorts of true pain the app keeps (each 4 bytes × people × weeks).
TRUTHS_KEPT = 4
#: ...and at most this many bytes of them: at the largest simulation (100,000 people, 104 weeks, 42 MB a cohort)
#: only the current cohort is kept, so the app's worst allowed use stays well under 500 MB (make bench measures it).
TRUTHS_BYTES = 64_000_000
#: Controls shown at once (the lesson's prompts use them); the others sit behind "Advanced".
MAIN_CONTROLS: tuple[str, ...] = ("schedule", "specific_effect", "nonspecific_effect", "enrolment_peak")
ADVANCED_CONTROLS: tuple[str, ...] = ("noise_sd", "baseline_shift", "class_mix")
#: Default treatment assumptions of the app: the trial's difference, 16 mm ≈ 1.6 NRS points [tu2024], taken to
#: transfer to this cohort (an assumption), and a smaller expectation effect (an assumption, not a published value).
DEFAULT_SPECIFIC = 1.6
DEFAULT_NONSPECIFIC = 0.5


class RecoverySimulator(App):
    """Scenario controls; the usual-care cohort and the treated cohort side by side, and the share improved over time.

    Parameters
    ----------
    n_patients : 100–100,000 simulated people (default 10,000).
    weeks : 4–104 weeks of follow-up (default 52).
    seed : the cohort's random seed.
    """

    title = "Recovery simulator"

    def __init__(self, n_patients: int = 10_000, weeks: int = 52, seed: int = 0) -> None:
        n_patients = check_number("n_patients", n_patients, 100, 100_000, "people", integer=True)
        weeks = check_number("weeks", weeks, 4, 104, "weeks", integer=True)
        seed = check_number("seed", seed, 0, 2**32 - 1, "(a whole number)", integer=True)
        self._cohort = recovery.draw_cohort(n_patients, weeks, seed)
        self._classes = recovery.class_parameters()
        self.controls: dict[str, widgets.Widget] = {
            "schedule": labelled(
                widgets.Dropdown(
                    options=[(label, key) for key, label in recovery.SCHEDULE_LABELS.items()], value="clinic_page_7w"
                ),
                "Treatment schedule",
            ),
            "specific_effect": labelled(
                widgets.FloatSlider(value=DEFAULT_SPECIFIC, min=0, max=4, step=0.1, readout_format=".1f"),
                "Specific effect (NRS points)",
            ),
            "nonspecific_effect": labelled(
                widgets.FloatSlider(value=DEFAULT_NONSPECIFIC, min=0, max=4, step=0.1, readout_format=".1f"),
                "Expectation effect (NRS points)",
            ),
            "enrolment_peak": labelled(
                widgets.FloatSlider(value=0.0, min=0, max=3, step=0.1, readout_format=".1f"),
                "Enrolled at a pain peak (points)",
            ),
            "noise_sd": labelled(
                widgets.FloatSlider(value=0.8, min=0, max=2, step=0.1, readout_format=".1f"),
                "Measurement noise SD (points)",
            ),
            "baseline_shift": labelled(
                widgets.FloatSlider(value=0.0, min=-2, max=2, step=0.1, readout_format="+.1f"),
                "Starting pain shift (points)",
            ),
            "class_mix": labelled(
                widgets.Dropdown(options=[(label, key) for key, label in MIX_LABELS.items()], value="published"),
                "Trajectory class mix",
            ),
        }
        self._latent_key: tuple[Any, ...] | None = None
        self._truth_key: tuple[Any, ...] | None = None
        self._truth = np.empty((0, 0), dtype=np.float32)
        self._truths: dict[tuple[Any, ...], tuple[np.ndarray, np.ndarray]] = {}
        self._latent: np.ndarray | None = None
        self._sorted_latent = np.empty((0, 0), dtype=np.float32)
        self._untreated: tuple[recovery.WeeklySummary, np.ndarray] | None = None
        self._untreated_changed = True
        self._patients = np.zeros(0, dtype=int)
        panels = self._panels(self._scenario())
        self.figure = go.FigureWidget(recovery_figure(panels))
        self.figure.update_layout(autosize=True)  # fill the output area, whatever the window
        self._x = {name: np.asarray(x) for name, (x, _) in trace_values(panels).items()}
        self._index_figure()
        self.summary = widgets.HTML()
        for control in self.controls.values():
            control.observe(self._update, names="value")
        self.advanced = widgets.ToggleButton(
            value=False,
            description="Advanced: noise, starting pain, class mix",
            icon="sliders",
            layout=widgets.Layout(width="420px"),
        )
        self._advanced_box = widgets.VBox(
            [self.controls[k] for k in ADVANCED_CONTROLS], layout=widgets.Layout(display="none")
        )
        self.advanced.observe(self._toggle_advanced, names="value")
        left = widgets.VBox([self.controls[k] for k in MAIN_CONTROLS[:2]])
        right = widgets.VBox([self.controls[k] for k in MAIN_CONTROLS[2:]] + [self.advanced, self._advanced_box])
        self.ui = widgets.VBox([widgets.HBox([left, right]), self.figure, self.summary])
        self._write_summary(panels)

    def _toggle_advanced(self, change: dict[str, Any]) -> None:
        self._advanced_box.layout.display = "flex" if change["new"] else "none"

    # ---------------------------------------------------------------------------------------- computation
    def _scenario(self) -> recovery.Scenario:
        c = self.controls
        return recovery.scenario(
            schedule=c["schedule"].value,
            specific_effect=float(c["specific_effect"].value),
            nonspecific_effect=float(c["nonspecific_effect"].value),
            enrolment_peak=float(c["enrolment_peak"].value),
            noise_sd=float(c["noise_sd"].value),
            baseline_shift=float(c["baseline_shift"].value),
            class_mix=c["class_mix"].value,
        )

    def _make_room(self, size: int) -> None:
        """Drop the oldest kept cohorts until one more of ``size`` bytes fits in :data:`TRUTHS_BYTES` and
        :data:`TRUTHS_KEPT` (done before computing the new one, so the peak stays under the cap)."""
        while self._truths and (
            len(self._truths) + 1 > TRUTHS_KEPT or sum(t.nbytes for t, _ in self._truths.values()) + size > TRUTHS_BYTES
        ):
            self._truths.pop(next(iter(self._truths)))

    def _panels(self, scen: recovery.Scenario) -> RecoveryPanels:
        """Recompute only what the changed control touches: true pain (class mix, starting-pain shift), what is
        recorded (enrolment peak, noise) and the untreated summary, or only the treated cohort."""
        truth_key = (scen.class_mix, scen.baseline_shift)
        key = (*truth_key, scen.enrolment_peak, scen.noise_sd)
        self._untreated_changed = key != self._latent_key or self._untreated is None
        if self._untreated_changed:
            if truth_key != self._truth_key:
                if truth_key not in self._truths:  # a few recent cohorts are kept: flipping back is instant
                    self._make_room(self._truth.nbytes)
                    truth = recovery.true_pain(self._cohort, scen, self._classes)
                    who = pick_patients(recovery.class_index(self._cohort, scen.class_mix))
                    self._truths[truth_key] = (truth, who)
                self._truth, self._patients = self._truths[truth_key]
                self._truth_key = truth_key
            self._latent = recovery.add_measurement(self._truth, self._cohort, scen, out=self._latent)
            self._sorted_latent = np.sort(self._latent, axis=1)  # the one sort per cohort change
            untreated = recovery.apply_treatment(self._latent, scen.untreated)
            quantiles = recovery.treated_quantiles(self._sorted_latent, scen.untreated)
            self._untreated = (recovery.summarize_array(untreated, quantiles=quantiles), untreated[:, self._patients].T)
            self._latent_key = key
        assert self._latent is not None, "the first update always draws the cohort"
        treated = recovery.apply_treatment(self._latent, scen)
        quantiles = recovery.treated_quantiles(self._sorted_latent, scen)
        n = self._cohort.n_patients
        assert self._untreated is not None
        return RecoveryPanels(
            untreated=self._untreated[0],
            treated=recovery.summarize_array(treated, quantiles=quantiles),
            untreated_patients=self._untreated[1],
            treated_patients=treated[:, self._patients].T,
            treatment_weeks=scen.treatment_weeks,
            title=f"Simulated: the same {n:,} people without and with treatment",
        )

    # ---------------------------------------------------------------------------------------- view
    def _index_figure(self) -> None:
        """Find the figure's traces (by name) and treatment shapes once, not once per update (the widget is never
        replaced: see :meth:`helpers.apps.base.App.publish`)."""
        fig = self.figure
        self._traces = {trace.name: trace for trace in fig.data}
        self._shapes = [shape for shape in fig.layout.shapes if shape.name == TREATMENT_SHAPE]

    def _update(self, _change: object = None) -> None:
        panels = self._panels(self._scenario())
        fig = self.figure
        assert fig is not None
        with fig.batch_update():  # only the traces that changed: the untreated ones move with cohort controls
            for name, (x, y) in trace_values(panels).items():
                if self._untreated_changed or name in TREATED_TRACES:
                    trace = self._traces[name]
                    if not np.array_equal(x, self._x[name], equal_nan=True):  # x rarely changes: skip its validation
                        trace.x = x
                        self._x[name] = np.asarray(x)
                    trace.y = y
            for shape in self._shapes:
                shape.x1 = panels.treatment_weeks
        self._write_summary(panels)

    def _write_summary(self, p: RecoveryPanels) -> None:
        week = min(12, int(p.untreated.week[-1]))
        last = int(p.untreated.week[-1])
        u12, t12 = p.untreated.improved_share[week], p.treated.improved_share[week]
        peak = float(self.controls["enrolment_peak"].value)
        flare = (
            " People enrolled at a pain peak: their first score is inflated, so the same later pain counts as "
            "a bigger fall and more of them are \u201cimproved\u201d, while their later pain is the same."
            if peak > 0
            else ""
        )
        if self.controls["schedule"].value == "none":  # nobody is treated: never speak of a treated cohort
            compared = (
                f"at week {week}, {u12:.0%} of the simulated people have improved (a fall of at least 30 % from "
                f"their own start) under usual care, with no treatment added. Median leg pain at week {last}: "
                f"{p.untreated.p50[-1]:.1f} (0–10). With no treatment chosen, both panels show the same people; "
                "choose a schedule to compare. The usual-care curve is"
            )
        else:
            compared = (
                f"at week {week}, {u12:.0%} of the people under usual care only and {t12:.0%} of the treated people "
                f"have improved (a fall of at least 30 % from their own start). Median leg pain at week {last}: "
                f"{p.untreated.p50[-1]:.1f} without and {p.treated.p50[-1]:.1f} with the added treatment (0–10). "
                "The usual-care curve is"
            )
        self.summary.value = (
            f'<p style="font-size:16px;border-left:6px solid {style.ORANGE};padding-left:8px">'
            f"<b>Figure in words (simulation):</b> {compared} the simulation's assumption of how much getting "
            "better happens without the added treatment, tuned to acute sciatica under usual care: at one year it "
            f"is more optimistic than most published figures.{flare}</p>"
        )
