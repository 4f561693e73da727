"""The workbook of ``extract figures``: ``tables.xlsx`` streamed from the written Parquet.

A README sheet first (what the workbook is, its sources, every column), then the figures,
then ``glyph_repairs``. The figures are read from ``figures.parquet`` one batch at a time
and appended to a write-only sheet, so memory holds one batch however many rows. A sheet
holds at most :data:`SHEET_ROWS` rows (Excel's limit less the header): a longer table goes
on in ``figures_2``, ``figures_3`` ….

``value`` and ``high`` are exact decimals. A cell holds one as a number where Excel keeps
it exactly (an integer under 10^15, or a decimal of at most 15 significant digits), else as
text, so no figure is ever rounded: ``check`` reads each back and compares it with the
Parquet's as decimals.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from extract.publish.cells import neutralize
from extract.publish.files import WORKBOOK
from extract.publish.write import README_SHEET

SHEET_ROWS = 1_048_575  # Excel's 1,048,576 rows less the header
EXACT_DIGITS = 15  # what a double shows exactly in Excel
DECIMAL_COLUMNS = ("value", "high")
BATCH_ROWS = 10_000
MONEY_FORMAT = "#,##0.##########"
MEANINGS = {
    "source": "the file the figure is in", "page": "its page (a text: pages split at form feeds)",
    "line": "its line within the page", "kind": "amount, percent, date, number, code, ambiguous or unread",
    "value": "its exact value (amounts in the currency's base unit; a date's Western year)",
    "high": "the upper end of a range", "currency": "ISO code of an amount's currency",
    "unit": "the unit as written (億円, 千円, %, 人); a header's for a bare number",
    "unit_from_header": "true where a bare number took its unit from a header",
    "unit_origin": "where its unit was written: inline, column (its column's head), table (a 単位 declaration)",
    "approximate": "約, 程度, 余 …", "bound": "at_least, at_most, more_than, less_than (以上 以下 超 未満)",
    "negative": "▲, △ or a minus sign", "date": "ISO form of a date (FY2012 for 年度)",
    "reason": "why a figure is ambiguous, a code or unread", "text": "the figure as written in the source",
    "context": "the repaired line around it", "table": "the table it is a cell of (p3.t2: page 3's second)",
    "row_label": "the name at the left of its row", "column_label": "the head above its column",
    "x0": "its box in PDF points", "top": "", "x1": "", "bottom": "",
}


def sheet_names(table: str, rows: int) -> list[str]:
    """The sheets a table of ``rows`` rows fills: ``figures``, ``figures_2`` …"""
    count = max(1, -(-rows // SHEET_ROWS))
    return [table if index == 1 else f"{table}_{index}" for index in range(1, count + 1)]


def exact_cell(text: str | None) -> int | float | str | None:
    """A decimal string as the workbook holds it: a number where Excel keeps it exactly, else text."""
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return neutralize(text)
    digits = len(value.normalize().as_tuple().digits)
    if value == value.to_integral_value() and abs(value) < 10**EXACT_DIGITS:
        return int(value)
    if digits <= EXACT_DIGITS and Decimal(repr(float(value))) == value:
        return float(value)
    return text


def cell_of(column: str, value: object) -> object:
    """A Parquet value as the figures sheet holds it (text neutralized against formulas)."""
    if column in DECIMAL_COLUMNS:
        return exact_cell(value if value is None else str(value))
    return neutralize(value) if isinstance(value, str) else value


def _parquet_rows(path: Path) -> Iterator[dict]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS):
        yield from batch.to_pylist()


def readme_rows(sources: list[dict], columns: list[str], glyph_columns: list[str]) -> list[list]:
    """The README sheet: what the workbook is, its sources, then every column."""
    rows: list[list] = [["extract figures"], [],
                        ["What this is", "Every figure of the sources (money, numbers with a unit, percentages, dates, "
                                         "codes), one row each, with where it stands and its text as written; "
                                         "glyph_repairs lists the characters read otherwise than the text layer "
                                         "claims."],
                        ["Reading it", "value and high are exact: a number where Excel keeps it exactly, else text. "
                                       f"A table longer than {SHEET_ROWS:,} rows goes on in figures_2, figures_3 …"]]
    rows += [["Source file", f"{source['file']} (sha256 {source['sha256']})"] for source in sources]
    rows += [[], ["sheet", "column", "meaning"]]
    rows += [["figures", column, MEANINGS.get(column, "")] for column in columns]
    rows += [["glyph_repairs", column, ""] for column in glyph_columns]
    return rows


def write_figures_workbook(folder: Path, table: str, glyph_table: str, rows: int, sources: list[dict]) -> None:
    """``folder/tables.xlsx`` from the folder's Parquet files, streamed (saved only when whole)."""
    import pyarrow.parquet as pq
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    columns = pq.read_schema(folder / f"{table}.parquet").names
    glyphs = pq.read_table(folder / f"{glyph_table}.parquet").to_pylist()
    glyph_columns = pq.read_schema(folder / f"{glyph_table}.parquet").names
    workbook = Workbook(write_only=True)
    readme = workbook.create_sheet(README_SHEET)
    readme.column_dimensions["B"].width = 24
    readme.column_dimensions["C"].width = 80
    for line in readme_rows(sources, columns, glyph_columns):
        readme.append([neutralize(v) if isinstance(v, str) else v for v in line])
    figures = iter(_parquet_rows(folder / f"{table}.parquet"))
    for name in sheet_names(table, rows):
        sheet = workbook.create_sheet(name)
        sheet.freeze_panes = "A2"
        sheet.append(columns)
        for _, row in zip(range(SHEET_ROWS), figures, strict=False):
            cells = []
            for column in columns:
                value = cell_of(column, row[column])
                if column in DECIMAL_COLUMNS and isinstance(value, (int, float)):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = MONEY_FORMAT
                    value = cell
                cells.append(value)
            sheet.append(cells)
    sheet = workbook.create_sheet(glyph_table)
    sheet.append(glyph_columns)
    for row in glyphs:
        sheet.append([cell_of(column, row[column]) for column in glyph_columns])
    with open(folder / WORKBOOK, "wb") as handle:
        workbook.save(handle)
