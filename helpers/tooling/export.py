"""`make html`: an offline copy of the whole course in ``build/html/`` that opens from a USB stick.

Each lesson is re-executed from a fresh kernel into a temporary copy (the committed notebook is never touched)
with a display hook that shows every interactive app *statically*: its figure at the default settings, its
text summaries, the values of its controls, and a note that it is interactive in JupyterLab. Plotly figures are
drawn by ONE shared ``plotly.min.js`` beside the pages (copied from the installed plotly package); the pages load
nothing else: no require.js, MathJax, Mermaid or widget manager from a CDN. Links between lessons point to the
``.html`` pages.

Run as ``python -m helpers.tooling html [--out DIR]``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from helpers import style
from helpers.boxes import box
from helpers.course import LESSONS
from helpers.paths import BUILD_DIR, NOTEBOOKS_DIR
from helpers.symptoms import emergency_sentence
from helpers.tooling import TEMPLATES_DIR
from helpers.tooling.outdir import prepare_output_dir

HTML_DIR: Path = BUILD_DIR / "html"
TEMPLATE_DIR: Path = TEMPLATES_DIR / "nbconvert"
TEMPLATE_NAME = "course"
PLOTLY_JS = "plotly.min.js"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOT_CONFIG = {"responsive": True, "displaylogo": False}
STATIC_NOTE_CLASS = "course-static-app"
#: The first cell of every temporary copy: it makes apps and widgets display statically (removed afterwards).
SETUP_SOURCE = "import helpers.tooling.export as _course_export\n_course_export.install_static_display()"
_IPYNB_LINK = re.compile(r'(href=")(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]+)\.ipynb(#[^"]*)?"', re.IGNORECASE)


# ------------------------------------------------------------------------------------- static figures and apps
def figure_title(figure: dict[str, Any]) -> str:
    """The figure's title text (HTML tags removed), or ``""``."""
    title = (figure.get("layout") or {}).get("title") or {}
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    return re.sub(r"<[^>]+>", " ", str(text or "")).strip()


def figure_html(figure: dict[str, Any], div_id: str, summary: str = "") -> str:
    """A ``<div>`` and script that draw a plotly figure with the page's shared plotly.js.

    The ``<div>`` is a ``role="figure"`` whose accessible name is the figure's title and, when given, its
    one-sentence summary: plotly's SVG itself is not readable by screen readers.

    Parameters
    ----------
    figure : dict
        Plotly figure JSON (``{"data": [...], "layout": {...}}``), e.g. an ``application/vnd.plotly.v1+json``
        output or ``fig.to_plotly_json()``.
    div_id : str
        Id of the ``<div>``: letters, digits, ``-`` and ``_``, unique within the page.
    summary : str
        The figure in words (the sentence under it), added to the accessible name.
    """
    if not isinstance(figure, dict) or "data" not in figure:
        raise ValueError("figure: a plotly figure dict with a 'data' key")
    if not div_id or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", div_id):
        raise ValueError(f"div_id: letters, digits, '-' and '_' starting with a letter, got {div_id!r}")
    from plotly.utils import PlotlyJSONEncoder

    def dump(value: Any) -> str:
        return json.dumps(value, cls=PlotlyJSONEncoder).replace("</", "<\\/")

    layout = dict(figure.get("layout", {}))
    height = layout.get("height") or 450
    name = ". ".join(part for part in (figure_title(figure) or "Figure", summary.strip()) if part)
    return (
        f'<div id="{div_id}" class="plotly-graph-div course-figure" role="figure" aria-label="{escape(name)}" '
        f'style="height:{int(height)}px; width:100%;"></div>\n<script>\n'
        f'if (window.Plotly) {{ Plotly.newPlot("{div_id}", {dump(figure.get("data", []))}, {dump(layout)}, '
        f'{dump(PLOT_CONFIG)}); }} else {{ document.getElementById("{div_id}").textContent = '
        f'"This figure needs {PLOTLY_JS} in the same folder as this page."; }}\n</script>'
    )


_SUMMARY = re.compile(r"Figure in words[^:]*:\s*(?:</b>|\*\*)?\s*(.+)", re.IGNORECASE | re.DOTALL)


def summary_text(text: str) -> str:
    """The sentence of a "Figure in words: ..." summary (HTML or Markdown) in ``text``, or ``""``."""
    found = _SUMMARY.search(text)
    if not found:
        return ""
    plain = re.sub(r"<[^>]+>|\*\*", " ", found.group(1))
    return " ".join(plain.split())[:600]


_TABLE = re.compile(r"<table\b.*?</table>", re.IGNORECASE | re.DOTALL)
_EMPTY_TH = re.compile(r"<th(\s[^>]*)?>(\s|&nbsp;)*</th>", re.IGNORECASE)


def accessible_table_html(html: str) -> str:
    """Tables (e.g. pandas' ``to_html``) with real header cells: column headers ``scope="col"``, row headers
    ``scope="row"``, and no empty header cell (pandas' empty corner cells become ordinary ``<td>`` cells)."""

    def fix(table: str) -> str:
        table = _EMPTY_TH.sub(lambda m: f"<td{m.group(1) or ''}></td>", table)
        head, sep, body = table.partition("</thead>")
        if not sep:
            head, body = "", table
        head = re.sub(r"<th(?![^>]*\bscope=)(\s|>)", r'<th scope="col"\1', head)
        body = re.sub(r"<th(?![^>]*\bscope=)(\s|>)", r'<th scope="row"\1', body)
        return head + sep + body

    return _TABLE.sub(lambda m: fix(m.group(0)), html)


def _figure_id(figure_json: str, salt: str) -> str:
    return "fig-" + hashlib.sha1((salt + figure_json).encode("utf-8")).hexdigest()[:12]


def _formatted(value: Any, fmt: str) -> str:
    """A slider's value as its readout shows it (Python's format for the d3 formats sliders use, e.g. ".1f")."""
    try:
        text = format(value, fmt.lstrip("~")) if fmt else str(value)
    except (TypeError, ValueError):
        text = str(value)
    return text.replace("-", "−") if isinstance(value, int | float) else text


def _control_html(widget: Any) -> str:
    description = escape(str(getattr(widget, "description", "") or ""))
    if getattr(widget, "label", None) is not None:
        label = widget.label
        shown = ", ".join(map(str, label)) if isinstance(label, tuple) else str(label)
    elif isinstance(getattr(widget, "value", None), bool):
        shown = "yes" if widget.value else "no"
    elif isinstance(getattr(widget, "value", None), tuple):
        shown = " – ".join(map(str, widget.value))
    else:
        value = getattr(widget, "value", None)
        shown = "(none chosen)" if value is None else _formatted(value, getattr(widget, "readout_format", ""))
    name = f"<b>{description}</b>: " if description else ""
    return f'<div class="course-static-control">{name}{escape(shown)}</div>'


def widget_html(widget: Any, salt: str = "w", words: str = "") -> str:
    """Static HTML for a widget tree: figures drawn, HTML and labels kept, controls shown with their values.

    Parameters
    ----------
    widget : ipywidgets.Widget
        The widget (usually an app's ``ui``).
    salt : str
        Makes the figure ids of this widget unique within the page.
    words : str
        For a figure: its summary in words, added to its accessible name (a box passes its children the
        "Figure in words" sentence found among them).
    """
    import ipywidgets as widgets
    import plotly.graph_objects as go

    if isinstance(widget, go.FigureWidget):
        fig = widget.to_plotly_json()
        return figure_html(fig, _figure_id(json.dumps(fig, sort_keys=True, default=str), salt), words)
    if isinstance(widget, widgets.HTML | widgets.HTMLMath):
        return f'<div class="course-static-html">{widget.value}</div>'
    if isinstance(widget, widgets.Label):
        return f"<div>{escape(str(widget.value))}</div>"
    if isinstance(widget, widgets.Output):
        parts = []
        for out in widget.outputs:
            data = out.get("data", {})
            if "text/html" in data:
                parts.append(str(data["text/html"]))
            elif "text/plain" in data or out.get("text"):
                parts.append(f"<pre>{escape(str(data.get('text/plain', out.get('text', ''))))}</pre>")
        return "".join(parts)
    if isinstance(widget, widgets.Box):
        direction = "row" if isinstance(widget, widgets.HBox) else "column"
        words = (
            next(
                (
                    summary_text(str(c.value))
                    for c in widget.children
                    if isinstance(c, widgets.HTML) and summary_text(str(c.value))
                ),
                "",
            )
            or words
        )
        inner = "".join(widget_html(child, f"{salt}.{i}", words) for i, child in enumerate(widget.children))
        return f'<div style="display:flex; flex-direction:{direction}; flex-wrap:wrap; gap:4px 24px">{inner}</div>'
    if isinstance(widget, widgets.Button):
        return ""
    if hasattr(widget, "value"):
        return _control_html(widget)
    return ""


def static_app_html(app: Any) -> str:
    """An app shown statically: the note that it is interactive in JupyterLab, then its ``ui`` at the defaults."""
    ui = getattr(app, "ui", None)
    if ui is None:
        raise ValueError("app: an app object with a `ui` widget (see helpers.apps.base.App)")
    title = escape(str(getattr(app, "title", "Interactive app")))
    note = box(
        "note",
        f"“{title}” is an app: open this lesson in JupyterLab and run the cell to move its "
        "controls. Here it is shown at its default settings.",
        "▶ Interactive in JupyterLab.",
    )
    note = note.replace('class="course-box ', 'class="course-static-note course-box ', 1)
    return f'<div class="{STATIC_NOTE_CLASS}">{note}{widget_html(ui, salt=str(id(app)))}</div>'


def install_static_display() -> None:
    """In the current IPython kernel, display apps and widgets as static HTML (used by the HTML build only)."""
    import ipywidgets as widgets
    from IPython import get_ipython

    from helpers.apps.base import App

    shell = get_ipython()
    if shell is None:
        raise RuntimeError("install_static_display() runs inside an IPython kernel")
    formatter = shell.display_formatter.mimebundle_formatter
    formatter.for_type(App, lambda app: ({"text/html": static_app_html(app), "text/plain": repr(app)}, {}))
    formatter.for_type(widgets.Widget, lambda w: ({"text/html": widget_html(w, salt=str(id(w)))}, {}))


def kernel_env(private_dir: Path) -> dict[str, str]:
    """The environment of the build's kernels: a fresh home in ``private_dir``, so answers saved on this computer
    (per user, in the Jupyter data folder) are never read into the copy and never changed by it; the claim check's
    note in the copy then reads ``~/.local/share/jupyter/...`` as it would for a new student."""
    import helpers.claim_check as claim_check

    private = Path(private_dir).resolve()
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_DATA_DIR", claim_check.DATA_DIR_ENV)}
    env["HOME"] = str(private)
    env[claim_check.DATA_DIR_ENV] = str(private / ".local" / "share" / "jupyter" / claim_check.COURSE_FOLDER)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


# --------------------------------------------------------------------------------------------- notebook steps
def execute_static(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Execute a copy of ``path`` in a temporary folder with apps displayed statically; return the copy.

    The committed notebook is read, never written.
    """
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    setup = nbformat.v4.new_code_cell(SETUP_SOURCE)
    setup["id"] = "course-static-setup"
    nb.cells.insert(0, setup)
    with tempfile.TemporaryDirectory(prefix="course-html-") as tmp:
        shutil.copy2(path, Path(tmp) / path.name)
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": tmp}},
            store_widget_state=False,
            record_timing=False,
        )
        # stderr: the kernel's start-up warnings (errors come back as outputs); env: no student data read
        client.execute(stderr=subprocess.DEVNULL, env=kernel_env(Path(tmp)))
    nb.cells.pop(0)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count"):
            cell.execution_count -= 1
            for out in cell.get("outputs", []):
                if out.get("execution_count"):
                    out["execution_count"] -= 1
    return nb


def convert_outputs(nb: nbformat.NotebookNode, salt: str) -> tuple[nbformat.NotebookNode, int]:
    """Replace plotly JSON outputs with HTML drawn by the shared plotly.js and drop widget views.

    Returns a converted copy and the number of figures.
    """
    nb = copy.deepcopy(nb)
    figures = 0
    for c, cell in enumerate(nb.cells):
        for o, out in enumerate(cell.get("outputs", [])):
            data = out.get("data")
            if not data:
                continue
            if PLOTLY_MIME in data:
                fig = data[PLOTLY_MIME]
                fig_json = json.dumps(fig, sort_keys=True, default=str)
                words = _next_summary(nb, c, o)
                out["data"] = {"text/html": figure_html(fig, _figure_id(fig_json, f"{salt}-{c}-{o}"), words)}
            elif "text/html" in data and "<table" in str(data["text/html"]):
                data["text/html"] = accessible_table_html(str(data["text/html"]))
            elif WIDGET_MIME in data:
                data.pop(WIDGET_MIME)
                data.setdefault("text/plain", "")
            figures += str(out["data"].get("text/html", "")).count("Plotly.newPlot(")
    return nb, figures


def _next_summary(nb: nbformat.NotebookNode, cell: int, output: int) -> str:
    """The "Figure in words" sentence shown right after a figure: in the same cell's later outputs or the next
    cell's outputs or text (a lesson shows the summary right under its figure)."""
    later = [out for out in nb.cells[cell].get("outputs", [])[output + 1 :]]
    if cell + 1 < len(nb.cells):
        after = nb.cells[cell + 1]
        later += after.get("outputs", []) or [{"data": {"text/markdown": "".join(after.get("source", ""))}}]
    for out in later:
        for value in (out.get("data") or {}).values():
            found = summary_text(str(value))
            if found:
                return found
        if out.get("data", {}).get(PLOTLY_MIME):
            break
    return ""


def rewrite_links(html: str) -> str:
    """Point relative links to ``*.ipynb`` at the matching ``*.html`` page (absolute URLs are left alone)."""
    return _IPYNB_LINK.sub(lambda m: f'{m.group(1)}{m.group(2)}.html{m.group(3) or ""}"', html)


def _exporter() -> Any:
    from nbconvert import HTMLExporter

    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        template_name=TEMPLATE_NAME,
        embed_images=True,
        exclude_input_prompt=False,
    )


def _nav(pages: list[tuple[str, str]], i: int) -> str:
    links = ['<a href="index.html">Course index</a>']
    if i > 0:
        links.append(f'<a href="{pages[i - 1][0]}">← {escape(pages[i - 1][1])}</a>')
    if i + 1 < len(pages):
        links.append(f'<a href="{pages[i + 1][0]}">{escape(pages[i + 1][1])} →</a>')
    return (
        '<nav class="course-nav">' + " · ".join(links) + '<span class="course-nav-note">Offline copy: figures are '
        "static; the apps are interactive in JupyterLab.</span></nav>"
    )


def _title(path: Path) -> str:
    for lesson in LESSONS:
        if lesson.notebook == path.name:
            return f"{lesson.notebook[:2]} · {lesson.title}"
    return path.stem.replace("_", " ").capitalize()


def index_html(pages: list[tuple[str, str]]) -> str:
    """The offline copy's front page: what it is, the red-flag note, and one link per lesson."""
    by_name = {lesson.notebook.replace(".ipynb", ".html"): lesson for lesson in LESSONS}
    rows = []
    for href, title in pages:
        lesson = by_name.get(href)
        detail = (
            (
                f"<td>{escape(lesson.source_section)}</td><td>{escape(lesson.objective)}</td>"
                f"<td>{lesson.minutes} min</td>"
            )
            if lesson
            else "<td></td><td></td><td></td>"
        )
        rows.append(f'<tr><td><a href="{href}">{escape(title)}</a></td>{detail}</tr>')
    warn = box(
        "emergency",
        escape("This course cannot assess anyone's own symptoms. " + emergency_sentence()),
        "Educational, not medical advice.",
        role="note",
        border="all",
        font_size=18,
    )
    note = box(
        "note",
        "It opens without internet and shows every lesson with its figures. The interactive apps "
        "appear at their default settings; to move their controls and to do the exercises, open the "
        "notebooks in JupyterLab (<code>make lab</code>).",
        "This is the offline copy.",
        font_size=18,
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sciatica — claims, evidence and recovery (offline copy)</title>
<style>
body {{ font-family: "Liberation Sans", Arial, Helvetica, sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; font-size: 18px; line-height: 1.5; color: #222; background: #fff; }}
a {{ color: {style.LINK}; text-decoration: underline; }}
a:focus {{ outline: 3px solid {style.BLUE}; outline-offset: 2px; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border-bottom: 1px solid #ddd; padding: 8px;
       text-align: left; vertical-align: top; }}
td:last-child {{ white-space: nowrap; }}
</style></head>
<body>
<header><h1>Sciatica — claims, evidence and recovery</h1></header>
<main>
<p>An open course in reading health claims: an acupuncture clinic's patient-information page about sciatica,
read section by section against the published evidence.</p>
{warn}
{note}
<h2>Lessons</h2>
<table><thead><tr><th scope="col">Lesson</th><th scope="col">Source section</th><th scope="col">You will</th>
<th scope="col">Time</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</main>
</body></html>
"""


def lesson_pages() -> list[Path]:
    """The notebooks the offline copy shows by default: the numbered lessons, in course order, then the glossary
    (which the lessons link to)."""
    return [*sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")), NOTEBOOKS_DIR / "glossary.ipynb"]


@dataclass(frozen=True)
class HtmlReport:
    """What :func:`build_html` wrote."""

    out_dir: Path
    pages: tuple[Path, ...]
    figures: int
    total_bytes: int

    def describe(self) -> str:
        lines = [
            f"wrote {len(self.pages)} pages and {PLOTLY_JS} to {self.out_dir} "
            f"({self.figures} figures, {self.total_bytes / 1e6:.2f} MB in total)"
        ]
        lines += [f"  {p.name}: {p.stat().st_size / 1e3:.0f} kB" for p in self.pages]
        return "\n".join(lines)


def folder_bytes(folder: Path) -> int:
    """Total size in bytes of the files under ``folder``."""
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def build_html(out_dir: Path = HTML_DIR, notebooks: list[Path] | None = None, timeout: int = 600) -> HtmlReport:
    """Write the offline HTML copy: ``index.html``, one page per notebook (course order) and ``plotly.min.js``.

    Parameters
    ----------
    out_dir : Path
        Output folder: new, empty, or one an earlier build wrote (it holds
        :data:`helpers.tooling.outdir.MARKER`), which is emptied first. Any other folder with files in it is
        refused (:class:`helpers.tooling.outdir.OutputFolderRefused`) and nothing is deleted.
    notebooks : list of Path, optional
        Notebooks to export, in order (default: :func:`lesson_pages`, the numbered lessons; the copy is for
        students, so the instructor guide with its model answers is left out).
    timeout : int
        Seconds allowed per cell, 1–3600.
    """
    if not 1 <= timeout <= 3600:
        raise ValueError(f"timeout: 1–3600 seconds, got {timeout!r}")
    paths = list(notebooks) if notebooks is not None else lesson_pages()
    if not paths:
        raise ValueError(f"notebooks: no notebooks to export in {NOTEBOOKS_DIR}")
    out_dir = prepare_output_dir(out_dir, "--out")
    import plotly

    shutil.copy2(Path(plotly.__file__).parent / "package_data" / PLOTLY_JS, out_dir / PLOTLY_JS)
    listing = [(p.with_suffix(".html").name, _title(p)) for p in paths]
    exporter = _exporter()
    written, figures = [], 0
    for i, path in enumerate(paths):
        nb, count = convert_outputs(execute_static(Path(path), timeout=timeout), salt=Path(path).stem)
        nb.metadata["title"] = f"{listing[i][1]} — Sciatica: claims, evidence and recovery"
        html, _ = exporter.from_notebook_node(nb, resources={"course_nav": _nav(listing, i)})
        page = out_dir / listing[i][0]
        page.write_text(accessible_table_html(rewrite_links(html)), encoding="utf-8")  # Markdown tables too
        written.append(page)
        figures += count
    index = out_dir / "index.html"
    index.write_text(index_html(listing), encoding="utf-8")
    return HtmlReport(out_dir, (index, *written), figures, folder_bytes(out_dir))
