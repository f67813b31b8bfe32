"""How long a lesson takes a student, estimated from the committed notebook (issue #12 §5: honest times).

The estimate, in minutes, adds:
- reading: the words a student reads (Markdown cells, and Markdown / HTML / text shown by outputs such as quoted
  passages, figure summaries and the red-flag box; not the reference list) at 200 words per minute;
- code: half a minute per code cell to read and run it (exercise and hint cells excluded);
- apps: 3 minutes per interactive app (an output with a widget view), 12 for the claim check (12 questions) and
  15 for the claim sorter (every claim of the page, about 25 seconds each);
- figures: 1 minute per static figure to read it;
- Think!: 2 minutes per prompt;
- exercises: 5 minutes per exercise, 10 for one whose check is a figure.

Run ``.venv/bin/python -m tests.lesson_times`` for the table. The rates are the course's assumptions, stated
here once; the instructor guide and the README quote the result.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from tests.solved_notebooks import exercise_cells

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WORDS_PER_MINUTE = 200
CODE_CELL_MINUTES = 0.5
APP_MINUTES = 3
CLAIM_CHECK_MINUTES = 12
CLAIM_SORTER_MINUTES = 15
FIGURE_MINUTES = 1
THINK_MINUTES = 2
EXERCISE_MINUTES = 5
FIGURE_EXERCISE_MINUTES = 10
WIDGET = "application/vnd.jupyter.widget-view+json"
PLOTLY = "application/vnd.plotly.v1+json"


@dataclass(frozen=True)
class LessonTime:
    """The parts of a lesson's estimated time (minutes) and its total, rounded up to 5 minutes."""

    notebook: str
    words: int
    reading: float
    code: float
    apps: float
    figures: float
    think: float
    exercises: float

    @property
    def minutes(self) -> int:
        raw = self.reading + self.code + self.apps + self.figures + self.think + self.exercises
        return int(5 * math.ceil(raw / 5))


def _words(text: str) -> int:
    text = re.sub(r"<[^>]+>", " ", text)
    return len(re.findall(r"[A-Za-z0-9À-ÿ’'%–-]+", text))


def lesson_time(path: Path) -> LessonTime:
    """Estimate one lesson's time from its committed notebook."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    words = code = apps = figures = think = exercises = 0.0
    in_references = False
    for cell in doc["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            in_references = text.lstrip().lower().startswith("## references")
            if not in_references:
                words += _words(text)
                think += THINK_MINUTES * text.count("**Think!**")
            continue
        if in_references:
            continue
        is_hint = text.lstrip().startswith("#") and ".hint(" in text
        if not is_hint and "____" not in text and not re.search(r"\.q\d+\.check\(", text):
            code += CODE_CELL_MINUTES
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET in data:
                plain = "".join(data.get("text/plain", ""))
                apps += (
                    CLAIM_CHECK_MINUTES
                    if "Claim check" in plain
                    else CLAIM_SORTER_MINUTES
                    if "Sort the claims" in plain
                    else APP_MINUTES
                )
            elif PLOTLY in data:
                figures += FIGURE_MINUTES
            elif "text/markdown" in data:
                words += _words("".join(data["text/markdown"]))
            elif "text/html" in data and "dataframe" not in "".join(data["text/html"]):
                words += _words("".join(data["text/html"]))
    for ex_cell in exercise_cells(nbformat.from_dict(doc)):
        figure = getattr(ex_cell.exercise.compare, "expects_figure", False)
        exercises += FIGURE_EXERCISE_MINUTES if figure else EXERCISE_MINUTES
    return LessonTime(path.name, int(words), words / WORDS_PER_MINUTE, code, apps, figures, think, exercises)


def stated_minutes(path: Path) -> int | None:
    """The minutes a lesson states in its "Estimated time" line (the first number after it), or None."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    for cell in doc["cells"]:
        m = re.search(r"Estimated time:?\**:?\s*(?:about\s+)?(\d+)", "".join(cell["source"]))
        if m:
            return int(m.group(1))
    return None


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or NOTEBOOKS
    print(
        f"{'notebook':34} {'words':>6} {'read':>5} {'code':>5} {'apps':>5} {'figs':>5} {'think':>5} "
        f"{'exer':>5} {'total':>6}"
    )
    total = 0
    for path in paths:
        t = lesson_time(path)
        total += t.minutes
        print(
            f"{t.notebook:34} {t.words:6d} {t.reading:5.0f} {t.code:5.1f} {t.apps:5.0f} {t.figures:5.0f} "
            f"{t.think:5.0f} {t.exercises:5.0f} {t.minutes:6d}"
        )
    print(f"{'course':34} {'':6} {'':5} {'':5} {'':5} {'':5} {'':5} {'':5} {total:6d} min = {total / 60:.1f} h")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
