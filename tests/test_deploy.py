"""What CI can check of the deployments without a cluster: the Z2JH values, repo2docker's Dockerfile, the hub pieces.

- deploy/z2jh/values.yaml uses only keys the chart defines, with the types it expects: checked against
  deploy/z2jh/chart_schema_subset.json, a transcription of the chart's values.schema.yaml (its source and commit
  are inside it), and against the choices the course depends on (lesson 00, pinned image, course outside home).
- ``jupyter-repo2docker --no-build`` (pinned, in .venv/tools/repo2docker) reads the repository and writes the
  Dockerfile that would build the image: conda environment from environment.yml, Python 3.11.
- The trial hub's pieces: a root hub without consent is refused in one plain sentence; the course copy never
  overwrites a student's notebook.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
Z2JH = ROOT / "deploy" / "z2jh"
REPO2DOCKER = ROOT / ".venv" / "tools" / "repo2docker" / "bin" / "jupyter-repo2docker"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

sys.path.insert(0, str(ROOT / "deploy"))
import sciatica_hub  # noqa: E402


def _values() -> dict:
    return yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8"))


def _subset() -> dict:
    return json.loads((Z2JH / "chart_schema_subset.json").read_text(encoding="utf-8"))


def test_values_use_only_keys_the_chart_defines() -> None:
    errors = [
        f"{'.'.join(map(str, e.path))}: {e.message}"
        for e in jsonschema.Draft7Validator(_subset()).iter_errors(_values())
    ]
    assert not errors, errors


def test_the_schema_check_catches_a_misspelt_key() -> None:
    values = _values()
    values["singleuser"]["memroy"] = values["singleuser"].pop("memory")
    values["cull"]["timout"] = 60
    messages = " ".join(e.message for e in jsonschema.Draft7Validator(_subset()).iter_errors(values))
    assert "memroy" in messages and "timout" in messages


def test_transcription_names_its_source() -> None:
    comment = _subset()["$comment"]
    assert "zero-to-jupyterhub-k8s" in comment and "4.4.0" in comment and "commit" in comment


def test_values_make_the_course_choices() -> None:
    values = _values()
    user = values["singleuser"]
    assert user["defaultUrl"] == sciatica_hub.DEFAULT_URL
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert user["image"]["tag"] == version, "the image tag is the course version (never latest)"
    hook = " ".join(user["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert "/srv/repo/notebooks" in hook and "cp -n" in hook, "lessons copied from outside the home, never over a file"
    assert user["memory"]["guarantee"] == "400M" and user["memory"]["limit"] == "1G"
    assert values["cull"]["enabled"] and values["scheduling"]["userPlaceholder"]["enabled"]


@pytest.fixture(scope="module")
def dockerfile() -> str:
    if not REPO2DOCKER.exists():
        message = f"{REPO2DOCKER} missing: run `make repo2docker`"
        if IN_CI:
            pytest.fail(message + " — CI must run repo2docker --no-build", pytrace=False)
        pytest.skip(message)
    done = subprocess.run(
        [
            str(REPO2DOCKER),
            "--no-build",
            "--no-run",
            "--user-name",
            "jovyan",
            "--target-repo-dir",
            "/srv/repo",
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Building conda environment for python=3.11" in done.stderr, done.stderr[-2000:]
    return done.stdout


def test_repo2docker_reads_the_repository(dockerfile: str) -> None:
    assert dockerfile.startswith("FROM ") or "\nFROM " in dockerfile
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile
    assert "ARG REPO_DIR" in dockerfile  # --target-repo-dir is applied through this build argument


def test_root_hub_needs_consent() -> None:
    assert sciatica_hub.root_args(1000, allow_root=False) == []
    assert sciatica_hub.root_args(0, allow_root=True) == ["--allow-root"]
    with pytest.raises(PermissionError, match="SCIATICA_HUB_ALLOW_ROOT=1"):
        sciatica_hub.root_args(0, allow_root=False)


def test_course_copy_never_overwrites_a_students_notebook(tmp_path: Path) -> None:
    source = tmp_path / "course"
    source.mkdir()
    (source / "00_start_here.ipynb").write_text("course")
    (source / "01_what_is_sciatica.ipynb").write_text("course")
    home = tmp_path / "home"
    home.mkdir()
    (home / "00_start_here.ipynb").write_text("my work")
    assert sciatica_hub.copy_course(source, home) == ["01_what_is_sciatica.ipynb"]
    assert (home / "00_start_here.ipynb").read_text() == "my work"
    assert sciatica_hub.copy_course(source, home) == []
    with pytest.raises(ValueError, match="source"):
        sciatica_hub.copy_course(tmp_path / "nowhere", home)
