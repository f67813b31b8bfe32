"""Headless tests of lesson 07's apps: set controls, press buttons, assert the feedback and the figure changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import claim_check as cc
from helpers.apps.claim_check import ClaimCheck
from helpers.apps.review import ClaimSorter
from helpers.claims import load_claims

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
    app.buttons["restart"].click()
    assert app.guesses == {} and sum(_bars(app)[UNSORTED]) == len(CLAIMS)
    assert not app.controls["verdict"].disabled


def test_sorter_rejects_an_unknown_section() -> None:
    with pytest.raises(ValueError, match="section"):
        ClaimSorter(section="Nowhere")


# ------------------------------------------------------------------------------------- ClaimCheck
def _colours(app: ClaimCheck) -> tuple[str, ...]:
    return tuple(app.figure.data[0].marker.color)


def test_check_answers_saves_and_moves_the_figure(tmp_path: Path) -> None:
    path = tmp_path / ".my_answers.json"
    app = ClaimCheck(stage="before", path=path)
    assert not path.exists(), "building the app must not write anything"
    q = QUESTIONS[0]
    before = _colours(app)
    app.controls["answer"].value = q.answer
    fb = app.check()
    assert fb is not None and fb.correct
    assert _colours(app) != before
    assert "✔" in app.feedback.value and "Why:" in app.feedback.value and "Key concept" in app.feedback.value
    assert "before: 1 of 12 right" in app.figure.layout.title.text
    assert json.loads(path.read_text())["claim_check"]["before"] == {q.id: q.answer}
    assert "Saved on this computer" in app.status.value


def test_a_wrong_answer_names_the_best_one_and_the_first_answer_counts(tmp_path: Path) -> None:
    app = ClaimCheck(stage="after", path=tmp_path / "a.json")
    q = QUESTIONS[3]
    app.controls["question"].value = q.id
    wrong = next(o for o, _ in q.options if o != q.answer)
    app.controls["answer"].value = wrong
    app.buttons["check"].click()
    assert "✘" in app.feedback.value and f"best answer is {q.answer.upper()}" in app.feedback.value
    app.controls["answer"].value = q.answer
    app.check()
    assert app.answers["after"] == {q.id: wrong}


def test_moving_between_questions_moves_the_marker_and_the_text(tmp_path: Path) -> None:
    app = ClaimCheck(path=tmp_path / "a.json")
    assert tuple(app.figure.data[1].x) == (1, 1)
    app.buttons["next"].click()
    assert tuple(app.figure.data[1].x) == (2, 2) and "Question 2." in app.question_html.value
    app.controls["question"].value = QUESTIONS[-1].id
    assert tuple(app.figure.data[1].x) == (len(QUESTIONS),) * 2
    app.buttons["next"].click()  # stays on the last question
    assert app.controls["question"].value == QUESTIONS[-1].id
    assert app.check() is None and "Choose A, B or C" in app.status.value


def test_after_the_course_compares_with_the_saved_before_answers(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"claim_check": {"before": {q.id: q.answer for q in QUESTIONS[:4]}}}))
    app = ClaimCheck(stage="after", path=path)
    assert "Found 4 saved answer(s) from before" in app.note.value
    assert "before: 4 of 12 right" in app.figure.layout.title.text
    assert "Take the check again" in app.summary.value
    for q in QUESTIONS[:6]:
        app.controls["question"].value = q.id
        app.controls["answer"].value = q.answer
        app.check()
    assert "2 more right" in app.summary.value and "Right now but not before: question 5, 6" in app.summary.value
    saved = cc.read_answers(path, QUESTIONS)
    assert len(saved.stage("before")) == 4 and len(saved.stage("after")) == 6


def test_reopening_shows_the_saved_answers_locked(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    cc.save_answers("before", {QUESTIONS[0].id: QUESTIONS[0].answer}, path, QUESTIONS)
    app = ClaimCheck(stage="before", path=path)
    assert app.controls["question"].value == QUESTIONS[1].id, "starts at the first unanswered question"
    app.controls["question"].value = QUESTIONS[0].id
    assert app.controls["answer"].value == QUESTIONS[0].answer and app.controls["answer"].disabled


@pytest.mark.parametrize("content", ["{garbage", "[]", '{"claim_check": {"before": 5, "after": {"q01": 9}}}'])
def test_a_damaged_file_starts_afresh_with_a_note(tmp_path: Path, content: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(content)
    app = ClaimCheck(stage="after", path=path)
    assert "could not be fully used" in app.note.value
    assert app.answers == {"before": {}, "after": {}}
    app.controls["answer"].value = "a"
    app.check()
    assert cc.read_answers(path, QUESTIONS).stage("after") == {QUESTIONS[0].id: "a"}


def test_start_again_clears_only_this_sitting(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    cc.save_answers("before", {"q01": "a"}, path, QUESTIONS)
    app = ClaimCheck(stage="after", path=path)
    app.controls["answer"].value = "b"
    app.check()
    app.buttons["restart"].click()
    saved = cc.read_answers(path, QUESTIONS)
    assert saved.stage("after") == {} and saved.stage("before") == {"q01": "a"}
    assert not app.controls["answer"].disabled and app.controls["question"].value == "q01"


def test_check_rejects_an_unknown_stage() -> None:
    with pytest.raises(ValueError, match="stage"):
        ClaimCheck(stage="during")
