"""The class-results app and the claim check's share button, driven headlessly."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.io as pio
import pytest

from helpers import class_results as cr
from helpers import sharing
from helpers.apps.claim_check import ClaimCheck
from helpers.apps.class_results import ClassResults
from helpers.apps.class_share import ClassShare
from helpers.claim_check import load_questions
from helpers.class_results_figures import VIEWS, class_figure

QUESTIONS = load_questions()


def _fill(folder: Path, homes: Path, n: int, right_before: int = 4, right_after: int = 8) -> None:
    wrong = {"a": "b", "b": "c", "c": "a"}
    for k in range(n):
        for sitting, n_right in (("before", right_before + k % 3), ("after", right_after + k % 4)):
            answers = {q.id: (q.answer if i < n_right else wrong[q.answer]) for i, q in enumerate(QUESTIONS)}
            assert sharing.share_answers(sitting, answers, folder=folder, data_dir=homes / f"s{k}").ok


def _shown(app: ClassResults) -> str:
    return pio.to_json(app.figure.to_dict(), pretty=False)


def test_without_a_class_folder_the_app_shows_the_labelled_simulated_class(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(sharing.CLASS_DIR_ENV, raising=False)
    app = ClassResults()
    assert app.simulated and [o[1] for o in app.controls["class"].options] == ["simulated"]
    assert "SIMULATED" in app.figure.layout.title.text and "simulated" in app.banner.value
    assert "95 % interval" in app.words.value and "not a controlled effect" in app.words.value


def test_every_view_redraws_the_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(sharing.CLASS_DIR_ENV, raising=False)
    app = ClassResults()
    seen = {_shown(app)}
    for view in list(VIEWS)[1:]:
        app.controls["view"].value = view
        visible = [t.meta for t in app.figure.data if t.visible]
        assert set(visible) == {view} and all(len(t.x) for t in app.figure.data if t.visible)
        seen.add(_shown(app))
    assert len(seen) == len(VIEWS)


def test_two_students_in_the_class_folder_are_too_few(tmp_path: Path) -> None:
    folder = sharing.make_class_folder(tmp_path / "class")
    _fill(folder, tmp_path, 2)
    app = ClassResults(folder)
    assert not app.simulated and not app.summary.shown
    assert "too few students (2)" in app.figure.layout.title.text.lower()
    assert "too few students (2)" in app.words.value.lower()
    assert all(len(t.x or ()) == 0 for t in app.figure.data), "nothing is drawn below the threshold"
    app.controls["class"].value = "simulated"
    assert app.summary.shown and "SIMULATED" in app.figure.layout.title.text


def test_the_class_folder_is_read_again_on_request(tmp_path: Path) -> None:
    folder = sharing.make_class_folder(tmp_path / "class")
    app = ClassResults(folder)
    assert "No submissions" in app.summary.message
    _fill(folder, tmp_path, 6)
    (folder / "junk.json").write_text("{", encoding="utf-8")
    app.refresh_button.click()
    assert app.summary.shown and app.summary.n_students == 6 and app.summary.gain.n_paired == 6
    assert "junk.json (not valid JSON)" in app.words.value
    bars = [t for t in app.figure.data if t.visible]
    assert sum(bars[0].y) == 6 and sum(bars[1].y) == 6


def test_static_figures_of_each_view_and_a_bad_view() -> None:
    summary = cr.simulated_results()
    for view in VIEWS:
        assert class_figure(summary, view).data
    with pytest.raises(ValueError, match="view"):
        class_figure(summary, "per student")


# ----------------------------------------------------------------------------------------------- share button
def test_the_share_button_is_hidden_without_a_class_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(sharing.CLASS_DIR_ENV, raising=False)
    app = ClaimCheck("before", path=tmp_path / "answers.json")
    assert not app.share.offered and app.share.ui.layout.display == "none"


def test_the_claim_check_offers_sharing_after_a_complete_sitting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = sharing.make_class_folder(tmp_path / "class")
    monkeypatch.setenv(sharing.CLASS_DIR_ENV, str(folder))
    monkeypatch.setenv("SCIATICA_COURSE_DATA_DIR", str(tmp_path / "me"))
    app = ClaimCheck("before", path=tmp_path / "me" / "answers.json")
    share = app.share
    assert share.offered and share.ui.layout.display is None
    assert share.button.disabled and "Once all 12 questions are answered" in share.text.value
    assert "does not send your name" in share.text.value
    for q in QUESTIONS:
        app.controls["question"].value = q.id
        app.controls["answer"].value = q.answer
        app.check()
    assert not share.button.disabled
    share.button.click()
    assert "Shared: 12 answers" in share.status.value
    (path,) = folder.glob("claim-check-*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["sitting"] == "before" and data["answers"] == {q.id: q.answer for q in QUESTIONS}
    assert (tmp_path / "me" / sharing.ID_NAME).exists(), "the id is kept in the student's own folder"


def test_class_share_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError, match="sitting"):
        ClassShare("during", dict, 12)
    with pytest.raises(ValueError, match="answers"):
        ClassShare("before", {}, 12)  # type: ignore[arg-type]
