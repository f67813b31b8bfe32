"""Where the course's files live, resolved from this package (never from the current directory)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
ROOT_DIR: Path = PACKAGE_DIR.parent
DATA_DIR: Path = ROOT_DIR / "data"
NOTEBOOKS_DIR: Path = ROOT_DIR / "notebooks"
BUILD_DIR: Path = ROOT_DIR / "build"


def data_file(name: str) -> Path:
    """Return the path of a file in ``data/``, failing clearly when it is missing.

    Parameters
    ----------
    name : str
        File name inside ``data/``, for example ``"references.csv"``.
    """
    path = DATA_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"{path}: data file not found (the course expects it in {DATA_DIR})")
    return path
