"""Small Markdown/HTML blocks every lesson uses: the disclaimer, red-flag warnings, simulation labels,
figure text summaries and the source quotation. Pure strings; ``IPython.display`` objects only at the edge."""

from __future__ import annotations

from html import escape

from IPython.display import HTML, Markdown

from helpers import references, source
from helpers.boxes import box
from helpers.symptoms import CARE_REMINDER
from helpers.vocabulary import EMERGENCY_CARE, EMERGENCY_SENTENCE

DISCLAIMER = (
    "*Educational, not medical advice.* This course teaches how to read health claims; it cannot assess "
    "anyone's own symptoms. If you have back or leg pain, see a clinician. " + EMERGENCY_SENTENCE
)


def disclaimer() -> Markdown:
    """The one-line "educational, not medical advice" note shown at the top of every lesson."""
    return Markdown(f"> ⚕️ {DISCLAIMER}")


def quote(section_id: str, lines: tuple[str, ...] | None = None) -> Markdown:
    """An exact, attributed quotation of the source text (see :func:`helpers.source.quote_markdown`)."""
    return Markdown(source.quote_markdown(section_id, lines))


class FigureSummary(Markdown):
    """The one-sentence summary under a figure: shown as Markdown, and carried as ``sentence`` and in the output's
    metadata (``figure_summary``), where the offline copy reads it for the figure's accessible name."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence.strip()
        super().__init__(f"**Figure in words:** {self.sentence}", metadata={"figure_summary": self.sentence})


def figure_summary(sentence: str) -> FigureSummary:
    """The one-sentence text summary under a figure, for readers who cannot see it."""
    if not isinstance(sentence, str) or not sentence.strip():
        raise ValueError("sentence: a figure summary must be a non-empty string")
    return FigureSummary(sentence)


def simulated_label(assumptions: str) -> HTML:
    """A visible label that what follows is simulated, with its assumptions."""
    return HTML(box("simulated", escape(assumptions), "Simulation, not data.", role="note"))


def reference_list(ids: str | list[str]) -> Markdown:
    """The lesson's reference list, from ids in ``data/references.csv``."""
    return Markdown(references.markdown_list(ids))


RED_FLAGS_EMERGENCY = (
    "numbness or tingling around the genitals, buttocks or back passage (“saddle” numbness)",
    "new difficulty passing urine, a weak stream, or losing control of the bladder",
    "new loss of bowel control, or not feeling that the back passage is full",
    "new problems with sexual function",
    "sciatica in both legs, or weakness in both legs",
)
RED_FLAGS_URGENT = (
    "weakness in a leg that is getting worse, or sudden or severe weakness (such as a foot that drags: foot drop)",
    "fever or feeling unwell with the back pain",
    "injecting drugs, or a weakened immune system (for example from medicines)",
    "a history of cancer, or weight loss you cannot explain",
    "pain at night or at rest that does not ease",
    "back pain for the first time after the age of 50",
    "a significant fall or injury, or taking steroid medicines (corticosteroids) for a long time",
)
RED_FLAG_REFERENCES = "jensen2019;nice_cks_sciatica;nice_cks_lbp;bmj_bp_ces;nice_ng59"


def red_flags_box() -> HTML:
    """The loud, first-thing red-flag box: when back and leg pain needs urgent care."""
    emergency = "".join(f"<li>{escape(item)}</li>" for item in RED_FLAGS_EMERGENCY)
    urgent = "".join(f"<li>{escape(item)}</li>" for item in RED_FLAGS_URGENT)
    cites = ", ".join(references.short(i) for i in references.resolve(RED_FLAG_REFERENCES))
    return HTML(
        box(
            "emergency",
            '<p style="font-size:19px;margin:0 0 6px 0"><b>⚠ Red flags come first. With back or leg pain and any of '
            f"these, {escape(EMERGENCY_CARE)}:</b></p>"
            f"<ul>{emergency}</ul>"
            "<p style='margin:6px 0'><b>See a doctor urgently (the same day) with back or leg pain and:</b></p>"
            f"<ul>{urgent}</ul>"
            "<p style='margin:6px 0 0 0;font-size:14px'>The first list are signs of cauda equina syndrome, a rare "
            "emergency in which the nerves at the end of the spinal canal are squeezed. "
            f"{escape(CARE_REMINDER)} Sources: "
            f"{escape(cites)}.</p>",
            role="alert",
            border="all",
            font_size=16,
        )
    )
