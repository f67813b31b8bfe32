"""A real JupyterHub for tests: start it on loopback, log students in over HTTP, run code in their kernels, stop it.

:class:`Hub` starts ``jupyterhub -f deploy/jupyterhub_config.py`` (the configuration ``make hub`` uses) with the
pinned configurable-http-proxy, in a fresh folder under /tmp, on free ports of 127.0.0.1. :meth:`Hub.student` logs a
student in through the login form (the same requests a browser sends) and gives a :class:`Student`, whose
:meth:`Student.start` asks the hub for their server and :meth:`Student.run` runs code in a kernel of that server over
its WebSocket, returning what the code printed. :meth:`Hub.stop` ends the hub, which stops every server it spawned.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
import websocket

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
PROXY = ROOT / ".venv" / "tools" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
SINGLEUSER = "jupyterhub.singleuser"


def free_port_block(size: int = 3) -> int:
    """A port ``p`` of 127.0.0.1 such that ``p`` .. ``p + size - 1`` are free now (public, proxy API, hub)."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + size > 65535:
            continue
        try:
            holders = []
            for port in range(base, base + size):
                s = socket.socket()
                holders.append(s)
                s.bind(("127.0.0.1", port))
        except OSError:
            continue
        finally:
            for s in holders:
                s.close()
        return base
    raise RuntimeError("no block of free ports on 127.0.0.1")


class HubError(AssertionError):
    """The hub or a student's server did not do what the test asked (the message says what and shows the log)."""


@dataclass
class Student:
    """A logged-in student: their own HTTP session (cookies) and, once asked for, an API token."""

    hub: Hub
    name: str
    client: httpx.Client
    token: str = ""
    kernel_id: str = ""
    _ws: Any = field(default=None, repr=False)

    # ------------------------------------------------------------------------------------------------ hub API
    def _xsrf(self) -> str:
        return self.client.cookies.get("_xsrf", path="/hub/") or self.client.cookies.get("_xsrf") or ""

    def api(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Call the hub's REST API with this student's login cookie (and the XSRF header the hub requires)."""
        headers = {"X-XSRFToken": self._xsrf(), **kwargs.pop("headers", {})}
        return self.client.request(method, f"{self.hub.url}/hub/api{path}", headers=headers, **kwargs)

    def make_token(self) -> str:
        """An API token of this student's own, asked for with their login cookie."""
        reply = self.api("POST", f"/users/{self.name}/tokens", json={"note": "hub test", "expires_in": 600})
        if reply.status_code != 201:
            raise HubError(f"{self.name}: token request answered {reply.status_code}: {reply.text[:300]}")
        self.token = reply.json()["token"]
        return self.token

    def start(self, timeout: float = 120) -> None:
        """Ask the hub for this student's server and wait until it answers through the proxy."""
        reply = self.api("POST", f"/users/{self.name}/server")
        if reply.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(
                f"{self.name}: spawn answered {reply.status_code}: {reply.text[:300]}\n{self.hub.log_tail()}"
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self.api("GET", f"/users/{self.name}")
            if reply.status_code != 200 or not reply.headers.get("content-type", "").startswith("application/json"):
                time.sleep(0.5)  # a busy hub may answer a poll late or with an error page: ask again
                continue
            model = reply.json()
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            if not server.get("pending") and not server.get("ready"):
                raise HubError(f"{self.name}: the server stopped while starting\n{self.hub.log_tail()}")
            time.sleep(0.5)
        raise HubError(f"{self.name}: server not ready after {timeout:.0f} s\n{self.hub.log_tail()}")

    # ------------------------------------------------------------------------------------------------ server
    def server_get(self, owner: str, path: str, *, token: str | None = None, cookie: bool = False) -> httpx.Response:
        """GET ``/user/<owner>/<path>`` with a token (``Authorization``) or with this student's browser cookies."""
        url = f"{self.hub.url}/user/{owner}/{path}"
        if cookie:
            return self.client.get(url, follow_redirects=True)
        return httpx.get(url, headers={"Authorization": f"token {token or self.token}"}, follow_redirects=False)

    def run(self, code: str, timeout: float = 60) -> str:
        """Run ``code`` in this student's kernel (started on first use) and return what it printed.

        Raises :class:`HubError` with the traceback when the code fails.
        """
        token = self.token or self.make_token()
        headers = {"Authorization": f"token {token}"}
        base = f"{self.hub.url}/user/{self.name}"
        if not self.kernel_id:
            reply = httpx.post(f"{base}/api/kernels", headers=headers, json={"name": "python3"}, timeout=60)
            if reply.status_code != 201:
                raise HubError(f"{self.name}: kernel start answered {reply.status_code}: {reply.text[:300]}")
            self.kernel_id = reply.json()["id"]
            ws_url = base.replace("http://", "ws://") + f"/api/kernels/{self.kernel_id}/channels"
            self._ws = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"], timeout=timeout)
        msg_id = uuid.uuid4().hex
        self._ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "username": self.name,
                        "session": self.kernel_id,
                        "msg_type": "execute_request",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {"code": code, "silent": False, "store_history": False, "allow_stdin": False},
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        printed: list[str] = []
        error = ""
        reply: dict[str, Any] | None = None
        idle = False
        deadline = time.monotonic() + timeout
        # The reply (shell channel) and the output (iopub) travel apart: wait for the reply and for iopub's idle.
        while time.monotonic() < deadline and not (reply is not None and idle):
            frame = self._ws.recv()
            if isinstance(frame, bytes):
                continue  # a message with binary buffers (widget comms): never the output we wait for
            msg = json.loads(frame)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "error":
                error = "\n".join(re.sub(r"\x1b\[[0-9;]*m", "", line) for line in content["traceback"])
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "execute_reply":
                reply = content
        if reply is not None and idle:
            if reply["status"] != "ok":
                raise HubError(f"{self.name}: code failed in their kernel:\n{error or reply}")
            return "".join(printed)
        raise HubError(f"{self.name}: no reply from the kernel in {timeout:.0f} s")

    def close(self) -> None:
        """Close the kernel connection and the HTTP session (the hub stops the servers)."""
        if self._ws is not None:
            with contextlib.suppress(Exception):
                self._ws.close()
        self.client.close()


class Hub:
    """A JupyterHub started from ``deploy/jupyterhub_config.py`` in a folder of its own, on loopback."""

    def __init__(self, *, users: tuple[str, ...] = ("student-a", "student-b"), env: dict[str, str] | None = None):
        if not PROXY.exists():
            raise FileNotFoundError(
                f"{PROXY} is missing: run `make proxy` (needs Node.js and npm; .ci/run installs them)"
            )
        # A short folder: kernels on ipc put Unix sockets in each home, and a socket path must stay under 108 bytes.
        self.dir = Path(tempfile.mkdtemp(prefix="hub-", dir="/tmp"))
        self.port = free_port_block()
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_urlsafe(12)
        self.users = users
        self.students: dict[str, Student] = {}
        self.extra_env = dict(env or {})
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = self.dir / "hub.log"

    # ------------------------------------------------------------------------------------------------ life
    def start(self, timeout: float = 60) -> Hub:
        """Start the hub and wait until its API answers through the proxy."""
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("JUPYTER", "SCIATICA_")) and k not in ("PYTHONPATH", "XDG_DATA_HOME")
        }
        env.update(
            SCIATICA_HUB_DIR=str(self.dir),
            SCIATICA_HUB_PASSWORD=self.password,
            SCIATICA_HUB_USERS=",".join(self.users),
            SCIATICA_HUB_PORT=str(self.port),
            SCIATICA_HUB_PROXY=str(PROXY),
            SCIATICA_HUB_ALLOW_ROOT="1",  # CI runs as root, inside its own machine
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        )
        env.update(self.extra_env)
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
            cwd=self.dir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubError(f"the hub exited with {self.process.returncode}\n{self.log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return self
            time.sleep(0.3)
        raise HubError(f"the hub did not answer in {timeout:.0f} s\n{self.log_tail()}")

    def stop(self, timeout: float = 30) -> None:
        """Stop every student's connection and the hub (which stops their servers and the proxy)."""
        for student in self.students.values():
            student.close()
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)

    def remove(self) -> None:
        """Delete the hub's folder (the test's own temporary folder, never a student's real work)."""
        shutil.rmtree(self.dir, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the hub's log, for error messages."""
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def leftovers(self) -> list[str]:
        """Processes of this hub (hub, proxy, servers, kernels) still alive: their command lines."""
        found = []
        for proc in psutil.process_iter(["cmdline", "environ"]):
            with contextlib.suppress(psutil.Error):
                cmd = " ".join(proc.info["cmdline"] or [])
                environ = proc.info["environ"] or {}
                if (
                    str(self.dir) in cmd
                    or environ.get("SCIATICA_HUB_DIR") == str(self.dir)
                    or str(self.dir) in environ.get("HOME", "")
                ):
                    found.append(f"{proc.pid}: {cmd[:160]}")
        return found

    # ------------------------------------------------------------------------------------------------ people
    def home(self, name: str) -> Path:
        """The student's home folder on this machine."""
        return self.dir / "homes" / name

    def login(self, name: str, password: str | None = None) -> httpx.Response:
        """Post the login form as a browser does (XSRF token from the form); returns the final response."""
        client = httpx.Client(timeout=30)
        form = client.get(f"{self.url}/hub/login")
        match = re.search(r'name="_xsrf"\s+value="([^"]+)"', form.text)
        data = {"username": name, "password": self.password if password is None else password}
        if match:
            data["_xsrf"] = match.group(1)
        reply = client.post(f"{self.url}/hub/login", data=data, follow_redirects=False)
        reply.extensions["client"] = client
        return reply

    def student(self, name: str) -> Student:
        """Log ``name`` in (once) and return them as a :class:`Student` with a server running."""
        if name not in self.students:
            reply = self.login(name)
            client = reply.extensions["client"]
            if reply.status_code != 302:
                raise HubError(f"{name}: login answered {reply.status_code}\n{self.log_tail()}")
            student = Student(self, name, client)
            student.start()
            student.make_token()
            self.students[name] = student
        return self.students[name]

    def server_process(self, name: str) -> psutil.Process:
        """The student's Jupyter server process (a child of the hub)."""
        assert self.process is not None
        for child in psutil.Process(self.process.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if SINGLEUSER in " ".join(child.cmdline()) and child.environ().get("JUPYTERHUB_USER") == name:
                    return child
        raise HubError(f"{name}: no server process found")
