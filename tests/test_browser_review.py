"""Real-browser tests of the before/after claim check and the claim sorter, in JupyterLab in headless Chromium.

A student answers from the keyboard and with the mouse. In JupyterLab's notebook the arrow keys and Enter belong to
the notebook (command mode) unless a text field has focus, and ipywidgets' radio buttons are separate tab stops,
so the keyboard path is: Tab to an option, Space to choose it, Tab to the button, Space to press it. The feedback
appears, the figure redraws, the answers file is written on this machine, lesson 07 compares with the answers
given in 00, and no request leaves 127.0.0.1. The server keeps answers in its own folder (SCIATICA_COURSE_DATA_DIR,
set by tests/browser_support.py), never in the student's own answers file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import claim_check as cc
from helpers.tables import load_table
from tests import browser_support as bs

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

SIGNATURE_JS = """el => [...el.querySelectorAll('.js-plotly-plot')]
    .map(p => [...p.querySelectorAll('path, text')]
              .map(e => [e.getAttribute('d'), e.getAttribute('style'), e.textContent].join(' ')).join('|')).join('#')"""


@pytest.fixture
def answers_file(lab) -> Iterator[Path]:
    """The lab server's own answers file (see browser_support.jupyter_env), empty at the start of each test."""
    path = lab.log.parent / "course-data" / cc.ANSWERS_NAME
    path.unlink(missing_ok=True)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def _signature(app) -> str:
    return app.evaluate(SIGNATURE_JS)


def _wait_signature_change(tab, app, before: str, timeout_ms: int = 10_000) -> str:
    """Wait until the app's plots differ from ``before``; return the new signature (the old one on timeout)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        tab.wait_for_function(
            f"([el, before]) => ({SIGNATURE_JS})(el) !== before", arg=[app.element_handle(), before], timeout=timeout_ms
        )
    except PlaywrightTimeout:
        return before
    return _signature(app)


def _marks(app) -> tuple[int, int, int]:
    """How many ✔, ✘ and ● (recorded, not yet marked) labels the app's plot draws."""
    texts = app.locator(".js-plotly-plot .textpoint text").all_text_contents()
    return texts.count("✔"), texts.count("✘"), texts.count("●")


def _keyboard_choose(tab, app, index: int) -> None:
    """Keyboard only: focus the first option, Tab to option ``index``, Space; Tab to the check button, Space."""
    radios = app.locator(".widget-radio-box input[type=radio]")
    radios.first.focus()
    for _ in range(index):
        tab.keyboard.press("Tab")
    tab.keyboard.press("Space")
    for _ in range(radios.count() - index):
        tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.textContent")
    assert focused.startswith(("Check my", "Record my")), f"Tab did not reach the check button: {focused!r}"
    tab.keyboard.press("Space")


def _apps(tab):
    return tab.locator(".jp-OutputArea-output:has(.widget-radio-box)")


def test_claim_check_before_in_start_here_from_keyboard_and_mouse(page, requests, lab, answers_file: Path) -> None:
    tab = page
    bs.open_notebook(tab, lab, "notebooks/00_start_here.ipynb")
    bs.run_all(tab)
    assert not bs.page_problems(tab)
    app = _apps(tab).first
    app.scroll_into_view_if_needed()
    app.get_by_text("Your answers are saved for you alone").first.wait_for()
    before = _signature(app)
    assert before, "the claim check's figure did not render"

    # keyboard only: from option A, Tab to B, Space; Tab past C to the button, Space
    _keyboard_choose(tab, app, 1)
    app.get_by_text("Recorded: B for question 1").wait_for(timeout=10_000)
    app.get_by_text("Question 2.").first.wait_for()  # recording moves on to the next question
    after = _wait_signature_change(tab, app, before)
    assert after != before, "recording an answer did not redraw the figure"
    app.get_by_text("before: 1 of 12 answered").first.wait_for(timeout=10_000)
    assert _marks(app) == (0, 0, 1), "the answered square shows no ●, or gives right/wrong away"
    assert "best answer" not in app.inner_text() and "Why:" not in app.inner_text()

    # mouse: back to question 1 (its answer shown, locked), on to question 2, pick an option, record it
    app.get_by_role("button", name="◀ Previous question").click()
    app.get_by_text("Recorded: B.").wait_for(timeout=10_000)
    assert app.locator(".widget-radio-box input[type=radio]").nth(1).is_checked()
    app.get_by_role("button", name="Next question ▶").click()
    app.get_by_text("Question 2.").first.wait_for()
    app.locator(".widget-radio-box label", has_text="A").click()
    app.get_by_role("button", name="Record my answer").click()
    app.get_by_text("Recorded: A for question 2").wait_for(timeout=10_000)
    _wait_signature_change(tab, app, after)
    assert _marks(app) == (0, 0, 2)

    # "Start this check again" asks first; "No, keep my answers" keeps them
    app.get_by_role("button", name="Start this check again").click()
    app.get_by_role("button", name="No, keep my answers").click()
    app.get_by_text("Your answers are kept.").wait_for(timeout=10_000)
    app.scroll_into_view_if_needed()
    bs.screenshot(tab, "00_start_here_claim_check")

    saved = json.loads(answers_file.read_text(encoding="utf-8"))
    assert saved["claim_check"]["before"] == {"q01": "b", "q02": "a"}
    assert not requests.external, requests.external


def test_review_sorter_and_after_check_compare_with_before(page, requests, lab, answers_file: Path) -> None:
    tab = page
    questions = cc.load_questions()
    first = questions[0]
    wrong_first = next(o for o, _ in first.options if o != first.answer)
    before_answers = {first.id: wrong_first, **{q.id: q.answer for q in questions[1:3]}}
    cc.save_answers("before", before_answers, answers_file)  # 2 of 3 right
    cc.save_answers("after", {q.id: q.answer for q in questions[1:]}, answers_file)  # all but question 1
    bs.open_notebook(tab, lab, "notebooks/07_review.ipynb")
    bs.run_all(tab)
    assert not bs.page_problems(tab)
    assert tab.locator(".js-plotly-plot").count() >= 3  # sorter, ledger figure, check

    # --- the claim sorter: first claim (def01, the ledger says "partly supported") from the keyboard
    sorter = _apps(tab).nth(0)
    sorter.scroll_into_view_if_needed()
    before = _signature(sorter)
    _keyboard_choose(tab, sorter, 1)  # "partly supported"
    sorter.get_by_text("✔ Agreed.").wait_for(timeout=10_000)
    sorter.get_by_text("The ledger's verdict:").wait_for()
    after = _wait_signature_change(tab, sorter, before)
    assert after != before, "checking a verdict did not redraw the sorter's figure"
    sorter.get_by_text("agree on 1 of the 1 claims sorted").first.wait_for(timeout=10_000)

    # --- the next claim with the mouse, a verdict the ledger does not give
    sorter.get_by_role("button", name="Next claim ▶").click()
    sorter.get_by_text(f"claim 2 of {len(load_table('claims'))}").wait_for()
    sorter.locator(".widget-radio-box label", has_text="contradicted").click()
    sorter.get_by_role("button", name="Check my verdict").click()
    sorter.get_by_text("✘ Different.").wait_for(timeout=10_000)
    _wait_signature_change(tab, sorter, after)
    sorter.get_by_text("agree on 1 of the 2 claims sorted").first.wait_for(timeout=10_000)
    sorter.locator(".js-plotly-plot").scroll_into_view_if_needed()
    bs.screenshot(tab, "07_review_sorter")

    # --- the after-course check compares with the answers from before
    check = _apps(tab).nth(1)
    check.scroll_into_view_if_needed()
    check.get_by_text("Found 3 saved answers from before the course").wait_for()
    check.get_by_text("before: 3 of 12 answered").first.wait_for()  # no scores until the after sitting is done
    before = _signature(check)
    _keyboard_choose(tab, check, "abc".index(first.answer))  # the best answer to question 1, the last unanswered
    check.get_by_text(f"Right: {first.answer.upper()} is the best answer.").wait_for(timeout=10_000)
    assert _wait_signature_change(tab, check, before) != before
    check.get_by_text("Before the course: 2 of 12 right; after: 12 of 12 right").wait_for(timeout=10_000)
    check.get_by_text("Right now but not before: question 1, 4").wait_for()
    check.get_by_text("What a rise can and cannot show").wait_for()
    check.locator(".js-plotly-plot").scroll_into_view_if_needed()
    bs.screenshot(tab, "07_review_check")

    saved = cc.read_answers(answers_file)
    assert len(saved.stage("after")) == 12 and saved.stage("after")[first.id] == first.answer
    assert len(saved.stage("before")) == 3
    assert not requests.external, requests.external
