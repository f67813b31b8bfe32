"""No check-box label is cut ("…") or runs off the screen at the guide's 150 % and at 200 % zoom.

A projector of 1280×720 at 150 % zoom is a 853×480 CSS-pixel page drawn 1.5 times larger (200 %: 640×360). The
test reads the rendered text of every check box of every dashboard that has check boxes and compares it with the
app's own labels: every label is there in full, nothing is clipped by its box, and nothing passes the right edge.
"""

from __future__ import annotations

import pytest
from ipywidgets import Checkbox

from helpers.tooling import dashboards
from tests import browser_support as bs

WITH_BOXES = [
    d for d in dashboards.DASHBOARDS if any(isinstance(c, Checkbox) for c in d.app_class()().controls.values())
]

#: For each check box: its rendered text, and whether any part of it is clipped (by an ellipsis or a box too small)
#: or passes the page's right edge.
CHECKBOXES_JS = """() => [...document.querySelectorAll('.widget-checkbox')].map(box => {
  const parts = [box, ...box.querySelectorAll('label, span')];
  const clipped = parts.some(e => {
    const cs = getComputedStyle(e);
    const wide = e.scrollWidth > e.clientWidth + 1 && cs.overflowX !== 'visible';
    const tall = e.scrollHeight > e.clientHeight + 1 && cs.overflowY !== 'visible';
    return wide || tall || (cs.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1);
  });
  const right = Math.max(...parts.map(e => e.getBoundingClientRect().right));
  return {text: box.innerText.trim(), clipped, off: right > document.documentElement.clientWidth + 1};
})"""


@pytest.mark.browser
@pytest.mark.timeout(600)
@pytest.mark.parametrize("zoom", [150, 200])
@pytest.mark.parametrize("dashboard", WITH_BOXES, ids=lambda d: d.name)
def test_every_check_box_label_is_shown_in_full(browser, voila: bs.Server, dashboard, zoom: int) -> None:
    scale = zoom / 100
    context = browser.new_context(
        viewport={"width": round(1280 / scale), "height": round(720 / scale)}, device_scale_factor=scale
    )
    try:
        page = context.new_page()
        bs.open_dashboard(page, voila, dashboard.name)
        boxes = page.evaluate(CHECKBOXES_JS)
        bs.screenshot(page, f"labels_{dashboard.name}_{zoom}")
        expected = [c.description for c in dashboard.app_class()().controls.values() if isinstance(c, Checkbox)]
        assert sorted(b["text"] for b in boxes) == sorted(expected), "every check box shows its whole label"
        cut = [b["text"] for b in boxes if b["clipped"] or b["off"]]
        assert not cut, f"{dashboard.name} at {zoom} %: {len(cut)} labels cut or off screen: {cut}"
    finally:
        context.close()
