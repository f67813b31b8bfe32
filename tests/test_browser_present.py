"""`make present`: the course's apps as Voila dashboards, driven in headless Chromium.

Voila is started from .venv exactly as ``python -m helpers.tooling present`` starts it (same command line, same
course template), on a free 127.0.0.1 port with a token and temporary Jupyter directories. For each dashboard:
it renders a figure, no code is on screen, the keyboard alone (Tab to a control, arrow keys) changes the figure,
and no request leaves 127.0.0.1. Screenshots: build/screenshots/present_<name>.png (and _moved.png).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plotly.utils import PlotlyJSONEncoder

from helpers.apps.base import App, figure_widgets
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
    assert app.figure is not None and app.figure in figure_widgets(app.ui)
    assert dashboard.title() and dashboard.blurb(), "the index shows the app's title and docstring"


@pytest.mark.parametrize("dashboard", dashboards.DASHBOARDS, ids=lambda d: d.name)
def test_for_voila_publishes_the_complete_figure_in_the_same_widget(dashboard: dashboards.Dashboard) -> None:
    import plotly.io as pio

    from helpers import style

    app = dashboard.app_class()()
    widgets_before = figure_widgets(app.ui)
    shown = pio.to_json(style.for_projector(app.figure.to_dict()), pretty=False)  # projector-ready
    assert dashboards.for_voila(app) is app
    assert figure_widgets(app.ui) == widgets_before, "no figure widget is swapped: the app's handles stay on screen"
    assert pio.to_json(app.figure.to_dict(), pretty=False) == shown, "the same figure, made projector-ready in place"
    # what the browser fetches on connection is the complete figure as it is now
    for fig in widgets_before:
        assert _plotted(go.Figure(data=fig._widget_data).data) == _plotted(fig.data)
        assert fig._widget_layout.get("title") == fig.to_dict()["layout"].get("title")


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


# ------------------------------------------------------------------------------------ the figure on screen
def _plotted(data: object) -> str:
    """Trace data as JSON, without plotly's random trace ids (two apps in the same state give the same string)."""
    traces = [t if isinstance(t, dict) else t.to_plotly_json() for t in data]  # type: ignore[attr-defined]
    traces = [{k: v for k, v in t.items() if k != "uid"} for t in traces]
    return json.dumps(traces, cls=PlotlyJSONEncoder, sort_keys=True)


def _displayed_data(app: App) -> str:
    """The data of every FigureWidget inside ``app.ui``: the widgets the page actually shows."""
    return "#".join(_plotted(f.to_dict()["data"]) for f in figure_widgets(app.ui))


def _other_values(control) -> list:  # type: ignore[no-untyped-def]
    """Two values a control can take that differ from its current one (a slider's ends, a box's other state)."""
    if isinstance(control.value, bool):
        return [not control.value]
    options = getattr(control, "options", None)
    if options:
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        if isinstance(control.value, tuple):  # a multiple selection: one option, then all
            return [tuple(values[:1]), tuple(values)]
        return [v for v in values if v != control.value][:2]
    if hasattr(control, "max"):
        return [v for v in (control.min, control.max) if v != control.value]
    return []


def test_trial_simulator_on_a_dashboard_redraws_the_traces_on_screen() -> None:
    """Issue 21.1: on the dashboard, 20 per arm must show what the app built for 20 per arm shows (all 8 traces)."""
    from helpers.apps.trial import TrialSimulator

    app = dashboards.for_voila(TrialSimulator())
    before = _displayed_data(app)
    app.controls["n_per_arm"].value = 20
    expected = TrialSimulator(n_per_arm=20)
    assert _displayed_data(app) != before
    assert _displayed_data(app) == _displayed_data(expected), "the figure on screen is not the 20-per-arm figure"


@pytest.mark.parametrize("dashboard", dashboards.DASHBOARDS, ids=lambda d: d.name)
def test_every_control_of_a_dashboard_redraws_the_data_on_screen(dashboard: dashboards.Dashboard) -> None:
    """After each move of each control, the figures on the dashboard plot what the same app, moved the same way in
    JupyterLab, plots; and each kind of control (slider, drop-down, check box, ...) changes the plotted data."""
    app = dashboards.for_voila(dashboard.app_class()())
    twin = dashboard.app_class()()  # never published: the figure JupyterLab would show
    redrew: dict[str, bool] = {}
    for name, control in app.controls.items():
        kind = type(control).__name__
        for value in _other_values(control):
            before = _displayed_data(app)
            control.value = value
            twin.controls[name].value = value
            assert _displayed_data(app) == _plotted(twin.figure.to_dict()["data"]), f"{name} = {value!r}"
            redrew[kind] = redrew.get(kind, False) or _displayed_data(app) != before
    assert redrew and all(redrew.values()), f"{dashboard.name}: kinds of control that redrew the data: {redrew}"


def test_the_address_is_printed_only_once_voila_answers(tmp_path: Path) -> None:
    """Issue 21.8: `make present` printed "Open: <url>" before Voila listened, so the first click was refused."""
    import subprocess
    import sys

    port = bs.free_port()
    never = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert dashboards.wait_until_serving(never, "127.0.0.1", port, "t" * 32, timeout=2) is False
    finally:
        never.kill()
        never.wait()
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    assert dashboards.wait_until_serving(done, "127.0.0.1", port, "t" * 32, timeout=30) is False, "exited: no wait"


def test_the_wait_for_voila_never_goes_through_a_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """An institution's http_proxy must not receive the local probe (nor its token): the probe answers directly."""
    import http.server
    import subprocess
    import sys
    import threading

    class Answer(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200 if self.path.startswith("/voila/tree?token=") else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dead_proxy = f"http://127.0.0.1:{bs.free_port()}"
    for name in ("http_proxy", "HTTP_PROXY"):
        monkeypatch.setenv(name, dead_proxy)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert dashboards.wait_until_serving(running, "127.0.0.1", server.server_port, "t" * 32, timeout=10) is True
    finally:
        running.kill()
        running.wait()
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_make_present_prints_the_address_once_it_answers() -> None:
    """The real command: as soon as the address is printed, it answers (no refused first click)."""
    import subprocess
    import sys

    port = bs.free_port()
    cmd = [sys.executable, "-m", "helpers.tooling", "present", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=bs.ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "token=" in line:
                with urllib.request.urlopen(line.strip(), timeout=60) as resp:  # 127.0.0.1 only
                    assert resp.status == 200
                break
        else:
            pytest.fail("make present printed no address")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_anywidget_is_served_with_a_budget_that_survives_a_slow_computer(tmp_path: Path) -> None:
    out = dashboards.patch_anywidget(tmp_path / "labextensions")
    scripts = "".join(p.read_text(encoding="utf-8") for p in (out / "anywidget" / "static").glob("*.js"))
    assert f"AbortSignal.timeout({dashboards.ANYWIDGET_INIT_BUDGET_MS})" in scripts
    assert "AbortSignal.timeout(2000)" not in scripts
    assert json.loads((out / "anywidget" / "package.json").read_text())["name"] == "anywidget"
    argv = dashboards.voila_argv(tmp_path, "127.0.0.1", 8899, "t" * 32, labextensions=out)
    assert f"--VoilaConfiguration.extra_labextensions_path={out}" in argv
    with pytest.raises(ValueError, match="budget_ms"):
        dashboards.patch_anywidget(tmp_path / "other", budget_ms=100)


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_figures_draw_without_plotly_colour_warnings(page, tmp_path: Path) -> None:
    """Issue 21.8: plotly.js warned "Invalid color specifier" in the offline copy (lesson 05's calibration figure:
    error bars inherited a list of two marker colours). Each dashboard's figure and that one draw without warnings."""
    from helpers import recovery
    from helpers.recovery_figures import calibration_figure
    from helpers.tables import load_table

    pain, _ = recovery.pain_array(500, 52, 0)
    figures = {
        "calibration": calibration_figure(
            recovery.summarize_array(pain),
            float(pain[0].mean()),
            float(pain[0].std()),
            load_table("calibration_targets"),
        )
    }
    figures.update({d.name: go.Figure(d.app_class()().figure.to_dict()) for d in dashboards.DASHBOARDS})
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if "color" in m.text.lower() else None)
    for name, fig in figures.items():
        path = tmp_path / f"{name}.html"
        fig.write_html(path, include_plotlyjs=True)  # plotly.js inlined: nothing leaves this computer
        page.goto(path.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        assert not warnings, f"{name}: {warnings[:3]}"
