"""Shared machinery for the real-browser tests: a JupyterLab (or Voila) server on 127.0.0.1 with temporary
Jupyter directories, Debian's Chromium driven by Playwright, and helpers to run a notebook as a student would.

See ../shared/design/jupyter-stack-notes.md ("Driving JupyterLab from Playwright") for why each step is so.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
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
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
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
    env["PYTHONHASHSEED"] = "0"
    return env


def start_server(argv: list[str], tmp: Path, ready_path: str = "/api/status", timeout: float = 90) -> Server:
    """Start ``argv`` (a jupyter command without --port/--token) on a free 127.0.0.1 port and wait until ready."""
    port = free_port()
    token = secrets.token_hex(16)
    log = tmp / "server.log"
    args = [*argv, "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    proc = subprocess.Popen(args, cwd=ROOT, env=jupyter_env(tmp), stdout=log.open("wb"), stderr=subprocess.STDOUT)
    server = Server(proc, port, token, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(f"{server.base}{ready_path}?token={token}", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"server not ready after {timeout} s:\n{log.read_text()[-3000:]}")


def start_lab(tmp: Path) -> Server:
    jupyter = Path(sys.executable).with_name("jupyter")
    return start_server([str(jupyter), "lab", f"--ServerApp.root_dir={ROOT}"], tmp)


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


def run_all(page, timeout_ms: int = 240_000) -> None:
    """Run All Cells from the Run menu and wait until every cell has finished and the kernel is idle."""
    page.click('.lm-MenuBar-itemLabel:text-is("Run")')
    page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
    page.wait_for_timeout(500)
    page.wait_for_function(
        """() => ![...document.querySelectorAll('.jp-InputPrompt')].some(e => e.textContent.includes('*'))""",
        timeout=timeout_ms,
    )
    wait_kernel_idle(page, timeout_ms)
    page.wait_for_timeout(1000)


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
    page.wait_for_timeout(500)


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


def plot_signature(page, within: str = "") -> str:
    """A string that changes when any plot inside ``within`` is redrawn with other data."""
    return page.evaluate(
        """(sel) => [...document.querySelectorAll(sel + ' .js-plotly-plot')]
              .map(p => [...p.querySelectorAll('path, text')].map(e => e.getAttribute('d') || e.textContent)
              .join('|')).join('#')""",
        within,
    )


def wait_plot_change(page, before: str, within: str = "", timeout_ms: int = 10_000) -> str:
    """Wait until :func:`plot_signature` differs from ``before``; return the new signature (or the old on timeout)."""
    deadline = time.monotonic() + timeout_ms / 1000
    current = plot_signature(page, within)
    while current == before and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        current = plot_signature(page, within)
    return current
