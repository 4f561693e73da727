"""`make check`: the written CSV and Parquet, read back as a consumer would, still hold."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import SOURCE
from extract.cli import main


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("readback") / "output"
    assert main([str(SOURCE), "--out", str(out)]) == 0
    return out


def test_check_passes_on_fresh_output(written, capsys):
    assert main(["check", str(written)]) == 0
    assert "every schema and reconciliation holds" in capsys.readouterr().out


def test_csv_and_parquet_hold_the_same_amounts(written):
    csv = pd.read_csv(written / "amounts.csv")
    parquet = pd.read_parquet(written / "amounts.parquet")
    assert csv["amount"].tolist() == parquet["amount"].tolist()
    assert csv["amount_text"].tolist() == parquet["amount_text"].tolist()
    assert csv["amount_text"].iloc[15] == "6０億円"  # written text survives the round trip


def test_package_total_reconciles_from_disk(written):
    amounts = pd.read_parquet(written / "amounts.parquet")
    package = amounts[amounts["page"] == 6].set_index("item_ja")["amount"]
    assert package.pop("レアアース等鉱物資源対策") == package.sum() == 1000 * 10**8


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_check_catches_a_figure_changed_on_disk(written, tmp_path, capsys, kind):
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in written.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    table = pd.read_parquet(copy / "amounts.parquet")
    table.loc[table["amount_text"] == "１２０億円", "amount"] = 125 * 10**8
    if kind == "csv":
        table.to_csv(copy / "amounts.csv", index=False)
    else:
        table.to_parquet(copy / "amounts.parquet", index=False)
    assert main(["check", str(copy)]) == 1
    err = capsys.readouterr().err
    assert f"{kind}: [fy2010_package_total]" in err
    assert "[csv_equals_parquet] amounts" in err


def test_check_on_a_folder_without_output_is_bad_input(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "run `make extract` first" in capsys.readouterr().err


def test_manifest_records_the_source_and_the_checks_passed(written):
    import json

    manifest = json.loads((written / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sources"][0]["sha256"] == (
        "d2ffd3badd0f43db46a23d5dde9d39429d13b8da029403b3b84cc39bfd530bcf")
    assert manifest["rows"]["amounts"] == 51
    assert "fy2010_package_total" in manifest["checks_passed"]["reconciliations"]
    assert "restated_figures_agree" in manifest["checks_passed"]["reconciliations"]
    assert len(manifest["checks_passed"]["schemas"]) == 7
