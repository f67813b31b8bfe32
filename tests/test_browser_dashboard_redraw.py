"""Every dashboard redraws its PLOTTED DATA after each kind of control, on three page loads, in both themes.

A changed title or text is not a redraw: the test reads the data plotly holds for each figure on the page
(``gd.data`` of each plotly div) before and after one move of each kind of control (slider, drop-down, check
box, button) and fails when the data did not change. One page per dashboard and theme, loaded three times (each load
is a new kernel, as each student's or each reload is). The browser's console is kept: a failure prints it.
"""

from __future__ import annotations

import pytest

from helpers.tooling import dashboards
from tests import browser_support as bs

NAMES = [d.name for d in dashboards.DASHBOARDS]
LOADS = 3


@pytest.mark.browser
@pytest.mark.timeout(900)
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", NAMES)
def test_each_kind_of_control_redraws_the_plotted_data_on_every_load(page, voila: bs.Server, name: str, theme: str):
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text[:300]}"))
    page.on("pageerror", lambda e: console.append(f"pageerror: {str(e)[:300]}"))
    stale: list[str] = []
    moved: list[str] = []
    for load in range(1, LOADS + 1):
        bs.open_dashboard(page, voila, name, theme=theme)
        kinds = bs.control_kinds(page)
        assert kinds, f"{name}: no control found on the page"
        for kind, selector, action in kinds:
            before = bs.plotted_data(page)
            assert before, f"{name}: no figure data on the page"
            bs.move_control(page, selector, action)
            after = bs.wait_data_change(page, before)
            moved.append(f"load {load} {kind}")
            if after == before:
                stale.append(f"load {load}: {kind} ({action}) left the plotted data unchanged")
    if stale:
        bs.screenshot(page, f"stale_{name}_{theme}")
    noise = [c for c in console if "anywidget" in c or "error" in c.lower()]
    assert not stale, f"{name} ({theme}): {stale}; moves: {moved}; console: {noise[:15]}"
