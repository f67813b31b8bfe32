"""``python -m helpers.tooling class-folder`` and ``class-results``: the instructor's side of sharing."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from helpers import sharing
from helpers.claim_check import load_questions
from helpers.tooling import class_results as class_tool
from helpers.tooling.build import main


def _outputs(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return json.dumps([c.get("outputs", []) for c in nb["cells"] if c["cell_type"] == "code"])


def test_class_folder_makes_a_write_only_sticky_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["class-folder", str(tmp_path / "class")]) == 0
    assert stat.S_IMODE((tmp_path / "class").stat().st_mode) == 0o1733
    assert "drwx-wx-wt" in capsys.readouterr().out


def test_class_results_refuses_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["class-results", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "not an existing folder" in capsys.readouterr().err


@pytest.mark.timeout(300)
def test_class_results_executes_the_notebook_against_the_folder(tmp_path: Path) -> None:
    committed = class_tool.NOTEBOOK.read_bytes()
    folder = sharing.make_class_folder(tmp_path / "class")
    answers = {q.id: q.answer for q in load_questions()}
    for k in range(2):  # two students share: too few to show anything
        assert sharing.share_answers("before", answers, folder=folder, data_dir=tmp_path / f"s{k}").ok
    done = class_tool.run(folder, tmp_path / "out")
    assert done.notebook == tmp_path / "out" / "class_results.ipynb"
    text = _outputs(done.notebook)
    assert "too few students (2)" in text.lower() and "This class" in text
    assert "SIMULATED class" not in text, "the folder's results, not the simulated class"
    assert "error" not in [o.get("output_type") for c in json.loads(text) for o in c]
    assert class_tool.NOTEBOOK.read_bytes() == committed, "the committed notebook is never changed"
