"""The source text the course studies: an acupuncture clinic's patient-information page about sciatica.

The text is kept verbatim in ``data/source_text.txt``. This module splits it into its own sections (by the
page's headings) and renders exact, attributed quotations. It never changes a character of the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from helpers.datafile import read_text_file  # checked like the tables: encoding, emptiness
from helpers.paths import data_file

ATTRIBUTION = "an acupuncture clinic's patient-information page about sciatica"

#: (section id, heading as printed in the source). The opening paragraph has no heading of its own.
SECTION_HEADINGS: tuple[tuple[str, str], ...] = (
    ("definition", ""),
    ("signs_symptoms", "Accompanying signs & symptoms"),
    ("causes", "Possible Causes"),
    ("mechanisms", "Physiological Mechanisms"),
    ("treatment", "Treatment Modalities"),
    ("how_it_works", "How do Acupuncture & Chinese herbs work?"),
)

SECTION_TITLES: dict[str, str] = {
    "definition": "Opening definition",
    "signs_symptoms": "Accompanying signs & symptoms",
    "causes": "Possible Causes",
    "mechanisms": "Physiological Mechanisms",
    "treatment": "Treatment Modalities",
    "how_it_works": "How do Acupuncture & Chinese herbs work?",
}


@dataclass(frozen=True)
class Section:
    """One section of the source text: its id, its printed heading ("" for the opening) and its exact body."""

    id: str
    heading: str
    body: str

    @property
    def title(self) -> str:
        return SECTION_TITLES[self.id]

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(line for line in self.body.splitlines() if line.strip())


@lru_cache(maxsize=1)
def text() -> str:
    """Return the whole source text, exactly as stored."""
    return read_text_file(data_file("source_text.txt"))


@lru_cache(maxsize=1)
def sections() -> tuple[Section, ...]:
    """Split the source text into its sections by its own headings.

    Raises
    ------
    ValueError
        If a heading is missing, so a changed source file fails loudly.
    """
    lines = text().splitlines()
    starts: list[tuple[str, str, int]] = [("definition", "", 0)]
    for sec_id, heading in SECTION_HEADINGS[1:]:
        matches = [i for i, line in enumerate(lines) if line.strip() == heading]
        if len(matches) != 1:
            raise ValueError(f"source_text.txt: heading {heading!r} found {len(matches)} times (expected once)")
        starts.append((sec_id, heading, matches[0]))
    result = []
    for n, (sec_id, heading, start) in enumerate(starts):
        end = starts[n + 1][2] if n + 1 < len(starts) else len(lines)
        body_lines = lines[start + (1 if heading else 0) : end]
        result.append(Section(sec_id, heading, "\n".join(body_lines).strip("\n")))
    return tuple(result)


def section(section_id: str) -> Section:
    """Return one section by id.

    Parameters
    ----------
    section_id : str
        One of ``definition``, ``signs_symptoms``, ``causes``, ``mechanisms``, ``treatment``, ``how_it_works``.
    """
    for sec in sections():
        if sec.id == section_id:
            return sec
    valid = ", ".join(s for s, _ in SECTION_HEADINGS)
    raise ValueError(f"section_id: unknown section {section_id!r}; valid ids: {valid}")


def section_for_heading(heading: str) -> Section:
    """Return the section whose printed heading (or title, for the opening) is ``heading``."""
    for sec in sections():
        if heading in (sec.heading, sec.title):
            return sec
    raise ValueError(f"heading: {heading!r} is not a heading of the source text")


def normalise_space(value: str) -> str:
    """Collapse every run of white space (the source has a no-break space) into one plain space."""
    return " ".join(value.split())


def in_source(quote: str, section_id: str | None = None) -> bool:
    """True when ``quote`` appears in the source text (or in one section of it) word for word.

    Words and punctuation must match exactly; only the kind of white space between words is ignored (the source
    holds one no-break space, invisible on screen).
    """
    if not quote or not quote.strip():
        return False
    haystack = text() if section_id is None else section(section_id).body
    return normalise_space(quote) in normalise_space(haystack)


def quote_markdown(section_id: str, lines: tuple[str, ...] | None = None) -> str:
    """Markdown for an exact, attributed block quotation of a section (or of chosen lines of it).

    Parameters
    ----------
    section_id : str
        The section to quote.
    lines : tuple of str, optional
        Lines of that section to quote; each must appear in it verbatim. Default: the whole section.
    """
    sec = section(section_id)
    chosen = sec.lines if lines is None else lines
    for line in chosen:
        if line not in sec.body:
            raise ValueError(f"lines: {line!r} is not in section {section_id!r} of the source text")
    heading = f"> **{sec.heading}**\n>\n" if sec.heading else ""
    body = "\n>\n".join(f"> {_escape(line)}" for line in chosen)
    where = f"section “{sec.title}”"
    return f"{heading}{body}\n\n<small>Quoted verbatim from {ATTRIBUTION}, {where}.</small>"


def _escape(line: str) -> str:
    """Escape the few characters Markdown would reinterpret, without changing what the reader sees."""
    return line.replace("*", r"\*").replace("_", r"\_")
