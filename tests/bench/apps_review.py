"""Bench cases for lesson 07's apps (the claim check writes nothing unless an answer is checked)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from helpers.apps.claim_check import ClaimCheck
from helpers.apps.sorter import ClaimSorter
from helpers.ledger import SECTION_ORDER
from tests.bench import AppCase


def cases() -> list[AppCase]:
    answers = Path(tempfile.mkdtemp(prefix="bench-answers-")) / "answers.json"
    check = ClaimCheck(stage="after", path=answers)
    return [
        AppCase("ClaimSorter (07): section", ClaimSorter(), "section", tuple(SECTION_ORDER)),
        AppCase("ClaimCheck (07): question", check, "question", tuple(q.id for q in check.questions)),
    ]
