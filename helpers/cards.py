"""The class's printable cards: the opening poll (asked again at the close) and the exit ticket, from one table.

:data:`CARDS` is the only place their words live: the instructor guide prints the exit ticket with its model
answers from it (:func:`exit_ticket_markdown`), and ``python -m helpers.tooling kit`` renders the printable page
(one card per question, cut along the dashed lines; the model answers are never on a student's card).
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.vocabulary import VERDICT_ORDER

KINDS: tuple[str, ...] = ("poll", "exit")


@dataclass(frozen=True)
class Card:
    """One printed question.

    Parameters
    ----------
    kind : ``"poll"`` (the opening poll, asked again at the close) or ``"exit"`` (the exit ticket).
    number : its number within its kind, from 1.
    question : the question as printed.
    choices : the answers to tick (empty: write the answer).
    answer : the model answer, for the guide only (never printed on the card).
    """

    kind: str
    number: int
    question: str
    choices: tuple[str, ...] = ()
    answer: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind: one of {list(KINDS)}, got {self.kind!r}")
        if self.number < 1:
            raise ValueError(f"number: 1 or more, got {self.number!r}")
        if not self.question.strip():
            raise ValueError("question: a non-empty question")


CARDS: tuple[Card, ...] = (
    Card(
        "poll",
        1,
        "A clinic says three in four of its patients improved by 12 weeks. Does that show the treatment works?",
        ("Yes", "No", "Can't tell"),
        "Can't tell: most people with sciatica improve over weeks without the treatment, so the clinic needs a "
        "comparison group (lesson 05).",
    ),
    Card(
        "exit",
        1,
        "A friend's leg pain fell from 7 to 3 during six weekly acupuncture sessions. Name two reasons it could "
        "have fallen even if the needles did nothing.",
        (),
        "Natural history: acute sciatica usually improves over weeks under usual care [koes2007]; regression to "
        "the mean: people start treatment when pain is at its worst, and the next score tends to be lower; "
        "expectation and the attention of care change how pain is reported. (Any two.)",
    ),
    Card(
        "exit",
        2,
        "What does a sham arm let a trial measure that a before-and-after study cannot?",
        (),
        "The specific effect: natural recovery, regression to the mean and expectation happen in both arms, so the "
        "difference between real and sham treatment is what the treatment itself adds [tu2024].",
    ),
    Card(
        "exit",
        3,
        "The clinic writes that acupuncture works by \u201cimproving local blood circulation\u201d. Supported, "
        "partly supported, untested or contradicted? Why?",
        tuple(VERDICT_ORDER),
        "Untested in the ledger: no study was found that measured blood flow in the affected tissue after real "
        "and sham needling and linked it to pain relief. Untested is not false; it means the page gives no way "
        "to know.",
    ),
)


def cards_of(kind: str, cards: tuple[Card, ...] = CARDS) -> tuple[Card, ...]:
    """The cards of one kind (``"poll"`` or ``"exit"``), by number."""
    if kind not in KINDS:
        raise ValueError(f"kind: one of {list(KINDS)}, got {kind!r}")
    return tuple(sorted((c for c in cards if c.kind == kind), key=lambda c: c.number))


def exit_ticket_markdown(cards: tuple[Card, ...] = CARDS) -> str:
    """The exit ticket for the guide: each question in italics, then its model answer."""
    lines = []
    for card in cards_of("exit", cards):
        choices = f" ({' / '.join(card.choices)})" if card.choices else ""
        lines.append(f"{card.number}. *{card.question}*{choices} — {card.answer}")
    return "\n".join(lines)
