"""The course's coloured HTML boxes, in one place: callouts, exercise feedback, notes, the red-flag box, the
explorer's red-flag banner and its routine note. Every red-flag list here is generated from ``data/symptoms.csv``
(:func:`helpers.symptoms.red_flag_list`); nothing lists red flags by hand.

Every box sets its text colour together with its background (never one without the other), so it stays
readable in JupyterLab's dark theme, and its text meets WCAG AA contrast (at least 4.5:1) on that background.
The coloured edge carries the kind; the words (``✔ Correct``, ``Simulation, not data``) carry the meaning, so
colour is never the only cue. Inline styles, because JupyterLab keeps them in outputs where it drops ``<style>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from helpers import references, style
from helpers.symptoms import (
    CARE_REMINDER,
    URGENCY_MESSAGE_REFERENCES,
    URGENCY_MESSAGES,
    Assessment,
    Knowledge,
    knowledge,
    red_flag_list,
)
from helpers.vocabulary import EMERGENCY_CARE

#: Text colour of every box: near-black, 15:1 or more on each background below.
BOX_TEXT = style.TEXT_ON_LIGHT


@dataclass(frozen=True)
class BoxKind:
    """How one kind of box looks: a light background and a coloured edge (the edge is decoration only)."""

    background: str
    edge: str


#: The kinds of box the course shows. Backgrounds are light tints, so BOX_TEXT keeps 4.5:1 on all of them.
BOX_KINDS: dict[str, BoxKind] = {
    "emergency": BoxKind(style.TINTS["red"], style.URGENCY_COLOURS["emergency"]),
    "urgent": BoxKind(style.TINTS["amber"], style.URGENCY_COLOURS["urgent"]),
    "simulated": BoxKind(style.TINTS["amber"], style.ORANGE),
    "note": BoxKind(style.TINTS["blue"], style.BLUE),
    "correct": BoxKind(style.TINTS["green"], style.GREEN),
    "incorrect": BoxKind(style.TINTS["red"], style.VERMILLION),
    "not attempted": BoxKind(style.TINTS["slate"], style.BLUE),
    "hint": BoxKind(style.TINTS["amber"], style.ORANGE),
    "solution": BoxKind(style.TINTS["purple"], style.PURPLE),
}


def box_style(kind: str, border: str = "left", font_size: int = 15) -> str:
    """The inline CSS of a box: background, text colour and edge always together.

    Parameters
    ----------
    kind : str
        One of :data:`BOX_KINDS`.
    border : str
        ``"left"`` (a 6 px bar on the left) or ``"all"`` (a 3 px frame, for the red-flag box).
    font_size : int
        Text size in CSS pixels, 12–24.
    """
    if kind not in BOX_KINDS:
        raise ValueError(f"kind: one of {sorted(BOX_KINDS)}, got {kind!r}")
    if border not in ("left", "all"):
        raise ValueError(f"border: 'left' or 'all', got {border!r}")
    if not 12 <= font_size <= 24:
        raise ValueError(f"font_size: 12–24 pixels, got {font_size!r}")
    look = BOX_KINDS[kind]
    edge = f"border-left:6px solid {look.edge}" if border == "left" else f"border:3px solid {look.edge}"
    return f"{edge};background:{look.background};color:{BOX_TEXT};padding:8px 12px;margin:4px 0;font-size:{font_size}px"


def box(
    kind: str, body_html: str, title: str = "", *, role: str = "", border: str = "left", font_size: int = 15
) -> str:
    """A coloured box as HTML: an optional bold title, then ``body_html`` (already escaped by the caller).

    Parameters
    ----------
    kind : str
        One of :data:`BOX_KINDS`.
    body_html : str
        The box's content as HTML; escape any text that comes from data.
    title : str
        Plain text shown in bold before the body (escaped here); empty for none.
    role : str
        An ARIA role for the box, e.g. ``"alert"`` for the red-flag box or ``"note"``; empty for none.
    border, font_size : see :func:`box_style`.
    """
    heading = f"<b>{escape(title)}</b> " if title else ""
    role_attr = f' role="{escape(role)}"' if role else ""
    return (
        f'<div class="course-box course-box-{kind.replace(" ", "-")}"{role_attr} '
        f'style="{box_style(kind, border, font_size)}">{heading}{body_html}</div>'
    )


def label(text: str, colour: str, bold: bool = True) -> str:
    """A short coloured label (a verdict, an urgency) that stays readable on any theme: near-black text on white,
    marked by a thick underline in ``colour`` (a palette colour, which as text would fail 4.5:1 contrast).

    Parameters
    ----------
    text : str
        The label's words (escaped here); the words carry the meaning, the colour only repeats it.
    colour : str
        A colour from :mod:`helpers.style`, e.g. ``style.VERDICT_COLOURS["contradicted"]``.
    bold : bool
        Bold text (default).
    """
    if not colour.startswith("#") or len(colour) not in (4, 7):
        raise ValueError(f"colour: a hex colour such as '#0072B2', got {colour!r}")
    weight = "font-weight:bold;" if bold else ""
    return (
        f'<span style="color:{BOX_TEXT};background:{style.WHITE};{weight}border-bottom:4px solid {colour};'
        f'padding:0 4px">{escape(text)}</span>'
    )


#: The red box's headings, by urgency: what to do, in the sources' words [nhs_back_pain; nice_cks_red_flags].
RED_BOX_HEADINGS: dict[str, str] = {
    "emergency": f"⚠ Red flags come first. With back or leg pain and any of these, {EMERGENCY_CARE}:",
    "urgent": "Ask for an urgent appointment with a doctor now (in the UK, an urgent GP appointment or NHS 111) with "
    "back or leg pain and any of these. How soon you are seen is the clinician's judgement: the same day for some, "
    "within a few days for others, such as a suspected cancer.",
}
#: The explorer banner's headings, by urgency.
BANNER_HEADINGS: dict[str, str] = {
    "emergency": "⚠ EMERGENCY — seek emergency care now",
    "urgent": "⚠ URGENT — ask for an urgent appointment now",
}


def _cited(ids: tuple[str, ...] | list[str]) -> str:
    return "; ".join(references.short(i) for i in dict.fromkeys(ids))


def red_flag_box(tables: Knowledge | None = None) -> str:
    """The loud, first-thing red-flag box of every lesson, generated from the red-flag rows of ``data/symptoms.csv``:
    one list per urgency (emergency first), each flag with its sources, then the care reminder.

    Parameters
    ----------
    tables : Knowledge, optional
        The tables to read (default: the course's own); tests inject synthetic ones.
    """
    flags = red_flag_list(tables)
    parts = []
    for urgency, heading in RED_BOX_HEADINGS.items():
        items = "".join(
            f'<li data-red-flag="{escape(f.id)}">{escape(f.label)} '
            f"<span style='font-size:13px'>({escape(_cited(f.urgency_references))})</span></li>"
            for f in flags
            if f.urgency == urgency
        )
        if not items:
            continue
        size = "font-size:19px;" if urgency == "emergency" else ""
        parts.append(f"<p style='{size}margin:6px 0'><b>{escape(heading)}</b></p><ul>{items}</ul>")
    sources = _cited([*URGENCY_MESSAGE_REFERENCES, *(r for f in flags for r in f.references)])
    body = (
        "".join(parts) + "<p style='margin:6px 0 0 0;font-size:14px'>Several of the first list are signs of cauda "
        "equina syndrome, a rare emergency in which the nerves at the end of the spinal canal are squeezed. "
        f"{escape(CARE_REMINDER)} Sources: {escape(sources)}.</p>"
    )
    return box("emergency", body, role="alert", border="all", font_size=16)


def red_flag_banner(assessment: Assessment, tables: Knowledge | None = None) -> str:
    """What the symptom explorer shows first: with a ticked red flag, a loud box in the colour of the most urgent
    one, naming the ticked flags (each with its own urgency) and what to do; without one, :func:`routine_note`."""
    if not assessment.red_flags:
        return routine_note(assessment.message)
    kn = tables if tables is not None else knowledge()
    edge = style.URGENCY_COLOURS[assessment.urgency]
    kind = "emergency" if assessment.urgency == "emergency" else "urgent"
    flags = "".join(
        f'<li data-red-flag="{escape(s)}">{escape(kn.symptoms[s].label)} ({escape(kn.symptoms[s].urgency)})</li>'
        for s in assessment.red_flags
    )
    plural = "s" if len(assessment.red_flags) > 1 else ""
    body = (
        f'<p style="font-size:22px;margin:0 0 6px 0;padding:2px 8px;background:{edge};color:{style.WHITE}">'
        f"<b>{escape(BANNER_HEADINGS[assessment.urgency])}</b></p>"
        f"<p style='margin:0 0 4px 0'><b>Red flag{plural} ticked:</b></p><ul style='margin:0 0 6px 0'>{flags}</ul>"
        f"<p style='margin:0'>{escape(URGENCY_MESSAGES[assessment.urgency])}</p>"
    )
    html = box(kind, body, role="alert", border="all", font_size=17)
    return html.replace(
        'role="alert"',
        f'role="alert" aria-live="assertive" data-urgency="{assessment.urgency}"',
        1,
    ).replace('class="course-box', f'class="course-redflag-banner course-redflag-{assessment.urgency} course-box', 1)


def routine_note(message: str) -> str:
    """The explorer's quiet note when no red flag is ticked: the "routine" message, which is never reassurance."""
    return box("note", escape(message), role="status").replace(
        'class="course-box', 'class="course-routine-note course-box', 1
    )
