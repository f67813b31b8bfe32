"""The run sheet's demo steps (helpers/apps/presets.py): each app, put into each step, shows the number the guide
promises; the one-click buttons reach each step from any other; the guide's stored run sheet is the current one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from plotly.utils import PlotlyJSONEncoder

from helpers.apps import presets
from helpers.tooling import dashboards

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "notebooks" / "instructor_guide.ipynb"


@pytest.mark.parametrize("preset", presets.PRESETS, ids=lambda p: f"{p.dashboard}-{p.step[:1]}")
def test_each_app_in_each_step_shows_the_expected_number(preset: presets.Preset) -> None:
    app = presets.new_app(preset.dashboard)
    presets.apply(app, preset)
    assert presets.read(app, preset.dashboard) == preset.expect


@pytest.mark.parametrize("dashboard", sorted(presets.APPS))
def test_the_buttons_reach_each_step_from_any_other_in_one_click(dashboard: str) -> None:
    """Clicked backwards and forwards on one app (as in a room), each button gives its step's numbers."""
    app = presets.with_presets(dashboards.for_voila(presets.new_app(dashboard)), dashboard)
    steps = presets.presets_for(dashboard)
    buttons = {b.description: b for b in app.preset_bar.children if hasattr(b, "click")}
    assert [b for b in buttons if b != "Start"] == [p.step for p in steps]
    start = presets.read(app, dashboard)
    shown = json.dumps(app.figure.to_dict()["data"], cls=PlotlyJSONEncoder)
    for preset in (*steps[::-1], *steps):
        buttons[preset.step].click()
        assert presets.read(app, dashboard) == preset.expect, f"{dashboard}: {preset.step}"
    buttons["Start"].click()
    assert presets.read(app, dashboard) == start
    after = json.dumps(app.figure.to_dict()["data"], cls=PlotlyJSONEncoder)
    assert after == shown, "Start puts the figure back as it was"


def test_the_buttons_sit_above_the_app_and_the_dashboard_apps_agree() -> None:
    by_name = {d.name: (d.module, d.class_name) for d in dashboards.DASHBOARDS}
    for name, target in presets.APPS.items():
        assert by_name[name] == target, f"presets.APPS[{name!r}] is not the app make present serves"
    app = presets.with_presets(presets.new_app("trial"), "trial")
    assert app.ui.children[0] is app.preset_bar
    assert dashboards.figure_widgets(app.ui) == [app.figure]


def test_a_preset_names_only_real_controls_and_the_readout_matches_its_numbers() -> None:
    with pytest.raises(ValueError, match="dashboard: one of"):
        presets.Preset("nope", "1", (), "", ())
    with pytest.raises(ValueError, match="readout: one"):
        presets.Preset("trial", "1", (), "{} and {}", ("2",))
    app = presets.new_app("trial")
    with pytest.raises(ValueError, match="preset: trial has no control 'speed'"):
        presets.apply(app, presets.Preset("trial", "x", (("speed", 1),), "", ()))


def test_the_issue_numbers_are_the_ones_the_apps_show() -> None:
    """The reveals the run sheet promises: 73 → 79 → 84 / 88 %, and 2 % of repeats at 20 per arm."""
    shown = {(p.dashboard, p.step): p.expect for p in presets.PRESETS}
    assert shown[("recovery", "1 · No added treatment")][0] == "73"
    assert shown[("recovery", "2 · Clinic schedule, no specific effect")] == ("73", "79")
    assert shown[("recovery", "3 · Enrolled at a pain peak")] == ("84", "88")
    assert shown[("trial", "1 · No true effect, 20 per arm")] == ("2",)


def test_the_guide_shows_the_current_run_sheet() -> None:
    cells = json.loads(GUIDE.read_text(encoding="utf-8"))["cells"]
    stored = json.dumps([c.get("outputs", []) for c in cells if c["cell_type"] == "code"], ensure_ascii=False)
    for row in presets.run_sheet_rows():
        shows = re.escape(json.dumps(row["shows"], ensure_ascii=False)[1:-1])
        assert re.search(shows, stored), f"re-execute the guide: {row['dashboard']} {row['step']} is stale"
