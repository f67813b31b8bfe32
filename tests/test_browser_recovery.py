"""Real-browser tests of lessons 05 and 06: run each lesson in JupyterLab, then move every control of
RecoverySimulator and TrialSimulator with the keyboard (sliders) or a selection (drop-downs) and check the plot
is redrawn. Screenshots after the moves go to build/screenshots/."""

from __future__ import annotations

import pytest

from tests import browser_support as bs

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

RECOVERY_APP = ".jp-OutputArea-output:has(.widget-dropdown)"
TRIAL_APP = ".jp-OutputArea-output:has(.widget-slider)"


def _move_slider(tab, app, index: int, within: str, key: str = "ArrowRight", presses: int = 3) -> None:
    before = bs.plot_signature(tab, within)
    readout = app.locator(".widget-slider .widget-readout").nth(index)
    old = readout.inner_text().strip()
    handle = app.locator(".widget-slider .noUi-handle").nth(index)
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(presses):
        handle.press(key)
    after = bs.wait_plot_change(tab, before, within)
    assert readout.inner_text().strip() != old, f"slider {index} did not move"
    assert after != before, f"moving slider {index} ({old} -> {readout.inner_text().strip()}) did not redraw the plot"


def _pick(tab, app, index: int, value: str, within: str) -> None:
    before = bs.plot_signature(tab, within)
    select = app.locator(".widget-dropdown select").nth(index)
    select.scroll_into_view_if_needed()
    select.select_option(value=value) if select.locator(f"option[value='{value}']").count() else select.select_option(
        label=value
    )
    after = bs.wait_plot_change(tab, before, within)
    assert after != before, f"choosing {value!r} in drop-down {index} did not redraw the plot"


def test_recovery_simulator_every_control_redraws(page, requests, lab) -> None:
    tab = page
    bs.open_notebook(tab, lab, "notebooks/05_recovery_curves.ipynb")
    bs.run_all(tab)
    assert not bs.page_problems(tab), bs.page_problems(tab)
    app = tab.locator(RECOVERY_APP).first
    app.scroll_into_view_if_needed()
    app.locator(".js-plotly-plot").wait_for(timeout=30_000)
    assert app.locator(".widget-slider").count() == 5 and app.locator(".widget-dropdown").count() == 2
    labels = [app.locator(".widget-dropdown select").nth(0).locator("option").nth(i).inner_text() for i in range(4)]
    _pick(tab, app, 0, labels[3], RECOVERY_APP)  # the trial's 10 sessions over 4 weeks
    app.locator("button:has-text('Advanced')").click()  # noise, starting-pain shift and class mix sit behind it
    for index in range(5):  # specific, expectation, enrolment peak, noise, starting-pain shift
        _move_slider(tab, app, index, RECOVERY_APP)
    mix_labels = [app.locator(".widget-dropdown select").nth(1).locator("option").nth(i).inner_text() for i in range(3)]
    _pick(tab, app, 1, mix_labels[2], RECOVERY_APP)  # more severe
    assert "Figure in words (simulation)" in app.inner_text()
    app.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    bs.screenshot(tab, "05_recovery_curves_app_moved")
    assert not requests.external, requests.external


def test_trial_simulator_every_control_redraws(page, requests, lab) -> None:
    tab = page
    bs.open_notebook(tab, lab, "notebooks/06_acupuncture_evidence.ipynb")
    bs.run_all(tab)
    assert not bs.page_problems(tab), bs.page_problems(tab)
    app = tab.locator(TRIAL_APP).first
    app.scroll_into_view_if_needed()
    app.locator(".js-plotly-plot").wait_for(timeout=30_000)
    assert app.locator(".widget-slider").count() == 4
    _move_slider(tab, app, 0, TRIAL_APP, key="ArrowLeft", presses=16)  # people per arm 110 -> 30
    _move_slider(tab, app, 1, TRIAL_APP, presses=10)  # true effect towards 0
    _move_slider(tab, app, 2, TRIAL_APP)  # change with sham
    _move_slider(tab, app, 3, TRIAL_APP)  # which trial
    assert "30 per arm" in app.inner_text()
    app.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    bs.screenshot(tab, "06_acupuncture_evidence_app_moved")
    assert not requests.external, requests.external
