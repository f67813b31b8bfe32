"""`make bench`: print the course's performance figures as one table (and save them to build/bench.json).

Measured, never asserted: each row shows the figure, its budget and whether it is within it.
Run: ``make bench`` (or ``.venv/bin/python -m tests.bench [--quick]``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import tests.bench as bench_pkg
from helpers.tooling.build import lesson_notebooks
from tests.bench import AppCase

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"


@dataclass(frozen=True)
class Row:
    what: str
    value: str
    budget: str
    ok: bool | None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# ------------------------------------------------------------------------------------------- 1. server side
def app_cases() -> list[AppCase]:
    cases: list[AppCase] = []
    for info in pkgutil.iter_modules(bench_pkg.__path__):
        if info.name.startswith("apps_"):
            cases.extend(importlib.import_module(f"tests.bench.{info.name}").cases())
    return cases


def time_app(case: AppCase, changes: int) -> list[float]:
    control = case.app.controls[case.control]
    values = list(case.values)
    for v in values:  # warm-up: first calls build caches
        control.value = v
    times = []
    for i in range(changes):
        value = values[i % len(values)]
        if control.value == value:
            value = values[(i + 1) % len(values)]
        start = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - start) * 1000)
    return times


def server_rows(changes: int) -> list[Row]:
    rows = []
    for case in app_cases():
        ms = time_app(case, changes)
        med, p95 = statistics.median(ms), percentile(ms, 0.95)
        rows.append(
            Row(
                f"{case.label}: control change -> figure updated (server, n={changes})",
                f"median {med:.1f} ms, p95 {p95:.1f} ms",
                "median ≤ 8 ms",
                med <= 8,
            )
        )
    return rows


# ------------------------------------------------------------------------------------------- 2. browser
WARM_UP = 5
BROWSER_APPS = ("helpers.apps.recovery:RecoverySimulator", "helpers.apps.pain_change:PainChangeDemo")


# Resolves with the time from the next key press to the first change inside the plot (or -1 after 5 s).
LATENCY_PROBE = """() => { window.__courseLatency = new Promise((resolve) => {
    const plot = document.querySelector('.js-plotly-plot');
    let start = null;
    document.addEventListener('keydown', () => { start = performance.now(); }, {capture: true, once: true});
    const obs = new MutationObserver(() => {
        if (start !== null) { obs.disconnect(); resolve(performance.now() - start); }
    });
    obs.observe(plot, {subtree: true, attributes: true, childList: true, characterData: true});
    setTimeout(() => { obs.disconnect(); resolve(-1); }, 5000);
}); }"""


def browser_rows(presses: int) -> list[Row]:
    from tests import browser_support as bs

    if not bs.CHROMIUM.exists():
        return [
            Row(
                "browser: key press on a slider -> plot redrawn",
                "not measured (no /usr/bin/chromium)",
                "median ≤ 60 ms",
                None,
            )
        ]
    target = next((t for t in BROWSER_APPS if importlib.util.find_spec(t.split(":")[0])), BROWSER_APPS[-1])
    module, cls = target.split(":")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"from helpers.style import use_course_style\nuse_course_style()\nfrom {module} import {cls}\n{cls}()"
        )
    ]
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        lab = bs.start_lab(Path(tmp))  # serves a copy of notebooks/ from <tmp>/course
        nbformat.write(nb, Path(tmp) / "course" / "notebooks" / "bench_browser_latency.ipynb")
        try:
            with sync_playwright() as pw:
                ctx = pw.chromium.launch_persistent_context(
                    str(Path(tmp) / "profile"),
                    executable_path=str(bs.CHROMIUM),
                    headless=True,
                    args=bs.CHROMIUM_ARGS,
                    viewport={"width": 1400, "height": 1000},
                )
                page = ctx.new_page()
                bs.open_notebook(page, lab, "notebooks/bench_browser_latency.ipynb")
                bs.run_all(page)
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
                handle = page.locator(".widget-slider .noUi-handle").first
                handle.focus()
                times = []
                for i in range(presses + WARM_UP):
                    key = "ArrowRight" if (i // 3) % 2 == 0 else "ArrowLeft"
                    page.evaluate(LATENCY_PROBE)
                    page.keyboard.press(key)
                    ms = page.evaluate("window.__courseLatency")
                    page.wait_for_timeout(300)
                    if i >= WARM_UP and ms >= 0:  # the first presses warm up the page, the kernel and plotly.js
                        times.append(ms)
                ctx.close()
        finally:
            lab.delete_sessions()
            lab.stop()
    if not times:
        return [Row(f"browser ({cls}): key press -> plot redrawn", "no redraw observed", "median ≤ 60 ms", False)]
    med = statistics.median(times)
    return [
        Row(
            f"browser ({cls}): key press on a slider -> plot redrawn (n={len(times)})",
            f"median {med:.0f} ms, max {max(times):.0f} ms",
            "median ≤ 60 ms",
            med <= 60,
        )
    ]


# ------------------------------------------------------------------------------------------- 3. nbval suite
FLOOR_CELL = (
    "import helpers.callouts, helpers.exercises, helpers.tables\n"
    "import plotly.graph_objects as go\n"
    "from helpers.style import use_course_style\n"
    "use_course_style()\n"
    "go.FigureWidget(go.Scatter(y=[1, 2, 3]))"
)


def floor_seconds() -> float:
    """Kernel start + the course's imports + a first figure, for one notebook."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_CELL), nbformat.v4.new_code_cell("go.Figure(go.Bar(y=[1, 2]))")]
    start = time.perf_counter()
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(ROOT)}}).execute()
    return time.perf_counter() - start


def nbval_rows() -> list[Row]:
    notebooks = sorted((ROOT / "notebooks").rglob("*.ipynb"))
    notebooks = [n for n in notebooks if ".ipynb_checkpoints" not in n.parts]
    floors = [floor_seconds() for _ in range(2)]
    floor = min(floors) * len(notebooks)
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            "tests/nbval_sanitize.cfg",
            *map(str, notebooks),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    total = time.perf_counter() - start
    ratio = total / floor
    status = "passed" if result.returncode == 0 else "FAILED"
    return [
        Row(f"nbval over {len(notebooks)} notebooks ({status})", f"{total:.1f} s", "—", result.returncode == 0),
        Row("floor: (kernel start + imports + first figures) × notebooks", f"{floor:.1f} s", "—", None),
        Row("nbval suite / floor", f"{ratio:.2f}", "≤ 1.5", ratio <= 1.5),
    ]


# ------------------------------------------------------------------------------------------- 4. memory
#: Peak resident memory of the kernel itself, in KB. Linux's VmHWM belongs to the process's own memory map;
#: ru_maxrss is not used because Linux carries it over from the parent through fork and exec (a kernel started
#: by a large benchmark process would report the benchmark's own size).
MEMORY_CELL = (
    "import re as _re, resource as _r\n"
    "try:\n"
    "    print(_re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
    "except OSError:\n"
    "    print(_r.getrusage(_r.RUSAGE_SELF).ru_maxrss)"
)


FLOOR_CELL = (
    "import pandas as pd\nimport ipywidgets\nimport plotly.graph_objects as go\n"
    "go.FigureWidget(go.Figure(go.Scatter(x=[0, 1], y=[0, 1])))"
)


def _kernel_peak_mb(nb: nbformat.NotebookNode, path: Path) -> float:
    """Peak resident memory (MB) of a fresh kernel that ran ``nb`` (with the memory cell appended)."""
    nb.cells.append(nbformat.v4.new_code_cell(MEMORY_CELL))
    NotebookClient(
        nb, kernel_name="python3", timeout=600, store_widget_state=False, resources={"metadata": {"path": str(path)}}
    ).execute()
    return int(nb.cells[-1].outputs[0]["text"].strip()) / 1024


def memory_rows() -> list[Row]:
    """Peak kernel memory after each lesson, against the floor: a kernel that imports pandas, plotly and
    ipywidgets and draws one FigureWidget (what any plotly + widgets notebook costs before the course's code)."""
    floor_nb = nbformat.v4.new_notebook()
    floor_nb.cells = [nbformat.v4.new_code_cell(FLOOR_CELL)]
    floor = _kernel_peak_mb(floor_nb, ROOT)
    rows = [
        Row(
            "floor: kernel memory after importing pandas, plotly, ipywidgets and one FigureWidget",
            f"{floor:.0f} MB",
            "—",
            None,
        )
    ]
    heaviest = 0.0
    for path in lesson_notebooks():
        peak_mb = _kernel_peak_mb(nbformat.read(path, as_version=4), path.parent)
        heaviest = max(heaviest, peak_mb)
        rows.append(Row(f"peak kernel memory after {path.stem}", f"{peak_mb:.0f} MB", "≤ 250 MB", peak_mb <= 250))
    rows.append(
        Row(
            "heaviest lesson's kernel / floor",
            f"{heaviest / floor:.2f} ({heaviest - floor:.0f} MB above it)",
            "—",
            None,
        )
    )
    return rows


# ------------------------------------------------------------------------------------------- 5. sizes
def size_rows() -> list[Row]:
    rows = []
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        kb = path.stat().st_size / 1000
        rows.append(Row(f"size of {path.relative_to(ROOT)}", f"{kb:.0f} KB", "≤ 500 KB", kb <= 500))
    html = BUILD / "html"
    if not html.exists():
        subprocess.run([sys.executable, "-m", "helpers.tooling", "html"], cwd=ROOT, check=False)
    if html.exists():
        mb = sum(p.stat().st_size for p in html.rglob("*") if p.is_file()) / 1e6
        rows.append(Row("offline HTML copy (build/html)", f"{mb:.1f} MB", "≤ 15 MB", mb <= 15))
    else:
        rows.append(Row("offline HTML copy (build/html)", "not built", "≤ 15 MB", False))
    return rows


# ------------------------------------------------------------------------------------------- 6. largest simulation
def simulation_rows() -> list[Row]:
    """Peak memory of a fresh Python process for each of the heaviest allowed uses, and the worst of them."""
    from tests.bench.worst_use import BUDGET_MB, USES, peak_mb

    rows, worst = [], ("", 0.0)
    for name, code in USES.items():
        mb = peak_mb(code)
        worst = max(worst, (name, mb), key=lambda pair: pair[1])
        rows.append(Row(f"peak memory: {name} (fresh process)", f"{mb:.0f} MB", f"≤ {BUDGET_MB} MB", mb <= BUDGET_MB))
    rows.append(Row(f"worst allowed use: {worst[0]}", f"{worst[1]:.0f} MB", f"≤ {BUDGET_MB} MB", worst[1] <= BUDGET_MB))
    return rows


# ------------------------------------------------------------------------------------------- 6. accessibility
def a11y_rows() -> list[Row]:
    """axe-core violations per surface, from the results the accessibility layer of `make test` wrote to
    build/a11y/ (critical and serious must be 0; moderate and minor are counted)."""
    from collections import Counter

    from tests import browser_support as bs

    results = sorted((BUILD / "a11y").glob("*.json"))
    if not results:
        return [Row("accessibility (axe-core)", "no results: run make test first", "0 serious", None)]
    by_surface: dict[str, Counter[str]] = {}
    pages: Counter[str] = Counter()
    for path in results:
        data = json.loads(path.read_text(encoding="utf-8"))
        surface = str(data["page"]).split("/")[0]
        pages[surface] += 1
        counts = by_surface.setdefault(surface, Counter())
        known = bs.LAB_KNOWN_RULES if surface.startswith("lab") else ()
        counts.update(
            "known" if v["rule"] in known and v["impact"] in bs.FAILING_IMPACTS else v["impact"]
            for v in data["violations"]
        )
    rows = []
    for surface, counts in sorted(by_surface.items()):
        serious = counts["critical"] + counts["serious"]
        if counts["known"]:
            rows.append(
                Row(
                    f"axe-core on {surface}: serious, upstream ({', '.join(bs.LAB_KNOWN_RULES)})",
                    str(counts["known"]),
                    "listed in README",
                    None,
                )
            )
        rows.append(
            Row(f"axe-core on {surface} ({pages[surface]} pages): critical + serious", str(serious), "0", serious == 0)
        )
        rows.append(
            Row(
                f"axe-core on {surface}: moderate / minor", f"{counts['moderate']} / {counts['minor']}", "counted", None
            )
        )
    return rows


def suite_layer(classname: str, file: str) -> str:
    """The test layer a test belongs to, from its junit classname and file."""
    from tests.xdist_groups import drives_a_browser

    if classname.startswith("notebooks") or file.endswith(".ipynb"):
        return "notebooks under nbval"
    if "test_hub" in file or "test_hub" in classname:
        return "real JupyterHub"
    if file.startswith("tests/"):
        path = file
    else:  # junit's classname is the module ("tests.test_x") or, for a test in a class, "tests.test_x.TestY"
        module = classname.replace(".", "/")
        path = module + ".py" if (ROOT / f"{module}.py").is_file() else module.rsplit("/", 1)[0] + ".py"
    if drives_a_browser(path):
        return "browser (JupyterLab, Voila, offline copy)"
    return "unit, property, data, apps"


def suite_rows() -> list[Row]:
    """The last `make test`'s time by layer, from the junit reports it wrote to build/test-results/.

    With pytest-xdist the layers run side by side, so the sum of a run's layers is more than its wall time.
    """
    import xml.etree.ElementTree as ET
    from collections import defaultdict

    rows = []
    for name, what in (("junit-main.xml", "make test, main run"), ("junit-baseline.xml", "make test, baseline nbval")):
        path = BUILD / "test-results" / name
        if not path.exists():
            rows.append(Row(f"{what}: time by layer", "no report: run make test first", "—", None))
            continue
        root = ET.parse(path).getroot()
        suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
        wall = sum(float(s.get("time", 0)) for s in suites)
        by_layer: dict[str, list[float]] = defaultdict(list)
        for case in root.iter("testcase"):
            layer = suite_layer(case.get("classname", ""), case.get("file", "") or "")
            by_layer[layer].append(float(case.get("time", 0)))
        rows.append(Row(f"{what}: wall time ({sum(map(len, by_layer.values()))} tests)", f"{wall:.0f} s", "—", None))
        for layer, times in sorted(by_layer.items()):
            rows.append(Row(f"{what}: {layer} ({len(times)} tests, summed)", f"{sum(times):.0f} s", "—", None))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--changes", type=int, default=60, help="control changes per app (≥ 50)")
    parser.add_argument("--presses", type=int, default=20, help="browser key presses (≥ 10)")
    parser.add_argument(
        "--only", nargs="*", choices=["server", "browser", "nbval", "memory", "sizes", "simulation", "a11y", "suite"]
    )
    args = parser.parse_args(argv)
    parts = {
        "server": lambda: server_rows(args.changes),
        "browser": lambda: browser_rows(args.presses),
        "nbval": nbval_rows,
        "memory": memory_rows,
        "sizes": size_rows,
        "simulation": simulation_rows,
        "a11y": a11y_rows,
        "suite": suite_rows,
    }
    rows: list[Row] = []
    for name in args.only or list(parts):
        print(f"measuring {name}...", file=sys.stderr, flush=True)
        rows.extend(parts[name]())
    machine = (
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores"
    )
    width = max(len(r.what) for r in rows)
    print(f"\nCourse benchmark ({machine}; {time.strftime('%Y-%m-%d')})\n")
    print(f"| {'measure'.ljust(width)} | value | budget | within |")
    print(f"| {'-' * width} | --- | --- | --- |")
    for r in rows:
        mark = "—" if r.ok is None else ("yes" if r.ok else "**NO**")
        print(f"| {r.what.ljust(width)} | {r.value} | {r.budget} | {mark} |")
    BUILD.mkdir(exist_ok=True)
    (BUILD / "bench.json").write_text(json.dumps({"machine": machine, "rows": [r.__dict__ for r in rows]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
