"""The claim check's "share my answers anonymously with my instructor" button.

Shown only when the instructor has set a class folder (``$SCIATICA_CLASS_DIR``); otherwise it is an empty, hidden
box and nothing is ever shared. The sentence beside the button says exactly what is sent
(:func:`helpers.sharing.what_is_sent`). Sharing is offered once a sitting is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from pathlib import Path

import ipywidgets as widgets

from helpers import boxes, sharing


class ClassShare:
    """The share button for one sitting of the claim check.

    Parameters
    ----------
    sitting : ``"before"`` or ``"after"``.
    answers : a function returning the sitting's current answers (question id -> option letter).
    n_questions : how many questions the sitting has (sharing is offered when all are answered).
    folder, data_dir : the class folder and the student's own data folder (defaults: see :mod:`helpers.sharing`).
    """

    def __init__(
        self,
        sitting: str,
        answers: Callable[[], Mapping[str, str]],
        n_questions: int,
        folder: Path | str | None = None,
        data_dir: Path | str | None = None,
    ) -> None:
        if sitting not in ("before", "after"):
            raise ValueError(f"sitting: {sitting!r} is not allowed; allowed: before, after")
        if not callable(answers):
            raise ValueError("answers: a function returning the sitting's answers")
        self.sitting = sitting
        self._answers = answers
        self.n_questions = n_questions
        self.folder = folder
        self.data_dir = data_dir
        self.offered = folder is not None or sharing.sharing_offered()
        self.button = widgets.Button(
            description="Share my answers anonymously with my instructor",
            icon="share",
            layout=widgets.Layout(width="420px"),
        )
        self.text = widgets.HTML()
        self.status = widgets.HTML()
        self.button.on_click(lambda _b: self.share())
        self.ui = widgets.VBox(
            [self.text, self.button, self.status],
            layout=widgets.Layout(display=None if self.offered else "none"),
        )
        self.refresh()

    def refresh(self) -> None:
        """Update the sentence and whether the button can be pressed (call after an answer is recorded)."""
        if not self.offered:
            return
        n = len(self._answers())
        complete = n >= self.n_questions
        self.button.disabled = not complete
        body = escape(sharing.what_is_sent(self.sitting, n))
        if not complete:
            body = f"Once all {self.n_questions} questions are answered you may share them. " + body
        self.text.value = boxes.box("note", body, title="Optional: share with your instructor", font_size=15)

    def share(self) -> sharing.ShareResult:
        """Share the sitting's answers now (the button calls this)."""
        result = sharing.share_answers(self.sitting, dict(self._answers()), self.folder, self.data_dir)
        self.status.value = f"<span style='font-size:15px'>{escape(result.message)}</span>"
        return result
