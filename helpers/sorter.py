"""Lesson 07's claim sorter: score a student's verdicts on the claims ledger against the ledger's own.

The student gives each claim of the clinic's page a verdict (supported / partly supported / untested /
contradicted); this module says, claim by claim, whether they agree with the ledger (and, when not, what the
difference usually means), and counts agreement by section and by verdict. Pure Python on plain rows, so an
app can call it on every click; no widgets, no plotting (see :mod:`helpers.claim_review_figures`). The student's
verdicts are kept per user, beside the claim check's answers (:func:`verdicts_file`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from helpers import claim_check, user_store
from helpers.ledger import SECTION_ORDER, VERDICT_ORDER

#: The three states of a claim in the sorter, in the order of the figure's stacked bars.
STATES: tuple[str, ...] = ("agrees with the ledger", "differs from the ledger", "not sorted yet")

#: What a particular disagreement usually means: (your verdict, the ledger's verdict) -> a short lesson.
MISMATCH_NOTES: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("contradicted", "untested"): "No evidence found is not evidence against: nobody has tested this claim, "
        "so it is untested rather than contradicted.",
        ("supported", "untested"): "Sounding plausible is not the same as being tested: no study was found that "
        "tests this claim.",
        ("partly supported", "untested"): "Related findings exist, but none tests this claim itself.",
        ("untested", "contradicted"): "This claim has been tested, or can be checked against published numbers, "
        "and the evidence goes against it.",
        ("untested", "partly supported"): "There is evidence on this claim: part of it holds, part does not.",
        ("untested", "supported"): "There is evidence on this claim, and it agrees.",
        ("supported", "partly supported"): "Part of the claim holds, but not all of it, or not as strongly as the "
        "page says.",
        ("supported", "contradicted"): "The published evidence goes against this claim.",
        ("partly supported", "contradicted"): "The evidence goes against the claim as the page states it.",
        ("contradicted", "supported"): "The evidence agrees with this claim, even if other parts of the page are "
        "doubtful.",
        ("contradicted", "partly supported"): "Part of this claim holds up, even if not all of it.",
        ("partly supported", "supported"): "The evidence backs this claim as stated.",
    }
)


def _check_verdict(value: str, argument: str) -> str:
    if value not in VERDICT_ORDER:
        raise ValueError(f"{argument}: {value!r} is not a verdict; allowed: {', '.join(VERDICT_ORDER)}")
    return value


@dataclass(frozen=True)
class VerdictFeedback:
    """Feedback on one verdict: whether it agrees with the ledger, and a sentence on the difference."""

    claim_id: str
    guess: str
    verdict: str
    agree: bool
    message: str


def verdict_feedback(claim_id: str, guess: str, verdict: str) -> VerdictFeedback:
    """Compare the student's ``guess`` with the ledger's ``verdict`` for one claim.

    Raises
    ------
    ValueError
        If ``guess`` or ``verdict`` is not one of the four verdicts.
    """
    _check_verdict(guess, "guess")
    _check_verdict(verdict, "verdict")
    if guess == verdict:
        return VerdictFeedback(claim_id, guess, verdict, True, f"You agree with the ledger: {verdict}.")
    note = MISMATCH_NOTES.get((guess, verdict), "")
    message = f"You said {guess}; the ledger says {verdict}. {note}".strip()
    return VerdictFeedback(claim_id, guess, verdict, False, message)


@dataclass(frozen=True)
class GroupAgreement:
    """Agreement within one group of claims (a section, or a ledger verdict)."""

    group: str
    n_claims: int
    n_sorted: int
    n_agree: int

    @property
    def n_differ(self) -> int:
        return self.n_sorted - self.n_agree

    @property
    def n_unsorted(self) -> int:
        return self.n_claims - self.n_sorted


@dataclass(frozen=True)
class SortScore:
    """How a student's verdicts compare with the ledger: overall, by section and by the ledger's verdict."""

    n_claims: int
    n_sorted: int
    n_agree: int
    by_section: tuple[GroupAgreement, ...]
    by_verdict: tuple[GroupAgreement, ...]

    @property
    def share_agree(self) -> float | None:
        """Share (0–1) of the sorted claims on which the student agrees with the ledger; None before any."""
        return self.n_agree / self.n_sorted if self.n_sorted else None

    def matrix(self) -> list[list[int]]:
        """Counts per state (:data:`STATES`, outer) per section (:data:`helpers.ledger.SECTION_ORDER`, inner)."""
        return [
            [g.n_agree for g in self.by_section],
            [g.n_differ for g in self.by_section],
            [g.n_unsorted for g in self.by_section],
        ]

    def sentence(self) -> str:
        """One sentence describing the score (the agreement figure's text summary)."""
        if self.n_sorted == 0:
            return f"No claim sorted yet: all {self.n_claims} claims of the page are waiting for your verdict."
        best = max((g for g in self.by_section if g.n_sorted), key=lambda g: (g.n_agree / g.n_sorted, g.n_sorted))
        text = (
            f"You have sorted {self.n_sorted} of {self.n_claims} claims and agree with the ledger on "
            f"{self.n_agree} of them ({round(100 * self.n_agree / self.n_sorted)} %)."
        )
        if sum(1 for g in self.by_section if g.n_sorted) > 1:
            text += f" Closest agreement: “{best.group}” ({best.n_agree} of {best.n_sorted} sorted claims)."
        return text


Row = tuple[str, str, str]
"""A claim as ``(id, section title, ledger verdict)``."""


def ledger_rows(claims: Iterable[Mapping[str, str]]) -> list[Row]:
    """``(id, section, verdict)`` rows from ledger records (``load_claims().to_dict("records")``)."""
    return [(str(r["id"]), str(r["section"]), str(r["verdict"])) for r in claims]


def score_sort(rows: Sequence[Row], guesses: Mapping[str, str]) -> SortScore:
    """Score ``guesses`` (claim id -> verdict) against the ledger ``rows``.

    Raises
    ------
    ValueError
        If a guess names a claim that is not in ``rows``, a guess is not a verdict, or a row's section or
        verdict is unknown.
    """
    ids = {r[0] for r in rows}
    for claim_id, given in guesses.items():
        if claim_id not in ids:
            raise ValueError(f"guesses: claim {claim_id!r} is not in the ledger")
        _check_verdict(given, "guesses")
    sec_index = {s: i for i, s in enumerate(SECTION_ORDER)}
    ver_index = {v: i for i, v in enumerate(VERDICT_ORDER)}
    sec_counts = [[0, 0, 0] for _ in SECTION_ORDER]  # claims, sorted, agree
    ver_counts = [[0, 0, 0] for _ in VERDICT_ORDER]
    for claim_id, section, verdict in rows:
        if section not in sec_index:
            raise ValueError(f"rows: {section!r} is not a section of the source text")
        _check_verdict(verdict, "rows")
        guess = guesses.get(claim_id)
        for counts in (sec_counts[sec_index[section]], ver_counts[ver_index[verdict]]):
            counts[0] += 1
            if guess is not None:
                counts[1] += 1
                counts[2] += guess == verdict
    by_section = tuple(GroupAgreement(s, *c) for s, c in zip(SECTION_ORDER, sec_counts, strict=True))
    by_verdict = tuple(GroupAgreement(v, *c) for v, c in zip(VERDICT_ORDER, ver_counts, strict=True))
    n_sorted = sum(c[1] for c in sec_counts)
    n_agree = sum(c[2] for c in sec_counts)
    return SortScore(len(rows), n_sorted, n_agree, by_section, by_verdict)


def ledger_sentence(counts: pd.DataFrame) -> str:
    """One sentence summarising a section × verdict count table (from :func:`helpers.ledger.verdict_counts`).

    It names the total per verdict and the section with the most untested claims, for the figure's text summary.
    """
    if not isinstance(counts, pd.DataFrame) or list(counts.columns) != list(VERDICT_ORDER):
        raise ValueError(f"counts: expected a section × verdict DataFrame with columns {list(VERDICT_ORDER)}")
    totals = counts.sum(axis=0)
    parts = ", ".join(f"{int(totals[v])} {v}" for v in VERDICT_ORDER)
    most = str(counts["untested"].idxmax())
    return (
        f"Of the {int(totals.sum())} claims on the clinic's page, {parts}; the section with the most "
        f"untested claims is “{most}” ({int(counts.loc[most, 'untested'])} of {int(counts.loc[most].sum())})."
    )


#: Eight claims for sorting as a room in a 50-minute class (instructor guide): every verdict, every kind of reason.
CLASS_CLAIMS: tuple[str, ...] = ("sym02", "sym04", "def03", "cau01", "cau06", "mec07", "how05", "how09")


def class_claims(claims: pd.DataFrame, ids: Sequence[str] = CLASS_CLAIMS) -> pd.DataFrame:
    """The claims to sort as a room, in the given order, with the ledger's current verdict and evidence.

    Parameters
    ----------
    claims : the ledger (``helpers.ledger.load_claims()``).
    ids : claim ids; every one must be in the ledger.

    Raises
    ------
    ValueError
        If an id is not in the ledger.
    """
    unknown = [i for i in ids if i not in set(claims["id"])]
    if unknown:
        raise ValueError(f"ids: {unknown} not in the claims ledger")
    chosen = claims.set_index("id").loc[list(ids), ["section", "quote", "verdict", "evidence"]]
    return chosen.reset_index()


# --------------------------------------------------------------------------------------------- the verdicts file
# The sorter's verdicts are the student's own, kept like the claim check's answers: beside them, in the per-user
# data folder, saved under a file lock and atomically; an unreadable file is set aside, never overwritten.
# (The file machinery is helpers.user_store's, shared with the claim check.)
VERDICTS_NAME = "claim_sorter_verdicts.json"
VERDICTS_KEY = "claim_sorter"
VERDICTS_VERSION = 1


def verdicts_file() -> Path:
    """The student's sorter verdicts file, beside the claim check's answers (see ``claim_check.answers_dir``)."""
    return claim_check.answers_dir() / VERDICTS_NAME


@dataclass(frozen=True)
class SavedVerdicts:
    """What the verdicts file holds after dropping anything invalid: ``verdicts`` as (claim id, verdict) pairs.

    ``found`` says whether the file existed; ``problems`` lists what could not be used; ``foreign`` is True when
    the file belongs to another user account (then it is neither read nor changed).
    """

    path: Path
    found: bool
    verdicts: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = ()
    foreign: bool = False

    @property
    def damaged(self) -> bool:
        """True when the file is this user's but something in it could not be used."""
        return self.found and bool(self.problems) and not self.foreign

    def as_dict(self) -> dict[str, str]:
        """The verdicts as a fresh dict (claim id -> verdict)."""
        return dict(self.verdicts)


@dataclass(frozen=True)
class VerdictsSaved:
    """Whether a save worked, a sentence for the student, what the file holds now, and where a bad file went."""

    ok: bool
    path: Path
    message: str
    saved: SavedVerdicts | None = None
    set_aside: Path | None = None


def _check_ids(claim_ids: Sequence[str]) -> list[str]:
    ids = list(claim_ids)
    if not ids:
        raise ValueError("claim_ids: need at least one claim id")
    return ids


FOREIGN_PROBLEM = "the verdicts file belongs to another user account, so it is neither read nor changed"


def _verdicts_in(data: Any, ids: Sequence[str]) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The valid (claim id, verdict) pairs in a verdicts file's object, in ``ids`` order, and what was wrong."""
    if not isinstance(data, dict):
        return (), ("the verdicts file does not hold a JSON object",)
    entries = data.get(VERDICTS_KEY, {})
    if not isinstance(entries, dict):
        return (), (f"'{VERDICTS_KEY}' in the verdicts file is not an object",)
    kept = {i: v for i, v in entries.items() if i in ids and isinstance(v, str) and v in VERDICT_ORDER}
    problems = (
        (f"{len(entries) - len(kept)} saved verdict(s) were not valid and were left out",)
        if len(kept) < len(entries)
        else ()
    )
    return tuple((i, kept[i]) for i in ids if i in kept), problems


def read_verdicts(path: Path | str | None = None, claim_ids: Sequence[str] = ()) -> SavedVerdicts:
    """Read the saved verdicts. Never raises for any file content, and never writes (:func:`user_store.read_json`).

    Parameters
    ----------
    path : the verdicts file (default :func:`verdicts_file`).
    claim_ids : the ledger's claim ids, in reading order; verdicts for other ids are dropped.
    """
    ids = _check_ids(claim_ids)
    path = verdicts_file() if path is None else Path(path)
    found = user_store.read_json(path)
    if not found.found:
        return SavedVerdicts(path, found=False)
    if user_store.owned_by_someone_else(path):
        return SavedVerdicts(path, found=True, problems=(FOREIGN_PROBLEM,), foreign=True)
    if found.problem is not None:
        return SavedVerdicts(path, found=True, problems=(f"the verdicts file {found.problem}",))
    verdicts, problems = _verdicts_in(found.data, ids)
    return SavedVerdicts(path, True, verdicts, problems)


def _is_verdicts_file(found: user_store.JsonRead) -> bool:
    """Whether an unmarked file may be treated as a verdicts file (:func:`user_store.holds_section`)."""
    return user_store.holds_section(found, VERDICTS_KEY)


def _update_verdicts(
    change: Callable[[dict[str, str]], dict[str, str]], path: Path | str | None, claim_ids: Sequence[str]
) -> VerdictsSaved:
    """Read, set a damaged verdicts file aside, apply ``change``, write atomically (:func:`user_store.update_json`)."""
    ids = _check_ids(claim_ids)
    path = verdicts_file() if path is None else Path(path)

    def new_content(data: dict[str, Any]) -> dict[str, Any]:
        verdicts, _problems = _verdicts_in(data, ids) if data else ((), ())
        new = change(dict(verdicts))
        data[VERDICTS_KEY] = {i: new[i] for i in ids if i in new}
        data["version"] = VERDICTS_VERSION
        return data

    def damaged(data: Any) -> bool:
        return bool(_verdicts_in(data, ids)[1])

    done = user_store.update_json(
        path, new_content, recognise=_is_verdicts_file, set_aside_when=damaged, timeout=user_store.LOCK_TIMEOUT_S
    )
    aside = done.set_aside
    if done.outcome == "busy":
        return VerdictsSaved(
            False, path, "Your verdicts are kept in this notebook only for now: another notebook was saving. Try again."
        )
    if done.outcome == "refused" and user_store.owned_by_someone_else(path):
        return VerdictsSaved(
            False,
            path,
            f"Your verdicts are kept in this notebook only: {user_store.shown_path(path)} belongs to another user "
            f"account, so it is not changed ({user_store.DATA_DIR_ENV} can give each user their own folder).",
        )
    if not done.ok:
        kept = f" The unreadable file was kept as {aside.name}." if aside else ""
        return VerdictsSaved(
            False, path, f"Your verdicts are kept in this notebook only: {done.problem}.{kept}", set_aside=aside
        )
    message = f"Saved for you only, in {user_store.shown_path(path)}."
    if aside is not None:
        message += f" The verdicts file there could not be read, so it was kept unchanged as {aside.name}."
    return VerdictsSaved(True, path, message, read_verdicts(path, ids), aside)


def record_verdicts(
    verdicts: Mapping[str, str], path: Path | str | None = None, claim_ids: Sequence[str] = ()
) -> VerdictsSaved:
    """Add verdicts to the file; a verdict already saved for a claim stays (the first verdict counts).

    Raises
    ------
    ValueError
        If a verdict is not one of the four, or a claim id is not in ``claim_ids``.
    """
    ids = _check_ids(claim_ids)
    for claim_id, verdict in verdicts.items():
        if claim_id not in ids:
            raise ValueError(f"verdicts: unknown claim id {claim_id!r}")
        _check_verdict(verdict, "verdicts")
    return _update_verdicts(lambda old: {**verdicts, **old}, path, ids)


def forget_verdicts(path: Path | str | None = None, claim_ids: Sequence[str] = ()) -> VerdictsSaved:
    """Forget every saved verdict (the app asks to confirm first)."""
    return _update_verdicts(lambda _old: {}, path, claim_ids)
