"""Bench cases for 00_start_here's widget."""

from __future__ import annotations

from helpers.apps.pain_change import PainChangeDemo
from tests.bench import AppCase


def cases() -> list[AppCase]:
    return [AppCase("PainChangeDemo (00)", PainChangeDemo(), "after", (1, 3, 5, 7, 9))]
