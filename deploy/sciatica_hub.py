"""The course's JupyterHub pieces for a trial hub on one machine (read by ``deploy/jupyterhub_config.py``).

:class:`CourseSpawner` starts each student's Jupyter server as a process of the user who runs the hub, with its own
home folder under the hub's folder: the course notebooks are copied in (never over a student's own copy), the
server listens on 127.0.0.1 only, its kernels talk over Unix sockets (``ipc``, no TCP ports) and it opens lesson 00
in JupyterLab. It is for trial runs and tests. The servers run as one operating-system user, so a student's
*kernel* could read another student's files: a real class uses The Littlest JupyterHub (one system user per
student) or Zero to JupyterHub (one container and volume per student), see ``deploy/tljh`` and ``deploy/z2jh``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from jupyterhub.spawner import SimpleLocalProcessSpawner
from traitlets import Bool, Unicode

REPO_DIR: Path = Path(__file__).resolve().parent.parent
#: The page every student's server opens on.
DEFAULT_URL = "/lab/tree/00_start_here.ipynb"
#: Set to 1 to let a hub started by root run the students' servers as root (inside a container you trust).
ALLOW_ROOT_ENV = "SCIATICA_HUB_ALLOW_ROOT"
#: The class folder of the class-results step, handed to every student's server when set.
CLASS_DIR_ENV = "SCIATICA_CLASS_DIR"

ROOT_REFUSAL = (
    "The trial hub is running as root, so every student's Jupyter server would run as root too, and Jupyter "
    "refuses that. Start the hub as an ordinary user, or inside a container you trust set "
    f"{ALLOW_ROOT_ENV}=1 (make hub ALLOW_ROOT=1). A real class needs real accounts: see deploy/tljh/README.md."
)


def root_args(euid: int, allow_root: bool) -> list[str]:
    """The extra server arguments for a hub run by user ``euid``; raises a plain error for root without consent.

    Parameters
    ----------
    euid : int
        The effective user id of the hub process (0 is root).
    allow_root : bool
        Whether the operator said, with ``SCIATICA_HUB_ALLOW_ROOT=1``, that root is acceptable here.

    Raises
    ------
    PermissionError
        If ``euid`` is 0 and ``allow_root`` is false (JupyterHub would otherwise answer the spawn with a bare 500).
    """
    if euid != 0:
        return []
    if not allow_root:
        raise PermissionError(ROOT_REFUSAL)
    return ["--allow-root"]


def copy_course(source: Path, home: Path) -> list[str]:
    """Copy the course notebooks from ``source`` into ``home``, skipping every file the student already has.

    Parameters
    ----------
    source : Path
        The folder of the course notebooks (``notebooks/`` of the repository).
    home : Path
        The student's home folder; created when missing.

    Returns
    -------
    list of str
        The names of the notebooks copied this time (empty when the student has them all).
    """
    if not source.is_dir():
        raise ValueError(f"source: {source} is not a folder of course notebooks")
    home.mkdir(parents=True, exist_ok=True)
    copied = []
    for notebook in sorted(source.glob("*.ipynb")):
        target = home / notebook.name
        if target.exists():
            continue  # a student's work is never overwritten
        shutil.copyfile(notebook, target)
        copied.append(notebook.name)
    return copied


class CourseSpawner(SimpleLocalProcessSpawner):
    """A student's server on this machine: own home folder, course notebooks, loopback, ``ipc`` kernels."""

    course_dir = Unicode(str(REPO_DIR / "notebooks"), help="Folder of the course notebooks.").tag(config=True)
    allow_root = Bool(os.environ.get(ALLOW_ROOT_ENV) == "1", help="Run servers as root (containers).").tag(config=True)
    labextensions_dir = Unicode(
        "",
        help="A labextensions folder served first (anywidget's front end with a longer load budget: "
        "helpers.tooling.dashboards.patch_anywidget); empty for none.",
    ).tag(config=True)

    def get_env(self) -> dict[str, str]:
        """The server's environment: JupyterHub's, plus a short runtime folder and the class folder when set."""
        env = super().get_env()
        # Kernels on ipc put their sockets in the runtime folder; a Unix socket path must stay under 108 bytes.
        env["JUPYTER_RUNTIME_DIR"] = str(Path(self.home_dir) / ".run")
        class_dir = os.environ.get(CLASS_DIR_ENV, "").strip()
        if class_dir:
            env[CLASS_DIR_ENV] = class_dir
        return env

    def get_args(self) -> list[str]:
        """The server's arguments: ``--allow-root`` only with consent, kernels on ``ipc``, the patched anywidget
        front end when :attr:`labextensions_dir` is set, then JupyterHub's own."""
        extensions = [f"--LabApp.extra_labextensions_path={self.labextensions_dir}"] if self.labextensions_dir else []
        return [
            *root_args(os.geteuid(), self.allow_root),
            "--KernelManager.transport=ipc",
            *extensions,
            *super().get_args(),
        ]

    async def start(self) -> tuple[str, int]:
        """Copy the course into the student's home (never over their files), then start their server."""
        self.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
        copy_course(Path(self.course_dir), Path(self.home_dir))
        return await super().start()
