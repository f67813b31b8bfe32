"""Notebook 7 as a second front end: lessons 00 and 05 run clean in it, and a slider moved with the mouse redraws.

``notebook`` 7.6 is pinned with the course (pyproject, environment.yml, the lock), so ``jupyter notebook`` opens the
lessons in the classic single-document interface built on JupyterLab's components. Each lesson is opened in
headless Chromium, its outputs cleared and Run All clicked as a student would; then no error output, every widget
drawn, the figures rendered and nothing requested off 127.0.0.1. On lesson 00 the pain-change slider is dragged
with the mouse and the app must show the new data (its "Figure in words" sentence, rewritten by the kernel), and
the slider's number box (type a value, press Enter) moves it too. Whether the FigureWidget redrew is printed: in
Notebook 7 it sometimes drew an empty figure here (README), which is why the test reads the sentence.

Arrow keys on a focused slider handle do **not** move it in Notebook 7 (in JupyterLab and the dashboards they do):
``test_sliders_in_notebook7`` records this, with the reason, so that a Notebook release that fixes it
turns the test red and the README's accessibility section is updated. See the README ("Accessibility").
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import browser_support as bs
from tests.conftest import require_chromium

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parent.parent
#: Lesson 05 is run here; lesson 00 is run by the slider test, which makes the same checks first.
LESSONS = ("05_recovery_curves",)
#: True when every plotly figure inside the element has drawn at least one trace.
TRACES_DRAWN_JS = """(el) => { const p = [...el.querySelectorAll('.js-plotly-plot')];
  return p.length > 0 && p.every(e => e.querySelector('g.trace, g.hm, g.imagelayer')); }"""
SLIDER_APP = ".jp-OutputArea-output:has(.widget-slider)"


@pytest.fixture(scope="module")
def nb7(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bs.Server]:
    """Notebook 7 serving a copy of the course's notebooks on 127.0.0.1 (autosave off, as for JupyterLab)."""
    require_chromium()
    tmp = tmp_path_factory.mktemp("nb7")
    course = tmp / "course"
    import shutil

    shutil.copytree(ROOT / "notebooks", course / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    jupyter = Path(sys.executable).with_name("jupyter")
    from helpers.tooling import dashboards

    extensions = dashboards.patch_anywidget(tmp / "labextensions")  # anywidget with the longer load budget
    server = bs.start_server(
        [
            str(jupyter),
            "notebook",
            f"--ServerApp.root_dir={course}",
            f"--JupyterNotebookApp.extra_labextensions_path={extensions}",
        ],
        tmp,
    )
    try:
        yield server
    finally:
        server.delete_sessions()
        server.stop()


def open_and_run(page, server: bs.Server, stem: str) -> None:
    """Open a lesson in Notebook 7, clear its outputs, Run All, and wait until every cell ran and widgets drew."""
    page.goto(f"{server.base}/notebooks/notebooks/{stem}.ipynb?token={server.token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
    page.click('.lm-MenuBar-itemLabel:text-is("Edit")')
    page.click('.lm-Menu-itemLabel:text-is("Clear Outputs of All Cells")')
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].every(e => !/\\d/.test(e.textContent))",
        timeout=60_000,
    )
    page.click('.lm-MenuBar-itemLabel:text-is("Run")')
    page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
    page.wait_for_function(bs.ALL_RUN_JS, timeout=300_000)
    page.wait_for_function(bs.WIDGETS_DRAWN_JS, timeout=120_000)


@pytest.mark.parametrize("stem", LESSONS)
def test_lesson_runs_clean_in_notebook7(page, requests, nb7, stem: str) -> None:
    open_and_run(page, nb7, stem)
    _clean(page, requests, stem)


def _clean(page, requests, stem: str) -> None:
    """No error output or broken widget, figures and sliders drawn, nothing requested off 127.0.0.1."""
    problems = bs.page_problems(page)
    bs.screenshot(page, f"notebook7_{stem}")
    assert not problems, problems
    assert page.locator(".js-plotly-plot").count() >= 1, "no plotly figure rendered"
    assert page.locator(".widget-slider").count() >= 1, "no slider drawn"
    assert not requests.external, f"requests left 127.0.0.1: {requests.external[:5]}"


PROBE_KEYS_JS = """(h) => {
  const seen = {capture: null, handle: null, bubble: null};
  document.addEventListener('keydown', e => { if (seen.capture === null) seen.capture = e.defaultPrevented; }, true);
  h.addEventListener('keydown', e => { if (seen.handle === null) seen.handle = e.defaultPrevented; });
  document.addEventListener('keydown', e => { if (seen.bubble === null) seen.bubble = e.defaultPrevented; });
  window.__nb7_keys = seen; return true; }"""


def test_sliders_in_notebook7(page, requests, nb7) -> None:
    """Lesson 00's slider in Notebook 7: arrow keys (known not to move it), a mouse drag and a typed value."""
    open_and_run(page, nb7, "00_start_here")
    _clean(page, requests, "00_start_here")
    app = page.locator(SLIDER_APP).first
    app.scroll_into_view_if_needed()
    app.locator(".js-plotly-plot").wait_for(timeout=30_000)
    page.wait_for_function(TRACES_DRAWN_JS, arg=app.element_handle(), timeout=60_000)
    readout = app.locator(".widget-slider .widget-readout").nth(1)
    handle = app.locator(".widget-slider .noUi-handle").nth(1)

    # 1. Arrow keys on the focused handle. Known difference from JupyterLab (README, Accessibility): the key press
    #    is handled on its way down to the handle and never moves the slider. Recorded so a fix turns this red.
    old = readout.inner_text().strip()
    handle.focus()
    page.evaluate(PROBE_KEYS_JS, handle.element_handle())
    for _ in range(3):
        handle.press("ArrowLeft")
    keys = page.evaluate("() => window.__nb7_keys")
    moved = readout.inner_text().strip() != old
    print(f"\nNotebook 7, ArrowLeft on a focused slider handle: defaultPrevented per phase {keys}; moved={moved}")
    assert not moved, "arrow keys now move the slider in Notebook 7: update the README's accessibility section"

    # 2. A mouse drag to the slider's left end: the kernel recomputes and the app shows the new data. Checked on the
    #    "Figure in words" sentence, which the kernel rewrites on every move, and on the FigureWidget's drawn data.
    before = bs.plot_signature(page)
    box = handle.bounding_box()
    track = app.locator(".widget-slider .noUi-base").nth(1).bounding_box()
    assert box and track
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(track["x"] + 2, box["y"] + box["height"] / 2, steps=1)
    page.mouse.up()
    assert readout.inner_text().strip() == "0", "the dragged slider did not reach 0"
    summary = app.locator(".widget-html:has-text('Figure in words')")
    summary.filter(has_text="from 6 to 0").wait_for(timeout=90_000)
    after = bs.wait_plot_change(page, before, timeout_ms=20_000)
    app.locator(".js-plotly-plot").scroll_into_view_if_needed()
    bs.screenshot(page, "notebook7_00_slider_dragged")
    print(f"Notebook 7, FigureWidget redrawn after the drag: {after != before}")
    # It went blank in 4 of 5 runs on a loaded machine before the server served anywidget with the longer load
    # budget (dashboards.patch_anywidget: its 2 s default dropped every update once the 5 MB figure code was late).
    assert after != before, "the FigureWidget did not redraw after the drag"

    # 3. The keyboard workaround: type a value into the slider's number box and press Enter.
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    summary.filter(has_text="from 6 to 3").wait_for(timeout=90_000)
    assert readout.inner_text().strip() == "3"
    assert not requests.external, requests.external
