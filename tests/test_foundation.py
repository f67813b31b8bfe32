"""Unit and property tests of the base layer: source text, references, style, outcomes, exercises, app base."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import callouts, references, source, style
from helpers.apps.pain_change import PainChangeDemo
from helpers.course import LESSONS, lesson_table_markdown
from helpers.exercises import Exercise, ____, all_exercises, choice, figure, number, same_set, series
from helpers.outcomes import pain_change

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------------------------------------ source text
#: SHA-256 of the clinic page's text exactly as collected (bytes of data/source_text.txt): any edit, re-encoding or
#: line-ending change to the quoted source fails here. Pinned in the repository, so a student's clone can check it.
SOURCE_SHA256 = "669f62e568efc894e4b60c6ccd1a3a76be9a1898728c4c40092e41a4a0afeca2"


def test_source_text_is_the_seed_verbatim() -> None:
    import hashlib

    stored = (ROOT / "data" / "source_text.txt").read_bytes()
    assert hashlib.sha256(stored).hexdigest() == SOURCE_SHA256, "data/source_text.txt is no longer the verbatim text"
    assert source.text() == stored.decode("utf-8"), "source.text() must return the file unchanged"
    assert source.text().startswith("Theoretically, sciatica pain is defined")


def test_sections_cover_the_whole_text_in_order() -> None:
    secs = source.sections()
    assert [s.id for s in secs] == [sid for sid, _ in source.SECTION_HEADINGS]
    rebuilt = "".join(s.heading + s.body for s in secs)
    assert "".join(rebuilt.split()) == "".join(source.text().split()), "sections must hold every character"
    assert source.section("treatment").body == "Specialty Acupuncture\xa0once a week for 5-7 weeks."
    assert len(source.section("causes").lines) == 5


def test_unknown_section_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="section_id: unknown section 'nope'"):
        source.section("nope")


def test_quote_is_exact_and_attributed() -> None:
    md = source.quote_markdown("causes")
    assert "Swelling or inflammation of the vertebral disk (only 5 % of the cases)" in md
    assert "Quoted verbatim from an acupuncture clinic" in md
    with pytest.raises(ValueError, match="lines:"):
        source.quote_markdown("causes", ("Deep muscle spasms",))


def test_in_source_is_exact() -> None:
    assert source.in_source("DEEP MUSCLE SPASM without the disk hernia")
    assert not source.in_source("deep muscle spasm without the disc hernia")
    assert not source.in_source("")
    assert not source.in_source("   ")
    assert source.in_source("Specialty Acupuncture once a week", "treatment"), "a no-break space matches a space"
    assert not source.in_source("Specialty Acupuncture once a week", "causes")


# ------------------------------------------------------------------------------------------------ references
def test_reference_lookup_and_errors() -> None:
    assert references.short("koes2007") == "Koes et al. 2007"
    assert references.short("whitney1992") == "Whitney & Von Korff 1992"
    assert references.short("weber1983") == "Weber 1983"
    assert references.short("elbarzouhi2014") == "el Barzouhi et al. 2014"
    assert "https://doi.org/10.1136/bmj.l6273" in references.full("jensen2019")
    with pytest.raises(ValueError, match=r"unknown reference id\(s\) \['nope'\]"):
        references.resolve("koes2007;nope")
    assert references.resolve(["koes2007;jensen2019", "koes2007"]) == ["koes2007", "jensen2019"]


def test_partly_confirmed_references_show_their_caveat() -> None:
    assert "not confirmed" in references.full("ogollah_trajectories")


def test_red_flag_box_is_loud_and_cited() -> None:
    html = callouts.red_flags_box().data
    assert 'role="alert"' in html and "seek emergency care now" in html
    assert "Jensen et al. 2019" in html


# ------------------------------------------------------------------------------------------------ style
def test_apply_sets_template_title_and_units() -> None:
    fig = style.apply(go.Figure(), "Leg pain over time", "Weeks", "Leg pain (0–10 NRS)")
    assert fig.layout.title.text == "Leg pain over time"
    assert fig.layout.yaxis.title.text == "Leg pain (0–10 NRS)"
    assert fig.layout.template.layout.font.size == style.BASE_FONT_SIZE
    assert list(fig.layout.template.layout.colorway) == list(style.PALETTE)
    with pytest.raises(ValueError, match="height: 50 is outside the allowed range"):
        style.apply(go.Figure(), "x", height=50)


def test_use_course_style_picks_an_offline_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    import plotly.io as pio

    monkeypatch.delenv("COURSE_PLOTLY_RENDERER", raising=False)
    style.use_course_style()
    assert pio.renderers.default == "plotly_mimetype"
    assert style.TEMPLATE_NAME in pio.templates.default


# ------------------------------------------------------------------------------------------------ outcomes
@given(st.floats(0, 10), st.floats(0, 10))
def test_important_change_is_either_threshold(before: float, after: float) -> None:
    ch = pain_change(before, after)
    assert ch.important == (before - after >= 2 or (before > 0 and (before - after) / before >= 0.3))
    if after >= before:
        assert not ch.important


@pytest.mark.parametrize(("before", "after", "arg"), [(11, 5, "before"), (5, -1, "after"), (float("nan"), 3, "before")])
def test_pain_change_validates(before: float, after: float, arg: str) -> None:
    with pytest.raises(ValueError, match=rf"{arg}: .* outside the allowed range 0–10"):
        pain_change(before, after)


# ------------------------------------------------------------------------------------------------ exercises
EXERCISES = all_exercises()


def test_every_lesson_has_exercises_and_only_lessons_do() -> None:
    assert {e.split(".")[0] for e in EXERCISES} == {lesson.notebook[:2] for lesson in LESSONS}


@pytest.mark.parametrize("notebook", [lesson.notebook for lesson in LESSONS])
def test_each_lesson_registers_exactly_the_exercises_its_notebook_checks(notebook: str) -> None:
    import importlib
    import json
    import re

    prefix = notebook[:2]
    module = importlib.import_module(f"helpers.exercises.lesson{prefix}")
    registered = {name: value.id for name, value in vars(module).items() if isinstance(value, Exercise)}
    assert all(ex_id == f"{prefix}.{name}" for name, ex_id in registered.items()), registered
    assert set(registered.values()) == {e for e in EXERCISES if e.startswith(f"{prefix}.")}
    doc = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in doc["cells"] if c["cell_type"] == "code")
    assert f"from helpers.exercises import lesson{prefix} as ex" in code
    checked = set(re.findall(r"\bex\.(q\d+)\.check\(", code))
    assert checked and checked == set(registered), f"{notebook} checks {checked}; lesson{prefix} has {registered}"


def _near_miss(right: object) -> object:
    """A value close to the right answer but not it: the comparator must tell them apart."""
    import numbers

    import numpy as np
    import pandas as pd

    if isinstance(right, (pd.Series, pd.DataFrame)):
        changed = right.copy()
        changed.iat[(0,) * changed.ndim] = _near_miss(right.iat[(0,) * right.ndim])
        return changed
    if isinstance(right, dict):
        first = next(iter(right))
        return {**right, first: _near_miss(right[first])}
    if isinstance(right, go.Figure):
        return go.Figure(layout=right.layout)  # the same axes and titles, nothing drawn
    if isinstance(right, (set, frozenset, list, tuple)):
        return sorted(right, key=str)[1:] if len(right) > 1 else [*right, "something else"]
    if isinstance(right, str):
        return right + " (not quite)"
    if isinstance(right, (numbers.Integral, np.integer)):
        return right + max(abs(right) // 2, 1)
    if isinstance(right, (numbers.Real, np.number)):
        return right + max(abs(right), 1) * 0.5  # well outside any tolerance the comparators use
    raise TypeError(f"_near_miss: teach this test a near miss for a {type(right).__name__} answer")


@pytest.mark.parametrize("ex_id", sorted(EXERCISES))
class TestEveryExercise:
    def test_right_answer_is_correct_and_a_near_miss_is_not(self, ex_id: str) -> None:
        ex = EXERCISES[ex_id]
        right = ex.answer()
        assert right is not None and right is not ____, f"{ex_id}: answer() must compute a value"
        assert ex.check(right).status == "correct"
        miss = _near_miss(right)
        assert ex.check(miss).status == "incorrect", f"{ex_id}: {miss!r} was accepted as the answer {right!r}"

    def test_wrong_answers_are_incorrect_without_the_answer(self, ex_id: str) -> None:
        ex = EXERCISES[ex_id]
        assert ex.wrong_examples, f"{ex_id}: give at least one plausible wrong answer"
        right = str(ex.answer())
        for wrong in ex.wrong_examples:
            fb = ex.check(wrong)
            assert fb.status == "incorrect", f"{ex_id}: {wrong!r} was judged {fb.status}"
            if len(right) > 3:
                assert right not in fb.message, f"{ex_id}: the feedback gives the answer away"

    def test_blank_is_not_attempted_and_never_raises(self, ex_id: str) -> None:
        ex = EXERCISES[ex_id]
        assert ex.check(____).status == "not attempted"
        assert ex.check(object()).status == "incorrect"

    def test_hints_are_tiered_and_solution_shows_the_answer(self, ex_id: str) -> None:
        ex = EXERCISES[ex_id]
        assert len(ex.hints) >= 2, f"{ex_id}: give at least two tiers of hints"
        assert "Hint 1 of" in repr(ex.hint()) and f"Hint {len(ex.hints)} of" in repr(ex.hint(len(ex.hints)))
        for outside in (0, len(ex.hints) + 1, -1, "2"):  # a clear note, never a traceback
            assert f"There are {len(ex.hints)} hints" in repr(ex.hint(outside)), outside
        assert ex.solution_code and "The answer is" in ex.solution()._repr_html_()

    def test_last_hint_is_a_skeleton_with_blanks_not_the_solution(self, ex_id: str) -> None:
        ex = EXERCISES[ex_id]
        last = ex.hints[-1]
        assert "____" in last, f"{ex_id}: the last hint should be a skeleton with ____ blanks to fill"
        solution_lines = {line.strip() for line in ex.solution_code.splitlines() if line.strip()}
        # the line that computes the answer ("answer = fig" only hands on a figure built above it)
        final = [
            line.strip() for line in ex.solution_code.splitlines() if not re.fullmatch(r"\s*(\w+ = \w+)?\s*", line)
        ][-1]
        assert final not in last, f"{ex_id}: the last hint holds the solution's answer line {final!r}"
        assert not solution_lines <= {line.strip() for line in last.splitlines()}, f"{ex_id}: last hint = solution"

    def test_first_hint_is_conceptual_code_comes_last(self, ex_id: str) -> None:
        ex = EXERCISES[ex_id]
        # code-like: a call or an index right after a name ("load_table(", "cohort["), "=", or a pandas method;
        # a parenthesis in prose ("the share (0–1)") is not code
        code_like = re.compile(r"\w\(|\w\[|\[['\"]|=|\.(loc|iloc|groupby|mean|sum|str|value_counts|crosstab|apply)\b")
        found = code_like.search(ex.hints[0])
        assert not found, f"{ex_id}: hint 1 holds code ({found.group(0)!r}); keep code for the last hint"

    def test_number_answers_refuse_zero_and_the_wrong_sign(self, ex_id: str) -> None:
        ex = EXERCISES[ex_id]
        right = ex.answer()
        if not isinstance(right, (int, float)) or isinstance(right, bool) or right == 0:
            return
        assert ex.check(0).status == "incorrect", f"{ex_id}: 0 is accepted (is the tolerance wider than the answer?)"
        assert ex.check(-right).status == "incorrect", f"{ex_id}: the answer with the wrong sign is accepted"
        assert ex.check(np.float64(right)).status == "correct"
        assert ex.check(pd.Series([right])).status == "correct", f"{ex_id}: a one-value Series is refused"


def test_comparators_name_the_problem() -> None:
    assert number(what="a share")(0.5, 0.5) is None
    assert "too high" in number(what="a share")(0.9, 0.5)
    assert "not a percentage" in number(abs_tol=0.01, what="a share")(50, 0.5)
    assert "Answer with one of" in choice(["a", "b"])("c", "a")
    assert "1 id missing" in same_set("ids")(["x"], ["x", "y"])
    assert "2 ids missing" in same_set("ids")(["x"], ["x", "y", "z"])
    assert "1 root that does not belong" in same_set("roots")(["x", "y"], ["x"])
    assert series()(pd.Series({"a": 1.0}), pd.Series({"a": 1.0})) is None
    assert "labels differ" in series()(pd.Series({"b": 1.0}), pd.Series({"a": 1.0}))


# What people hand in: the value asked for, in the shapes people naturally produce it.
SHARE = number(abs_tol=0.005, what="a share between 0 and 1")


@pytest.mark.parametrize(
    "given",
    [
        0.05,
        1 - 0.95,
        np.float64(0.05),
        np.float32(0.05),
        np.array(0.05),
        pd.Series([0.05]),
        pd.Series({"x": 0.05}),
        pd.DataFrame({"a": [0.05]}),
        [0.05],
        0.0549,
        0.0451,
    ],
)
def test_number_accepts_what_people_give(given: object) -> None:
    assert SHARE(given, 0.05) is None


def test_number_reads_the_kind_from_its_words_only_when_it_is_named() -> None:
    ratio = number(abs_tol=0.01, what="a positive number of minimal important changes")
    assert "too low" in ratio(0.5, 1.07), "a ratio below 1 is not a share given for a count"
    assert "not a share" in number(what="a count of claims")(0.25, 9)


def test_number_tolerance_never_sits_on_the_edge() -> None:
    assert number(abs_tol=0.0005, what="a share")(0.05, 0.0505) is None  # rounded exactly to the tolerance
    assert number(decimals=2, what="a share")(0.53, 0.5278) is None
    assert number(decimals=2, what="a share")(0.52, 0.5278) is not None
    assert number(what="a share")(1 - 0.95, 0.05) is None


@pytest.mark.parametrize(
    ("given", "right", "what", "says"),
    [
        (5.0, 0.05, "a share between 0 and 1", "not a percentage"),
        (0.136, 13.6, "a percentage", "not a share"),
        (0.25, 9, "a count of claims", "not a share"),
        (9, 0.25, "a share between 0 and 1", "not a count"),
        (-0.2, 0.2, "a difference", "sign"),
        (0, 0.2, "a difference", "no rows"),
        (pd.Series([1.0, 2.0]), 1.0, "a number", "2 values"),
        (True, 1.0, "a number", "True/False"),
        ("abc", 1.0, "a number", "text"),
    ],
)
def test_number_says_what_is_wrong(given: object, right: float, what: str, says: str) -> None:
    message = number(abs_tol=0.005, what=what)(given, right)
    assert message is not None and says in message, message
    assert f"{right}" not in message.replace(what, "")


@pytest.mark.parametrize(
    "given",
    [
        ["b", "a"],
        ("a", "b"),
        {"a", "b"},
        pd.Series(["a", "b", "a"]),
        pd.Index(["b", "a"]),
        np.array(["a", "b"]),
        pd.DataFrame({"id": ["a", "b"]}),
        {"a": 1, "b": 2},
    ],
)
def test_same_set_accepts_any_collection(given: object) -> None:
    assert same_set("ids")(given, {"a", "b"}) is None


def test_same_set_explains_masks_tables_and_capitals() -> None:
    assert "mask" in same_set("ids")(pd.Series([True, False]), {"a"})
    assert "whole table" in same_set("ids")(pd.DataFrame({"a": [1], "b": [2]}), {"a"})
    assert "capitals" in same_set("ids")(["A"], {"a"})
    assert same_set("ids")("a", {"a"}) is None


def test_choice_accepts_a_one_value_series_and_any_case() -> None:
    assert choice(["Yes", "No"])(pd.Series([" yes "]), "Yes") is None
    assert choice(["Yes", "No"])(["No"], "Yes") is not None
    assert "2 values" in choice(["Yes", "No"])(["Yes", "No"], "Yes")


def test_series_names_percentages_counts_and_shares_both_ways() -> None:
    shares = pd.Series({"a": 0.25, "b": 0.75})
    counts = pd.Series({"a": 1, "b": 3})
    assert "percentages, not shares" in series(abs_tol=0.005)(shares * 100, shares)
    assert "shares (0–1), not percentages" in series(abs_tol=0.005)(shares, shares * 100)
    assert "counts, not shares" in series(abs_tol=0.005)(counts, shares)
    assert "shares, not counts" in series(abs_tol=0.005)(shares, counts)
    assert series(abs_tol=0.005)({"a": 0.25, "b": 0.75}, shares) is None
    assert "1 label missing" in series()(pd.Series({"a": 0.25}), shares)


# ------------------------------------------------------------------------------------------------ figure checks
CROSSTAB = pd.DataFrame({"yes": [3, 0, 2], "no": [1, 4, 0]}, index=pd.Index(["A", "B", "C"], name="section"))


def _stacked(table: pd.DataFrame = CROSSTAB, y_title: str = "Claims (count)") -> go.Figure:
    fig = px.bar(table, barmode="stack")
    return fig.update_layout(xaxis_title="Section", yaxis_title=y_title)


def test_figure_accepts_px_go_transposed_horizontal_and_long_form() -> None:
    check = figure("bar", x_title_contains="section")
    assert check(_stacked(), CROSSTAB) is None
    long = CROSSTAB.stack().rename("n").reset_index().rename(columns={"level_1": "verdict"})
    long = long[long["n"] > 0]  # a groupby count leaves out the empty cells
    fig = px.bar(long, x="section", y="n", color="verdict", labels={"n": "Number of claims"})
    assert check(fig, CROSSTAB) is None
    go_fig = go.Figure([go.Bar(name=c, x=list(CROSSTAB.index), y=list(CROSSTAB[c])) for c in CROSSTAB])
    assert check(go_fig.update_layout(xaxis_title="section", yaxis_title="claims (count)"), CROSSTAB) is None
    transposed = px.bar(CROSSTAB.T).update_layout(xaxis_title="verdict by section", yaxis_title="count")
    assert figure("bar")(transposed, CROSSTAB) is None
    horizontal = px.bar(CROSSTAB, orientation="h").update_layout(yaxis_title="Section", xaxis_title="Claims (n)")
    assert check(horizontal, CROSSTAB) is None
    rows = long.loc[long.index.repeat(long["n"])]
    hist = px.histogram(rows, x="section", color="verdict").update_layout(yaxis_title="count")
    assert check(hist.update_layout(xaxis_title="section"), CROSSTAB) is None


@pytest.mark.parametrize(
    ("given", "says"),
    [
        (CROSSTAB, "not a figure"),
        ("fig", "Expected a plotly figure"),
        (go.Figure(), "empty"),
        (px.line(CROSSTAB), "bar chart"),
        (_stacked(CROSSTAB / CROSSTAB.sum().sum()), "shares, not counts"),
        (_stacked(CROSSTAB.drop(index="C")), "do not line up"),
        (_stacked(CROSSTAB + CROSSTAB.eq(1).astype(int)), "differ"),
        (_stacked(y_title=""), "no title"),
        (_stacked(y_title="value"), "units"),
        (_stacked().update_layout(xaxis_title="index"), "does not say"),
    ],
)
def test_figure_says_what_is_missing_without_the_data(given: object, says: str) -> None:
    message = figure("bar", x_title_contains="section")(given, CROSSTAB)
    assert message is not None and says in message, message
    assert "3" not in message.replace("3 categories", "")  # no plotted value is given away


def test_figure_checks_series_heatmaps_and_scatter() -> None:
    shares = pd.Series({"a": 0.25, "b": 0.75})
    bars = px.bar(x=shares.index, y=shares.values, labels={"x": "group", "y": "Share (0–1)"})
    assert figure("bar")(bars, shares) is None
    assert "percentages" in figure("bar")(px.bar(x=shares.index, y=shares.values * 100), shares)
    table = pd.DataFrame([[5, 1], [2, 92]], index=["test +", "test −"], columns=["ill", "well"])
    heat = px.imshow(table, text_auto=True).update_layout(xaxis_title="condition", yaxis_title="test result")
    assert figure("heatmap")(heat, table) is None
    line = go.Figure(go.Scatter(x=[0, 1, 2], y=[6.0, 4.5, 3.2])).update_layout(
        xaxis_title="Week", yaxis_title="Leg pain (0–10)"
    )
    assert figure("scatter")(line, line) is None
    moved = go.Figure(go.Scatter(x=[0, 1, 2], y=[6.0, 4.5, 3.9])).update_layout(
        xaxis_title="Week", yaxis_title="Leg pain (0–10)"
    )
    assert "1 plotted value of 3 differs" in figure("scatter")(moved, line)
    with pytest.raises(ValueError, match="decimals"):
        figure(decimals=9)


def test_figure_extensions_names_free_lines_histograms_heatmap_cells_shares_and_titles() -> None:
    weeks = [0, 1, 2]
    right = go.Figure(
        [
            go.Scatter(x=weeks, y=[10.0, 20.0, 30.0], name="plain"),
            go.Scatter(x=weeks, y=[15.0, 35.0, 40.0], name="peak"),
        ]
    )
    check = figure("scatter", x_title_contains="week", y_title_contains="%", names_matter=False)
    mine = go.Figure(
        [go.Scatter(x=weeks, y=[15.0, 35.0, 40.0], name="b"), go.Scatter(x=weeks, y=[10.0, 20.0, 30.0], name="a")]
    )
    assert check(mine.update_layout(xaxis_title="Week", yaxis_title="Improved (%)"), right) is None
    assert "needs 2" in check(go.Figure(mine.data[0]), right)
    as_shares = go.Figure([go.Scatter(x=weeks, y=[v / 100 for v in t.y], name=t.name) for t in right.data])
    assert "shares (0–1), not percentages" in check(as_shares, right)
    assert "percentages, not shares" in figure("scatter")(right, as_shares)
    share_ok = figure("scatter", y_title_contains="%", names_matter=False, shares_ok=True)
    assert share_ok(as_shares.update_layout(xaxis_title="Week", yaxis_title="Improved (share, 0–1)"), right) is None
    assert "share" in share_ok(as_shares.update_layout(yaxis_title="Improved (%)"), right)
    raw = [1.5, 2.5, 2.5, 4.0]
    hist = figure("histogram", x_title_contains="mm", y_title_contains="trials")
    drawn = px.histogram(x=raw, nbins=2).update_layout(xaxis_title="Difference (mm)", yaxis_title="Number of trials")
    assert hist(drawn, go.Figure(go.Histogram(x=raw))) is None
    assert "histogram does not count" in hist(px.histogram(x=raw[:-1]), go.Figure(go.Histogram(x=raw)))
    table = pd.DataFrame([[50, 1], [9, 2]], index=[False, True], columns=[False, True])
    heat = figure("heatmap", x_title_contains="ill", y_title_contains="test", needs_title=True)
    relabelled = go.Figure(go.Heatmap(z=table.to_numpy()[::-1], x=["well", "ill"], y=["test +", "test −"]))
    assert heat(relabelled.update_layout(title="t", xaxis_title="ill", yaxis_title="test"), table) is None
    untitled = heat(px.imshow(table), table)
    assert "figure title" in untitled and "x-axis title" in untitled and "y-axis title" in untitled
    assert "transposed" in heat(px.imshow(table.T), table)
    assert "shares" in heat(px.imshow(table / table.to_numpy().sum()), table)


def test_a_crashing_comparator_is_reported_not_raised() -> None:
    def boom(value: object, right: object) -> str | None:
        raise RuntimeError("boom")

    ex = Exercise("t.q", "p", lambda: 1, boom, ("h1", "h2"), "code", (2,))
    assert ex.check(1).status == "incorrect"


def test_a_failing_author_answer_is_raised_as_a_bug_not_blamed_on_the_student() -> None:
    from helpers.exercises import AuthorAnswerError

    def broken() -> float:
        raise KeyError("improved_share")

    ex = Exercise("t.q", "p", broken, number(what="a share"), ("h1", "h2 ____"), "code", (2,))
    with pytest.raises(AuthorAnswerError, match=r"t\.q: its answer\(\) failed.*KeyError.*bug in the course"):
        ex.check(0.5)


# ------------------------------------------------------------------------------------------------ apps
def test_pain_change_demo_updates_figure_from_its_controls() -> None:
    app = PainChangeDemo(before=6, after=5)
    assert set(app.controls) == {"before", "after"}
    assert "No" in app.figure.layout.title.text
    app.controls["after"].value = 2
    assert tuple(app.figure.data[0].y) == (6, 2)
    assert "Yes: a fall of 4 points" in app.figure.layout.title.text
    assert "fall of 4 points (67% of the starting score), which reaches" in app.summary.value


def test_app_text_fallback_is_friendly() -> None:
    bundle = PainChangeDemo()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("▶") and "FigureWidget" not in bundle["text/plain"]


# ------------------------------------------------------------------------------------------------ course map
def test_lesson_table_links_every_lesson() -> None:
    table = lesson_table_markdown()
    for lesson in LESSONS:
        assert f"]({lesson.notebook})" in table


def test_data_paths_do_not_depend_on_the_working_directory(tmp_path: Path) -> None:
    code = "from helpers.tables import load_table; print(len(load_table('references')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert int(out.stdout) > 50


def test_check_number_names_the_argument_and_the_range() -> None:
    from helpers.validation import check_number

    assert check_number("weeks", 12, 1, 104, "weeks", integer=True) == 12
    with pytest.raises(ValueError, match=r"weeks: 0 is outside the allowed range 1–104 weeks"):
        check_number("weeks", 0, 1, 104, "weeks")
    with pytest.raises(ValueError, match=r"weeks: expected a whole number"):
        check_number("weeks", 2.5, 1, 104, "weeks", integer=True)
    with pytest.raises(ValueError, match=r"sd: expected a number"):
        check_number("sd", "1", 0, 3, "points")
    with pytest.raises(ValueError, match=r"sd: expected a number"):
        check_number("sd", True, 0, 3, "points")
