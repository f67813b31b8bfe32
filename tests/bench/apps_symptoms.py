"""Bench cases for lesson 02's symptom explorer (``make bench``): tick / untick a box -> banner, explanations and
figure updated."""

from __future__ import annotations

from helpers.apps.symptoms import SymptomExplorer
from tests.bench import AppCase


def cases() -> list[AppCase]:
    red_flag = SymptomExplorer(selected=["leg_pain_below_knee", "numbness_tingling_leg", "buttock_pain"])
    plain = SymptomExplorer(selected=["low_back_pain", "fatigue"])
    return [
        AppCase("symptom explorer (red flag on/off)", red_flag, "saddle_anaesthesia", (True, False)),
        AppCase("symptom explorer (clinical symptom on/off)", plain, "leg_pain_below_knee", (True, False)),
    ]
