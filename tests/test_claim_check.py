"""The claim-evaluation check: data/claim_check.csv (schema, damaged copies), scoring, before/after comparison,
and the answers file (missing, garbage, wrong types, missing keys: never raises; saving keeps other data)."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import claim_check as cc
from helpers.schemas import CLAIM_CHECK, CLAIM_CHECK_OPTIONS, IHC_CONCEPTS
from helpers.tables import DataError, load_from, load_table
from tests.table_copies import read_rows, write_copy

HEADER = [
    "id",
    "concept",
    "scenario",
    "question",
    "option_a",
    "option_b",
    "option_c",
    "answer",
    "explanation",
    "references",
]
QUESTIONS = cc.load_questions()
IDS = [q.id for q in QUESTIONS]
RIGHT = {q.id: q.answer for q in QUESTIONS}


def _wrong(letter: str) -> str:
    return next(o for o in CLAIM_CHECK_OPTIONS if o != letter)


# ------------------------------------------------------------------------------------- the table
def _rows() -> list[dict[str, str]]:
    return read_rows("claim_check")


def _write(tmp_path: Path, rows: list[dict[str, str]], header: list[str] = HEADER) -> Path:
    return write_copy(tmp_path, "claim_check", rows, header)


def test_header_and_size() -> None:
    assert [c.name for c in CLAIM_CHECK.columns] == HEADER
    table = load_table("claim_check")
    assert len(table) >= 12


# Test-wise strategies (stance, length, wording, position) are tested in tests/test_claim_check_cues.py.


def test_options_are_of_comparable_length() -> None:
    for q in QUESTIONS:
        lengths = [len(text) for _, text in q.options]
        assert max(lengths) <= 1.5 * min(lengths), f"{q.id}: option lengths {lengths}"


def test_every_question_has_one_key_concept_and_the_concepts_are_covered() -> None:
    table = load_table("claim_check")
    assert set(table["concept"]) <= set(IHC_CONCEPTS)
    assert set(table["concept"]) == set(IHC_CONCEPTS), "every concept of the ledger should have a question"


def test_right_answers_are_spread_over_the_options() -> None:
    counts = load_table("claim_check")["answer"].value_counts()
    assert set(counts.index) == set(CLAIM_CHECK_OPTIONS)
    assert counts.max() - counts.min() <= 1, "a test-wise student must not gain by always picking one letter"


def test_every_explanation_cites_ihc_and_only_confirmed_references() -> None:
    refs = load_table("references").set_index("id")
    for q in QUESTIONS:
        assert {"oxman2018", "ihc_concepts2020", "ihc_cet"} <= set(q.reference_ids), q.id
        assert len(q.reference_ids) > 3, f"{q.id}: the explanation's facts need their own reference"
        assert all(refs.loc[i, "kind"] != "source" for i in q.reference_ids)
        assert all(refs.loc[i, "confirmed"] in {"yes", "partly"} for i in q.reference_ids)


def test_no_question_gives_individual_advice() -> None:
    text = " ".join(" ".join([q.scenario, q.question, *dict(q.options).values(), q.explanation]) for q in QUESTIONS)
    for phrase in ("you should take", "you should have", "your sciatica", "your back pain"):
        assert phrase not in text.lower()


@pytest.mark.parametrize(
    ("column", "value", "needle"),
    [
        ("answer", "d", "not allowed"),
        ("concept", "common sense", "not allowed"),
        ("option_b", "", "empty value"),
        ("references", "oxman2018;nobody2099", "does not resolve"),
        ("explanation", "A fact with no citation at all.", "cites no reference"),
        ("explanation", "Bed rest did not help [vroomen1999; koes2007].", "do not list"),
        ("id", "question 5", "does not match"),
    ],
)
def test_a_damaged_cell_fails_naming_file_row_and_column(tmp_path: Path, column: str, value: str, needle: str) -> None:
    rows = [dict(r) for r in _rows()]
    rows[4][column] = value
    with pytest.raises(DataError) as info:
        load_from(_write(tmp_path, rows), "claim_check")
    err = info.value
    assert err.path.name == "claim_check.csv" and err.row == 5
    assert err.column == column
    assert needle in str(err)


def test_two_identical_options_fail(tmp_path: Path) -> None:
    rows = [dict(r) for r in _rows()]
    rows[2]["option_c"] = rows[2]["option_a"].upper()
    with pytest.raises(DataError, match="same text") as info:
        load_from(_write(tmp_path, rows), "claim_check")
    assert info.value.row == 3


def test_a_duplicate_id_and_a_missing_column_fail(tmp_path: Path) -> None:
    rows = [dict(r) for r in _rows()]
    rows[6]["id"] = rows[0]["id"]
    with pytest.raises(DataError, match="duplicate") as info:
        load_from(_write(tmp_path, rows), "claim_check")
    assert info.value.row == 7
    with pytest.raises(DataError, match="missing column") as info:
        load_from(_write(tmp_path, _rows(), [h for h in HEADER if h != "answer"]), "claim_check")
    assert info.value.column == "answer"


def test_the_undamaged_copy_loads(tmp_path: Path) -> None:
    assert len(load_from(_write(tmp_path, _rows()), "claim_check")) == len(QUESTIONS)


# ------------------------------------------------------------------------------------- scoring
def test_questions_are_numbered_and_carry_full_references() -> None:
    assert [q.number for q in QUESTIONS] == list(range(1, len(QUESTIONS) + 1))
    assert all(len(q.options) == 3 for q in QUESTIONS)
    assert "Oxman" in QUESTIONS[0].references[0]
    with pytest.raises(ValueError, match="letter"):
        QUESTIONS[0].option_text("z")


def test_feedback_right_and_wrong() -> None:
    q = QUESTIONS[0]
    assert cc.feedback(q, q.answer).correct
    fb = cc.feedback(q, _wrong(q.answer))
    assert not fb.correct and q.answer.upper() in fb.message
    with pytest.raises(ValueError, match="letter"):
        cc.feedback(q, "e")


def test_score_counts_right_wrong_and_unanswered() -> None:
    answers = {IDS[0]: RIGHT[IDS[0]], IDS[1]: _wrong(RIGHT[IDS[1]])}
    s = cc.score(QUESTIONS, answers)
    assert (s.n_correct, s.n_answered, len(s.unanswered_ids)) == (1, 2, len(IDS) - 2)
    assert s.status(IDS[0]) == "right" and s.status(IDS[1]) == "wrong" and s.status(IDS[2]) == "not answered"
    assert not s.complete and cc.score(QUESTIONS, RIGHT).complete
    assert cc.score(QUESTIONS, RIGHT).n_correct == len(IDS)


@pytest.mark.parametrize(
    ("answers", "needle"), [({"q99": "a"}, "unknown question"), ({"q01": "x"}, "not an option"), (["q01"], "mapping")]
)
def test_score_rejects_invalid_answers_naming_the_argument(answers: object, needle: str) -> None:
    with pytest.raises(ValueError, match="answers") as info:
        cc.score(QUESTIONS, answers)  # type: ignore[arg-type]
    assert needle in str(info.value)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.sampled_from(IDS), st.sampled_from(CLAIM_CHECK_OPTIONS)),
    st.dictionaries(st.sampled_from(IDS), st.sampled_from(CLAIM_CHECK_OPTIONS)),
)
def test_comparison_properties(before: dict[str, str], after: dict[str, str]) -> None:
    comp = cc.compare(QUESTIONS, before, after)
    b, a = comp.before, comp.after
    assert b.n_correct + len(b.wrong_ids) + len(b.unanswered_ids) == len(IDS)
    assert comp.change == len(comp.gained) - len(comp.lost)
    assert set(comp.gained) <= set(a.correct_ids) and not set(comp.gained) & set(b.correct_ids)
    sentence = comp.sentence()
    assert sentence.endswith(".")
    if len(before) == len(IDS) and len(after) == len(IDS):
        assert f"{b.n_correct} of {len(IDS)}" in sentence


def test_comparison_sentences() -> None:
    half = dict(list(RIGHT.items())[:6])
    assert "nothing to compare" in cc.compare(QUESTIONS, {}, half).sentence()
    assert "Take the check again" in cc.compare(QUESTIONS, half, {}).sentence()
    better = cc.compare(QUESTIONS, half, RIGHT)
    numbers = {q.id: q.number for q in QUESTIONS}
    assert "6 more right" in better.sentence() and "question 7, 8" in better.sentence(numbers)
    worse = cc.compare(QUESTIONS, RIGHT, half)
    assert "6 fewer right" in worse.sentence() and "Right before but not now" in worse.sentence()


# ------------------------------------------------------------------------------------- the answers file
def test_a_missing_file_gives_empty_answers(tmp_path: Path) -> None:
    saved = cc.read_answers(tmp_path / "nothing.json", QUESTIONS)
    assert not saved.found and saved.stage("before") == {} and saved.stage("after") == {} and not saved.problems


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"{not json at all", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "could not be read"),
        (b"", "not valid JSON"),
        (b"[1, 2, 3]", "not hold a JSON object"),
        (b'"just a string"', "not hold a JSON object"),
        (b'{"claim_check": 7}', "not an object"),
        (b'{"claim_check": {"before": ["q01", "a"]}}', "'before' answers are not an object"),
        (b"[" * 100_000, "not valid JSON"),
    ],
)
def test_a_damaged_file_never_raises_and_says_what_was_wrong(tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(content)
    saved = cc.read_answers(path, QUESTIONS)
    assert saved.found and saved.stage("before") == {} and saved.stage("after") == {}
    assert any(needle in p for p in saved.problems), saved.problems


def test_invalid_entries_are_dropped_and_valid_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps(
            {
                "claim_check": {
                    "before": {"q01": "a", "q02": "z", "q03": 3, "q77": "b", "q04": None, "q05": ["c"]},
                    "after": {"q12": "c"},
                }
            }
        )
    )
    saved = cc.read_answers(path, QUESTIONS)
    assert saved.stage("before") == {"q01": "a"} and saved.stage("after") == {"q12": "c"}
    assert saved.problems == ("5 saved 'before' answer(s) were not valid and were left out",)


def test_missing_keys_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    for data in ({}, {"version": 1}, {"claim_check": {}}, {"claim_check": {"after": {"q02": "b"}}}):
        path.write_text(json.dumps(data))
        saved = cc.read_answers(path, QUESTIONS)
        assert not saved.problems and saved.stage("before") == {}


def test_save_then_read_round_trips_and_keeps_the_other_sitting_and_other_keys(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "answers.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"lesson03_notes": {"x": 1}, "claim_check": {"before": {"q01": "b"}}}))
    result = cc.save_answers("after", {"q03": "a", "q01": "c"}, path, QUESTIONS)
    assert result.ok and "Saved for you only" in result.message and str(path) in result.message
    data = json.loads(path.read_text())
    assert data["lesson03_notes"] == {"x": 1} and data["version"] == cc.FILE_VERSION
    saved = cc.read_answers(path, QUESTIONS)
    assert saved.stage("before") == {"q01": "b"} and saved.stage("after") == {"q01": "c", "q03": "a"}
    assert result.saved == saved and result.set_aside is None
    assert not list(path.parent.glob("*.tmp")), "no temporary file is left behind"


def test_record_keeps_the_first_answer_and_adds_the_others(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    cc.record_answers("before", {"q01": "b"}, path, QUESTIONS)
    result = cc.record_answers("before", {"q01": "c", "q02": "a"}, path, QUESTIONS)
    assert result.ok and result.saved is not None
    assert result.saved.stage("before") == {"q01": "b", "q02": "a"}


def _set_aside_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.unreadable-*{path.suffix}"))


@pytest.mark.parametrize(
    "content",
    [
        b"{{{ garbage",
        b"\xff\xfe\x00garbage",
        b"[1, 2]",
        b'{"claim_check": {"before": {"q01": "a", "q02": 7}}, "mine": 1}',
    ],
)
def test_an_unreadable_file_is_set_aside_never_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(content)
    result = cc.save_answers("after", {"q02": "c"}, path, QUESTIONS)
    assert result.ok and result.set_aside is not None
    assert result.set_aside.name in result.message and "could not be read" in result.message
    (aside,) = _set_aside_files(path)
    assert aside == result.set_aside and aside.read_bytes() == content, "the damaged content survives beside it"
    saved = cc.read_answers(path, QUESTIONS)
    assert saved.stage("after") == {"q02": "c"} and not saved.problems
    if b'"mine"' in content:  # what could be read is carried over
        assert saved.stage("before") == {"q01": "a"} and json.loads(path.read_text())["mine"] == 1
    cc.save_answers("after", {"q03": "c"}, path, QUESTIONS)
    assert _set_aside_files(path) == [aside], "a whole file is not set aside again"


def test_two_unreadable_files_in_the_same_second_get_two_names(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    for content in ("{bad one", "{bad two"):
        path.write_text(content)
        assert cc.repair_answers(path, QUESTIONS).set_aside is not None
    assert sorted(p.read_text() for p in _set_aside_files(path)) == ["{bad one", "{bad two"]


def test_repair_does_nothing_to_a_whole_or_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    assert cc.repair_answers(path, QUESTIONS).set_aside is None and not path.exists()
    cc.save_answers("before", {"q01": "a"}, path, QUESTIONS)
    before = path.read_bytes()
    assert cc.repair_answers(path, QUESTIONS).set_aside is None and path.read_bytes() == before


def test_an_unreadable_file_that_cannot_be_moved_is_left_alone(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "answers.json"
    path.write_text("{damaged")

    def refuse(self: Path, target: Path) -> Path:
        raise PermissionError("read-only folder")

    monkeypatch.setattr(Path, "rename", refuse)
    result = cc.save_answers("before", {"q01": "a"}, path, QUESTIONS)
    assert not result.ok and "kept in this notebook only" in result.message
    assert path.read_text() == "{damaged"


def test_a_failed_save_reports_instead_of_raising(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    result = cc.save_answers("before", {"q01": "a"}, blocker / "answers.json", QUESTIONS)
    assert not result.ok and "kept in this notebook only" in result.message


def test_a_save_waits_for_the_lock_and_says_so_when_it_times_out(tmp_path: Path, monkeypatch) -> None:
    from filelock import FileLock

    path = tmp_path / "answers.json"
    monkeypatch.setattr(cc, "LOCK_TIMEOUT_S", 0.2)
    with FileLock(f"{path}.lock", thread_local=False):
        import threading

        out: list[cc.SaveResult] = []
        worker = threading.Thread(target=lambda: out.append(cc.save_answers("before", {"q01": "a"}, path, QUESTIONS)))
        worker.start()
        worker.join()
    assert not out[0].ok and "another notebook was saving" in out[0].message and not path.exists()


def test_save_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="stage"):
        cc.save_answers("during", {}, Path("/nonexistent/x.json"), QUESTIONS)
    with pytest.raises(ValueError, match="answers"):
        cc.save_answers("before", {"q01": "q"}, Path("/nonexistent/x.json"), QUESTIONS)
    with pytest.raises(ValueError, match="stage"):
        cc.record_answers("later", {}, Path("/nonexistent/x.json"), QUESTIONS)


# ------------------------------------------------------------------------------------- where the file lives
def test_the_file_is_in_the_users_jupyter_data_folder_outside_the_course(monkeypatch, tmp_path: Path) -> None:
    from jupyter_core.paths import jupyter_data_dir

    from helpers.paths import ROOT_DIR

    monkeypatch.delenv(cc.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("JUPYTER_DATA_DIR", "XDG_DATA_HOME", "JUPYTER_PLATFORM_DIRS", "APPDATA"):
        monkeypatch.delenv(name, raising=False)
    path = cc.answers_file()
    assert path == Path(jupyter_data_dir()) / cc.COURSE_FOLDER / cc.ANSWERS_NAME
    assert tmp_path / "home" in path.parents and ROOT_DIR not in path.parents
    shown = "~/.local/share/jupyter/sciatica-course/claim_check_answers.json" if sys.platform == "linux" else ""
    assert cc.shown_path(path) in cc.privacy_note() and shown in cc.privacy_note()
    assert "outside the course folder" in cc.privacy_note() and "tmp" not in cc.privacy_note()
    monkeypatch.setenv(cc.DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    assert cc.answers_file() == tmp_path / "elsewhere" / cc.ANSWERS_NAME


def _course_files() -> set[str]:
    from helpers.paths import ROOT_DIR

    skip = {
        ".git",
        ".venv",
        "build",
        "__pycache__",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".ipynb_checkpoints",
        "node_modules",
    }
    found = set()
    for folder, dirs, files in os.walk(ROOT_DIR):
        dirs[:] = [d for d in dirs if d not in skip]
        found.update(os.path.relpath(os.path.join(folder, f), ROOT_DIR) for f in files)
    return found


def test_two_users_on_one_clone_keep_separate_answers(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cc.DATA_DIR_ENV, raising=False)
    for name in ("JUPYTER_DATA_DIR", "XDG_DATA_HOME", "JUPYTER_PLATFORM_DIRS"):
        monkeypatch.delenv(name, raising=False)
    course = _course_files()
    answers = {"ana": {"q01": "a", "q02": "b"}, "ben": {}}
    paths = {}
    for user, mine in answers.items():
        monkeypatch.setenv("HOME", str(tmp_path / user))
        assert cc.save_answers("before", mine, questions=QUESTIONS).ok  # ben's empty start
        paths[user] = cc.answers_file()
    for user, mine in answers.items():
        monkeypatch.setenv("HOME", str(tmp_path / user))
        assert cc.read_answers(questions=QUESTIONS).stage("before") == mine, f"{user} reads someone else's answers"
    assert paths["ana"] != paths["ben"]
    if os.name == "posix":
        assert stat.S_IMODE(paths["ana"].stat().st_mode) == 0o600, "only the user can read their answers"
        assert stat.S_IMODE(paths["ana"].parent.stat().st_mode) == 0o700
    assert _course_files() == course, "nothing is written into the course folder"


def _save_many(args: tuple[str, str, int]) -> None:
    """One process: save a sitting answer by answer, as a student clicking through it would."""
    path, stage, wait_until = args
    while time.monotonic() < wait_until:  # start both processes together
        pass
    for n in range(1, len(QUESTIONS) + 1):
        cc.save_answers(stage, {q.id: q.answer for q in QUESTIONS[:n]}, path, QUESTIONS)


def test_two_processes_saving_different_sittings_at_once_lose_nothing(tmp_path: Path) -> None:
    rounds, losses = 12, 0
    ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ctx.Pool(2) as pool:
        for r in range(rounds):
            path = str(tmp_path / f"round{r}.json")
            start = time.monotonic() + 0.3
            pool.map(_save_many, [(path, "before", start), (path, "after", start)])
            saved = cc.read_answers(path, QUESTIONS)
            losses += 2 * len(QUESTIONS) - len(saved.stage("before")) - len(saved.stage("after"))
    assert losses == 0, f"{losses} answers lost in {rounds} rounds"


_KILLED_SAVE = """
import os, sys, time
import helpers.claim_check as cc
def stall(fd):
    print("writing", flush=True)
    time.sleep(60)
os.fsync = stall
cc.save_answers("after", {"q01": "a"}, sys.argv[1])
"""


def test_a_save_killed_midway_leaves_the_old_file_whole_and_nothing_in_the_course_folder(tmp_path: Path) -> None:
    from helpers.paths import ROOT_DIR

    path = tmp_path / "answers.json"
    cc.save_answers("before", {"q02": "b"}, path, QUESTIONS)
    old = path.read_bytes()
    course = _course_files()
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_SAVE, str(path)], cwd=ROOT_DIR, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    finally:
        proc.kill()
        proc.wait()
    assert path.read_bytes() == old, "the answers file is whole"
    assert _course_files() == course, "no stray file in the course folder"
    assert cc.save_answers("after", {"q03": "c"}, path, QUESTIONS).ok, "the lock died with the process"
    assert not list(tmp_path.glob("*.tmp")), "the next save removes what the killed one left"
    assert cc.read_answers(path, QUESTIONS).stage("before") == {"q02": "b"}


@pytest.mark.skipif(os.name != "posix", reason="file ownership is a POSIX notion")
def test_a_file_owned_by_another_user_is_neither_read_nor_moved(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "answers.json"
    cc.save_answers("before", {"q01": "a"}, path, QUESTIONS)
    content = path.read_bytes()
    monkeypatch.setattr(os, "geteuid", lambda: path.stat().st_uid + 1)  # as if another user opened it
    saved = cc.read_answers(path, QUESTIONS)
    assert saved.foreign and not saved.damaged and saved.stage("before") == {}
    result = cc.save_answers("before", {"q02": "b"}, path, QUESTIONS)
    assert not result.ok and "another user account" in result.message
    assert cc.repair_answers(path, QUESTIONS).set_aside is None
    assert path.read_bytes() == content and not _set_aside_files(path)
