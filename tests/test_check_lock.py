""".ci/check_lock resolves the lock for the oldest Python the README promises (3.11.2, Debian 12's own) and newer.

The real lock is resolved against the package index by `.ci/run`; these tests drive the same script offline against
a folder of tiny wheels, so they show it refuses a pin whose wheel needs a newer Python (as soupsieve 3.x/4.x need
3.11.5) and a package the lock forgot, and accepts a lock that resolves.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".ci" / "check_lock"


def _wheel(folder: Path, name: str, version: str, requires_python: str, requires: tuple[str, ...] = ()) -> None:
    dist = f"{name}-{version}.dist-info"
    metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}", f"Requires-Python: {requires_python}"]
    metadata += [f"Requires-Dist: {dep}" for dep in requires]
    with zipfile.ZipFile(folder / f"{name}-{version}-py3-none-any.whl", "w") as whl:
        whl.writestr(f"{name}/__init__.py", "")
        whl.writestr(f"{dist}/METADATA", "\n".join(metadata) + "\n")
        whl.writestr(f"{dist}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        whl.writestr(f"{dist}/RECORD", "")


def _run(tmp_path: Path, lock: str, *versions: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "constraints.txt").write_text(lock)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "demo-course"\nversion = "0"\ndependencies = ["sieve"]\n'
        '[project.optional-dependencies]\ntest = ["checker"]\n'
    )
    command = [sys.executable, str(SCRIPT), "--lock", str(tmp_path / "constraints.txt")]
    command += ["--pyproject", str(tmp_path / "pyproject.toml"), *versions]
    command += ["--", "--no-index", "--find-links", str(tmp_path / "wheels")]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _wheels(tmp_path: Path) -> None:
    (tmp_path / "wheels").mkdir()
    _wheel(tmp_path / "wheels", "sieve", "2.10", ">=3.10")
    _wheel(tmp_path / "wheels", "sieve", "4.1.3", ">=3.11.5")
    _wheel(tmp_path / "wheels", "checker", "1.0", ">=3.8", requires=("helper",))
    _wheel(tmp_path / "wheels", "helper", "0.5", ">=3.8")


def test_a_pin_needing_a_newer_python_fails_on_3_11_2_only(tmp_path: Path) -> None:
    _wheels(tmp_path)
    result = _run(tmp_path, "sieve==4.1.3\nchecker==1.0\nhelper==0.5\n", "3.11.2", "3.12")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Python 3.11.2: the lock does not resolve" in result.stdout
    assert "Python 3.12: the lock resolves" in result.stdout


def test_a_lock_that_resolves_everywhere_passes(tmp_path: Path) -> None:
    _wheels(tmp_path)
    result = _run(tmp_path, "sieve==2.10\nchecker==1.0\nhelper==0.5\n", "3.11.2", "3.13")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("the lock resolves") == 2


def test_a_package_the_lock_forgot_is_named(tmp_path: Path) -> None:
    _wheels(tmp_path)
    result = _run(tmp_path, "sieve==2.10\nchecker==1.0\n", "3.11.2")
    assert result.returncode == 1
    assert "helper 0.5 would be installed but is not pinned" in result.stdout


def test_the_real_lock_keeps_a_soupsieve_that_python_3_11_2_can_install() -> None:
    """soupsieve 3.0 and later need Python 3.11.5; 2.10 needs 3.10 (read from the wheels' metadata)."""
    lock = (ROOT / ".ci" / "constraints.txt").read_text().splitlines()
    (pin,) = [line for line in lock if line.startswith("soupsieve==")]
    major = int(pin.partition("==")[2].split(".")[0])
    assert major < 3, f"{pin} needs Python 3.11.5; Debian 12's python3 is 3.11.2"


def test_ci_resolves_the_lock_before_testing() -> None:
    text = (ROOT / ".ci" / "run").read_text()
    assert ".ci/check_lock" in text and text.index(".ci/check_lock") < text.index("make test")
