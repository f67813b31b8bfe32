"""The work units `make test` hands to pytest-xdist workers (tests/xdist_groups.py)."""

from __future__ import annotations

from tests.xdist_groups import BROWSER_GROUP, VOILA_GROUP, work_unit


def test_a_notebooks_cells_stay_together() -> None:
    assert work_unit("notebooks/02_signs_and_symptoms.ipynb::Cell 0") == "notebooks/02_signs_and_symptoms.ipynb"
    assert work_unit("notebooks/02_signs_and_symptoms.ipynb::Cell 41") == "notebooks/02_signs_and_symptoms.ipynb"


def test_browser_files_form_two_units_jupyterlab_and_voila() -> None:
    assert work_unit("tests/test_browser_recovery.py::test_x") == BROWSER_GROUP
    assert work_unit("tests/test_browser_notebook7.py::test_x") == BROWSER_GROUP
    assert work_unit("tests/test_browser_present.py::test_y[dark]") == VOILA_GROUP
    assert work_unit("tests/test_a11y.py::test_y[dark]") == VOILA_GROUP


def test_other_tests_go_wherever_a_worker_is_free() -> None:
    assert work_unit("tests/test_trial.py::test_z") == "tests/test_trial.py::test_z"
    assert work_unit("tests/test_layers.py::test_layers_point_one_way") != BROWSER_GROUP


def test_make_bench_puts_each_junit_test_case_in_its_layer() -> None:
    """`make bench --only suite` reads junit classnames: a module ("tests.test_x") or a class in it."""
    from tests.bench.__main__ import suite_layer

    browser = "browser (JupyterLab, Voila, offline copy)"
    assert suite_layer("tests.test_browser_present", "") == browser
    assert suite_layer("tests.test_browser_present.TestSomething", "") == browser
    assert suite_layer("tests.test_recovery", "") == "unit, property, data, apps"
    assert suite_layer("tests.test_hub", "") == "real JupyterHub"
    assert suite_layer("notebooks.00_start_here.ipynb", "") == "notebooks under nbval"
