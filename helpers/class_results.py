"""What the class learned: the anonymous claim-check submissions, summarised for the instructor.

The logic layer (pandas/numpy only): :func:`collect` reads the submissions in the class folder into a tidy frame,
one row per (student, sitting, question); :func:`summarize` turns it into class totals: the paired gain with its
95 % t interval, each question's difficulty before and after and its discrimination, and the gain per key
concept; :func:`simulate_class` makes a labelled simulated class (a seeded model of ability, item difficulty
and a learning effect) so the results notebook reads well before any class exists.

Privacy: :func:`summarize` shows nothing for fewer than :data:`MIN_STUDENTS` students, and none of its results
holds a per-student row (only counts, proportions, means and intervals). The ``student`` labels in the tidy
frame are ``"student 1"``, ``"student 2"`` … assigned in the order of the random sharing ids, so even the frame
does not carry the ids themselves.

Honest labels: the check's 12 items were written for this course in the manner of the Informed Health Choices
Claim Evaluation Tools; they are not validated items, there are not two per concept, and no pass mark was set
in advance. A before/after rise is not a controlled effect (see :data:`helpers.claim_check.RISE_CAVEAT`).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypedDict

import numpy as np
import pandas as pd

from helpers import claim_check
from helpers.claim_check import Question
from helpers.trial import t_quantile_975

#: The environment variable naming the class's drop folder (set by the hub's configuration; see helpers.sharing).
CLASS_DIR_ENV = "SCIATICA_CLASS_DIR"
#: Nothing is shown for fewer students than this (the privacy threshold), nor any sitting or pair count below it.
MIN_STUDENTS = 5
#: The submission format written by :mod:`helpers.sharing` and read here.
FORMAT_VERSION = 1
SUBMISSION_KEYS: tuple[str, ...] = ("answers", "format", "id", "sitting", "time")
SUBMISSION_PREFIX = "claim-check-"
#: Length of a sharing id (hexadecimal characters: 128 random bits).
ID_LENGTH = 32
#: A submission file larger than this is not read (a real one is under 1 kB).
MAX_FILE_BYTES = 64_000
SITTINGS: tuple[str, ...] = claim_check.STAGES
COLUMNS: tuple[str, ...] = ("student", "sitting", "question", "answer", "correct")
#: A question answered right before the course by at least this share of the class has little room to show learning.
CEILING = 0.9
#: The chance of guessing right with three options.
GUESS = 1 / 3

# The 97.5 % quantile of Student's t for 1–7 degrees of freedom (exact to 8 digits); above, the expansion in
# helpers.trial (error below 1e-4 for df ≥ 8).
_T975_SMALL = (12.70620474, 4.30265273, 3.18244631, 2.77644511, 2.57058184, 2.44691185, 2.36462425)


def t975(df: int) -> float:
    """The 97.5 % quantile of Student's t with ``df`` ≥ 1 degrees of freedom."""
    if not isinstance(df, int | np.integer) or df < 1:
        raise ValueError(f"df: {df!r} is outside the allowed range ≥ 1 (a whole number)")
    return _T975_SMALL[df - 1] if df < 8 else t_quantile_975(df)


# --------------------------------------------------------------------------------------------- the items
def item_table(questions: Sequence[Question] | None = None) -> pd.DataFrame:
    """The check's items from :func:`helpers.claim_check.load_questions`: number, concept and right answer by id."""
    qs = claim_check.load_questions() if questions is None else questions
    if not qs:
        raise ValueError("questions: need at least one question")
    return pd.DataFrame(
        {"number": [q.number for q in qs], "concept": [q.concept for q in qs], "key": [q.answer for q in qs]},
        index=pd.Index([q.id for q in qs], name="question"),
    )


# --------------------------------------------------------------------------------------------- collect
@dataclass(frozen=True)
class Skipped:
    """A file in the class folder that was not used, and why."""

    name: str
    reason: str


def _check_submission(data: object, items: pd.DataFrame) -> str | None:
    """Why ``data`` is not a valid submission, or None when it is."""
    if not isinstance(data, dict):
        return "not a JSON object"
    if set(data) != set(SUBMISSION_KEYS):
        return f"not a claim-check submission (keys {', '.join(sorted(map(str, data)))})"
    if data["format"] != FORMAT_VERSION:
        return f"format {data['format']!r} is not the format this course reads ({FORMAT_VERSION})"
    sid = data["id"]
    if not (isinstance(sid, str) and len(sid) == ID_LENGTH and all(c in "0123456789abcdef" for c in sid)):
        return "the id is not a sharing id"
    if data["sitting"] not in SITTINGS:
        return f"sitting {data['sitting']!r} is neither {' nor '.join(SITTINGS)}"
    if not isinstance(data["time"], str):
        return "the time is not a text"
    try:
        datetime.fromisoformat(data["time"])
    except ValueError:
        return f"the time {data['time'][:40]!r} is not a date and time"
    answers = data["answers"]
    if not isinstance(answers, dict) or not answers:
        return "the answers are not a non-empty object"
    unknown = [q for q in answers if q not in items.index]
    if unknown:
        return f"unknown question id(s) {', '.join(map(str, unknown[:5]))}"
    if any(letter not in claim_check.CLAIM_CHECK_OPTIONS for letter in answers.values()):
        return "an answer is not one of the options " + ", ".join(claim_check.CLAIM_CHECK_OPTIONS)
    return None


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "student": pd.Series(dtype=object),
            "sitting": pd.Series(dtype=object),
            "question": pd.Series(dtype=object),
            "answer": pd.Series(dtype=object),
            "correct": pd.Series(dtype=bool),
        }
    )


def collect(folder: Path | str, questions: Sequence[Question] | None = None) -> pd.DataFrame:
    """Read the class folder's submissions into a tidy frame: one row per (student, sitting, question).

    Columns: ``student`` (``"student 1"`` …), ``sitting`` (``"before"`` / ``"after"``), ``question`` (the item id),
    ``answer`` (the option letter, or None when that question was not answered) and ``correct`` (bool; an
    unanswered question is not correct). Every question of the check gets a row for each submission.

    A student's later submission for the same sitting supersedes the earlier one (by the time it records, then
    by file name). A damaged or foreign file is skipped, never fatal: ``frame.attrs["skipped"]`` lists each one
    by name with the reason (a tuple of :class:`Skipped`), and ``frame.attrs["superseded"]`` counts the
    submissions replaced by a later one.

    Raises
    ------
    ValueError
        If ``folder`` is not an existing folder.
    """
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise ValueError(f"folder: {path} is not an existing folder (the class folder, $SCIATICA_CLASS_DIR)")
    items = item_table(questions)
    skipped: list[Skipped] = []
    latest: dict[tuple[str, str], tuple[str, str, dict]] = {}
    superseded = 0
    for entry in sorted(path.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.is_dir():
            continue  # temporary files of a share in progress, and folders, are not submissions
        try:
            if entry.stat().st_size > MAX_FILE_BYTES:
                skipped.append(Skipped(entry.name, f"larger than {MAX_FILE_BYTES // 1000} kB"))
                continue
            data = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            skipped.append(Skipped(entry.name, f"could not be read ({type(exc).__name__})"))
            continue
        except (ValueError, RecursionError):
            skipped.append(Skipped(entry.name, "not valid JSON"))
            continue
        problem = _check_submission(data, items)
        if problem is not None:
            skipped.append(Skipped(entry.name, problem))
            continue
        key = (data["id"], data["sitting"])
        stamp = datetime.fromisoformat(data["time"]).isoformat()
        if key in latest:
            superseded += 1
            if (stamp, entry.name) < latest[key][:2]:
                continue
        latest[key] = (stamp, entry.name, data["answers"])
    labels = {sid: f"student {n}" for n, sid in enumerate(sorted({sid for sid, _ in latest}), start=1)}
    rows = []
    for (sid, sitting), (_stamp, _name, answers) in sorted(latest.items()):
        for qid, key_letter in items["key"].items():
            letter = answers.get(qid)
            rows.append((labels[sid], sitting, qid, letter, letter == key_letter))
    frame = pd.DataFrame(rows, columns=list(COLUMNS)) if rows else _empty_frame()
    frame["correct"] = frame["correct"].astype(bool)
    frame.attrs["skipped"] = tuple(skipped)
    frame.attrs["superseded"] = superseded
    return frame


def skipped_text(frame: pd.DataFrame) -> str:
    """One line per file :func:`collect` skipped (name: reason), or ``""`` when none was."""
    return "\n".join(f"skipped {s.name}: {s.reason}" for s in frame.attrs.get("skipped", ()))


# --------------------------------------------------------------------------------------------- summarize
@dataclass(frozen=True)
class Interval:
    """A mean with its 95 % t interval over ``n`` students (``low``/``high`` None when there is none, and ``why``)."""

    mean: float | None
    low: float | None
    high: float | None
    n: int
    why: str = ""


@dataclass(frozen=True)
class Gain:
    """The mean paired change in questions right (after − before) with its 95 % t interval.

    Over students who shared both sittings only (``n_paired``). When fewer than :data:`MIN_STUDENTS` did,
    ``mean``, ``low`` and ``high`` are None and ``why`` says so.
    """

    mean: float | None
    low: float | None
    high: float | None
    n_paired: int
    why: str = ""


@dataclass(frozen=True)
class ClassSummary:
    """The class's results: totals only, never a per-student row.

    ``shown`` is False for fewer than :data:`MIN_STUDENTS` students; then ``message`` says so and the tables are
    empty. ``score_counts`` counts students by questions right (index 0…n_items; a column per sitting shown).
    ``by_question`` is indexed by question id (``number``, ``concept``, ``p_before``, ``p_after``,
    ``discrimination``, ``flag``); ``by_concept`` is indexed by concept (``n_items``, ``gain_pp``, ``low_pp``,
    ``high_pp``, ``n_paired``).
    """

    shown: bool
    message: str
    n_students: int
    n_before: int
    n_after: int
    n_items: int
    gain: Gain
    score_counts: pd.DataFrame
    by_question: pd.DataFrame
    by_concept: pd.DataFrame
    mean_score: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def mean_interval(values: np.ndarray | Sequence[float]) -> Interval:
    """The mean of ``values`` with its 95 % t interval (none for fewer than 2 values)."""
    x = np.asarray(values, dtype=float)
    n = int(x.size)
    if n == 0:
        return Interval(None, None, None, 0, "no values")
    mean = float(x.mean())
    if n < 2:
        return Interval(mean, None, None, 1, "one value has no interval")
    half = t975(n - 1) * float(x.std(ddof=1)) / math.sqrt(n)
    return Interval(mean, mean - half, mean + half, n)


def _check_frame(answers: object) -> pd.DataFrame:
    if not isinstance(answers, pd.DataFrame):
        raise ValueError(f"answers: expected the tidy frame from collect(), got {type(answers).__name__}")
    missing = [c for c in COLUMNS if c not in answers.columns]
    if missing:
        raise ValueError(f"answers: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}")
    if answers.empty:
        raise ValueError("answers: the frame is empty (no submissions): nothing to summarise")
    bad = sorted(set(answers["sitting"]) - set(SITTINGS))
    if bad:
        raise ValueError(f"answers: sitting {bad[0]!r} is not allowed; allowed: {', '.join(SITTINGS)}")
    if answers.duplicated(["student", "sitting", "question"]).any():
        raise ValueError("answers: more than one row for a (student, sitting, question)")
    return answers


def _correlation(x: np.ndarray, y: np.ndarray) -> float:
    if x.size < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def _too_few(n: int) -> str:
    return f"too few students ({n}): class results are shown from {MIN_STUDENTS} students, to keep answers anonymous"


def summarize(answers: pd.DataFrame, questions: Sequence[Question] | None = None) -> ClassSummary:
    """The class's results from the tidy frame of :func:`collect` (or :func:`simulate_class`).

    Raises
    ------
    ValueError
        Naming ``answers`` when it is not such a frame, is empty, or names an unknown question or sitting.
    """
    frame = _check_frame(answers)
    items = item_table(questions)
    unknown = sorted(set(frame["question"]) - set(items.index))
    if unknown:
        raise ValueError(f"answers: unknown question id(s) {', '.join(map(str, unknown[:5]))}")
    ids = list(items.index)
    # students × items of 0/1 per sitting; a question without a row counts as not right
    mats: dict[str, pd.DataFrame] = {}
    for sitting in SITTINGS:
        part = frame[frame["sitting"] == sitting]
        mats[sitting] = (
            part.pivot(index="student", columns="question", values="correct")
            .reindex(columns=ids)
            .fillna(False)
            .astype(float)
        )
    n_students = int(frame["student"].nunique())
    n_before, n_after = (len(mats[s]) for s in SITTINGS)
    n_items = len(ids)
    empty = pd.DataFrame()
    if n_students < MIN_STUDENTS:
        why = _too_few(n_students)
        return ClassSummary(
            False, why.capitalize() + ".", n_students, n_before, n_after, n_items,
            Gain(None, None, None, 0, why), empty, empty, empty,
        )  # fmt: skip
    notes: list[str] = []
    shown_sittings = [s for s in SITTINGS if len(mats[s]) >= MIN_STUDENTS]
    for s in SITTINGS:
        if 0 < len(mats[s]) < MIN_STUDENTS:
            notes.append(
                f"Only {len(mats[s])} students shared the {s}-course sitting: it is not shown (fewer than "
                f"{MIN_STUDENTS})."
            )
    scores = {s: mats[s].sum(axis=1) for s in SITTINGS}
    score_counts = pd.DataFrame(
        {s: scores[s].value_counts().reindex(range(n_items + 1), fill_value=0).astype(int) for s in shown_sittings},
        index=pd.RangeIndex(n_items + 1, name="questions right"),
    )
    mean_score = {s: float(scores[s].mean()) for s in shown_sittings}
    # the paired gain
    paired = sorted(set(mats["before"].index) & set(mats["after"].index))
    n_paired = len(paired)
    if n_paired == 0:
        gain = Gain(None, None, None, 0, "nobody shared both sittings, so there is no paired change to show")
    elif n_paired < MIN_STUDENTS:
        gain = Gain(
            None, None, None, n_paired,
            f"only {n_paired} students shared both sittings; a paired change is shown from {MIN_STUDENTS}",
        )  # fmt: skip
    else:
        diff = (scores["after"].loc[paired] - scores["before"].loc[paired]).to_numpy()
        iv = mean_interval(diff)
        gain = Gain(iv.mean, iv.low, iv.high, n_paired)
    # each question
    p = {s: (mats[s].mean(axis=0) if s in shown_sittings else pd.Series(np.nan, index=ids)) for s in SITTINGS}
    if "after" in shown_sittings:
        after = mats["after"].to_numpy()
        total = after.sum(axis=1)
        disc = [_correlation(after[:, j], total - after[:, j]) for j in range(n_items)]
    else:
        disc = [float("nan")] * n_items
    by_question = pd.DataFrame(
        {
            "number": items["number"],
            "concept": items["concept"],
            "p_before": p["before"].reindex(ids),
            "p_after": p["after"].reindex(ids),
            "discrimination": disc,
        },
        index=items.index,
    )
    by_question["flag"] = [
        _flag(b, d) for b, d in zip(by_question["p_before"], by_question["discrimination"], strict=True)
    ]
    # each concept
    concept_rows = []
    pair_before = mats["before"].loc[paired].to_numpy()
    pair_after = mats["after"].loc[paired].to_numpy()
    for concept, group in items.groupby("concept", sort=False):
        cols = [ids.index(q) for q in group.index]
        if n_paired >= MIN_STUDENTS:
            change = (pair_after[:, cols].mean(axis=1) - pair_before[:, cols].mean(axis=1)) * 100
            iv = mean_interval(change)
        else:
            iv = Interval(None, None, None, n_paired, gain.why)
        concept_rows.append((concept, len(cols), iv.mean, iv.low, iv.high, n_paired))
    by_concept = pd.DataFrame(
        concept_rows, columns=["concept", "n_items", "gain_pp", "low_pp", "high_pp", "n_paired"]
    ).set_index("concept")
    single = int((by_concept["n_items"] == 1).sum())
    if single:
        notes.append(
            f"{single} of the {len(by_concept)} key concepts rest on one question each, so their gain is one "
            "question's change: read it as a hint, not a measure of the concept (IHC's validated tests use at least "
            "two items per concept)."
        )
    message = (
        f"{n_students} students shared: {n_before} before the course, {n_after} after, {n_paired} both "
        f"(the paired change uses these {n_paired} only)."
    )
    return ClassSummary(
        True, message, n_students, n_before, n_after, n_items, gain, score_counts, by_question, by_concept,
        mean_score, tuple(notes),
    )  # fmt: skip


def _flag(p_before: float, disc: float) -> str:
    """A warning for one question: near-ceiling before, or negative discrimination."""
    flags = []
    if not np.isnan(p_before) and p_before >= CEILING:
        flags.append(f"≥ {CEILING:.0%} right before: little room to learn")
    if not np.isnan(disc) and disc < 0:
        flags.append("negative discrimination: check the question and its key")
    return "; ".join(flags)


# --------------------------------------------------------------------------------------------- simulated class
#: Default item difficulties of the simulation (logits; higher is harder), one per question in table order,
#: spread from easy to hard. An assumption for the demonstration, not a measurement.
def simulated_difficulty(n_items: int) -> np.ndarray:
    """Difficulties (logits) of ``n_items`` simulated items: evenly spread from −1.5 to 1.5, shuffled (seed 18)."""
    if not isinstance(n_items, int) or n_items < 1:
        raise ValueError(f"n_items: {n_items!r} is outside the allowed range ≥ 1")
    return np.random.default_rng(18).permutation(np.linspace(-1.5, 1.5, n_items))


def _p_right(ability: np.ndarray, difficulty: np.ndarray, shift: float) -> np.ndarray:
    return GUESS + (1 - GUESS) / (1 + np.exp(-(ability[:, None] - difficulty[None, :] + shift)))


def simulate_class(
    n_students: int = 30,
    seed: int = 0,
    effect: float = 1.0,
    share_before: float = 0.9,
    share_after: float = 0.85,
    questions: Sequence[Question] | None = None,
) -> pd.DataFrame:
    """A SIMULATED class's answers, in the tidy form of :func:`collect`.

    Model: each student has an ability (standard normal, logits); each item a difficulty
    (:func:`simulated_difficulty`); the chance of a right answer is a guess (1 in 3) plus the rest times the
    logistic of ability − difficulty, plus ``effect`` after the course. Each student shares the before sitting
    with probability ``share_before`` and the after sitting with ``share_after``, independently. A wrong answer
    is one of the two other options at random. The same seed gives the same class.

    Parameters
    ----------
    n_students : 1–2000 students.
    seed : 0–2**32−1.
    effect : −5 to 5 logits (the learning effect; 0 = no learning).
    share_before, share_after : 0–1.
    """
    for name, count, lo, hi in (
        ("n_students", n_students, 1, 2000),
        ("seed", seed, 0, 2**32 - 1),
    ):
        if not isinstance(count, int | np.integer) or isinstance(count, bool) or not lo <= count <= hi:
            raise ValueError(f"{name}: {count!r} is outside the allowed range {lo}–{hi} (a whole number)")
    for name, value, flo, fhi in (
        ("effect", effect, -5.0, 5.0),
        ("share_before", share_before, 0.0, 1.0),
        ("share_after", share_after, 0.0, 1.0),
    ):
        if not isinstance(value, int | float) or isinstance(value, bool) or not flo <= value <= fhi:
            raise ValueError(f"{name}: {value!r} is outside the allowed range {flo}–{fhi}")
    items = item_table(questions)
    n_items = len(items)
    rng = np.random.default_rng(seed)
    ability = rng.standard_normal(n_students)
    difficulty = simulated_difficulty(n_items)
    keys = items["key"].to_numpy()
    options = np.array(claim_check.CLAIM_CHECK_OPTIONS)
    frames = []
    for sitting, share, shift in (("before", share_before, 0.0), ("after", share_after, float(effect))):
        right = rng.random((n_students, n_items)) < _p_right(ability, difficulty, shift)
        pick = rng.integers(0, len(options) - 1, size=(n_students, n_items))
        shares = rng.random(n_students) < share
        letters = np.empty((n_students, n_items), dtype=object)
        for j, key in enumerate(keys):
            wrong = options[options != key]
            letters[:, j] = np.where(right[:, j], key, wrong[pick[:, j]])
        who = np.flatnonzero(shares)
        frames.append(
            pd.DataFrame(
                {
                    "student": np.repeat([f"student {i + 1}" for i in who], n_items),
                    "sitting": sitting,
                    "question": np.tile(items.index.to_numpy(), who.size),
                    "answer": letters[who].ravel(),
                    "correct": right[who].ravel(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def expected_gain(effect: float, n_items: int) -> float:
    """The simulated population's mean change in questions right for learning effect ``effect`` (logits).

    The true value that :attr:`Gain.mean` estimates for a class from :func:`simulate_class`: the expected
    right answers after minus before, averaged over abilities (Gauss–Hermite quadrature, 80 points).
    """
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)
    weights = weights / weights.sum()
    difficulty = simulated_difficulty(n_items)
    change = _p_right(nodes, difficulty, float(effect)) - _p_right(nodes, difficulty, 0.0)
    return float(weights @ change.sum(axis=1))


# --------------------------------------------------------------------------------------------- sentences
def gain_sentence(summary: ClassSummary) -> str:
    """The paired change in one sentence, or why there is none."""
    if not summary.shown:
        return summary.message
    g = summary.gain
    if g.mean is None or g.low is None or g.high is None:
        return f"No paired change is shown: {g.why}."
    return (
        f"Among the {g.n_paired} students who shared both sittings, the number of questions right changed by "
        f"{g.mean:+.1f} on average (95 % interval {g.low:+.1f} to {g.high:+.1f}) out of {summary.n_items}."
    )


#: What a class's before/after rise can and cannot show, shown beside every result.
CAVEATS: tuple[str, ...] = (
    "The 12 questions were written for this course in the manner of the IHC Claim Evaluation Tools; they are not "
    "validated items, most key concepts rest on one question (IHC's tests use two per concept), and no pass mark "
    "was set in advance by a panel, so these results cannot be compared with the trials' figures.",
    "A rise from before to after is not a controlled effect: the same questions were met twice (practice), low "
    "first scores tend to rise by chance (regression to the mean), a guess is right one time in three, and only "
    "students who chose to share are counted. Only a comparison with similar classes taught without the course, "
    "as in the IHC trials, shows what the course itself added.",
    "The interval is a 95 % t interval over students who shared both sittings; it describes this class, not "
    "students in general.",
)


@dataclass(frozen=True)
class TrialFigure:
    """One published IHC trial result, with what it measured and its reference id in ``data/references.csv``."""

    trial: str
    measure: str
    taught: str
    not_taught: str
    definition: str
    reference: str
    confirmed: bool


#: The Informed Health Choices trials' results shown beside the class's (each traced to data/references.csv).
IHC_TRIALS: tuple[TrialFigure, ...] = (
    TrialFigure(
        "Uganda, 120 primary schools, end of term",
        "mean score; passing score",
        "62.4 %; 69.0 %",
        "43.1 %; 26.8 %",
        "24 multiple-choice questions, two for each of 12 key concepts; passing score set in advance",
        "nsangi2017",
        False,
    ),
    TrialFigure(
        "Uganda, same children one year later",
        "mean score; passing score (≥ 13 of 24)",
        "68.7 %; 80.1 %",
        "53.0 %; 51.5 %",
        "adjusted mean difference 16.7 % (95 % CI 13.9 to 19.5)",
        "nsangi2020",
        True,
    ),
    TrialFigure(
        "Kenya, Rwanda, Uganda: 244 secondary schools, 11,344 students (three trials)",
        "passing score (≥ 9 of 18)",
        "58 % (3397 of 5846)",
        "odds ratio 5.5 (95 % CI 3.0 to 10.2) in favour of teaching",
        "18 questions, two for each of 9 key concepts; 42 % of taught students still did not pass",
        "chesire2023",
        True,
    ),
)


def ihc_table() -> pd.DataFrame:
    """:data:`IHC_TRIALS` as a table for the notebook (figures not confirmed here are marked)."""
    rows = [
        {
            "trial": t.trial,
            "measure": t.measure,
            "taught": t.taught,
            "not taught (control schools)": t.not_taught,
            "definitions": t.definition,
            "reference": f"[{t.reference}]" + ("" if t.confirmed else " (figures not confirmed against the abstract)"),
        }
        for t in IHC_TRIALS
    ]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------- one call for a folder
#: The simulated class of the notebook and the dashboard: its size, seed and learning effect (logits).
class SimulatedClass(TypedDict):
    """The arguments of :func:`simulate_class` that make the course's labelled simulated class."""

    n_students: int
    seed: int
    effect: float


SIMULATED: SimulatedClass = {"n_students": 30, "seed": 2026, "effect": 1.0}
SIMULATED_LABEL = "SIMULATED class"


def nothing_shown(message: str, questions: Sequence[Question] | None = None) -> ClassSummary:
    """A summary that shows nothing, with ``message`` saying why (no submissions, an unreadable folder)."""
    empty = pd.DataFrame()
    n_items = len(item_table(questions))
    return ClassSummary(False, message, 0, 0, 0, n_items, Gain(None, None, None, 0, message), empty, empty, empty)


@dataclass(frozen=True)
class FolderResults:
    """The results of a class folder: the summary and the files skipped (name: reason), never raising."""

    summary: ClassSummary
    skipped: tuple[Skipped, ...]
    superseded: int


def folder_results(folder: Path | str, questions: Sequence[Question] | None = None) -> FolderResults:
    """:func:`collect` then :func:`summarize`, with an empty or missing folder reported instead of raised."""
    try:
        frame = collect(folder, questions)
    except ValueError as err:
        return FolderResults(nothing_shown(str(err), questions), (), 0)
    skipped, superseded = frame.attrs["skipped"], frame.attrs["superseded"]
    if frame.empty:
        return FolderResults(nothing_shown("No submissions in the class folder yet.", questions), skipped, superseded)
    return FolderResults(summarize(frame, questions), skipped, superseded)


def simulated_results(questions: Sequence[Question] | None = None) -> ClassSummary:
    """The summary of the course's labelled simulated class (:data:`SIMULATED`)."""
    return summarize(simulate_class(**SIMULATED, questions=questions), questions)


@dataclass(frozen=True)
class Shown:
    """What the results notebook shows: the summary, where it came from, and the files skipped."""

    summary: ClassSummary
    label: str
    source: str
    skipped: tuple[Skipped, ...] = ()

    def describe(self) -> str:
        """Where the results come from, what was skipped, and the summary's message, as Markdown."""
        lines = [f"**{self.label}.** {self.source}", "", self.summary.message]
        lines += [f"* skipped `{s.name}`: {s.reason}" for s in self.skipped]
        return "\n".join(lines)


def current_results(folder: Path | str | None = None, questions: Sequence[Question] | None = None) -> Shown:
    """The class folder's results when there is one (``folder``, else ``$SCIATICA_CLASS_DIR``), else the simulated
    class's, labelled as such."""
    if folder is None:
        value = os.environ.get(CLASS_DIR_ENV, "").strip()
        folder = value or None
    if folder is None:
        n, seed, effect = SIMULATED["n_students"], SIMULATED["seed"], SIMULATED["effect"]
        return Shown(
            simulated_results(questions),
            SIMULATED_LABEL,
            f"No class folder is set ($SCIATICA_CLASS_DIR), so these are {n} SIMULATED students (seed {seed}): "
            f"abilities drawn at random, item difficulties spread from easy to hard, a guess right one time in "
            f"three, a learning effect of {effect} logit after the course, and about 1 in 10 students not sharing "
            "each sitting. Use them to practise reading the results; they say nothing about any real class.",
        )
    found = folder_results(folder, questions)
    return Shown(found.summary, "This class", "Anonymous submissions in the class folder.", found.skipped)
