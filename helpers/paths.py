"""Where the course's files live, resolved from this package (never from the current directory).

The tables are read from the repository's ``data/`` folder when the course runs from a checkout (``make lab``, an
editable install, Binder). A plain ``pip install .`` (a wheel, a Docker image, a hub's user environment) has no
repository beside it: there the same files ship inside the package as ``helpers/data`` (pyproject maps ``data/`` to
``helpers.data``) and are found through :mod:`importlib.resources`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
ROOT_DIR: Path = PACKAGE_DIR.parent
NOTEBOOKS_DIR: Path = ROOT_DIR / "notebooks"
BUILD_DIR: Path = ROOT_DIR / "build"


def _data_dir() -> Path:
    """Return the folder holding the course's tables: the packaged copy if installed, else the repository's."""
    packaged = resources.files("helpers").joinpath("data")
    if isinstance(packaged, Path) and (packaged / "references.csv").is_file():
        return packaged
    return ROOT_DIR / "data"


DATA_DIR: Path = _data_dir()


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
