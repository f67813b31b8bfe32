"""Notebook hygiene: every lesson has the course's anatomy, is committed executed in order from a fresh kernel,
stores no errors, no widget state, no raw widget reprs, stays small, and never reaches for the network."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import source
from helpers.course import LESSONS
from tests.answer_leaks import find_leaks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MAX_BYTES = 500_000


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _markdown_text(doc: dict) -> str:
    """Markdown cells plus Markdown/HTML outputs: what a reader sees as prose."""
    parts = []
    for cell in doc["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for mime in ("text/markdown", "text/html"):
                if mime in data:
                    parts.append("".join(data[mime]))
    return "\n".join(parts)


def _code_cells(doc: dict) -> list[dict]:
    return [c for c in doc["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_every_lesson_in_the_map_exists() -> None:
    names = {p.name for p in NOTEBOOKS}
    missing = [lesson.notebook for lesson in LESSONS if lesson.notebook not in names]
    assert not missing, f"lessons in helpers/course.py with no notebook: {missing}"
    extra = sorted(names - {lesson.notebook for lesson in LESSONS})
    assert not extra, f"notebooks not in the course map (helpers/course.py): {extra}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
class TestLesson:
    def test_anatomy(self, path: Path) -> None:
        doc = _load(path)
        first = "".join(doc["cells"][0]["source"])
        assert first.startswith("# "), "the first cell must be the title (a level-1 heading)"
        text = _markdown_text(doc).lower()
        for marker in (
            "learning objectives",
            "estimated time",
            "educational, not medical advice",
            "## summary",
            "## references",
        ):
            assert marker in text, f"{path.name}: the lesson anatomy lacks {marker!r}"
        if not path.name.startswith("00_"):
            assert "think!" in text, f"{path.name}: no “Think!” prompt"
            assert ".check(" in json.dumps(doc), f"{path.name}: no exercise with check()"

    def test_every_attributed_quotation_is_verbatim(self, path: Path) -> None:
        """Each block quotation attributed to the clinic (inside it or on the line after it) is word for word,
        line by line; a block that quotes the source without that attribution fails too."""
        lines = _markdown_text(_load(path)).splitlines()
        blocks: list[tuple[list[str], str]] = []  # (the block's lines without ">", the first line after it)
        for n, line in enumerate(lines):
            if line.startswith(">") and (n == 0 or not lines[n - 1].startswith(">")):
                end = n
                while end < len(lines) and lines[end].startswith(">"):
                    end += 1
                after = next((ln for ln in lines[end:] if ln.strip()), "")
                blocks.append(([ln[1:].strip() for ln in lines[n:end]], after))
        attributed = 0
        for body, after in blocks:
            said = [q.replace(r"\*", "*").replace(r"\_", "_") for q in body if q]
            said = [q[2:-2] if q.startswith("**") and q.endswith("**") else q for q in said]  # the bold heading
            if "acupuncture clinic" in " ".join([*body, after]).lower():
                attributed += 1
                inexact = [q for q in said if "acupuncture clinic" not in q.lower() and not source.in_source(q)]
                assert not inexact, f"{path.name}: an attributed quotation is not word for word: {inexact[0]!r}"
            else:
                unattributed = [q for q in said if len(q) > 30 and source.in_source(q)]
                assert not unattributed, f"{path.name}: the source is quoted without attribution: {unattributed[0]!r}"
        assert attributed, f"{path.name}: no attributed quotation of the source"

    def test_executed_in_order_from_a_fresh_kernel(self, path: Path) -> None:
        counts = [c["execution_count"] for c in _code_cells(_load(path))]
        assert None not in counts, f"{path.name}: some code cells were never executed (run `make execute`)"
        assert counts == list(range(1, len(counts) + 1)), f"{path.name}: not executed in order: {counts}"

    def test_no_error_outputs_or_stderr_tracebacks(self, path: Path) -> None:
        for cell in _code_cells(_load(path)):
            for out in cell.get("outputs", []):
                assert out["output_type"] != "error", f"{path.name}: stored error {out.get('ename')}"
                if out["output_type"] == "stream" and out["name"] == "stderr":
                    assert "Traceback" not in "".join(out["text"]), f"{path.name}: stored traceback on stderr"

    def test_no_widget_state_and_small(self, path: Path) -> None:
        doc = _load(path)
        assert "widgets" not in doc["metadata"], f"{path.name}: stores widget state (store_widget_state=False)"
        assert path.stat().st_size <= MAX_BYTES, f"{path.name}: {path.stat().st_size} bytes > {MAX_BYTES}"

    def test_no_raw_widget_or_figure_reprs(self, path: Path) -> None:
        for cell in _code_cells(_load(path)):
            for out in cell.get("outputs", []):
                plain = "".join(out.get("data", {}).get("text/plain", ""))
                assert not re.search(r"FigureWidget\(\{|^(VBox|HBox|Tab)\(children=", plain), (
                    f"{path.name}: a raw widget repr would show when the notebook is opened before running: "
                    f"{plain[:120]!r}"
                )

    def test_no_network_code(self, path: Path) -> None:
        code = "\n".join("".join(c["source"]) for c in _code_cells(_load(path)))
        for pattern in (r"requests\.", r"urllib", r"urlopen", r"httpx", r"https?://", r"pip install", r"!wget|!curl"):
            assert not re.search(pattern, code), f"{path.name}: code that reaches the network ({pattern})"

    def test_lesson_cells_stay_short(self, path: Path) -> None:
        for cell in _code_cells(_load(path)):
            lines = [ln for ln in "".join(cell["source"]).splitlines() if ln.strip()]
            assert len(lines) <= 15, f"{path.name}: a {len(lines)}-line cell belongs in helpers: {lines[0]!r}"
            assert not re.search(r"^\s*(def|class) ", "\n".join(lines), re.M), (
                f"{path.name}: define functions in helpers, not in lessons"
            )


# ------------------------------------------------------------------------------------------------ answers on screen
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_exercise_answer_on_screen_before_its_exercise(path: Path) -> None:
    leaks = find_leaks(_load(path))
    assert not leaks, f"{path.name}: answers shown before their exercise: " + "; ".join(
        f"{leak.exercise_id} in cell {leak.cell}: …{leak.shown}…" for leak in leaks
    )


def _doc(*cells: dict) -> dict:
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _out(text: str, mime: str = "text/plain") -> dict:
    return {
        "cell_type": "code",
        "source": "x",
        "metadata": {},
        "execution_count": 1,
        "outputs": [{"output_type": "execute_result", "data": {mime: text}, "metadata": {}}],
    }


def _md(text: str) -> dict:
    return {"cell_type": "markdown", "source": text, "metadata": {}}


_EXERCISE = {
    "cell_type": "code",
    "metadata": {},
    "execution_count": 2,
    "outputs": [],
    "source": "from helpers.exercises import lesson03 as ex\nanswer = ____\nex.q1.check(answer)",
}


@pytest.mark.parametrize(
    ("shown", "mime"),
    [
        ("{x:.1f}", "text/plain"),
        ("ratio {x:.2f}", "text/html"),
        ("<td>{x:.1f}</td>", "text/html"),
        ("**Figure in words:** about {x:.1f} times", "text/markdown"),
    ],
)
def test_leak_finder_sees_a_number_in_the_usual_forms(shown: str, mime: str) -> None:
    from helpers.exercises import lesson03

    x = lesson03.q1.answer()
    leaky = _doc(_out(shown.format(x=x), mime), _EXERCISE)
    assert [leak.exercise_id for leak in find_leaks(leaky)] == ["03.q1"]
    assert not find_leaks(_doc(_EXERCISE, _out(shown.format(x=x), mime))), "after the exercise is fine"
    assert not find_leaks(_doc(_out(shown.format(x=x + 1.37), mime), _EXERCISE))


def test_leak_finder_reads_shares_percentages_and_sets() -> None:
    from tests.answer_leaks import number_patterns, set_patterns

    def seen(value: object, text: str, prose: bool = False) -> bool:
        pats = number_patterns(value, prose) if isinstance(value, float) else set_patterns(value)
        return any(re.search(p, text) for p in pats)

    for text in ("0.136", "13.6 %", "13.6%", "14 %", "share 0.14 of"):
        assert seen(0.136, text), text
    assert seen(0.57, "If 57 in 100 people aged 50", prose=True)
    assert not seen(0.136, "14 %", prose=True) and not seen(0.136, "113.6", prose=False)
    assert not seen(0.00085, "0.1 %") and not seen(0.136, "0.1364")
    assert seen({"L5", "S1"}, "the L5 and S1 roots") and seen({"L5", "S1"}, "{'S1', 'L5'}")
    assert not seen({"L5", "S1"}, "the L4, L5 and S1 roots") and not seen({"L5", "S1"}, "L5, S1 or S2")


def _printed(text: str) -> dict:
    return {
        "cell_type": "code",
        "source": "print(x)",
        "metadata": {},
        "execution_count": 1,
        "outputs": [{"output_type": "stream", "name": "stdout", "text": text}],
    }


_EXERCISE_00 = {
    **_EXERCISE,
    "source": "from helpers.exercises import lesson00 as ex\nanswer = ____\nex.q1.check(answer)",
}


@pytest.mark.parametrize(
    "shown", ["{x}", "share: {x}\n", "{x!r}", "The share is {x:.4f}", "{p:.2f} % of them", "{p} %"]
)
def test_leak_finder_sees_what_print_shows(shown: str) -> None:
    """print() writes a stream output, often at full precision (0.7323943661971831) or at more decimals than the
    usual 1–3: the finder must see it, as a share or as a percentage."""
    from helpers.exercises import lesson00

    x = lesson00.q1.answer()
    assert len(repr(x)) > 8, "the test needs an answer with many decimals"
    text = shown.format(x=x, p=100 * x)
    assert [leak.exercise_id for leak in find_leaks(_doc(_printed(text), _EXERCISE_00))] == ["00.q1"], text
    assert not find_leaks(_doc(_EXERCISE_00, _printed(text))), "after the exercise is fine"
    other = shown.format(x=x + 0.0137, p=100 * x + 1.37)
    assert not find_leaks(_doc(_printed(other), _EXERCISE_00)), other
