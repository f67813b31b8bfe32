"""The symptom-combination explorer of lesson 02: tick symptoms, see red-flag triage first, then the explanations
the combination fits, with reasons and references. Educational pattern reasoning, not a diagnosis."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from html import escape
from types import MappingProxyType

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import boxes, references, style
from helpers.apps.base import App
from helpers.symptoms import NOT_A_DIAGNOSIS, Assessment, assess, knowledge, summary, validate_ids
from helpers.symptoms_figures import FIT_TRACE, fit_figure, fit_range, fit_values
from helpers.tables import load_table

GROUP_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "source_text": "What the clinic's page lists",
        "clinical": "What a clinician also asks about",
        "red_flag": "Red flags (need care now)",
    }
)


@cache
def _citations() -> Mapping[str, str]:
    """Short in-text citations for every reference id (built once: the hot path must not load tables)."""
    ids = load_table("references")["id"].tolist()
    return MappingProxyType({i: references.short(i) for i in ids})


def banner_html(assessment: Assessment) -> str:
    """What comes first: with a red flag, a loud box saying what it can mean and what to do; without one, a quiet
    note that the list is not complete (the "routine" message, never reassurance). Built by
    :func:`helpers.boxes.red_flag_banner` from the one red-flag table."""
    return boxes.red_flag_banner(assessment)


def explanations_html(assessment: Assessment) -> str:
    """The ranked explanations with their reasons, how common each is, and references."""
    kn = knowledge()
    cites = _citations()
    note = f"<p style='font-size:14px;opacity:0.85;margin:4px 0'><i>{escape(NOT_A_DIAGNOSIS)}</i></p>"
    if not assessment.symptoms:
        return "<p style='font-size:16px'><b>Tick some symptoms</b> to see which explanations they fit.</p>" + note
    parts = []
    if assessment.uninformative:
        names = ", ".join(escape(kn.symptoms[s].label.lower()) for s in assessment.uninformative)
        parts.append(f"<p style='font-size:15px;margin:4px 0'>Points to no explanation: {names}.</p>")
    if not assessment.explanations:
        parts.append("<p style='font-size:16px'>None of the ticked symptoms points to any explanation.</p>")
    items = []
    for e in assessment.explanations:
        badge = (
            "" if e.urgency == "routine" else (" " + boxes.label(f"({e.urgency})", style.URGENCY_COLOURS[e.urgency]))
        )
        pro = ", ".join(escape(kn.symptoms[r.symptom].label.lower()) for r in e.supporting)
        con = ", ".join(escape(kn.symptoms[r.symptom].label.lower()) for r in e.against)
        sources = "; ".join(escape(cites[r]) for r in e.references)
        items.append(
            f"<li style='margin-bottom:6px'><b>{escape(e.label)}</b>{badge}: fit score {e.score:+d}."
            f"<br>Fits: {pro}."
            + (f"<br>Argues against: {con}." if con else "")
            + f"<br>How common: {escape(e.share_text)}."
            + f"<br><span style='font-size:13px;opacity:0.85'>Sources: {sources}.</span></li>"
        )
    if items:
        parts.append(
            "<p style='font-size:16px;margin:6px 0 2px 0'><b>Explanations the ticked symptoms fit, "
            "serious ones first, then best fit first:</b></p>"
            f"<ol style='font-size:15px;margin-top:2px'>{''.join(items)}</ol>"
        )
    listed = {e.condition for e in assessment.explanations}
    disfavoured = [
        f"{escape(c.label)} ({assessment.scores[cid]:+d})"
        for cid, c in kn.conditions.items()
        if cid not in listed and assessment.scores[cid] < 0
    ]
    if disfavoured:
        parts.append(
            f"<p style='font-size:15px;margin:2px 0'>The ticked symptoms argue against: {'; '.join(disfavoured)}.</p>"
        )
    return "".join(parts) + note


def change_sentence(before: tuple[str, ...], assessment: Assessment) -> str:
    """One sentence saying what the last change did (for screen readers): what was ticked or unticked, and now."""
    kn = knowledge()
    added = [s for s in assessment.symptoms if s not in before]
    removed = [s for s in before if s not in assessment.symptoms]
    did = []
    if added:
        did.append("ticked " + ", ".join(f"“{kn.symptoms[s].label}”" for s in added))
    if removed:
        did.append("unticked " + ", ".join(f"“{kn.symptoms[s].label}”" for s in removed))
    lead = ("You " + " and ".join(did) + ". Now: ") if did else ""
    text = summary(assessment)
    return lead + (text[0].lower() + text[1:] if lead else text)


class SymptomExplorer(App):
    """Tick symptoms in three groups; see any red flag first, then ranked explanations and a fit figure.

    Parameters
    ----------
    selected : symptom ids ticked at the start (default none); unknown ids raise ValueError.

    Attributes
    ----------
    controls : one ``Checkbox`` per symptom id (keyboard: Tab to reach, Space to tick).
    banner, explanations, summary : ``HTML`` widgets (the banner is empty without red flags).
    figure : ``FigureWidget`` with one bar per explanation.
    assessment : the latest :class:`helpers.symptoms.Assessment`.
    """

    title = "Symptom explorer: red flags first, then explanations"

    def __init__(self, selected: Iterable[str] = ()) -> None:
        kn = knowledge()
        chosen = set(validate_ids(selected))
        _citations()
        self.controls = {
            sid: widgets.Checkbox(
                value=sid in chosen,
                description=s.label,
                indent=False,
                layout=widgets.Layout(width="auto", margin="0 0 0 0"),
                tooltip=s.description,
            )
            for sid, s in kn.symptoms.items()
        }
        columns = []
        for group, heading in GROUP_TITLES.items():
            # JupyterLab's theme variable keeps the red readable in the dark theme; the palette red is the fallback
            red = f"var(--jp-error-color1, {style.URGENCY_COLOURS['emergency']})"
            colour = red if group == "red_flag" else "inherit"
            header = widgets.HTML(f"<b style='font-size:16px;color:{colour}'>{escape(heading)}</b>")
            boxes = [self.controls[sid] for sid in kn.ids_in_group(group)]
            columns.append(
                widgets.VBox(
                    [header, *boxes], layout=widgets.Layout(width="33%", min_width="300px", padding="0 8px 0 0")
                )
            )
        self.clear = widgets.Button(
            description="Untick all", tooltip="Untick every symptom", layout=widgets.Layout(width="140px")
        )
        self.clear.on_click(self._clear)
        self.banner = widgets.HTML()
        self.intro = widgets.HTML(
            f"<p style='font-size:17px;margin:4px 0'><b>{escape(self.title)}</b></p>"
            f"<p style='font-size:14px;margin:0 0 4px 0'>Tick what a person reports (Tab moves between boxes, Space "
            f"ticks). {escape(NOT_A_DIAGNOSIS)}</p>"
        )
        self.explanations = widgets.HTML()
        self.summary = widgets.HTML()
        self.assessment = assess(chosen)
        self._shown: tuple[str, ...] = self.assessment.symptoms
        self._muted = False
        self.figure = go.FigureWidget(fit_figure(self.assessment, height=430))
        for control in self.controls.values():
            control.observe(self._update, names="value")
        self.ui = widgets.VBox(
            [
                self.banner,
                self.intro,
                widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap", width="100%")),
                self.clear,
                self.explanations,
                self.figure,
                self.summary,
            ]
        )
        self.ui.add_class("course-symptom-explorer")
        self._render(self.assessment)

    def selection(self) -> tuple[str, ...]:
        """The ticked symptom ids, in table order."""
        return tuple(sid for sid, box in self.controls.items() if box.value)

    def _clear(self, _button: object = None) -> None:
        self._muted = True
        try:
            for box in self.controls.values():
                box.value = False
        finally:
            self._muted = False
        self._update()

    def _update(self, _change: object = None) -> None:
        if self._muted:
            return
        self.assessment = assess(self.selection())
        self._render(self.assessment)

    def _render(self, a: Assessment) -> None:
        scores, colours, texts = fit_values(a)
        self.banner.value = banner_html(a)
        self.explanations.value = explanations_html(a)
        with self.figure.batch_update():
            self.figure.update_traces(x=scores, marker_color=colours, text=texts, selector={"name": FIT_TRACE})
            self.figure.layout.xaxis.range = fit_range(a)
        sentence = change_sentence(self._shown, a)
        self._shown = a.symptoms
        self.summary.value = (
            f'<p role="status" aria-live="polite" style="font-size:16px;border-left:6px solid {style.BLUE};'
            f'padding-left:8px"><b>Figure in words:</b> {escape(summary(a))}<br>'
            f"<b>What changed:</b> {escape(sentence)}</p>"
        )
