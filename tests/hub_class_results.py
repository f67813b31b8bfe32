"""The class-results hub step, ready for ``tests/test_hub.py`` (the hub helper owns that file; the lead adds the test).

Two students share their claim check from their own kernels on the hub; the instructor's results notebook, executed
against the class folder exactly as ``python -m helpers.tooling class-results DIR`` does, says "too few students (2)".
Add to ``tests/test_hub.py``::

    from tests.hub_class_results import check_two_students_share

    def test_two_students_share_and_the_instructor_sees_too_few(
        hub: hs.Hub, class_dir: Path, lesson_runs: dict[str, dict], tmp_path: Path
    ) -> None:
        check_two_students_share(hub, class_dir, tmp_path, (A, B))
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: What a student's kernel runs when they press "Share my answers anonymously with my instructor".
SHARE_CODE = """
import json
from helpers import claim_check as cc, sharing
qs = cc.load_questions()
result = sharing.share_answers("before", {q.id: q.answer for q in qs})
print(json.dumps({"ok": result.ok, "message": result.message, "offered": sharing.sharing_offered()}))
"""


def check_two_students_share(hub: Any, class_dir: Path, out_dir: Path, students: tuple[str, str]) -> None:
    """Both ``students`` share from their kernels; each submission is anonymous; the notebook shows too few.

    ``hub`` is ``tests.hub_support.Hub`` (``hub.student(name).run(code) -> printed text``); ``class_dir`` is the
    folder the hub passes to every server as ``SCIATICA_CLASS_DIR``.
    """
    from helpers import sharing
    from helpers.tooling import class_results as class_tool

    sharing.make_class_folder(class_dir)  # mode 1733, as `python -m helpers.tooling class-folder DIR` makes it
    shared = {name: json.loads(hub.student(name).run(SHARE_CODE)) for name in students}
    assert all(s["ok"] and s["offered"] for s in shared.values()), shared
    files = sorted(class_dir.glob("claim-check-*.json"))
    assert len(files) == 2, [f.name for f in files]
    ids = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name in students:
            assert name not in text and name not in path.name, f"{path.name} names {name}"
        assert "/home" not in text and "\\\\" not in text, f"{path.name} holds a path"
        data = json.loads(text)
        assert tuple(sorted(data)) == sharing.SUBMISSION_KEYS
        ids.add(data["id"])
    assert len(ids) == 2, "each student has their own random id"
    done = class_tool.run(class_dir, out_dir / "class_results")
    cells = json.loads(done.notebook.read_text(encoding="utf-8"))["cells"]
    outputs = json.dumps([c.get("outputs", []) for c in cells if c["cell_type"] == "code"])
    assert "too few students (2)" in outputs.lower(), done.message
    assert "SIMULATED class" not in outputs, "the instructor sees the class folder, not the simulated class"
