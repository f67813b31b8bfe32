"""A plain (non-editable) install of the course finds its tables.

``pip install .`` is what a Docker image, a wheel or a hub's user environment does. Before the tables shipped as
package data, such an install looked for them in ``site-packages/data`` and every table failed to load. Here the
course is installed with ``pip install --no-deps --target`` into a temporary folder and a fresh Python, started
outside the repository with only that folder on its path, loads every table the schemas know and the source text.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from helpers.paths import ROOT_DIR

_LOAD_EVERYTHING = r"""
import json, sys
import helpers, helpers.paths as paths
from helpers.schemas import SCHEMAS
from helpers.tables import load_table
from helpers.source import text as source_text
rows = {name: len(load_table(name)) for name in sorted(SCHEMAS)}
print(json.dumps({"helpers": helpers.__file__, "data_dir": str(paths.DATA_DIR), "rows": rows,
                  "source_chars": len(source_text())}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course installed non-editable (no dependencies: the test's own environment provides them)."""
    # Built from a copy, so the build never writes into the checkout (build/, *.egg-info).
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT_DIR / name, source / name)
    for folder in ("helpers", "data"):
        shutil.copytree(ROOT_DIR / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return target


def test_non_editable_install_loads_every_table(installed: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSAFEPATH")}
    # -I would drop the venv's site-packages too; -P and a foreign working folder keep the checkout off the path.
    env["PYTHONPATH"] = str(installed)
    done = subprocess.run(
        [sys.executable, "-P", "-c", _LOAD_EVERYTHING],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert Path(report["helpers"]).is_relative_to(installed), report["helpers"]
    assert Path(report["data_dir"]) == installed / "helpers" / "data"
    from helpers.schemas import SCHEMAS

    assert set(report["rows"]) == set(SCHEMAS)
    assert all(n > 0 for n in report["rows"].values()), report["rows"]
    assert report["source_chars"] > 1000


def test_every_data_file_ships(installed: Path) -> None:
    shipped = {p.name for p in (installed / "helpers" / "data").iterdir()}
    in_repo = {p.name for p in (ROOT_DIR / "data").iterdir() if p.is_file()}
    assert in_repo <= shipped, f"data files missing from the package: {sorted(in_repo - shipped)}"


def test_every_subpackage_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    found = {".".join(p.parent.relative_to(ROOT_DIR).parts) for p in (ROOT_DIR / "helpers").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"
    assert "helpers.data" in listed
