"""The workbook as an analyst opens it: a README sheet first, money as numbers in #,##0,
the header frozen, filters on, widths that fit; and `check` still proves it cell for cell."""

from __future__ import annotations

import json
import shutil

import pytest
from openpyxl import load_workbook

from extract.check.readback import check_outputs
from extract.families.meti_deck import FAMILY
from extract.families.meti_deck.models import MODELS
from extract.publish.about import README_SHEET, readme_rows
from extract.publish.files import sha256_of
from extract.publish.write import MONEY_FORMAT, WIDTH_LIMITS, display_width


@pytest.fixture(scope="module")
def workbook(fresh_output):
    book = load_workbook(fresh_output / "tables.xlsx")
    yield book
    book.close()


def _column(sheet, name: str) -> int:
    header = [cell.value for cell in sheet[1]]
    return header.index(name) + 1


@pytest.mark.parametrize("table, column", [("amounts", "amount"), ("recycling_cases", "subsidy")])
def test_money_cells_are_numbers_with_a_thousands_format(workbook, table, column):
    sheet = workbook[table]
    cells = [row[0] for row in sheet.iter_rows(min_row=2, min_col=_column(sheet, column),
                                                 max_col=_column(sheet, column))]
    assert len(cells) == sheet.max_row - 1 > 0
    assert all(cell.data_type == "n" and isinstance(cell.value, int) for cell in cells)
    assert {cell.number_format for cell in cells} == {MONEY_FORMAT}
    if table == "amounts":
        assert 295_000_000_000 in [cell.value for cell in cells]  # ２９５０億円 shows as 295,000,000,000


def test_years_and_counts_are_not_shown_with_thousands_separators(workbook):
    sheet = workbook["amounts"]
    years = [row[0] for row in sheet.iter_rows(min_row=2, min_col=_column(sheet, "fiscal_year"),
                                                 max_col=_column(sheet, "fiscal_year"))]
    assert {cell.number_format for cell in years} == {"General"}
    assert 2012 in [cell.value for cell in years]


@pytest.mark.parametrize("table", list(MODELS))
def test_every_sheet_has_a_frozen_header_a_filter_and_fitted_widths(workbook, fresh_output, table):
    sheet = workbook[table]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=sheet.max_column).column_letter}{sheet.max_row}"
    for column in range(1, sheet.max_column + 1):
        letter = sheet.cell(row=1, column=column).column_letter
        width = sheet.column_dimensions[letter].width
        assert WIDTH_LIMITS[0] <= width <= WIDTH_LIMITS[1], (table, letter, width)
        texts = [cell.value for (cell,) in sheet.iter_rows(min_col=column, max_col=column) if cell.value is not None]
        widest = max(display_width(f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else v)
                     for v in texts)
        assert width >= min(widest, WIDTH_LIMITS[1]), (table, letter, width, widest)


def test_the_readme_sheet_comes_first_and_says_what_each_column_means(workbook, fresh_output):
    assert workbook.sheetnames[0] == README_SHEET
    rows = [[cell for cell in row] for row in workbook[README_SHEET].iter_rows(values_only=True)]
    text = "\n".join(str(cell) for row in rows for cell in row if cell is not None)
    assert "出典：経済産業省「レアメタル等の確保に向けた取組の全体像」(平成23年12月)" in text
    assert "meti_rare_metals_2011-12.txt" in text and "Government of Japan" in text
    described = {(row[0], row[1]): row[3] for row in rows if len(row) >= 4 and row[0] in MODELS}
    for name, model in MODELS.items():
        columns = model.to_schema().columns
        for column, spec in columns.items():
            assert described[(name, column)] == spec.description, (name, column)
    assert len(described) == sum(len(m.to_schema().columns) for m in MODELS.values())
    manifest = json.loads((fresh_output / "manifest.json").read_text(encoding="utf-8"))
    trimmed = [[c for c in row] for row in rows]
    for row in trimmed:
        while row and row[-1] is None:
            row.pop()
    assert trimmed == [[c for c in row] for row in readme_rows(FAMILY, manifest["sources"])]


def test_an_edited_readme_sheet_fails_check(tmp_path, fresh_output):
    copy = tmp_path / "copy"
    shutil.copytree(fresh_output, copy)
    book = load_workbook(copy / "tables.xlsx")
    for row in book[README_SHEET].iter_rows():
        if row[0].value == "amounts" and row[1].value == "amount":
            row[3].value = "The figure in thousands of yen."
    book.save(copy / "tables.xlsx")
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    path = copy / "tables.xlsx"
    manifest["files"]["tables.xlsx"].update(sha256=sha256_of(path), bytes=path.stat().st_size)
    (copy / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    failures = check_outputs(copy)
    assert len(failures) == 1 and failures[0].startswith("[workbook_readme_matches] tables.xlsx README row "), failures
    assert "thousands of yen" in failures[0]
