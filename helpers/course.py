"""The course map: the lessons in order, with their objectives and estimated times (used by 00_start_here,
the README table check and the build)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lesson:
    notebook: str
    title: str
    source_section: str
    objective: str
    minutes: int


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "00_start_here.ipynb",
        "Start here",
        "(course map)",
        "Use widgets and exercise checks; read the source text once, whole.",
        40,
    ),
    Lesson(
        "01_what_is_sciatica.ipynb",
        "What is sciatica?",
        "Opening definition",
        "Compare the clinic’s definition with the clinical one; trace the L4, L5 and S1 roots down the leg.",
        45,
    ),
    Lesson(
        "02_signs_and_symptoms.ipynb",
        "Signs and symptoms",
        "Accompanying signs & symptoms",
        "Explore symptom combinations with red-flag triage; use base rates in a simulated cohort.",
        80,
    ),
    Lesson(
        "03_possible_causes.ipynb",
        "Possible causes",
        "Possible Causes",
        "Test the “only 5 %” claim; read scan findings in people without pain; judge risk factors.",
        60,
    ),
    Lesson(
        "04_mechanisms.ipynb",
        "Mechanisms",
        "Physiological Mechanisms",
        "Weigh “muscle waste”, circulation and cortisol against nerve-root compression and inflammation.",
        55,
    ),
    Lesson(
        "05_recovery_curves.ipynb",
        "Recovery curves",
        "Treatment Modalities",
        "Simulate natural recovery; see why before-and-after stories mislead.",
        70,
    ),
    Lesson(
        "06_acupuncture_evidence.ipynb",
        "Acupuncture: the evidence",
        "How do Acupuncture & Chinese herbs work?",
        "Read a sham-controlled trial; size an effect against the minimal important change.",
        70,
    ),
    Lesson(
        "07_review.ipynb",
        "Review: the claims ledger",
        "(whole text)",
        "Classify every claim of the text; compare your claim-evaluation score before and after.",
        80,
    ),
)


def lesson_table_markdown(link_prefix: str = "") -> str:
    """The lesson table (Markdown, with links to each notebook).

    Parameters
    ----------
    link_prefix : str
        Prepended to each notebook name in the links: "" inside ``notebooks/``, "notebooks/" from the README.
    """
    rows = ["| Lesson | Source section | You will | Time |", "| --- | --- | --- | --- |"]
    for lesson in LESSONS:
        rows.append(
            f"| [{lesson.notebook[:2]} {lesson.title}]({link_prefix}{lesson.notebook}) | {lesson.source_section} | "
            f"{lesson.objective} | {lesson.minutes} min |"
        )
    return "\n".join(rows)
