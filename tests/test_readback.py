"""`extract check`: the written files, read back as a consumer would, are proven: each file
against the manifest's sha256, CSV = Parquet = workbook exactly, every schema and
reconciliation, whatever the manifest says. A broken file or manifest is one clear line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import SOURCE
from extract.cli.main import main
from extract.publish.files import sha256_of


@pytest.fixture
def copy(fresh_output, tmp_path) -> Path:
    folder = tmp_path / "copy"
    shutil.copytree(fresh_output, folder)
    return folder


def check(capsys, *args) -> tuple[int, str, str]:
    code = main(["check", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rehash(folder: Path) -> None:
    """What a careful tamperer does: record the edited files' sha256 and sizes."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for name, entry in manifest["files"].items():
        entry["sha256"] = sha256_of(folder / name)
        entry["bytes"] = (folder / name).stat().st_size
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def edit_manifest(folder: Path, edit) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def edit_amount(folder: Path, kinds=("csv", "parquet"), new=125 * 10**8) -> None:
    """Change 120億円 to ``new`` in the given formats (as the tables would hold it)."""
    table = pd.read_parquet(folder / "amounts.parquet")
    table.loc[table["amount_text"] == "１２０億円", "amount"] = new
    if "csv" in kinds:
        table.to_csv(folder / "amounts.csv", index=False)
    if "parquet" in kinds:
        table.to_parquet(folder / "amounts.parquet", index=False)


# ------------------------------------------------------------------ it holds


def test_check_passes_on_fresh_output(fresh_output, capsys):
    code, stdout, stderr = check(capsys, fresh_output)
    assert (code, stderr) == (0, "")
    assert "every file matches the manifest, every schema and reconciliation holds" in stdout


def test_csv_and_parquet_hold_the_same_amounts(fresh_output):
    csv = pd.read_csv(fresh_output / "amounts.csv")
    parquet = pd.read_parquet(fresh_output / "amounts.parquet")
    assert csv["amount"].tolist() == parquet["amount"].tolist()
    assert csv["amount_text"].tolist() == parquet["amount_text"].tolist()
    assert csv["amount_text"].iloc[15] == "6０億円"  # written text survives the round trip


def test_package_total_reconciles_from_disk(fresh_output):
    amounts = pd.read_parquet(fresh_output / "amounts.parquet")
    package = amounts[amounts["page"] == 6].set_index("item_ja")["amount"]
    assert package.pop("レアアース等鉱物資源対策") == package.sum() == 1000 * 10**8


def test_manifest_records_the_source_the_files_and_the_checks_passed(fresh_output):
    manifest = json.loads((fresh_output / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sources"][0]["sha256"] == (
        "d2ffd3badd0f43db46a23d5dde9d39429d13b8da029403b3b84cc39bfd530bcf")
    assert manifest["rows"]["amounts"] == 51
    assert manifest["files"]["amounts.csv"]["rows"] == manifest["files"]["amounts.parquet"]["rows"] == 51
    assert manifest["files"]["tables.xlsx"]["sheets"]["amounts"] == 51
    on_disk = sorted(p.name for p in fresh_output.iterdir())
    assert sorted([*manifest["files"], "manifest.json"]) == on_disk
    assert "fy2010_package_total" in manifest["checks_passed"]["reconciliations"]
    assert "restated_figures_agree" in manifest["checks_passed"]["reconciliations"]
    assert len(manifest["checks_passed"]["schemas"]) == 8  # the seven tables and glyph_repairs
    assert manifest["rows"]["glyph_repairs"] == 0  # a text layer: no glyph to read otherwise


# ------------------------------------------------------------------ tampering


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_check_catches_a_figure_changed_on_disk(copy, capsys, kind):
    """One finding: the file's hash; a file whose hash failed is not read any further (a
    tampered file is never parsed; with the hash updated the tables' checks run, below)."""
    edit_amount(copy, kinds=(kind,))
    code, _, err = check(capsys, copy)
    assert code == 1
    assert err.count("\n") == 2 and f"[files_match_manifest] amounts.{kind}: " in err, err


def test_an_amount_edited_everywhere_with_the_manifest_rehashed_still_fails(copy, capsys):
    edit_amount(copy)
    sheet = load_workbook(copy / "tables.xlsx")
    rows = list(sheet["amounts"].iter_rows())
    header = [cell.value for cell in rows[0]]
    for row in rows[1:]:
        if row[header.index("amount_text")].value == "１２０億円":
            row[header.index("amount")].value = 125 * 10**8
    sheet.save(copy / "tables.xlsx")
    rehash(copy)
    code, _, err = check(capsys, copy)
    assert code == 1
    for kind in ("csv", "parquet", "xlsx"):
        assert f"{kind}: [fy2010_package_total]" in err, err
    assert "files_match_manifest" not in err and "equals_parquet" not in err


@pytest.mark.parametrize("edit, message", [
    (lambda m: m.update(sources=[]), "lists no sources"),
    (lambda m: m.pop("sources"), "lacks 'sources'"),
    (lambda m: m.pop("files"), "lacks 'files'"),
    (lambda m: m.update(family="some_other_deck"), "names no document family this tool knows"),
    (lambda m: m.update(family=["meti_2011_12"]), "names no document family this tool knows"),
    (lambda m: m.pop("family"), "lacks 'family'"),
    (lambda m: m["files"].pop("amounts.csv"), "does not list amounts.csv with its rows"),
    (lambda m: m["files"].update({"../x": {"sha256": "0" * 64, "bytes": 1}}), "a path outside the folder"),
    (lambda m: m["rows"].update(amounts=50), "gives amounts different row counts"),
])
def test_a_manifest_that_cannot_be_trusted_is_refused(copy, capsys, edit, message):
    edit_amount(copy)
    rehash(copy)
    edit_manifest(copy, edit)
    code, stdout, err = check(capsys, copy)
    assert (code, stdout) == (2, "")
    assert err.count("\n") == 1 and message in err, err


def test_the_reconciliations_run_on_every_source_in_the_data(copy, capsys):
    """Sources are read from the tables: renaming the one the manifest lists does not
    hide the rows from the checks, it is a failure of its own."""
    edit_amount(copy)
    rehash(copy)
    edit_manifest(copy, lambda m: m["sources"][0].update(file="other.txt"))
    code, _, err = check(capsys, copy)
    assert code == 1
    assert "[sources_match_manifest]" in err and "csv: [fy2010_package_total]" in err


def test_csv_and_parquet_must_agree_exactly(copy, capsys):
    figures = pd.read_csv(copy / "figures.csv")
    assert (figures["value"] == 120).sum() == 1
    figures.loc[figures["value"] == 120, "value"] = 120 * (1 + 1e-5)  # within a relative 1e-5
    figures.to_csv(copy / "figures.csv", index=False)
    rehash(copy)
    code, _, err = check(capsys, copy)
    assert code == 1
    assert "[csv_equals_parquet] figures F" in err and "column value: 120.0012" in err, err


def test_the_workbook_is_compared_too(copy, capsys):
    book = load_workbook(copy / "tables.xlsx")
    header = [cell.value for cell in book["targets"][1]]
    book["targets"].cell(row=2, column=header.index("percent") + 1).value = 99  # the first target
    book.save(copy / "tables.xlsx")
    rehash(copy)
    code, _, err = check(capsys, copy)
    assert code == 1
    assert "[workbook_equals_parquet] targets T01 column percent: 99 vs " in err, err


def test_a_formula_in_the_workbook_is_a_failure(copy, capsys):
    book = load_workbook(copy / "tables.xlsx")
    book["amounts"]["B2"].value = '=HYPERLINK("http://example.com","x")'
    book.save(copy / "tables.xlsx")
    rehash(copy)
    code, _, err = check(capsys, copy)
    assert code == 1 and "[workbook_has_no_formulas] tables.xlsx amounts!B2 holds a formula" in err


def test_a_file_not_in_the_manifest_is_a_failure(copy, capsys):
    (copy / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = check(capsys, copy)
    assert code == 1 and "[files_match_manifest] notes.txt: not listed in the manifest" in err


# ------------------------------------------------------------------ broken files: one clear line each


def _zero(path: Path) -> None:
    path.write_bytes(b"")


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3: len(data) // 3 + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def _cp932(path: Path) -> None:
    path.write_bytes(path.read_bytes().decode("utf-8-sig").replace("尐", "少").encode("cp932"))


def _ragged(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",extra,fields"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize("name, damage, message", [
    ("amounts.parquet", _zero, "[readable] amounts.parquet: not a readable Parquet table"),
    ("amounts.parquet", _truncate, "[readable] amounts.parquet: not a readable Parquet table"),
    ("figures.parquet", _corrupt, "figures.parquet"),
    ("amounts.csv", _zero, "[readable] amounts.csv: not a readable CSV table"),
    ("amounts.csv", _cp932, "[readable] amounts.csv: not a readable CSV table (UnicodeDecodeError"),
    ("amounts.csv", _ragged, "[readable] amounts.csv: not a readable CSV table (ParserError"),
    ("amounts.csv", _a_folder, "[files_match_manifest] amounts.csv: missing"),
    ("tables.xlsx", _zero, "[readable] tables.xlsx: not a readable workbook"),
    ("tables.xlsx", _truncate, "[readable] tables.xlsx: not a readable workbook"),
])
def test_a_broken_file_is_a_named_failure_not_a_traceback(copy, capsys, name, damage, message):
    """The manifest rehashed (a file whose hash fails is never parsed: see below)."""
    damage(copy / name)
    if (copy / name).is_file():
        rehash(copy)
    code, stdout, err = check(capsys, copy)
    assert (code, stdout) == (1, ""), err
    assert message in err, err
    assert "Traceback" not in err and "internal error" not in err


@pytest.mark.parametrize("content, message", [
    (b"{not json", "manifest.json: not valid JSON"),
    (b"", "manifest.json: not valid JSON"),
    (b"[]", "manifest.json: not a JSON object"),
    (b"\xff\xfe", "manifest.json: not UTF-8 text"),
    (json.dumps({"tool": "extract 0.1.0"}).encode(), "lacks 'family', 'sources', 'rows', 'files'"),
])
def test_a_broken_manifest_is_one_line_exit_2(copy, capsys, content, message):
    (copy / "manifest.json").write_bytes(content)
    code, stdout, err = check(capsys, copy)
    assert (code, stdout) == (2, "")
    assert err.count("\n") == 1 and message in err, err


def test_check_on_a_folder_without_output_is_bad_input(tmp_path, capsys):
    assert check(capsys, tmp_path)[:2] == (2, "")
    assert check(capsys, tmp_path / "missing")[2] == (
        f"extract: {tmp_path / 'missing'}: no such folder; run `make extract` first\n")


# ------------------------------------------------------------------ the subcommand


def test_check_is_a_real_subcommand(capsys):
    code, stdout, stderr = check(capsys, "--help")
    assert (code, stderr) == (0, "") and stdout.startswith("usage: python -m extract check [-h] [DIR]")
    code, stdout, stderr = check(capsys, "a", "b")
    assert (code, stdout) == (2, "")
    assert stderr == "extract: unrecognized arguments: b (see `python -m extract check --help`)\n"
    code, _, stderr = check(capsys, "--bogus")
    assert code == 2 and stderr.count("\n") == 1


def test_check_reads_a_folder_written_from_a_source_named_as_typed(tmp_path, capsys, source_bytes):
    """The source column holds the file name; the manifest lists the same name."""
    source = tmp_path / "deck copy.txt"
    source.write_bytes(source_bytes)
    assert main([str(source), "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    assert check(capsys, tmp_path / "out")[0] == 0
    assert SOURCE.name not in (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")


def test_a_pdf_output_with_debug_images_is_proven_too(tmp_path, capsys, deck_pdf):
    """Boxes are floats: CSV and workbook must give back exactly Parquet's; the PNGs are
    listed in the manifest and changing one fails the check."""
    out = tmp_path / "out"
    assert main([str(deck_pdf), "--out", str(out), "--debug-images"]) == 0
    capsys.readouterr()
    files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert sorted(name for name in files if name.startswith("debug-images/")) == [
        f"debug-images/deck-page-{n:02d}.png" for n in range(1, 10)]
    assert pd.read_parquet(out / "amounts.parquet")["x0"].notna().all()
    code, _, err = check(capsys, out)
    assert (code, err) == (0, "")
    page = out / "debug-images" / "deck-page-03.png"
    page.write_bytes(page.read_bytes()[:-10])
    code, _, err = check(capsys, out)
    assert code == 1 and "[files_match_manifest] debug-images/deck-page-03.png: " in err


# ------------------------------------------------------------------ every edit, one finding


def _forge_amount(folder: Path, index: int) -> int:
    """An amount changed alike in the Parquet, the CSV and the workbook; returns the new one."""
    frame = pd.read_parquet(folder / "amounts.parquet")
    old = int(frame.loc[index, "amount"])
    new = old + 10**8
    frame.loc[index, "amount"] = new
    frame.to_parquet(folder / "amounts.parquet", index=False)
    lines = (folder / "amounts.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    cells = lines[index + 1].split(",")
    cells[cells.index(str(old))] = str(new)
    lines[index + 1] = ",".join(cells)
    (folder / "amounts.csv").write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    workbook = load_workbook(folder / "tables.xlsx")
    sheet = workbook["amounts"]
    column = [cell.value for cell in sheet[1]].index("amount") + 1
    sheet.cell(index + 2, column).value = new
    workbook.save(folder / "tables.xlsx")
    return new


@pytest.mark.parametrize("index", [0, 5])
def test_a_consistent_forgery_of_an_amount_no_sum_covers_is_caught_by_its_text(copy, capsys, index):
    """Rows 1 and 6 (1.0億円, 10.5億円) enter no reconciliation: only their own amount_text
    shows the forgery."""
    new = _forge_amount(copy, index)
    rehash(copy)
    code, _, err = check(capsys, copy)
    assert code == 1 and f"[amount_matches_text] amounts row {index + 1}: amount {new}" in err, err


def _append_note(folder: Path) -> None:
    with open(folder / "amounts.csv", "a", encoding="utf-8", newline="") as handle:
        handle.write("my note, checked by hand\r\n")


def _blank_row(folder: Path) -> None:
    text = (folder / "amounts.csv").read_bytes().decode("utf-8-sig")
    (folder / "amounts.csv").write_bytes(text.replace("\r\n", "\r\n\r\n", 2).encode("utf-8-sig"))


def _csv_column(folder: Path, change) -> None:
    lines = (folder / "amounts.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    (folder / "amounts.csv").write_bytes("\r\n".join(change(lines)).encode("utf-8-sig"))


def _sheet(folder: Path, change) -> None:
    workbook = load_workbook(folder / "tables.xlsx")
    change(workbook["amounts"])
    workbook.save(folder / "tables.xlsx")


SIMPLE_EDITS = {
    "note appended": _append_note,
    "blank row": _blank_row,
    "column renamed": lambda f: _csv_column(f, lambda lines: [lines[0].replace("amount", "amount_yen", 1),
                                                               *lines[1:]]),
    "column dropped": lambda f: _csv_column(f, lambda lines: [line.rpartition(",")[0] for line in lines]),
    "sheet emptied": lambda f: _sheet(f, lambda sheet: sheet.delete_rows(1, sheet.max_row)),
    "sheet blank row": lambda f: _sheet(f, lambda sheet: sheet.insert_rows(3)),
    "sheet column dropped": lambda f: _sheet(f, lambda sheet: sheet.delete_cols(3)),
}


@pytest.mark.parametrize("edit", sorted(SIMPLE_EDITS))
@pytest.mark.parametrize("hashes", ["stale", "updated"])
def test_every_simple_edit_is_a_finding_never_an_internal_error(copy, capsys, edit, hashes):
    """With the manifest's hash left stale, the edited file is one finding and is not read;
    with the hash updated, the tables' checks find it."""
    SIMPLE_EDITS[edit](copy)
    if hashes == "updated":
        rehash(copy)
    code, stdout, err = check(capsys, copy)
    assert (code, stdout) == (1, ""), err
    assert "internal error" not in err and "Traceback" not in err, err
    if hashes == "stale":
        assert err.count("\n") == 2 and "[files_match_manifest]" in err, err


@pytest.mark.parametrize("edit, message", [
    (lambda m: m.update(tool="someone-else 1.0"), "its tool is 'someone-else 1.0', not extract"),
    (lambda m: m.update(checks_passed={}), "'checks_passed' does not name every table's schema"),
    (lambda m: m["checks_passed"].update(reconciliations=[]), "'checks_passed' names no reconciliation"),
    (lambda m: m.pop("checks_passed"), "lacks 'checks_passed'"),
    (lambda m: m["files"].update({"extra.csv": dict(m["files"]["amounts.csv"])}),
     "lists 'extra.csv', which no run of this tool writes"),
])
def test_a_manifest_of_another_tool_without_its_checks_or_with_an_extra_file_is_refused(copy, capsys,
                                                                                       edit, message):
    edit_manifest(copy, edit)
    if (copy / "amounts.csv").is_file():
        (copy / "extra.csv").write_bytes((copy / "amounts.csv").read_bytes())
    code, stdout, err = check(capsys, copy)
    assert (code, stdout) == (2, "")
    assert err.count("\n") == 1 and message in err, err
