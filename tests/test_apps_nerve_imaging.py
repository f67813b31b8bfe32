"""Headless tests of NerveRootMap and ImagingByAge, and the logic and figures of lessons 01, 03 and 04."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import anatomy, causes, mechanisms
from helpers.anatomy_figures import leg_figure
from helpers.apps.imaging import ImagingByAge
from helpers.apps.nerve_roots import NerveRootMap
from helpers.causes_figures import cause_share_figure, forest_plot
from helpers.mechanisms_figures import healing_figure, time_course_figure


def _fills(app: NerveRootMap) -> list[str]:
    return [trace.fillcolor for trace in app.figure.data if trace.fill == "toself"]


# ------------------------------------------------------------------------------------------ NerveRootMap
def test_nerve_root_map_builds_with_defaults() -> None:
    app = NerveRootMap()
    assert set(app.controls) == {"root", "symptom", "source"}
    assert list(app.controls["root"].options) == ["L4", "L5", "S1"]
    assert "S1" in app.readout.value and "Figure in words" in app.readout.value


def test_each_root_colours_a_different_set_of_regions() -> None:
    app = NerveRootMap(root="S1")
    seen = {}
    for root in ("L4", "L5", "S1"):
        app.controls["root"].value = root
        seen[root] = tuple(_fills(app))
        assert root in app.figure.layout.title.text and root in app.readout.value
    assert len(set(seen.values())) == 3


def test_symptom_control_changes_the_figure() -> None:
    app = NerveRootMap(root="L5", symptom="pain")
    pain = _fills(app)
    app.controls["symptom"].value = "numbness"
    numb = _fills(app)
    assert pain != numb
    assert "numbness" in app.readout.value and "pain typically" not in app.readout.value


def test_source_outline_toggles() -> None:
    app = NerveRootMap()
    outline = next(t for t in app.figure.data if t.name and "back or side" in t.name)
    assert outline.visible is True
    app.controls["source"].value = False
    assert outline.visible is False


def test_l4_is_missed_by_the_clinics_back_or_side_and_s1_is_not() -> None:
    patterns = anatomy.root_patterns()
    assert not patterns["L4"].overlap_with_source
    assert patterns["S1"].overlap_with_source and patterns["L5"].overlap_with_source
    assert "misses" in anatomy.describe_root(patterns["L4"])


def test_nerve_root_map_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="root"):
        NerveRootMap(root="L1")
    with pytest.raises(ValueError, match="symptom"):
        NerveRootMap(symptom="itch")
    with pytest.raises(ValueError, match="states"):
        leg_figure({"elbow": "pain"})


# ------------------------------------------------------------------------------------------ ImagingByAge
def test_imaging_slider_changes_bars_and_says_interpolated() -> None:
    app = ImagingByAge()
    before = tuple(app.figure.data[0].x)
    assert "interpolated" in app.figure.layout.title.text and "Interpolated" in app.readout.value
    app.controls["age"].value = 80
    assert tuple(app.figure.data[0].x) != before
    assert tuple(app.figure.data[0].x) == (96.0, 84.0, 43.0, 29.0)  # the published age-80 values
    assert "published" in app.figure.layout.title.text and "Interpolated" not in app.readout.value
    app.controls["age"].value = 20
    assert tuple(app.figure.data[0].x) == (37.0, 30.0, 29.0, 19.0)


def test_imaging_rejects_ages_outside_the_published_range() -> None:
    with pytest.raises(ValueError, match="age"):
        ImagingByAge(age=90)
    with pytest.raises(ValueError, match="age"):
        causes.interpolate(0.3, 0.8, 19)


@settings(max_examples=80, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(20, 80))
def test_interpolation_stays_between_the_published_points(a: float, b: float, age: float) -> None:
    value = causes.interpolate(a, b, age)
    assert min(a, b) - 1e-12 <= value <= max(a, b) + 1e-12
    assert causes.interpolate(a, b, 20) == a and abs(causes.interpolate(a, b, 80) - b) < 1e-12


# ------------------------------------------------------------------------------------------ causes, mechanisms
def test_every_published_share_dwarfs_the_clinics_five_percent() -> None:
    ratios = causes.times_the_claim()
    assert ratios.min() > 13 and ratios.max() == pytest.approx(18)
    fig = cause_share_figure(causes.cause_shares())
    assert "%" in fig.layout.xaxis.title.text and len(fig.data[0].x) == 5


def test_forest_plot_separates_hr_and_or_and_marks_missing_intervals() -> None:
    table = causes.risk_factors()
    fig = forest_plot(table)
    names = [t.name for t in fig.data]
    assert "HR with 95 % interval" in names and "OR with 95 % interval" in names
    assert "HR, interval not recorded" in names
    assert fig.layout.xaxis.type == "log"
    plotted = sum(len(t.x) for t in fig.data)
    assert plotted == len(table)
    assert set(table.loc[causes.interval_excludes_one(table), "id"]) == {
        "smoking", "obesity_bmi", "abdominal_obesity", "metal_machine_men", "standing"}


def test_schematic_time_course_follows_the_cited_facts() -> None:
    course = mechanisms.schematic_time_course()
    at_one_hour = np.interp(1.0, course.hours, course.lactate)
    assert at_one_hour <= 5.5  # back near rest by about an hour
    window = (course.hours >= 24) & (course.hours <= 72)
    assert np.all(course.soreness[window] == 100) and course.soreness[course.hours < 1].max() < 1
    assert "24" in mechanisms.describe_time_course(course)
    fig = time_course_figure(course)
    assert "SCHEMATIC" in fig.layout.title.text and fig.layout.xaxis.type == "log"
    with pytest.raises(ValueError, match="max_hours"):
        mechanisms.schematic_time_course(max_hours=10)


def test_healing_facts_and_figure() -> None:
    assert mechanisms.healing_slowdown() == pytest.approx(48.7 / 39.3 - 1)
    fig = healing_figure(48.7, 39.3)
    assert "days" in fig.layout.yaxis.title.text
    with pytest.raises(ValueError, match="fact_id"):
        mechanisms.fact("nothing")
    with pytest.raises(ValueError, match="caregivers_days"):
        healing_figure(-1, 39.3)
