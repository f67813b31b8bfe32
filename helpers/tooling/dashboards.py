"""`make present`: the course's interactive apps as Voila dashboards (no code on screen, large controls).

The dashboards are small notebooks *generated* from :data:`DASHBOARDS` (one line per app) into a build folder
and served by Voila on 127.0.0.1 with a token, through the course's Voila template
(``helpers/tooling/templates/jupyter/voila/templates/course``: large controls, visible keyboard focus, no CDN).
Each dashboard shows the app's title, a one-line note on how to use it from the keyboard, and the app itself;
an index notebook links them all.

Run as ``python -m helpers.tooling present --host 127.0.0.1 --port 8888 [--allow-root]``.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from jupyter_core.paths import jupyter_path
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import style
from helpers.apps.base import App, figure_widgets
from helpers.paths import BUILD_DIR, NOTEBOOKS_DIR
from helpers.tooling import TEMPLATES_DIR
from helpers.tooling.outdir import prepare_output_dir, record_output
from helpers.vocabulary import EMERGENCY_SENTENCE

DASHBOARD_DIR: Path = BUILD_DIR / "dashboards"
#: A Jupyter data directory holding the course's Voila template ``voila/templates/course`` (large controls, no CDN).
TEMPLATE_ROOT: Path = TEMPLATES_DIR / "jupyter"
TEMPLATE_NAME = "course"
INDEX_NAME = "index"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


@dataclass(frozen=True)
class Dashboard:
    """One app served as a dashboard.

    Parameters
    ----------
    name : str
        File stem of the dashboard notebook (lower-case letters, digits and ``_``), e.g. ``"claims"``.
    module : str
        Module that defines the app, e.g. ``"helpers.apps.ledger"``.
    class_name : str
        The app class, constructible with no arguments (``ui``, ``controls``, ``figure``; see ``helpers.apps.base``).
    """

    name: str
    module: str
    class_name: str

    def __post_init__(self) -> None:
        if not self.name or not all(ch.islower() or ch.isdigit() or ch == "_" for ch in self.name):
            raise ValueError(f"name: use lower-case letters, digits and '_' only, got {self.name!r}")
        if not self.module.startswith("helpers.apps."):
            raise ValueError(f"module: an app module under helpers.apps, got {self.module!r}")
        if not self.class_name.isidentifier():
            raise ValueError(f"class_name: a Python class name, got {self.class_name!r}")

    @property
    def available(self) -> bool:
        """Whether the app's module exists (an app still being written must not break the build)."""
        return importlib.util.find_spec(self.module) is not None

    def app_class(self) -> type:
        """Import and return the app class."""
        return getattr(importlib.import_module(self.module), self.class_name)

    def lessons(self) -> tuple[str, ...]:
        """The lesson notebooks (stems, in course order) whose code uses the app."""
        found = []
        for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            code = "".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")
            if self.class_name in code:
                found.append(path.stem)
        return tuple(found)

    def lessons_text(self) -> str:
        """``"lessons 01_what_is_sciatica, 07_review"`` or ``""`` when no lesson uses the app yet."""
        found = self.lessons()
        if not found:
            return ""
        return ("lesson " if len(found) == 1 else "lessons ") + ", ".join(found)

    def title(self) -> str:
        """The app's own title (its class attribute ``title``)."""
        return str(getattr(self.app_class(), "title", self.class_name))

    def blurb(self) -> str:
        """The first line of the app class's docstring: what the app lets you do."""
        doc = inspect.getdoc(self.app_class()) or ""
        return doc.strip().splitlines()[0] if doc.strip() else ""


#: The dashboards served by `make present`, in the order of the index. Add an app with one line.
DASHBOARDS: tuple[Dashboard, ...] = (
    Dashboard("pain_change", "helpers.apps.pain_change", "PainChangeDemo"),
    Dashboard("nerve_roots", "helpers.apps.nerve_roots", "NerveRootMap"),
    Dashboard("symptoms", "helpers.apps.symptoms", "SymptomExplorer"),
    Dashboard("imaging", "helpers.apps.imaging", "ImagingByAge"),
    Dashboard("claims", "helpers.apps.ledger", "ClaimsExplorer"),
    Dashboard("room_sort", "helpers.apps.room_sort", "RoomSort"),
    Dashboard("recovery", "helpers.apps.recovery", "RecoverySimulator"),
    Dashboard("trial", "helpers.apps.trial", "TrialSimulator"),
    Dashboard("class_results", "helpers.apps.class_results", "ClassResults"),  # the instructor's view (issue 18)
)


#: A Jupyter labextensions folder holding anywidget's front end with a longer model-initialisation budget (below).
PATCHED_LABEXTENSIONS: Path = BUILD_DIR / "voila-labextensions"
#: The same for JupyterLab (`make lab`: ``--LabApp.extra_labextensions_path``), a folder of its own so that
#: `make lab` and `make present` can run side by side.
LAB_LABEXTENSIONS: Path = BUILD_DIR / "lab-labextensions"
#: How long (ms) anywidget's front end waits for a widget's JavaScript to load before it gives up on the model.
ANYWIDGET_INIT_BUDGET_MS = 600_000
_ANYWIDGET_BUDGET = re.compile(
    r"AbortSignal\.timeout\((\d+)\)(\.addEventListener\(\s*\"abort\",\s*function\s*\(\)\s*\{\s*"
    r"resolvers\.reject\(\s*new Error\(\s*\"\[anywidget\] Failed to initialize model\.\"\))"
)


def _installed_labextension(name: str) -> Path:
    """The installed labextension folder ``name`` (the first on Jupyter's data path, outside the patched folder)."""
    for folder in jupyter_path("labextensions"):
        candidate = Path(folder) / name
        patched = (PATCHED_LABEXTENSIONS, LAB_LABEXTENSIONS)
        if (candidate / "package.json").is_file() and not any(p in candidate.parents for p in patched):
            return candidate
    raise FileNotFoundError(f"the {name} labextension is not installed (pip install the pinned anywidget)")


def patch_anywidget(out_dir: Path = PATCHED_LABEXTENSIONS, budget_ms: int = ANYWIDGET_INIT_BUDGET_MS) -> Path:
    """Write anywidget's labextension into ``out_dir`` with its model-initialisation budget raised to ``budget_ms``.

    Why: every plotly FigureWidget is an anywidget whose JavaScript (plotly's 5 MB widget bundle) arrives in the
    widget's state and is imported in the page. anywidget 0.11 gives that import 2 seconds; if it takes longer, the
    model's ``ready`` promise is rejected for good and every later message from the kernel (each ``_py2js_update``
    that redraws the figure) awaits that rejected promise and is dropped without a word, while the sliders and
    text (plain ipywidgets) go on updating. On a busy or slow computer the import takes 15–25 s (measured with the
    CPU slowed 12 times), so the figure froze on some page loads and not others. With a longer budget the messages
    wait until the figure's code has loaded, then redraw it (upstream anywidget still has the 2 s budget).

    Voila serves this copy first (``--VoilaConfiguration.extra_labextensions_path``, see :func:`voila_argv`), and
    so does JupyterLab under `make lab` (``--LabApp.extra_labextensions_path``, folder :data:`LAB_LABEXTENSIONS`):
    the same freeze can happen in a lesson on a slow laptop.
    ``out_dir`` is refused when it holds files the build did not write. Returns ``out_dir``.

    Raises
    ------
    RuntimeError
        When the installed anywidget no longer has exactly one such budget (another version: check the cause again).
    """
    if int(budget_ms) < 2000:
        raise ValueError(f"budget_ms: at least 2000, got {budget_ms!r}")
    source = _installed_labextension("anywidget")
    out_dir = prepare_output_dir(out_dir, "out_dir")
    target = out_dir / "anywidget"
    shutil.copytree(source, target)
    patched = messages = 0
    for script in sorted((target / "static").glob("*.js")):
        text = script.read_text(encoding="utf-8")
        messages += text.count("[anywidget] Failed to initialize model.")
        new, count = _ANYWIDGET_BUDGET.subn(lambda m: f"AbortSignal.timeout({int(budget_ms)}){m.group(2)}", text)
        if count:
            script.write_text(new, encoding="utf-8")
            patched += count
    if not patched or patched != messages:  # one budget per bundled copy of anywidget's runtime (0.11 has two)
        raise RuntimeError(
            f"anywidget's front end in {source} has {messages} model-initialisation failures and {patched} budgets "
            "the patch recognises: the installed anywidget is not the pinned one; check whether figures still "
            "freeze under load before changing the patch"
        )
    record_output(out_dir)  # the next run removes these files, and only these
    return out_dir


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voila: ``JUPYTER_PATH`` starts with :data:`TEMPLATE_ROOT`, where the course template is."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(TEMPLATE_ROOT), env.get("JUPYTER_PATH", "")) if p)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def for_voila(app: Any) -> Any:
    """Return ``app`` ready for a dashboard: each of its figures published in place (:meth:`App.publish`).

    A FigureWidget sends changes made after its construction as messages, and Voila runs the notebook *before*
    the page connects, so those messages are lost; the page draws each figure from the state it fetches when it
    connects. Publishing copies each figure's complete current state into that state, in the same widget: the
    widget on the page is the one the app built and updates (an earlier version swapped in a rebuilt widget, and
    the trial simulator kept updating the traces of the widget that had left the page).
    """
    if not isinstance(app, App):
        raise ValueError("app: an app object with a `ui` widget (see helpers.apps.base.App)")
    for figure in figure_widgets(app.ui):
        style.fit_for_projector(figure)  # text >= 16 px, fits 1280 x 720; changed in place, never swapped
    return app.publish()


def available_dashboards(dashboards: tuple[Dashboard, ...] = DASHBOARDS) -> tuple[Dashboard, ...]:
    """The dashboards whose app module exists."""
    return tuple(d for d in dashboards if d.available)


def _markdown_header(dashboard: Dashboard) -> str:
    """Above the app: its title and the one-line safety note, no more (at 1280 × 720 the figure must fit)."""
    return (
        f"# {dashboard.title()}\n\n"
        '<p class="course-dashboard-safety">⚕️ <i>Educational, not medical advice:</i> it teaches how to read '
        "health claims and cannot assess anyone's own symptoms.</p>"
    )


def _markdown_footer(dashboard: Dashboard) -> str:
    """Below the app: what it lets you do, how to use it from the keyboard, where it is in the course."""
    where = f"In the course: {dashboard.lessons_text()}. " if dashboard.lessons() else ""
    return (
        f"{dashboard.blurb()}\n\n"
        '<p class="course-dashboard-help"><b>Keyboard:</b> press <kbd>Tab</kbd> to reach a control, then the '
        "arrow keys to change it (<kbd>Space</kbd> ticks a box or presses a button); the figure redraws. "
        f"{where}"
        f'<a href="{INDEX_NAME}.ipynb">All dashboards</a>.</p>'
    )


def dashboard_notebook(dashboard: Dashboard) -> nbformat.NotebookNode:
    """The notebook Voila renders for one app: a short header, the app object, then what it is for."""
    nb = new_notebook(metadata={"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}})
    nb.cells = [
        new_markdown_cell(_markdown_header(dashboard)),
        new_code_cell(
            "from helpers.tooling.dashboards import for_voila\n"
            f"from {dashboard.module} import {dashboard.class_name}\n"
            "from helpers.apps.presets import with_presets\n\n"  # the run sheet's one-click steps (if any)
            f"for_voila(with_presets({dashboard.class_name}(), {dashboard.name!r}))"
        ),
        new_markdown_cell(_markdown_footer(dashboard)),
    ]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{dashboard.name}-{i}"
    return nb


def index_notebook(dashboards: tuple[Dashboard, ...]) -> nbformat.NotebookNode:
    """The index page: one link per dashboard with what it lets you do."""
    rows = "\n".join(
        f"* [{d.title()}]({d.name}.ipynb) — {d.blurb()}" + (f" *({d.lessons_text()})*" if d.lessons() else "")
        for d in dashboards
    )
    text = (
        "# Sciatica — claims, evidence and recovery: interactive dashboards\n\n"
        "Pick a dashboard. Each one is an app from the course, without code: move its controls (mouse, or "
        "<kbd>Tab</kbd> then the arrow keys) and watch the figure change.\n\n"
        f"{rows}\n\n"
        f"> ⚕️ *Educational, not medical advice.* {EMERGENCY_SENTENCE}"
    )
    nb = new_notebook(metadata={"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}})
    nb.cells = [new_markdown_cell(text)]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{INDEX_NAME}-{i}"
    return nb


def write_dashboards(out_dir: Path = DASHBOARD_DIR, dashboards: tuple[Dashboard, ...] = DASHBOARDS) -> list[Path]:
    """Write the index and one notebook per available dashboard into ``out_dir``.

    ``out_dir`` must be new, empty or written by an earlier run (see :func:`helpers.tooling.outdir.
    prepare_output_dir`); any other folder with files in it is refused and nothing is deleted.

    Apps whose module does not exist yet are left out with a note on stderr. Returns the paths written,
    the index first.
    """
    out_dir = prepare_output_dir(out_dir, "out_dir")
    ready = available_dashboards(dashboards)
    for missing in sorted(set(dashboards) - set(ready), key=lambda d: d.name):
        print(f"note: {missing.module} does not exist yet; dashboard {missing.name!r} left out", file=sys.stderr)
    paths = [out_dir / f"{INDEX_NAME}.ipynb"]
    nbformat.write(index_notebook(ready), paths[0])
    for dashboard in ready:
        path = out_dir / f"{dashboard.name}.ipynb"
        nbformat.write(dashboard_notebook(dashboard), path)
        paths.append(path)
    record_output(out_dir)  # the next run removes these files, and only these
    return paths


#: Seconds a kernel may sit idle with no page connected before Voila shuts it down (a closed tab, a browser that
#: crashed, a page whose shutdown message was lost). A page that is open keeps its kernel however long it is idle.
CULL_IDLE_SECONDS = 120
#: How often (seconds) Voila looks for such kernels.
CULL_INTERVAL_SECONDS = 30


def voila_argv(
    directory: Path,
    host: str,
    port: int,
    token: str,
    allow_root: bool = False,
    cull_idle_seconds: int = CULL_IDLE_SECONDS,
    cull_interval_seconds: int = CULL_INTERVAL_SECONDS,
    labextensions: Path | None = None,
) -> list[str]:
    """The Voila command line serving ``directory`` on ``host:port`` with ``token`` (no browser, no code shown).

    Each page load starts a kernel. The course template shuts a page's kernel down when the page is left (Voila's
    own shutdown message is refused, voila#1458), and Voila culls kernels idle with no page connected for
    ``cull_idle_seconds`` (checked every ``cull_interval_seconds``), so kernels do not pile up in a room.

    Parameters
    ----------
    directory : Path
        Folder of dashboard notebooks.
    host : str
        The address to listen on: ``"127.0.0.1"`` unless the instructor asks for another (``make present
        HOST=...``, checked by :func:`helpers.tooling.build.check_host`); never empty and without spaces.
    port : int
        TCP port, 1–65535.
    token : str
        The access token (at least 16 characters); Voila refuses requests without it.
    allow_root : bool
        Accepted for symmetry with ``make lab``; Voila itself does not refuse to run as root and has no such flag.
    cull_idle_seconds, cull_interval_seconds : int
        Culling of kernels without a page (at least 1 s each).
    labextensions : Path or None
        A labextensions folder Voila serves before the installed ones: :func:`patch_anywidget`'s output.
    """
    if not host or any(ch.isspace() for ch in host):
        raise ValueError(f"host: an address such as 127.0.0.1, got {host!r}")
    if not 1 <= int(port) <= 65535:
        raise ValueError(f"port: 1–65535, got {port!r}")
    if len(token) < 16:
        raise ValueError("token: at least 16 characters")
    if int(cull_idle_seconds) < 1:
        raise ValueError(f"cull_idle_seconds: at least 1, got {cull_idle_seconds!r}")
    if int(cull_interval_seconds) < 1:
        raise ValueError(f"cull_interval_seconds: at least 1, got {cull_interval_seconds!r}")
    voila = Path(sys.executable).with_name("voila")
    argv = [
        str(voila),
        str(directory),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--Voila.token={token}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--theme=light",
        f"--template={TEMPLATE_NAME}",
        f"--MappingKernelManager.cull_idle_timeout={int(cull_idle_seconds)}",
        f"--MappingKernelManager.cull_interval={int(cull_interval_seconds)}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
    ]
    if labextensions is not None:
        argv.append(f"--VoilaConfiguration.extra_labextensions_path={labextensions}")
    del allow_root  # Voila has no --allow-root flag (it runs as root without one)
    return argv


def wait_until_serving(process: Any, host: str, port: int, token: str, timeout: float = 120.0) -> bool:
    """Wait until the Voila ``process`` answers on ``host:port`` (its dashboard list, with ``token``).

    Returns ``True`` once it answers, ``False`` if the process exits or ``timeout`` seconds pass first. The address
    to print is printed only after this, so the first click on it is never refused.
    """
    import http.client
    import time

    probe_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host.strip("[]")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        # http.client, not urllib: urllib would send this request (and the token) through a proxy named in
        # http_proxy, and the server is on this computer
        connection = http.client.HTTPConnection(probe_host, port, timeout=2)
        try:
            connection.request("GET", f"/voila/tree?token={token}")
            if connection.getresponse().status < 400:
                return True
        except OSError:
            pass
        finally:
            connection.close()
        try:  # wait for the next try, or for the process to exit
            process.wait(timeout=0.3)
        except subprocess.TimeoutExpired:  # still running
            pass
    return False


def dashboard_url(host: str, port: int, token: str, name: str = INDEX_NAME) -> str:
    """The address of a dashboard (the index by default), with the token."""
    return f"http://{host}:{port}/voila/render/{name}.ipynb?token={token}"
