"""helpers.user_store and the claim check on top of it: a student's files are never lost, taken or misread.

Folders closed to the student (another account's 0700 folder, a read-only folder) are made for real: as root the
test drops to another account's effective uid for the step under test (root ignores permission bits), otherwise it
changes the folder's mode.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import plotly.graph_objects as go
import pytest

from helpers import claim_check as cc
from helpers import user_store as us
from helpers.apps.claim_check import ClaimCheck

QUESTIONS = cc.load_questions()
NOBODY = 65534
pytestmark = pytest.mark.skipif(os.name != "posix", reason="permissions are POSIX here")
go.FigureWidget()  # plotly imports its widget support on first use: do it as this account, not the student's


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every account can pass through (pytest's tmp_path is closed to other accounts)."""
    folder = Path(tempfile.mkdtemp(prefix="store-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for sub in folder.rglob("*"):
            if sub.is_dir() and not sub.is_symlink():
                sub.chmod(0o755)
        shutil.rmtree(folder)


@contextmanager
def as_student(folder: Path, mode: int) -> Iterator[None]:
    """Run the block as a student for whom ``folder`` has ``mode`` (0o000 closed, 0o555 read-only).

    As root: ``folder`` and what is in it belong to another account's files (root's, mode ``mode``) except files,
    which are handed to the student, and the block runs with the student's effective uid.
    """
    if os.geteuid() == 0:
        for file in folder.iterdir():
            os.chown(file, NOBODY, -1)
        folder.chmod(0o700 if mode == 0 else 0o755)
        os.seteuid(NOBODY)
        try:
            yield
        finally:
            os.seteuid(0)
    else:
        folder.chmod(mode)
        try:
            yield
        finally:
            folder.chmod(0o755)


# ------------------------------------------------------------------------------------------- the store itself
def test_data_dir_and_data_file(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(us.DATA_DIR_ENV, str(tmp_path))
    assert us.data_dir() == tmp_path and us.data_file("a.json") == tmp_path / "a.json"
    for bad in ("", "..", "sub/a.json", "../a.json", 5):
        with pytest.raises(ValueError, match="name"):
            us.data_file(bad)  # type: ignore[arg-type]


def test_update_marks_what_it_writes_and_read_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    done = us.update_json(path, lambda data: {**data, "n": 1})
    assert done.ok and json.loads(path.read_text())[us.WRITTEN_BY_KEY] == us.WRITTEN_BY
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # saved again by Notepad
    found = us.read_json(path)
    assert found.ok and found.marked and found.data["n"] == 1


@pytest.mark.parametrize("kind", ["notes", "folder", "csv", "unmarked json", "link"])
def test_update_and_set_aside_refuse_what_the_course_did_not_write(tmp_path: Path, kind: str) -> None:
    path = tmp_path / ("x.csv" if kind == "csv" else "x.json")
    if kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("mine")
    elif kind == "link":
        (tmp_path / "target.json").write_text("{broken")
        path.symlink_to(tmp_path / "target.json")
    else:
        path.write_text({"notes": "my notes", "csv": "id,label\n1,a\n", "unmarked json": '{"mine": 1}'}[kind])
    before = sorted(p.name for p in tmp_path.rglob("*"))
    done = us.update_json(path, lambda data: {**data, "n": 1})
    assert done.outcome == "refused" and "left untouched" in (done.problem or "")
    with pytest.raises(ValueError, match="not a file the course wrote"):
        us.set_aside(path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_damaged_file_the_course_wrote_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    us.update_json(path, lambda data: {"n": 1})
    aside = us.set_aside(path)
    assert not path.exists() and json.loads(aside.read_text())["n"] == 1


def test_reading_in_a_closed_folder_never_raises_and_says_where(shared: Path) -> None:
    folder = shared / "first_students_folder"
    us.update_json(folder / "x.json", lambda data: {"n": 1})
    with as_student(folder, 0o000):
        found = us.read_json(folder / "x.json")
        done = us.update_json(folder / "x.json", lambda data: {"n": 2})
    assert found.found and not found.ok and "permission denied" in (found.problem or "")
    assert us.shown_path(folder) in (found.problem or "")
    assert not done.ok and "permission denied" in (done.problem or "")


# ------------------------------------------------------------------------------------------- the claim check
def test_claim_check_in_a_folder_it_cannot_enter_keeps_answers_in_the_kernel(shared: Path) -> None:
    folder = shared / "course-data"
    path = folder / cc.ANSWERS_NAME
    cc.save_answers("before", {"q01": "a"}, path, QUESTIONS)
    content = path.read_bytes()
    with as_student(folder, 0o000):
        saved = cc.read_answers(path, QUESTIONS)
        app = ClaimCheck(stage="before", path=path)
        app.controls["question"].value = "q02"
        app.controls["answer"].value = "b"
        recorded = app.check()
    assert saved.blocked and "permission denied" in saved.problems[0]
    assert "permission denied" in app.note.value and "in this notebook only" in app.note.value
    assert recorded == "b" and app.answers["before"]["q02"] == "b"
    assert "kept in this notebook only" in app.status.value
    assert path.read_bytes() == content


@pytest.mark.parametrize("kind", ["notes.txt", "folder", "claims.csv", "other.json"])
def test_claim_check_never_moves_a_file_that_is_not_an_answers_file(tmp_path: Path, kind: str) -> None:
    path = tmp_path / kind
    if kind == "folder":
        path.mkdir()
    elif kind == "other.json":
        path.write_text('{"my_settings": {"theme": "dark"}}')
    else:
        path.write_text("my own notes\n" if kind == "notes.txt" else "id,label\nc01,Surgery\n")
    before = {p.name: (p.read_bytes() if p.is_file() else None) for p in tmp_path.iterdir()}
    app = ClaimCheck(stage="before", path=path)
    app.controls["answer"].value = "a"
    assert app.check() == "a" and "kept in this notebook only" in app.status.value
    assert "neither read nor changed" in app.note.value
    assert {p.name: (p.read_bytes() if p.is_file() else None) for p in tmp_path.iterdir()} == before


def test_a_byte_order_mark_keeps_the_students_answers(tmp_path: Path) -> None:
    path = tmp_path / cc.ANSWERS_NAME
    cc.save_answers("before", {"q01": "a", "q02": "c"}, path, QUESTIONS)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    saved = cc.read_answers(path, QUESTIONS)
    assert saved.stage("before") == {"q01": "a", "q02": "c"} and not saved.problems
    assert ClaimCheck(stage="after", path=path).answers["before"] == {"q01": "a", "q02": "c"}


def test_start_again_in_a_read_only_folder_says_the_reset_failed(shared: Path) -> None:
    folder = shared / "course-data"
    path = folder / cc.ANSWERS_NAME
    cc.save_answers("after", {"q01": "a", "q02": "b"}, path, QUESTIONS)
    content = path.read_bytes()
    with as_student(folder, 0o555):
        app = ClaimCheck(stage="after", path=path)
        app.restart()
        app.restart()  # the confirming second click
        status = app.status.value
    assert "Starting again failed" in status and "kept" in status
    assert app.answers["after"] == {"q01": "a", "q02": "b"}, "the kernel agrees with the file"
    assert path.read_bytes() == content


def test_the_course_marks_the_answers_file(tmp_path: Path) -> None:
    path = tmp_path / cc.ANSWERS_NAME
    cc.save_answers("before", {"q01": "a"}, path, QUESTIONS)
    assert json.loads(path.read_text())[us.WRITTEN_BY_KEY] == us.WRITTEN_BY
