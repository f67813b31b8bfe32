"""A simulated cohort of people who see a clinician with back pain spreading into the leg (lesson 02).

**Simulation, not data.** Each simulated person gets one cause, drawn with the shares in
``data/cohort_causes.csv`` (disc herniation 85 %, the low end of the published 85–90 % [koes2007;
trials2020_protocol]; every other share is a labelled teaching assumption), and then each symptom independently
with the per-cause probabilities in ``data/cohort_symptom_probabilities.csv`` (teaching assumptions: the ``note``
column says what each is anchored on). Fatigue and poor sleep have the *same* probability in every cause, on
purpose, so students can see what a symptom that does not point to a cause looks like.

Students then ask base-rate questions with pandas: "among people with this combination, what share had each
cause?" (``groupby``, ``crosstab``), and judge a rule with a 2×2 table (:func:`accuracy`).

The cohort mixes denominators, a teaching choice said wherever it is shown: the 85 % is a share *of sciatica*,
but the simulated people also include non-radicular back pain, cauda equina syndrome and serious pathology.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from helpers.symptoms import knowledge
from helpers.tables import load_table
from helpers.vocabulary import URGENCIES

DEFAULT_N = 10_000
DEFAULT_SEED = 2024
MAX_N = 1_000_000

ASSUMPTIONS = (
    "Simulated people, not patients. Causes follow the published 85 % share of disc herniation; every other cause "
    "share and every symptom probability is a teaching assumption (see data/cohort_causes.csv and "
    "data/cohort_symptom_probabilities.csv). Symptoms are drawn independently given the cause; fatigue and poor "
    "sleep are set equal in every cause on purpose. The 85 % is a share of sciatica, but the simulated people also "
    "include non-radicular back pain: the cohort mixes denominators, a simplification for teaching."
)


@dataclass(frozen=True)
class CohortModel:
    """The cohort's parameters as arrays: causes (in the order of ``data/conditions.csv``), their shares,
    the simulated symptoms (in the order of ``data/symptoms.csv``) and ``probabilities[cause, symptom]``."""

    causes: tuple[str, ...]
    shares: np.ndarray
    symptoms: tuple[str, ...]
    probabilities: np.ndarray


@cache
def model() -> CohortModel:
    """Read the two cohort tables into arrays (validated on load; cached)."""
    kn = knowledge()
    shares_table = load_table("cohort_causes").set_index("id")["share"]
    probs = load_table("cohort_symptom_probabilities")
    causes = tuple(c for c in kn.conditions if c in shares_table.index)
    symptoms = tuple(s for s in kn.symptoms if s in set(probs["symptom"]))
    missing = sorted(set(probs["condition"]) - set(causes))
    if missing:
        raise ValueError(
            f"cohort_symptom_probabilities.csv names causes without a share in cohort_causes.csv: {missing}"
        )
    grid = probs.pivot(index="condition", columns="symptom", values="probability").reindex(
        index=list(causes), columns=list(symptoms)
    )
    if grid.isna().to_numpy().any():
        raise ValueError("cohort_symptom_probabilities.csv must give a probability for every cause and symptom")
    shares = shares_table.reindex(list(causes)).to_numpy(dtype=float)
    shares.flags.writeable = False
    matrix = grid.to_numpy(dtype=float)
    matrix.flags.writeable = False
    return CohortModel(causes, shares, symptoms, matrix)


def simulate_cohort(n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Simulate ``n`` people with back-and-leg pain: one row per person, a cause and one column per symptom.

    Parameters
    ----------
    n : int
        Number of simulated people, 1–1,000,000 (default 10,000).
    seed : int
        Seed of the random generator, ≥ 0; the same seed always gives the same cohort.

    Returns
    -------
    pandas.DataFrame
        Tidy: columns ``person`` (1..n), ``cause`` (a condition id, categorical in the order of
        ``data/conditions.csv``), one boolean column per simulated symptom, and ``urgency`` ("emergency",
        "urgent" or "routine", from the same triage rule as :func:`helpers.symptoms.assess`).
        ``df.attrs["simulated"]`` holds the assumptions.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= MAX_N:
        raise ValueError(f"n: {n!r} is outside the allowed range 1–{MAX_N:,} people (a whole number)")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed: {seed!r} must be a whole number ≥ 0")
    m = model()
    rng = np.random.default_rng(int(seed))
    cause_idx = rng.choice(len(m.causes), size=int(n), p=m.shares)
    has = rng.random((int(n), len(m.symptoms))) < m.probabilities[cause_idx]
    frame = pd.DataFrame(has, columns=list(m.symptoms))
    frame.insert(0, "cause", pd.Categorical.from_codes(cause_idx, categories=list(m.causes)))
    frame.insert(0, "person", np.arange(1, int(n) + 1))
    frame["urgency"] = urgency_column(frame)
    frame.attrs["simulated"] = ASSUMPTIONS
    return frame


def urgency_column(frame: pd.DataFrame) -> pd.Series:
    """The triage rule applied row by row to boolean symptom columns (vectorised).

    Each red-flag column carries its own urgency (``data/symptoms.csv``): "emergency" where any emergency red flag is
    True, else "urgent" where any other red flag is True, else "routine". Absent symptom columns count as not present.
    """
    kn = knowledge()
    symptom_columns(frame)  # refuses non-boolean symptom columns
    flags = [s for s in kn.symptoms if kn.symptoms[s].red_flag and s in frame.columns]
    emergency_cols = [s for s in flags if kn.symptoms[s].urgency == "emergency"]
    urgent_cols = [s for s in flags if kn.symptoms[s].urgency == "urgent"]
    emergency = frame[emergency_cols].any(axis=1).to_numpy() if emergency_cols else np.zeros(len(frame), bool)
    urgent = frame[urgent_cols].any(axis=1).to_numpy() if urgent_cols else np.zeros(len(frame), bool)
    values = np.where(emergency, "emergency", np.where(urgent, "urgent", "routine"))
    return pd.Series(
        pd.Categorical(values, categories=list(reversed(URGENCIES)), ordered=True), index=frame.index, name="urgency"
    )


def symptom_columns(frame: pd.DataFrame) -> list[str]:
    """The symptom columns of a simulated cohort, in the order of ``data/symptoms.csv``.

    Raises
    ------
    ValueError
        If a symptom column is not True/False (for example 0/1, "yes"/"no" or with missing values): counting
        such a column would count everyone.
    """
    cols = [s for s in knowledge().symptoms if s in frame.columns]
    for col in cols:
        if not pd.api.types.is_bool_dtype(frame[col].dtype) or frame[col].isna().any():
            raise ValueError(
                f"frame: symptom column {col!r} must hold only True/False (bool), got dtype "
                f"{frame[col].dtype}; for example frame[{col!r}] == 'yes' makes one"
            )
    return cols


def co_occurrence(frame: pd.DataFrame, kind: str = "conditional") -> pd.DataFrame:
    """How often symptoms occur together in a cohort.

    Parameters
    ----------
    frame : a cohort from :func:`simulate_cohort` (boolean symptom columns).
    kind : "conditional" (default): row s, column t holds the share of people with s who also have t
        (the diagonal is 1); "joint": the share of everyone who has both (the diagonal is each symptom's share).

    Returns
    -------
    pandas.DataFrame
        Square, symptoms × symptoms, values between 0 and 1 (NaN for a symptom nobody has, when conditional).
    """
    if kind not in {"conditional", "joint"}:
        raise ValueError(f"kind: {kind!r} is not one of 'conditional', 'joint'")
    cols = symptom_columns(frame)
    if not cols:
        raise ValueError("frame: no symptom columns found; pass a cohort from simulate_cohort()")
    x = frame[cols].to_numpy(dtype=float)
    both = x.T @ x
    if kind == "joint":
        values = both / max(len(frame), 1)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            values = both / np.diag(both)[:, None]
    return pd.DataFrame(values, index=cols, columns=cols)


def cause_shares(frame: pd.DataFrame, having: tuple[str, ...] | list[str] = ()) -> pd.Series:
    """Share of each cause among the people who have every symptom in ``having`` (all people when empty).

    Parameters
    ----------
    frame : a cohort from :func:`simulate_cohort`.
    having : symptom column names that must all be True.

    Returns
    -------
    pandas.Series
        Index: every cause (categories of ``frame["cause"]``); values: shares adding up to 1 (all 0 when nobody
        has the combination). ``attrs["n"]`` holds the number of people with the combination.
    """
    if isinstance(having, str):
        raise ValueError(f"having: expected a list of symptom columns, got the string {having!r}")
    unknown = [s for s in having if s not in symptom_columns(frame)]
    if unknown:
        raise ValueError(f"having: {unknown} are not symptom columns of this cohort; valid: {symptom_columns(frame)}")
    mask = frame[list(having)].all(axis=1) if having else pd.Series(True, index=frame.index)
    counts = frame.loc[mask, "cause"].value_counts().reindex(frame["cause"].cat.categories, fill_value=0)
    total = int(counts.sum())
    shares = counts / total if total else counts.astype(float)
    shares.name = "share"
    shares.attrs["n"] = total
    return shares


@dataclass(frozen=True)
class Accuracy:
    """The 2×2 table of a rule against a condition, and the shares computed from it.

    Attributes
    ----------
    tp, fp, fn, tn : counts of people: flagged with the condition (true positives), flagged without it (false
        positives), not flagged with it (false negatives), not flagged without it (true negatives).
    """

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def n(self) -> int:
        """Everyone in the table."""
        return self.tp + self.fp + self.fn + self.tn

    @property
    def prevalence(self) -> float:
        """Share of everyone who has the condition, 0–1 (NaN for an empty table)."""
        return _share(self.tp + self.fn, self.n)

    @property
    def sensitivity(self) -> float:
        """Share of people with the condition whom the rule flags: TP / (TP + FN), 0–1 (NaN if nobody has it)."""
        return _share(self.tp, self.tp + self.fn)

    @property
    def specificity(self) -> float:
        """Share of people without the condition whom the rule does not flag: TN / (TN + FP), 0–1."""
        return _share(self.tn, self.tn + self.fp)

    @property
    def ppv(self) -> float:
        """Positive predictive value: share of flagged people who have the condition, TP / (TP + FP), 0–1."""
        return _share(self.tp, self.tp + self.fp)

    def sentence(self, rule: str, condition: str) -> str:
        """One plain sentence: the three shares and the prevalence behind a low positive predictive value."""
        return (
            f"The rule “{rule}” flags {self.sensitivity:.0%} of the {self.tp + self.fn:,} simulated people with "
            f"{condition} (sensitivity) and leaves alone {self.specificity:.0%} of the {self.tn + self.fp:,} without "
            f"it (specificity), yet only {self.ppv:.1%} of the {self.tp + self.fp:,} people it flags have {condition} "
            f"(positive predictive value): the prevalence is {self.prevalence:.2%}, so the {self.fp:,} people flagged "
            f"without it {'outnumber' if self.fp > self.tp else 'do not outnumber'} the {self.tp:,} flagged with it."
        )


def _share(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def accuracy(flagged: pd.Series, condition: pd.Series) -> Accuracy:
    """Cross a rule with a condition, person by person, into a 2×2 table.

    Parameters
    ----------
    flagged : boolean Series, True where the rule flags the person.
    condition : boolean Series of the same length (and index), True where the person has the condition.

    Returns
    -------
    Accuracy
        The four counts, with sensitivity, specificity, positive predictive value and prevalence.

    Raises
    ------
    ValueError
        If either argument is not a boolean Series, or their lengths or indexes differ.
    """
    for name, s in (("flagged", flagged), ("condition", condition)):
        if not isinstance(s, pd.Series) or s.dtype != bool:
            raise ValueError(f"{name}: expected a boolean (True/False) pandas Series, e.g. cohort['cause'] == 'x'")
    if len(flagged) != len(condition) or not flagged.index.equals(condition.index):
        raise ValueError(
            f"condition: must have the same length and index as flagged ({len(flagged)} rows); "
            f"got {len(condition)} rows"
        )
    f, c = flagged.to_numpy(), condition.to_numpy()
    return Accuracy(tp=int((f & c).sum()), fp=int((f & ~c).sum()), fn=int((~f & c).sum()), tn=int((~f & ~c).sum()))
