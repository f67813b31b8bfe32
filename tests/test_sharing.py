"""Anonymous sharing: a submission never names its student, is written atomically under a new name,
pairs through a random id kept in the student's own folder, and nothing is shared without a class folder."""

from __future__ import annotations

import getpass
import json
import socket
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helpers import class_results as cr
from helpers import sharing
from helpers.claim_check import load_questions

QUESTIONS = load_questions()
ANSWERS = {q.id: q.answer for q in QUESTIONS}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return sharing.make_class_folder(tmp_path / "class")


def test_a_submission_never_names_its_student(tmp_path: Path, folder: Path) -> None:
    home = tmp_path / "alice-home" / "data"
    result = sharing.share_answers("after", ANSWERS, folder=folder, data_dir=home)
    assert result.ok and result.path is not None and result.path.parent == folder
    text = result.path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert tuple(sorted(data)) == sharing.SUBMISSION_KEYS
    assert data["answers"] == ANSWERS and data["sitting"] == "after" and data["format"] == sharing.FORMAT_VERSION
    assert data["id"] == sharing.student_id(home)
    for secret in (getpass.getuser(), socket.gethostname(), str(Path.home()), str(home), "alice", str(tmp_path)):
        assert secret not in text, f"the submission names {secret!r}"
        assert secret not in result.path.name
    # the id is random: two students get different ids, the same student the same id
    assert sharing.student_id(tmp_path / "bob") != data["id"]


def test_the_file_name_is_new_each_time_and_never_overwrites(tmp_path: Path, folder: Path) -> None:
    paths = {sharing.share_answers("before", ANSWERS, folder=folder, data_dir=tmp_path / "h").path for _ in range(5)}
    assert len(paths) == 5 and all(p is not None and p.exists() for p in paths)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "no temporary file is left behind"
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in paths if p is not None)


def test_the_id_is_kept_in_the_students_own_folder_and_a_damaged_one_is_kept_aside(tmp_path: Path) -> None:
    home = tmp_path / "h"
    sid = sharing.student_id(home)
    assert sharing.student_id(home) == sid and len(sid) == cr.ID_LENGTH
    assert stat.S_IMODE((home / sharing.ID_NAME).stat().st_mode) == 0o600
    (home / sharing.ID_NAME).write_text("garbage", encoding="utf-8")
    new = sharing.student_id(home)
    assert new != sid
    (aside,) = home.glob("class_share_id.unreadable-*.json")
    assert aside.read_text(encoding="utf-8") == "garbage"


def test_nothing_is_shared_without_a_class_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(sharing.CLASS_DIR_ENV, raising=False)
    assert not sharing.sharing_offered() and sharing.class_dir() is None
    result = sharing.share_answers("before", ANSWERS, data_dir=tmp_path / "h")
    assert not result.ok and "not set a class folder" in result.message
    assert not (tmp_path / "h").exists(), "not even an id is made"
    monkeypatch.setenv(sharing.CLASS_DIR_ENV, str(tmp_path / "missing"))
    assert sharing.sharing_offered()
    result = sharing.share_answers("before", ANSWERS, data_dir=tmp_path / "h")
    assert not result.ok and "does not exist" in result.message


def test_the_environment_names_the_folder(tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sharing.CLASS_DIR_ENV, str(folder))
    result = sharing.share_answers("before", {"q01": "a"}, data_dir=tmp_path / "h")
    assert result.ok and result.path is not None and result.path.parent == folder
    assert "1 answer of the before-course sitting" in result.message


def test_bad_arguments_are_value_errors(tmp_path: Path, folder: Path) -> None:
    with pytest.raises(ValueError, match="sitting"):
        sharing.share_answers("during", ANSWERS, folder=folder, data_dir=tmp_path)
    with pytest.raises(ValueError, match="answers"):
        sharing.share_answers("before", {"q01": "z"}, folder=folder, data_dir=tmp_path)
    with pytest.raises(ValueError, match="student"):
        sharing.submission("before", ANSWERS, "alice")
    assert not sharing.share_answers("before", {}, folder=folder, data_dir=tmp_path).ok


def test_the_class_folder_is_write_only_and_sticky(tmp_path: Path) -> None:
    made = sharing.make_class_folder(tmp_path / "a" / "class")
    assert stat.S_IMODE(made.stat().st_mode) == 0o1733
    assert sharing.folder_mode(made) == "drwx-wx-wt"
    (made / "kept.json").write_text("{}", encoding="utf-8")
    sharing.make_class_folder(made)
    assert (made / "kept.json").exists(), "files already there are left alone"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="path"):
        sharing.make_class_folder(tmp_path / "file")


def test_the_button_text_says_what_is_sent() -> None:
    text = sharing.what_is_sent("after", 12)
    for needed in ("12 answer letters", "the time", "random number", "does not send your name", "user name",
                   "computer's name", "file path", f"fewer than {cr.MIN_STUDENTS} students"):  # fmt: skip
        assert needed in text


def test_submission_time_is_utc_to_the_second() -> None:
    when = datetime(2026, 12, 5, 8, 1, 2, 345678, tzinfo=UTC)
    data = sharing.submission("before", ANSWERS, "0" * cr.ID_LENGTH, when)
    assert data["time"] == "2026-12-05T08:01:02Z"
