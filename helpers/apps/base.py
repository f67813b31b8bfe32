"""The base class of every interactive app."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go


class App:
    """Common behaviour of the course's apps.

    Subclasses set ``title``, build ``controls``, ``figure`` and ``ui`` in ``__init__``, and update the figure
    inside ``figure.batch_update()`` when a control changes.

    Displaying an app (making it the last expression of a cell) shows ``ui``. Its plain-text fallback, which
    JupyterLab shows for a notebook opened before it is run, is a one-line invitation to run the cell instead
    of the FigureWidget's raw dict.
    """

    title: str = "Interactive app"
    ui: widgets.Widget
    controls: dict[str, widgets.Widget]
    figure: go.FigureWidget | None = None

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.ui._repr_mimebundle_(include=include, exclude=exclude)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data)
        data["text/plain"] = f"▶ {self.title}: run this cell in JupyterLab to use the interactive app."
        return data

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.title}; controls: {', '.join(self.controls)}>"


def labelled(widget: widgets.Widget, description: str, width: str = "420px") -> widgets.Widget:
    """Give a control a readable description and width (large enough for a projector)."""
    widget.description = description
    widget.style = {"description_width": "initial"}
    widget.layout = widgets.Layout(width=width)
    return widget
