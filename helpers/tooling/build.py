"""Course build commands behind the Makefile: ``execute``, ``html`` and ``present``.

Run as ``python -m helpers.tooling execute [NOTEBOOK ...]``, ``python -m helpers.tooling html [--out DIR]`` or
``python -m helpers.tooling present --host 127.0.0.1 --port 8888 [--allow-root]``; ``class-folder DIR`` and
``class-results DIR [--out OUT]`` are the instructor's side of anonymous sharing (:mod:`helpers.tooling.class_results`).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.paths import NOTEBOOKS_DIR
from helpers.tooling.outdir import OutputFolderRefused


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


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class HostRefused(ValueError):
    """The address asked for cannot be served on; the message is one plain sentence."""


def check_host(host: str, port: int) -> str:
    """Check that a server can listen on ``host:port``; return a warning for a non-local address, else ``""``.

    Parameters
    ----------
    host : str
        An address of this computer: ``127.0.0.1`` (the default), ``localhost``, or another interface's address
        or name (the server is then reachable from other computers).
    port : int
        TCP port, 1–65535.

    Raises
    ------
    HostRefused
        When the port is out of range, the name does not resolve, or nothing can listen there.
    """
    if not 1 <= port <= 65535:
        raise HostRefused(f"PORT={port} is not a port number: use a number from 1 to 65535, e.g. PORT=8888.")
    if not host or any(ch.isspace() for ch in host):
        raise HostRefused(f"HOST={host!r} is not an address: use 127.0.0.1 (the default) or this computer's address.")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise HostRefused(
            f"HOST={host} is not an address this computer knows: use 127.0.0.1 (the default) or one of its own "
            "addresses."
        ) from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as err:
            raise HostRefused(
                f"Cannot listen on {host} port {port} ({err.strerror or err}): use 127.0.0.1 (the default), one of "
                "this computer's own addresses, or another PORT."
            ) from None
    if host in LOOPBACK_HOSTS or str(address[0]).startswith("127."):
        return ""
    return (
        f"Note: serving on {host}, so other computers on the network can reach this server. The token in the "
        "address below is then the only protection: share it only with the people who should use it."
    )


def present(host: str, port: int, allow_root: bool = False) -> int:
    """Write the dashboards to build/dashboards and serve them with Voila until interrupted (Ctrl+C)."""
    from helpers.tooling import dashboards

    warning = check_host(host, port)
    if warning:
        print(warning, flush=True)
    dashboards.write_dashboards(dashboards.DASHBOARD_DIR)
    token = secrets.token_hex(16)
    labextensions = dashboards.patch_anywidget()
    argv = dashboards.voila_argv(dashboards.DASHBOARD_DIR, host, port, token, allow_root, labextensions=labextensions)
    print("Starting Voila (Ctrl+C stops) ...", flush=True)
    proc = subprocess.Popen(argv, env=dashboards.voila_env())
    if dashboards.wait_until_serving(proc, host, port, token):  # print the address only once it answers
        print("Serving the course's dashboards. Open:")
        print(f"    {dashboards.dashboard_url(host, port, token)}")
        print("(each dashboard starts its own Python the first time it opens: allow about 15–30 s)", flush=True)

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
    """Run one command; a refused folder or address prints one plain sentence on stderr and returns 2."""
    parser = argparse.ArgumentParser(prog="python -m helpers.tooling")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("execute", help="re-execute notebooks in place from a clean kernel")
    ex.add_argument("notebooks", nargs="*", type=Path)
    ht = sub.add_parser("html", help="write an offline HTML copy of the course (default build/html)")
    ht.add_argument("--out", type=Path, default=None)
    pr = sub.add_parser("present", help="serve the interactive apps as Voila dashboards (default on 127.0.0.1)")
    pr.add_argument("--host", default="127.0.0.1")
    pr.add_argument("--port", type=int, default=8888)
    pr.add_argument("--allow-root", action="store_true")
    kt = sub.add_parser("kit", help="printable poll/exit cards and pre-rendered demo states (default build/kit)")
    kt.add_argument("--out", type=Path, default=None)
    le = sub.add_parser(
        "lab-extensions", help="anywidget's front end with a longer load budget, for JupyterLab (make lab runs it)"
    )
    le.add_argument("--out", type=Path, default=None)
    ch = sub.add_parser("check-host", help="check that a server can listen on HOST:PORT (make lab runs it)")
    ch.add_argument("--host", default="127.0.0.1")
    ch.add_argument("--port", type=int, default=8888)
    cf = sub.add_parser("class-folder", help="create the class's anonymous drop folder (mode 1733)")
    cf.add_argument("folder", type=Path)
    cr = sub.add_parser("class-results", help="execute the class-results notebook against a class folder")
    cr.add_argument("folder", type=Path)
    cr.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.command in ("class-folder", "class-results"):  # the instructor's side of sharing
        from helpers.tooling import class_results as class_tool

        try:
            if args.command == "class-folder":
                print(class_tool.make_folder(args.folder))
                return 0
            done = class_tool.run(args.folder, args.out)
        except (ValueError, OutputFolderRefused) as err:
            print(err, file=sys.stderr)
            return 2
        print(f"{done.message}\nexecuted {done.notebook} in {done.seconds:.1f} s")
        return 0
    try:
        if args.command == "html":
            from helpers.tooling import export

            report = export.build_html(args.out or export.HTML_DIR)
            print(report.describe())
            return 0
        if args.command == "kit":
            from helpers.tooling import kit

            kit_report = kit.write_kit(args.out or kit.KIT_DIR)
            print(
                f"wrote {kit_report.out_dir}: cards.html (print it) and demo_states.html "
                f"({kit_report.states} demo states)"
            )
            return 0
        if args.command == "present":
            return present(args.host, args.port, args.allow_root)
        if args.command == "lab-extensions":
            from helpers.tooling import dashboards

            print(dashboards.patch_anywidget(args.out or dashboards.LAB_LABEXTENSIONS))
            return 0
        if args.command == "check-host":
            warning = check_host(args.host, args.port)
            if warning:
                print(warning)
            return 0
    except (HostRefused, OutputFolderRefused) as err:
        print(err, file=sys.stderr)
        return 2
    if args.command == "execute":
        paths = args.notebooks or lesson_notebooks()
        for path in paths:
            seconds = execute_notebook(path)
            print(f"executed {path} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
