"""The README stays true: the two commands, the current lesson table, no unfilled placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.course import lesson_table_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_commands_first() -> None:
    first_block = README.split("```")[1]
    assert "make lab" in first_block and "make test" in first_block


def test_readme_lesson_table_is_the_course_map() -> None:
    assert lesson_table_markdown("notebooks/") in README, "regenerate it: lesson_table_markdown('notebooks/')"


def test_readme_links_resolve() -> None:
    for target in re.findall(r"\]\(((?:notebooks|data|helpers|tests)/[^)#]+)\)", README):
        assert (ROOT / target).exists(), f"README links to a missing file: {target}"


def test_readme_has_no_placeholders_and_a_measured_performance_table() -> None:
    placeholders = r"\b(LESSON_TABLE|LESSON_DETAILS|INSTRUCTORS|PERFORMANCE|SIZE_HTML|MEMORY|WARM_TIME)\b"
    assert not re.search(placeholders, README)
    assert "make bench" in README and "median" in README
