"""Voila kernels do not pile up: each page load starts a kernel, leaving the page shuts it down, and a kernel left
without a page (a closed browser) is culled. Kernels are counted through the Voila server's process tree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.tooling import dashboards
from tests import browser_support as bs

CULL_IDLE = 60  # seconds: longer than the wait after navigation, so only the page's own shutdown can explain it


@pytest.fixture(scope="module")
def culling_voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bs.Server]:
    server = bs.start_voila(
        tmp_path_factory.mktemp("voila_kernels"), cull_idle_seconds=CULL_IDLE, cull_interval_seconds=3
    )
    try:
        yield server
    finally:
        server.stop()


def test_voila_command_line_culls_kernels_without_a_page() -> None:
    argv = dashboards.voila_argv(Path("."), "127.0.0.1", 8899, "t" * 32)
    assert f"--MappingKernelManager.cull_idle_timeout={dashboards.CULL_IDLE_SECONDS}" in argv
    assert "--MappingKernelManager.cull_connected=False" in argv, "an open page keeps its kernel"
    with pytest.raises(ValueError, match="cull_idle_seconds"):
        dashboards.voila_argv(Path("."), "127.0.0.1", 8899, "t" * 32, cull_idle_seconds=0)


@pytest.mark.browser
@pytest.mark.timeout(900)
def test_after_visiting_every_dashboard_only_the_open_page_has_a_kernel(browser, culling_voila: bs.Server) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "response", lambda r: refused.append(r.url) if "/voila/api/shutdown/" in r.url and r.status >= 400 else None
    )
    visited = 0
    for name in [dashboards.INDEX_NAME, *(d.name for d in dashboards.DASHBOARDS)]:
        bs.open_dashboard(page, culling_voila, name)
        visited += 1
        live = bs.wait_kernel_count(culling_voila, 1, timeout_s=45)  # a loaded CI machine ends a kernel slowly
        assert len(live) <= 1, f"after {visited} page loads ({name}), {len(live)} kernels live: {live}"
    assert not refused, f"the server refused the shutdown of a left page: {refused}"
    assert len(bs.kernel_processes(culling_voila)) == 1, "the open page has its kernel"
    context.close()  # the browser goes away without unloading the page: Voila culls the kernel left behind
    live = bs.wait_kernel_count(culling_voila, 0, timeout_s=CULL_IDLE + 30)
    assert not live, f"{len(live)} kernels still live {CULL_IDLE + 30} s after the browser closed: {live}"


@pytest.mark.browser
@pytest.mark.timeout(900)
def test_a_page_left_before_its_widgets_connect_still_shuts_its_kernel(browser, culling_voila: bs.Server) -> None:
    """Voila registers its shutdown beacon only once its widget manager has connected to the kernel; on a slow machine
    the index (no widgets) looks ready long before that and an instructor may click on at once. The CPU is slowed
    20× and the index left as soon as its loading screen is gone, three times: each kernel ends within 45 s (the
    culler waits 60 s, so only the page's own shutdown can explain it)."""
    assert not bs.wait_kernel_count(culling_voila, 0, timeout_s=CULL_IDLE + 30), "kernels left by an earlier test"
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    refused: list[str] = []
    for load in range(3):
        page = context.new_page()
        page.on(
            "response",
            lambda r: refused.append(r.url) if "/voila/api/shutdown/" in r.url and r.status >= 400 else None,
        )
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 20})
        bs.open_dashboard(page, culling_voila, dashboards.INDEX_NAME)
        page.goto("about:blank")
        live = bs.wait_kernel_count(culling_voila, 0, timeout_s=45)
        assert not live, f"load {load + 1}: the index was left, but {len(live)} kernel(s) still live: {live}"
        page.close()
    context.close()
    assert not refused, f"the server refused the shutdown of a left page: {refused}"
