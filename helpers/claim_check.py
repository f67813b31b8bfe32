"""The claim-evaluation check (``data/claim_check.csv``): questions, scoring, and the student's answers file.

Multiple-choice questions written for this course in the manner of the Informed Health Choices Claim
Evaluation Tools (Oxman et al. 2018; IHC Key Concepts overview 2020; the CET item bank). They are NOT the
validated CET items, so a score here cannot be compared with published results. A student takes the check in
``00_start_here`` ("before") and again in ``07_review`` ("after").

The "before" sitting records answers only; right answers, explanations and scores are shown once the "after"
sitting is complete (:func:`results_shown`), so the first sitting teaches nothing that the second then measures.

Answers are the student's own: kept in the kernel and saved outside the course folder, in the per-user Jupyter
data folder (:func:`answers_file`; ``$SCIATICA_COURSE_DATA_DIR`` overrides it). Saves merge under a file lock and
write atomically; a file that cannot be read is moved aside, never overwritten. Reading never raises: a missing,
unreadable or damaged file gives empty answers and a note saying what was wrong.

Pure logic (no widgets, no plotting): :mod:`helpers.claim_review_figures` draws, :mod:`helpers.apps.claim_check`
interacts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import references, user_store
from helpers.tables import load_table, split_multi
from helpers.vocabulary import CLAIM_CHECK_OPTIONS

#: The two sittings of the check, in order.
STAGES: tuple[str, ...] = ("before", "after")
STAGE_LABELS: dict[str, str] = {"before": "Before the course", "after": "After the course"}
#: The key of the check's answers inside the answers file (other lessons may keep other keys beside it).
FILE_KEY = "claim_check"
FILE_VERSION = 1


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
        result.append(
            Question(
                id=row["id"],
                number=number,
                concept=row["concept"],
                scenario=row["scenario"],
                question=row["question"],
                options=tuple((o, row[f"option_{o}"]) for o in CLAIM_CHECK_OPTIONS),
                answer=row["answer"],
                explanation=row["explanation"],
                reference_ids=ids,
                references=tuple(references.full(i) for i in ids),
            )
        )
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
            return (
                f"After the course: {a.n_correct} of {a.n_questions} right. There are no answers from before "
                "the course on this computer, so there is nothing to compare with."
            )
        if a.n_answered == 0:
            return (
                f"Before the course: {b.n_correct} of {b.n_questions} right. Take the check again after the "
                "course to compare."
            )
        change = self.change
        trend = (
            f"{change} more right"
            if change > 0
            else f"{-change} fewer right"
            if change < 0
            else "the same number right"
        )
        text = (
            f"Before the course: {b.n_correct} of {b.n_questions} right; after: {a.n_correct} of "
            f"{a.n_questions} right ({trend})."
        )
        if self.gained:
            text += f" Right now but not before: question {names(self.gained)}."
        if self.lost:
            text += f" Right before but not now: question {names(self.lost)}."
        if not (b.complete and a.complete):
            text += " Some questions are not answered yet."
        return text


#: What a rise in score from before to after can and cannot show (shown with the comparison).
RISE_CAVEAT = (
    "What a rise can and cannot show: a higher score after the course fits learning, but it is not a fair test "
    "of the teaching. You met the same questions a second time (practice and memory help), a low first score "
    "tends to be followed by a higher one by chance alone (regression to the mean), and with three options a "
    "guess is right one time in three, so a few questions either way can be luck. Only a comparison with similar "
    "people who took the check twice without the course could show what the course itself added."
)


def results_shown(questions: Sequence[Question], after: Mapping[str, str]) -> bool:
    """True once every question of the "after" sitting is answered: then right answers and scores are shown."""
    return score(questions, after).complete


def compare(questions: Sequence[Question], before: Mapping[str, str], after: Mapping[str, str]) -> Comparison:
    """Compare the answers of the two sittings."""
    b, a = score(questions, before), score(questions, after)
    gained = tuple(q.id for q in questions if q.id in a.correct_ids and q.id not in b.correct_ids)
    lost = tuple(q.id for q in questions if q.id in b.correct_ids and q.id not in a.correct_ids)
    return Comparison(b, a, gained, lost)


# --------------------------------------------------------------------------------------------- the answers file
#: The environment variable that, when set, names the folder of the answers file (tests, the HTML build).
DATA_DIR_ENV = user_store.DATA_DIR_ENV
#: The course's folder inside the student's own Jupyter data folder.
COURSE_FOLDER = user_store.COURSE_FOLDER
ANSWERS_NAME = "claim_check_answers.json"
#: How long a save waits for another notebook's save to finish (s; saves take milliseconds).
LOCK_TIMEOUT_S = 15.0
shown_path = user_store.shown_path


def answers_dir() -> Path:
    """The folder of the student's answers file: their own, outside the course folder (:func:`user_store.data_dir`).

    ``$SCIATICA_COURSE_DATA_DIR`` when set; otherwise ``sciatica-course`` inside the per-user Jupyter data folder
    (``~/.local/share/jupyter`` on Linux). Read at every call, never cached.
    """
    return user_store.data_dir()


def answers_file() -> Path:
    """The student's answers file (see :func:`answers_dir`)."""
    return user_store.data_file(ANSWERS_NAME)


def privacy_note(path: Path | str | None = None) -> str:
    """The sentence a lesson shows about where the answers are kept and who can read them."""
    path = answers_file() if path is None else Path(path)
    return (
        f"Your answers are saved for you alone, outside the course folder, in {shown_path(path)}. Only your "
        "own user account can open that file (as with any of your files, a server's administrators can too); git "
        "never sees it and nothing is sent anywhere. Delete it to forget your answers."
    )


@dataclass(frozen=True)
class SavedAnswers:
    """What the answers file holds for the check, after dropping anything invalid.

    ``found`` says whether something is at the path; ``problems`` lists what could not be used (empty when all
    was fine). ``blocked`` means the path is not this user's answers file, or cannot be opened (another account's
    file or folder, a notes file, a folder): it is neither read nor changed, and saves are refused.
    """

    path: Path
    found: bool
    before: tuple[tuple[str, str], ...] = ()
    after: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = field(default=())
    foreign: bool = False
    blocked: bool = False

    @property
    def damaged(self) -> bool:
        """True when the file is this user's answers file but something in it could not be used."""
        return self.found and bool(self.problems) and not self.foreign and not self.blocked

    def stage(self, stage: str) -> dict[str, str]:
        """The answers of one sitting as a fresh dict (question id -> option letter)."""
        return dict(getattr(self, _check_stage(stage)))


FOREIGN_PROBLEM = "the answers file belongs to another user account, so it is neither read nor changed"


def _is_answers_file(found: user_store.JsonRead) -> bool:
    """Whether an unmarked file may be treated as an answers file (:func:`user_store.holds_section`)."""
    return user_store.holds_section(found, FILE_KEY)


def read_answers(path: Path | str | None = None, questions: Sequence[Question] | None = None) -> SavedAnswers:
    """Read the saved answers of both sittings. Never raises, whatever is at ``path``, and never writes.

    Parameters
    ----------
    path : the answers file (default :func:`answers_file`).
    questions : the check's questions (default: :func:`load_questions`); answers to other ids are dropped.
    """
    path = answers_file() if path is None else Path(path)
    known = _by_id(load_questions() if questions is None else questions)
    found = user_store.read_json(path)
    if not found.found:
        return SavedAnswers(path, found=False)
    if user_store.owned_by_someone_else(path):
        return SavedAnswers(path, found=True, problems=(FOREIGN_PROBLEM,), foreign=True)
    if not (found.marked or _is_answers_file(found)):
        what = found.problem or "is not an answers file"
        return SavedAnswers(
            path, found=True, problems=(f"{shown_path(path)} {what}, so it is neither read nor changed",), blocked=True
        )
    if found.problem is not None:
        return SavedAnswers(path, found=True, problems=(f"the answers file {found.problem}",))
    data = found.data
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
        kept = [
            (qid, letter)
            for qid, letter in entries.items()
            if qid in known and isinstance(letter, str) and letter in CLAIM_CHECK_OPTIONS
        ]
        if len(kept) < len(entries):
            problems.append(f"{len(entries) - len(kept)} saved '{stage}' answer(s) were not valid and were left out")
        order = list(known)
        stages[stage] = tuple(sorted(kept, key=lambda pair: order.index(pair[0])))
    return SavedAnswers(path, True, stages["before"], stages["after"], tuple(problems))


@dataclass(frozen=True)
class SaveResult:
    """Whether saving worked, a sentence for the student, and what the file holds now.

    ``saved`` is the file's content after the save (None when the save failed); ``set_aside`` is where an
    unreadable file was moved (None when there was none).
    """

    ok: bool
    path: Path
    message: str
    saved: SavedAnswers | None = None
    set_aside: Path | None = None


def _update(
    stage: str | None,
    change: Callable[[dict[str, str]], dict[str, str]],
    path: Path | str | None,
    questions: Sequence[Question] | None,
) -> SaveResult:
    """Under the file lock: read, set a damaged answers file aside, change one sitting, write atomically."""
    qs = load_questions() if questions is None else questions
    path = answers_file() if path is None else Path(path)
    salvaged: list[SavedAnswers] = []

    def new_content(data: dict[str, Any]) -> dict[str, Any]:
        saved = salvaged[0] if salvaged else read_answers(path, qs)
        section = {s: saved.stage(s) for s in STAGES}
        if stage is not None:
            section[stage] = change(section[stage])
        data[FILE_KEY] = section
        data["version"] = FILE_VERSION
        return data

    def damaged(_data: Any) -> bool:
        salvaged[:] = [read_answers(path, qs)]  # read under the lock, before the file is moved aside
        return salvaged[0].damaged

    def recognise(found: user_store.JsonRead) -> bool:
        if not salvaged:
            salvaged.append(read_answers(path, qs))
        return _is_answers_file(found)

    done = user_store.update_json(
        path, new_content, recognise=recognise, set_aside_when=damaged, timeout=LOCK_TIMEOUT_S
    )
    aside = done.set_aside
    if done.outcome == "busy":
        return SaveResult(
            False,
            path,
            f"Your answers are kept in this notebook only for now: {done.problem}. Try again.",
            set_aside=aside,
        )
    if done.outcome == "refused":
        if user_store.owned_by_someone_else(path):
            return SaveResult(
                False,
                path,
                f"Your answers are kept in this notebook only: {shown_path(path)} "
                "belongs to another user account, so it is not changed. Ask whoever "
                f"runs this server to give each user their own folder ({DATA_DIR_ENV}).",
            )
        return SaveResult(False, path, f"Your answers are kept in this notebook only: {done.problem}.")
    if not done.ok:
        kept = f" The unreadable file was kept as {aside.name}." if aside else ""
        return SaveResult(
            False, path, f"Your answers are kept in this notebook only: {done.problem}.{kept}", set_aside=aside
        )
    after = read_answers(path, qs)
    message = f"Saved for you only, in {shown_path(path)}."
    if aside is not None:
        message += (
            f" The answers file there could not be read, so it was kept unchanged as {aside.name} beside "
            "the new one, and the check started afresh with whatever could be read."
        )
    return SaveResult(True, path, message, after, aside)


def save_answers(
    stage: str, answers: Mapping[str, str], path: Path | str | None = None, questions: Sequence[Question] | None = None
) -> SaveResult:
    """Replace one sitting's saved answers by ``answers``, keeping everything else the file holds.

    Saves merge under a file lock (:mod:`filelock`), so two notebooks saving at once never lose each other's
    answers, and write atomically (a temporary file beside it, fsync, then a rename), so a save killed midway
    leaves the previous file whole. A file that cannot be read is never overwritten: it is moved aside to a
    timestamped name and a new file is started. Never raises for file problems.

    Raises
    ------
    ValueError
        If ``stage`` or ``answers`` are invalid (a programming error, not a file problem).
    """
    _check_stage(stage)
    qs = load_questions() if questions is None else questions
    answers = validate_answers(qs, answers)
    ordered = {q.id: answers[q.id] for q in qs if q.id in answers}
    return _update(stage, lambda _old: ordered, path, qs)


def record_answers(
    stage: str, answers: Mapping[str, str], path: Path | str | None = None, questions: Sequence[Question] | None = None
) -> SaveResult:
    """Add answers to one sitting; an answer already saved for a question stays (the first answer counts).

    Like :func:`save_answers` (locked, atomic, unreadable files set aside), but merging question by question,
    so two notebooks open on the same sitting both keep their answers.
    """
    _check_stage(stage)
    qs = load_questions() if questions is None else questions
    answers = validate_answers(qs, answers)

    def merge(old: dict[str, str]) -> dict[str, str]:
        merged = {**answers, **old}
        return {q.id: merged[q.id] for q in qs if q.id in merged}

    return _update(stage, merge, path, qs)


def forget_answers(
    stage: str, path: Path | str | None = None, questions: Sequence[Question] | None = None
) -> SaveResult:
    """Forget one sitting's saved answers and keep the other sitting's (the app asks to confirm first)."""
    return save_answers(stage, {}, path, questions)


def repair_answers(path: Path | str | None = None, questions: Sequence[Question] | None = None) -> SaveResult:
    """If the answers file cannot be fully read, set it aside and write what could be read to a new file.

    Does nothing (and writes nothing) when the file is missing or whole.
    """
    qs = load_questions() if questions is None else questions
    path = answers_file() if path is None else Path(path)
    saved = read_answers(path, qs)
    if not saved.damaged:
        return SaveResult(True, path, "", saved)
    return _update(None, lambda old: old, path, qs)


def cited_references(questions: Sequence[Question]) -> list[str]:
    """Every reference id the questions cite, in first-cited order, without duplicates."""
    return list(dict.fromkeys(i for q in questions for i in q.reference_ids))
