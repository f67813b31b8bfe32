"""Real-browser tests of lessons 01, 03 and 04: Run All in JupyterLab, then move every control of every app
(the claims explorer, the nerve-root map, the imaging-by-age slider) and assert the plot and the readout change.
Screenshots go to build/screenshots/ (lesson_app_state.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers.tables import load_table
from tests import browser_support as bs

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

EXPLORER = ".jp-OutputArea-output:has(.widget-dropdown select)"
#: The ledger's counts, read from the table (the test must follow the data, not a number typed here).
N_CLAIMS = len(load_table("claims"))
N_CONTRADICTED = int((load_table("claims")["verdict"] == "contradicted").sum())
ROOT_MAP = ".jp-OutputArea-output:has(.widget-toggle-buttons)"
IMAGING = ".jp-OutputArea-output:has(.widget-slider)"


def _open_and_run(tab, lab, name: str) -> None:
    bs.open_notebook(tab, lab, f"notebooks/{name}.ipynb")
    bs.run_all(tab)
    assert not bs.page_problems(tab), bs.page_problems(tab)


def _shot(tab, selector: str, name: str) -> None:
    bs.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.locator(selector).first.screenshot(path=str(bs.SCREENSHOTS / f"{name}.png"))


def _shot_plot(tab, title_part: str, name: str) -> None:
    """Screenshot a static figure found by words of its title (it must have rendered)."""
    plot = tab.locator(".js-plotly-plot", has_text=title_part).first
    plot.scroll_into_view_if_needed()
    plot.locator(".main-svg").first.wait_for(state="visible")
    bs.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    plot.screenshot(path=str(bs.SCREENSHOTS / f"{name}.png"))


def _text(tab, selector: str) -> str:
    return tab.locator(selector).first.inner_text()


def _drive_explorer(tab, stem: str) -> None:
    app = tab.locator(EXPLORER).first
    app.scroll_into_view_if_needed()
    selects = app.locator(".widget-dropdown select")
    assert selects.count() == 3, "the explorer should show section, verdict and claim pickers"
    # section -> All: the figure shows every section's bars
    before, text = bs.plot_signature(tab, EXPLORER), _text(tab, EXPLORER)
    selects.nth(0).select_option(label="All")
    after = bs.wait_plot_change(tab, before, EXPLORER)
    assert after != before, "changing the section did not redraw the explorer's figure"
    assert _text(tab, EXPLORER) != text and f"{N_CLAIMS} claims shown from the whole text" in _text(tab, EXPLORER)
    # verdict -> contradicted
    before, text = after, _text(tab, EXPLORER)
    selects.nth(1).select_option(label="contradicted")
    after = bs.wait_plot_change(tab, before, EXPLORER)
    assert after != before, "changing the verdict did not redraw the explorer's figure"
    assert f"{N_CONTRADICTED} contradicted" in _text(tab, EXPLORER)
    # claim picker -> the "only 5 %" claim: the card shows its verdict, evidence and full references
    selects.nth(2).select_option(value=None, label=None, index=1)
    expect(tab.locator(EXPLORER).first).to_contain_text("Verdict: contradicted")
    card = _text(tab, EXPLORER)
    assert card != text and "Verdict: contradicted" in card and "References" in card
    assert "only 5 %" in card and "Koes" in card
    _shot(tab, EXPLORER, f"{stem}_claims_explorer_moved")


def test_lesson_01_nerve_root_map_and_explorer(page, requests, lab) -> None:
    tab = page
    _open_and_run(tab, lab, "01_what_is_sciatica")
    app = tab.locator(ROOT_MAP).first
    app.scroll_into_view_if_needed()
    _shot(tab, ROOT_MAP, "01_nerve_root_map_start")
    for group, label, expected in (
        (0, "L4", "L4 (less often affected)"),
        (0, "L5", "L5 (commonly affected)"),
        (1, "numbness", "numbness is typically felt"),
    ):
        before, text = bs.plot_signature(tab, ROOT_MAP), _text(tab, ROOT_MAP)
        app.locator(".widget-toggle-buttons").nth(group).locator(f"button:text-is('{label}')").click()
        after = bs.wait_plot_change(tab, before, ROOT_MAP)
        assert after != before, f"choosing {label} did not redraw the leg diagram"
        assert _text(tab, ROOT_MAP) != text and expected in _text(tab, ROOT_MAP)
    before = bs.plot_signature(tab, ROOT_MAP)
    app.locator(".widget-checkbox input").click()
    after = bs.wait_plot_change(tab, before, ROOT_MAP)
    assert after != before, "hiding the clinic's outline did not redraw the leg diagram"
    _shot(tab, ROOT_MAP, "01_nerve_root_map_moved")
    _drive_explorer(tab, "01")
    assert not requests.external, requests.external


def test_lesson_03_imaging_slider_and_explorer(page, requests, lab) -> None:
    tab = page
    _open_and_run(tab, lab, "03_possible_causes")
    app = tab.locator(IMAGING).first
    app.scroll_into_view_if_needed()
    before, text = bs.plot_signature(tab, IMAGING), _text(tab, IMAGING)
    handle = app.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(6):
        handle.press("ArrowRight")
    readout = app.locator(".widget-slider .widget-readout").first
    expect(readout).to_have_text("80", timeout=10_000)  # key presses are processed one by one: wait for the last
    expect(tab.locator(IMAGING).first).to_contain_text("(published values)", timeout=10_000)
    after = bs.wait_plot_change(tab, before, IMAGING)
    assert readout.inner_text().strip() == "80"
    assert after != before, "moving the age slider did not redraw the figure"
    assert _text(tab, IMAGING) != text and "(published values)" in _text(tab, IMAGING)
    _shot(tab, IMAGING, "03_imaging_by_age_moved")
    _shot_plot(tab, "the clinic's figure against the evidence", "03_disc_share")
    _shot_plot(tab, "Risk factors for sciatica", "03_forest_plot")
    _drive_explorer(tab, "03")
    assert tab.locator(".js-plotly-plot").count() >= 4  # disc share, imaging, forest plot, explorer
    assert not requests.external, requests.external


def test_lesson_04_explorer_and_static_figures(page, requests, lab) -> None:
    tab = page
    _open_and_run(tab, lab, "04_mechanisms")
    assert tab.locator(".js-plotly-plot").count() >= 3  # schematic, healing bars, explorer
    _drive_explorer(tab, "04")
    _shot_plot(tab, "SCHEMATIC", "04_lactate_schematic")
    _shot_plot(tab, "SKIN wound", "04_stress_healing")
    assert not requests.external, requests.external
