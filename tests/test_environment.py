"""environment.yml (conda/Binder) and pyproject.toml (pip) pin the same versions; the Makefile keeps its contract."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _pip_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {}
    for dep in project["dependencies"]:
        name, _, version = dep.partition("==")
        assert version, f"pyproject.toml: {dep!r} is not pinned with =="
        pins[name.lower()] = version
    return pins


def _conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["name"] and env["channels"] == ["conda-forge"]
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "=" in dep:
            name, _, version = dep.partition("=")
            pins[name.lower()] = version
    return pins


def test_conda_and_pip_pins_agree() -> None:
    pip, conda = _pip_pins(), _conda_pins()
    for name, version in pip.items():
        assert conda.get(name) == version, f"environment.yml pins {name}={conda.get(name)}, pyproject.toml {version}"
    assert set(conda) - set(pip) == {"python"}, f"environment.yml pins packages pyproject.toml does not: {conda}"


def test_environment_installs_the_package_with_pip() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_sections = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert pip_sections == [{"pip": ["-e ."]}]


def test_every_environment_line_says_what_needs_it() -> None:
    lines = [ln for ln in (ROOT / "environment.yml").read_text().splitlines() if ln.strip().startswith("- ")]
    assert lines and all("#" in ln for ln in lines if not ln.strip().endswith(":")), "each dependency needs a comment"


def test_constraints_lock_agrees_with_the_pins() -> None:
    lock = {}
    for line in (ROOT / ".ci" / "constraints.txt").read_text().splitlines():
        if "==" in line:
            name, _, version = line.partition("==")
            lock[re.sub(r"[-_.]+", "-", name.lower())] = version.strip()
    for name, version in _pip_pins().items():
        assert lock.get(re.sub(r"[-_.]+", "-", name)) == version, f".ci/constraints.txt disagrees on {name}"


def test_makefile_targets_and_local_binding() -> None:
    text = (ROOT / "Makefile").read_text()
    for target in ("lab", "test", "execute", "html", "present", "bench", "clean"):
        assert re.search(rf"^{target}:", text, re.M), f"Makefile lacks the `{target}` target"
    assert "HOST   := 127.0.0.1" in text
    assert "--nbval " in text and "--nbval-lax" not in text, "nbval must run in full mode"
    assert "token=''" not in text and 'token=""' not in text, "Jupyter's token must stay on"


def test_ci_installs_chromium_and_runs_make_test() -> None:
    text = (ROOT / ".ci" / "run").read_text()
    assert "apt-get install" in text and "chromium" in text
    assert "make test" in text and "set -euo pipefail" in text
