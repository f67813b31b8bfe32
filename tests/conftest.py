"""Fixtures shared by the test layers. Browser fixtures: see tests/browser_support.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import browser_support as bs

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_chromium() -> None:
    """Outside CI a missing Chromium skips the browser tests with a visible reason; in CI it fails them."""
    if bs.CHROMIUM.exists():
        return
    message = f"{bs.CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium fonts-liberation)"
    if IN_CI:
        pytest.fail(message + " — CI must run the browser tests", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bs.Server]:
    require_chromium()
    server = bs.start_lab(tmp_path_factory.mktemp("lab"))
    try:
        server.delete_sessions()
        yield server
    finally:
        try:
            server.delete_sessions()
        finally:
            server.stop()


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory):
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(bs.CHROMIUM),
            headless=True,
            args=bs.CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser_context, lab) -> Iterator[tuple[object, bs.RequestLog]]:
    """A fresh browser tab and the log of requests it sent off 127.0.0.1."""
    log = bs.RequestLog()
    tab = browser_context.new_page()
    tab.on("request", lambda request: log.record(request.url))
    try:
        yield tab, log
    finally:
        tab.close()
        lab.delete_sessions()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the slow browser tests last, so fast layers report first."""
    items.sort(key=lambda item: 1 if item.get_closest_marker("browser") else 0)


ROOT = Path(__file__).resolve().parent.parent
