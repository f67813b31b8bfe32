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
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import plotly.graph_objects as go
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

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
    Dashboard("recovery", "helpers.apps.recovery", "RecoverySimulator"),
    Dashboard("trial", "helpers.apps.trial", "TrialSimulator"),
)


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voila: ``JUPYTER_PATH`` starts with :data:`TEMPLATE_ROOT`, where the course template is."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(TEMPLATE_ROOT), env.get("JUPYTER_PATH", "")) if p)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def figure_widgets(widget: Any) -> list[go.FigureWidget]:
    """Every plotly FigureWidget inside a widget tree (depth first, in display order)."""
    if isinstance(widget, go.FigureWidget):
        return [widget]
    found: list[go.FigureWidget] = []
    for child in getattr(widget, "children", ()) or ():
        found.extend(figure_widgets(child))
    return found


def _replace_in_tree(widget: Any, old: Any, new: Any) -> None:
    """Put ``new`` wherever ``old`` is a child inside the widget tree under ``widget``."""
    children = getattr(widget, "children", None)
    if not children:
        return
    if any(child is old for child in children):
        widget.children = tuple(new if child is old else child for child in children)
    for child in widget.children:
        _replace_in_tree(child, old, new)


def for_voila(app: Any) -> Any:
    """Return ``app`` with each of its figures rebuilt as a FigureWidget from the complete figure.

    A FigureWidget sends its whole state to the browser only when it is constructed; later changes (traces
    added, the course style applied) travel as messages. In JupyterLab the browser is listening when they are
    sent; Voila runs the notebook *before* the browser connects, so those messages are lost and a figure built
    empty and filled afterwards would start empty. Each FigureWidget in ``app.ui`` is therefore replaced by
    ``go.FigureWidget(figure.to_dict())``, constructed from the complete figure, and every attribute of ``app``
    that held the old widget (``app.figure``) now holds the new one, so the app's controls update what is shown.
    """
    ui = getattr(app, "ui", None)
    if ui is None:
        raise ValueError("app: an app object with a `ui` widget (see helpers.apps.base.App)")
    for old in figure_widgets(ui):
        fresh = go.FigureWidget(old.to_dict())
        if app.ui is old:
            app.ui = fresh
        _replace_in_tree(app.ui, old, fresh)
        for name, value in list(vars(app).items()):
            if value is old:
                setattr(app, name, fresh)
    return app


def available_dashboards(dashboards: tuple[Dashboard, ...] = DASHBOARDS) -> tuple[Dashboard, ...]:
    """The dashboards whose app module exists."""
    return tuple(d for d in dashboards if d.available)


def _markdown_header(dashboard: Dashboard) -> str:
    where = f"In the course: {dashboard.lessons_text()}. " if dashboard.lessons() else ""
    return (
        f"# {dashboard.title()}\n\n"
        f"{dashboard.blurb()}\n\n"
        '<p class="course-dashboard-help"><b>Keyboard:</b> press <kbd>Tab</kbd> to reach a control, then the '
        "arrow keys to change it (<kbd>Space</kbd> ticks a box or presses a button); the figure redraws. "
        f"{where}"
        f'<a href="{INDEX_NAME}.ipynb">All dashboards</a>.</p>\n\n'
        "> ⚕️ *Educational, not medical advice.* Simulations and summaries here teach how to read health "
        "claims; they cannot assess anyone's own symptoms."
    )


def dashboard_notebook(dashboard: Dashboard) -> nbformat.NotebookNode:
    """The notebook Voila renders for one app: a header, then the app object."""
    nb = new_notebook(metadata={"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}})
    nb.cells = [
        new_markdown_cell(_markdown_header(dashboard)),
        new_code_cell(
            "from helpers.tooling.dashboards import for_voila\n"
            f"from {dashboard.module} import {dashboard.class_name}\n\n"
            f"for_voila({dashboard.class_name}())"
        ),
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


def voila_argv(directory: Path, host: str, port: int, token: str, allow_root: bool = False) -> list[str]:
    """The Voila command line serving ``directory`` on ``host:port`` with ``token`` (no browser, no code shown).

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
    """
    if not host or any(ch.isspace() for ch in host):
        raise ValueError(f"host: an address such as 127.0.0.1, got {host!r}")
    if not 1 <= int(port) <= 65535:
        raise ValueError(f"port: 1–65535, got {port!r}")
    if len(token) < 16:
        raise ValueError("token: at least 16 characters")
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
    ]
    del allow_root  # Voila has no --allow-root flag (it runs as root without one)
    return argv


def dashboard_url(host: str, port: int, token: str, name: str = INDEX_NAME) -> str:
    """The address of a dashboard (the index by default), with the token."""
    return f"http://{host}:{port}/voila/render/{name}.ipynb?token={token}"
