"""Course build commands behind the Makefile: ``execute``, ``html`` and ``present``.

Run as ``python -m helpers.build execute [NOTEBOOK ...]``, ``python -m helpers.build html [--out DIR]`` or
``python -m helpers.build present --host 127.0.0.1 --port 8888 [--allow-root]``.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.paths import NOTEBOOKS_DIR


def lesson_notebooks() -> list[Path]:
    """The course's notebooks in order: the numbered lessons, then the instructor guide if present."""
    lessons = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    guide = NOTEBOOKS_DIR / "instructor_guide.ipynb"
    return lessons + ([guide] if guide.exists() else [])


def execute_notebook(path: Path, timeout: int = 600) -> float:
    """Execute one notebook in place from a fresh kernel, in order, without widget state or timings.

    Returns the wall time in seconds.
    """
    os.environ.setdefault("PYTHONHASHSEED", "0")
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    before = path.read_text(encoding="utf-8")
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    after = nbformat.writes(nb) + "\n"
    if _without_model_ids(after) != _without_model_ids(before):  # leave the file alone when only ids differ
        path.write_text(after, encoding="utf-8")
    return elapsed


_MODEL_ID = re.compile(r'("model_id": )"[0-9a-f]{32}"')


def _without_model_ids(text: str) -> str:
    """Notebook text with widget model ids blanked: they are random per run, and nbval ignores them too."""
    return _MODEL_ID.sub(r'\1""', text)


def present(host: str, port: int, allow_root: bool = False) -> int:
    """Write the dashboards to build/dashboards and serve them with Voila until interrupted (Ctrl+C)."""
    from helpers import dashboards

    dashboards.write_dashboards(dashboards.DASHBOARD_DIR)
    token = secrets.token_hex(16)
    argv = dashboards.voila_argv(dashboards.DASHBOARD_DIR, host, port, token, allow_root)
    print("Serving the course's dashboards with Voila (Ctrl+C stops). Open:")
    print(f"    {dashboards.dashboard_url(host, port, token)}", flush=True)
    proc = subprocess.Popen(argv, env=dashboards.voila_env())

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.build")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("execute", help="re-execute notebooks in place from a clean kernel")
    ex.add_argument("notebooks", nargs="*", type=Path)
    ht = sub.add_parser("html", help="write an offline HTML copy of the course (default build/html)")
    ht.add_argument("--out", type=Path, default=None)
    pr = sub.add_parser("present", help="serve the interactive apps as Voila dashboards on 127.0.0.1")
    pr.add_argument("--host", default="127.0.0.1")
    pr.add_argument("--port", type=int, default=8888)
    pr.add_argument("--allow-root", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "html":
        from helpers import export

        report = export.build_html(args.out or export.HTML_DIR)
        print(report.describe())
        return 0
    if args.command == "present":
        return present(args.host, args.port, args.allow_root)
    if args.command == "execute":
        paths = args.notebooks or lesson_notebooks()
        for path in paths:
            seconds = execute_notebook(path)
            print(f"executed {path} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
