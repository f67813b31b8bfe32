"""Helpers for the course "Sciatica: claims, evidence and recovery".

Three layers, with dependencies pointing one way (``tests/test_layers.py`` keeps their direction,
``tests/test_import_graph.py`` finds cycles):

* **pure logic** (numpy and pandas only, no widgets, no figures)

  - data: ``vocabulary`` (every word list and constant, declared once), ``schemas`` (one schema per table),
    ``tables`` (load and validate ``data/*.csv``), ``datafile`` (DataError, UTF-8 text), ``paths``,
    ``user_store`` (the student's own files),
    ``validation`` (argument checks), ``source`` (the clinic's text, verbatim), ``references``, ``glossary``,
    ``course`` (the lesson list);
  - lessons: ``anatomy`` (01), ``symptoms`` and ``cohort`` (02), ``causes`` (03), ``mechanisms`` (04),
    ``recovery`` and ``outcomes`` (05), ``trial`` (06), ``ledger`` (the claims ledger), ``sorter`` (the claim
    sorter of 07) and ``claim_check`` (the before/after claim check and its per-user answers file);
  - the class: ``sharing`` (a student's opt-in, anonymous submission) and ``class_results`` (the instructor's
    aggregate view, never below five students);

* **figures**: ``style`` (the course template, colours and display precision) and one ``*_figures`` module per
  logic module (``claim_review_figures`` draws lesson 07's sorter and claim check); builders return complete figures;
* **apps** (``helpers.apps``: thin ipywidgets + plotly FigureWidget classes), **exercises**
  (``helpers.exercises``, one module per lesson) and the HTML they show: ``boxes`` and ``callouts``.

Build tooling (``make execute``, ``make html``, ``make present``) lives apart in ``helpers.tooling``; course code
never imports it. Notebooks import from here and stay narrative.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
