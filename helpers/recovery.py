"""Simulated recovery curves: leg pain (0–10 NRS) week by week in a cohort of people with sciatica.

**A simulation, not data.** Each simulated person belongs to one of the four published leg-pain trajectory classes
of the ATLAS primary-care cohort (improving mild 58 %, persistent moderate 26 %, persistent severe 13 %, improving
severe 3 % [ogollah_trajectories; the journal is not confirmed]). Within a class, pain starts at a person's own
baseline and moves towards a person's own plateau at a person's own speed::

    true_pain(t) = baseline · (r + (1 − r) · exp(−t / tau))        (t in weeks)

with ``baseline``, ``r`` (plateau as a share of baseline) and ``tau`` (weeks) varying between people around the
class values in ``data/trajectory_classes.csv``. Those class shapes are the course's assumptions, tuned so that
the default cohort reproduces the published natural history in ``data/calibration_targets.csv``: leg pain
5.2 (SD 2.4) at the start [konstantinou2015]; about a third greatly improved by 2 weeks and about three quarters
improved by 12 weeks, figures from one trial of 183 people with *acute* sciatica under usual care (bed rest or
watchful waiting), summarised by Pinto 2017 [vroomen1999; pinto2017]; 20–30 % still troubled at a year [koes2007;
pinto2017]. "Natural history" here means usual care, not "no treatment at all", and the acute-sciatica figures do
not describe chronic sciatica (such as the trial of [tu2024]). The band around each target is the course's own
choice. The published one-year figures use other definitions; see :data:`ONE_YEAR_OUTCOMES`.

What a questionnaire records adds, on top of the true pain:

* measurement noise: an independent normal error each week (``noise_sd`` points);
* enrolment at a pain peak: people tend to seek care when pain is at its worst, so the first score carries a
  temporary flare (exponentially distributed, mean ``enrolment_peak`` points) that fades with a 1-week time
  constant: the raw material of regression to the mean [whitney1992];
* a treatment course of ``sessions_per_week`` for ``treatment_weeks``: from the sessions given so far, a specific
  effect and a non-specific (expectation, ritual) effect, each ``effect · (1 − exp(−sessions / 4))`` points
  (about 92 % of its full size after 10 sessions), assumed to last to the end of follow-up.

Scores are kept between 0 and 10. *Improved* means a fall of at least 30 % from the person's own first score, the
consensus minimal important change [ostelo2008]. *Recovered* means a score that a patient would report as 0 (below
0.5), the cut-off that best identified people who felt recovered [kamper2010].

Two paths give the same numbers for the same seed: :func:`simulate` / :func:`summarize` (a tidy pandas DataFrame
for students) and :func:`draw_cohort` + :func:`latent_pain` + :func:`apply_treatment` + :func:`summarize_array`
(numpy arrays for the apps, no pandas). Arrays are week-major: ``pain[week, patient]``, shape
``(weeks + 1, n_patients)``, float32 (ample for pain scores, and fast).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
import pandas as pd

from helpers.outcomes import MIC_RELATIVE
from helpers.tables import load_table
from helpers.validation import check_number, is_number
from helpers.vocabulary import TRAJECTORY_CLASS_IDS

#: Minimal important change as a relative fall from baseline [ostelo2008] (declared in helpers.outcomes).
IMPROVED_FALL = MIC_RELATIVE
#: "Greatly improved" in the calibration: a fall of at least 50 % (the course's choice).
MUCH_BETTER_FALL = 0.50
#: A score below this is one a patient would report as 0, "recovered" [kamper2010].
RECOVERED_BELOW = 0.5
#: Sessions after which the treatment effect reaches 1 − 1/e (63 %) of its full size (assumption).
SESSIONS_SCALE = 4.0
#: Time constant of the enrolment flare, in weeks (assumption).
FLARE_WEEKS = 1.0
#: Weeks processed at once where a full-size temporary array would double the memory of a large cohort.
_CHUNK_WEEKS = 16
#: Lowest and highest true starting pain (NRS points) of anyone enrolled.
BASELINE_RANGE = (1.0, 10.0)

#: Ids of the trajectory classes, in the order of every array here (declared once, in helpers.vocabulary).
CLASS_IDS: tuple[str, ...] = TRAJECTORY_CLASS_IDS

#: Treatment schedules: (sessions per week, number of weeks).
SCHEDULES: dict[str, tuple[float, int]] = {
    "none": (0.0, 0),
    "clinic_page_5w": (1.0, 5),  # "once a week for 5-7 weeks" (the clinic's page), shortest
    "clinic_page_7w": (1.0, 7),  # ... and longest
    "tu2024_10_in_4w": (2.5, 4),  # 10 sessions over 4 weeks [tu2024]
}
SCHEDULE_LABELS: dict[str, str] = {
    "none": "Usual care only (no added treatment)",
    "clinic_page_5w": "Clinic page: once a week for 5 weeks",
    "clinic_page_7w": "Clinic page: once a week for 7 weeks",
    "tu2024_10_in_4w": "Trial: 10 sessions over 4 weeks",
}


_LIMITS: dict[str, tuple[float, float, str]] = {
    "baseline_shift": (-3.0, 3.0, "NRS points"),
    "sessions_per_week": (0.0, 7.0, "sessions per week"),
    "treatment_weeks": (0, 52, "weeks"),
    "specific_effect": (0.0, 5.0, "NRS points"),
    "nonspecific_effect": (0.0, 5.0, "NRS points"),
    "enrolment_peak": (0.0, 3.0, "NRS points"),
    "noise_sd": (0.0, 3.0, "NRS points"),
}


# ------------------------------------------------------------------------------------------ trajectory classes
@dataclass(frozen=True)
class ClassParameters:
    """The four trajectory classes as arrays in :data:`CLASS_IDS` order (from ``data/trajectory_classes.csv``)."""

    ids: tuple[str, ...]
    labels: tuple[str, ...]
    share: np.ndarray
    baseline_mean: np.ndarray
    baseline_sd: np.ndarray
    plateau_ratio: np.ndarray
    ratio_sd_logit: np.ndarray
    tau_weeks: np.ndarray
    tau_sd_log: np.ndarray


def class_parameters() -> ClassParameters:
    """Load the trajectory classes from ``data/trajectory_classes.csv`` (validated), in :data:`CLASS_IDS` order."""
    table = load_table("trajectory_classes").set_index("id").loc[list(CLASS_IDS)]

    def col(name: str) -> np.ndarray:
        arr = table[name].to_numpy(dtype=float)
        arr.setflags(write=False)
        return arr

    return ClassParameters(
        ids=CLASS_IDS,
        labels=tuple(table["label"]),
        share=col("share"),
        baseline_mean=col("baseline_mean"),
        baseline_sd=col("baseline_sd"),
        plateau_ratio=col("plateau_ratio"),
        ratio_sd_logit=col("ratio_sd_logit"),
        tau_weeks=col("tau_weeks"),
        tau_sd_log=col("tau_sd_log"),
    )


def _published_mix() -> tuple[float, float, float, float]:
    share = class_parameters().share
    return (float(share[0]), float(share[1]), float(share[2]), float(share[3]))


#: Class mixes: shares of the four classes in CLASS_IDS order. "published" is the ATLAS mix, read from
#: ``data/trajectory_classes.csv``; "milder" and "more_severe" are the course's what-if mixes (assumptions).
CLASS_MIXES: dict[str, tuple[float, float, float, float]] = {
    "published": _published_mix(),
    "milder": (0.75, 0.17, 0.06, 0.02),
    "more_severe": (0.40, 0.32, 0.22, 0.06),
}


@dataclass(frozen=True)
class PublishedOutcome:
    """A published outcome at about one year, with its own definition (for the calibration figure).

    Attributes
    ----------
    label : short label for a figure.
    share_better : share (0–1) of people with a good outcome under that study's own definition.
    definition : what "good outcome" meant in that study, in words.
    population : who was studied.
    references : reference ids in ``data/references.csv``, separated by ``;``.
    """

    label: str
    share_better: float
    definition: str
    population: str
    references: str


#: One-year outcomes as published. Each uses its own definition, so they are not one quantity measured four
#: times; shares are of people with a *good* outcome (a "non-success" or "still disabled" share is turned round).
ONE_YEAR_OUTCOMES: tuple[PublishedOutcome, ...] = (
    PublishedOutcome(
        "ATLAS: disability ≥ 30 % lower",
        0.55,
        "disability (RMDQ) fell by at least 30 % at 12 months",
        "609 primary-care patients with back-related leg pain (UK)",
        "konstantinou2018",
    ),
    PublishedOutcome(
        "Pinto 2017: not still disabled",
        0.70,
        "not among the about 30 % with persistent, disabling symptoms after one year",
        "172 patients with sciatica (a study quoted by the summary)",
        "pinto2017",
    ),
    PublishedOutcome(
        "Haugen 2012: Maine–Seattle score < 5",
        0.56,
        "not among the 44 % with non-success (Maine–Seattle score ≥ 5 of 12) at 1 year",
        "466 patients with sciatica and disc herniation (Norway)",
        "haugen2012",
    ),
    PublishedOutcome(
        "Iversen 2015, chronic: leg VAS ≤ 17.5",
        0.466,
        "leg pain 17.5 or less on the 0–100 VAS at 52 weeks",
        "116 patients with chronic lumbar radiculopathy",
        "iversen2015",
    ),
)


# ------------------------------------------------------------------------------------------ scenario
@dataclass(frozen=True)
class Scenario:
    """What is simulated, besides the number of people, weeks and the seed. Build it with :func:`scenario`.

    Attributes
    ----------
    baseline_shift : added to everyone's true starting pain, −3 to 3 NRS points (0 = as in ATLAS).
    class_mix : shares of the four trajectory classes (:data:`CLASS_IDS` order), each 0–1, adding up to 1.
    sessions_per_week : 0–7 treatment sessions a week.
    treatment_weeks : 0–52 weeks of treatment, from week 0.
    specific_effect : 0–5 NRS points: the full-course effect of the treatment itself (what a sham cannot copy).
    nonspecific_effect : 0–5 NRS points: the full-course effect of expectation and ritual (a sham copies it).
    enrolment_peak : 0–3 NRS points: mean temporary flare in the first score (people enrol at a pain peak).
    noise_sd : 0–3 NRS points: standard deviation of week-to-week measurement noise.
    """

    baseline_shift: float = 0.0
    class_mix: tuple[float, float, float, float] = CLASS_MIXES["published"]
    sessions_per_week: float = 0.0
    treatment_weeks: int = 0
    specific_effect: float = 0.0
    nonspecific_effect: float = 0.0
    enrolment_peak: float = 0.0
    noise_sd: float = 0.8

    @property
    def total_sessions(self) -> float:
        return self.sessions_per_week * self.treatment_weeks

    @property
    def untreated(self) -> Scenario:
        """The same people and measurement, without treatment."""
        return replace(self, sessions_per_week=0.0, treatment_weeks=0, specific_effect=0.0, nonspecific_effect=0.0)

    def assumptions(self) -> str:
        """The scenario in one sentence, for the simulation label."""
        mix = " / ".join(f"{100 * s:.0f}" for s in self.class_mix)
        if self.total_sessions > 0:
            per_week = "one session" if self.sessions_per_week == 1 else f"{self.sessions_per_week:g} sessions"
            treat = (
                f"{per_week} a week for {self.treatment_weeks} weeks, with a specific effect of "
                f"{self.specific_effect:g} and an expectation (non-specific) effect of "
                f"{self.nonspecific_effect:g} NRS points after a full course (assumed, and assumed to last)"
            )
        else:
            treat = "no added treatment (usual care)"
        shift = "as published" if self.baseline_shift == 0 else f"shifted by {self.baseline_shift:+g} points"
        return (
            f"Trajectory classes (improving mild / persistent moderate / persistent severe / improving severe) "
            f"{mix} %; starting pain {shift}; {treat}; enrolment flare {self.enrolment_peak:g} points; "
            f"measurement noise SD {self.noise_sd:g} points."
        )


def _check_mix(value: Any) -> tuple[float, float, float, float]:
    if isinstance(value, str):
        if value not in CLASS_MIXES:
            raise ValueError(f"class_mix: unknown mix {value!r}; known: {', '.join(CLASS_MIXES)} (or 4 shares)")
        return CLASS_MIXES[value]
    try:
        items = tuple(value) if not isinstance(value, bytes | bytearray) else None
    except TypeError:
        items = None
    if items is None or not all(is_number(v) for v in items):  # "0.25" or bytes are not shares (numpy numbers are)
        raise ValueError(f"class_mix: expected a mix name or 4 shares in 0–1 adding up to 1, got {value!r}")
    shares = tuple(float(v) for v in items)
    if len(shares) != 4 or any(math.isnan(s) or not 0.0 <= s <= 1.0 for s in shares):
        raise ValueError(f"class_mix: expected 4 shares, each in 0–1, got {value!r}")
    if abs(sum(shares) - 1.0) > 1e-6:
        raise ValueError(f"class_mix: the 4 shares must add up to 1 (allowed range 1 ± 1e-6), got {sum(shares):g}")
    return shares


def scenario(schedule: str | None = None, **kwargs: Any) -> Scenario:
    """Build and validate a :class:`Scenario`.

    Parameters
    ----------
    schedule : optional preset from :data:`SCHEDULES` (``"none"``, ``"clinic_page_5w"``, ``"clinic_page_7w"``,
        ``"tu2024_10_in_4w"``); it sets ``sessions_per_week`` and ``treatment_weeks``, which may then not be given.
    **kwargs : any :class:`Scenario` field (see its ranges). ``class_mix`` may be a name from :data:`CLASS_MIXES`.

    Raises
    ------
    ValueError
        Naming the argument and its allowed range, for an unknown name or a value out of range.
    """
    known = {f.name for f in fields(Scenario)}
    unknown = sorted(set(kwargs) - known)
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown scenario argument; allowed: schedule, {', '.join(sorted(known))}")
    values = dict(kwargs)
    if schedule is not None:
        if schedule not in SCHEDULES:
            raise ValueError(f"schedule: unknown schedule {schedule!r}; allowed: {', '.join(SCHEDULES)}")
        clash = sorted({"sessions_per_week", "treatment_weeks"} & set(values))
        if clash:
            raise ValueError(f"{clash[0]}: give either schedule or sessions_per_week/treatment_weeks, not both")
        values["sessions_per_week"], values["treatment_weeks"] = SCHEDULES[schedule]
    checked: dict[str, Any] = {}
    for name, value in values.items():
        if name == "class_mix":
            checked[name] = _check_mix(value)
        else:
            low, high, unit = _LIMITS[name]
            checked[name] = check_number(name, value, low, high, unit, integer=name == "treatment_weeks")
    return Scenario(**checked)


# ------------------------------------------------------------------------------------------ the cohort
@dataclass(frozen=True, eq=False)
class Cohort:
    """The random draws that make a cohort: standard variables only, so scenarios reuse the same people.

    ``u_class`` (uniform, picks the class), ``z_base``, ``z_ratio``, ``z_tau`` (standard normal, one each per
    person), ``e_flare`` (standard exponential, per person) and ``z_noise`` (standard normal, week × person).
    """

    n_patients: int
    weeks: int
    seed: int
    u_class: np.ndarray
    z_base: np.ndarray
    z_ratio: np.ndarray
    z_tau: np.ndarray
    e_flare: np.ndarray
    z_noise: np.ndarray


def draw_cohort(n_patients: int = 1000, weeks: int = 52, seed: int = 0) -> Cohort:
    """Draw the random variables of a cohort (same seed, same draws).

    Parameters
    ----------
    n_patients : 1–100,000 people.
    weeks : 1–104 weeks of follow-up (the arrays have ``weeks + 1`` rows: week 0 is enrolment).
    seed : 0–2**32 − 1.
    """
    n_patients = check_number("n_patients", n_patients, 1, 100_000, "people", integer=True)
    weeks = check_number("weeks", weeks, 1, 104, "weeks", integer=True)
    seed = check_number("seed", seed, 0, 2**32 - 1, "(a whole number)", integer=True)
    rng = np.random.default_rng(seed)
    f32 = np.float32
    draws: list[np.ndarray] = [
        rng.random(n_patients),
        rng.standard_normal(n_patients, dtype=f32),
        rng.standard_normal(n_patients, dtype=f32),
        rng.standard_normal(n_patients, dtype=f32),
        rng.standard_exponential(n_patients, dtype=f32),
        rng.standard_normal((weeks + 1, n_patients), dtype=f32),
    ]
    for arr in draws:
        arr.setflags(write=False)
    return Cohort(n_patients, weeks, seed, *draws)


def class_index(cohort: Cohort, mix: tuple[float, ...]) -> np.ndarray:
    """Each person's class (index into :data:`CLASS_IDS`) under a class mix."""
    edges = np.cumsum(np.asarray(mix, dtype=float))[:-1]
    return np.searchsorted(edges, cohort.u_class, side="right")


def true_pain(cohort: Cohort, scen: Scenario, classes: ClassParameters | None = None) -> np.ndarray:
    """True leg pain of every person, week by week, without enrolment flare, noise or treatment.

    Depends only on the cohort, ``scen.class_mix`` and ``scen.baseline_shift``; float32, shape
    ``(weeks + 1, n_patients)``, NRS points (not yet clipped to 0–10).
    """
    cp = class_parameters() if classes is None else classes
    idx = class_index(cohort, scen.class_mix)
    f32 = np.float32
    base = cp.baseline_mean[idx] + cp.baseline_sd[idx] * cohort.z_base + scen.baseline_shift
    np.clip(base, *BASELINE_RANGE, out=base)
    logit = np.log(cp.plateau_ratio / (1 - cp.plateau_ratio))[idx] + cp.ratio_sd_logit[idx] * cohort.z_ratio
    ratio = 1.0 / (1.0 + np.exp(-logit))
    rate = (1.0 / (cp.tau_weeks[idx] * np.exp(cp.tau_sd_log[idx] * cohort.z_tau))).astype(f32)
    t = np.arange(cohort.weeks + 1, dtype=f32)
    pain = np.multiply(-t[:, None], rate[None, :])
    np.maximum(pain, f32(-60.0), out=pain)  # exp(-60) ≈ 1e-26 is zero for pain; no slow subnormal floats
    np.exp(pain, out=pain)
    pain *= (base * (1 - ratio)).astype(f32)[None, :]
    pain += (base * ratio).astype(f32)[None, :]
    return pain


def add_measurement(truth: np.ndarray, cohort: Cohort, scen: Scenario, out: np.ndarray | None = None) -> np.ndarray:
    """What a questionnaire records: :func:`true_pain` + enrolment flare + measurement noise (a new array).

    ``out`` (same shape and dtype as ``truth``) may be given to reuse memory; ``out=truth`` adds in place.
    """
    f32 = np.float32
    if out is None:
        pain = truth.copy()
    else:
        pain = out
        if out is not truth:
            np.copyto(pain, truth)
    if scen.enrolment_peak > 0:
        t = np.arange(cohort.weeks + 1, dtype=f32)
        pain += np.exp(-t / f32(FLARE_WEEKS))[:, None] * (f32(scen.enrolment_peak) * cohort.e_flare)[None, :]
    if scen.noise_sd > 0:
        sd = f32(scen.noise_sd)
        for w in range(0, pain.shape[0], _CHUNK_WEEKS):  # in chunks: no second full-size temporary array
            pain[w : w + _CHUNK_WEEKS] += sd * cohort.z_noise[w : w + _CHUNK_WEEKS]
    return pain


def latent_pain(cohort: Cohort, scen: Scenario, classes: ClassParameters | None = None) -> np.ndarray:
    """Recorded leg pain before treatment and before clipping to 0–10: true pain + enrolment flare + noise.

    Returns a float32 array of shape ``(weeks + 1, n_patients)`` in NRS points. Treatment does not enter here,
    so the apps compute this once per cohort and reuse it while only treatment controls move.
    """
    pain = true_pain(cohort, scen, classes)
    return add_measurement(pain, cohort, scen, out=pain)


def treatment_dose(weeks: int, sessions_per_week: float, treatment_weeks: int) -> np.ndarray:
    """Share (0–1) of the full treatment effect reached at each week 0..weeks: ``1 − exp(−sessions so far / 4)``."""
    t = np.arange(weeks + 1, dtype=float)
    sessions = sessions_per_week * np.minimum(t, treatment_weeks)
    return 1.0 - np.exp(-sessions / SESSIONS_SCALE)


def treatment_shift(weeks: int, scen: Scenario, dtype: Any = np.float32) -> np.ndarray | None:
    """Points taken off everyone's pain at each week 0..weeks by the treatment, or None without treatment.

    The shift is the same for every person in a week, so it keeps each week's order of people: the sorted
    scores of a treated cohort are the sorted untreated scores minus the shift, clipped (the apps use this).
    """
    effect = scen.specific_effect + scen.nonspecific_effect
    if effect > 0 and scen.total_sessions > 0:
        dose = treatment_dose(weeks, scen.sessions_per_week, scen.treatment_weeks)
        return (effect * dose).astype(dtype)
    return None


def apply_treatment(latent: np.ndarray, scen: Scenario) -> np.ndarray:
    """Subtract the treatment's effects from :func:`latent_pain` and keep scores within 0–10 (a new array)."""
    shift = treatment_shift(latent.shape[0] - 1, scen, latent.dtype)
    out = latent - shift[:, None] if shift is not None else latent.copy()
    np.clip(out, 0.0, 10.0, out=out)
    return out


def sorted_treated(sorted_latent: np.ndarray, scen: Scenario) -> np.ndarray:
    """Each week's scores of :func:`apply_treatment` in ascending order, from the row-sorted latent pain.

    Equal, value for value, to ``np.sort(apply_treatment(latent, scen), axis=1)`` (the same float operations on
    the same values; subtracting one number per row and clipping keep the order), without sorting again.
    """
    return apply_treatment(sorted_latent, scen)


def treated_quantiles(
    sorted_latent: np.ndarray, scen: Scenario, qs: tuple[float, ...] = (0.1, 0.5, 0.9)
) -> list[np.ndarray]:
    """Each week's quantiles ``qs`` of :func:`apply_treatment`, from the row-sorted latent pain (float64).

    The same values as ``_quantiles(np.sort(apply_treatment(latent, scen), axis=1), qs)``: subtracting one number
    per row and clipping keep each row's order, and the same float operations are applied to the same values, but
    only to the two columns each quantile reads (the apps' hot path: no full copy of the cohort per change).
    """
    n = sorted_latent.shape[1]
    out = []
    for q in qs:
        pos = q * (n - 1)
        lo = math.floor(pos)
        hi = min(lo + 1, n - 1)
        pair = apply_treatment(sorted_latent[:, [lo, hi]], scen)
        low = pair[:, 0].astype(np.float64)
        out.append(low + (pair[:, 1].astype(np.float64) - low) * (pos - lo))
    return out


def pain_array(
    n_patients: int = 1000, weeks: int = 52, seed: int = 0, **scenario_args: Any
) -> tuple[np.ndarray, np.ndarray]:
    """The array path of :func:`simulate`: (leg pain ``(weeks + 1, n_patients)``, class index per person)."""
    scen = scenario(**scenario_args)
    cohort = draw_cohort(n_patients, weeks, seed)
    return apply_treatment(latent_pain(cohort, scen), scen), class_index(cohort, scen.class_mix)


def simulate(n_patients: int = 1000, weeks: int = 52, seed: int = 0, **scenario_args: Any) -> pd.DataFrame:
    """Simulate a cohort's leg pain week by week (tidy: one row per person per week).

    Parameters
    ----------
    n_patients : 1–100,000 people.
    weeks : 1–104 weeks of follow-up after enrolment (week 0).
    seed : 0–2**32 − 1; the same seed and arguments give the same result.
    **scenario_args : see :func:`scenario` (``schedule``, ``baseline_shift``, ``class_mix``, ``sessions_per_week``,
        ``treatment_weeks``, ``specific_effect``, ``nonspecific_effect``, ``enrolment_peak``, ``noise_sd``). With
        none given: the natural history (usual care), calibrated to ``data/calibration_targets.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``patient`` (1..n, int32), ``week`` (0..weeks, int16), ``leg_pain`` (0–10 NRS, float32) and
        ``trajectory`` (class id, categorical).
    """
    pain, idx = pain_array(n_patients, weeks, seed, **scenario_args)
    t, n = pain.shape
    # Lean dtypes keep the largest allowed run (100,000 people × 105 weeks) near 120 MB: small integers, float32
    # pain (shown to one decimal) and a categorical class.
    leg_pain = pain.T.ravel()  # a patient-major copy; the week-major array is freed on return
    del pain
    return pd.DataFrame(
        {
            "patient": np.repeat(np.arange(1, n + 1, dtype=np.int32), t),
            "week": np.tile(np.arange(t, dtype=np.int16), n),
            "leg_pain": leg_pain,
            "trajectory": pd.Categorical.from_codes(np.repeat(idx.astype(np.int8), t), categories=list(CLASS_IDS)),
        },
        copy=False,
    )


# ------------------------------------------------------------------------------------------ summaries
@dataclass(frozen=True, eq=False)
class WeeklySummary:
    """Weekly summary arrays (length ``weeks + 1``); see :func:`summarize`."""

    week: np.ndarray
    mean: np.ndarray
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    improved_share: np.ndarray
    much_better_share: np.ndarray
    recovered_share: np.ndarray


def _quantiles(ordered: np.ndarray, qs: tuple[float, ...]) -> list[np.ndarray]:
    """Row quantiles of row-sorted data by linear interpolation (numpy's default method), in float64.

    Measured on the course's 2-core machine for 53 weeks × 10,000 people: a full ``np.sort`` of each row takes
    about 1.1 ms, ``np.partition`` at the six ranks needed about 6.5 ms, so the sort stays; the apps sort once per
    cohort and reuse it (:func:`sorted_treated`).
    """
    n = ordered.shape[1]
    out = []
    for q in qs:
        pos = q * (n - 1)
        lo = math.floor(pos)
        hi = min(lo + 1, n - 1)
        low = ordered[:, lo].astype(np.float64)
        out.append(low + (ordered[:, hi].astype(np.float64) - low) * (pos - lo))
    return out


def _row_counts(mask: np.ndarray) -> np.ndarray:
    """Number of True values in each row (a byte sum: about twice as fast as ``np.count_nonzero(axis=1)``)."""
    return mask.view(np.int8).sum(axis=1, dtype=np.int64)


def summarize_array(
    pain: np.ndarray, ordered: np.ndarray | None = None, quantiles: list[np.ndarray] | None = None
) -> WeeklySummary:
    """Summaries of a week-major pain array ``(weeks + 1, n_patients)``; week 0 is each person's baseline.

    ``ordered`` may give each row of ``pain`` already sorted (see :func:`sorted_treated`), or ``quantiles`` the
    rows' p10, p50 and p90 already computed (see :func:`treated_quantiles`), to skip the sort.
    """
    if pain.ndim != 2 or pain.shape[0] < 1 or pain.shape[1] < 1:
        raise ValueError(f"pain: expected a 2-D array (weeks × patients) with at least one of each, got {pain.shape}")
    if ordered is not None and ordered.shape != pain.shape:
        raise ValueError(f"ordered: expected the shape of pain {pain.shape}, got {ordered.shape}")
    n = pain.shape[1]
    base = pain[:1]
    positive = base > 0  # a fall from a starting score of 0 is impossible

    def share_fallen(fall: float) -> np.ndarray:
        # one comparison per score: a start of 0 gets a threshold of −inf, which no finite score reaches
        threshold = np.where(positive, base * (1.0 - fall), -np.inf).astype(pain.dtype)
        return _row_counts(pain <= threshold) / n

    if quantiles is None:
        quantiles = _quantiles(np.sort(pain, axis=1) if ordered is None else ordered, (0.1, 0.5, 0.9))
    elif len(quantiles) != 3 or any(q.shape != (pain.shape[0],) for q in quantiles):
        raise ValueError(f"quantiles: expected p10, p50 and p90, one value per week ({pain.shape[0]})")
    p10, p50, p90 = quantiles
    return WeeklySummary(
        week=np.arange(pain.shape[0]),
        mean=pain.mean(axis=1, dtype=np.float64),
        p10=p10,
        p50=p50,
        p90=p90,
        improved_share=share_fallen(IMPROVED_FALL),
        much_better_share=share_fallen(MUCH_BETTER_FALL),
        recovered_share=_row_counts(pain < RECOVERED_BELOW) / n,
    )


REQUIRED_COLUMNS: tuple[str, ...] = ("patient", "week", "leg_pain")


def _codes(column: pd.Series, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(int32 code of each row, the sorted distinct values) of a column of whole numbers.

    Whole numbers in a compact range (as :func:`simulate` makes) go through a lookup table; anything else through
    :func:`pandas.factorize`. Raises ValueError naming the column for missing or non-whole values.
    """
    if pd.api.types.is_bool_dtype(column):
        raise ValueError(f"df: column {name} must hold whole numbers, not True/False")
    if pd.api.types.is_integer_dtype(column) and not isinstance(column.dtype, pd.CategoricalDtype):
        if column.hasnans:  # a nullable Int64 column with <NA>
            raise ValueError(f"df: column {name} has missing values; every row needs a whole number")
        values = column.to_numpy()
        low, high = int(values.min()), int(values.max())
        if high - low <= 4 * len(values) + 1024:
            present = np.zeros(high - low + 1, dtype=bool)
            present[values - low] = True
            distinct = np.flatnonzero(present)
            lookup = np.full(present.size, -1, dtype=np.int32)
            lookup[distinct] = np.arange(distinct.size, dtype=np.int32)
            return lookup[values - low], distinct + low
    elif name == "week":
        as_float = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
        if not (np.isfinite(as_float) & (as_float == np.round(as_float))).all():
            raise ValueError("df: column week must hold whole numbers of weeks (0, 1, 2, ...)")
        return _codes(pd.Series(as_float.astype(np.int64)), name)
    codes, distinct = pd.factorize(column, sort=True, use_na_sentinel=True)
    if (codes < 0).any():
        raise ValueError(f"df: column {name} has missing values")
    return codes.astype(np.int32), np.asarray(distinct)


def _week_major(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Check a tidy frame and return (pain ``(weeks, patients)`` float32, the sorted week numbers).

    Works without a pivot table, so a frame of 10 million rows needs about 100 MB more, not a gigabyte.
    """
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"df: expected a pandas DataFrame like simulate() returns, got {type(df).__name__}")
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"df: missing column(s) {', '.join(missing)}; required: {', '.join(REQUIRED_COLUMNS)}")
    if len(df) == 0:
        raise ValueError("df: the frame is empty; expected one row per patient per week")
    raw = df["leg_pain"]
    if not pd.api.types.is_numeric_dtype(raw) or pd.api.types.is_bool_dtype(raw):
        raise ValueError(f"df: column leg_pain must hold numbers in 0–10 (NRS points), not {raw.dtype}")
    pain = raw.to_numpy(dtype=np.float32)
    bad = ~((pain >= 0) & (pain <= 10))  # also catches NaN
    if bad.any():
        first = float(pain[int(np.argmax(bad))])
        raise ValueError(
            f"df: leg_pain must be within 0–10 NRS points (and not missing); {int(bad.sum()):,} "
            f"row(s) are not, for example {first:g}"
        )
    week_idx, weeks = _codes(df["week"], "week")
    if weeks[0] < 0:
        raise ValueError(f"df: week must be 0 or more, got {int(weeks[0])}")
    patient_idx, patients = _codes(df["patient"], "patient")
    n_weeks, n_patients = weeks.size, patients.size
    if n_weeks * n_patients >= 2**31:
        raise ValueError(f"df: {n_patients:,} patients × {n_weeks} weeks is too large (at most 2**31 patient-weeks)")
    key = week_idx  # reused in place: key = week index × patients + patient index
    key *= n_patients
    key += patient_idx
    del patient_idx
    seen = np.zeros(n_weeks * n_patients, dtype=bool)
    seen[key] = True
    n_unique = int(np.count_nonzero(seen))
    if n_unique < len(df):
        raise ValueError(
            f"df: {len(df) - n_unique:,} duplicate patient-week row(s); each patient needs exactly "
            "one leg_pain per week"
        )
    if n_unique < seen.size:
        raise ValueError(
            f"df: {seen.size - n_unique:,} patient-week(s) missing; every patient needs a leg_pain value for every week"
        )
    del seen
    if weeks[0] != 0:
        raise ValueError(f"df: the first week must be 0 (each person's baseline), got {int(weeks[0])}")
    out = np.empty(n_weeks * n_patients, dtype=np.float32)
    out[key] = pain
    return out.reshape(n_weeks, n_patients), weeks


def summarize(df: pd.DataFrame) -> pd.DataFrame:
    """One row per week: mean, p10, p50, p90 of leg pain, and the shares improved, much better and recovered.

    Parameters
    ----------
    df : a frame like :func:`simulate` returns, with columns ``patient``, ``week`` and ``leg_pain``; every
        patient must have every week, starting at week 0.

    Raises
    ------
    ValueError
        Naming the problem: not a DataFrame, no rows, a missing column, a pain score that is not a number within
        0–10, a week that is not a whole number ≥ 0, the same patient-week twice, or a missing patient-week.

    Returns
    -------
    pandas.DataFrame
        Columns ``week``, ``mean``, ``p10``, ``p50``, ``p90`` (NRS points), ``improved_share`` (fall ≥ 30 % from
        the person's week-0 score [ostelo2008]), ``much_better_share`` (fall ≥ 50 %) and ``recovered_share``
        (score below 0.5, reported as 0 [kamper2010]); shares are 0–1.
    """
    pain, weeks = _week_major(df)
    s = summarize_array(pain)
    del pain
    return pd.DataFrame(
        {
            "week": weeks,
            "mean": s.mean,
            "p10": s.p10,
            "p50": s.p50,
            "p90": s.p90,
            "improved_share": s.improved_share,
            "much_better_share": s.much_better_share,
            "recovered_share": s.recovered_share,
        }
    )


# ------------------------------------------------------------------------------------------ calibration
_MEASURES = {
    "mean_pain": lambda pain, s, w: float(pain[w].mean(dtype=np.float64)),
    "sd_pain": lambda pain, s, w: float(pain[w].std(ddof=1, dtype=np.float64)),
    "much_better_share": lambda pain, s, w: float(s.much_better_share[w]),
    "improved_share": lambda pain, s, w: float(s.improved_share[w]),
    "not_improved_share": lambda pain, s, w: float(1.0 - s.improved_share[w]),
}


def calibration(n_patients: int = 10_000, seed: int = 0, **scenario_args: Any) -> pd.DataFrame:
    """The published targets (``data/calibration_targets.csv``) beside the simulated values.

    Returns the targets table with two more columns: ``simulated`` and ``within`` (simulated inside low–high).
    """
    targets = load_table("calibration_targets")
    weeks = max(52, int(targets["week"].max()))
    pain, _ = pain_array(n_patients, weeks, seed, **scenario_args)
    s = summarize_array(pain)
    sim = [_MEASURES[m](pain, s, int(w)) for m, w in zip(targets["measure"], targets["week"], strict=True)]
    out = targets.assign(simulated=sim)
    out["within"] = (out["simulated"] >= out["low"]) & (out["simulated"] <= out["high"])
    return out
