"""Bench cases for lessons 05 and 06: the recovery simulator (10,000 people × 52 weeks) and the trial simulator."""

from __future__ import annotations

from helpers.apps.recovery import RecoverySimulator
from helpers.apps.trial import TrialSimulator
from tests.bench import AppCase


def cases() -> list[AppCase]:
    recovery = RecoverySimulator()  # default size: 10,000 people × 52 weeks
    trial = TrialSimulator()
    return [
        AppCase("RecoverySimulator (05), treatment control", recovery, "specific_effect", (0.5, 1.0, 2.0, 3.0)),
        AppCase("RecoverySimulator (05), cohort control", recovery, "noise_sd", (0.4, 0.8, 1.2, 1.6)),
        AppCase("RecoverySimulator (05), class mix", recovery, "class_mix", ("milder", "more_severe", "published")),
        AppCase("RecoverySimulator (05), enrolment at a pain peak", recovery, "enrolment_peak", (0.5, 1.0, 1.5, 2.0)),
        AppCase("TrialSimulator (06), people per arm", trial, "n_per_arm", (50, 110, 200, 300)),
        AppCase("TrialSimulator (06), true effect", trial, "effect", (0.0, -5.0, -15.9, -25.0)),
        AppCase("TrialSimulator (06), change with sham", trial, "control_change", (-5.0, -10.0, -14.9, -20.0)),
    ]
