"""The instructor's view of what the class learned: anonymous claim-check results in aggregate."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import boxes, sharing, style
from helpers import class_results as logic
from helpers.apps.base import App, labelled
from helpers.class_results_figures import VIEWS, add_views, show_view


class ClassResults(App):
    """See what the class learned: scores before and after, each question and each key concept, in aggregate.

    Reads the anonymous submissions in the class folder (``$SCIATICA_CLASS_DIR``) when one is set, and otherwise
    shows a clearly labelled SIMULATED class. Nothing is shown for fewer than 5 students; no student's own row is
    ever shown.

    Parameters
    ----------
    folder : the class folder (default ``$SCIATICA_CLASS_DIR``; None and unset: the simulated class only).
    """

    title = "What the class learned (claim check, before and after)"

    def __init__(self, folder: Path | str | None = None) -> None:
        if folder is not None and not isinstance(folder, str | Path):
            raise ValueError(f"folder: expected a folder path (str or Path) or None, got {type(folder).__name__}")
        self.folder = Path(folder) if folder is not None else sharing.class_dir()
        classes = [("Simulated class (for practice)", "simulated")]
        if self.folder is not None:
            classes.insert(0, ("This class (the class folder)", "folder"))
        self.controls = {
            "view": labelled(
                widgets.Dropdown(options=[(title, key) for key, title in VIEWS.items()], value="scores"),
                "Show",
                width="520px",
            ),
            "class": labelled(widgets.Dropdown(options=classes, value=classes[0][1]), "Class", width="520px"),
        }
        self.refresh_button = widgets.Button(description="Read the class folder again", icon="refresh")
        self.refresh_button.layout = widgets.Layout(width="300px", display=None if self.folder else "none")
        self.banner = widgets.HTML()
        self.words = widgets.HTML()
        self.figure = go.FigureWidget()
        style.apply(self.figure, self.title, height=560)
        self._results = self._read()
        add_views(self.figure, self._results[0], "scores", self._label())
        style.finish(self.figure)
        self.controls["view"].observe(lambda _c: self.redraw(), names="value")
        self.controls["class"].observe(lambda _c: self.reload(), names="value")
        self.refresh_button.on_click(lambda _b: self.reload())
        self.ui = widgets.VBox(
            [
                self.banner,
                widgets.HBox([self.controls["view"], self.controls["class"]]),
                self.refresh_button,
                self.figure,
                self.words,
            ]
        )
        self._describe()

    # ----------------------------------------------------------------------------------------- state
    @property
    def simulated(self) -> bool:
        """True when the simulated class is shown."""
        return self.controls["class"].value == "simulated"

    @property
    def summary(self) -> logic.ClassSummary:
        """The summary shown (totals only)."""
        return self._results[0]

    def _label(self) -> str:
        return logic.SIMULATED_LABEL if self.simulated else ""

    def _read(self) -> tuple[logic.ClassSummary, str]:
        if self.simulated or self.folder is None:
            return logic.simulated_results(), ""
        found = logic.folder_results(self.folder)
        skipped = "; ".join(f"{s.name} ({s.reason})" for s in found.skipped)
        return found.summary, skipped

    # ----------------------------------------------------------------------------------------- actions
    def reload(self) -> None:
        """Read the chosen class again (the class folder may have new submissions) and redraw."""
        self._results = self._read()
        self.redraw()

    def redraw(self) -> None:
        """Draw the chosen view of the current results."""
        show_view(self.figure, self.summary, self.controls["view"].value, self._label())
        style.finish(self.figure)
        self._describe()

    def _describe(self) -> None:
        summary, skipped = self._results
        if self.simulated:
            self.banner.value = boxes.box(
                "simulated",
                "These are <b>simulated</b> students (a seeded model of ability, item difficulty and a learning "
                "effect), not a real class: use them to practise reading the results.",
                title="SIMULATED class",
                font_size=15,
            )
        else:
            self.banner.value = boxes.box(
                "note",
                escape(f"Anonymous submissions in the class folder. {summary.message}"),
                title="This class",
                font_size=15,
            )
        lines = [logic.gain_sentence(summary), *summary.notes]
        if summary.shown:
            flagged = summary.by_question[summary.by_question["flag"] != ""]
            lines += [f"Question {n}: {flag}." for n, flag in zip(flagged["number"], flagged["flag"], strict=True)]
        if skipped:
            lines.append(f"Files skipped: {skipped}.")
        lines += list(logic.CAVEATS)
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        self.words.value = f"<div style='font-size:16px;max-width:900px'><b>In words:</b><ul>{items}</ul></div>"
