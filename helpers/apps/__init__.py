"""Interactive apps: thin ipywidgets + plotly FigureWidget layers over the pure logic and figure builders.

Every app is a class with ``ui`` (the widget to display), ``controls`` (name -> widget) and ``figure`` (its
FigureWidget, or None). Tests drive an app headlessly by setting ``app.controls[name].value``.
"""

from helpers.apps.base import App

__all__ = ["App"]
