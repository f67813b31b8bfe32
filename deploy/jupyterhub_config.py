"""JupyterHub configuration for a trial class on one machine: ``make hub``, and the hub test (tests/test_hub.py).

Everything listens on 127.0.0.1. Students log in with one shared password (JupyterHub's built-in
SharedPasswordAuthenticator; a real class uses the hub's own authenticator, see deploy/tljh and deploy/z2jh), get a
server of their own (deploy/sciatica_hub.py: own home folder, course notebooks copied in, kernels on Unix sockets)
that opens lesson 00 in JupyterLab. Settings come from the environment:

==========================  =====================================================================================
SCIATICA_HUB_DIR            folder for the hub's database, cookie secret and the students' homes (required)
SCIATICA_HUB_PASSWORD       the shared password, at least 8 characters (required)
SCIATICA_HUB_USERS          comma-separated student names allowed to log in (default: student-a,student-b)
SCIATICA_HUB_PORT           the public port on 127.0.0.1 (default 8000); the proxy's API and the hub use the next two
SCIATICA_HUB_PROXY          the configurable-http-proxy program (default: .venv/tools/proxy/... from make)
SCIATICA_HUB_ALLOW_ROOT     1 lets a hub started as root run the servers as root (a container you trust)
SCIATICA_CLASS_DIR          the class folder for shared answers, passed to every student's server
==========================  =====================================================================================
"""

# ruff: noqa: F821  (get_config is provided by JupyterHub when it reads this file)
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sciatica_hub import DEFAULT_URL, REPO_DIR, root_args

c = get_config()


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise SystemExit(f"deploy/jupyterhub_config.py: set {name} (see the table at the top of this file)")
    return value


hub_dir = Path(_required("SCIATICA_HUB_DIR")).resolve()
hub_dir.mkdir(parents=True, exist_ok=True)
port = int(os.environ.get("SCIATICA_HUB_PORT", "8000"))
users = [u.strip() for u in os.environ.get("SCIATICA_HUB_USERS", "student-a,student-b").split(",") if u.strip()]
try:
    root_args(os.geteuid(), os.environ.get("SCIATICA_HUB_ALLOW_ROOT") == "1")
except PermissionError as refusal:
    raise SystemExit(str(refusal)) from None

# -- network: loopback only; the proxy's API and the hub itself on the two ports after the public one
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = port + 2
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 1}"
c.ConfigurableHTTPProxy.command = [
    os.environ.get("SCIATICA_HUB_PROXY", str(REPO_DIR / ".venv/tools/proxy/node_modules/.bin/configurable-http-proxy"))
]
c.ConfigurableHTTPProxy.pid_file = str(hub_dir / "proxy.pid")

# -- state kept in the hub's folder
c.JupyterHub.db_url = f"sqlite:///{hub_dir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(hub_dir / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(hub_dir / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server
c.JupyterHub.cleanup_proxy = True

# -- who may log in: one shared password for a trial (never for a real class)
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = _required("SCIATICA_HUB_PASSWORD")
c.Authenticator.allowed_users = set(users)

# -- each student's server
c.JupyterHub.spawner_class = "sciatica_hub.CourseSpawner"
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = DEFAULT_URL
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 90
c.CourseSpawner.home_dir_template = str(hub_dir / "homes" / "{username}")
# Every student's JupyterLab serves anywidget's front end with a longer load budget: with anywidget's own 2 s, a
# plotly FigureWidget whose 5 MB code loads late (a busy server, a slow laptop) stops redrawing for good.
from helpers.tooling import dashboards  # noqa: E402  (the hub runs in the course's environment)

c.CourseSpawner.labextensions_dir = str(dashboards.patch_anywidget(hub_dir / "labextensions"))
