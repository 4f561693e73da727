"""``extract check`` proves a folder ``extract figures`` wrote: the deck's manifest shape,
the CSV with its byte-order mark, every file's hash, CSV = Parquet, and each figure tied to
its own text; every tamper is a one-line finding (exit 1) or a refused manifest (exit 2)."""

from __future__ import annotations

import codecs
import hashlib
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import SOURCE
from extract.cli.main import main

CSV, PARQUET, MANIFEST = "figures.csv", "figures.parquet", "manifest.json"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("figures") / "out"
    assert main(["figures", str(SOURCE), "--out", str(out)]) == 0
    return out


@pytest.fixture
def folder(tmp_path, written) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(written, copy)
    return copy


def check(capsys, folder: Path) -> tuple[int, str]:
    code = main(["check", str(folder)])
    captured = capsys.readouterr()
    assert "internal error" not in captured.err and "Traceback" not in captured.err, captured.err
    return code, captured.err


def rehash(folder: Path) -> None:
    """A forger's last step: the manifest's sha256 and sizes made to match the files."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for name, entry in manifest["files"].items():
        data = (folder / name).read_bytes()
        entry.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def edit_manifest(folder: Path, change) -> None:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    change(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_a_figures_folder_has_the_decks_manifest_shape_a_bom_and_check_proves_it(capsys, folder):
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert {"tool", "sources", "rows", "checks_passed", "files"} <= set(manifest)
    assert manifest["command"] == "figures" and set(manifest["files"]) == {
        CSV, PARQUET, "datapackage.json", "glyph_repairs.csv", "glyph_repairs.parquet", "tables.xlsx"}
    assert (folder / CSV).read_bytes().startswith(codecs.BOM_UTF8)
    assert check(capsys, folder) == (0, "")


def test_a_data_package_declaring_other_types_is_a_finding_though_hashed_anew(capsys, folder):
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = package["resources"][0]["schema"]["fields"]
    next(f for f in fields if f["name"] == "page")["type"] = "string"
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    rehash(folder)
    code, error = check(capsys, folder)
    assert code == 1 and "[datapackage_matches]" in error


def _forge_first_amount(folder: Path) -> tuple[str, str]:
    """Change one amount's value in the Parquet and the CSV alike; returns (old, new)."""
    table = pq.read_table(folder / PARQUET)
    rows = table.to_pylist()
    index = next(i for i, row in enumerate(rows) if row["kind"] == "amount" and not row["unit_from_header"]
                 and row["value"] not in (None, "0"))
    old = rows[index]["value"]
    new = str(int(old) * 2 + 1) if old.lstrip("-").isdigit() else old + "1"
    rows[index]["value"] = new
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), folder / PARQUET)
    lines = (folder / CSV).read_bytes().decode("utf-8-sig").split("\r\n")
    cells = lines[index + 1].split(",")
    position = cells.index(old)
    cells[position] = new
    lines[index + 1] = ",".join(cells)
    (folder / CSV).write_bytes(codecs.BOM_UTF8 + "\r\n".join(lines).encode("utf-8"))
    return old, new


def test_a_consistent_forgery_of_an_amount_is_caught_by_its_own_text(capsys, folder):
    old, new = _forge_first_amount(folder)
    rehash(folder)
    code, err = check(capsys, folder)
    assert code == 1 and "[value_matches_text]" in err and new in err, err


EDITS = {
    "note appended": lambda text: text + "my note, checked by hand\r\n",
    "blank row": lambda text: text + "\r\n",
    "column renamed": lambda text: text.replace("value", "amount", 1),
    "column dropped": lambda text: "\r\n".join(line.rpartition(",")[0] for line in text.split("\r\n")),
    "emptied": lambda text: "",
}


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("hashes", ["stale", "updated"])
def test_each_simple_edit_of_the_csv_is_a_finding_never_an_internal_error(capsys, folder, edit, hashes):
    path = folder / CSV
    text = path.read_bytes().decode("utf-8-sig")
    path.write_bytes(codecs.BOM_UTF8 + EDITS[edit](text).encode("utf-8"))
    if hashes == "updated":
        rehash(folder)
    code, err = check(capsys, folder)
    assert code == 1, err
    if hashes == "stale":
        assert err.count("\n") == 2 and "[files_match_manifest] figures.csv" in err, err


def test_a_parquet_emptied_with_hashes_updated_is_a_finding(capsys, folder):
    table = pq.read_table(folder / PARQUET)
    pq.write_table(table.slice(0, 0), folder / PARQUET)
    rehash(folder)
    code, err = check(capsys, folder)
    assert code == 1 and "rows" in err, err


def test_a_csv_without_its_byte_order_mark_is_a_finding(capsys, folder):
    path = folder / CSV
    path.write_bytes(path.read_bytes()[len(codecs.BOM_UTF8):])
    rehash(folder)
    code, err = check(capsys, folder)
    assert code == 1 and "byte-order mark" in err, err


@pytest.mark.parametrize("change, why", [
    (lambda m: m.update(tool="someone-else 2.0"), "its tool is"),
    (lambda m: m.update(checks_passed={}), "checks_passed"),
    (lambda m: m.update(checks_passed={"schemas": [], "reconciliations": []}), "checks_passed"),
    (lambda m: m["files"].update({"extra.csv": dict(m["files"][CSV])}), "does not list exactly"),
])
def test_a_manifest_of_another_tool_with_no_checks_or_an_extra_file_is_refused(capsys, folder, change, why):
    edit_manifest(folder, change)
    code, err = check(capsys, folder)
    assert code == 2 and why in err and err.count("\n") == 1, err


# ---------------------------------------------------------------- --kind


def test_kind_writes_only_those_rows_and_says_what_each_source_gave(tmp_path, capsys, written):
    out = tmp_path / "amounts"
    assert main(["figures", str(SOURCE), "--out", str(out), "--kind", "amount", "--kind", "percent"]) == 0
    err = capsys.readouterr().err
    every = pa.Table.to_pylist(pq.read_table(written / PARQUET))
    kept = pa.Table.to_pylist(pq.read_table(out / PARQUET))
    assert kept == [row for row in every if row["kind"] in ("amount", "percent")] and kept
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["kinds"] == ["amount", "percent"] and manifest["rows"]["figures"] == len(kept)
    amounts = sum(row["kind"] == "amount" for row in kept)
    assert f"{SOURCE.name}: {len(kept):,} figure(s) (amount {amounts:,}" in err
    assert check(capsys, out)[0] == 0


def test_every_run_says_its_rows_by_kind_on_stderr(capsys, written, tmp_path):
    assert main(["figures", str(SOURCE), "--out", str(tmp_path / "all")]) == 0
    err = capsys.readouterr().err
    every = pa.Table.to_pylist(pq.read_table(written / PARQUET))
    from_header = sum(bool(row["unit_from_header"]) for row in every)
    assert f"{SOURCE.name}: {len(every):,} figure(s) (" in err
    assert f"; {from_header:,} in a table header's unit" in err
    assert "kinds" not in json.loads((written / MANIFEST).read_text(encoding="utf-8"))  # all kinds kept


def test_a_row_of_a_kind_the_run_did_not_keep_is_a_finding(tmp_path, capsys):
    out = tmp_path / "amounts"
    assert main(["figures", str(SOURCE), "--out", str(out), "--kind", "amount"]) == 0
    edit_manifest(out, lambda manifest: manifest.update(kinds=["date"]))
    rehash(out)
    code, err = check(capsys, out)
    assert code == 1
    assert "[rows_match_manifest] figures row 1: kind 'amount' is not among the kinds written (date)" in err
    edit_manifest(out, lambda manifest: manifest.update(kinds=["money"]))
    assert check(capsys, out)[0] == 2


def test_the_workbook_holds_every_figure_exactly_after_a_readme(folder):
    """tables.xlsx: README, figures, glyph_repairs; each value the Parquet's exactly (a number
    where Excel keeps it exactly)."""
    from openpyxl import load_workbook

    workbook = load_workbook(folder / "tables.xlsx", read_only=True)
    assert workbook.sheetnames == ["README", "figures", "glyph_repairs"]
    sheet = list(workbook["figures"].iter_rows(values_only=True))
    workbook.close()
    rows = pq.read_table(folder / PARQUET).to_pylist()
    assert list(sheet[0]) == list(rows[0]) and len(sheet) == len(rows) + 1
    amounts = [(cells[4], row["value"]) for cells, row in zip(sheet[1:], rows, strict=True) if row["kind"] == "amount"]
    assert amounts and all(isinstance(got, int) and str(got) == want for got, want in amounts if "." not in want)


def test_a_workbook_cell_unlike_the_parquet_is_a_finding_though_hashed_anew(capsys, folder):
    from openpyxl import load_workbook

    workbook = load_workbook(folder / "tables.xlsx")
    sheet = workbook["figures"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == "amount")
    row[4].value = row[4].value + 1
    workbook.save(folder / "tables.xlsx")
    rehash(folder)
    code, error = check(capsys, folder)
    assert code == 1 and "[workbook_equals_parquet] figures row" in error and " value:" in error


def test_a_long_table_goes_on_in_a_second_sheet(tmp_path, capsys, monkeypatch):
    from extract.census import workbook

    monkeypatch.setattr(workbook, "SHEET_ROWS", 5)
    out = tmp_path / "out"
    assert main(["figures", str(SOURCE), "--out", str(out)]) == 0
    rows = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["rows"]["figures"]
    from openpyxl import load_workbook

    names = load_workbook(out / "tables.xlsx", read_only=True).sheetnames
    assert names == ["README", "figures", *(f"figures_{n}" for n in range(2, -(-rows // 5) + 1)), "glyph_repairs"]
    capsys.readouterr()
    assert check(capsys, out) == (0, "")


@pytest.mark.parametrize(("text", "cell"), [("1500000000000", 1_500_000_000_000), ("-4175000000", -4_175_000_000),
                                            ("0.67", 0.67), ("12345678901234567890", "12345678901234567890"),
                                            ("0.12345678901234567", "0.12345678901234567"), (None, None)])
def test_a_decimal_is_a_number_only_where_excel_keeps_it_exactly(text, cell):
    from extract.census.workbook import exact_cell

    assert exact_cell(text) == cell and type(exact_cell(text)) is type(cell)
