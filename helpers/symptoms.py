"""Red-flag triage and symptom-pattern reasoning for lesson 02 (educational, not a diagnosis).

:func:`assess` takes a selection of symptom ids (``data/symptoms.csv``) and returns an :class:`Assessment`:

* ``red_flags``: the red-flag ids in the selection;
* ``urgency``: the most urgent of the ticked red flags' **own** urgencies, read from the ``urgency`` column of
  ``data/symptoms.csv`` (each with the reference it comes from in ``urgency_references``): cauda equina signs and
  back pain after a serious accident are always ``"emergency"`` (NHS: call 999 or go to A&E), the other red flags
  ``"emergency"`` or ``"urgent"`` as their sources say; with no red flag ``"routine"``, whose message says the list
  is not complete (never reassurance);
* ``explanations``: the conditions of ``data/conditions.csv`` that at least one selected symptom supports, ranked
  by a transparent fit score, each with its reasons (the selected symptoms that support it or argue against it)
  and references.

The fit score adds, for every selected symptom, **+2** if the symptom is *typical* of the condition, **+1** if it
is *consistent* with it and **−2** if it argues *against* it (``data/symptom_links.csv``); a symptom with no link
says nothing about that condition. Red flags come first: a serious condition (emergency or urgent) that a
selected red flag supports is listed before everything else, whatever its score; the rest follow by score, ties
broken by the order of ``data/conditions.csv`` (commonest first).

This is pattern reasoning for teaching: it ignores how common each condition is (lesson 02's simulated cohort
adds base rates), it cannot examine anyone, and it is **not a diagnosis**. Anyone with a red flag needs care now.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from helpers.tables import load_from, load_table, split_multi
from helpers.vocabulary import EMERGENCY_CARE, SYMPTOM_GROUPS, URGENCIES, Relation, Urgency

#: Points a selected symptom adds to a condition's fit score, by relation.
RELATION_POINTS: Mapping[str, int] = MappingProxyType({"typical": 2, "consistent": 1, "against": -2})

NOT_A_DIAGNOSIS = (
    "Educational pattern reasoning, not a diagnosis: it cannot examine anyone and ignores how common each "
    "condition is. With any red flag, seek care now."
)

#: The course's one care wording for when no listed red flag applies. Lessons 00 and 02 show it in the red-flag box
#: (``helpers.callouts.red_flags_box``) and the symptom explorer shows it as its "routine" message: a short list
#: of red flags is never complete, so "no red flag" must never read as reassurance [nice_cks_sciatica].
CARE_REMINDER = (
    "No list of red flags is complete, and early on a serious problem can show few of them. Whatever the list "
    "says, symptoms that get worse, are severe or worry you need a clinician."
)

#: What each urgency means, in the sources' words: the NHS back-pain page ("call 999 or go to A&E"; "ask for an urgent
#: GP appointment or call 111") and NICE CKS ("clinical judgement should be used to decide how urgently to refer…
#: within a few days might be appropriate for suspected cancer") [nhs_back_pain; nice_cks_red_flags]. "Urgent" is
#: deliberately not "the same day" for every flag.
URGENCY_MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "emergency": f"Emergency: {EMERGENCY_CARE}. A ticked red flag can mean a problem that cannot wait: cauda "
        "equina syndrome (the nerves at the end of the spinal canal squeezed), a broken spine or an injured spinal "
        "cord after a serious accident, or a heart or blood-vessel problem behind chest pain.",
        "urgent": "Urgent: ask for an urgent appointment with a doctor now (in the UK, an urgent GP appointment or a "
        "call to NHS 111); do not wait to see whether it settles. These red flags can point to a serious cause (such "
        "as infection, cancer, a fracture or a nerve that is badly squeezed or getting worse). How soon you are seen "
        "is the clinician's judgement: the same day for some, within a few days for others, such as a suspected "
        "cancer.",
        "routine": "Routine: none of the listed red flags is ticked, which does not mean all is well. " + CARE_REMINDER,
    }
)
#: The references of the urgency wording above.
URGENCY_MESSAGE_REFERENCES: tuple[str, ...] = ("nhs_back_pain", "nice_cks_red_flags")


@dataclass(frozen=True)
class Symptom:
    """One symptom of ``data/symptoms.csv``."""

    id: str
    label: str
    group: str
    cauda_equina: bool
    description: str
    references: tuple[str, ...]
    urgency: Urgency = "routine"
    urgency_references: tuple[str, ...] = ()

    @property
    def red_flag(self) -> bool:
        return self.group == "red_flag"


@dataclass(frozen=True)
class Condition:
    """One explanation of ``data/conditions.csv``."""

    id: str
    label: str
    description: str
    share_text: str
    urgency: Urgency
    references: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """How one symptom bears on one condition (``data/symptom_links.csv``)."""

    symptom: str
    condition: str
    relation: Relation
    note: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Knowledge:
    """The three tables, loaded once and indexed for fast look-ups (read-only)."""

    symptoms: Mapping[str, Symptom]
    conditions: Mapping[str, Condition]
    links: Mapping[str, tuple[Link, ...]]  # by symptom id

    @property
    def symptom_ids(self) -> tuple[str, ...]:
        return tuple(self.symptoms)

    def ids_in_group(self, group: str) -> tuple[str, ...]:
        """Symptom ids of one group (``source_text``, ``clinical`` or ``red_flag``), in table order."""
        if group not in SYMPTOM_GROUPS:
            raise ValueError(f"group: {group!r} is not one of {', '.join(map(repr, SYMPTOM_GROUPS))}")
        return tuple(s.id for s in self.symptoms.values() if s.group == group)


@cache
def knowledge() -> Knowledge:
    """Load and index ``symptoms``, ``conditions`` and ``symptom_links`` of the course (validated; cached)."""
    return _index(load_table("symptoms"), load_table("conditions"), load_table("symptom_links"))


def load_knowledge(directory: Path | str) -> Knowledge:
    """Load and index the three tables from another folder (uncached): tests inject synthetic tables this way.

    Parameters
    ----------
    directory : path
        A folder holding ``symptoms.csv``, ``conditions.csv``, ``symptom_links.csv`` and ``references.csv`` in the
        course's formats; each is validated as the course's own tables are.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise ValueError(f"directory: {str(folder)!r} is not a folder")
    return _index(load_from(folder, "symptoms"), load_from(folder, "conditions"), load_from(folder, "symptom_links"))


def _tables(tables: Knowledge | None) -> Knowledge:
    if tables is None:
        return knowledge()
    if not isinstance(tables, Knowledge):
        raise ValueError(f"tables: a Knowledge (from load_knowledge) or None, got {type(tables).__name__}")
    return tables


def _index(sym: pd.DataFrame, cond: pd.DataFrame, links: pd.DataFrame) -> Knowledge:
    symptoms = {
        r.id: Symptom(
            r.id,
            r.label,
            r.group,
            r.cauda_equina == "yes",
            r.description,
            tuple(split_multi(r.references)),
            r.urgency,
            tuple(split_multi(r.urgency_references)) if pd.notna(r.urgency_references) else (),
        )
        for r in sym.itertuples(index=False)
    }
    conditions = {
        r.id: Condition(r.id, r.label, r.description, r.share_text, r.urgency, tuple(split_multi(r.references)))
        for r in cond.itertuples(index=False)
    }
    by_symptom: dict[str, list[Link]] = {s: [] for s in symptoms}
    for r in links.itertuples(index=False):
        by_symptom[r.symptom].append(Link(r.symptom, r.condition, r.relation, r.note, tuple(split_multi(r.references))))
    return Knowledge(
        MappingProxyType(symptoms),
        MappingProxyType(conditions),
        MappingProxyType({s: tuple(v) for s, v in by_symptom.items()}),
    )


@dataclass(frozen=True)
class Reason:
    """One selected symptom's bearing on an explanation."""

    symptom: str
    relation: Relation
    note: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    """A condition the selection points to, with its fit score and the reasons for it."""

    condition: str
    label: str
    score: int
    supporting: tuple[Reason, ...]
    against: tuple[Reason, ...]
    urgency: Urgency
    share_text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """The result of :func:`assess`.

    Attributes
    ----------
    symptoms : the selected ids, without duplicates, in the order of ``data/symptoms.csv``.
    red_flags : the red-flag ids among them (same order).
    urgency : the most urgent of the ticked red flags' own urgencies ("emergency" or "urgent", from the ``urgency``
        column of ``data/symptoms.csv``), or "routine" without a red flag.
    explanations : conditions that at least one selected symptom supports: serious conditions a red flag supports
        first, then best fit first.
    scores : every condition's fit score (points), in the order of ``data/conditions.csv``.
    uninformative : selected symptoms linked to no condition (they point to no cause).
    note : the reminder that this is educational reasoning, not a diagnosis.
    """

    symptoms: tuple[str, ...]
    red_flags: tuple[str, ...]
    urgency: Urgency
    explanations: tuple[Explanation, ...]
    scores: Mapping[str, int]
    uninformative: tuple[str, ...]
    note: str = NOT_A_DIAGNOSIS

    @property
    def message(self) -> str:
        """What the urgency means, in one or two plain sentences."""
        return URGENCY_MESSAGES[self.urgency]

    def to_frame(self, tables: Knowledge | None = None) -> pd.DataFrame:
        """The ranked explanations as a table (rank, condition, score, supported by, argued against by)."""
        kn = _tables(tables)
        rows = [
            {
                "rank": i,
                "explanation": e.label,
                "fit score (points)": e.score,
                "supported by": ", ".join(kn.symptoms[r.symptom].label for r in e.supporting),
                "argued against by": ", ".join(kn.symptoms[r.symptom].label for r in e.against) or "—",
                "how common": e.share_text,
                "urgency": e.urgency,
            }
            for i, e in enumerate(self.explanations, start=1)
        ]
        columns = [
            "rank",
            "explanation",
            "fit score (points)",
            "supported by",
            "argued against by",
            "how common",
            "urgency",
        ]
        return pd.DataFrame(rows, columns=columns).set_index("rank")


def validate_ids(symptom_ids: Iterable[str], tables: Knowledge | None = None) -> tuple[str, ...]:
    """Check a selection and return it without duplicates, in table order (``tables``: see :func:`assess`).

    Raises
    ------
    ValueError
        If ``symptom_ids`` is a single string, or names ids that are not in ``data/symptoms.csv`` (the message
        names them and lists the valid ids).
    """
    if isinstance(symptom_ids, str):
        raise ValueError(
            f"symptom_ids: expected a list of symptom ids, got the string {symptom_ids!r}; write [{symptom_ids!r}]"
        )
    try:
        chosen = set(symptom_ids)
    except TypeError:
        raise ValueError(f"symptom_ids: expected a list of symptom ids, got {type(symptom_ids).__name__}") from None
    kn = _tables(tables)
    unknown = sorted(str(s) for s in chosen if s not in kn.symptoms)
    if unknown:
        raise ValueError(
            f"symptom_ids: unknown symptom id(s) {unknown}; valid ids are those in data/symptoms.csv: "
            f"{', '.join(kn.symptoms)}"
        )
    return tuple(s for s in kn.symptoms if s in chosen)


def most_urgent(urgencies: Iterable[Urgency]) -> Urgency:
    """The most urgent of some urgencies ("emergency" > "urgent" > "routine"); "routine" for none."""
    rank = {u: i for i, u in enumerate(URGENCIES)}  # URGENCIES runs from most to least urgent
    return min(urgencies, key=rank.__getitem__, default="routine")


def urgency_of(symptom_ids: Iterable[str], tables: Knowledge | None = None) -> Urgency:
    """The triage rule alone: the most urgent of the selected red flags' own urgencies, else "routine"."""
    kn = _tables(tables)
    selected = validate_ids(symptom_ids, kn)
    return most_urgent(kn.symptoms[s].urgency for s in selected if kn.symptoms[s].red_flag)


@dataclass(frozen=True)
class RedFlag:
    """One red flag of ``data/symptoms.csv``, as every red-flag list of the course shows it.

    Attributes
    ----------
    id, label : the symptom's id and plain label.
    urgency : its own urgency, "emergency" or "urgent".
    urgency_text : what to do, the wording of :data:`URGENCY_MESSAGES` for that urgency.
    references : where its urgency comes from (``urgency_references``), then its other references.
    cauda_equina : whether it is a sign of cauda equina syndrome.
    urgency_references : the references of its urgency alone.
    """

    id: str
    label: str
    urgency: Urgency
    urgency_text: str
    references: tuple[str, ...]
    cauda_equina: bool
    urgency_references: tuple[str, ...]


def red_flag_list(tables: Knowledge | None = None) -> tuple[RedFlag, ...]:
    """Every red flag of ``data/symptoms.csv``, emergencies first, then in table order: the course's one red-flag
    list, from which the red box, the explorer's banner, lesson 02 and the instructor guide all read."""
    kn = _tables(tables)
    flags = [s for s in kn.symptoms.values() if s.red_flag]
    order = {u: i for i, u in enumerate(URGENCIES)}
    flags.sort(key=lambda s: order[s.urgency])  # stable: table order within each urgency
    return tuple(
        RedFlag(
            s.id,
            s.label,
            s.urgency,
            URGENCY_MESSAGES[s.urgency],
            tuple(dict.fromkeys((*s.urgency_references, *s.references))),
            s.cauda_equina,
            s.urgency_references,
        )
        for s in flags
    )


def red_flag_table(tables: Knowledge | None = None) -> pd.DataFrame:
    """The red-flag list as a table (red flag, urgency, sources), for lessons and the instructor guide."""
    rows = [
        {
            "red flag (with back or leg pain)": f.label,
            "urgency": f.urgency,
            "sources": "; ".join(f.urgency_references),
        }
        for f in red_flag_list(tables)
    ]
    return pd.DataFrame(rows, columns=["red flag (with back or leg pain)", "urgency", "sources"])


def emergency_sentence(tables: Knowledge | None = None) -> str:
    """One sentence naming every emergency red flag of the table and what to do (for disclaimers and front pages)."""
    items = [f.label[0].lower() + f.label[1:] for f in red_flag_list(tables) if f.urgency == "emergency"]
    listed = "; ".join(items)
    return f"With back or leg pain and any of these: {listed}, {EMERGENCY_CARE}."


def assess(symptom_ids: Iterable[str], tables: Knowledge | None = None) -> Assessment:
    """Triage a combination of symptoms and rank the explanations it fits (educational, not a diagnosis).

    Parameters
    ----------
    symptom_ids : iterable of str
        Ids from ``data/symptoms.csv`` (order and duplicates do not matter; empty is allowed).
    tables : Knowledge, optional
        The symptom, condition and link tables to reason with; ``None`` (the default) means the course's own
        (:func:`knowledge`). Tests pass synthetic tables from :func:`load_knowledge`.

    Returns
    -------
    Assessment
        Red flags present, urgency, ranked explanations with reasons and references, every condition's fit
        score (points: +2 typical, +1 consistent, −2 against, summed over the selected symptoms).

    Raises
    ------
    ValueError
        Naming any unknown id and pointing to the valid ids.
    """
    kn = _tables(tables)
    selected = validate_ids(symptom_ids, kn)
    red_flags = tuple(s for s in selected if kn.symptoms[s].red_flag)
    urgency = most_urgent(kn.symptoms[s].urgency for s in red_flags)
    scores = dict.fromkeys(kn.conditions, 0)
    support: dict[str, list[Reason]] = {c: [] for c in kn.conditions}
    against: dict[str, list[Reason]] = {c: [] for c in kn.conditions}
    uninformative = []
    for s in selected:
        links = kn.links[s]
        if not links:
            uninformative.append(s)
        for link in links:
            scores[link.condition] += RELATION_POINTS[link.relation]
            reason = Reason(s, link.relation, link.note, link.references)
            (against if link.relation == "against" else support)[link.condition].append(reason)
    order = {c: i for i, c in enumerate(kn.conditions)}

    def rank_key(c: str) -> tuple[int, int, int]:
        flagged = kn.conditions[c].urgency != "routine" and any(kn.symptoms[r.symptom].red_flag for r in support[c])
        return (0 if flagged else 1, -scores[c], order[c])

    ranked = sorted((c for c in kn.conditions if support[c]), key=rank_key)
    explanations = []
    for c in ranked:
        cond = kn.conditions[c]
        refs = [*cond.references, *(r for reason in support[c] + against[c] for r in reason.references)]
        explanations.append(
            Explanation(
                c,
                cond.label,
                scores[c],
                tuple(support[c]),
                tuple(against[c]),
                cond.urgency,
                cond.share_text,
                tuple(dict.fromkeys(refs)),
            )
        )
    return Assessment(selected, red_flags, urgency, tuple(explanations), MappingProxyType(scores), tuple(uninformative))


def summary(assessment: Assessment, tables: Knowledge | None = None) -> str:
    """One plain sentence describing an assessment (for screen readers and figure summaries)."""
    kn = _tables(tables)
    if not assessment.symptoms:
        return "Nothing is ticked, so no explanation is ranked and the urgency is routine."
    n = len(assessment.symptoms)
    parts = [f"{n} symptom{'s' if n != 1 else ''} ticked; urgency {assessment.urgency}"]
    if assessment.red_flags:
        flags = ", ".join(kn.symptoms[s].label.lower() for s in assessment.red_flags)
        parts[0] += f" because of the red flag{'s' if len(assessment.red_flags) != 1 else ''}: {flags}"
    if assessment.explanations:
        serious = [
            e.label
            for e in assessment.explanations
            if e.urgency != "routine" and any(kn.symptoms[r.symptom].red_flag for r in e.supporting)
        ]
        if serious:
            parts.append(f"to rule out first: {' and '.join(serious)}")
        best = max(assessment.explanations, key=lambda e: e.score)  # max keeps the first of equal scores
        parts.append(f"best fit: {best.label} ({best.score} points)")
    else:
        parts.append("none of the ticked symptoms points to any explanation")
    return "; ".join(parts) + "."
