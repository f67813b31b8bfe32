"""The base class of every interactive app, and the rule that keeps the figure on screen the one the app updates."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go


def figure_widgets(widget: Any) -> list[go.FigureWidget]:
    """Every plotly FigureWidget inside a widget tree (depth first, in display order)."""
    if isinstance(widget, go.FigureWidget):
        return [widget]
    found: list[go.FigureWidget] = []
    for child in getattr(widget, "children", ()) or ():
        found.extend(figure_widgets(child))
    return found


#: The CSS class every published app's ``ui`` carries; :data:`APP_CSS` applies inside it only.
APP_CLASS = "course-app"
#: Labels wrap onto more lines, never end in "…": ipywidgets draws a check box's or slider's description on one line
#: of fixed height with the overflow cut, which cut red-flag labels at 150 % and 200 % zoom and in a narrow
#: JupyterLab panel. The style travels with the app (an HTML widget), so it holds in JupyterLab and on a dashboard.
APP_CSS = f"""<style>
.{APP_CLASS} .widget-checkbox, .{APP_CLASS} .widget-inline-hbox.widget-checkbox {{
  height: auto !important; min-height: var(--jp-widgets-inline-height, 28px); align-items: flex-start; }}
.{APP_CLASS} .widget-checkbox label, .{APP_CLASS} .widget-label-basic, .{APP_CLASS} .widget-label-basic span,
.{APP_CLASS} .widget-label, .{APP_CLASS} .widget-toggle-button {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; line-height: 1.3 !important; overflow-wrap: anywhere; }}
.{APP_CLASS} .widget-checkbox input[type="checkbox"] {{ flex: none; margin-top: 0.2em; }}
.{APP_CLASS} .widget-toggle-buttons {{ flex-wrap: wrap; height: auto !important; }}
.{APP_CLASS} .widget-inline-hbox {{ height: auto !important; min-height: var(--jp-widgets-inline-height, 28px); }}
</style>"""


def publish_figure(figure: go.FigureWidget) -> go.FigureWidget:
    """Make the state a browser fetches for ``figure`` the complete figure as it is now, in place.

    A FigureWidget sends changes made after its construction (traces added, the course style applied, a control
    moved) as one-off messages; the state a browser asks for when it connects later is ``_widget_data`` and
    ``_widget_layout``, which plotly copies from the figure only at construction and when the widget itself is
    displayed, not when it is displayed inside a box. Voila runs the notebook before the page connects, so without
    this the page would show the figure as first constructed. The widget is *not* replaced: every handle an app
    keeps (traces, shapes) stays the one on screen.
    """
    figure._widget_layout = deepcopy(figure._layout_obj._props)
    figure._widget_data = deepcopy(figure._data)
    return figure


class App:
    """Common behaviour of the course's apps.

    Subclasses set ``title``, build ``controls``, ``figure`` and ``ui`` in ``__init__``, and update the figure
    inside ``figure.batch_update()`` when a control changes. They may keep handles to the figure's traces: the
    widgets an app builds are the widgets on screen, in JupyterLab and on a dashboard, because nothing replaces them
    (the figure-ownership rule; see :meth:`publish`).

    Displaying an app (making it the last expression of a cell) publishes its figures and shows ``ui``. Its
    plain-text fallback, which JupyterLab shows for a notebook opened before it is run, is a one-line invitation to
    run the cell instead of the FigureWidget's raw dict.
    """

    title: str = "Interactive app"
    ui: widgets.Widget
    controls: dict[str, widgets.Widget]
    figure: go.FigureWidget

    def publish(self) -> App:
        """Publish every figure inside ``ui`` in place (see :func:`publish_figure`) and return the app.

        The figure-ownership rule: the app owns its FigureWidgets from construction to the end; displaying (in
        JupyterLab or Voila) publishes their current state into those same widgets and never swaps one in.
        Publishing also gives ``ui`` the course's label style (:data:`APP_CSS`: labels wrap, never "…").
        """
        for figure in figure_widgets(self.ui):
            publish_figure(figure)
        self.ui.add_class(APP_CLASS)
        children = tuple(getattr(self.ui, "children", ()))
        if isinstance(self.ui, widgets.Box) and not any(getattr(c, "_course_css", False) for c in children):
            css = widgets.HTML(APP_CSS, layout=widgets.Layout(height="0px", margin="0", overflow="hidden"))
            css._course_css = True
            self.ui.children = (css, *children)
        return self

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        self.publish()
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
