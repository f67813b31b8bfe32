"""`make lab` as a student meets it: JupyterLab on 127.0.0.1, token required, clear words when run as root."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import browser_support as bs

ROOT = Path(__file__).resolve().parent.parent
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _non_loopback_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 1))  # no packet is sent for a UDP connect
            address = sock.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


@pytest.mark.timeout(180)
def test_make_lab_binds_localhost_and_requires_the_token(tmp_path: Path) -> None:
    port = bs.free_port()
    env = bs.jupyter_env(tmp_path)
    env["BROWSER"] = "true"  # do not try to open a browser window
    args = ["make", "--no-print-directory", "lab", f"PORT={port}"] + (["ALLOW_ROOT=1"] if IS_ROOT else [])
    proc = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        runtime = Path(env["JUPYTER_RUNTIME_DIR"])
        info = None
        deadline = time.monotonic() + 120
        while info is None and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "make lab exited"
            files = sorted(runtime.glob("jpserver-*.json"))
            info = json.loads(files[0].read_text()) if files else None
            if info is None:
                try:  # wait for the next look, or for make to exit (checked above)
                    proc.wait(timeout=0.5)
                except subprocess.TimeoutExpired:
                    pass
        assert info is not None, "JupyterLab did not start within 120 s"
        assert info["port"] == port and info["token"], "the token must be on"
        base = f"http://127.0.0.1:{port}"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/api/contents", timeout=10)
        assert refused.value.code == 403
        with urllib.request.urlopen(f"{base}/api/contents?token={info['token']}", timeout=10) as resp:
            names = {item["name"] for item in json.load(resp)["content"]}
        assert "00_start_here.ipynb" in names, "make lab must serve the course's notebooks"
        # anywidget's front end comes from the patched copy: a figure's code may take longer than 2 s to load
        served = "".join(
            urllib.request.urlopen(f"{base}/lab/extensions/anywidget/static/{js.name}?token={info['token']}")
            .read()
            .decode()
            for js in (ROOT / "build" / "lab-labextensions" / "anywidget" / "static").glob("*.js")
        )
        assert "AbortSignal.timeout(600000)" in served and "AbortSignal.timeout(2000)" not in served
        assert info["root_dir"].rstrip("/").endswith("notebooks")
        other = _non_loopback_address()
        if other is not None:
            with pytest.raises(OSError):
                socket.create_connection((other, port), timeout=3).close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_make_lab_as_root_explains_itself(tmp_path: Path) -> None:
    """Pretend to be root (a fake `id` on PATH), so the check runs whoever runs the tests."""
    fake = tmp_path / "id"
    fake.write_text("#!/bin/sh\necho 0\n")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}", "ALLOW_ROOT": ""}
    out = subprocess.run(
        ["make", "--no-print-directory", "check-root"], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert out.returncode != 0
    assert "Jupyter refuses to start as root" in out.stdout and "ALLOW_ROOT=1" in out.stdout
    env["ALLOW_ROOT"] = "1"
    allowed = subprocess.run(
        ["make", "--no-print-directory", "check-root", "ALLOW_ROOT=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert allowed.returncode == 0, allowed.stdout
