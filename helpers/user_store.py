"""A student's own files: where they live, and reading and changing them without ever losing or taking one.

Every per-user file of the course (the claim check's answers, a lesson's saved choices) goes through this module:

- :func:`data_dir` / :func:`data_file`: the student's own folder, outside the course folder.
- :func:`read_json`: never raises, whatever is at the path (missing, a folder, no permission, a byte-order mark,
  not UTF-8, not JSON); it returns the data or one plain sentence saying what is wrong and where.
- :func:`update_json`: read, change and write under a file lock, atomically; the file it writes carries
  ``"written_by": "sciatica-course"``, so the course can tell its own files from anyone else's.
- :func:`set_aside`: moves a damaged file to a timestamped name beside it, and only a file the course wrote (or
  that the caller recognises as one of its own): anything else is refused, untouched.
- :func:`write_json_atomic`: a private temporary file beside the target, fsync, then a rename.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

#: The environment variable that, when set, names the student's data folder (tests, the HTML build, a hub).
DATA_DIR_ENV = "SCIATICA_COURSE_DATA_DIR"
#: The course's folder inside the student's own Jupyter data folder.
COURSE_FOLDER = "sciatica-course"
#: The key, and its value, that mark a file the course wrote.
WRITTEN_BY_KEY = "written_by"
WRITTEN_BY = "sciatica-course"
#: How long an update waits for another notebook's update to finish (s; updates take milliseconds).
LOCK_TIMEOUT_S = 15.0
#: No course file comes near this size; a larger file is not read (a wrong path, not a student's answers).
MAX_BYTES = 5_000_000


def data_dir() -> Path:
    """The student's own course folder, outside the course folder; read at every call, never cached.

    ``$SCIATICA_COURSE_DATA_DIR`` when set; otherwise ``sciatica-course`` inside the per-user Jupyter data folder
    (:func:`jupyter_core.paths.jupyter_data_dir`: ``~/.local/share/jupyter`` on Linux, ``~/Library/Jupyter`` on
    macOS, ``%APPDATA%\\jupyter`` on Windows). On a shared server each user has their own home folder.
    """
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / COURSE_FOLDER


def data_file(name: str) -> Path:
    """The path of the student's file ``name`` inside :func:`data_dir` (the file need not exist).

    Raises
    ------
    ValueError
        If ``name`` is not a plain file name (empty, a folder part, ``.`` or ``..``).
    """
    if not isinstance(name, str) or not name or name in (".", "..") or Path(name).name != name or "\\" in name:
        raise ValueError(f"name: expected a plain file name such as 'answers.json', got {name!r}")
    return data_dir() / name


def shown_path(path: Path | str) -> str:
    """``path`` as a student reads it: inside the home folder written ``~/...`` (shorter, and no user name)."""
    path = Path(path)
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except (ValueError, RuntimeError):  # not under the home folder, or no home folder known
        return str(path)


@dataclass(frozen=True)
class JsonRead:
    """What :func:`read_json` found at ``path``.

    ``found``: something exists there (a file, a folder, a link, or a place that cannot be looked into).
    ``data``: the parsed JSON (None when there is none). ``problem``: one sentence saying what is wrong and where,
    or None. ``regular``: the path is a regular file (not a folder or a link), the only thing ever set aside.
    """

    path: Path
    found: bool
    data: Any = None
    problem: str | None = None
    regular: bool = False

    @property
    def ok(self) -> bool:
        """True when a file was found and read as JSON."""
        return self.found and self.problem is None

    @property
    def marked(self) -> bool:
        """True when the file is a JSON object carrying the course's ``written_by`` mark."""
        return self.ok and isinstance(self.data, dict) and self.data.get(WRITTEN_BY_KEY) == WRITTEN_BY


def _denied(path: Path) -> str:
    return (
        f"could not be opened: permission denied in {shown_path(path.parent)} (the folder belongs to another "
        f"user account or is closed to yours; whoever runs this computer can give you your own folder with "
        f"{DATA_DIR_ENV})"
    )


def read_json(path: Path | str) -> JsonRead:
    """Read the JSON file at ``path``. Never raises, and never writes.

    A UTF-8 byte-order mark (a file saved by Notepad) is accepted. Every problem is returned as one sentence
    that starts with a verb ("could not be opened: permission denied in ~/..."), for the caller to prefix with
    what the file is.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return JsonRead(path, True, problem=f"is a link to {os.readlink(path)}, which does not exist")
        return JsonRead(path, False)
    except PermissionError:
        return JsonRead(path, True, problem=_denied(path))
    except NotADirectoryError:
        return JsonRead(path, True, problem="could not be opened: part of its folder path is a file")
    except OSError as exc:  # a link loop, a name too long, an I/O error
        return JsonRead(path, True, problem=f"could not be opened ({exc.strerror or type(exc).__name__})")
    regular = stat.S_ISREG(info.st_mode) and not os.path.islink(path)
    if stat.S_ISDIR(info.st_mode):
        return JsonRead(path, True, problem="is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        return JsonRead(path, True, problem="is not a regular file")
    if info.st_size > MAX_BYTES:
        return JsonRead(
            path, True, problem=f"is too large to be a course file ({info.st_size:,} bytes)", regular=regular
        )
    try:
        raw = path.read_bytes()
    except PermissionError:
        return JsonRead(path, True, problem=_denied(path), regular=regular)
    except OSError as exc:
        return JsonRead(
            path, True, problem=f"could not be read ({exc.strerror or type(exc).__name__})", regular=regular
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return JsonRead(
            path, True, problem="could not be read (UnicodeDecodeError: it is not UTF-8 text)", regular=regular
        )
    try:
        return JsonRead(path, True, json.loads(text), regular=regular)
    except (json.JSONDecodeError, RecursionError, ValueError):
        return JsonRead(path, True, problem="is not valid JSON", regular=regular)


def owned_by_someone_else(path: Path | str) -> bool:
    """True when ``path`` exists and belongs to another user account (POSIX). Never raises."""
    if os.name != "posix":
        return False
    try:
        return os.lstat(path).st_uid != os.geteuid()
    except OSError:
        return False


def _stray_prefix(path: Path) -> str:
    return f".{path.name}."


def write_json_atomic(path: Path | str, data: Mapping[str, Any]) -> None:
    """Write ``data`` as JSON to ``path`` atomically: a private temporary file beside it, fsync, then a rename.

    A write killed midway leaves the previous file whole. Raises :class:`OSError` when the folder is not writable.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=_stray_prefix(path), suffix=".tmp", dir=path.parent)  # mode 0o600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(dict(data), fh, indent=1, ensure_ascii=False, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    if os.name == "posix":  # make the rename itself durable; not possible on Windows
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _remove_strays(path: Path) -> None:
    """Remove temporary files left by a write that was killed midway (called under the lock: none is live)."""
    for stray in path.parent.glob(_stray_prefix(path) + "*.tmp"):
        stray.unlink(missing_ok=True)


Recognise = Callable[[JsonRead], bool]


def holds_section(found: JsonRead, key: str) -> bool:
    """Whether an unmarked file may be treated as one of the course's (written before the course marked its files).

    A regular ``.json`` file that holds the caller's section ``key``, an empty object, or cannot be parsed (a file of
    ours damaged by an editor or a crash); never a folder, a link, a notes file or a table.
    """
    if not found.regular or found.path.suffix.lower() != ".json":
        return False
    if found.problem is not None:
        return "permission denied" not in found.problem
    if isinstance(found.data, dict):
        return key in found.data or not set(found.data) - {"version", WRITTEN_BY_KEY}
    return True  # valid JSON that is not an object: damaged


def set_aside(path: Path | str, recognise: Recognise | None = None) -> Path:
    """Move a file the course wrote to a new, timestamped name beside it (never over another file).

    Only a regular file that carries the course's mark, or that ``recognise`` accepts, is moved: anything else
    (a folder, a link, a student's own file) raises :class:`ValueError` and is left untouched.
    """
    path = Path(path)
    found = read_json(path)
    if not found.regular or not (found.marked or (recognise is not None and recognise(found))):
        raise ValueError(f"{shown_path(path)} is not a file the course wrote, so it is not moved")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for n in range(1, 1000):
        extra = "" if n == 1 else f"-{n}"
        target = path.with_name(f"{path.stem}.unreadable-{stamp}{extra}{path.suffix}")
        if not target.exists():
            path.rename(target)
            return target
    raise OSError(f"{path}: too many unreadable copies beside it")


@dataclass(frozen=True)
class Update:
    """The outcome of :func:`update_json`.

    ``outcome``: ``"saved"``, ``"busy"`` (another notebook held the lock), ``"refused"`` (the file is not the
    course's, or belongs to another account: left untouched) or ``"failed"`` (the folder or file could not be
    written). ``problem``: a sentence for the student (None when saved); ``data``: what the file holds now;
    ``set_aside``: where a damaged file was moved.
    """

    outcome: str
    path: Path
    data: dict[str, Any] | None = None
    problem: str | None = None
    set_aside: Path | None = None

    @property
    def ok(self) -> bool:
        """True when the change was written."""
        return self.outcome == "saved"


def _refusal(path: Path, current: JsonRead, recognise: Recognise | None) -> Update | None:
    """The refusal for what is at ``path`` when it is not the course's to change, else None."""
    if not current.found:
        return None
    if owned_by_someone_else(path):
        return Update("refused", path, problem=f"{shown_path(path)} belongs to another user account")
    if current.problem is not None and "permission denied" in current.problem:
        return Update("failed", path, problem=f"{shown_path(path)} {current.problem}")
    if current.marked or (recognise is not None and recognise(current)):
        return None
    what = current.problem or "is not a file this course wrote"
    return Update("refused", path, problem=f"{shown_path(path)} {what}, so it is left untouched")


def update_json(
    path: Path | str,
    change: Callable[[dict[str, Any]], Mapping[str, Any]],
    *,
    recognise: Recognise | None = None,
    set_aside_when: Callable[[Any], bool] | None = None,
    timeout: float | None = None,
) -> Update:
    """Apply ``change`` to the JSON object at ``path`` under a file lock and write the result atomically.

    Never raises for a file or folder problem. The written object carries ``"written_by": "sciatica-course"``.
    A file that is there already is changed only when it carries that mark or ``recognise`` accepts it; a damaged
    one (unreadable, or ``set_aside_when(data)`` true) is first moved aside with :func:`set_aside`, and
    ``change`` then starts from an empty object. Anything else at the path is refused and left untouched, as is
    a file belonging to another user account.

    Parameters
    ----------
    path : the file.
    change : takes the current object (a copy; empty when there is none) and returns the object to write.
    recognise : says whether an unmarked file found at ``path`` is one of the caller's (for files written before
        the mark existed).
    set_aside_when : says whether readable data is damaged and should be kept aside before writing.
    timeout : seconds to wait for the lock (default :data:`LOCK_TIMEOUT_S`).
    """
    path = Path(path)
    wait = LOCK_TIMEOUT_S if timeout is None else timeout
    aside: Path | None = None
    refusal = _refusal(path, read_json(path), recognise)
    if refusal is not None:  # checked before the lock too, so nothing (not even a lock file) is left beside it
        return refusal
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with FileLock(f"{path}.lock", timeout=wait):
            _remove_strays(path)
            current = read_json(path)
            refusal = _refusal(path, current, recognise)
            if refusal is not None:
                return refusal
            data: dict[str, Any] = {}
            if current.found and current.problem is not None:
                aside = set_aside(path, recognise)
            elif current.found and isinstance(current.data, dict):
                data = dict(current.data)
                if set_aside_when is not None and set_aside_when(current.data):
                    aside = set_aside(path, recognise)
            elif current.found:  # valid JSON but not an object
                aside = set_aside(path, recognise)
            written = dict(change(data))
            written[WRITTEN_BY_KEY] = WRITTEN_BY
            write_json_atomic(path, written)
    except Timeout:
        return Update("busy", path, problem=f"another notebook was saving to {path.name} for over {wait:.0f} s")
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or type(exc).__name__)
        return Update("failed", path, problem=f"saving to {shown_path(path)} failed ({reason})", set_aside=aside)
    return Update("saved", path, written, set_aside=aside)
