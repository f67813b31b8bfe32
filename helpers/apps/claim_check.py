"""The claim-evaluation check as a widget: multiple-choice questions, before and after the course."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import boxes, style
from helpers import claim_check as logic
from helpers.apps.base import App, labelled
from helpers.apps.class_share import ClassShare
from helpers.claim_review_figures import ANSWER_COLOURS, ANSWER_SYMBOLS, add_check_grid, check_matrix, check_title

_P = "<p style='margin:6px 0'>"
#: A square's state while the results are not shown yet: answered, without saying right or wrong.
RECORDED = "recorded"
_COLOURS: dict[str, str] = {**ANSWER_COLOURS, RECORDED: style.BLUE}
_SYMBOLS: dict[str, str] = {**ANSWER_SYMBOLS, RECORDED: "●"}
_WARN = "<span style='font-size:15px'>{}</span>"
_INFO = "<span style='font-size:14px'>{}</span>"


class ClaimCheck(App):
    """Answer the course's claim-evaluation check one question at a time, before and after the course.

    Choose A, B or C and press "Record my answer"; the first answer recorded counts, and the check moves on to the
    next question not yet answered (it stays put once the results are shown, to show the explanation). Before the
    course the check only records answers: it does not say which are right, so that it teaches nothing the second
    sitting then measures. Once every question of the "after" sitting is answered, the right answers, the
    explanations, both scores and the comparison are shown. Answers are saved for this user only, outside the
    course folder (:func:`helpers.claim_check.answers_file`); an unreadable file is kept aside and the check
    starts afresh. "Start this check again" asks for a second click before it forgets a sitting.

    Parameters
    ----------
    stage : ``"before"`` (00_start_here) or ``"after"`` (07_review).
    path : the answers file (default :func:`helpers.claim_check.answers_file`, read when the app is built).
    """

    def __init__(self, stage: str = "before", path: Path | str | None = None) -> None:
        if stage not in logic.STAGES:
            raise ValueError(f"stage: {stage!r} is not allowed; allowed: {', '.join(logic.STAGES)}")
        if path is not None and not isinstance(path, str | Path):
            raise ValueError(f"path: expected a file path (str or Path) or None, got {type(path).__name__}")
        self.stage = stage
        self.path = logic.answers_file() if path is None else Path(path)
        self.title = f"Claim check ({logic.STAGE_LABELS[stage].lower()})"
        self.questions = logic.load_questions()
        self._by_id = {q.id: q for q in self.questions}
        self._confirming = False
        saved = logic.read_answers(self.path, self.questions)
        repaired = logic.repair_answers(self.path, self.questions) if saved.damaged else None
        if repaired is not None and repaired.saved is not None:
            saved = repaired.saved
        self.answers: dict[str, dict[str, str]] = {s: saved.stage(s) for s in logic.STAGES}
        self.controls = {
            "question": labelled(
                widgets.Dropdown(
                    options=[(f"Question {q.number} of {len(self.questions)}", q.id) for q in self.questions]
                ),
                "Question",
                width="300px",
            ),
            "answer": labelled(
                widgets.RadioButtons(options=[(o.upper(), o) for o in logic.CLAIM_CHECK_OPTIONS], value=None),
                "Your answer",
                width="260px",
            ),
        }
        self.buttons = {
            "check": widgets.Button(
                description="Record my answer", button_style="primary", layout=widgets.Layout(width="200px")
            ),
            "previous": widgets.Button(description="◀ Previous question", layout=widgets.Layout(width="200px")),
            "next": widgets.Button(description="Next question ▶", layout=widgets.Layout(width="200px")),
            "restart": widgets.Button(
                description="Start this check again", button_style="warning", layout=widgets.Layout(width="260px")
            ),
            "keep": widgets.Button(
                description="No, keep my answers", layout=widgets.Layout(width="200px", display="none")
            ),
        }
        self.question_html = widgets.HTML()
        self.feedback = widgets.HTML()
        self.status = widgets.HTML()
        self.summary = widgets.HTML()
        self.note = widgets.HTML(self._note_html(saved, repaired))
        self.figure = go.FigureWidget()
        style.apply(self.figure, self.title, "Question (number)", None, height=330)
        add_check_grid(self.figure, check_matrix(self._scores(), list(self._by_id)))
        self.figure.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=RECORDED,
            visible=False,
            marker={"symbol": "square", "size": 14, "color": _COLOURS[RECORDED]},
        )
        self.controls["question"].observe(self._show_question, names="value")
        self.buttons["check"].on_click(lambda _b: self.check())
        self.buttons["next"].on_click(lambda _b: self.step(1))
        self.buttons["previous"].on_click(lambda _b: self.step(-1))
        self.buttons["restart"].on_click(lambda _b: self.restart())
        self.buttons["keep"].on_click(lambda _b: self.keep())
        # offered only when the instructor has set a class folder
        self.share = ClassShare(stage, lambda: self.answers[self.stage], len(self.questions))
        self.ui = widgets.VBox(
            [
                self.note,
                self.controls["question"],
                self.question_html,
                widgets.HBox(
                    [
                        self.controls["answer"],
                        widgets.VBox(
                            [self.buttons["check"], self.status], layout=widgets.Layout(justify_content="center")
                        ),
                    ]
                ),
                self.feedback,
                widgets.HBox(
                    [self.buttons["previous"], self.buttons["next"], self.buttons["restart"], self.buttons["keep"]]
                ),
                self.figure,
                self.summary,
                self.share.ui,
            ]
        )
        first = next((q.id for q in self.questions if q.id not in self.answers[stage]), self.questions[0].id)
        self.controls["question"].value = first
        self._show_question()
        self._redraw()

    # ----------------------------------------------------------------------------------------- state
    def _scores(self) -> list[logic.CheckScore]:
        return [logic.score(self.questions, self.answers[s]) for s in logic.STAGES]

    @property
    def results_shown(self) -> bool:
        """True once every question of the "after" sitting is answered: right answers and scores are shown."""
        return logic.results_shown(self.questions, self.answers["after"])

    def comparison(self) -> logic.Comparison:
        """Before against after, from the answers in the kernel (this sitting) and the file (the other)."""
        return logic.compare(self.questions, self.answers["before"], self.answers["after"])

    def _trace(self, name: str) -> go.Scatter:
        return next(t for t in self.figure.data if t.name == name)

    def _take(self, result: logic.SaveResult) -> None:
        """Adopt what the file holds after a save (answers saved meanwhile by another notebook included)."""
        if result.ok and result.saved is not None:
            self.answers = {s: result.saved.stage(s) for s in logic.STAGES}

    # ----------------------------------------------------------------------------------------- actions
    def check(self) -> str | None:
        """Record the chosen option for the current question (the first answer counts) and save it.

        Returns the letter recorded for the question, or None when no option was chosen.
        """
        self._cancel_confirm()
        qid = self.controls["question"].value
        chosen = self.controls["answer"].value
        mine = self.answers[self.stage]
        if chosen is None and qid not in mine:
            self.status.value = _WARN.format(boxes.label("Choose A, B or C first.", style.VERMILLION))
            return None
        was_shown = self.results_shown
        newly = qid not in mine
        mine.setdefault(qid, chosen)
        recorded = mine[qid]
        result = logic.record_answers(self.stage, {qid: recorded}, self.path, self.questions)
        self._take(result)
        recorded = self.answers[self.stage].get(qid, recorded)
        number = self._by_id[qid].number
        upcoming = self.next_unanswered(qid) if newly and not self.results_shown else None
        with self.figure.batch_update():  # one figure update: several in one step can leave the plot blank
            if upcoming is not None:
                self.controls["question"].value = upcoming  # its observer shows the next question
            else:
                self._show_question()
            self._redraw()
        message = result.message
        if self.results_shown and not was_shown:
            message += (
                " All questions are answered: the right answers, the explanations and your scores are "
                "shown now. Go through the questions again to read each explanation."
            )
        elif not self.results_shown:
            n_left = len(self.questions) - len(self.answers[self.stage])
            moved = f" Here is question {self._by_id[upcoming].number}." if upcoming is not None else ""
            message = (
                f"Recorded: {recorded.upper()} for question {number} ({n_left} question{'s' if n_left != 1 else ''} "
                f"left).{moved} " + message
            )
        self.status.value = _INFO.format(escape(message))
        return recorded

    def next_unanswered(self, after: str) -> str | None:
        """The first question after ``after`` (going round to the start) not yet answered in this sitting."""
        ids = list(self._by_id)
        start = ids.index(after)
        for k in range(1, len(ids)):
            candidate = ids[(start + k) % len(ids)]
            if candidate not in self.answers[self.stage]:
                return candidate
        return None

    def step(self, offset: int) -> None:
        """Go to the next (``offset=1``) or previous (``-1``) question."""
        if offset not in (-1, 1):
            raise ValueError(f"offset: {offset!r} is not allowed; allowed: -1 or 1")
        ids = list(self._by_id)
        pos = ids.index(self.controls["question"].value) + offset
        if 0 <= pos < len(ids):
            self.controls["question"].value = ids[pos]

    def restart(self) -> None:
        """Forget this sitting's answers, in the kernel and in the file, on a second click; keep the other's."""
        n = len(self.answers[self.stage])
        if n == 0:
            self._cancel_confirm()
            self.status.value = _INFO.format("There are no answers of this sitting to forget.")
            return
        if not self._confirming:
            self._confirming = True
            self.buttons["restart"].description = f"Yes, forget {n} answer{'s' if n != 1 else ''}"
            self.buttons["restart"].button_style = "danger"
            self.buttons["keep"].layout.display = None
            self.status.value = _WARN.format(
                boxes.label(
                    f"This forgets the {n} saved answer{'s' if n != 1 else ''} of this sitting "
                    f"({logic.STAGE_LABELS[self.stage].lower()}). Click “Yes, forget” to confirm, or “No, keep my "
                    "answers”.",
                    style.VERMILLION,
                    bold=False,
                )
            )
            return
        self._cancel_confirm()
        result = logic.forget_answers(self.stage, self.path, self.questions)
        if not result.ok:  # forgetting here only would bring the saved answers back at the next save
            self.status.value = _WARN.format(
                boxes.label(
                    "Starting again failed: your saved answers could not be forgotten, so they are all kept. "
                    + result.message,
                    style.VERMILLION,
                    bold=False,
                )
            )
            return
        self._take(result)
        with self.figure.batch_update():  # one figure update: several in one step can leave the plot blank
            self.controls["question"].value = self.questions[0].id
            self._show_question()
            self._redraw()
        self.status.value = _INFO.format(escape("This sitting starts again. " + result.message))

    def keep(self) -> None:
        """Cancel a pending "Start this check again": nothing is forgotten."""
        self._cancel_confirm()
        self.status.value = _INFO.format("Your answers are kept.")

    def _cancel_confirm(self) -> None:
        self._confirming = False
        self.buttons["restart"].description = "Start this check again"
        self.buttons["restart"].button_style = "warning"
        self.buttons["keep"].layout.display = "none"

    # ----------------------------------------------------------------------------------------- display
    def _note_html(self, saved: logic.SavedAnswers, repaired: logic.SaveResult | None) -> str:
        other = "after" if self.stage == "before" else "before"
        found = len(saved.stage(other))
        n = len(self.questions)
        lines = [escape(logic.privacy_note(self.path))]
        if self.stage == "before":
            lines.append(
                f"This first sitting only records your answers: the right answers, the explanations and "
                f"your score come after the course, in lesson 07, once you have answered all {n} "
                "questions again."
            )
        else:
            lines.append(
                f"The right answers, the explanations and both scores are shown once you have answered "
                f"all {n} questions of this sitting."
            )
        if repaired is not None:
            if repaired.set_aside is not None:
                lines.append(
                    f"Your answers file could not be read in full, so it was kept unchanged as "
                    f"{escape(logic.shown_path(repaired.set_aside))}; a new file starts afresh with "
                    "whatever could be read."
                )
            else:
                lines.append(
                    "Your answers file could not be read in full and could not be set aside ("
                    + escape(repaired.message)
                    + "); the check starts afresh in this notebook."
                )
        if saved.blocked:
            lines.append(
                escape(
                    f"Your answers cannot be kept in a file here: {saved.problems[0]}. The check works all the "
                    "same, and keeps your answers in this notebook only."
                )
            )
        if saved.foreign:
            lines.append(
                escape(
                    f"The answers file there belongs to another user account: this check neither reads "
                    f"nor changes it, and keeps your answers in this notebook only. Whoever runs this "
                    f"server can give each user their own folder ({logic.DATA_DIR_ENV})."
                )
            )
        if found:
            lines.append(
                f"Found {found} saved answer{'s' if found != 1 else ''} from {other} the course, for comparison."
            )
        return boxes.box("note", "<br>".join(lines), font_size=14)

    def _show_question(self, change: object = None) -> None:
        if change is not None:  # moving to another question cancels a pending "Start this check again"
            self._cancel_confirm()
        q = self._by_id[self.controls["question"].value]
        chosen = self.answers[self.stage].get(q.id)
        options = "".join(
            f"<li style='margin:4px 0'><b>{letter.upper()}.</b> {escape(text)}</li>" for letter, text in q.options
        )
        self.question_html.value = (
            f"<div style='font-size:17px;max-width:900px'>{_P}<b>Question {q.number}.</b> {escape(q.scenario)}</p>"
            f"{_P}<b>{escape(q.question)}</b></p><ul style='list-style:none;padding-left:8px'>{options}</ul></div>"
        )
        self.controls["answer"].value = chosen
        self.controls["answer"].disabled = chosen is not None  # the button stays enabled: keyboard focus stays
        if chosen is None:
            self.feedback.value = ""
            self.status.value = ""
        elif not self.results_shown:
            self.feedback.value = boxes.box(
                "note",
                f"{_P}<b>● Recorded: {chosen.upper()}.</b> Whether it is right, and why, is shown once all "
                f"{len(self.questions)} questions of the after-course sitting are answered.</p>",
                font_size=16,
            )
        else:
            fb = logic.feedback(q, chosen)
            mark = "✔" if fb.correct else "✘"
            refs = "".join(f"<li>{escape(text)}</li>" for text in q.references)
            self.feedback.value = boxes.box(
                "correct" if fb.correct else "incorrect",
                f"{_P}<b>{mark} {escape(fb.message)}</b></p>"
                f"{_P}<b>Why:</b> {escape(q.explanation)}</p>"
                f"{_P}<b>Key concept:</b> {escape(q.concept)}</p>"
                f"<details><summary>References</summary><ul style='margin:0'>{refs}</ul></details>",
                font_size=16,
            )
        with self.figure.batch_update():
            self._trace("current question").x = [q.number, q.number]

    def _statuses(self) -> list[str]:
        flat = [status for row in check_matrix(self._scores(), list(self._by_id)) for status in row]
        if self.results_shown:
            return flat
        return [RECORDED if s in ("right", "wrong") else s for s in flat]

    def _title(self) -> str:
        scores = self._scores()
        if self.results_shown:
            return check_title(scores)
        parts = [
            f"{stage}: {s.n_answered} of {s.n_questions} answered" if s.n_answered else f"{stage}: not taken yet"
            for stage, s in zip(logic.STAGES, scores, strict=True)
        ]
        return "Your claim check: " + " · ".join(parts)

    def _summary_text(self) -> str:
        if self.results_shown:
            numbers = {q.id: q.number for q in self.questions}
            text = self.comparison().sentence(numbers)
            if self.answers["before"]:
                text += " " + logic.RISE_CAVEAT
            return text
        before, after = (len(self.answers[s]) for s in logic.STAGES)
        n = len(self.questions)
        return (
            f"Answers recorded: {before} of {n} before the course, {after} of {n} after. Which answers are "
            f"right, and the scores, are shown once all {n} after-course answers are recorded."
        )

    def _redraw(self) -> None:
        flat = self._statuses()
        shown = self.results_shown
        with self.figure.batch_update():
            squares = self._trace("answers")
            squares.marker.color = [_COLOURS[s] for s in flat]
            squares.text = [_SYMBOLS[s] for s in flat]
            squares.customdata = flat
            self.figure.layout.title.text = self._title()
            for name in ("right", "wrong"):
                self._trace(name).visible = shown
            self._trace(RECORDED).visible = not shown
        self.summary.value = (
            f"<p style='font-size:16px;max-width:900px'><b>Figure in words:</b> {escape(self._summary_text())}</p>"
        )
        self.share.refresh()
