"""Honest times (issue #12 §5): the times the course states agree with an estimate from the notebooks themselves
(tests/lesson_times.py: 200 words a minute plus code, apps, Think! prompts and exercises)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.course import LESSONS
from tests.lesson_times import NOTEBOOKS, lesson_time, stated_minutes

ROOT = Path(__file__).resolve().parent.parent
MINUTES = {lesson.notebook: lesson.minutes for lesson in LESSONS}
TOLERANCE = 0.25  # the estimate's rates are rough; a stated time within a quarter of it is honest


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_lesson_states_the_course_maps_time_and_it_is_realistic(path: Path) -> None:
    estimate = lesson_time(path).minutes
    mapped = MINUTES[path.name]
    assert abs(mapped - estimate) <= TOLERANCE * estimate, (
        f"{path.name}: helpers/course.py says {mapped} min, the notebook takes about {estimate} min "
        "(python -m tests.lesson_times)"
    )
    assert stated_minutes(path) == mapped, (
        f"{path.name}: its 'Estimated time' says {stated_minutes(path)} min, the course map {mapped} min"
    )


def test_readme_and_guide_state_the_course_total() -> None:
    total = sum(MINUTES.values())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = re.search(rf"\b{total} minutes,\s+about\s+{total / 60:.1f}\s+hours", readme)
    assert stated, f"README: state the course's total, {total} minutes"


def test_the_estimate_counts_what_a_student_does() -> None:
    review = lesson_time(ROOT / "notebooks" / "07_review.ipynb")
    assert review.exercises >= 5 * 3 + 10, "07 has three exercises and one figure exercise"
    assert review.apps >= 12 + 15, "07 has the claim check and the claim sorter"
    assert 1500 <= review.words <= 5000
