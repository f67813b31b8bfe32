"""Small Markdown/HTML blocks every lesson uses: the disclaimer, red-flag warnings, simulation labels,
figure text summaries and the source quotation. Pure strings; ``IPython.display`` objects only at the edge."""

from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML, Markdown

from helpers import references, source, symptoms
from helpers.boxes import box, red_flag_box

DISCLAIMER = (
    "*Educational, not medical advice.* This course teaches how to read health claims; it cannot assess "
    "anyone's own symptoms. If you have back or leg pain, see a clinician."
)


def disclaimer() -> Markdown:
    """The one-line "educational, not medical advice" note at the top of every lesson; its emergency sentence names
    the emergency red flags of ``data/symptoms.csv`` (:func:`helpers.symptoms.emergency_sentence`)."""
    return Markdown(f"> ⚕️ {DISCLAIMER} {symptoms.emergency_sentence()}")


def quote(section_id: str, lines: tuple[str, ...] | None = None) -> Markdown:
    """An exact, attributed quotation of the source text (see :func:`helpers.source.quote_markdown`)."""
    return Markdown(source.quote_markdown(section_id, lines))


def figure_summary(sentence: str) -> Markdown:
    """The one-sentence text summary under a figure, for readers who cannot see it."""
    if not sentence.strip():
        raise ValueError("sentence: a figure summary must not be empty")
    return Markdown(f"**Figure in words:** {sentence.strip()}")


def simulated_label(assumptions: str) -> HTML:
    """A visible label that what follows is simulated, with its assumptions."""
    return HTML(box("simulated", escape(assumptions), "Simulation, not data.", role="note"))


def reference_list(ids: str | list[str]) -> Markdown:
    """The lesson's reference list, from ids in ``data/references.csv``."""
    return Markdown(references.markdown_list(ids))


def red_flags_box() -> HTML:
    """The loud, first-thing red-flag box, generated from ``data/symptoms.csv`` (:func:`helpers.boxes.red_flag_box`)."""
    return HTML(red_flag_box())


def red_flag_table() -> pd.DataFrame:
    """Every red flag with its own urgency and sources, from ``data/symptoms.csv``: for lessons and the guide."""
    return symptoms.red_flag_table()


def red_flag_references() -> str:
    """Every reference of the red-flag list and its urgency wording, ``;``-separated, for a lesson's reference list."""
    ids = [*symptoms.URGENCY_MESSAGE_REFERENCES, *(r for f in symptoms.red_flag_list() for r in f.references)]
    return ";".join(dict.fromkeys(ids))


def __getattr__(name: str) -> str:
    # ``callouts.RED_FLAG_REFERENCES`` (used by every lesson's reference list) is computed from data/symptoms.csv on
    # first use, so importing this module reads no table.
    if name == "RED_FLAG_REFERENCES":
        return red_flag_references()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
