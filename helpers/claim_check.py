"""The claim-evaluation check (``data/claim_check.csv``): questions, scoring, and the student's answers file.

Twelve multiple-choice questions written for this course in the manner of the Informed Health Choices Claim
Evaluation Tools (Oxman et al. 2018; IHC Key Concepts overview 2020; the CET item bank). They are NOT the
validated CET items, so a score here cannot be compared with published results. A student takes the check in
``00_start_here`` ("before") and again in ``07_review`` ("after").

Answers stay on the student's machine: kept in the kernel, and saved to ``notebooks/.my_answers.json``
(git ignores it). Reading that file never raises: a missing, unreadable or damaged file gives empty answers and
a note saying what was wrong; invalid entries are dropped one by one and the valid ones are kept.

Pure logic (no widgets, no plotting): :mod:`helpers.review_figures` draws, :mod:`helpers.apps.claim_check`
interacts.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import references
from helpers.paths import NOTEBOOKS_DIR
from helpers.schemas import CLAIM_CHECK_OPTIONS
from helpers.tables import load_table, split_multi

#: The two sittings of the check, in order.
STAGES: tuple[str, ...] = ("before", "after")
STAGE_LABELS: dict[str, str] = {"before": "Before the course", "after": "After the course"}
#: Where answers are saved unless a lesson passes another path (git ignores this file).
ANSWERS_FILE: Path = NOTEBOOKS_DIR / ".my_answers.json"
#: The key of the check's answers inside the answers file (other lessons may keep other keys beside it).
FILE_KEY = "claim_check"
FILE_VERSION = 1

PRIVACY_NOTE = (
    "Your answers stay on this computer. They are kept in the running notebook and saved to the file "
    "notebooks/.my_answers.json in the course folder, which git ignores, so they are never committed or sent "
    "anywhere. Delete that file to forget them."
)


def _check_stage(stage: str) -> str:
    if stage not in STAGES:
        raise ValueError(f"stage: {stage!r} is not allowed; allowed: {', '.join(STAGES)}")
    return stage


# --------------------------------------------------------------------------------------------- questions
@dataclass(frozen=True)
class Question:
    """One question of the check, ready to show.

    ``options`` holds ``(letter, text)`` pairs in display order; ``answer`` is the right letter.
    """

    id: str
    number: int
    concept: str
    scenario: str
    question: str
    options: tuple[tuple[str, str], ...]
    answer: str
    explanation: str
    reference_ids: tuple[str, ...]
    references: tuple[str, ...]

    def option_text(self, letter: str) -> str:
        """The text of option ``letter`` (``"a"``, ``"b"`` or ``"c"``)."""
        for key, text in self.options:
            if key == letter:
                return text
        raise ValueError(f"letter: {letter!r} is not an option of {self.id}; allowed: {', '.join(CLAIM_CHECK_OPTIONS)}")


def load_questions() -> tuple[Question, ...]:
    """Every question of ``data/claim_check.csv`` (validated), in the table's order, numbered from 1."""
    table = load_table("claim_check")
    result = []
    for number, row in enumerate(table.to_dict("records"), start=1):
        ids = tuple(split_multi(row["references"]))
        result.append(Question(
            id=row["id"], number=number, concept=row["concept"], scenario=row["scenario"], question=row["question"],
            options=tuple((o, row[f"option_{o}"]) for o in CLAIM_CHECK_OPTIONS), answer=row["answer"],
            explanation=row["explanation"], reference_ids=ids, references=tuple(references.full(i) for i in ids),
        ))
    return tuple(result)


def _by_id(questions: Sequence[Question]) -> dict[str, Question]:
    if not questions:
        raise ValueError("questions: need at least one question")
    return {q.id: q for q in questions}


def validate_answers(questions: Sequence[Question], answers: Mapping[str, str]) -> dict[str, str]:
    """Check that ``answers`` maps known question ids to option letters; return a plain copy.

    Raises
    ------
    ValueError
        Naming the unknown question id or the invalid option.
    """
    known = _by_id(questions)
    if not isinstance(answers, Mapping):
        raise ValueError(f"answers: expected a mapping of question id -> option letter, got {type(answers).__name__}")
    for qid, letter in answers.items():
        if qid not in known:
            raise ValueError(f"answers: unknown question id {qid!r}; known: {', '.join(known)}")
        if letter not in CLAIM_CHECK_OPTIONS:
            allowed = ", ".join(CLAIM_CHECK_OPTIONS)
            raise ValueError(f"answers: {letter!r} for {qid} is not an option; allowed: {allowed}")
    return dict(answers)


# --------------------------------------------------------------------------------------------- feedback and scores
@dataclass(frozen=True)
class QuestionFeedback:
    """Feedback on one answer: right or not, the right option and the explanation."""

    question_id: str
    chosen: str
    answer: str
    correct: bool
    message: str


def feedback(question: Question, chosen: str) -> QuestionFeedback:
    """Feedback on option ``chosen`` (a letter) for ``question``.

    Raises
    ------
    ValueError
        If ``chosen`` is not one of the question's option letters.
    """
    question.option_text(chosen)  # validates the letter
    right = chosen == question.answer
    if right:
        message = f"Right: {chosen.upper()} is the best answer."
    else:
        message = f"Not the best answer: you chose {chosen.upper()}; the best answer is {question.answer.upper()}."
    return QuestionFeedback(question.id, chosen, question.answer, right, message)


@dataclass(frozen=True)
class CheckScore:
    """A score on the check: how many questions were answered and how many right, by question id."""

    n_questions: int
    correct_ids: tuple[str, ...]
    wrong_ids: tuple[str, ...]
    unanswered_ids: tuple[str, ...]

    @property
    def n_answered(self) -> int:
        return len(self.correct_ids) + len(self.wrong_ids)

    @property
    def n_correct(self) -> int:
        return len(self.correct_ids)

    @property
    def complete(self) -> bool:
        """True when every question was answered."""
        return not self.unanswered_ids

    def status(self, question_id: str) -> str:
        """``"right"``, ``"wrong"`` or ``"not answered"`` for one question."""
        if question_id in self.correct_ids:
            return "right"
        if question_id in self.wrong_ids:
            return "wrong"
        if question_id in self.unanswered_ids:
            return "not answered"
        raise ValueError(f"question_id: {question_id!r} is not a question of this check")


def score(questions: Sequence[Question], answers: Mapping[str, str]) -> CheckScore:
    """Score ``answers`` (question id -> option letter) against ``questions``; unanswered ones count as such."""
    answers = validate_answers(questions, answers)
    correct, wrong, unanswered = [], [], []
    for q in questions:
        if q.id not in answers:
            unanswered.append(q.id)
        elif answers[q.id] == q.answer:
            correct.append(q.id)
        else:
            wrong.append(q.id)
    return CheckScore(len(questions), tuple(correct), tuple(wrong), tuple(unanswered))


@dataclass(frozen=True)
class Comparison:
    """Before against after: both scores, the change in right answers and which questions moved."""

    before: CheckScore
    after: CheckScore
    gained: tuple[str, ...]
    lost: tuple[str, ...]

    @property
    def change(self) -> int:
        return self.after.n_correct - self.before.n_correct

    def sentence(self, numbers: Mapping[str, int] | None = None) -> str:
        """One sentence comparing the two sittings (question ids shown as numbers when ``numbers`` is given)."""
        def names(ids: tuple[str, ...]) -> str:
            shown = [str(numbers[i]) if numbers else i for i in ids]
            return ", ".join(shown)

        b, a = self.before, self.after
        if b.n_answered == 0 and a.n_answered == 0:
            return "No answers yet, before or after the course."
        if b.n_answered == 0:
            return (f"After the course: {a.n_correct} of {a.n_questions} right. There are no answers from before "
                    "the course on this computer, so there is nothing to compare with.")
        if a.n_answered == 0:
            return (f"Before the course: {b.n_correct} of {b.n_questions} right. Take the check again after the "
                    "course to compare.")
        change = self.change
        trend = (f"{change} more right" if change > 0
                 else f"{-change} fewer right" if change < 0 else "the same number right")
        text = (f"Before the course: {b.n_correct} of {b.n_questions} right; after: {a.n_correct} of "
                f"{a.n_questions} right ({trend}).")
        if self.gained:
            text += f" Right now but not before: question {names(self.gained)}."
        if self.lost:
            text += f" Right before but not now: question {names(self.lost)}."
        if not (b.complete and a.complete):
            text += " Some questions are not answered yet."
        return text


def compare(questions: Sequence[Question], before: Mapping[str, str], after: Mapping[str, str]) -> Comparison:
    """Compare the answers of the two sittings."""
    b, a = score(questions, before), score(questions, after)
    gained = tuple(q.id for q in questions if q.id in a.correct_ids and q.id not in b.correct_ids)
    lost = tuple(q.id for q in questions if q.id in b.correct_ids and q.id not in a.correct_ids)
    return Comparison(b, a, gained, lost)


# --------------------------------------------------------------------------------------------- the answers file
@dataclass(frozen=True)
class SavedAnswers:
    """What the answers file holds for the check, after dropping anything invalid.

    ``found`` says whether the file existed; ``problems`` lists what could not be used (empty when all was fine).
    """

    path: Path
    found: bool
    before: tuple[tuple[str, str], ...] = ()
    after: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = field(default=())

    def stage(self, stage: str) -> dict[str, str]:
        """The answers of one sitting as a fresh dict (question id -> option letter)."""
        return dict(getattr(self, _check_stage(stage)))


def _read_json(path: Path) -> tuple[Any, str | None]:
    """The file's JSON and None, or None and what went wrong. Never raises."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"the answers file could not be read ({type(exc).__name__})"
    try:
        return json.loads(raw), None
    except (json.JSONDecodeError, RecursionError, ValueError):
        return None, "the answers file is not valid JSON"


def read_answers(path: Path | str | None = None, questions: Sequence[Question] | None = None) -> SavedAnswers:
    """Read the saved answers of both sittings. Never raises for any file content.

    Parameters
    ----------
    path : the answers file (default ``notebooks/.my_answers.json``).
    questions : the check's questions (default: :func:`load_questions`); answers to other ids are dropped.
    """
    path = ANSWERS_FILE if path is None else Path(path)
    known = _by_id(load_questions() if questions is None else questions)
    if not path.exists():
        return SavedAnswers(path, found=False)
    data, problem = _read_json(path)
    if problem is not None:
        return SavedAnswers(path, found=True, problems=(problem,))
    problems: list[str] = []
    section = data.get(FILE_KEY) if isinstance(data, dict) else None
    if not isinstance(data, dict):
        problems.append("the answers file does not hold a JSON object")
    elif section is None:
        pass  # a file with other lessons' answers only, or an empty object
    elif not isinstance(section, dict):
        problems.append(f"'{FILE_KEY}' in the answers file is not an object")
        section = None
    stages: dict[str, tuple[tuple[str, str], ...]] = {s: () for s in STAGES}
    for stage in STAGES:
        entries = (section or {}).get(stage, {})
        if not isinstance(entries, dict):
            problems.append(f"the saved '{stage}' answers are not an object")
            continue
        kept = [(qid, letter) for qid, letter in entries.items()
                if qid in known and isinstance(letter, str) and letter in CLAIM_CHECK_OPTIONS]
        if len(kept) < len(entries):
            problems.append(f"{len(entries) - len(kept)} saved '{stage}' answer(s) were not valid and were left out")
        order = list(known)
        stages[stage] = tuple(sorted(kept, key=lambda pair: order.index(pair[0])))
    return SavedAnswers(path, True, stages["before"], stages["after"], tuple(problems))


@dataclass(frozen=True)
class SaveResult:
    """Whether saving worked, and a sentence for the student."""

    ok: bool
    path: Path
    message: str


def save_answers(stage: str, answers: Mapping[str, str], path: Path | str | None = None,
                 questions: Sequence[Question] | None = None) -> SaveResult:
    """Save one sitting's answers, keeping everything else the file holds. Never raises for file problems.

    A damaged file is replaced by a valid one that keeps whatever could still be read. The write is atomic
    (a temporary file, then a rename), so an interrupted save never leaves a half-written file.

    Raises
    ------
    ValueError
        If ``stage`` or ``answers`` are invalid (a programming error, not a file problem).
    """
    _check_stage(stage)
    qs = load_questions() if questions is None else questions
    answers = validate_answers(qs, answers)
    path = ANSWERS_FILE if path is None else Path(path)
    data, _problem = _read_json(path)
    if not isinstance(data, dict):
        data = {}
    saved = read_answers(path, qs)
    section = {s: saved.stage(s) for s in STAGES}
    section[stage] = {q.id: answers[q.id] for q in qs if q.id in answers}
    data[FILE_KEY] = section
    data["version"] = FILE_VERSION
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".my_answers.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=1, ensure_ascii=False, sort_keys=True)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        return SaveResult(False, path, f"Your answers are kept in this notebook only: saving to {path.name} "
                                       f"failed ({type(exc).__name__}).")
    return SaveResult(True, path, f"Saved on this computer in notebooks/{path.name}.")


def cited_references(questions: Sequence[Question]) -> list[str]:
    """Every reference id the questions cite, in first-cited order, without duplicates."""
    return list(dict.fromkeys(i for q in questions for i in q.reference_ids))
