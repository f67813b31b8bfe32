"""SymptomExplorer driven headlessly: tick boxes, the banner comes first and the figure and summary change."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go
import pytest

from helpers.apps.symptoms import SymptomExplorer, banner_html, change_sentence
from helpers.cohort import co_occurrence, simulate_cohort
from helpers.symptoms import CARE_REMINDER, assess, knowledge
from helpers.symptoms_figures import FIT_TRACE, cause_share_figure, co_occurrence_heatmap, fit_figure


@pytest.fixture
def app() -> SymptomExplorer:
    return SymptomExplorer()


def _bars(app: SymptomExplorer) -> tuple:
    (bar,) = app.figure.select_traces(selector={"name": FIT_TRACE})
    return tuple(bar.x)


def _routine(app: SymptomExplorer) -> bool:
    """The banner slot holds the quiet routine note (list not complete), not a red-flag alert."""
    html = app.banner.value
    return (
        "course-routine-note" in html
        and "course-redflag-banner" not in html
        and 'role="alert"' not in html
        and escape(CARE_REMINDER) in html
    )


def test_builds_with_no_arguments_and_one_checkbox_per_symptom(app: SymptomExplorer) -> None:
    assert set(app.controls) == set(knowledge().symptoms)
    assert all(isinstance(c, widgets.Checkbox) and c.value is False for c in app.controls.values())
    assert isinstance(app.figure, go.FigureWidget)
    assert _routine(app) and set(_bars(app)) == {0}
    assert "Tick some symptoms" in app.explanations.value


def test_the_banner_is_the_first_thing_in_the_ui(app: SymptomExplorer) -> None:
    assert app.ui.children[0] is app.banner
    assert app.ui.children.index(app.figure) > app.ui.children.index(app.explanations)


def test_ticking_a_cauda_equina_sign_shows_the_emergency_banner_and_changes_the_figure(app: SymptomExplorer) -> None:
    before = _bars(app)
    app.controls["saddle_anaesthesia"].value = True
    assert "EMERGENCY" in app.banner.value and "seek emergency care now" in app.banner.value.lower()
    assert 'role="alert"' in app.banner.value and "cauda equina" in app.banner.value
    assert _bars(app) != before
    html = app.explanations.value
    assert html.index("<li") < html.index("Cauda equina syndrome") < html.index("fit score")
    assert "You ticked" in app.summary.value and "urgency emergency" in app.summary.value


def test_an_other_red_flag_shows_the_urgent_banner(app: SymptomExplorer) -> None:
    app.controls["fever"].value = True
    assert "URGENT" in app.banner.value and "EMERGENCY" not in app.banner.value
    app.controls["fever"].value = False
    assert _routine(app)
    assert "You unticked" in app.summary.value


def test_nerve_root_pattern_changes_bars_colours_and_explanations(app: SymptomExplorer) -> None:
    (bar,) = app.figure.select_traces(selector={"name": FIT_TRACE})
    colours_before = tuple(bar.marker.color)
    for sid in ("leg_pain_below_knee", "numbness_tingling_leg", "leg_weakness"):
        app.controls[sid].value = True
    html = app.explanations.value
    assert "argue against: Myofascial" in html and "low back pain with referred pain (-6)" in html
    app.controls["low_back_pain"].value = True
    scores = dict(zip(knowledge().conditions, _bars(app), strict=True))
    assert max(scores, key=lambda c: scores[c]) == "disc_herniation"
    assert scores["nonspecific_lbp"] < 0
    assert tuple(bar.marker.color) != colours_before
    assert "Argues against" in app.explanations.value and "Koes" in app.explanations.value
    assert app.assessment == assess(["leg_pain_below_knee", "numbness_tingling_leg", "leg_weakness", "low_back_pain"])


def test_fatigue_alone_points_nowhere(app: SymptomExplorer) -> None:
    app.controls["fatigue"].value = True
    assert "Points to no explanation: fatigue" in app.explanations.value
    assert set(_bars(app)) == {0}


def test_untick_all_resets_everything(app: SymptomExplorer) -> None:
    for sid in ("bladder_dysfunction", "buttock_pain", "fever"):
        app.controls[sid].value = True
    app.clear.click()
    assert app.selection() == () and _routine(app) and set(_bars(app)) == {0}
    assert "You unticked" in app.summary.value


def test_preselected_symptoms_and_validation() -> None:
    app = SymptomExplorer(selected=["bowel_dysfunction"])
    assert app.controls["bowel_dysfunction"].value is True and "EMERGENCY" in app.banner.value
    with pytest.raises(ValueError, match="unknown symptom id"):
        SymptomExplorer(selected=["nope"])


def test_display_fallback_is_a_friendly_line(app: SymptomExplorer) -> None:
    bundle = app._repr_mimebundle_()
    assert bundle["text/plain"].startswith("▶ Symptom explorer")


def test_banner_and_change_sentence_helpers() -> None:
    routine = banner_html(assess(["buttock_pain"]))
    assert "course-routine-note" in routine and "improves" not in routine and "course-redflag" not in routine
    assert "You ticked “Fever or feeling unwell”" in change_sentence((), assess(["fever"]))
    assert change_sentence(("fever",), assess(["fever"])).startswith("1 symptom ticked")


# ------------------------------------------------------------------------------------------------ figures
def test_fit_figure_has_title_axis_units_and_one_bar_per_condition() -> None:
    fig = fit_figure(assess(["buttock_pain"]))
    assert type(fig) is go.Figure and [t.name for t in fig.data] == [FIT_TRACE]
    assert fig.layout.title.text and "points" in fig.layout.xaxis.title.text
    assert len(fig.data[0].y) == len(knowledge().conditions)


def test_cause_share_and_heatmap_figures() -> None:
    df = simulate_cohort(n=2000, seed=3)
    overall = df["cause"].value_counts(normalize=True)
    among = df.loc[df["fatigue"], "cause"].value_counts(normalize=True)
    fig = cause_share_figure(overall, among, "with fatigue")
    assert len(fig.data) == 2 and "%" in fig.layout.xaxis.title.text and "simulated" in fig.layout.title.text
    heat = co_occurrence_heatmap(co_occurrence(df), ["fatigue", "poor_sleep", "buttock_pain"])
    assert heat.data[0].z.shape == (3, 3) and "%" in heat.layout.xaxis.title.text
    with pytest.raises(ValueError, match="among_label"):
        cause_share_figure(overall, among, " ")
    with pytest.raises(ValueError, match=r"symptoms: \['nope'\]"):
        co_occurrence_heatmap(co_occurrence(df), ["nope"])


def test_the_figure_has_a_one_sentence_summary_that_follows_the_ticks(app: SymptomExplorer) -> None:
    before = app.summary.value
    assert "Figure in words:" in before and "Nothing is ticked" in before
    app.controls["saddle_anaesthesia"].value = True
    after = app.summary.value
    assert "Figure in words:" in after and "urgency emergency" in after


@pytest.mark.parametrize(
    "flag", ["severe_weakness", "iv_drug_use", "night_pain", "age_over_50_new_pain", "long_term_steroids"]
)
def test_each_nice_cks_red_flag_shows_the_urgent_banner_first(app: SymptomExplorer, flag: str) -> None:
    assert flag in knowledge().ids_in_group("red_flag")
    app.controls[flag].value = True
    assert "URGENT" in app.banner.value and 'role="alert"' in app.banner.value
    assert app.ui.children[0] is app.banner


def test_no_hard_coded_hex_colours_in_the_app_html(app: SymptomExplorer) -> None:
    import re

    from helpers import style

    app.controls["bladder_dysfunction"].value = True
    palette = {
        c.lower()
        for c in (
            *style.PALETTE,
            style.GREY,
            *style.URGENCY_COLOURS.values(),
            style.TEXT_ON_LIGHT,
            style.WHITE,
            *style.TINTS.values(),
        )
    }
    for html in (app.banner.value, app.explanations.value, app.summary.value):
        assert {h.lower() for h in re.findall(r"#[0-9A-Fa-f]{6}\b", html)} <= palette
