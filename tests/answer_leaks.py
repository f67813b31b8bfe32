"""Find an exercise's answer on screen before the exercise is asked.

What counts as "on screen": the stored outputs of the cells above the exercise cell (text/plain, text/html with
the tags removed, text/markdown, printed text, and the text and data of plotly figures) and, for decimal numbers
and "N in 100" forms, the Markdown prose above it.

How an answer is recognised:
- a number with decimals (13.6, 0.136) in its usual forms: 1–3 decimals, and for a share 0–1 also as a
  percentage (13.6 %, 14 %, 13.6%) and "14 in 100"; whole numbers only from 10 up (a one-digit count is
  everywhere and would make the test cry wolf);
- a set of ids: all of them listed together ("L5 and S1", "L5, S1", "{'L5', 'S1'}");
- a Series or DataFrame: every row (label and values) appears in one table, or a figure plots the same data;
- a text answer (a choice) is never searched: the options are shown in the question by design.
"""

from __future__ import annotations

import html
import itertools
import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers.exercises.coercion import _is_figure
from helpers.exercises.figures import Point, _expected_points, _matches, _trace_points, figure_table
from tests.solved_notebooks import exercise_cells

PLOTLY = "application/vnd.plotly.v1+json"


@dataclass(frozen=True)
class Leak:
    exercise_id: str
    cell: int
    shown: str


def shows_data(fig: Any, right: Any, decimals: int = 2, by_group: bool = True, ignore_labels: bool = False) -> bool:
    """Whether a plotly figure (or its JSON dict) plots the data ``right`` (a Series, DataFrame or figure), in
    any of the arrangements :func:`figure` accepts. With ``ignore_labels`` the category labels may differ (a
    figure with shortened labels shows the same numbers): the values of each group are compared as multisets.
    Used by the tests that look for answers shown too early."""
    if isinstance(fig, dict):
        import plotly.graph_objects as go

        fig = go.Figure(fig, skip_invalid=True)
    if not _is_figure(fig) or not fig.data:
        return False
    try:
        got = [p for t in fig.data for p in _trace_points(t)[0]]
        wants = _expected_points(right)
    except (TypeError, ValueError):
        return False
    tol = 0.5 * 10.0**-decimals + 1e-9
    if ignore_labels:

        def values(points: list[Point], groups: bool) -> list[tuple[str, float]]:
            return sorted((n if groups else "", round(v, decimals)) for n, _, v in points if v != 0 and v == v)

        return any(
            values(got, len({p[0] for p in want}) > 1) == values(want, len({p[0] for p in want}) > 1) for want in wants
        )
    return any(_matches(got, want, tol, by_group) is None for want in wants)


def _strip_html(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"</tr\s*>|<br\s*/?>|</p>|</li>|</h\d>", "\n", text, flags=re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _plotly_texts(fig: dict) -> list[str]:
    """The words of a figure: title, axis titles, annotations, trace names and hover/texts."""
    found: list[str] = []

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list) and key != "data":
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("text", "name"):
            found.append(node)

    walk(fig.get("layout", {}))
    for trace in fig.get("data", []):
        walk({k: v for k, v in trace.items() if k in ("name", "text")})
    return found


def cell_texts(cell: dict) -> list[str]:
    """What a reader sees of one cell: its outputs' text, or a Markdown cell's prose."""
    if cell["cell_type"] == "markdown":
        return ["".join(cell["source"])]
    texts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            texts.append("".join(out["text"]))
        data = out.get("data", {})
        for mime in ("text/plain", "text/markdown"):
            if mime in data:
                texts.append("".join(data[mime]))
        if "text/html" in data:
            texts.append(_strip_html("".join(data["text/html"])))
        if PLOTLY in data:
            texts.extend(_plotly_texts(data[PLOTLY]))
    return texts


def _num(token: str) -> str:
    return rf"(?<![\d.]){re.escape(token)}(?![\d])(?!\.\d)"


def number_patterns(x: float, prose: bool) -> list[str]:
    """Regexes for the usual ways a number is written; in prose only the unmistakable ones."""
    pats: list[str] = []
    if math.isnan(x) or x == 0:
        return pats
    if float(x).is_integer():
        return [] if prose or abs(x) < 10 else [_num(str(int(x)))]
    decimals = {f"{x:.{d}f}" for d in (1, 2, 3)} | {f"{x:.3g}"}
    decimals = {d for d in decimals if "." in d and d.strip("-0.") and len(d.strip("-0.")) >= 2}
    pats += [_num(d) for d in decimals]
    if 0 < abs(x) < 1:
        pct1, pct0 = f"{100 * x:.1f}", f"{100 * x:.0f}"
        if len(pct1.strip("-0.")) >= 2:
            pats.append(rf"{_num(pct1)}\s?%")
        if len(pct0.strip("-0")) >= 2:  # "14 %", "57 in 100"; a one-digit percentage is too common to tell
            pats.append(rf"(?<![\d.]){pct0}\s?in\s?100\b")
            if not prose:
                pats.append(rf"{_num(pct0)}\s?%")
    return pats


def set_patterns(items: set[str]) -> list[str]:
    sep = r"[\s,;/&'\"]*(?:\band\b|\bor\b)?[\s,;/&'\"]*"
    members = sorted(items)
    orders = itertools.permutations(members) if len(members) <= 5 else [members]
    # the listing must stand alone: "L5 and S1", not the tail of "L4, L5 and S1" (a longer list names more
    # items of the same shape: a capital and digits, a snake_case id, ...)
    shapes = {_shape(m) for m in members}
    item = "(?:" + "|".join(sorted(shapes)) + ")"
    before = r"(?<![,;/&]\s)(?<![,;/&])(?<!\band\s)(?<!\bor\s)(?<!\w)"
    after = rf"(?!\w)(?!\s*[,;/&]\s*{item}\b)(?!\s+(?:and|or)\s+{item}\b)"
    return [before + sep.join(re.escape(m) for m in order) + after for order in orders]


def _shape(item: str) -> str:
    """A regex for ids shaped like ``item``: ``L5`` -> capitals then digits; ``obesity_bmi`` -> snake_case."""
    parts = re.findall(r"[A-Z]+|[a-z]+|\d+|.", item)
    return "".join(
        "[A-Z]+" if p.isupper() else "[a-z]+" if p.islower() else r"\d+" if p.isdigit() else re.escape(p) for p in parts
    )


def _table_shown(right: pd.Series | pd.DataFrame, text: str) -> bool:
    """Every row of ``right`` appears on one line of ``text`` with its values (order-insensitive)."""
    frame = right.to_frame() if isinstance(right, pd.Series) else right
    lines = text.splitlines()
    for label, row in frame.iterrows():
        values = sorted(float(v) for v in row)
        # a wide table printed as text is wrapped into blocks: gather the row's numbers from every block
        rest = " ".join(line.split(str(label), 1)[1] for line in lines if str(label) in line)
        tokens = [float(t) for t in re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])", rest)]
        unused = list(tokens)
        for v in values:
            hit = next((t for t in unused if math.isclose(v, t, abs_tol=0.006)), None)
            if hit is None:
                return False
            unused.remove(hit)
    return len(frame) > 0


def find_leaks(doc: dict) -> list[Leak]:
    """Every exercise whose answer is shown above its exercise cell in a committed notebook (JSON dict)."""
    import nbformat

    nb = nbformat.from_dict(doc)
    leaks: list[Leak] = []
    for ex_cell in exercise_cells(nb):
        right = ex_cell.exercise.answer()
        for index, cell in enumerate(doc["cells"][: ex_cell.index]):
            texts = cell_texts(cell)
            prose = cell["cell_type"] == "markdown"
            shown = _shown(right, texts, prose)
            if (
                shown is None
                and not prose
                and (isinstance(right, (pd.Series, pd.DataFrame)) or hasattr(right, "to_plotly_json"))
            ):
                for out in cell.get("outputs", []):
                    fig = out.get("data", {}).get(PLOTLY)
                    if fig is not None and shows_data(fig, right, ignore_labels=True):
                        shown = "a figure plotting the same data"
            if shown is not None:
                leaks.append(Leak(ex_cell.exercise.id, index, shown))
    return leaks


def _shown(right: Any, texts: list[str], prose: bool) -> str | None:
    if isinstance(right, (bool, np.bool_, str)):
        return None
    if isinstance(right, dict):  # several named numbers (02.q4's measures): a leak when all of them are shown
        found = [_shown(v, texts, prose) for v in right.values() if isinstance(v, (int, float, np.number))]
        return "; ".join(f for f in found if f) if found and all(found) else None
    if hasattr(right, "to_plotly_json"):  # a figure exercise: its data must not be shown as a table either
        right = figure_table(right).fillna(0)
    if isinstance(right, (int, float, np.number)):
        pats = number_patterns(float(right), prose)
    elif isinstance(right, (set, frozenset, list, tuple)):
        pats = set_patterns({str(v) for v in right}) if len(right) > 1 else []
    elif isinstance(right, (pd.Series, pd.DataFrame)):
        if prose:
            return None
        for text in texts:
            if _table_shown(right, text):
                return "a table with every row of the answer"
        return None
    else:
        return None
    for text in texts:
        for pat in pats:
            m = re.search(pat, text)
            if m:
                return text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ")
        if not prose and isinstance(right, (int, float, np.number)):
            m = _rounded_match(float(right), text)
            if m:
                return text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ")
    return None


_DECIMAL = re.compile(r"(?<![\w.])-?\d+\.(\d+)(?![\w.])(\s?%)?")


def _rounded_match(x: float, text: str) -> re.Match[str] | None:
    """A decimal number in ``text`` that is ``x`` (or, with a % sign, 100 × ``x``) rounded to however many decimals
    it is written with, and holds at least 3 significant digits: what print() shows (0.7323943661971831, 73.24 %),
    which the fixed 1–3-decimal patterns miss. Only for outputs, never prose."""
    if math.isnan(x) or x == 0:
        return None
    for m in _DECIMAL.finditer(text):
        token, decimals, percent = m.group(0).rstrip(" %"), len(m.group(1)), m.group(2)
        if len(token.lstrip("-").replace(".", "").lstrip("0")) < 3:
            continue
        target = 100 * x if percent else x
        if abs(float(token) - target) <= 0.5 * 10.0**-decimals * (1 + 1e-9) + 1e-12:
            return m
    return None
