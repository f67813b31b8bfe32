"""style.for_projector: a dashboard's figure with no text below 16 px, at most 600 px tall, subplot titles that
share a narrow row wrapped; the input figure is left as it was."""

from __future__ import annotations

import copy

import pytest
from plotly.subplots import make_subplots

from helpers import style


def _figure() -> dict:
    fig = make_subplots(rows=1, cols=3, subplot_titles=("One trial: each person", "Its difference (mm)", "x" * 5))
    fig.add_scatter(x=[1], y=[1], name="a", textfont={"size": 11}, row=1, col=1)
    fig.add_annotation(x=1, y=1, text="MIC −15 mm", font={"size": 13})
    style.apply(fig, "Title<br><sup>published values</sup>", height=700)
    fig.update_layout(legend={"orientation": "h", "font": {"size": 14}})
    fig.update_yaxes(tickfont={"size": 12})
    return fig.to_dict()


def test_text_is_raised_to_16px_and_the_figure_capped_and_titles_wrapped() -> None:
    before = _figure()
    kept = copy.deepcopy(before)
    out = style.for_projector(before)
    assert before == kept, "the input figure is not changed"
    layout = out["layout"]
    assert layout["height"] == style.PROJECTOR_MAX_HEIGHT
    assert layout["legend"]["font"]["size"] == 16 and layout["yaxis"]["tickfont"]["size"] == 16
    assert out["data"][0]["textfont"]["size"] == 16
    notes = {n["text"]: n for n in layout["annotations"]}
    assert notes["MIC −15 mm"]["font"]["size"] == 16
    assert "One trial: each<br>person" in notes and "Its difference<br>(mm)" in notes and "xxxxx" in notes
    assert layout["title"]["font"]["size"] * 0.7 >= 16, "a <sup> subtitle is drawn at 70 % of the title"
    long = make_subplots(rows=1, cols=3, subplot_titles=("100 repeats of this trial, one per row", "b", "c"))
    wrapped = style.for_projector(long.to_dict())["layout"]["annotations"][0]["text"]
    assert wrapped == "100 repeats of<br>this trial, one<br>per row"
    two = make_subplots(rows=1, cols=2, subplot_titles=("No added treatment (usual care), long title", "b"))
    assert "<br>" not in style.for_projector(two.to_dict())["layout"]["annotations"][0]["text"]


def test_bad_arguments_name_the_argument() -> None:
    with pytest.raises(ValueError, match="min_font"):
        style.for_projector({}, min_font=2)
    with pytest.raises(ValueError, match="max_height"):
        style.for_projector({}, max_height=50)
    with pytest.raises(ValueError, match="title_line"):
        style.for_projector({}, title_line=3)
