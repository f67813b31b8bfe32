"""The Littlest JupyterHub: the course's settings, copied to /opt/tljh/config/jupyterhub_config.d/sciatica.py.

TLJH reads every file in that folder after its own configuration (``sudo tljh-config reload`` applies it).
Each student's server, at every start, copies the lessons from the shared read-only copy of the course
(/srv/sciatica-course, see README.md) into ``~/sciatica`` with ``cp -n`` (never over a file the student has),
then starts as usual and opens lesson 00 in JupyterLab. Memory limit and idle culling are set with tljh-config.
"""

# ruff: noqa: F821  (c is provided by JupyterHub when it reads this file)

COURSE = "/srv/sciatica-course"
USER_ENV = "/opt/tljh/user/bin"

c.Spawner.cmd = [
    "/bin/sh",
    "-c",
    f'mkdir -p "$HOME/sciatica" && cp -n {COURSE}/notebooks/*.ipynb "$HOME/sciatica/" 2>/dev/null; '
    f'exec {USER_ENV}/jupyterhub-singleuser "$@"',
    "sciatica-start",
]
c.Spawner.default_url = "/lab/tree/sciatica/00_start_here.ipynb"
# The class-results step: a folder every student may write to and the instructor reads.
c.Spawner.environment = {"SCIATICA_CLASS_DIR": "/srv/sciatica-class"}
