"""`make present`: the course's apps as Voila dashboards, driven in headless Chromium.

Voila is started from .venv exactly as ``python -m helpers.tooling present`` starts it (same command line, same
course template), on a free 127.0.0.1 port with a token and temporary Jupyter directories. For each dashboard:
it renders a figure, no code is on screen, the keyboard alone (Tab to a control, arrow keys) changes the figure,
and no request leaves 127.0.0.1. Screenshots: build/screenshots/present_<name>.png (and _moved.png).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers.apps.base import App
from helpers.tooling import dashboards
from tests import browser_support as bs

NAMES = [d.name for d in dashboards.DASHBOARDS]
ARROWS = ("ArrowRight", "ArrowDown", "ArrowUp", "ArrowLeft")
#: Focusable elements that are widget controls (slider handles, drop-downs, check boxes, text and number fields).
CONTROL_JS = """() => {
  const e = document.activeElement;
  if (!e || !e.closest('.jupyter-widgets')) return '';
  if (e.classList.contains('noUi-handle')) return 'slider';
  return e.tagName.toLowerCase() + (e.type ? ':' + e.type : '');
}"""


# ----------------------------------------------------------------------------------------------- unit checks
@pytest.mark.parametrize("dashboard", dashboards.DASHBOARDS, ids=lambda d: d.name)
def test_every_listed_app_exists_and_has_the_app_contract(dashboard: dashboards.Dashboard) -> None:
    assert dashboard.available, f"{dashboard.module} does not exist: remove the line or write the app"
    app = dashboard.app_class()()
    assert isinstance(app, App)
    assert app.controls, "an app without controls is not interactive"
    assert app.figure is not None and app.figure in dashboards.figure_widgets(app.ui)
    assert dashboard.title() and dashboard.blurb(), "the index shows the app's title and docstring"


@pytest.mark.parametrize("dashboard", dashboards.DASHBOARDS, ids=lambda d: d.name)
def test_for_voila_rebuilds_each_figure_from_the_complete_figure(dashboard: dashboards.Dashboard) -> None:
    import plotly.io as pio

    from helpers import style

    app = dashboard.app_class()()
    old = app.figure
    shown = pio.to_json(style.for_projector(old.to_dict()), pretty=False)  # the same figure, projector-ready
    dashboards.for_voila(app)
    assert app.figure is not old and dashboards.figure_widgets(app.ui).count(app.figure) == 1
    assert old not in dashboards.figure_widgets(app.ui), "the old widget must leave the page"
    assert pio.to_json(app.figure.to_dict(), pretty=False) == shown, "the new widget shows the same figure"
    # what the browser fetches on connection is the state at construction: the complete figure
    assert len(app.figure._widget_data) == len(app.figure.data) > 0
    assert app.figure._widget_layout.get("title") == app.figure.to_dict()["layout"].get("title")
    # the app's controls now update the figure on screen
    name, control = next(iter(app.controls.items()))
    options = getattr(control, "options", None)
    if hasattr(control, "max") and not isinstance(control.value, tuple | bool):
        control.value = control.max if control.value != control.max else control.min
    elif isinstance(control.value, bool):
        control.value = not control.value
    elif options:
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        control.value = next(v for v in values if v != control.value)
    assert pio.to_json(app.figure.to_dict(), pretty=False) != shown, f"{name} did not update the new figure"


def test_for_voila_refuses_what_is_not_an_app() -> None:
    with pytest.raises(ValueError, match="app"):
        dashboards.for_voila(object())


def test_written_dashboards_show_no_code_and_link_from_the_index(tmp_path: Path) -> None:
    paths = dashboards.write_dashboards(tmp_path)
    assert [p.stem for p in paths] == ["index", *NAMES]
    index = paths[0].read_text(encoding="utf-8")
    for name in NAMES:
        assert f"({name}.ipynb)" in index
    argv = dashboards.voila_argv(tmp_path, "127.0.0.1", 8899, "t" * 32)
    assert "--VoilaConfiguration.strip_sources=True" in argv and "--Voila.token=" + "t" * 32 in argv
    assert "--Voila.ip=127.0.0.1" in argv and f"--template={dashboards.TEMPLATE_NAME}" in argv


@pytest.mark.parametrize(
    ("host", "port", "token", "word"),
    [
        ("", 8888, "t" * 32, "host"),
        ("a b", 8888, "t" * 32, "host"),
        ("127.0.0.1", 0, "t" * 32, "port"),
        ("127.0.0.1", 8888, "", "token"),
    ],
)
def test_voila_argv_refuses_other_interfaces_bad_ports_and_no_token(
    host: str, port: int, token: str, word: str
) -> None:
    with pytest.raises(ValueError, match=word):
        dashboards.voila_argv(Path("."), host, port, token)


def test_dashboard_rejects_a_module_outside_the_apps_package() -> None:
    with pytest.raises(ValueError, match="module"):
        dashboards.Dashboard("x", "os.path", "X")
    with pytest.raises(ValueError, match="name"):
        dashboards.Dashboard("Bad Name", "helpers.apps.x", "X")


# --------------------------------------------------------------------------------------------- Voila server
# The `voila` server (session-wide, one launcher for Voila and JupyterLab) and the `page`/`requests` fixtures
# come from tests/conftest.py.


def _visible_code(page) -> int:
    return page.evaluate("""() => [...document.querySelectorAll(
        '.jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .cm-editor, .jp-CodeCell .jp-InputPrompt, .highlight')]
        .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height > 0).length""")


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_voila_refuses_a_request_without_the_token(voila: bs.Server) -> None:
    url = f"{voila.base}/voila/render/index.ipynb"
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as err:
        opener.open(url, timeout=10)
    code, location = err.value.code, err.value.headers.get("Location")
    assert code == 403 or (code == 302 and location is not None and "login" in location), (code, location)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_index_links_every_dashboard_and_shows_no_code(page, requests, voila: bs.Server) -> None:
    bs.open_dashboard(page, voila, dashboards.INDEX_NAME)
    page.wait_for_selector("a[href$='.ipynb']", timeout=60_000)
    bs.screenshot(page, "present_index")
    hrefs = page.eval_on_selector_all("#rendered_cells a", "els => els.map(e => e.getAttribute('href'))")
    for name in NAMES:
        assert f"{name}.ipynb" in hrefs, f"index has no link to {name}"
    assert _visible_code(page) == 0, "code is visible on the index"
    assert not requests.external, f"requests left 127.0.0.1: {requests.external[:5]}"


@pytest.mark.browser
@pytest.mark.timeout(400)
@pytest.mark.parametrize("name", NAMES)
def test_dashboard_renders_and_works_from_the_keyboard(page, requests, voila: bs.Server, name: str) -> None:
    bs.open_dashboard(page, voila, name)
    problems = [m for m in ("Error displaying widget", "Loading widget", "Traceback") if m in page.inner_text("body")]
    bs.screenshot(page, f"present_{name}")
    assert not problems, f"{name}: the page shows {problems}"
    assert _visible_code(page) == 0, f"{name}: code is visible"
    assert "from helpers" not in page.inner_text("#rendered_cells"), f"{name}: source code text on screen"
    # Keyboard alone: Tab from the top of the page to each widget control in turn, try the arrow keys (Space for
    # a check box or button), stop at the first control whose keys redraw the figure.
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    tried: list[str] = []
    changed = False
    for _ in range(60):
        page.keyboard.press("Tab")
        kind = page.evaluate(CONTROL_JS)
        if not kind:
            continue
        tried.append(kind)
        keys = ("Space",) if kind in ("input:checkbox", "button:button", "button:submit") else ARROWS
        for key in keys:
            before = bs.plot_signature(page)
            page.keyboard.press(key)
            if bs.wait_plot_change(page, before, timeout_ms=4000) != before:
                changed = True
                print(f"\n{name}: Tab x{len(tried)} control(s) -> {kind}, key {key} redrew the figure")
                break
        if changed:
            break
    bs.screenshot(page, f"present_{name}_moved")
    assert changed, f"{name}: no control reached with Tab changed the figure with arrow keys (tried {tried})"
    assert not requests.external, f"requests left 127.0.0.1: {requests.external[:5]}"
