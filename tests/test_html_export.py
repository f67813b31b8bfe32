"""`make html`: the offline copy of the course opens from file:// with every non-file request blocked.

The copy is built once (``helpers.tooling.export.build_html`` into a temporary folder, exactly what ``make html`` does
into build/html) and each page is opened in headless Chromium from file:// with every request that is not a
file refused and recorded. Asserted: figures render (``.js-plotly-plot`` with SVG traces), zero external
requests, no "Loading widget", apps shown statically with their note, links point to .html pages that exist,
one shared plotly.min.js, total size ≤ 15 MB. Screenshots: build/screenshots/html_<page>.png.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from helpers.tooling import export, outdir
from tests import browser_support as bs

MAX_BYTES = 15 * 1024 * 1024
NOTEBOOKS = export.lesson_pages()
PAGES = ["index", *[p.stem for p in NOTEBOOKS]]


def _has_figure(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    return export.PLOTLY_MIME in text or export.WIDGET_MIME in text


def _has_app(path: Path) -> bool:
    return export.WIDGET_MIME in path.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------------------- unit checks
def test_figure_html_draws_with_the_shared_plotly_and_validates() -> None:
    html = export.figure_html({"data": [{"type": "bar", "y": [1, 2]}], "layout": {"height": 300}}, "fig-a1")
    assert 'id="fig-a1"' in html and 'Plotly.newPlot("fig-a1"' in html and "height:300px" in html
    assert "<script src" not in html, "a figure must not load its own copy of plotly.js"
    with pytest.raises(ValueError, match="figure"):
        export.figure_html({"layout": {}}, "fig-a1")
    with pytest.raises(ValueError, match="div_id"):
        export.figure_html({"data": []}, "1 bad id")


def test_links_to_notebooks_become_links_to_pages() -> None:
    html = (
        '<a href="01_what_is_sciatica.ipynb">x</a> <a href="07_review.ipynb#Summary">y</a> '
        '<a href="https://example.org/a.ipynb">z</a> <a href="#Summary">w</a>'
    )
    out = export.rewrite_links(html)
    assert 'href="01_what_is_sciatica.html"' in out and 'href="07_review.html#Summary"' in out
    assert 'href="https://example.org/a.ipynb"' in out and 'href="#Summary"' in out


def test_an_app_is_shown_statically_with_its_figure_values_and_note() -> None:
    from helpers.apps.pain_change import PainChangeDemo

    html = export.static_app_html(PainChangeDemo(before=7, after=3))
    assert "Interactive in JupyterLab" in html and "default settings" in html
    assert html.count("Plotly.newPlot(") == 1
    assert "Leg pain before (0–10)</b>: 7" in html and "Figure in words" in html
    with pytest.raises(ValueError, match="app"):
        export.static_app_html(object())


def test_converting_outputs_replaces_plotly_json_and_widget_views() -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={export.PLOTLY_MIME: {"data": [{"y": [1]}], "layout": {}}}),
        nbformat.v4.new_output("display_data", data={export.WIDGET_MIME: {"model_id": "abc"}, "text/plain": "w"}),
    ]
    nb.cells = [cell]
    out, figures = export.convert_outputs(nb, "t")
    assert figures == 1
    assert "Plotly.newPlot(" in out.cells[0].outputs[0]["data"]["text/html"]
    assert export.WIDGET_MIME not in out.cells[0].outputs[1]["data"]
    assert export.PLOTLY_MIME in nb.cells[0].outputs[0]["data"], "the input notebook is not modified"


def test_static_execution_reads_the_notebook_and_never_writes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build's kernel sees its own per-user data folder (where saved answers live), not the student's."""
    from jupyter_core.paths import jupyter_data_dir

    monkeypatch.setenv("OUTER_DATA_DIR", jupyter_data_dir())
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("from helpers.apps.pain_change import PainChangeDemo\nPainChangeDemo()"),
        nbformat.v4.new_code_cell(
            "import os\nfrom helpers import claim_check\n"
            "where = str(claim_check.answers_file())\n"
            "print('course-html-' in where and not where.startswith("
            "os.environ['OUTER_DATA_DIR']))"
        ),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "lesson.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()
    done = export.execute_static(path)
    assert path.read_bytes() == before
    assert [c.execution_count for c in done.cells] == [1, 2], "the hidden setup cell is removed, counts shifted"
    assert done.cells[1].outputs[0]["text"].strip() == "True", "a student's saved answers must stay out of the copy"
    data = done.cells[0].outputs[0]["data"]
    assert export.WIDGET_MIME not in data and "Interactive in JupyterLab" in data["text/html"]


# ------------------------------------------------------------------------------------------- the built copy
# `site` (the copy, built once per session) comes from tests/conftest.py.


@pytest.fixture
def offline_tab(page) -> Iterator[tuple[object, list[str]]]:
    """A tab in which every request that is not for a local file is refused and recorded."""
    blocked: list[str] = []

    def handle(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    page.on("websocket", lambda ws: blocked.append(ws.url))
    yield page, blocked


@pytest.mark.browser
@pytest.mark.timeout(1800)
def test_the_copy_has_every_page_one_plotly_and_fits_the_budget(site) -> None:
    out, report = site
    assert [p.stem for p in report.pages] == PAGES
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{s}.html" for s in PAGES] + [export.PLOTLY_JS, outdir.MARKER]
    )
    size = export.folder_bytes(out)
    print(f"offline copy: {size / 1e6:.2f} MB in {len(PAGES)} pages + {export.PLOTLY_JS}")
    assert size <= MAX_BYTES, f"the offline copy is {size / 1e6:.1f} MB, over the 15 MB budget"
    for page in report.pages:
        html = page.read_text(encoding="utf-8")
        assert "plotly.js v" not in html, f"{page.name} embeds its own plotly.js"
        remote = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', html)
        assert not remote, f"{page.name} loads remote resources: {remote[:3]}"
        assert not re.search(r'href="(?![a-z]+:)[^"#]+\.ipynb', html), f"{page.name} links to a .ipynb file"
        for href in re.findall(r'href="(?![a-z]+:|#)([^"#?]+\.html)', html):
            assert (out / href).exists(), f"{page.name} links to a missing page {href}"


@pytest.mark.browser
@pytest.mark.timeout(1800)
@pytest.mark.parametrize("stem", PAGES)
def test_page_renders_offline(site, offline_tab, stem: str) -> None:
    out, _ = site
    page, blocked = offline_tab
    page.goto((out / f"{stem}.html").as_uri())
    page.wait_for_load_state("load")
    expected = page.locator(".plotly-graph-div").count()
    page.wait_for_function(
        """() => [...document.querySelectorAll('.plotly-graph-div')]
               .every(d => d.classList.contains('js-plotly-plot') && d.querySelector('svg.main-svg'))""",
        timeout=60_000,
    )
    plots = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(p =>
        p.querySelectorAll('g.trace, g.hm, g.slice, g.imagelayer image').length)""")
    body = page.inner_text("body")
    first_app = page.locator(f".{export.STATIC_NOTE_CLASS}").first
    if first_app.count():
        first_app.scroll_into_view_if_needed()
    elif expected:
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    bs.screenshot(page, f"html_{stem}")
    assert not blocked, f"{stem}: requests left the page's folder: {blocked[:5]}"
    for marker in ("Loading widget", "Error displaying widget", "needs plotly.min.js"):
        assert marker not in body, f"{stem}: the page shows {marker!r}"
    assert len(plots) == expected, f"{stem}: {expected - len(plots)} figures did not render"
    assert all(n > 0 for n in plots), f"{stem}: a figure has no SVG traces: {plots}"
    if stem == "index":
        links = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
        assert links == [f"{p.stem}.html" for p in NOTEBOOKS], links
        return
    notebook = next(p for p in NOTEBOOKS if p.stem == stem)
    if _has_figure(notebook):
        assert plots, f"{stem}: the lesson has figures but the page shows none"
    if _has_app(notebook):
        assert page.locator(f".{export.STATIC_NOTE_CLASS}").count() >= 1, f"{stem}: an app is not shown statically"
        assert "Interactive in JupyterLab" in body
    # every code cell of the lesson appears, in order, and every heading of its prose, in order
    doc = json.loads(notebook.read_text(encoding="utf-8"))
    code = [_squash("".join(c["source"])) for c in doc["cells"] if c["cell_type"] == "code"]
    shown = [_squash(t) for t in page.locator(".jp-CodeCell .jp-InputArea-editor").all_inner_texts()]
    assert shown == code, f"{stem}: code cells missing or out of order: {len(shown)} shown, {len(code)} in the lesson"
    headings = [
        ln.lstrip("#").strip()
        for c in doc["cells"]
        if c["cell_type"] == "markdown"
        for ln in "".join(c["source"]).splitlines()
        if re.match(r"#{1,3} ", ln)
    ]
    shown_headings = [
        t.replace("¶", "").strip() for t in page.locator(".jp-MarkdownCell :is(h1, h2, h3)").all_inner_texts()
    ]
    assert headings and [_squash(h) for h in shown_headings] == [_squash(_plain(h)) for h in headings], (
        f"{stem}: headings missing or out of order"
    )


def _squash(text: str) -> str:
    """Text with every run of white space made one space (HTML and notebook differ in line breaks only)."""
    return " ".join(text.split())


def _plain(markdown: str) -> str:
    """A Markdown heading as the page shows it: without emphasis marks, code ticks and link targets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[*_`]", "", text)


# ------------------------------------------------------------------------------- data text is text, never markup
_EVIL = '<img src=x onerror="alert(1)">'


def test_data_text_in_a_markdown_output_reaches_the_page_as_text() -> None:
    import nbformat

    from helpers import references
    from helpers.tables import load_table

    first = str(load_table("references")["id"].iloc[0])
    md = references.markdown_list([first]) + f"\n\n- A title {_EVIL} <script>alert(2)</script>"
    md += "\n\n<small>Quoted verbatim from the clinic.</small> and `x < y` in code"
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": md, "text/plain": ""})]
    nb.cells = [cell]
    converted, _ = export.convert_outputs(nb, salt="t")
    html, _ = export._exporter().from_notebook_node(converted, resources={"course_nav": ""})
    assert "<img src=x onerror" not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror" in html, "the text is still shown, as text"
    assert "Quoted verbatim from the clinic." in html and "&lt;small&gt;" not in html, "the course's own tags stay tags"
    assert "x &lt; y" in html


def test_the_index_page_escapes_titles() -> None:
    html = export.index_html([("00_start_here.html", "00 · Start"), ("x.html", f"A {_EVIL}")])
    assert "<img src=x" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert "seek emergency" in html and 'href="00_start_here.html"' in html


def test_the_figure_summary_is_read_from_the_callout_not_scraped() -> None:
    import nbformat

    from helpers import callouts

    shown = callouts.figure_summary("Most people improve in <b>six</b> weeks.")
    _data, metadata = shown._repr_markdown_()
    assert shown.sentence == "Most people improve in <b>six</b> weeks." and metadata["figure_summary"] == shown.sentence
    nb = nbformat.v4.new_notebook()
    fig = nbformat.v4.new_code_cell("fig")
    fig.outputs = [nbformat.v4.new_output("display_data", data={export.PLOTLY_MIME: {"data": [], "layout": {}}})]
    words = nbformat.v4.new_code_cell("summary")
    words.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/markdown": "The picture, told differently."},
            metadata={"text/markdown": {"figure_summary": shown.sentence}},
        )
    ]
    nb.cells = [fig, words]
    converted, count = export.convert_outputs(nb, salt="s")
    html = converted.cells[0].outputs[0]["data"]["text/html"]
    assert count == 1 and 'aria-label="Figure. Most people improve in &lt;b&gt;six&lt;/b&gt; weeks."' in html
