"""Bench cases for the claims explorer, the nerve-root map and the imaging-by-age slider."""

from __future__ import annotations

from helpers.apps.imaging import ImagingByAge
from helpers.apps.ledger import ClaimsExplorer
from helpers.apps.nerve_roots import NerveRootMap
from helpers.ledger import SECTION_ORDER, VERDICT_ORDER
from tests.bench import AppCase


def cases() -> list[AppCase]:
    explorer = ClaimsExplorer()
    return [
        AppCase("ClaimsExplorer section", explorer, "section", ("All", *SECTION_ORDER)),
        AppCase("ClaimsExplorer verdict", ClaimsExplorer(), "verdict", ("All", *VERDICT_ORDER)),
        AppCase("ClaimsExplorer claim", ClaimsExplorer(), "claim", ("def01", "cau06", "mec07", "how09")),
        AppCase("NerveRootMap root", NerveRootMap(), "root", ("L4", "L5", "S1")),
        AppCase("NerveRootMap symptom", NerveRootMap(), "symptom", ("pain", "numbness", "pain and numbness")),
        AppCase("NerveRootMap source outline", NerveRootMap(), "source", (False, True)),
        AppCase("ImagingByAge age", ImagingByAge(), "age", (20, 30, 40, 50, 60, 70, 80)),
    ]
