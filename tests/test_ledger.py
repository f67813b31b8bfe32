"""The claims ledger (data/claims.csv): schema, damaged copies fail naming file/row/column, coverage of the
source's sections, references that resolve and are confirmed; and the pure logic in helpers.ledger."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ledger as logic
from helpers import source
from helpers.ledger_figures import verdict_mix_figure
from helpers.paths import DATA_DIR
from helpers.schemas import CLAIMS, IHC_CONCEPTS, VERDICTS
from helpers.tables import DataError, load_from, load_table, split_multi
from tests.table_copies import read_rows, write_copy

HEADER = ["id", "section", "quote", "claim_type", "verdict", "evidence", "references", "concept"]


def _rows() -> list[dict[str, str]]:
    return read_rows("claims")


def _write_damaged(tmp_path: Path, rows: list[dict[str, str]], header: list[str] = HEADER) -> Path:
    return write_copy(tmp_path, "claims", rows, header)


def test_header_is_exactly_the_agreed_columns() -> None:
    assert [c.name for c in CLAIMS.columns] == HEADER
    with (DATA_DIR / "claims.csv").open(encoding="utf-8") as fh:
        assert fh.readline().strip() == ",".join(HEADER)


def test_ledger_loads_with_25_to_40_claims() -> None:
    table = load_table("claims")
    assert 25 <= len(table) <= 40
    assert set(table["verdict"]) <= VERDICTS
    assert set(table["concept"]) <= set(IHC_CONCEPTS)
    assert table["evidence"].str.len().min() > 40, "evidence must be one to three real sentences"


def test_every_quote_is_verbatim_and_in_its_own_section() -> None:
    for row in load_table("claims").itertuples():
        sec = source.section_for_heading(row.section)
        assert source.in_source(row.quote, sec.id), row.id


def test_every_section_of_the_source_has_claims() -> None:
    table = load_table("claims")
    assert set(table["section"]) == set(source.SECTION_TITLES.values())


def test_every_cited_reference_is_confirmed() -> None:
    refs = load_table("references").set_index("id")
    cited = {i for cell in load_table("claims")["references"] for i in split_multi(cell)}
    assert cited <= set(refs.index)
    assert set(refs.loc[sorted(cited), "confirmed"]) <= {"yes", "partly"}
    assert "clinic_text" not in cited, "a claim cannot be evidence for itself"


def test_key_verdicts_follow_the_evidence_brief() -> None:
    table = load_table("claims").set_index("id")
    assert table.loc["cau06", "verdict"] == "contradicted"  # "only 5 %" vs 85-90 %
    assert "85" in table.loc["cau06", "evidence"] and "90" in table.loc["cau06", "evidence"]
    assert table.loc["def03", "verdict"] == "contradicted"  # mostly deep muscle spasm
    assert table.loc["mec07", "verdict"] == "contradicted"  # muscle waste
    assert table.loc["mec03", "verdict"] == "partly supported"  # co-existing abnormalities
    assert table.loc["tre02", "verdict"] == "untested"  # once a week for 5-7 weeks
    assert table.loc["mec08", "verdict"] == "partly supported"  # cortisol: general physiology, not sciatica


def test_issue_11_verdicts_and_evidence_agree() -> None:
    table = load_table("claims").set_index("id")
    # one consistent verdict for the claims that rest on the occupational cohorts (exhaustion never measured)
    for claim_id in ("cau02", "cau03", "mec04"):
        row = table.loc[claim_id]
        assert row["verdict"] == "untested", claim_id
        assert "never exhaustion or fatigue" in row["evidence"] and "0.48" in row["evidence"], claim_id
        assert {"euro2018", "euro2019"} <= set(split_multi(row["references"])), claim_id
    assert table.loc["cau05", "verdict"] == "partly supported"
    assert "compresses and inflames a nerve root" in table.loc["cau05", "evidence"]
    assert "def02" in table.loc["mec01", "evidence"] and "nerve root" in table.loc["mec01", "evidence"]
    assert (
        "general physiology" in table.loc["mec08", "evidence"]
        and "not been shown for sciatica" in (table.loc["mec08", "evidence"])
    )
    assert "burning" in table.loc["mec06", "evidence"].lower() and "hasvik2022" in table.loc["mec06", "references"]
    assert "walburn2009" in table.loc["mec09", "references"] and "gouin2011" not in table.loc["mec09", "references"]
    assert "Cortisol-like drugs" not in table.loc["mec09", "evidence"]


def test_issue_11_missing_claims_are_in_the_ledger() -> None:
    table = load_table("claims").set_index("id")
    rest = table.loc["mec11"]
    assert rest["quote"] == "cumulative physical exhaustion and without proper rest"
    # lack of rest as a cause was never studied; Vroomen 1999 tested bed rest as a treatment (content round 3)
    assert rest["verdict"] == "untested" and "vroomen1999" in split_multi(rest["references"])
    assert "bed rest" in rest["evidence"] and "stay active" in rest["evidence"]
    assert "has not been studied" in rest["evidence"] and "as a treatment" in rest["evidence"]
    pressure = table.loc["mec10"]
    assert pressure["quote"] == "Although sciatica pain has been correlated with pressure on the sciatic nerve"
    assert pressure["verdict"] == "partly supported" and "nerve root" in pressure["evidence"]
    for row in (rest, pressure):
        assert source.in_source(row["quote"], source.section_for_heading(row["section"]).id)


def test_issue_11_citations_are_corrected() -> None:
    refs = load_table("references").set_index("id")
    assert refs.loc["kamper2010", "doi"] == "10.1007/s00586-010-1366-1"
    assert refs.loc["walburn2009", "venue"] == "J Psychosom Res 67:253-271"
    assert refs.loc["euro2019", "doi"] == "10.1038/s41598-019-42597-w"
    assert refs.loc["ogollah_trajectories", "confirmed"] == "partly"  # the journal is still not confirmed


# ------------------------------------------------------------------------------------- damaged copies
def _damage(rows: list[dict[str, str]], index: int, column: str, value: str) -> list[dict[str, str]]:
    changed = [dict(r) for r in rows]
    changed[index][column] = value
    return changed


@pytest.mark.parametrize(
    ("column", "value", "needle"),
    [
        ("verdict", "probably true", "not allowed"),
        ("quote", "", "empty value"),
        ("quote", "Sciatica is always caused by muscles", "not in the source text"),
        ("quote", "Specialty Acupuncture", "not in the section"),  # real words, wrong section
        ("references", "koes2007;nobody2099", "does not resolve"),
        ("concept", "whatever seems right", "not allowed"),
        ("claim_type", "opinion", "not allowed"),
    ],
)
def test_a_damaged_cell_fails_naming_file_row_and_column(tmp_path: Path, column: str, value: str, needle: str) -> None:
    rows = _rows()
    folder = _write_damaged(tmp_path, _damage(rows, 4, column, value))
    with pytest.raises(DataError) as info:
        load_from(folder, "claims")
    err = info.value
    assert err.path.name == "claims.csv" and err.row == 5 and err.column == column
    assert needle in str(err) and "claims.csv" in str(err) and "row 5" in str(err)


def test_a_duplicate_id_fails(tmp_path: Path) -> None:
    rows = _rows()
    folder = _write_damaged(tmp_path, _damage(rows, 7, "id", rows[2]["id"]))
    with pytest.raises(DataError) as info:
        load_from(folder, "claims")
    assert info.value.row == 8 and info.value.column == "id" and "duplicate" in str(info.value)


def test_a_missing_column_fails(tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "concept"]
    folder = _write_damaged(tmp_path, _rows(), header)
    with pytest.raises(DataError) as info:
        load_from(folder, "claims")
    assert info.value.column == "concept" and "missing column" in str(info.value)


def test_the_undamaged_copy_loads(tmp_path: Path) -> None:
    folder = _write_damaged(tmp_path, _rows())
    assert len(load_from(folder, "claims")) == len(_rows())


# ------------------------------------------------------------------------------------- pure logic
def test_verdict_counts_cover_every_section_and_verdict_and_add_up() -> None:
    table = logic.load_claims()
    counts = logic.verdict_counts(table)
    assert list(counts.index) == list(logic.SECTION_ORDER)
    assert list(counts.columns) == list(logic.VERDICT_ORDER)
    assert int(counts.to_numpy().sum()) == len(table)
    shares = logic.verdict_shares(table)
    assert shares.sum(axis=1).round(9).eq(1).all()


def test_filter_claims_by_section_id_or_title_and_verdict() -> None:
    table = logic.load_claims()
    by_id = logic.filter_claims(table, section="causes")
    by_title = logic.filter_claims(table, section="Possible Causes")
    assert by_id.equals(by_title) and len(by_id) >= 5
    contradicted = logic.filter_claims(table, verdict="contradicted")
    assert set(contradicted["verdict"]) == {"contradicted"}
    assert len(logic.filter_claims(table, section="All", verdict="All")) == len(table)


@pytest.mark.parametrize(
    ("kwargs", "argument"), [({"section": "Causes!"}, "section"), ({"verdict": "maybe"}, "verdict")]
)
def test_filter_claims_rejects_unknown_values_naming_the_argument(kwargs: dict[str, str], argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        logic.filter_claims(logic.load_claims(), **kwargs)


def test_claim_card_writes_out_full_references() -> None:
    card = logic.claim_card(logic.load_claims(), "cau06")
    assert card.verdict == "contradicted" and card.quote == "(only 5 % of the cases)"
    assert len(card.references) == len(card.reference_ids) >= 2
    assert any("Koes" in text for text in card.references)
    with pytest.raises(ValueError, match="claim_id"):
        logic.claim_card(logic.load_claims(), "nope")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(logic.SECTION_ORDER), st.sampled_from(logic.VERDICT_ORDER)), max_size=60))
def test_count_matrix_agrees_with_the_pandas_crosstab(pairs: list[tuple[str, str]]) -> None:
    matrix = logic.count_matrix(pairs)
    frame = pd.DataFrame(pairs, columns=["section", "verdict"])
    expected = logic.verdict_counts(frame)
    for v, verdict in enumerate(logic.VERDICT_ORDER):
        assert matrix[v] == expected[verdict].tolist()
    assert sum(map(sum, matrix)) == len(pairs)


def test_claim_label_is_short_and_validates_width() -> None:
    label = logic.claim_label("x1", "word " * 40, width=30)
    assert label.startswith("x1: “") and len(label) < 45
    with pytest.raises(ValueError, match="width"):
        logic.claim_label("x1", "q", width=3)


def test_verdict_mix_figure_has_one_trace_per_verdict_in_its_colour() -> None:
    fig = verdict_mix_figure(logic.verdict_counts(logic.load_claims()))
    assert [t.name for t in fig.data] == list(logic.VERDICT_ORDER)
    assert fig.layout.barmode == "stack" and fig.layout.title.text
    assert "count" in fig.layout.xaxis.title.text
    assert sum(sum(t.x) for t in fig.data) == len(logic.load_claims())
    with pytest.raises(ValueError, match="counts"):
        verdict_mix_figure(pd.DataFrame({"supported": [1]}))
