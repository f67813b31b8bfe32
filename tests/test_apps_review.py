"""Headless tests of lesson 07's apps: set controls, press buttons, assert the feedback and the figure changed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from helpers import claim_check as cc
from helpers import sorter as sorter_logic
from helpers.apps.claim_check import ClaimCheck
from helpers.apps.sorter import ClaimSorter
from helpers.ledger import load_claims

CLAIMS = load_claims()
LEDGER = dict(zip(CLAIMS["id"], CLAIMS["verdict"], strict=True))
QUESTIONS = cc.load_questions()


def _bars(app: ClaimSorter) -> dict[str, tuple[int, ...]]:
    """Claims per section for each state, by trace name: "agrees with the ledger", "differs from the ledger",
    "not sorted yet"."""
    return {trace.name: tuple(trace.x) for trace in app.figure.data}


AGREE, DIFFER, UNSORTED = "agrees with the ledger", "differs from the ledger", "not sorted yet"


# ------------------------------------------------------------------------------------- ClaimSorter
def test_sorter_starts_with_every_claim_unsorted() -> None:
    app = ClaimSorter()
    assert {"section", "claim", "verdict"} <= set(app.controls)
    assert sum(_bars(app)[UNSORTED]) == len(CLAIMS) and sum(_bars(app)[AGREE]) == 0
    assert app.controls["claim"].value == CLAIMS["id"].iloc[0]
    assert "Which verdict" in app.card.value and "run this cell" in app._repr_mimebundle_()["text/plain"]
    assert "No claim sorted yet" in app.summary.value


def test_checking_a_verdict_shows_feedback_and_moves_the_figure() -> None:
    app = ClaimSorter(section="causes")
    app.controls["claim"].value = "cau06"
    before = _bars(app)
    app.controls["verdict"].value = "contradicted"
    fb = app.check()
    assert fb is not None and fb.agree
    assert _bars(app) != before and sum(_bars(app)[AGREE]) == 1
    assert "✔ Agreed" in app.card.value and "85" in app.card.value and "Koes" in app.card.value
    assert "agree on 1 of the 1" in app.figure.layout.title.text
    assert app.controls["verdict"].disabled and "first verdict" in app.status.value


def test_a_disagreement_explains_itself_and_the_first_verdict_counts() -> None:
    app = ClaimSorter(section="causes")
    app.controls["claim"].value = "cau01"  # the ledger: untested
    app.controls["verdict"].value = "contradicted"
    app.buttons["check"].click()
    assert "✘ Different" in app.card.value and "not evidence against" in app.card.value
    assert sum(_bars(app)[DIFFER]) == 1
    app.controls["verdict"].value = "untested"  # changing it afterwards does not rewrite the record
    app.check()
    assert app.guesses == {"cau01": "contradicted"} and sum(_bars(app)[DIFFER]) == 1


def test_checking_without_a_verdict_asks_for_one() -> None:
    app = ClaimSorter()
    assert app.check() is None
    assert "Choose a verdict" in app.status.value and app.guesses == {}


def test_next_moves_through_a_section_and_into_the_next() -> None:
    app = ClaimSorter(section="treatment")
    ids = app.claim_ids()
    assert app.controls["claim"].value == ids[0]
    app.buttons["next"].click()
    assert app.controls["claim"].value == ids[1]
    app.buttons["next"].click()
    assert app.controls["section"].value == "How do Acupuncture & Chinese herbs work?"
    assert "▶ How acupuncture" in app.figure.layout.yaxis.ticktext[-1]
    app.buttons["previous"].click()
    assert app.controls["claim"].value == ids[-1]
    with pytest.raises(ValueError, match="offset"):
        app.step(2)


def test_section_change_marks_the_section_in_the_figure() -> None:
    app = ClaimSorter()
    ticks = app.figure.layout.yaxis.ticktext
    app.controls["section"].value = "Physiological Mechanisms"
    assert app.figure.layout.yaxis.ticktext != ticks
    assert app.figure.layout.yaxis.ticktext[3].startswith("▶")
    assert all(i.startswith("mec") for _, i in app.controls["claim"].options)


def test_sorting_the_whole_ledger_and_starting_again() -> None:
    app = ClaimSorter()
    for claim_id, verdict in LEDGER.items():
        app.controls["claim"].value = claim_id
        app.controls["verdict"].value = verdict
        app.check()
    assert sum(_bars(app)[AGREE]) == len(CLAIMS) and sum(_bars(app)[UNSORTED]) == 0
    assert f"{len(CLAIMS)} of {len(CLAIMS)} claims and agree with the ledger on {len(CLAIMS)}" in app.summary.value
    app.buttons["restart"].click()  # the first click only asks
    assert app.guesses and "Yes, forget" in app.buttons["restart"].description
    app.buttons["restart"].click()
    assert app.guesses == {} and sum(_bars(app)[UNSORTED]) == len(CLAIMS)
    assert not app.controls["verdict"].disabled


def _sort(app: ClaimSorter, claim_id: str, verdict: str) -> None:
    app.controls["claim"].value = claim_id
    app.controls["verdict"].value = verdict
    app.buttons["check"].click()


def test_start_again_asks_first_and_keep_forgets_nothing(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    app = ClaimSorter(path=path)
    app.buttons["restart"].click()
    assert "no verdicts to forget" in app.status.value and app.buttons["restart"].description == "Start again"
    ids = list(LEDGER)[:3]
    for claim_id in ids:
        _sort(app, claim_id, LEDGER[claim_id])
    app.buttons["restart"].click()
    assert app.buttons["restart"].description == "Yes, forget 3 verdicts"
    assert app.buttons["keep"].layout.display is None and "forgets all 3" in app.status.value
    app.buttons["keep"].click()
    assert app.buttons["restart"].description == "Start again" and app.buttons["keep"].layout.display == "none"
    assert len(app.guesses) == 3 and "kept" in app.status.value
    app.buttons["restart"].click()
    app.controls["claim"].value = list(LEDGER)[5]  # moving on cancels the question
    assert app.buttons["restart"].description == "Start again"
    assert sorter_logic.read_verdicts(path, list(LEDGER)).as_dict() == {i: LEDGER[i] for i in ids}
    app.buttons["restart"].click()
    app.buttons["restart"].click()
    assert app.guesses == {} and sorter_logic.read_verdicts(path, list(LEDGER)).as_dict() == {}


def test_sorter_verdicts_are_kept_per_user_and_come_back(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    first = ClaimSorter(path=path)
    assert not path.exists(), "building the sorter writes nothing"
    _sort(first, "cau06", "contradicted")
    _sort(first, "cau01", "supported")
    assert "first verdict" in first.status.value and "kept in this notebook only" not in first.status.value
    again = ClaimSorter(path=path)
    assert again.guesses == {"cau06": "contradicted", "cau01": "supported"}
    assert "Found 2 saved verdicts" in again.status.value and sum(_bars(again)[AGREE]) == 1
    assert ClaimSorter().path == sorter_logic.verdicts_file()
    assert sorter_logic.verdicts_file().parent == cc.answers_dir(), "beside the claim check's answers"


@pytest.mark.parametrize("content", [b"{garbage", b"[1]", b'{"claim_sorter": {"cau06": "maybe", "nope": "supported"}}'])
def test_a_damaged_verdicts_file_never_raises_and_is_set_aside_not_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "v.json"
    path.write_bytes(content)
    app = ClaimSorter(path=path)
    assert app.guesses == {} and "could not be read" in app.status.value
    _sort(app, "cau06", "contradicted")
    assert sorter_logic.read_verdicts(path, list(LEDGER)).as_dict() == {"cau06": "contradicted"}
    aside = list(tmp_path.glob("v.unreadable-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == content


def test_sorter_rejects_an_unknown_section() -> None:
    with pytest.raises(ValueError, match="section"):
        ClaimSorter(section="Nowhere")


# ------------------------------------------------------------------------------------- ClaimCheck
@pytest.fixture(autouse=True)
def _private_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app in these tests saves into the test's own folder, never the user's real answers file."""
    monkeypatch.setenv(cc.DATA_DIR_ENV, str(tmp_path / "data"))


def _colours(app: ClaimCheck) -> tuple[str, ...]:
    return tuple(_trace(app, "answers").marker.color)


def _trace(app: ClaimCheck, name: str) -> Any:
    return next(t for t in app.figure.data if t.name == name)


def _answer(app: ClaimCheck, qid: str, letter: str) -> None:
    app.controls["question"].value = qid
    app.controls["answer"].value = letter
    app.buttons["check"].click()


def _shown_text(app: ClaimCheck) -> str:
    """Everything the app shows besides the question itself."""
    return " ".join(
        [
            app.note.value,
            app.feedback.value,
            app.status.value,
            app.summary.value,
            app.figure.layout.title.text,
            str(_trace(app, "answers").customdata),
        ]
    )


def test_the_default_file_is_the_users_own_and_the_app_says_where(tmp_path: Path) -> None:
    app = ClaimCheck(stage="before")
    assert app.path == tmp_path / "data" / cc.ANSWERS_NAME
    assert str(app.path) in app.note.value and "outside the course folder" in app.note.value


def test_before_the_course_answers_are_recorded_without_right_or_wrong(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    app = ClaimCheck(stage="before", path=path)
    assert not path.exists(), "building the app must not write anything"
    before = _colours(app)
    wrong_answers = {q.id: next(o for o, _ in q.options if o != q.answer) for q in QUESTIONS}
    for q in QUESTIONS:
        _answer(app, q.id, q.answer if q.number % 2 else wrong_answers[q.id])
        text = _shown_text(app)
        for giveaway in (
            "✔",
            "✘",
            "best answer",
            "Why:",
            "Key concept",
            " right)",
            "12 right",
            "'right'",
            "'wrong'",
            "References",
        ):
            assert giveaway not in text, (q.id, giveaway)
        assert f"Recorded: {app.answers['before'][q.id].upper()} for question {q.number}" in app.status.value
    assert _colours(app) != before and len(set(_colours(app)[: len(QUESTIONS)])) == 1, "one colour: recorded"
    assert "before: 12 of 12 answered" in app.figure.layout.title.text
    assert not _trace(app, "right").visible and _trace(app, "recorded").visible
    saved = json.loads(path.read_text())["claim_check"]["before"]
    assert len(saved) == len(QUESTIONS) and "Saved for you only" in app.status.value


def test_after_the_course_results_come_once_every_question_is_answered(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    cc.save_answers("before", {q.id: q.answer for q in QUESTIONS[:4]}, path, QUESTIONS)
    app = ClaimCheck(stage="after", path=path)
    assert "Found 4 saved answers from before" in app.note.value
    assert "before: 4 of 12 answered" in app.figure.layout.title.text
    for q in QUESTIONS[:-1]:
        _answer(app, q.id, q.answer)
        assert "✔" not in app.feedback.value and "Why:" not in app.feedback.value and not app.results_shown
    q = QUESTIONS[-1]
    wrong = next(o for o, _ in q.options if o != q.answer)
    _answer(app, q.id, wrong)
    assert app.results_shown and "All questions are answered" in app.status.value
    assert "✘" in app.feedback.value and f"best answer is {q.answer.upper()}" in app.feedback.value
    assert "Why:" in app.feedback.value and "Key concept" in app.feedback.value
    assert (
        "before: 4 of 12 right" in app.figure.layout.title.text
        and "after: 11 of 12 right" in app.figure.layout.title.text
    )
    assert "7 more right" in app.summary.value and "regression to the mean" in app.summary.value
    assert "same questions a second time" in app.summary.value
    assert _trace(app, "right").visible and not _trace(app, "recorded").visible
    app.controls["question"].value = QUESTIONS[0].id
    assert "✔" in app.feedback.value
    saved = cc.read_answers(path, QUESTIONS)
    assert len(saved.stage("before")) == 4 and len(saved.stage("after")) == len(QUESTIONS)


def test_the_first_answer_counts(tmp_path: Path) -> None:
    app = ClaimCheck(stage="after", path=tmp_path / "a.json")
    q = QUESTIONS[3]
    _answer(app, q.id, "a")
    app.controls["question"].value = q.id
    assert app.controls["answer"].value == "a" and app.controls["answer"].disabled
    app.controls["answer"].value = "b"
    assert app.check() == "a" and app.answers["after"] == {q.id: "a"}
    assert app.controls["question"].value == q.id, "re-recording an answered question does not move on"


def test_recording_moves_to_the_next_unanswered_question(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    cc.save_answers("before", {QUESTIONS[1].id: "a"}, path, QUESTIONS)
    app = ClaimCheck(stage="before", path=path)
    assert app.controls["question"].value == QUESTIONS[0].id
    app.controls["answer"].value = "c"
    app.buttons["check"].click()
    assert app.controls["question"].value == QUESTIONS[2].id, "skips question 2, already answered"
    assert app.controls["answer"].value is None and not app.controls["answer"].disabled
    assert "Recorded: C for question 1" in app.status.value and "Here is question 3." in app.status.value
    assert tuple(_trace(app, "current question").x) == (3, 3)
    _answer(app, QUESTIONS[-1].id, "b")  # the last question goes round to the first unanswered one
    assert app.controls["question"].value == QUESTIONS[2].id


def test_the_last_after_answer_stays_to_show_its_explanation(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    app = ClaimCheck(stage="after", path=path)
    for q in QUESTIONS[1:]:
        _answer(app, q.id, q.answer)
    _answer(app, QUESTIONS[0].id, QUESTIONS[0].answer)
    assert app.results_shown and app.controls["question"].value == QUESTIONS[0].id
    assert "Why:" in app.feedback.value


def test_moving_between_questions_moves_the_marker_and_the_text() -> None:
    app = ClaimCheck()
    assert tuple(_trace(app, "current question").x) == (1, 1)
    app.buttons["next"].click()
    assert tuple(_trace(app, "current question").x) == (2, 2) and "Question 2." in app.question_html.value
    app.controls["question"].value = QUESTIONS[-1].id
    assert tuple(_trace(app, "current question").x) == (len(QUESTIONS),) * 2
    app.buttons["next"].click()  # stays on the last question
    assert app.controls["question"].value == QUESTIONS[-1].id
    assert app.check() is None and "Choose A, B or C" in app.status.value


def test_reopening_shows_the_saved_answers_locked(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    cc.save_answers("before", {QUESTIONS[0].id: QUESTIONS[0].answer}, path, QUESTIONS)
    app = ClaimCheck(stage="before", path=path)
    assert app.controls["question"].value == QUESTIONS[1].id, "starts at the first unanswered question"
    app.controls["question"].value = QUESTIONS[0].id
    assert app.controls["answer"].value == QUESTIONS[0].answer and app.controls["answer"].disabled


def test_two_notebooks_on_the_same_sitting_keep_both_answers(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    one, two = ClaimCheck(stage="before", path=path), ClaimCheck(stage="before", path=path)
    _answer(one, "q01", "a")
    _answer(two, "q02", "b")
    assert cc.read_answers(path, QUESTIONS).stage("before") == {"q01": "a", "q02": "b"}
    assert two.answers["before"] == {"q01": "a", "q02": "b"}


@pytest.mark.parametrize("content", ["{garbage", "[]", '{"claim_check": {"before": 5, "after": {"q01": 9}}}'])
def test_an_unreadable_file_is_kept_aside_and_the_app_says_so(tmp_path: Path, content: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(content)
    app = ClaimCheck(stage="after", path=path)
    (aside,) = tmp_path.glob("a.unreadable-*.json")
    assert aside.read_text() == content, "the damaged content survives beside the new file"
    assert "could not be read in full" in app.note.value and aside.name in app.note.value
    assert app.answers == {"before": {}, "after": {}}
    _answer(app, QUESTIONS[0].id, "a")
    assert cc.read_answers(path, QUESTIONS).stage("after") == {QUESTIONS[0].id: "a"}
    assert aside.read_text() == content


def test_start_again_asks_for_a_second_click_and_clears_only_this_sitting(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    cc.save_answers("before", {"q01": "a"}, path, QUESTIONS)
    app = ClaimCheck(stage="after", path=path)
    _answer(app, "q01", "b")
    app.buttons["restart"].click()
    assert cc.read_answers(path, QUESTIONS).stage("after") == {"q01": "b"}, "one click forgets nothing"
    assert app.buttons["restart"].description == "Yes, forget 1 answer" and app.buttons["keep"].layout.display is None
    assert "Click “Yes, forget” to confirm" in app.status.value
    app.buttons["keep"].click()
    assert app.buttons["restart"].description == "Start this check again" and app.answers["after"] == {"q01": "b"}
    app.buttons["restart"].click()
    app.buttons["next"].click()  # moving on cancels too
    app.buttons["restart"].click()
    assert cc.read_answers(path, QUESTIONS).stage("after") == {"q01": "b"}
    app.buttons["restart"].click()
    saved = cc.read_answers(path, QUESTIONS)
    assert saved.stage("after") == {} and saved.stage("before") == {"q01": "a"}
    assert not app.controls["answer"].disabled and app.controls["question"].value == "q01"
    assert app.buttons["keep"].layout.display == "none"


def test_check_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="stage"):
        ClaimCheck(stage="during")
    with pytest.raises(ValueError, match="path"):
        ClaimCheck(path=5)  # type: ignore[arg-type]


@pytest.mark.skipif(os.name != "posix", reason="file ownership is a POSIX notion")
def test_a_file_of_another_user_is_left_alone_and_the_app_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.json"
    cc.save_answers("before", {"q01": "a"}, path, QUESTIONS)
    monkeypatch.setattr(os, "geteuid", lambda: path.stat().st_uid + 1)
    app = ClaimCheck(stage="before", path=path)
    assert "belongs to another user account" in app.note.value and app.answers["before"] == {}
    _answer(app, "q02", "b")
    assert "kept in this notebook only" in app.status.value and app.answers["before"] == {"q02": "b"}
