"""One red-flag list, generated everywhere.

Every red flag lives in one table, ``data/symptoms.csv`` (with its own urgency and the reference for it). These
tests make two promises:

1. **No hand lists.** The notebooks' sources, the README, the exporter, the apps and the helpers that write
   course text never name several red flags in one passage by hand: a passage that mentions three or more distinct
   red flags is a hand list, and it fails (the generated outputs of notebooks are not scanned: they come from the
   table). A new copy would drift from the table, as the old one did (it missed foot drop, injecting drugs, pain
   at night, a first episode after 50 and long-term steroids, and under-triaged a serious accident).
2. **Every row on every surface.** Each red-flag row of the table appears on each generated surface: the red box,
   the explorer's banner, the red-flag table (lesson 02, the instructor guide), the emergency sentence (emergency
   rows), and the saved red box in every executed lesson and the guide's saved table.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pytest

from helpers import boxes, callouts
from helpers.apps.symptoms import SymptomExplorer
from helpers.paths import NOTEBOOKS_DIR
from helpers.symptoms import emergency_sentence, knowledge, red_flag_list, red_flag_table

ROOT = NOTEBOOKS_DIR.parent
FLAGS = red_flag_list()
LESSONS = sorted(p for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))

#: How a passage names each red flag (lower case). Three or more distinct flags in one passage = a hand list.
FLAG_WORDS: dict[str, str] = {
    "saddle_anaesthesia": r"saddle|genitals",
    "bladder_dysfunction": r"bladder|passing urine",
    "bowel_dysfunction": r"\bbowel",
    "sexual_dysfunction": r"sexual",
    "bilateral_leg_symptoms": r"both legs",
    "significant_trauma": r"serious accident|significant (fall|injury|trauma)",
    "chest_pain": r"chest pain",
    "progressive_weakness": r"weakness (that is )?getting worse|progressive (weakness|neurolog)",
    "fever": r"\bfever",
    "history_of_cancer": r"history of cancer",
    "unexplained_weight_loss": r"weight loss|losing weight",
    "minor_trauma_fragile_bones": r"fragile bones|osteoporosis",
    "immunosuppression": r"immune system|immunosuppress",
    "severe_weakness": r"foot drop",
    "iv_drug_use": r"injecting drugs|intravenous drug",
    "night_pain": r"at night or at rest",
    "age_over_50_new_pain": r"after (the age of )?50",
    "long_term_steroids": r"steroid",
    "back_lump_or_shape_change": r"lump or swelling|change (of|in) (its )?shape",
    "upper_back_pain": r"shoulder blades",
}
#: Passages that name several flags for another reason than listing them (file, words in the passage): why.
NOT_A_LIST = {
    ("instructor_guide.ipynb", "delay can leave lasting"): "the harms of a missed cauda equina syndrome",
}


def _flags_named(text: str) -> set[str]:
    low = text.lower()
    return {fid for fid, pattern in FLAG_WORDS.items() if re.search(pattern, low)}


def _passages() -> list[tuple[str, str]]:
    """(where, text) for every notebook cell source and every blank-line-separated passage of the scanned files."""
    out = []
    for nb in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text(encoding="utf-8"))["cells"]):
            out.append((f"{nb.name} cell {i}", "".join(cell["source"])))
    files = [ROOT / "README.md", *sorted((ROOT / "helpers").rglob("*.py"))]
    for path in files:
        if path.name == "symptoms.py" and path.parent.name == "helpers":
            continue  # the triage logic's docstrings describe the rule, not a list shown to anyone
        for j, passage in enumerate(re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))):
            out.append((f"{path.relative_to(ROOT)} passage {j}", passage))
    return out


def test_the_word_patterns_cover_every_red_flag_of_the_table() -> None:
    assert set(FLAG_WORDS) == {f.id for f in FLAGS}, "a new red flag needs its words here, so hand lists are caught"
    for flag in FLAGS:
        # each pattern recognises its own flag's label or description (so it would catch a hand copy)
        sym = knowledge().symptoms[flag.id]
        assert flag.id in _flags_named(f"{sym.label}. {sym.description}"), flag.id


def test_no_notebook_readme_exporter_or_app_lists_red_flags_by_hand() -> None:
    hand_lists = []
    for where, text in _passages():
        named = _flags_named(text)
        if len(named) < 3:
            continue
        if any(where.startswith(f) and words in text for (f, words) in NOT_A_LIST):
            continue
        hand_lists.append(f"{where}: names {sorted(named)}")
    assert not hand_lists, "red flags listed by hand (generate them from data/symptoms.csv):\n" + "\n".join(hand_lists)


def test_the_scanner_catches_a_hand_list() -> None:
    old_guide_line = (
        "If they mention numbness around the genitals or back passage, new trouble passing or holding urine, loss of "
        "bowel control, new sexual problems, or symptoms or weakness in both legs"
    )
    assert len(_flags_named(old_guide_line)) >= 3


# ---------------------------------------------------------------------------------------- every row, every surface
def test_every_red_flag_row_is_in_the_red_box_with_its_urgency() -> None:
    html = callouts.red_flags_box().data
    for urgency, heading in boxes.RED_BOX_HEADINGS.items():
        start = html.index(escape(heading))
        section = html[start : html.index("</ul>", start)]
        for f in FLAGS:
            assert (f'data-red-flag="{f.id}"' in section) == (f.urgency == urgency), (f.id, urgency)
            if f.urgency == urgency:
                assert escape(f.label) in section, f.id


def test_every_red_flag_row_shows_in_the_explorer_banner_when_ticked() -> None:
    app = SymptomExplorer(selected=[f.id for f in FLAGS])
    for f in FLAGS:
        assert f'data-red-flag="{f.id}"' in app.banner.value and escape(f.label) in app.banner.value, f.id
    for f in FLAGS:
        alone = SymptomExplorer(selected=[f.id])
        assert f"course-redflag-{f.urgency}" in alone.banner.value, f.id


def test_every_red_flag_row_is_in_the_table_and_every_emergency_in_the_sentence() -> None:
    table = red_flag_table()
    assert list(table.iloc[:, 0]) == [f.label for f in FLAGS]
    assert list(table["urgency"]) == [f.urgency for f in FLAGS]
    sentence = emergency_sentence()
    for f in FLAGS:
        assert (f.label[0].lower() + f.label[1:] in sentence) == (f.urgency == "emergency"), f.id


def _outputs(path: Path) -> str:
    doc = json.loads(path.read_text(encoding="utf-8"))
    chunks = []
    for cell in doc["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            chunks.append("".join(data.get("text/html", "")) + "".join(data.get("text/plain", "")))
    return "\n".join(chunks)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_executed_lesson_shows_every_red_flag_row(path: Path) -> None:
    saved = _outputs(path)
    for f in FLAGS:
        assert f'data-red-flag="{f.id}"' in saved, f"{path.name} was saved without the red flag {f.id}: re-execute it"


def test_the_guides_saved_red_flag_table_has_every_row() -> None:
    saved = _outputs(NOTEBOOKS_DIR / "instructor_guide.ipynb")
    for f in FLAGS:
        assert escape(f.label) in saved or f.label in saved, f.id
