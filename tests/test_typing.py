"""mypy runs in `make test` and `make test-fast`, checks all of helpers, and silences no module's errors."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _recipe(target: str) -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", text, flags=re.MULTILINE)
    assert match, f"no {target} target in the Makefile"
    return [line.strip() for line in match.group(1).splitlines()]


def test_make_test_runs_mypy_after_ruff() -> None:
    for target in ("test", "test-fast"):
        lines = _recipe(target)
        ruff = next(i for i, line in enumerate(lines) if line.startswith("$(BIN)/ruff check"))
        mypy = next(i for i, line in enumerate(lines) if line == "$(BIN)/mypy")
        pytest_line = next(i for i, line in enumerate(lines) if "-m pytest" in line)
        assert ruff < mypy < pytest_line, target


def test_mypy_checks_helpers_and_ignores_no_errors() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["files"] == ["helpers"]
    assert config["python_version"] == "3.11"
    assert not config.get("ignore_errors")
    for override in config.get("overrides", []):
        assert not override.get("ignore_errors"), override["module"]
        assert not any(m.startswith("helpers") for m in override["module"]), "helpers is checked in full"


def test_mypy_is_pinned_alike_in_extras_and_lock() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (pin,) = [p for p in project["optional-dependencies"]["test"] if p.startswith("mypy==")]
    assert pin in (ROOT / ".ci" / "constraints.txt").read_text(encoding="utf-8").splitlines()
