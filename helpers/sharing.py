"""Anonymous, opt-in sharing of a claim-check sitting with the instructor.

Nothing is shared unless the instructor has set a class folder (``$SCIATICA_CLASS_DIR``, set by the hub's
configuration) **and** the student presses the button. A submission is one small JSON file holding:

* ``id``: a random identifier (128 random bits, :func:`secrets.token_hex`), made once and kept in the student's own
  data folder beside their answers (:func:`helpers.claim_check.answers_dir`), so that the before and after sittings
  pair up in the results. It is not derived from the user name, the host or anything else;
* ``sitting``: ``"before"`` or ``"after"``;
* ``answers``: question id -> option letter, as recorded;
* ``time``: when it was shared (UTC, to the second);
* ``format``: the file format's version.

No user name, host name or path is written. Each submission is written atomically (a temporary file, then a
rename) under a new random name, so a new submission never overwrites anyone's file; a student's later
submission for the same sitting supersedes the earlier one when the instructor collects them
(:func:`helpers.class_results.collect`).

The drop folder works like nbgrader's inbound exchange: mode ``1733`` (``drwx-wx-wt``), so students can create
files in it but cannot list it, and the sticky bit stops them renaming or deleting each other's files. The
submission itself is readable (``0644``) so that the instructor's account can read it; with random 128-bit names
nobody else can find one. :func:`make_class_folder` creates such a folder (``python -m helpers.tooling
class-folder DIR``).

Pure logic: no widgets (:mod:`helpers.apps.class_share` is the button).
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from helpers import claim_check
from helpers.class_results import (
    CLASS_DIR_ENV,
    FORMAT_VERSION,
    ID_LENGTH,
    MIN_STUDENTS,
    SUBMISSION_KEYS,
    SUBMISSION_PREFIX,
)

__all__ = ["CLASS_DIR_ENV", "FORMAT_VERSION", "SUBMISSION_KEYS", "share_answers", "student_id", "submission"]

#: The file holding the student's random id, in their own data folder.
ID_NAME = "class_share_id.json"
#: The drop folder's mode: everyone may create files, nobody but the owner may list; sticky (like /tmp).
CLASS_FOLDER_MODE = 0o1733


def class_dir() -> Path | None:
    """The class's drop folder from ``$SCIATICA_CLASS_DIR``, or None when it is not set (nothing is shared)."""
    value = os.environ.get(CLASS_DIR_ENV, "").strip()
    return Path(value).expanduser() if value else None


def sharing_offered() -> bool:
    """True when the instructor has set a class folder, so the claim check offers to share."""
    return class_dir() is not None


def _valid_id(value: object) -> bool:
    return isinstance(value, str) and len(value) == ID_LENGTH and all(c in "0123456789abcdef" for c in value)


def student_id(data_dir: Path | str | None = None) -> str:
    """The student's random sharing id, made on first use and kept in their own data folder.

    Parameters
    ----------
    data_dir : the folder to keep it in (default :func:`helpers.claim_check.answers_dir`).

    A missing or unreadable id file is replaced by a new id (written atomically, mode 0600); the old file, if
    any, is left in place under a new name, never deleted.
    """
    folder = claim_check.answers_dir() if data_dir is None else Path(data_dir)
    path = folder / ID_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and _valid_id(data.get("id")):
            return str(data["id"])
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError, ValueError):
        pass
    if path.exists():  # unreadable: keep it aside, never overwrite it
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path.rename(path.with_name(f"{path.stem}.unreadable-{stamp}-{secrets.token_hex(4)}{path.suffix}"))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    new = secrets.token_hex(ID_LENGTH // 2)
    _write_new(path, {"id": new, "note": "random id used only to pair your shared claim-check sittings"}, 0o600)
    return new


def _write_new(path: Path, data: Mapping[str, object], mode: int) -> None:
    """Write JSON atomically to ``path`` through a uniquely named temporary file in the same folder."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(dict(data), fh, sort_keys=True, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # the umask may have narrowed it
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def submission(sitting: str, answers: Mapping[str, str], student: str, time: datetime | None = None) -> dict:
    """The submission for one sitting: exactly the keys :data:`SUBMISSION_KEYS`.

    Raises
    ------
    ValueError
        Naming ``sitting``, ``answers`` (unknown question or option) or ``student`` (not a sharing id).
    """
    if sitting not in claim_check.STAGES:
        raise ValueError(f"sitting: {sitting!r} is not allowed; allowed: {', '.join(claim_check.STAGES)}")
    if not _valid_id(student):
        raise ValueError(f"student: expected a {ID_LENGTH}-character random id from student_id(), got {student!r}")
    checked = claim_check.validate_answers(claim_check.load_questions(), answers)
    when = (time or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return {
        "answers": dict(sorted(checked.items())),
        "format": FORMAT_VERSION,
        "id": student,
        "sitting": sitting,
        "time": when.isoformat().replace("+00:00", "Z"),
    }


def what_is_sent(sitting: str, n_answers: int) -> str:
    """The sentence beside the button: exactly what sharing sends, and what it does not."""
    if sitting not in claim_check.STAGES:
        raise ValueError(f"sitting: {sitting!r} is not allowed; allowed: {', '.join(claim_check.STAGES)}")
    return (
        f"Sharing sends your instructor one small file with your {n_answers} answer letter"
        f"{'s' if n_answers != 1 else ''} of this sitting ({sitting} the course), the time, and a random number kept "
        "on your own account so that your before and after answers pair up. It does not send your name, your "
        "user name, your computer's name or any file path, and your instructor sees only the class's totals "
        f"(nothing at all for fewer than "
        f"{MIN_STUDENTS} students). Sharing is optional; sharing again replaces what you shared "
        "for this sitting."
    )


@dataclass(frozen=True)
class ShareResult:
    """Whether sharing worked and a sentence for the student (``path`` is the file written, when it was)."""

    ok: bool
    message: str
    path: Path | None = None


def share_answers(
    sitting: str,
    answers: Mapping[str, str] | None = None,
    folder: Path | str | None = None,
    data_dir: Path | str | None = None,
    time: datetime | None = None,
) -> ShareResult:
    """Share one sitting's answers anonymously into the class folder. Never raises for file problems.

    Parameters
    ----------
    sitting : ``"before"`` or ``"after"``.
    answers : question id -> option letter (default: the student's saved answers of that sitting).
    folder : the class's drop folder (default :func:`class_dir`); when there is none, nothing is shared.
    data_dir : the student's own data folder, where the random id is kept (default: the answers' folder).
    time : the time to record (default: now).

    Raises
    ------
    ValueError
        If ``sitting`` or ``answers`` are invalid.
    """
    if sitting not in claim_check.STAGES:
        raise ValueError(f"sitting: {sitting!r} is not allowed; allowed: {', '.join(claim_check.STAGES)}")
    target = class_dir() if folder is None else Path(folder)
    if target is None:
        return ShareResult(False, "Nothing was shared: your instructor has not set a class folder.")
    if answers is None:
        answers = claim_check.read_answers().stage(sitting)
    if not answers:
        return ShareResult(False, "Nothing was shared: there are no answers of this sitting yet.")
    try:
        sid = student_id(data_dir)
        data = submission(sitting, answers, sid, time)
        if not target.is_dir():
            return ShareResult(False, "Nothing was shared: the class folder does not exist. Tell your instructor.")
        path = target / f"{SUBMISSION_PREFIX}{secrets.token_hex(16)}.json"
        _write_new(path, data, 0o644)
    except OSError as exc:
        return ShareResult(False, f"Nothing was shared: the class folder could not be written ({type(exc).__name__}).")
    n = len(data["answers"])
    return ShareResult(
        True,
        f"Shared: {n} answer{'s' if n != 1 else ''} of the {sitting}-course sitting, anonymously. Thank you.",
        path,
    )


def make_class_folder(path: Path | str) -> Path:
    """Create (or fix the mode of) the class's drop folder: mode 1733, students write but cannot list.

    Files already in it are left alone. Returns the folder.

    Raises
    ------
    ValueError
        If ``path`` exists and is not a folder.
    """
    folder = Path(path).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"path: {folder} exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, CLASS_FOLDER_MODE)
    return folder


def folder_mode(path: Path | str) -> str:
    """The folder's permissions as ``ls -l`` shows them (``drwx-wx-wt`` for a proper drop folder)."""
    return stat.filemode(Path(path).stat().st_mode)
