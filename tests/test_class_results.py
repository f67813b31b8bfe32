"""Class results: summarize against hand-computed small classes and a simulation with a known effect,
the privacy threshold, damaged and foreign submission files, and a later submission superseding an earlier one."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import class_results as cr
from helpers import sharing
from helpers.claim_check import Question, load_questions

QUESTIONS = load_questions()
T4 = 2.77644511  # Student's t, 97.5 % quantile, 4 degrees of freedom


def _question(qid: str, number: int, concept: str) -> Question:
    return Question(qid, number, concept, "s", "q", (("a", "A"), ("b", "B"), ("c", "C")), "a", "e", (), ())


#: A three-question check: concept c1 rests on two questions, c2 on one. The right answer is always "a".
SMALL = (_question("x1", 1, "c1"), _question("x2", 2, "c1"), _question("x3", 3, "c2"))
#: Five students, right (1) or not (0) on x1 x2 x3, before and after.
HAND = {
    "student 1": ("000", "110"),
    "student 2": ("100", "111"),
    "student 3": ("110", "110"),
    "student 4": ("000", "001"),
    "student 5": ("111", "111"),
}


def _frame(patterns: dict[str, tuple[str | None, str | None]], ids=("x1", "x2", "x3")) -> pd.DataFrame:
    rows = []
    for student, sittings in patterns.items():
        for sitting, pattern in zip(cr.SITTINGS, sittings, strict=True):
            if pattern is None:
                continue
            for qid, bit in zip(ids, pattern, strict=True):
                rows.append((student, sitting, qid, "a" if bit == "1" else "b", bit == "1"))
    return pd.DataFrame(rows, columns=list(cr.COLUMNS))


# ----------------------------------------------------------------------------------------------- hand-computed
def test_summarize_matches_a_hand_computed_class() -> None:
    result = cr.summarize(_frame(HAND), SMALL)
    assert result.shown and result.n_students == result.n_before == result.n_after == 5
    # changes in questions right: 2, 2, 0, 1, 0 -> mean 1, SD 1
    half = T4 * 1.0 / math.sqrt(5)
    assert result.gain.n_paired == 5
    assert result.gain.mean == pytest.approx(1.0)
    assert (result.gain.low, result.gain.high) == (pytest.approx(1 - half), pytest.approx(1 + half))
    q = result.by_question
    assert list(q.index) == ["x1", "x2", "x3"]
    assert q["p_before"].tolist() == pytest.approx([0.6, 0.4, 0.2])
    assert q["p_after"].tolist() == pytest.approx([0.8, 0.8, 0.6])
    # corrected item-total correlations after: x1 0.4 / sqrt(0.96); x3 -0.8 / sqrt(3.84)
    assert q.loc["x1", "discrimination"] == pytest.approx(0.4 / math.sqrt(0.96))
    assert q.loc["x3", "discrimination"] == pytest.approx(-0.8 / math.sqrt(3.84))
    assert "negative discrimination" in q.loc["x3", "flag"] and q.loc["x1", "flag"] == ""
    c = result.by_concept
    assert c["n_items"].to_dict() == {"c1": 2, "c2": 1}
    # c1 per student: 100, 50, 0, 0, 0 pp (mean 30, SD sqrt(2000)); c2: 0, 100, 0, 100, 0 (mean 40, SD sqrt(3000))
    assert c.loc["c1", "gain_pp"] == pytest.approx(30.0)
    assert c.loc["c1", "low_pp"] == pytest.approx(30 - T4 * math.sqrt(2000) / math.sqrt(5))
    assert c.loc["c2", "gain_pp"] == pytest.approx(40.0)
    assert c.loc["c2", "high_pp"] == pytest.approx(40 + T4 * math.sqrt(3000) / math.sqrt(5))
    assert any("1 of the 2 key concepts rest on one question" in note for note in result.notes)
    assert result.score_counts["before"].tolist() == [2, 1, 1, 1]
    assert result.score_counts["after"].tolist() == [0, 1, 2, 2]
    assert result.mean_score == pytest.approx({"before": 1.2, "after": 2.2})


def test_only_students_with_both_sittings_enter_the_paired_gain() -> None:
    extra = {**HAND, "student 6": ("000", None), "student 7": (None, "111")}
    result = cr.summarize(_frame(extra), SMALL)
    assert (result.n_students, result.n_before, result.n_after, result.gain.n_paired) == (7, 6, 6, 5)
    assert result.gain.mean == pytest.approx(1.0), "unpaired students must not move the paired mean"
    assert result.by_question.loc["x1", "p_before"] == pytest.approx(3 / 6)


def test_a_ceiling_question_is_flagged() -> None:
    result = cr.summarize(_frame({f"student {i}": ("100", "100") for i in range(1, 6)}), SMALL)
    assert "little room to learn" in result.by_question.loc["x1", "flag"]
    assert np.isnan(result.by_question.loc["x1", "discrimination"]), "no spread, no correlation"
    assert result.gain.mean == 0 and result.gain.low == result.gain.high == 0


def test_nobody_paired_gives_no_interval_and_says_why() -> None:
    patterns = {f"student {i}": ("100", None) for i in range(1, 6)}
    patterns |= {f"student {i}": (None, "110") for i in range(6, 11)}
    result = cr.summarize(_frame(patterns), SMALL)
    assert result.shown and result.gain.n_paired == 0
    assert result.gain.mean is result.gain.low is result.gain.high is None
    assert "nobody shared both sittings" in result.gain.why
    assert result.by_concept["gain_pp"].isna().all()
    assert result.by_question["p_after"].tolist() == pytest.approx([1.0, 1.0, 0.0])


def test_few_pairs_give_no_interval() -> None:
    patterns = {f"student {i}": ("100", "110") for i in range(1, 4)}
    patterns |= {f"student {i}": ("100", None) for i in range(4, 7)}
    result = cr.summarize(_frame(patterns), SMALL)
    assert result.gain.mean is None and "only 3 students shared both" in result.gain.why


# ----------------------------------------------------------------------------------------------- privacy
@pytest.mark.parametrize("n", [1, 2, 4])
def test_nothing_is_shown_below_the_privacy_threshold(n: int) -> None:
    result = cr.summarize(_frame(dict(list(HAND.items())[:n])), SMALL)
    assert not result.shown
    assert f"too few students ({n})" in result.message.lower()
    assert result.gain.mean is None and result.gain.n_paired == 0
    assert result.by_question.empty and result.by_concept.empty and result.score_counts.empty
    assert not result.mean_score


def test_threshold_is_five() -> None:
    assert cr.MIN_STUDENTS == 5
    assert cr.summarize(_frame(dict(list(HAND.items())[:5])), SMALL).shown


def test_a_sitting_shared_by_too_few_is_not_shown() -> None:
    patterns = {f"student {i}": ("100", None) for i in range(1, 6)} | {"student 6": ("000", "111")}
    result = cr.summarize(_frame(patterns), SMALL)
    assert result.shown and list(result.score_counts.columns) == ["before"]
    assert result.by_question["p_after"].isna().all() and result.by_question["discrimination"].isna().all()
    assert any("Only 1 students shared the after-course sitting" in n for n in result.notes)


def test_no_per_student_row_leaves_the_module() -> None:
    frame = cr.simulate_class(40, seed=3)
    result = cr.summarize(frame)
    tables = [result.score_counts, result.by_question, result.by_concept]
    for table in tables:
        labels = [*map(str, table.index), *map(str, table.columns)]
        assert not any(label.startswith("student") for label in labels)
        assert len(table) != result.n_students or table is result.score_counts
    assert "student 1" not in repr(result)


# ----------------------------------------------------------------------------------------------- bad arguments
def test_an_empty_frame_is_a_value_error_naming_answers() -> None:
    with pytest.raises(ValueError, match="answers"):
        cr.summarize(_frame({}))
    with pytest.raises(ValueError, match="answers"):
        cr.summarize("not a frame")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="answers: missing column"):
        cr.summarize(pd.DataFrame({"student": ["s"]}))
    with pytest.raises(ValueError, match="answers: unknown question"):
        cr.summarize(_frame({"s": ("1", "1")}, ids=("zz",)), SMALL)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"n_students": 0}, "n_students"), ({"seed": -1}, "seed"), ({"effect": 9.0}, "effect"),
     ({"share_after": 1.5}, "share_after"), ({"n_students": 2.5}, "n_students")],
)  # fmt: skip
def test_simulate_class_names_a_bad_argument(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        cr.simulate_class(**kwargs)


def test_collect_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="folder"):
        cr.collect(tmp_path / "nope")


def test_t975_small_and_large() -> None:
    assert cr.t975(4) == pytest.approx(2.776445, abs=1e-6)
    assert cr.t975(30) == pytest.approx(2.042272, abs=1e-4)
    with pytest.raises(ValueError, match="df"):
        cr.t975(0)


# ----------------------------------------------------------------------------------------------- simulation
def test_simulated_class_is_seeded_and_uses_the_item_table() -> None:
    a, b = cr.simulate_class(20, seed=7), cr.simulate_class(20, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert set(a["question"]) == {q.id for q in QUESTIONS}
    keys = {q.id: q.answer for q in QUESTIONS}
    assert (a["correct"] == [keys[q] == x for q, x in zip(a["question"], a["answer"], strict=True)]).all()
    assert not a.equals(cr.simulate_class(20, seed=8))


def test_a_larger_effect_gives_a_larger_gain() -> None:
    small = cr.summarize(cr.simulate_class(400, seed=1, effect=0.2)).gain.mean
    large = cr.summarize(cr.simulate_class(400, seed=1, effect=2.0)).gain.mean
    assert large > small + 1


@settings(max_examples=3, deadline=None)
@given(base=st.integers(0, 10**6), effect=st.sampled_from([0.0, 0.8, 2.0]))
def test_the_interval_covers_the_known_effect_in_about_95_percent_of_seeds(base: int, effect: float) -> None:
    true = cr.expected_gain(effect, len(QUESTIONS))
    covered = []
    for seed in range(base, base + 200):
        gain = cr.summarize(cr.simulate_class(30, seed=seed, effect=effect, questions=QUESTIONS), QUESTIONS).gain
        covered.append(gain.low <= true <= gain.high)
    assert 0.90 <= np.mean(covered) <= 0.985, f"coverage {np.mean(covered):.3f} for effect {effect}"


# ----------------------------------------------------------------------------------------------- collect
def _answers(n_right: int) -> dict[str, str]:
    wrong = {"a": "b", "b": "c", "c": "a"}
    return {q.id: (q.answer if i < n_right else wrong[q.answer]) for i, q in enumerate(QUESTIONS)}


def _share(folder: Path, home: Path, sitting: str, n_right: int, time: datetime | None = None) -> Path:
    result = sharing.share_answers(sitting, _answers(n_right), folder=folder, data_dir=home, time=time)
    assert result.ok, result.message
    assert result.path is not None
    return result.path


def test_collect_reads_shared_files_and_skips_damaged_and_foreign_ones(tmp_path: Path) -> None:
    folder = sharing.make_class_folder(tmp_path / "class")
    for k in range(2):
        _share(folder, tmp_path / f"home{k}", "before", 3 + k)
        _share(folder, tmp_path / f"home{k}", "after", 6 + k)
    (folder / "broken.json").write_text('{"id": ', encoding="utf-8")
    (folder / "foreign.json").write_text(json.dumps({"name": "x", "score": 3}), encoding="utf-8")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "list.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "huge.json").write_text(" " * (cr.MAX_FILE_BYTES + 1), encoding="utf-8")
    good = json.loads(next(folder.glob("claim-check-*.json")).read_text(encoding="utf-8"))
    (folder / "badletter.json").write_text(json.dumps(good | {"answers": {"q01": "z"}}), encoding="utf-8")
    (folder / "oldformat.json").write_text(json.dumps(good | {"format": 99}), encoding="utf-8")
    (folder / "unknownq.json").write_text(json.dumps(good | {"answers": {"nope": "a"}}), encoding="utf-8")
    (folder / ".claim-check-x.json.tmp").write_text("half", encoding="utf-8")  # a share in progress
    (folder / "sub").mkdir()
    frame = cr.collect(folder)
    skipped = {s.name: s.reason for s in frame.attrs["skipped"]}
    assert set(skipped) == {
        "broken.json", "foreign.json", "binary.json", "list.json", "huge.json", "badletter.json", "oldformat.json",
        "unknownq.json",
    }  # fmt: skip
    assert "not valid JSON" in skipped["broken.json"] and "not a claim-check submission" in skipped["foreign.json"]
    assert "format 99" in skipped["oldformat.json"] and "unknown question" in skipped["unknownq.json"]
    assert "skipped broken.json: not valid JSON" in cr.skipped_text(frame)
    assert list(frame.columns) == list(cr.COLUMNS)
    assert sorted(frame["student"].unique()) == ["student 1", "student 2"]
    assert len(frame) == 2 * 2 * len(QUESTIONS)
    totals = frame.groupby(["student", "sitting"])["correct"].sum().sort_values().tolist()
    assert totals == [3, 4, 6, 7]
    assert frame["correct"].dtype == bool


def test_a_later_submission_supersedes_the_earlier_one_without_overwriting_it(tmp_path: Path) -> None:
    folder = sharing.make_class_folder(tmp_path / "class")
    t0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    first = _share(folder, tmp_path / "home", "before", 2, t0)
    second = _share(folder, tmp_path / "home", "before", 9, t0 + timedelta(minutes=5))
    older = _share(folder, tmp_path / "home", "before", 5, t0 - timedelta(minutes=5))  # written last, but earlier
    assert first.exists() and second.exists() and older.exists() and len({first, second, older}) == 3
    frame = cr.collect(folder)
    assert frame["student"].nunique() == 1 and frame["correct"].sum() == 9
    assert frame.attrs["superseded"] == 2


def test_collect_of_an_empty_folder_gives_an_empty_frame_that_summarize_refuses(tmp_path: Path) -> None:
    frame = cr.collect(tmp_path)
    assert frame.empty and list(frame.columns) == list(cr.COLUMNS) and frame.attrs["skipped"] == ()
    with pytest.raises(ValueError, match="answers"):
        cr.summarize(frame)


def test_two_students_in_a_folder_are_too_few(tmp_path: Path) -> None:
    folder = sharing.make_class_folder(tmp_path / "class")
    for k in range(2):
        _share(folder, tmp_path / f"home{k}", "before", 4)
    result = cr.summarize(cr.collect(folder))
    assert not result.shown and "too few students (2)" in result.message.lower()
