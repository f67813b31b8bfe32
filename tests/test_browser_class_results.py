"""The class-results dashboard in a real browser: Voila started as `make present` starts it, with a class
folder in which six students shared both sittings; the page shows this class (not the simulated one), in
aggregate, redraws when the view changes, switches to the labelled simulated class, and sends nothing off 127.0.0.1.
Screenshots: build/screenshots/class_results_*.png."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from helpers import sharing
from helpers.claim_check import load_questions
from helpers.class_results_figures import VIEWS
from helpers.tooling import dashboards
from tests import browser_support as bs

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]
DASHBOARD = next(d for d in dashboards.DASHBOARDS if d.name == "class_results")


@pytest.fixture(scope="module")
def class_voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bs.Server]:
    tmp = tmp_path_factory.mktemp("class_voila")
    folder = sharing.make_class_folder(tmp / "class")
    wrong = {"a": "b", "b": "c", "c": "a"}
    questions = load_questions()
    for k in range(6):
        for sitting, n_right in (("before", 3 + k % 3), ("after", 7 + k % 4)):
            answers = {q.id: (q.answer if i < n_right else wrong[q.answer]) for i, q in enumerate(questions)}
            assert sharing.share_answers(sitting, answers, folder=folder, data_dir=tmp / f"home{k}").ok
    pages = tmp / "dashboards"
    dashboards.write_dashboards(pages, (DASHBOARD,))
    port, token = bs.free_port(), secrets.token_hex(16)
    env = dashboards.voila_env(bs.jupyter_env(tmp))
    env[sharing.CLASS_DIR_ENV] = str(folder)
    argv = dashboards.voila_argv(pages, "127.0.0.1", port, token)
    server = bs.launch(argv, tmp, port, token, ready_path="/voila/tree", env=env)
    try:
        yield server
    finally:
        server.stop()


def _select(page, label: str, option: str) -> None:
    page.locator(f".widget-dropdown:has(label:text-is('{label}')) select").select_option(label=option)


def test_the_dashboard_shows_this_class_and_redraws(page, requests, class_voila: bs.Server) -> None:
    page.set_default_navigation_timeout(180_000)  # Voila runs the notebook before it answers; slow on a busy machine
    bs.open_dashboard(page, class_voila, DASHBOARD.name)
    body = page.inner_text("body")
    assert "6 students shared: 6 before the course, 6 after, 6 both" in body
    assert "SIMULATED" not in body.split("In words:")[0], "the real class is shown, not the simulated one"
    assert "not a controlled effect" in body and "student 1" not in body
    bs.screenshot(page, "class_results_scores")
    seen = {bs.plot_signature(page)}
    for view in ("questions", "discrimination", "concepts"):
        before = bs.plot_signature(page)
        _select(page, "Show", VIEWS[view])
        after = bs.wait_plot_change(page, before, timeout_ms=60_000)
        assert after != before, f"the figure did not redraw for {view}"
        seen.add(after)
        bs.screenshot(page, f"class_results_{view}")
    assert len(seen) == 4
    before = bs.plot_signature(page)
    _select(page, "Class", "Simulated class (for practice)")
    assert bs.wait_plot_change(page, before, timeout_ms=60_000) != before
    page.wait_for_function("() => document.body.innerText.includes('SIMULATED class')", timeout=20_000)
    bs.screenshot(page, "class_results_simulated")
    assert not requests.external, f"requests left 127.0.0.1: {requests.external[:5]}"
