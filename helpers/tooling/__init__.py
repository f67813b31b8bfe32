"""Build tooling, kept apart from the course: ``make execute``, ``make html`` and ``make present``.

* ``build``: re-execute notebooks in place from a clean kernel (and the command line, ``python -m helpers.tooling``);
* ``export``: the offline HTML copy (``build/html``), with its nbconvert template in ``templates/nbconvert``;
* ``dashboards``: the apps as Voila dashboards, with the Voila template in ``templates/jupyter``.

Course code (logic, figures, apps, exercises, notebooks) never imports this package; a test checks it.
"""

from pathlib import Path

TEMPLATES_DIR: Path = Path(__file__).resolve().parent / "templates"
