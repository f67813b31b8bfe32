"""Nerve roots and the leg: a schematic diagram's geometry and where each root's symptoms typically run.

Pure data and logic (no plotting). The diagram shows one right leg three times: from the front, from the outer
side and from the back. Each region is a polygon in diagram units (x across, y from sole 0 to hip 10). The
pattern per root comes from ``data/nerve_roots.csv`` (textbook dermatomes, simplified; they vary between people).
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.tables import load_table, split_multi
from helpers.vocabulary import LEG_REGIONS

Point = tuple[float, float]

#: The three views: (label, x offset of the view in diagram units).
VIEWS: tuple[tuple[str, float], ...] = (("Front", 0.0), ("Outer side", 4.0), ("Back", 8.0))

#: Polygons per region, drawn in this order (later ones on top).
REGION_POLYGONS: dict[str, tuple[tuple[Point, ...], ...]] = {
    # front view (inner side of the leg on the right of the drawing)
    "thigh_front": (((0.1, 10.0), (1.9, 10.0), (1.7, 6.0), (0.3, 6.0)),),
    "knee_front": (((0.3, 6.0), (1.7, 6.0), (1.6, 5.0), (0.4, 5.0)),),
    "shin_outer_front": (((0.4, 5.0), (1.0, 5.0), (1.0, 1.2), (0.55, 1.2)),),
    "shin_inner": (((1.0, 5.0), (1.6, 5.0), (1.45, 1.2), (1.0, 1.2)),),
    "ankle_inner": (((1.0, 1.2), (1.45, 1.2), (1.5, 0.8), (1.0, 0.8)),),
    "foot_top": (((0.55, 1.2), (1.0, 1.2), (1.0, 0.8), (1.5, 0.8), (1.75, 0.0), (0.3, 0.0), (0.5, 0.8)),),
    "big_toe": (((1.25, 0.4), (1.65, 0.4), (1.75, 0.0), (1.25, 0.0)),),
    # outer-side view (toes to the right)
    "thigh_side": (((4.2, 10.0), (5.8, 10.0), (5.6, 6.0), (4.4, 6.0)),),
    "knee_side": (((4.4, 6.0), (5.6, 6.0), (5.5, 5.0), (4.5, 5.0)),),
    "shin_outer": (((4.5, 5.0), (5.5, 5.0), (5.35, 1.2), (4.65, 1.2)),),
    "foot_outer": (((4.65, 1.2), (5.35, 1.2), (5.5, 0.6), (6.8, 0.35), (6.8, 0.0), (4.45, 0.0), (4.5, 0.6)),),
    # back view
    "buttock": (((8.0, 10.0), (10.0, 10.0), (10.0, 8.6), (8.0, 8.6)),),
    "thigh_back": (((8.1, 8.6), (9.9, 8.6), (9.7, 6.0), (8.3, 6.0)),),
    "knee_back": (((8.3, 6.0), (9.7, 6.0), (9.6, 5.0), (8.4, 5.0)),),
    "calf_back": (((8.4, 5.0), (9.6, 5.0), (9.4, 1.2), (8.6, 1.2)),),
    "heel_sole": (((8.6, 1.2), (9.4, 1.2), (9.5, 0.0), (8.5, 0.0)),),
}

#: Plain names of the regions, for hover text and readouts.
REGION_NAMES: dict[str, str] = {
    "thigh_front": "front of the thigh",
    "knee_front": "front of the knee",
    "shin_outer_front": "outer side of the shin",
    "shin_inner": "inner shin",
    "ankle_inner": "inner ankle",
    "foot_top": "top of the foot",
    "big_toe": "big toe",
    "thigh_side": "outer side of the thigh",
    "knee_side": "outer side of the knee",
    "shin_outer": "outer side of the shin",
    "foot_outer": "outer edge of the foot and little toe",
    "buttock": "buttock",
    "thigh_back": "back of the thigh",
    "knee_back": "back of the knee",
    "calf_back": "calf",
    "heel_sole": "heel and sole",
}

#: The clinic's "a line at the back or side of the leg", mapped onto the diagram's back and outer-side regions.
SOURCE_BACK_OR_SIDE: frozenset[str] = frozenset(
    {"thigh_back", "knee_back", "calf_back", "thigh_side", "knee_side", "shin_outer", "shin_outer_front"}
)

SYMPTOMS: tuple[str, ...] = ("pain", "numbness", "pain and numbness")

assert set(REGION_POLYGONS) == set(LEG_REGIONS) == set(REGION_NAMES)


@dataclass(frozen=True)
class RootPattern:
    """Where one root's symptoms typically run."""

    root: str
    frequency: str
    pain_course: str
    numbness_area: str
    pain_regions: frozenset[str]
    numbness_regions: frozenset[str]
    references: tuple[str, ...]

    @property
    def overlap_with_source(self) -> frozenset[str]:
        """The root's pain regions that lie on the clinic's "back or side of the leg"."""
        return self.pain_regions & SOURCE_BACK_OR_SIDE


def root_patterns() -> dict[str, RootPattern]:
    """Every root in ``data/nerve_roots.csv`` by its name (``"L4"``, ``"L5"``, ``"S1"``)."""
    table = load_table("nerve_roots")
    return {
        row.root: RootPattern(
            root=row.root,
            frequency=row.frequency,
            pain_course=row.pain_course,
            numbness_area=row.numbness_area,
            pain_regions=frozenset(split_multi(row.pain_regions)),
            numbness_regions=frozenset(split_multi(row.numbness_regions)),
            references=tuple(split_multi(row.references)),
        )
        for row in table.itertuples(index=False)
    }


def region_states(pattern: RootPattern, symptom: str = "pain and numbness") -> dict[str, str]:
    """Each region's state for a root: ``"numbness"``, ``"pain"`` or ``"none"``.

    Parameters
    ----------
    pattern : the root's pattern (from :func:`root_patterns`).
    symptom : ``"pain"``, ``"numbness"`` or ``"pain and numbness"`` (numbness is drawn over pain).
    """
    if symptom not in SYMPTOMS:
        raise ValueError(f"symptom: {symptom!r} is not allowed; allowed: {', '.join(SYMPTOMS)}")
    states = dict.fromkeys(REGION_POLYGONS, "none")
    if symptom in ("pain", "pain and numbness"):
        states.update(dict.fromkeys(pattern.pain_regions, "pain"))
    if symptom in ("numbness", "pain and numbness"):
        states.update(dict.fromkeys(pattern.numbness_regions, "numbness"))
    return states


def describe_root(pattern: RootPattern, symptom: str = "pain and numbness") -> str:
    """One sentence on where this root's symptoms run and how that compares with the clinic's wording."""
    region_states(pattern, symptom)  # validates symptom
    parts = []
    if symptom in ("pain", "pain and numbness"):
        parts.append(f"pain typically runs over the {pattern.pain_course}")
    if symptom in ("numbness", "pain and numbness"):
        parts.append(f"numbness is typically felt on the {pattern.numbness_area}")
    overlap = pattern.overlap_with_source
    if overlap:
        names = ", ".join(dict.fromkeys(REGION_NAMES[r] for r in sorted(overlap)))
        fit = f"the clinic's “back or side of the leg” covers part of its pain area ({names})"
    else:
        fit = "the clinic's “back or side of the leg” misses its pain area, which runs down the front"
    return f"{pattern.root} ({pattern.frequency} affected): " + "; ".join(parts) + f"; {fit}."
