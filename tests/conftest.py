"""Fixtures shared by the test layers.

Browser tests use pytest-playwright's fixtures (``browser``, ``context``, ``page``: a fresh context per test, with
a screenshot and a trace kept under build/test-results/ when a test fails). Chromium is Debian's /usr/bin/chromium
with the arguments in tests/browser_support.py; ``playwright install`` is never run. Servers (JupyterLab, Voila)
come from the one launcher in tests/browser_support.py; the offline HTML copy is built once per session.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# pyproject's addopts use pytest-playwright's and pytest-xdist's options: without the test extras pytest would stop on
# "unrecognized arguments: --screenshot=...", which does not say what is missing. Say it, and how to get it.
_MISSING = [name for name in ("pytest_playwright", "xdist", "hypothesis") if importlib.util.find_spec(name) is None]
if _MISSING:
    raise pytest.UsageError(
        f"The test extras are not installed (missing: {', '.join(_MISSING)}). Run `make test` (it installs them "
        "into .venv), or `pip install -c .ci/constraints.txt -e '.[test]'` and then pytest."
    )

from tests import browser_support as bs  # noqa: E402  (after the check: it imports playwright)

# The servers the tests start listen on this computer: a proxy named in http_proxy (a university's, a CI runner's)
# must never see those requests, nor their tokens. urllib, httpx and the servers' own clients honour no_proxy.
for _name in ("no_proxy", "NO_PROXY"):
    os.environ[_name] = ",".join(filter(None, [os.environ.get(_name, ""), "127.0.0.1", "localhost", "::1"]))

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ROOT = Path(__file__).resolve().parent.parent


def require_chromium() -> None:
    """Outside CI a missing Chromium skips the browser tests with a visible reason; in CI it fails them."""
    if bs.CHROMIUM.exists():
        return
    message = f"{bs.CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium fonts-liberation)"
    if IN_CI:
        pytest.fail(message + " — CI must run the browser tests", pytrace=False)
    pytest.skip(message)


# ----------------------------------------------------------------------------- pytest-playwright's settings
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium (never a downloaded one) headless with the stack's arguments."""
    require_chromium()
    return {**browser_type_launch_args, "executable_path": str(bs.CHROMIUM), "headless": True, "args": bs.CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


@pytest.fixture
def requests(page) -> bs.RequestLog:
    """The log of requests ``page`` sent off 127.0.0.1."""
    log = bs.RequestLog()
    page.on("request", lambda request: log.record(request.url))
    return log


# -------------------------------------------------------------------------------------------------- servers
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


@pytest.fixture(autouse=True)
def _lab_sessions_closed(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a test that used JupyterLab, shut its kernels down so the next test starts clean."""
    yield
    if "lab" in request.fixturenames:
        request.getfixturevalue("lab").delete_sessions()


@pytest.fixture(scope="session")
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bs.Server]:
    """Voila serving the dashboards as `make present` does."""
    require_chromium()
    server = bs.start_voila(tmp_path_factory.mktemp("voila"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory):
    """The offline HTML copy, built once (exactly what `make html` writes) into a temporary folder."""
    require_chromium()
    from helpers.tooling import export

    out = tmp_path_factory.mktemp("html") / "html"
    report = export.build_html(out)
    print("\n" + report.describe())
    return out, report
