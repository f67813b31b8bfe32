"""Headless tests of NerveRootMap and ImagingByAge, and the logic and figures of lessons 01, 03 and 04."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from helpers import anatomy, causes, mechanisms
from helpers.anatomy_figures import leg_figure
from helpers.apps.imaging import ImagingByAge
from helpers.apps.nerve_roots import NerveRootMap
from helpers.causes_figures import IMAGING_BARS, cause_share_figure, forest_plot, imaging_figure
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
#: Brinjikji et al. 2015, Table 2 (abstract: 20 and 80; secondary reproduction: 30–50; evidence brief §12: 60, 70).
PUBLISHED_PERCENT: dict[str, tuple[int, ...]] = {
    "Disc degeneration": (37, 52, 68, 80, 88, 93, 96),
    "Disc bulge": (30, 40, 50, 60, 69, 77, 84),
    "Disc protrusion": (29, 31, 33, 36, 38, 40, 43),
    "Annular fissure": (19, 20, 22, 23, 25, 27, 29),
}


def _bars(app: ImagingByAge) -> tuple[float, ...]:
    return tuple(next(t for t in app.figure.data if t.name == IMAGING_BARS).x)


def test_imaging_table_holds_every_published_decade() -> None:
    table = causes.imaging_table()
    for finding, percents in PUBLISHED_PERCENT.items():
        rows = table[table["finding"] == finding].sort_values("age_years")
        assert rows["age_years"].tolist() == [20, 30, 40, 50, 60, 70, 80], finding
        assert [round(v * 100) for v in rows["prevalence"]] == list(percents), finding
    assert set(table["finding"]) == set(PUBLISHED_PERCENT)
    # Brinjikji 2015's 60/70 columns were verified in the full text's Table 2 (content round 3)
    assert set(table.loc[table["age_years"].isin([60, 70]), "checked"]) == {"full text"}
    assert set(table.loc[table["age_years"].isin([20, 80]), "checked"]) == {"abstract"}


def test_imaging_slider_snaps_to_decades_and_shows_published_values() -> None:
    app = ImagingByAge()
    slider = app.controls["age"]
    assert (slider.min, slider.max, slider.step) == (20, 80, 10)
    for i, age in enumerate(range(20, 90, 10)):
        slider.value = age
        assert _bars(app) == tuple(float(p[i]) for p in PUBLISHED_PERCENT.values()), age
        assert f"age {age}" in app.figure.layout.title.text and "published" in app.figure.layout.title.text
        assert ("few people" in app.figure.layout.title.text) == (age in (60, 70))
        assert not app.figure.data[0].marker.pattern.shape, "no hatching: every value is checked"
        assert "interpolat" not in app.readout.value.lower()
        assert ("model estimate" in app.readout.value) == (age in (60, 70))
    slider.value = 50
    assert _bars(app) == (80.0, 60.0, 36.0, 23.0)  # not the straight line's 66.5 and 57
    assert "(published values)" in app.readout.value


def test_imaging_slider_set_between_decades_snaps_to_the_nearest_published_one() -> None:
    app = ImagingByAge(age=20)
    for value, decade in ((35, 30), (44, 40), (66, 70), (80, 80)):
        app.controls["age"].value = value
        assert app.controls["age"].value == decade
        assert f"age {decade}" in app.figure.layout.title.text and f"aged {decade} " in app.readout.value


def test_imaging_figure_is_complete_and_names_its_traces() -> None:
    table = causes.imaging_table()
    fig = imaging_figure(causes.findings_at_age(30, table), table)
    assert isinstance(fig, go.Figure) and "%" in fig.layout.xaxis.title.text
    assert [t.name for t in fig.data] == [IMAGING_BARS, "published: age 20", "published: age 80"]


def test_imaging_rejects_ages_that_are_not_published_decades() -> None:
    for bad in (90, 19, 55, 50.5, True, "50"):
        with pytest.raises(ValueError, match="age"):
            ImagingByAge(age=bad)
        with pytest.raises(ValueError, match="age"):
            causes.findings_at_age(bad)


# ------------------------------------------------------------------------------------------ causes, mechanisms
def test_every_published_share_dwarfs_the_clinics_five_percent() -> None:
    shares = causes.cause_shares()
    (claim,) = shares.loc[shares["kind"] == "claim", "share"]
    ratios = shares.loc[shares["kind"] == "published", "share"] / claim
    assert ratios.min() > 13 and ratios.max() == pytest.approx(18)
    fig = cause_share_figure(causes.cause_shares())
    assert "%" in fig.layout.xaxis.title.text and len(fig.data[0].x) == 5


def test_forest_plot_separates_hr_and_or_and_marks_missing_intervals() -> None:
    table = causes.risk_factors()
    fig = forest_plot(table)
    names = [t.name for t in fig.data]
    assert "HR with 95 % interval" in names and "OR with 95 % interval" in names
    assert "HR, interval not recorded" not in names  # every interval is recorded since Euro 2018's abstract
    unrecorded = table.copy()
    unrecorded.loc[0, ["ci_low", "ci_high"]] = np.nan
    assert "HR, interval not recorded" in [t.name for t in forest_plot(unrecorded).data]
    assert fig.layout.xaxis.type == "log"
    plotted = sum(len(t.x) for t in fig.data)
    assert plotted == len(table)
    excludes_one = (table["ci_low"] > 1) | (table["ci_high"] < 1)  # NaN compares False: unrecorded never excludes
    assert set(table.loc[excludes_one, "id"]) == {
        "smoking",
        "obesity_bmi",
        "abdominal_obesity",
        "metal_machine_men",
        "nurses_women",
        "standing",
        "lifting_heavy",
        "heavier_workload",
    }


def test_euro_intervals_and_outcomes_are_the_published_ones() -> None:
    table = causes.risk_factors().set_index("id")
    assert tuple(table.loc["nurses_women", ["estimate", "ci_low", "ci_high"]]) == (1.81, 1.18, 2.78)
    assert tuple(table.loc["leisure_exercise_men", ["estimate", "ci_low", "ci_high"]]) == (0.74, 0.55, 1.00)
    assert tuple(table.loc["heavier_workload", ["estimate", "ci_low", "ci_high"]]) == (0.48, 0.26, 0.89)
    euro = table[table["references"].isin(["euro2018", "euro2019"])]
    assert euro["outcome"].str.startswith("hospitalisation for sciatica").all()


def test_stress_healing_correlation_cites_walburn() -> None:
    facts = mechanisms.facts()
    assert facts.loc["stress_healing_r", "value"] == -0.42
    assert facts.loc["stress_healing_r", "references"] == "walburn2009"


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
    assert (mechanisms.fact("healing_caregivers"), mechanisms.fact("healing_controls")) == (48.7, 39.3)
    fig = healing_figure(48.7, 39.3)
    assert "days" in fig.layout.yaxis.title.text
    with pytest.raises(ValueError, match="fact_id"):
        mechanisms.fact("nothing")
    with pytest.raises(ValueError, match="caregivers_days"):
        healing_figure(-1, 39.3)
