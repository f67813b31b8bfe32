"""Bad arguments to the logic and the apps: always a ValueError that names the argument.

NaN, ±inf, None, a number as a string, a boolean, a fraction where a whole number is needed, and values outside
the range, for every numeric argument of the course's public functions and app constructors. Run this module as a
script (``python -m tests.test_bad_arguments``) to count tried / refused by name.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest

from helpers import causes, cohort, mechanisms, outcomes, recovery, trial
from helpers.apps.imaging import ImagingByAge
from helpers.apps.nerve_roots import NerveRootMap
from helpers.apps.pain_change import PainChangeDemo
from helpers.apps.trial import TrialSimulator
from helpers.validation import check_choice, check_flag, check_names, check_number

NAN, INF = float("nan"), float("inf")
#: Bad values for any number: not finite, not a number at all.
NOT_NUMBERS: tuple[Any, ...] = (NAN, INF, -INF, None, "5", True, np.float64("nan"), [5])


@dataclass(frozen=True)
class Argument:
    """One numeric argument of one callable: ``call(**{name: value})`` must refuse each bad value."""

    call: Callable[..., Any]
    name: str
    good: Any  # a valid value, to show the call works without the bad one
    extra_bad: tuple[Any, ...] = ()  # out of range, or not whole where a whole number is needed
    fixed: tuple[tuple[str, Any], ...] = ()  # other arguments, kept small so a valid call is fast

    def bad_values(self) -> tuple[Any, ...]:
        return (*NOT_NUMBERS, *self.extra_bad)

    def label(self) -> str:
        return f"{getattr(self.call, '__qualname__', self.call)}({self.name}=…)"


SMALL = (("n_patients", 20), ("weeks", 4))
ARGUMENTS: list[Argument] = [
    # logic
    Argument(recovery.simulate, "n_patients", 20, (0, 100.5, 10**6), (("weeks", 4),)),
    Argument(recovery.simulate, "weeks", 4, (0, 2.5, 105), (("n_patients", 20),)),
    Argument(recovery.simulate, "seed", 3, (-1, 1.5), SMALL),
    Argument(recovery.simulate, "specific_effect", 1.0, (-1, 6), SMALL),
    Argument(recovery.simulate, "baseline_shift", 0.5, (-4, 4), SMALL),
    Argument(recovery.draw_cohort, "n_patients", 20, (0, 0.5)),
    Argument(recovery.pain_array, "weeks", 4, (0, 1.5), (("n_patients", 20),)),
    Argument(trial.simulate_trial, "n_per_arm", 20, (1, 100.5, 10**6)),
    Argument(trial.simulate_trial, "effect", -10, (-1000, 1000)),
    Argument(trial.simulate_trial, "seed", 2, (-1, 0.5)),
    Argument(trial.simulate_trials, "n_trials", 5, (0, 10.5), (("n_per_arm", 10),)),
    Argument(outcomes.pain_change, "before", 6, (-1, 11), (("after", 3),)),
    Argument(outcomes.pain_change, "after", 2, (-1, 11), (("before", 3),)),
    Argument(cohort.simulate_cohort, "n", 10, (0, 10.5)),
    Argument(cohort.simulate_cohort, "seed", 2, (-1, 0.5), (("n", 10),)),
    Argument(causes.findings_at_age, "age", 40, (19, 81, 45)),
    Argument(mechanisms.schematic_time_course, "max_hours", 100, (0, 10_000)),
    Argument(mechanisms.schematic_time_course, "points", 60, (0, 100.5)),
    # apps: validated like the logic they wrap, not clamped by a slider
    Argument(PainChangeDemo, "before", 6, (15, -1, 5.5), (("after", 5),)),
    Argument(PainChangeDemo, "after", 5, (15, -1, 5.5), (("before", 6),)),
    Argument(TrialSimulator, "n_per_arm", 20, (100.5, 4, 501)),
    Argument(TrialSimulator, "effect", -10.0, (-41, 11)),
    Argument(ImagingByAge, "age", 50, (19, 81, 50.5, 55)),
]
#: Flags and choices of the apps: anything but the allowed values is refused by name (not a TraitError).
CHOICES: list[tuple[Callable[..., Any], str, tuple[Any, ...]]] = [
    (NerveRootMap, "show_source", ("no", "yes", 0, 1, None, NAN)),
    (NerveRootMap, "root", ("s1", "L3", None, ["S1"], 5)),
    (NerveRootMap, "symptom", ("ache", None, ("pain",))),
]

CASES = [(a.call, a.name, v, dict(a.fixed)) for a in ARGUMENTS for v in a.bad_values()] + [
    (call, name, v, {}) for call, name, values in CHOICES for v in values
]


def _id(case: tuple[Callable[..., Any], str, Any, dict[str, Any]]) -> str:
    call, name, value, _ = case
    return f"{getattr(call, '__qualname__', call)}-{name}={value!r}"[:80]


#: Arguments known not to be validated yet (strict xfail: a fixed one fails until it leaves this set). Empty now.
PENDING: set[tuple[Callable[..., Any], str]] = set()  # (callable, argument) whose owner has yet to validate
_PENDING_MARK = pytest.mark.xfail(strict=True, raises=TypeError, reason="the module's owner switches to check_number")


def _param(case: tuple[Callable[..., Any], str, Any, dict[str, Any]]) -> Any:
    call, name, value, _ = case
    pending = (call, name) in PENDING and (
        value is None
        or isinstance(value, list)
        or (call is mechanisms.schematic_time_course and (isinstance(value, str) or value == 100.5))
    )
    return pytest.param(case, id=_id(case), marks=[_PENDING_MARK] if pending else [])


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_bad_argument_is_a_value_error_naming_it(case: tuple[Callable[..., Any], str, Any, dict[str, Any]]) -> None:
    call, name, value, fixed = case
    with pytest.raises(ValueError, match=rf"^{name}: ") as err:
        call(**fixed, **{name: value})
    assert type(err.value) is ValueError, f"{type(err.value).__name__}: {err.value}"  # not a TraitError


@pytest.mark.parametrize("argument", ARGUMENTS, ids=[a.label() for a in ARGUMENTS])
def test_the_sweep_calls_are_valid_without_the_bad_value(argument: Argument) -> None:
    """Each callable accepts its fixed arguments, so each refusal above is about the bad value alone."""
    argument.call(**dict(argument.fixed), **{argument.name: argument.good})


def test_check_number_refuses_nan_before_converting() -> None:
    for value in (NAN, INF, -INF, np.float32("nan")):
        with pytest.raises(ValueError, match=r"^n_patients: .*not a finite number.*1–100000 people"):
            check_number("n_patients", value, 1, 100_000, "people", integer=True)
    assert check_number("n", 5.0, 1, 10, "people", integer=True) == 5
    assert check_number("x", np.float32(0.5), 0, 1, "") == 0.5
    with pytest.raises(ValueError, match=r"^n: .*whole number"):
        check_number("n", 5.5, 1, 10, "people", integer=True)


def test_check_flag_and_check_choice() -> None:
    assert check_flag("show", np.True_) is True
    for bad in ("no", 1, None):
        with pytest.raises(ValueError, match=r"^show: expected True or False"):
            check_flag("show", bad)
    assert check_choice("root", "S1", ("L4", "L5", "S1")) == "S1"
    with pytest.raises(ValueError, match=r"^root: \['S1'\] is not allowed; allowed: L4, L5, S1"):
        check_choice("root", ["S1"], ("L4", "L5", "S1"))


def test_pain_change_demo_keeps_valid_whole_numbers() -> None:
    app = PainChangeDemo(7, 4.0)
    assert (app.controls["before"].value, app.controls["after"].value) == (7, 4)


def _cohort_with(column: str, values: pd.Series) -> pd.DataFrame:
    frame = cohort.simulate_cohort(200, seed=1)
    frame[column] = values
    return frame


@pytest.mark.parametrize(
    "make",
    [
        lambda s: s.astype(int),
        lambda s: s.map({True: "yes", False: "no"}),
        lambda s: s.astype(float),
        lambda s: s.astype("boolean").mask(s.index == 0),
    ],
    ids=["0/1", "yes/no", "float", "missing value"],
)
@pytest.mark.parametrize(
    "use",
    [
        lambda f, c: cohort.cause_shares(f, [c]),
        lambda f, c: cohort.co_occurrence(f),
        cohort.urgency_column,
    ],
    ids=["cause_shares", "co_occurrence", "urgency_column"],
)
def test_cohort_functions_refuse_non_boolean_symptom_columns(
    make: Callable[[pd.Series], pd.Series], use: Callable[..., Any]
) -> None:
    column = cohort.symptom_columns(cohort.simulate_cohort(5, seed=0))[0]
    frame = _cohort_with(column, make(cohort.simulate_cohort(200, seed=1)[column]))
    with pytest.raises(ValueError, match=rf"^frame: symptom column '{column}' must hold only True/False"):
        use(frame, column) if use is not cohort.urgency_column else use(frame)


def survey() -> tuple[int, int, list[str]]:
    """(tried, refused with a ValueError naming the argument, what happened to the others)."""
    named, others = 0, []
    for call, name, value, fixed in CASES:
        try:
            call(**fixed, **{name: value})
        except ValueError as exc:
            if type(exc) is ValueError and str(exc).startswith(f"{name}: "):
                named += 1
            else:
                others.append(f"{_id((call, name, value, fixed))}: {type(exc).__name__}: {exc}")
        except Exception as exc:  # counting what escapes
            others.append(f"{_id((call, name, value, fixed))}: {type(exc).__name__}: {exc}")
        else:
            others.append(f"{_id((call, name, value, fixed))}: accepted")
    return len(CASES), named, others


# ------------------------------------------------------------------------ iterables, frames and numpy scalars
def test_cause_shares_reads_a_generator_once() -> None:
    frame = cohort.simulate_cohort(2000, 1)
    first = cohort.symptom_columns(frame)[0]
    from_list = cohort.cause_shares(frame, having=[first])
    from_generator = cohort.cause_shares(frame, having=(s for s in [first]))
    assert from_generator.attrs["n"] == from_list.attrs["n"] < len(frame)
    pd.testing.assert_series_equal(from_generator, from_list)
    with pytest.raises(ValueError, match="having"):
        cohort.cause_shares(frame, having=(s for s in ["not a symptom"]))


@pytest.mark.parametrize("bad", [None, "cohort", [1, 2], 5, {"cause": ["disc"]}])
@pytest.mark.parametrize("call", [cohort.cause_shares, cohort.symptom_columns, cohort.urgency_column])
def test_a_frame_argument_refuses_what_is_not_a_frame_by_name(call: Callable[..., Any], bad: Any) -> None:
    with pytest.raises(ValueError, match=r"^frame: expected"):
        call(bad)


@pytest.mark.parametrize("bad", ["disc", b"disc", 5, None, [1], ("a", 2)])
def test_check_names_refuses_strings_bytes_and_non_names(bad: Any) -> None:
    with pytest.raises(ValueError, match=r"^having"):
        check_names("having", bad)


def test_numpy_scalars_are_valid_numbers_and_booleans() -> None:
    from helpers.causes import findings_at_age

    assert findings_at_age(np.int64(50)) == findings_at_age(50)
    assert ImagingByAge(np.int64(50)).controls is not None
    assert NerveRootMap(show_source=np.bool_(False)).controls["source"].value is False
    assert check_number("x", np.float32(0.5), 0, 1, "") == 0.5 and check_flag("f", np.bool_(True)) is True


#: Object arguments (a frame, a list of names, a class mix): None, a string, bytes, a list or a number where
#: something else is expected must be a ValueError naming the argument, never a traceback or a silent result.
_FRAME = cohort.simulate_cohort(500, 2)
OBJECT_CASES: list[tuple[Callable[..., Any], str, tuple[Any, ...]]] = [
    (cohort.cause_shares, "frame", (None, "cohort", [1, 2], 5, {"cause": ["disc"]})),
    (cohort.symptom_columns, "frame", (None, "cohort", [1, 2], 5)),
    (cohort.urgency_column, "frame", (None, "cohort", [1, 2], 5)),
    (lambda having: cohort.cause_shares(_FRAME, having), "having", ("leg_pain", b"x", 5, None, [1], ["nope"])),
    (lambda class_mix: recovery.scenario(class_mix=class_mix), "class_mix",
     (("0.25", "0.25", "0.25", "0.25"), b"\x00\x00\x00\x01", None, 5, [0.5, 0.5], "nope",
      (math.nan, 0.5, 0.25, 0.25))),
    (recovery.summarize, "df", (None, "frame", [1, 2], 5)),
]  # fmt: skip


def object_cases() -> list[tuple[Callable[..., Any], str, Any]]:
    return [(call, name, bad) for call, name, bads in OBJECT_CASES for bad in bads]


@pytest.mark.parametrize(("call", "name", "bad"), object_cases())
def test_a_bad_object_argument_is_a_value_error_naming_it(call: Callable[..., Any], name: str, bad: Any) -> None:
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        call(bad)


@pytest.mark.parametrize("column", ["week", "patient"])
def test_summarize_names_a_missing_value_in_a_nullable_integer_column(column: str) -> None:
    df = recovery.simulate(20, 4)
    df[column] = df[column].astype("Int64")
    df.loc[3, column] = pd.NA
    with pytest.raises(ValueError, match=rf"^df: column {column} has missing values"):
        recovery.summarize(df)


def survey_objects() -> tuple[int, int, list[str]]:
    """Tried, refused by name, and every other outcome (a traceback of another type, or a silent result)."""
    named, others = 0, []
    cases = object_cases()
    for call, name, bad in cases:
        try:
            call(bad)
        except ValueError as exc:
            if str(exc).startswith(name):
                named += 1
            else:
                others.append(f"unnamed {name}={bad!r}: {exc}")
        except Exception as exc:  # the survey reports every kind
            others.append(f"traceback {name}={bad!r}: {type(exc).__name__}: {exc}")
        else:
            others.append(f"silent {name}={bad!r}")
    return len(cases), named, others


if __name__ == "__main__":
    tried, named, others = survey()
    print(f"bad arguments tried {tried}, refused by name {named}, other outcomes {len(others)}")
    for line in others:
        print("  ", line[:160].replace("\n", " "))
    tried, named, others = survey_objects()
    print(f"bad object arguments tried {tried}, refused by name {named}, other outcomes {len(others)}")
    for line in others:
        print("  ", line[:160].replace("\n", " "))
