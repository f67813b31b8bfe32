"""The triage rule of helpers.symptoms on synthetic tables injected through ``load_knowledge``.

The course's own table can only show the rule for the rows it happens to hold; these tables are built to make each
half of the rule decide the answer on its own:

* "a serious condition jumps the queue only when a ticked red flag supports it";
* "each red flag carries its own urgency, read from the table; the assessment takes the most urgent ticked one".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import boxes
from helpers.paths import DATA_DIR
from helpers.schemas import DataError
from helpers.symptoms import Knowledge, assess, emergency_sentence, load_knowledge, red_flag_list, urgency_of

SYMPTOMS_HEADER = "id,label,group,cauda_equina,description,references,urgency,urgency_references"
#: ache and stiffness fit the common condition best; flag_supports is a red flag that supports the serious one;
#: flag_alone is a red flag linked to no condition (like chest pain, whose causes lie outside the spine).
SYMPTOMS = {
    "ache": "Ache,clinical,no,An ache.,jensen2019,routine,",
    "stiffness": "Stiffness,clinical,no,Stiffness.,jensen2019,routine,",
    "flag_supports": "Flag that supports the serious condition,red_flag,no,A flag.,jensen2019,{supports},nhs_back_pain",
    "flag_alone": "Flag linked to nothing,red_flag,no,A flag.,jensen2019,{alone},nhs_back_pain",
}
CONDITIONS = (
    "id,label,description,share_text,share_low,share_high,urgency,references\n"
    "common,Common condition,Common.,common,,,routine,jensen2019\n"
    "serious,Serious condition,Serious.,rare,,,urgent,jensen2019\n"
)
LINKS = (
    "id,symptom,condition,relation,note,references\n"
    "ache.common,ache,common,typical,Fits.,jensen2019\n"
    "ache.serious,ache,serious,consistent,Fits a little.,jensen2019\n"
    "stiffness.common,stiffness,common,typical,Fits.,jensen2019\n"
    "flag_supports.serious,flag_supports,serious,consistent,Fits a little.,jensen2019\n"
)


def _tables(folder: Path, supports: str = "urgent", alone: str = "emergency", extra: str = "") -> Knowledge:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA_DIR / "references.csv", folder / "references.csv")
    rows = [f"{sid},{row.format(supports=supports, alone=alone)}" for sid, row in SYMPTOMS.items()]
    (folder / "symptoms.csv").write_text("\n".join([SYMPTOMS_HEADER, *rows, *([extra] if extra else [])]) + "\n")
    (folder / "conditions.csv").write_text(CONDITIONS)
    (folder / "symptom_links.csv").write_text(LINKS)
    return load_knowledge(folder)


@pytest.fixture
def tables(tmp_path: Path) -> Knowledge:
    return _tables(tmp_path / "synthetic")


def _order(ids: list[str], kn: Knowledge) -> list[str]:
    return [e.condition for e in assess(ids, kn).explanations]


# ------------------------------------------------------------------------------------------------ the queue
def test_without_a_red_flag_the_better_fit_comes_first(tables: Knowledge) -> None:
    a = assess(["ache", "stiffness"], tables)
    assert (a.scores["common"], a.scores["serious"]) == (4, 1)
    assert _order(["ache", "stiffness"], tables) == ["common", "serious"]


def test_a_ticked_red_flag_that_supports_the_serious_condition_puts_it_first_despite_a_lower_score(
    tables: Knowledge,
) -> None:
    a = assess(["ache", "stiffness", "flag_supports"], tables)
    assert a.scores["serious"] < a.scores["common"]
    assert _order(["ache", "stiffness", "flag_supports"], tables) == ["serious", "common"]


def test_a_ticked_red_flag_that_does_not_support_it_leaves_the_queue_alone(tables: Knowledge) -> None:
    a = assess(["ache", "stiffness", "flag_alone"], tables)
    assert a.urgency == "emergency" and a.red_flags == ("flag_alone",)
    assert _order(["ache", "stiffness", "flag_alone"], tables) == ["common", "serious"]


# ------------------------------------------------------------------------------------------------ own urgency
@pytest.mark.parametrize(
    ("supports", "alone"), [("urgent", "emergency"), ("emergency", "urgent"), ("urgent", "urgent")]
)
def test_each_flag_has_the_urgency_its_row_gives_and_the_most_urgent_wins(
    tmp_path: Path, supports: str, alone: str
) -> None:
    kn = _tables(tmp_path / f"{supports}-{alone}", supports, alone)
    assert assess(["flag_supports"], kn).urgency == supports
    assert urgency_of(["flag_alone"], kn) == alone
    both = "emergency" if "emergency" in (supports, alone) else "urgent"
    assert assess(["flag_supports", "flag_alone", "ache"], kn).urgency == both
    assert assess(["ache", "stiffness"], kn).urgency == "routine"


def test_the_list_box_and_sentence_follow_the_injected_table(tmp_path: Path) -> None:
    extra = "new_flag,A brand-new emergency flag,red_flag,no,New.,jensen2019,emergency,nhs_back_pain"
    kn = _tables(tmp_path / "extra", extra=extra)
    flags = red_flag_list(kn)
    assert [f.id for f in flags] == ["flag_alone", "new_flag", "flag_supports"]  # emergencies first, table order
    html = boxes.red_flag_box(kn)
    for f in flags:
        assert f'data-red-flag="{f.id}"' in html and f.label in html
    assert "a brand-new emergency flag" in emergency_sentence(kn)
    assert "flag that supports" not in emergency_sentence(kn).lower()  # urgent, so not in the emergency sentence


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("bad,Bad,red_flag,yes,CES.,jensen2019,urgent,nhs_back_pain", "cauda equina sign is always an emergency"),
        ("bad,Bad,red_flag,no,Flag.,jensen2019,routine,nhs_back_pain", "needs its own urgency"),
        ("bad,Bad,red_flag,no,Flag.,jensen2019,urgent,", "needs the reference"),
        ("bad,Bad,clinical,no,Sym.,jensen2019,urgent,", "only a red flag"),
    ],
)
def test_the_table_refuses_a_red_flag_without_its_own_cited_urgency(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        _tables(tmp_path / "bad", extra=row)


def test_tables_must_be_a_knowledge_or_none(tables: Knowledge) -> None:
    with pytest.raises(ValueError, match="tables"):
        assess(["ache"], tables="data")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="directory"):
        load_knowledge("/nonexistent/folder")
