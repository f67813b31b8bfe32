"""How `make test` shares the suite between pytest-xdist workers; loaded for every run by ``-p tests.xdist_groups``.

`make test` runs pytest with ``-n auto --dist loadgroup``. This plugin replaces xdist's grouping with the course's
own work units (xdist's ``xdist_group`` marks do not survive pytest 9.2's structured node ids, so the groups are
decided from the node ids here):

* the files that drive a browser (a ``pytest.mark.browser`` in the file) form two units, each run by one worker in
  order: those that use Voila (the dashboards) and the others (JupyterLab, Notebook 7, the offline copy). Their
  servers are session fixtures, so each unit starts its server once, and the two units run side by side;
* each notebook's nbval cells go to one worker, in order: a notebook's cells run one after another in one kernel;
* every other test goes wherever a worker is free.

A plugin rather than hooks in tests/conftest.py: that conftest is not read when pytest collects only ``notebooks/``
(the baseline-numpy nbval run), and the notebooks must be grouped there too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BROWSER_GROUP = "browser"
VOILA_GROUP = "browser-voila"


@cache
def _text(path: str) -> str:
    file = ROOT / path
    return file.read_text(encoding="utf-8") if file.suffix == ".py" and file.is_file() else ""


def drives_a_browser(path: str) -> bool:
    """True when the test file at ``path`` (relative to the repository) marks any of its tests as browser tests."""
    return "mark.browser" in _text(path)


def work_unit(nodeid: str) -> str:
    """The group a test belongs to: ``"browser-voila"``, ``"browser"``, a notebook's path, or its own node id."""
    path = nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        return path
    if drives_a_browser(path):
        return VOILA_GROUP if "voila" in _text(path) else BROWSER_GROUP
    return nodeid


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """Under ``--dist loadgroup``, schedule by :func:`work_unit` (whole units, each to one worker, in order)."""
    if config.getoption("dist", "no") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class CourseScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return CourseScheduling(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the slow browser tests last (without xdist), so fast layers report first."""
    items.sort(key=lambda item: 1 if item.get_closest_marker("browser") else 0)
