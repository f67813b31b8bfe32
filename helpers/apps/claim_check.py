"""The claim-evaluation check as a widget: 12 multiple-choice questions, before and after the course."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import claim_check as logic
from helpers import style
from helpers.apps.base import App, labelled
from helpers.review_figures import ANSWER_COLOURS, ANSWER_SYMBOLS, add_check_grid, check_matrix, check_title

_P = "<p style='margin:6px 0'>"


class ClaimCheck(App):
    """Answer the course's claim-evaluation check one question at a time, with feedback after each answer.

    Choose A, B or C and press "Check my answer": the feedback gives the best answer, why, the key concept and
    the references; the figure marks each question right or wrong, for this sitting and the other one. The
    first answer you check counts. Answers are kept in the running notebook and saved on this computer in
    ``notebooks/.my_answers.json`` (git ignores it); a missing or damaged file just means starting afresh.

    Parameters
    ----------
    stage : ``"before"`` (00_start_here) or ``"after"`` (07_review).
    path : the answers file (default ``notebooks/.my_answers.json``).
    """

    def __init__(self, stage: str = "before", path: Path | str | None = None) -> None:
        if stage not in logic.STAGES:
            raise ValueError(f"stage: {stage!r} is not allowed; allowed: {', '.join(logic.STAGES)}")
        self.stage = stage
        self.path = logic.ANSWERS_FILE if path is None else Path(path)
        self.title = f"Claim check ({logic.STAGE_LABELS[stage].lower()})"
        self.questions = logic.load_questions()
        self._by_id = {q.id: q for q in self.questions}
        saved = logic.read_answers(self.path, self.questions)
        self.answers: dict[str, dict[str, str]] = {s: saved.stage(s) for s in logic.STAGES}
        self.controls = {
            "question": labelled(widgets.Dropdown(options=[(f"Question {q.number} of {len(self.questions)}", q.id)
                                                           for q in self.questions]),
                                 "Question", width="300px"),
            "answer": labelled(widgets.RadioButtons(options=[(o.upper(), o) for o in logic.CLAIM_CHECK_OPTIONS],
                                                    value=None), "Your answer", width="260px"),
        }
        self.buttons = {
            "check": widgets.Button(description="Check my answer", button_style="primary",
                                    layout=widgets.Layout(width="200px")),
            "previous": widgets.Button(description="◀ Previous question", layout=widgets.Layout(width="200px")),
            "next": widgets.Button(description="Next question ▶", layout=widgets.Layout(width="200px")),
            "restart": widgets.Button(description="Start this check again", button_style="warning",
                                      layout=widgets.Layout(width="220px")),
        }
        self.question_html = widgets.HTML()
        self.feedback = widgets.HTML()
        self.status = widgets.HTML()
        self.summary = widgets.HTML()
        self.note = widgets.HTML(self._note_html(saved))
        self.figure = go.FigureWidget()
        style.apply(self.figure, self.title, "Question (number)", None, height=330)
        add_check_grid(self.figure, check_matrix(self._scores(), list(self._by_id)))
        self.controls["question"].observe(self._show_question, names="value")
        self.buttons["check"].on_click(lambda _b: self.check())
        self.buttons["next"].on_click(lambda _b: self.step(1))
        self.buttons["previous"].on_click(lambda _b: self.step(-1))
        self.buttons["restart"].on_click(lambda _b: self.restart())
        self.ui = widgets.VBox([
            self.note, self.controls["question"], self.question_html,
            widgets.HBox([self.controls["answer"],
                          widgets.VBox([self.buttons["check"], self.status],
                                       layout=widgets.Layout(justify_content="center"))]),
            self.feedback,
            widgets.HBox([self.buttons["previous"], self.buttons["next"], self.buttons["restart"]]),
            self.figure, self.summary,
        ])
        first = next((q.id for q in self.questions if q.id not in self.answers[stage]), self.questions[0].id)
        self.controls["question"].value = first
        self._show_question()
        self._redraw()

    # ----------------------------------------------------------------------------------------- state
    def _scores(self) -> list[logic.CheckScore]:
        return [logic.score(self.questions, self.answers[s]) for s in logic.STAGES]

    def comparison(self) -> logic.Comparison:
        """Before against after, from the answers in the kernel (this sitting) and the file (the other)."""
        return logic.compare(self.questions, self.answers["before"], self.answers["after"])

    # ----------------------------------------------------------------------------------------- actions
    def check(self) -> logic.QuestionFeedback | None:
        """Record the chosen option for the current question (the first check counts), save, and give feedback."""
        qid = self.controls["question"].value
        chosen = self.controls["answer"].value
        mine = self.answers[self.stage]
        if chosen is None and qid not in mine:
            self.status.value = "<span style='font-size:15px;color:#D55E00'>Choose A, B or C first.</span>"
            return None
        mine.setdefault(qid, chosen)
        result = logic.save_answers(self.stage, mine, self.path, self.questions)
        self._show_question()
        self.status.value = f"<span style='font-size:14px'>{escape(result.message)}</span>"
        self._redraw()
        return logic.feedback(self._by_id[qid], mine[qid])

    def step(self, offset: int) -> None:
        """Go to the next (``offset=1``) or previous (``-1``) question."""
        if offset not in (-1, 1):
            raise ValueError(f"offset: {offset!r} is not allowed; allowed: -1 or 1")
        ids = list(self._by_id)
        pos = ids.index(self.controls["question"].value) + offset
        if 0 <= pos < len(ids):
            self.controls["question"].value = ids[pos]

    def restart(self) -> None:
        """Forget this sitting's answers, in the kernel and in the file; keep the other sitting's."""
        self.answers[self.stage] = {}
        result = logic.save_answers(self.stage, {}, self.path, self.questions)
        self.controls["question"].value = self.questions[0].id
        self._show_question()
        self.status.value = f"<span style='font-size:14px'>{escape(result.message)}</span>"
        self._redraw()

    # ----------------------------------------------------------------------------------------- display
    def _note_html(self, saved: logic.SavedAnswers) -> str:
        other = "after" if self.stage == "before" else "before"
        found = len(saved.stage(other))
        lines = [escape(logic.PRIVACY_NOTE)]
        if saved.problems:
            lines.append("Your saved answers file could not be fully used ("
                         + escape("; ".join(saved.problems)) + "); the rest starts afresh.")
        if found:
            lines.append(f"Found {found} saved answer(s) from {other} the course, for comparison.")
        return ("<div style='font-size:14px;background:#EEF3F8;border-left:6px solid #0072B2;padding:6px 12px;"
                "max-width:900px'>" + "<br>".join(lines) + "</div>")

    def _show_question(self, _change: object = None) -> None:
        q = self._by_id[self.controls["question"].value]
        chosen = self.answers[self.stage].get(q.id)
        options = "".join(f"<li style='margin:4px 0'><b>{letter.upper()}.</b> {escape(text)}</li>"
                          for letter, text in q.options)
        self.question_html.value = (
            f"<div style='font-size:17px;max-width:900px'>{_P}<b>Question {q.number}.</b> {escape(q.scenario)}</p>"
            f"{_P}<b>{escape(q.question)}</b></p><ul style='list-style:none;padding-left:8px'>{options}</ul></div>"
        )
        self.controls["answer"].value = chosen
        self.controls["answer"].disabled = chosen is not None  # the button stays enabled: keyboard focus stays
        if chosen is None:
            self.feedback.value = ""
            self.status.value = ""
        else:
            fb = logic.feedback(q, chosen)
            colour = "#009E73" if fb.correct else "#D55E00"
            mark = "✔" if fb.correct else "✘"
            refs = "".join(f"<li>{escape(text)}</li>" for text in q.references)
            self.feedback.value = (
                f'<div style="font-size:16px;border-left:8px solid {colour};padding:6px 12px;max-width:900px">'
                f"{_P}<b style='color:{colour}'>{mark} {escape(fb.message)}</b></p>"
                f"{_P}<b>Why:</b> {escape(q.explanation)}</p>"
                f"{_P}<b>Key concept:</b> {escape(q.concept)}</p>"
                f"<details><summary>References</summary><ul style='margin:0'>{refs}</ul></details></div>"
            )
        with self.figure.batch_update():
            self.figure.data[1].x = [q.number, q.number]

    def _redraw(self) -> None:
        scores = self._scores()
        flat = [status for row in check_matrix(scores, list(self._by_id)) for status in row]
        with self.figure.batch_update():
            self.figure.data[0].marker.color = [ANSWER_COLOURS[s] for s in flat]
            self.figure.data[0].text = [ANSWER_SYMBOLS[s] for s in flat]
            self.figure.data[0].customdata = flat
            self.figure.layout.title.text = check_title(scores)
        numbers = {q.id: q.number for q in self.questions}
        sentence = self.comparison().sentence(numbers)
        self.summary.value = (f"<p style='font-size:16px;max-width:900px'><b>Figure in words:</b> "
                              f"{escape(sentence)}</p>")
