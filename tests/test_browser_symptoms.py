"""Lesson 02 in a real browser: the symptom explorer ticks from the keyboard, a red flag puts the banner first,
and ticking boxes redraws the plot. Screenshots go to build/screenshots/."""

from __future__ import annotations

import pytest

from tests import browser_support as bs

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

EXPLORER = ".course-symptom-explorer"


def _tick(tab, label: str) -> None:
    """Tick a checkbox as a keyboard user would: focus it, press Space."""
    box = tab.locator(f"{EXPLORER} .widget-checkbox:has-text({label!r}) input[type=checkbox]").first
    box.scroll_into_view_if_needed()
    box.focus()
    box.press("Space")


def test_explorer_red_flag_banner_comes_first_and_plot_changes(page, requests, lab) -> None:
    tab = page
    bs.open_notebook(tab, lab, "notebooks/02_signs_and_symptoms.ipynb")
    bs.run_all(tab)
    assert not bs.page_problems(tab)
    explorer = tab.locator(EXPLORER).first
    explorer.scroll_into_view_if_needed()
    tab.wait_for_selector(f"{EXPLORER} .js-plotly-plot")
    assert explorer.locator(".course-redflag-banner").count() == 0, "a banner before any red flag was ticked"

    before = bs.plot_signature(tab, EXPLORER)
    _tick(tab, "Leg pain that goes below the knee")
    after_clinical = bs.wait_plot_change(tab, before, EXPLORER)
    assert after_clinical != before, "ticking a clinical symptom did not redraw the fit figure"
    assert "You ticked “Leg pain that goes below the knee”" in explorer.inner_text()

    _tick(tab, "New trouble passing or holding urine")
    banner = explorer.locator(".course-redflag-banner")
    banner.wait_for(state="visible", timeout=10_000)
    assert "EMERGENCY" in banner.inner_text() and "seek emergency care now" in banner.inner_text().lower()
    first_box = explorer.locator(".widget-checkbox").first.bounding_box()
    assert banner.bounding_box()["y"] < first_box["y"], "the red-flag banner must come before everything else"
    after_flag = bs.wait_plot_change(tab, after_clinical, EXPLORER)
    assert after_flag != after_clinical, "ticking a red flag did not redraw the fit figure"
    banner.scroll_into_view_if_needed()
    bs.screenshot(tab, "02_signs_and_symptoms_red_flag")

    _tick(tab, "New trouble passing or holding urine")
    tab.wait_for_function(f"() => !document.querySelector('{EXPLORER} .course-redflag-banner')", timeout=10_000)
    explorer.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    bs.screenshot(tab, "02_signs_and_symptoms_explorer")
    assert not requests.external, requests.external
