"""The run sheet's demo steps: one table of presets, each a dashboard's settings and the number it then shows.

:data:`PRESETS` is the single source of the instructor guide's demo steps (:func:`run_sheet_markdown`), of the
one-click buttons above each dashboard (:func:`with_presets`) and of the test that puts each app into each step
and reads the number the app shows (``tests/test_presets.py``). A step's expected numbers (``expect``) are written
here once; the guide prints what the app shows, and the test fails if the two ever differ.

Readers take the number from what the app *shows*: its "Figure in words" sentence, its figure's title or its
readout, with the HTML tags removed, never from the simulation underneath.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import unescape
from typing import Any

import ipywidgets as widgets

from helpers.apps.base import App

#: The app behind each dashboard that has presets: (module, class), the same as ``make present``'s table.
APPS: dict[str, tuple[str, str]] = {
    "pain_change": ("helpers.apps.pain_change", "PainChangeDemo"),
    "nerve_roots": ("helpers.apps.nerve_roots", "NerveRootMap"),
    "symptoms": ("helpers.apps.symptoms", "SymptomExplorer"),
    "imaging": ("helpers.apps.imaging", "ImagingByAge"),
    "recovery": ("helpers.apps.recovery", "RecoverySimulator"),
    "trial": ("helpers.apps.trial", "TrialSimulator"),
}


@dataclass(frozen=True)
class Preset:
    """One demo step: a dashboard's control settings and what it then shows.

    Parameters
    ----------
    dashboard : str
        The dashboard's name in ``make present`` (a key of :data:`APPS`).
    step : str
        The button's label and the run sheet's name for the step, e.g. ``"1 · No added treatment"``.
    settings : tuple of (control name, value)
        Values set, in order, after every control is put back to its starting value; a step is reached from
        any other step in one click.
    readout : str
        What to read on screen, with one ``{}`` per number in ``expect``: ``"{} % improved"``.
    expect : tuple of str
        The numbers (or words) the app shows in this state, as the reader finds them.
    ask : str
        What to ask or say at this step.
    """

    dashboard: str
    step: str
    settings: tuple[tuple[str, Any], ...]
    readout: str
    expect: tuple[str, ...]
    ask: str = ""

    def __post_init__(self) -> None:
        if self.dashboard not in APPS:
            raise ValueError(f"dashboard: one of {sorted(APPS)}, got {self.dashboard!r}")
        if self.readout.count("{}") != len(self.expect):
            raise ValueError(f"readout: one '{{}}' per expected value ({len(self.expect)}), got {self.readout!r}")

    def settings_text(self, labels: Mapping[str, str] | None = None) -> str:
        """The settings as an instructor reads them: ``"Treatment schedule = No treatment; ..."``."""
        labels = labels or {}
        return "; ".join(f"{labels.get(name, name)} = {value}" for name, value in self.settings) or "(the start)"


def _text(html: str) -> str:
    """Visible text of an HTML fragment: tags removed, entities decoded, white space collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _find(pattern: str, text: str, where: str) -> tuple[str, ...]:
    match = re.search(pattern, text)
    if match is None:
        raise ValueError(f"app: {where} does not show {pattern!r}; it shows {text[:200]!r}")
    return match.groups()


def _read_pain_change(app: Any) -> tuple[str, ...]:
    return _find(r"(Yes|No): a fall of (-?[\d.]+) points?", str(app.figure.layout.title.text), "the figure title")


def _read_nerve_roots(app: Any) -> tuple[str, ...]:
    title = _find(r"[Ww]here (\S+) ", str(app.figure.layout.title.text), "the figure title")
    words = _text(app.readout.value)
    covers = _find(r"the clinic.s .back or side of the leg. (covers [^(]*?|misses [^(]*?)(?: \(|\.)", words, "readout")
    return (*title, covers[0].split(" ", 1)[0])


def _read_symptoms(app: Any) -> tuple[str, ...]:
    words = _text(app.summary.value).split("What changed:")[0]
    urgency = _find(r"urgency (\w+)", words, "the figure in words")
    if "Nothing is ticked" in words:
        return (*urgency, "nothing ticked", "0")
    best = _find(r"best fit: ([^(]+?) \(([-+]?\d+) points?\)", words, "the figure in words")
    return (*urgency, *best)


def _read_imaging(app: Any) -> tuple[str, ...]:
    return _find(r"aged (\d+) .*?disc bulge (\d+)", _text(app.readout.value), "the figure in words")


def _read_recovery(app: Any) -> tuple[str, ...]:
    """Week 12's share improved: one number with no treatment added, or usual care only and treated."""
    pattern = (
        r"at week (\d+), (\d+)% of the (?:simulated people|people under usual care only|untreated people)"
        r"(?: and (\d+)% of the treated people)?"
    )
    found = _find(pattern, _text(app.summary.value), "the figure in words")
    return tuple(n for n in found[1:] if n is not None)


def _read_trial(app: Any) -> tuple[str, ...]:
    """The share of the 1,000 repeats finding a benefit, from the repeats panel's title (and the same sentence)."""
    title = _text(str(app.figure.layout.title.text))
    n, _repeats = _find(r"(\d+)% of ([\d,]+) repeats find less pain", title, "the figure title")
    words = _find(r"Repeated ([\d,]+) times, (\d+)% of trials", _text(app.summary.value), "the figure in words")
    if words[1] != n:
        raise ValueError(f"app: the figure says {n} % and the figure in words {words[1]} %")
    return (n,)


#: How to read the number each dashboard shows (from its text on screen).
READERS: dict[str, Callable[[Any], tuple[str, ...]]] = {
    "pain_change": _read_pain_change,
    "nerve_roots": _read_nerve_roots,
    "symptoms": _read_symptoms,
    "imaging": _read_imaging,
    "recovery": _read_recovery,
    "trial": _read_trial,
}

_BELOW_KNEE = (("leg_pain_below_knee", True), ("numbness_tingling_leg", True))

#: Every demo step of the run sheets, in the order a 50-minute class (recovery, trial) and the 2 × 50 variant
#: (nerve roots, symptoms, scans) meet them; the lesson sections' demos (pain change) last.
PRESETS: tuple[Preset, ...] = (
    Preset(
        "recovery",
        "1 · No added treatment",
        (("schedule", "none"),),
        "improved at week 12: {} % (usual care, no treatment added)",
        ("73",),
        "Predict first: what share of people under usual care has improved by week 12?",
    ),
    Preset(
        "recovery",
        "2 · Clinic schedule, no specific effect",
        (("schedule", "clinic_page_7w"), ("specific_effect", 0.0), ("nonspecific_effect", 0.5)),
        "improved at week 12: {} % usual care only · {} % treated",
        ("73", "79"),
        "The needles do nothing here; only expectation (0.5 points). Who would write a testimonial?",
    ),
    Preset(
        "recovery",
        "3 · Enrolled at a pain peak",
        (
            ("schedule", "clinic_page_7w"),
            ("specific_effect", 0.0),
            ("nonspecific_effect", 0.5),
            ("enrolment_peak", 2.0),
        ),
        "improved at week 12: {} % usual care only · {} % treated",
        ("84", "88"),
        "Same people, same later pain: why are more of them 'improved'?",
    ),
    Preset(
        "trial",
        "1 · No true effect, 20 per arm",
        (("n_per_arm", 20), ("effect", 0.0)),
        "the 1,000-repeat panel: {} % of trials find less pain",
        ("2",),
        "Move 'Which trial (seed)' a few times: how often does a 'benefit' appear?",
    ),
    Preset(
        "trial",
        "2 · The trial's size and effect",
        (("n_per_arm", 110), ("effect", -16.0)),
        "the 1,000-repeat panel: {} % of trials find less pain",
        ("100",),
        "110 per arm and −16 mm, as in the published trial: how often is the benefit found now?",
    ),
    Preset(
        "nerve_roots",
        "1 · L5",
        (("root", "L5"), ("source", True)),
        "title: where {} runs; the clinic's outline {} part of its pain area",
        ("L5", "covers"),
        "Which roots fit 'a line at the back or side of the leg'?",
    ),
    Preset(
        "nerve_roots",
        "2 · S1",
        (("root", "S1"), ("source", True)),
        "title: where {} runs; the clinic's outline {} part of its pain area",
        ("S1", "covers"),
        "Back of the leg: S1.",
    ),
    Preset(
        "nerve_roots",
        "3 · L4",
        (("root", "L4"), ("source", True)),
        "title: where {} runs; the clinic's outline {} its pain area",
        ("L4", "misses"),
        "Front of the thigh and inner shin: the page's line leaves L4 out.",
    ),
    Preset(
        "symptoms",
        "1 · Below the knee + numbness",
        _BELOW_KNEE,
        "urgency {}; best fit: {} ({} points)",
        ("routine", "Disc herniation with nerve-root compression", "4"),
        "Which ticked items point to a nerve root?",
    ),
    Preset(
        "symptoms",
        "2 · … + fatigue",
        (*_BELOW_KNEE, ("fatigue", True)),
        "urgency {}; best fit: {} ({} points): nothing moved",
        ("routine", "Disc herniation with nerve-root compression", "4"),
        "Fatigue on: does anything move?",
    ),
    Preset(
        "symptoms",
        "3 · … + a red flag",
        (*_BELOW_KNEE, ("saddle_anaesthesia", True)),
        "urgency {} (the banner comes first); best fit: {} ({} points)",
        ("emergency", "Disc herniation with nerve-root compression", "4"),
        "The banner comes first. Untick it before moving on.",
    ),
    Preset(
        "imaging",
        "1 · Age 20",
        (("age", 20),),
        "aged {}: disc bulge in {} of 100 without back pain",
        ("20", "30"),
        "Predict the share at 80 before you move the slider.",
    ),
    Preset(
        "imaging",
        "2 · Age 50",
        (("age", 50),),
        "aged {}: disc bulge in {} of 100 without back pain",
        ("50", "60"),
        "What would a scan of a 50-year-old with leg pain show?",
    ),
    Preset(
        "imaging",
        "3 · Age 80",
        (("age", 80),),
        "aged {}: disc bulge in {} of 100 without back pain",
        ("80", "84"),
        "A bulge on its own cannot prove it is the cause.",
    ),
    Preset(
        "pain_change",
        "1 · 6 → 5",
        (("before", 6), ("after", 5)),
        "important? {}: a fall of {} point(s)",
        ("No", "1"),
        "Is a fall from 6 to 5 important?",
    ),
    Preset(
        "pain_change",
        "2 · 6 → 4",
        (("before", 6), ("after", 4)),
        "important? {}: a fall of {} point(s)",
        ("Yes", "2"),
        "From 6 to 4?",
    ),
    Preset(
        "pain_change",
        "3 · 3 → 2",
        (("before", 3), ("after", 2)),
        "important? {}: a fall of {} point(s)",
        ("Yes", "1"),
        "From 3 to 2? One point, but 33 % of the start.",
    ),
)


def presets_for(dashboard: str, presets: tuple[Preset, ...] = PRESETS) -> tuple[Preset, ...]:
    """The steps of one dashboard, in run-sheet order (empty for a dashboard without presets)."""
    return tuple(p for p in presets if p.dashboard == dashboard)


def new_app(dashboard: str) -> App:
    """A fresh app of the dashboard at its starting settings."""
    if dashboard not in APPS:
        raise ValueError(f"dashboard: one of {sorted(APPS)}, got {dashboard!r}")
    module, name = APPS[dashboard]
    return getattr(importlib.import_module(module), name)()


def _starting_values(app: Any) -> dict[str, Any]:
    known = getattr(app, "_preset_start", None)
    if known is None:
        known = {name: control.value for name, control in app.controls.items()}
        app._preset_start = known
    return known


def apply(app: Any, preset: Preset) -> None:
    """Put ``app`` into the preset's state: every control back to its starting value, then the preset's settings.

    The starting values are the app's values the first time a preset is applied to it (or buttons are added).
    """
    for name, _ in preset.settings:
        if name not in app.controls:
            raise ValueError(f"preset: {preset.dashboard} has no control {name!r} (it has {sorted(app.controls)})")
    start = _starting_values(app)
    settings = dict(preset.settings)
    for name, value in start.items():
        if name not in settings and app.controls[name].value != value:
            app.controls[name].value = value
    for name, value in preset.settings:
        app.controls[name].value = value


def read(app: Any, dashboard: str) -> tuple[str, ...]:
    """The numbers (or words) the dashboard's app shows now, as its preset readouts name them."""
    if dashboard not in READERS:
        raise ValueError(f"dashboard: one of {sorted(READERS)}, got {dashboard!r}")
    return READERS[dashboard](app)


def _labels(app: Any) -> dict[str, str]:
    return {name: str(getattr(c, "description", "") or name) for name, c in app.controls.items()}


def _value_text(app: Any, name: str, value: Any) -> str:
    """A control's value as its widget shows it (a drop-down's label, not its key)."""
    options = getattr(app.controls[name], "options", None)
    for option in options or ():
        if isinstance(option, tuple) and len(option) == 2 and option[1] == value:
            return str(option[0])
    if isinstance(value, bool):
        return "ticked" if value else "unticked"
    return f"{value:g}" if isinstance(value, float) else str(value)


def run_sheet_rows(presets: tuple[Preset, ...] = PRESETS) -> list[dict[str, str]]:
    """One row per step: dashboard, step, settings (as the controls label them) and what the app shows.

    Each dashboard's app is built once and taken through its steps in order, as an instructor clicks them;
    the readout is filled with the numbers read from the app.
    """
    rows: list[dict[str, str]] = []
    apps: dict[str, Any] = {}
    for preset in presets:
        app = apps.get(preset.dashboard)
        if app is None:
            app = apps[preset.dashboard] = new_app(preset.dashboard)
        apply(app, preset)
        labels = _labels(app)
        settings = "; ".join(f"{labels[name]}: {_value_text(app, name, value)}" for name, value in preset.settings)
        rows.append(
            {
                "dashboard": preset.dashboard,
                "step": preset.step,
                "settings": settings,
                "shows": preset.readout.format(*read(app, preset.dashboard)),
                "ask": preset.ask,
            }
        )
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def run_sheet_markdown(dashboards: tuple[str, ...] | None = None, presets: tuple[Preset, ...] = PRESETS) -> str:
    """The demo steps as a Markdown table (dashboard, button, settings, what the dashboard shows, what to ask).

    Parameters
    ----------
    dashboards : the dashboards to include (``None``: all), in the table's order.
    presets : the steps (default :data:`PRESETS`).
    """
    if dashboards is not None:
        unknown = sorted(set(dashboards) - set(APPS))
        if unknown:
            raise ValueError(f"dashboards: unknown {unknown}; choose from {sorted(APPS)}")
        presets = tuple(p for d in dashboards for p in presets if p.dashboard == d)
    lines = [
        "| Dashboard | Button | Settings | The dashboard shows | Ask |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in run_sheet_rows(presets):
        lines.append(
            "| "
            + " | ".join(
                _cell(row[k]) if k != "shows" else f"**{_cell(row[k])}**"
                for k in ("dashboard", "step", "settings", "shows", "ask")
            )
            + " |"
        )
    return "\n".join(lines)


def preset_bar(app: Any, dashboard: str, presets: tuple[Preset, ...] = PRESETS) -> widgets.HBox:
    """A row of one-click buttons, one per step of the dashboard, that put ``app`` into that step's state.

    The buttons show the step's name only (never the number to expect: the class predicts before the reveal).
    """
    steps = presets_for(dashboard, presets)
    if not steps:
        raise ValueError(f"dashboard: {dashboard!r} has no presets (those with presets: {sorted(APPS)})")
    _starting_values(app)
    label = widgets.HTML("<b style='font-size:16px'>Run-sheet steps:</b>")
    buttons = []
    for preset in steps:
        button = widgets.Button(
            description=preset.step,
            tooltip=f"Set: {preset.settings_text(_labels(app))}",
            layout=widgets.Layout(width="auto"),
        )
        button.on_click(lambda _b, p=preset: apply(app, p))
        buttons.append(button)
    reset = widgets.Button(description="Start", tooltip="Every control back to its starting value")
    reset.layout = widgets.Layout(width="auto")
    reset.on_click(lambda _b: apply(app, Preset(dashboard, "start", (), "", ())))
    bar = widgets.HBox([label, *buttons, reset], layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
    bar.add_class("course-presets")
    return bar


def with_presets(app: App, dashboard: str) -> App:
    """Return ``app`` with the run sheet's one-click step buttons above it (unchanged if it has no presets)."""
    if not presets_for(dashboard):
        return app
    app.preset_bar = preset_bar(app, dashboard)  # type: ignore[attr-defined]
    app.ui = widgets.VBox([app.preset_bar, app.ui])  # type: ignore[attr-defined]
    return app
