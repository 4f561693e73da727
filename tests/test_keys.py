"""Keys between the tables, the restated figures marked, English beside every Japanese code,
and the small faults of the census fixed at their source."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from extract.check.readback import check_outputs
from extract.families.meti_deck.models import FOREIGN_KEYS, PRIMARY_KEYS
from extract.families.meti_deck.reconcile import foreign_keys_hold, measure_ids_match_items, restatements_marked
from extract.publish.files import sha256_of

OKU = 10**8


def test_primary_keys_are_unique_and_foreign_keys_resolve(tables):
    for name, key in PRIMARY_KEYS.items():
        assert tables[name][key].notna().all() and tables[name][key].is_unique, name
    for key in FOREIGN_KEYS:
        values = tables[key.table][key.column].dropna()
        assert set(values) <= set(tables[key.reference][PRIMARY_KEYS[key.reference]]), key
    assert foreign_keys_hold(tables) == []


def test_each_amount_of_a_measure_names_it(tables):
    amounts, measures = tables["amounts"], tables["measures"]
    linked = amounts.merge(measures, on="measure_id", suffixes=("", "_measure"))
    assert (linked["item_ja"] == linked["item_ja_measure"]).all()
    assert len(linked) == 51 - 1 - 4 - 5  # all but the project (p4), the package (p6), the minerals (p9)
    unlinked = amounts[amounts["measure_id"].isna()]
    assert sorted(unlinked["page"].unique()) == [4, 6, 9]  # a project, the package, the minerals
    assert measure_ids_match_items(tables) == []


def test_the_four_restated_figures_name_their_first_statement(tables):
    amounts = tables["amounts"].set_index("amount_id")
    restated = amounts[amounts["restates"].notna()]
    assert len(restated) == 4
    for _, row in restated.iterrows():
        first = amounts.loc[row["restates"]]
        assert (row["page"], first["page"]) == (8, 3)
        assert (row["item_ja"], row["stage"], row["amount"]) == (first["item_ja"], first["stage"], first["amount"])
    assert sorted(restated["amount"]) == [820_000_000, 30 * OKU, 40 * OKU, 85 * OKU]  # ８．２億円 …


def test_counting_each_figure_once(tables):
    """The README's sum: drop the rows where restates is set."""
    amounts = tables["amounts"]
    once = amounts[amounts.restates.isna()]
    keys = ["item_ja", "stage", "fiscal_year", "supplementary_round", "instrument_ja"]
    assert not once[keys].astype(str).duplicated().any(), "a figure counted twice"
    # page 8 restates 85億円, 40億円, 要望枠30億円 and ８．２億円 of page 3
    assert amounts["amount"].sum() - once["amount"].sum() == 8_500_000_000 + 4_000_000_000 + 3_000_000_000 + 820_000_000


def test_each_subsidy_names_its_amount(tables):
    cases = tables["recycling_cases"].merge(tables["amounts"], on="amount_id", suffixes=("", "_amount"))
    assert len(cases) == 5
    assert (cases["subsidy"] == cases["amount"]).all()
    assert (cases["mineral_ja"] == cases["item_ja"]).all()
    assert set(cases["element"]) <= set(tables["minerals"]["element"])


def _rewrite(folder, name, edit) -> None:
    """Edit a table in CSV and Parquet alike, and the manifest's hashes with them: a
    consistent edit that only a check of the keys can see."""
    import json

    frame = pd.read_parquet(folder / f"{name}.parquet")
    edit(frame)
    frame.to_parquet(folder / f"{name}.parquet", index=False)
    frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8-sig", lineterminator="\r\n")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for kind in ("csv", "parquet"):
        path = folder / f"{name}.{kind}"
        manifest["files"][path.name].update(sha256=sha256_of(path), bytes=path.stat().st_size)
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def _set(id_column: str, ident: str, column: str, value):
    """An edit: one cell of the row ``id_column == ident`` set to ``value``."""
    def edit(frame: pd.DataFrame) -> None:
        frame[column] = frame[column].where(frame[id_column] != ident, value)
    return edit


@pytest.mark.parametrize("name, edit, named", [
    ("amounts", _set("amount_id", "A03", "measure_id", "M99"), "[foreign_keys_hold]"),
    ("amounts", _set("amount_id", "A45", "restates", None), "[restatements_marked]"),
    ("amounts", _set("amount_id", "A01", "measure_id", "M02"), "[measure_ids_match_items]"),
    ("recycling_cases", _set("case_id", "R01", "amount_id", "A48"), "[recycling_subsidies_are_amounts]"),
])
def test_make_check_proves_the_keys(tmp_path, fresh_output, name, edit, named):
    copy = tmp_path / "copy"
    shutil.copytree(fresh_output, copy)
    _rewrite(copy, name, edit)
    failures = check_outputs(copy)
    assert any(named in failure for failure in failures), failures
    assert not any("files_match_manifest" in failure for failure in failures), failures


def test_restatement_check_names_the_row(tables):
    amounts = tables["amounts"].copy()
    amounts.loc[amounts["amount_id"] == "A01", "restates"] = "A02"
    (message,) = restatements_marked({**tables, "amounts": amounts})
    assert message.startswith("A01 has restates A02, expected no restates: 鉱物資源人材育成 request 1億円 (p3 l4")


# ------------------------------------------------------------------ English beside Japanese


def test_every_english_column_stands_beside_its_japanese_one(tables):
    for name, frame in tables.items():
        for column in frame.columns:
            if column.endswith("_en"):
                assert f"{column[:-3]}_ja" in frame.columns, (name, column)
        assert "name_en" not in frame.columns and "instrument" not in frame.columns
        assert "account" not in frame.columns


@pytest.mark.parametrize("name, column", [
    ("amounts", "instrument"), ("measures", "instrument"), ("measures", "account"), ("measures", "parent"),
    ("minerals", "class"), ("minerals", "mineral"), ("projects", "country"), ("recycling_cases", "mineral"),
    ("amounts", "item"), ("measures", "item"), ("projects", "project"),
])
def test_every_japanese_code_has_its_english(tables, name, column):
    frame = tables[name]
    given = frame[frame[f"{column}_ja"].notna()]
    assert not given.empty
    assert given[f"{column}_en"].notna().all(), given[[f"{column}_ja", f"{column}_en"]]
    assert frame[frame[f"{column}_ja"].isna()][f"{column}_en"].isna().all()


def test_english_is_in_sentence_case_everywhere(tables):
    for name, frame in tables.items():
        for column in (c for c in frame.columns if c.endswith("_en")):
            for value in frame[column].dropna():
                assert re.match(r"^[A-Z0-9]", value), (name, column, value)
    measures = tables["measures"].set_index("item_ja")
    assert measures.loc["JOGMEC出資・債務保証", "instrument_en"] == "Debt guarantees and equity investment"
    assert measures.loc["途上国におけるベースメタル資源基礎調査", "account_en"] == "Official development assistance"
    assert tables["minerals"].set_index("element").loc["Dy", "class_en"] == "Heavy rare earth"


def test_budget_phases_follow_the_fiscal_data_package(tables):
    expected = {"request": "proposed", "request_frame": "proposed", "budget": "approved",
                "supplementary": "adjusted", "investment": "executed", "fund_balance": None}
    for row in tables["amounts"].itertuples():
        phase = None if pd.isna(row.budget_phase) else row.budget_phase
        assert phase == expected[row.stage], (row.amount_id, row.stage, phase)


# ------------------------------------------------------------------ the census's small faults


def test_page_9_subsidies_are_amounts_in_the_census(tables):
    figures = tables["figures"]
    page9 = figures[(figures["page"] == 9) & (figures["held_by_table"] == "amounts")]
    assert len(page9) == 5
    assert (page9["kind"] == "amount").all()
    assert not ((figures["held_by_table"] == "amounts") & (figures["kind"] != "amount")).any()


def test_the_guarantee_funds_balance_stands_under_its_instrument(tables):
    amounts = tables["amounts"]
    (fund,) = amounts[amounts["stage"] == "fund_balance"].itertuples()
    assert (fund.item_ja, fund.instrument_ja, fund.instrument_en, fund.amount) == (
        "JOGMEC出資・債務保証", "債務保証", "Debt guarantees", 360 * OKU)
