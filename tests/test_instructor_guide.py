"""The instructor guide can run a class: a 50-minute run sheet and a 2 × 50 variant, a technical checklist that
works on Windows, a model answer for every Think! of every lesson, and an answer key generated from the exercises."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from helpers.exercises import all_exercises, answer_key_markdown
from helpers.ledger import VERDICT_ORDER, load_claims
from helpers.sorter import CLASS_CLAIMS, class_claims
from helpers.tooling.dashboards import DASHBOARDS

ROOT = Path(__file__).resolve().parent.parent
GUIDE = json.loads((ROOT / "notebooks" / "instructor_guide.ipynb").read_text(encoding="utf-8"))
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _markdown(doc: dict) -> str:
    return "\n".join("".join(c["source"]) for c in doc["cells"] if c["cell_type"] == "markdown")


TEXT = _markdown(GUIDE)


def _guide_section(prefix: str) -> str:
    """The guide's section for one lesson: from '## NN ·' to the next '## '."""
    m = re.search(rf"^## {prefix} ·.*?(?=^## )", TEXT, re.S | re.M)
    assert m, f"the guide has no section for lesson {prefix}"
    return m.group(0)


def test_fifty_minute_run_sheet_covers_the_class_minute_by_minute() -> None:
    sheet = TEXT.split("## A 50-minute class: run sheet", 1)[1].split("\n## ", 1)[0]
    spans = [(int(a), int(b)) for a, b in re.findall(r"^\| (\d+)–(\d+) \|", sheet, re.M)]
    assert spans[0][0] == 0 and spans[-1][1] == 50
    assert all(prev[1] == nxt[0] for prev, nxt in itertools.pairwise(spans)), f"gaps in {spans}"
    for step in ("Red flags first", "Poll", "predict, then reveal", "sham arm", "Sort 8 claims", "Exit ticket"):
        assert step.lower() in sheet.lower(), f"the run sheet lacks {step!r}"
    two = TEXT.split("## Two 50-minute classes", 1)[1].split("\n## ", 1)[0]
    assert two.count("| 0–3 |") == 2 and two.count("–50 |") == 2, "two classes, each from minute 0 to 50"


def test_checklist_covers_windows_and_the_apps_are_counted_right() -> None:
    checklist = TEXT.split("## Pre-class technical checklist", 1)[1].split("\n## ", 1)[0]
    for needed in ("Windows", "environment.yml", "conda activate", "WSL", "python -m helpers.tooling present"):
        assert needed in checklist, f"the checklist lacks {needed!r}"
    words = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
    assert f"serves the {words[len(DASHBOARDS)]} apps" in TEXT
    assert "four apps" not in TEXT and "not a published figure" not in TEXT


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_think_prompt_has_a_model_answer(path: Path) -> None:
    lesson = json.loads(path.read_text(encoding="utf-8"))
    prompts = _markdown(lesson).count("**Think!**")
    answers = _guide_section(path.name[:2]).count("**Think! —")
    assert answers >= prompts, f"{path.name}: {prompts} Think! prompts, {answers} model answers in the guide"


def test_the_answer_key_lists_every_exercise_and_the_guide_shows_it() -> None:
    key = answer_key_markdown()
    for ex_id in all_exercises():
        assert f"| **{ex_id}** |" in key
    outputs = json.dumps([c.get("outputs", []) for c in GUIDE["cells"] if c["cell_type"] == "code"])
    assert all(f"**{ex_id}**" in outputs for ex_id in all_exercises()), "re-execute the guide: its key is stale"


def test_the_claims_sorted_as_a_room_cover_every_verdict() -> None:
    chosen = class_claims(load_claims())
    assert list(chosen["id"]) == list(CLASS_CLAIMS) and len(chosen) == 8
    assert set(chosen["verdict"]) == set(VERDICT_ORDER)
    with pytest.raises(ValueError, match="ids: \\['nope'\\] not in the claims ledger"):
        class_claims(load_claims(), ["nope"])
