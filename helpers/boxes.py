"""The course's coloured HTML boxes, in one place: callouts, exercise feedback, notes and the red-flag box.

Every box sets its text colour together with its background (never one without the other), so it stays
readable in JupyterLab's dark theme, and its text meets WCAG AA contrast (at least 4.5:1) on that background.
The coloured edge carries the kind; the words (``✔ Correct``, ``Simulation, not data``) carry the meaning, so
colour is never the only cue. Inline styles, because JupyterLab keeps them in outputs where it drops ``<style>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from helpers import style

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
