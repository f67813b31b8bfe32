"""Helpers for the course "Sciatica: claims, evidence and recovery".

Three layers, with dependencies pointing one way:

* pure logic (``tables``, ``source``, ``references``, ``symptoms``, ``recovery``, ``trial``): numpy and pandas only;
* figures (``style`` and the ``*_figures`` modules): data in, plotly figures out;
* apps (``helpers.apps``) and exercises (``helpers.exercises``): thin ipywidgets layers on top; the coloured
  HTML boxes they and ``callouts`` show come from ``boxes``.

Build tooling (``make execute``, ``make html``, ``make present``) lives apart in ``helpers.tooling``; course code
never imports it. Notebooks import from here and stay narrative.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
