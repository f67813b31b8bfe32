"""Shared machinery for the real-browser tests: ONE launcher for a JupyterLab or Voila server on 127.0.0.1 with
temporary Jupyter directories, Debian's Chromium (driven by Playwright through pytest-playwright's fixtures, see
tests/conftest.py), helpers to run a notebook as a student would, and the axe-core accessibility audit.

Every wait is on a state (server answers, kernel idle, prompts numbered, a plot's SVG changed), never a fixed sleep.
Chromium is Debian's /usr/bin/chromium with :data:`CHROMIUM_ARGS`; ``playwright install`` is never needed.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_PREFIXES = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:", "file://")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A Jupyter server (JupyterLab or Voila) started by the tests."""

    process: subprocess.Popen[bytes]
    port: int
    token: str
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, method: str, path: str) -> object:
        req = urllib.request.Request(
            f"{self.base}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=10) as resp:  # 127.0.0.1 only
            body = resp.read()
        return json.loads(body) if body else None

    def delete_sessions(self) -> None:
        for sess in self.api("GET", "/api/sessions") or []:  # type: ignore[union-attr]
            self.api("DELETE", f"/api/sessions/{sess['id']}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def jupyter_env(tmp: Path) -> dict[str, str]:
    """Environment with every Jupyter directory in ``tmp``, and JupyterLab's news and update checks off."""
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        path = tmp / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    docmanager = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True, exist_ok=True)
    (docmanager / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    env["PYTHONHASHSEED"] = "0"
    env["SCIATICA_COURSE_DATA_DIR"] = str(tmp / "course-data")  # the claim check's answers: never the user's own
    return env


def start_server(argv: list[str], tmp: Path, ready_path: str = "/api/status", timeout: float = 90) -> Server:
    """Start ``argv`` (a jupyter command without --port/--token) on a free 127.0.0.1 port and wait until ready."""
    port = free_port()
    token = secrets.token_hex(16)
    args = [
        *argv,
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    return launch(args, tmp, port, token, ready_path, jupyter_env(tmp), timeout)


def launch(
    args: list[str], tmp: Path, port: int, token: str, ready_path: str, env: dict[str, str], timeout: float = 90
) -> Server:
    """Start a server command that listens on 127.0.0.1:``port`` with ``token``; return once ``ready_path`` answers."""
    log = tmp / "server.log"
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    server = Server(proc, port, token, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(f"{server.base}{ready_path}?token={token}", timeout=2)  # 127.0.0.1 only
            return server
        except OSError:
            try:  # wait for the next try, or for the server to exit (checked above)
                proc.wait(timeout=0.3)
            except subprocess.TimeoutExpired:
                pass
    server.stop()
    raise RuntimeError(f"server not ready after {timeout} s:\n{log.read_text()[-3000:]}")


def start_lab(tmp: Path) -> Server:
    """JupyterLab serving a copy of the course's notebooks (the app object is exposed so a test can switch the
    theme). A copy, so that nothing a test does in the browser (Run All, JupyterLab's autosave, checkpoints) can
    change a committed notebook; autosave is off as well."""
    course = tmp / "course"
    shutil.copytree(ROOT / "notebooks", course / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    jupyter = Path(sys.executable).with_name("jupyter")
    from helpers.tooling import dashboards

    # anywidget's front end with the longer load budget, as `make lab` serves it (dashboards.patch_anywidget)
    extensions = dashboards.patch_anywidget(tmp / "lab-labextensions")
    return start_server(
        [
            str(jupyter),
            "lab",
            f"--ServerApp.root_dir={course}",
            "--LabApp.expose_app_in_browser=True",
            f"--LabApp.extra_labextensions_path={extensions}",
        ],
        tmp,
    )


def start_voila(tmp: Path, **argv_options: Any) -> Server:
    """Voila serving freshly written dashboards exactly as ``make present`` does (same command line and template),
    on a free 127.0.0.1 port with a new token. ``argv_options`` go to :func:`helpers.tooling.dashboards.voila_argv`
    (e.g. a shorter ``cull_idle_seconds``)."""
    from helpers.tooling import dashboards

    folder = tmp / "dashboards"
    dashboards.write_dashboards(folder)
    port, token = free_port(), secrets.token_hex(16)
    labextensions = dashboards.patch_anywidget(tmp / "labextensions")
    argv = dashboards.voila_argv(folder, "127.0.0.1", port, token, labextensions=labextensions, **argv_options)
    return launch(argv, tmp, port, token, ready_path="/voila/tree", env=dashboards.voila_env(jupyter_env(tmp)))


def open_dashboard(page, voila: Server, name: str, theme: str = "") -> None:
    """Open a Voila dashboard (``theme="dark"`` for Voila's dark theme) and wait until it has rendered: the
    loading screen is gone and, for an app, every figure has drawn its traces and no widget is still loading."""
    from helpers.tooling import dashboards

    url = dashboards.dashboard_url("127.0.0.1", voila.port, voila.token, name)
    page.goto(url + (f"&theme={theme}" if theme else ""), timeout=180_000)  # Voila runs the notebook first
    page.wait_for_function(
        "() => !document.querySelector('#loading') || "
        "getComputedStyle(document.querySelector('#loading')).display === 'none'",
        timeout=180_000,
    )
    if name != dashboards.INDEX_NAME:
        page.wait_for_function(
            "() => { const p = [...document.querySelectorAll('.js-plotly-plot')];"
            " return p.length > 0 && p.every(e => e.querySelector('g.trace, g.hm, g.imagelayer'))"
            " && !/Loading widget/.test(document.body.innerText); }",
            timeout=180_000,
        )


@dataclass
class RequestLog:
    """Every request the page made that did not stay on 127.0.0.1."""

    external: list[str] = field(default_factory=list)

    def record(self, url: str) -> None:
        if not url.startswith(LOCAL_PREFIXES):
            self.external.append(url)


# ------------------------------------------------------------------------------------------ JupyterLab steps
KERNEL_IDLE = re.compile(r"ipykernel\)?\s*\|\s*Idle")


def open_notebook(page, lab: Server, rel_path: str, timeout_ms: int = 120_000) -> None:
    """Open a notebook in JupyterLab and wait until its kernel is idle."""
    page.goto(f"{lab.base}/lab/tree/{rel_path}?reset&token={lab.token}")
    page.wait_for_selector(".jp-Notebook", timeout=timeout_ms)
    wait_kernel_idle(page, timeout_ms)


def wait_kernel_idle(page, timeout_ms: int = 120_000) -> None:
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
                 .some(e => /ipykernel\\)?\\s*\\|\\s*Idle/.test(e.textContent))""",
        timeout=timeout_ms,
    )


#: True when every code cell's prompt shows a number: run, finished, none queued ([*]) or never run ([ ]).
ALL_RUN_JS = """() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
  return p.length > 0 && p.every(e => /\\[\\d+\\]/.test(e.textContent)); }"""
#: True when no widget output still says it is loading.
WIDGETS_DRAWN_JS = """() => ![...document.querySelectorAll('.jp-OutputArea-output')]
  .some(e => /Loading widget/.test(e.textContent))"""


def run_all(page, timeout_ms: int = 240_000) -> None:
    """Clear every output, Run All Cells, and wait until every prompt is numbered, the kernel is idle and every
    widget is drawn (clearing first makes "numbered" mean "ran now", not the stored count). A notebook of Markdown
    cells only (the glossary) has nothing to run: its cells are rendered and the kernel is idle."""
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=timeout_ms)
    if page.locator(".jp-Notebook .jp-CodeCell").count() == 0:
        page.locator(".jp-Notebook .jp-MarkdownCell .jp-RenderedMarkdown").first.wait_for(timeout=timeout_ms)
        wait_kernel_idle(page, timeout_ms)
        return
    page.click('.lm-MenuBar-itemLabel:text-is("Edit")')
    page.click('.lm-Menu-itemLabel:text-is("Clear Outputs of All Cells")')
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                              .every(e => !/\\d/.test(e.textContent))""",
        timeout=timeout_ms,
    )
    page.click('.lm-MenuBar-itemLabel:text-is("Run")')
    page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
    page.wait_for_function(ALL_RUN_JS, timeout=timeout_ms)
    wait_kernel_idle(page, timeout_ms)
    page.wait_for_function(WIDGETS_DRAWN_JS, timeout=timeout_ms)


def page_problems(page) -> list[str]:
    """Visible problems after a run: error outputs and widgets that failed to render."""
    problems = []
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    for i in range(errors.count()):
        text = errors.nth(i).inner_text()
        if "Traceback" in text or "Error" in text:
            problems.append(f"error output: {text[:300]}")
    body = page.inner_text("body")
    for marker in ("Error displaying widget", "Loading widget..."):
        if marker in body:
            problems.append(f"page shows {marker!r}")
    return problems


def scroll_to_top(page) -> None:
    """Scroll the notebook back to its first cell (JupyterLab's windowed notebook scrolls an inner panel)."""
    page.evaluate(
        "() => document.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook').forEach(e => e.scrollTop = 0)"
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook')].every(e => e.scrollTop === 0)"
    )


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def first_trace_path(page, within: str = "") -> str:
    """The ``d`` attribute of the first plotted line (or bar) in the first plot inside ``within``."""
    loc = page.locator(f"{within} .js-plotly-plot .scatterlayer .trace path.js-line").first
    if loc.count() == 0:
        loc = page.locator(f"{within} .js-plotly-plot .plot path").first
    return loc.get_attribute("d") or ""


SIGNATURE_JS = """(sel) => [...document.querySelectorAll(sel + ' .js-plotly-plot')]
    .map(p => [...p.querySelectorAll('path, text')].map(e => e.getAttribute('d') || e.textContent)
    .join('|')).join('#')"""


def plot_signature(page, within: str = "") -> str:
    """A string that changes when any plot inside ``within`` is redrawn with other data."""
    return page.evaluate(SIGNATURE_JS, within)


def wait_plot_change(page, before: str, within: str = "", timeout_ms: int = 10_000) -> str:
    """Wait until :func:`plot_signature` differs from ``before``; return the new signature (or the old on timeout)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            f"([sel, before]) => ({SIGNATURE_JS})(sel) !== before", arg=[within, before], timeout=timeout_ms
        )
    except PlaywrightTimeout:
        return before
    return plot_signature(page, within)


# ------------------------------------------------------------------------------------------- accessibility
A11Y_DIR = ROOT / "build" / "a11y"
#: Impacts that fail the accessibility layer; "moderate" and "minor" are counted in `make bench`'s table.
FAILING_IMPACTS = ("critical", "serious")
#: JupyterLab's own output areas: the course's HTML, widgets and figures (JupyterLab's chrome is not ours to fix).
LAB_OUTPUT_AREAS = [[".jp-OutputArea-output"]]


@dataclass(frozen=True)
class Violation:
    """One element that fails one axe-core rule on one page."""

    page: str
    rule: str
    impact: str
    target: str
    summary: str

    def __str__(self) -> str:
        return f"[{self.impact}] {self.rule} on {self.page}: {self.target} — {self.summary}"


def axe_audit(page, where: str, include: list[list[str]] | None = None) -> list[Violation]:
    """Run axe-core (shipped in axe-playwright-python) on the page, optionally limited to ``include`` selectors.

    Every violation found is returned, one per element, and the whole list is written to
    ``build/a11y/<where>.json`` so that `make bench` can count the moderate and minor ones.
    """
    from axe_playwright_python.sync_playwright import Axe

    context = {"include": include} if include else None
    response = Axe().run(page, context=context, options={"resultTypes": ["violations"]}).response
    found = [
        Violation(
            where,
            v["id"],
            str(node.get("impact") or v.get("impact") or "minor"),
            " ".join(map(str, node.get("target", []))),
            (node.get("failureSummary") or v["help"])[:300],
        )
        for v in response.get("violations", [])
        for node in v.get("nodes", [])
    ]
    A11Y_DIR.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", where)
    (A11Y_DIR / f"{slug}.json").write_text(
        json.dumps(
            {
                "page": where,
                "axe": response.get("testEngine", {}).get("version"),
                "violations": [v.__dict__ for v in found],
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    return found


#: Rules broken by markup the course does not write, in JupyterLab only: ipywidgets draws a slider's handle
#: (role="slider") without an accessible name, and JupyterLab makes a wide output (a wide pandas table) a
#: scrolling box that the keyboard cannot focus. The course's Voila template names every handle after its label
#: and the offline copy has no such box, so both rules are enforced there; in JupyterLab the README lists them.
LAB_KNOWN_RULES = ("aria-input-field-name", "scrollable-region-focusable")


def failing(violations: list[Violation], known: tuple[str, ...] = ()) -> list[str]:
    """The critical and serious violations, one line each (rule, element, page), except rules in ``known``."""
    return [str(v) for v in violations if v.impact in FAILING_IMPACTS and v.rule not in known]


def set_lab_theme(page, theme: str) -> None:
    """Switch JupyterLab to ``"JupyterLab Dark"`` or ``"JupyterLab Light"`` and wait until the page shows it."""
    if theme not in ("JupyterLab Dark", "JupyterLab Light"):
        raise ValueError(f"theme: 'JupyterLab Dark' or 'JupyterLab Light', got {theme!r}")
    page.evaluate("(theme) => window.jupyterapp.commands.execute('apputils:change-theme', {theme})", theme)
    light = "true" if theme.endswith("Light") else "false"
    page.wait_for_function(
        "(light) => document.body.dataset.jpThemeLight === light && document.body.dataset.jpThemeName !== undefined",
        arg=light,
        timeout=60_000,
    )


# ------------------------------------------------------------------------------- the plotted data on a page
#: The data plotly holds for every figure on the page (``gd.data`` of each plotly div: coordinates, colours,
#: visibility), as one string; typed arrays become lists. It changes exactly when a figure's data is redrawn.
PLOTTED_DATA_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => JSON.stringify(gd.data || [],
    (k, v) => k.startsWith('_') || k === 'uid' ? undefined : (ArrayBuffer.isView(v) ? Array.from(v) : v)))
    .join('#')"""


def plotted_data(page) -> str:
    """The data of every figure on the page as plotly holds it (see :data:`PLOTTED_DATA_JS`)."""
    return page.evaluate(PLOTTED_DATA_JS)


def wait_data_change(page, before: str, timeout_ms: int = 15_000) -> str:
    """Wait until :func:`plotted_data` differs from ``before``; return the new data (or ``before`` on timeout)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"(before) => ({PLOTTED_DATA_JS})() !== before", arg=before, timeout=timeout_ms)
    except PlaywrightTimeout:
        return before
    return plotted_data(page)


#: One move of each kind of control found on a dashboard: (kind, CSS selector of the control, action). A button is
#: one of a group of toggle buttons (a single toggle such as "More settings" shows controls, not data).
CONTROL_MOVES = (
    ("slider", ".jupyter-widgets .noUi-handle", "ArrowRight"),
    ("drop-down", ".jupyter-widgets select", "next option"),
    ("check box", ".jupyter-widgets input[type=checkbox]", "click"),
    ("button", ".jupyter-widgets .widget-toggle-buttons button:not(.mod-active)", "click"),
)


def move_control(page, selector: str, action: str) -> None:
    """Move the first control matching ``selector`` once, as a presenter would (key, option or click)."""
    control = page.locator(selector).first
    control.scroll_into_view_if_needed()
    if action == "next option":
        count = control.locator("option").count()
        current = control.evaluate("e => e.selectedIndex")
        control.select_option(index=(current + 1) % count)
    elif action == "click":
        control.click()
    else:
        control.focus()
        page.keyboard.press(action)


def control_kinds(page) -> list[tuple[str, str, str]]:
    """The entries of :data:`CONTROL_MOVES` that have a control on the page."""
    return [move for move in CONTROL_MOVES if page.locator(move[1]).count()]


def kernel_processes(server: Server) -> list[int]:
    """The process ids of the kernels a server started, found through the process tree (a kernel runs in a session of
    its own, so it is counted as a descendant of the server, never by name across the machine)."""
    import psutil

    found = []
    for child in psutil.Process(server.process.pid).children(recursive=True):
        try:
            if any("ipykernel" in part for part in child.cmdline()):
                found.append(child.pid)
        except psutil.NoSuchProcess:
            continue
    return found


def wait_kernel_count(server: Server, most: int, timeout_s: float) -> list[int]:
    """Poll until at most ``most`` kernels of ``server`` live, or ``timeout_s`` passes; return the last count's pids."""
    deadline = time.monotonic() + timeout_s
    pids = kernel_processes(server)
    while len(pids) > most and time.monotonic() < deadline:
        time.sleep(0.5)  # polling the process table: there is no event to wait on
        pids = kernel_processes(server)
    return pids
