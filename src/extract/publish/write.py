"""Write stage: tables -> CSV + Parquet + one Excel workbook + manifest.json, in a folder.

The folder is a staging folder that :mod:`extract.publish.outdir` swaps in whole; this module
only fills it. Text cells of the CSV and the workbook are neutralized against formula
injection (:mod:`extract.publish.cells`); Parquet holds the values as they are. The manifest lists
every file written, with its sha256, its size and (tables) its row count, so ``check`` can
prove the files and the next run can tell its own files from a user's.

The CSV is UTF-8 with a byte-order mark (Excel on a Japanese Windows reads a CSV without
one as CP932), CRLF line ends, integers without ``.0`` and empty cells empty. Each sheet
of the workbook has its header row frozen, a filter on every column, widths fitted to its
text (a wide character counts twice) and money (``money`` columns of the models) in
``#,##0`` (the ``money`` columns of the tables' models); a first sheet, README, can say
what the workbook is.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from extract.publish.cells import neutralize, neutralized
from extract.publish.files import MANIFEST, WORKBOOK, describe_files
from extract.validate.columns import Models, money_columns

DEBUG_IMAGES = "debug-images"
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark
README_SHEET = "README"
MONEY_FORMAT = "#,##0"
WIDTH_LIMITS = (6, 60)  # a column's width in characters, at least and at most
TEXT_WIDTH = 100  # the README sheet's text column


def write_table(frame: pd.DataFrame, folder: Path, name: str) -> None:
    """One table as ``name.csv`` (neutralized text) and ``name.parquet``.

    The CSV is RFC 4180: UTF-8 with a BOM, CRLF line ends, so a field holding a bare CR or LF
    is quoted (with LF line ends Python's csv writer leaves a bare CR unquoted, and readers
    split there).
    """
    neutralized(frame).to_csv(folder / f"{name}.csv", index=False, encoding=CSV_ENCODING,
                              lineterminator="\r\n")
    frame.to_parquet(folder / f"{name}.parquet", index=False)


def display_width(value) -> int:
    """How many characters wide a cell's text shows: East Asian wide characters count two."""
    text = str(value)
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _widths(frame: pd.DataFrame, money: set[str]) -> list[int]:
    """Each column's width in characters: fitted to its header and text (money as shown)."""
    widths = []
    for column in frame.columns:
        values = frame[column].dropna()
        shown = [f"{v:,}" for v in values] if column in money else values.tolist()
        widest = max([display_width(column), *(display_width(v) for v in shown)])
        widths.append(min(max(widest + 2, WIDTH_LIMITS[0]), WIDTH_LIMITS[1]))
    return widths


def _cells(series: pd.Series) -> list:
    """A column as the workbook holds it: Python values, missing ones empty."""
    return series.astype(object).where(series.notna(), None).tolist()


def write_sheet(workbook, name: str, frame: pd.DataFrame, money: set[str]) -> None:
    """One table as a sheet, streamed row by row: the header row frozen, a filter on every
    column, widths fitted, money shown as ``#,##0``."""
    from openpyxl.cell import WriteOnlyCell

    sheet = workbook.create_sheet(name)
    sheet.freeze_panes = "A2"
    for position, width in enumerate(_widths(frame, money), start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    sheet.append(list(frame.columns))

    def formatted(value):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell

    columns = [[v if v is None else formatted(v) for v in _cells(frame[c])] if c in money else _cells(frame[c])
               for c in frame.columns]
    for row in zip(*columns, strict=True):
        sheet.append(list(row))


def write_readme_sheet(workbook, rows: list[list]) -> None:
    """The README sheet: rows of text, the second column wide and wrapped."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(README_SHEET)
    for letter, width in {"A": 18, "B": 24, "C": 12, "D": TEXT_WIDTH}.items():
        sheet.column_dimensions[letter].width = width
    wrapped = Alignment(wrap_text=True, vertical="top")
    for index, row in enumerate(rows):
        cells: list = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=neutralize(value) if isinstance(value, str) else value)
            if index == 0 and not cells:
                cell.font = Font(bold=True, size=14)
            elif index > 0:
                cell.alignment = wrapped
            cells.append(cell)
        sheet.append(cells)


def write_workbook(tables: dict[str, pd.DataFrame], path: Path, readme: list[list] | None = None,
                   models: Models | None = None) -> None:
    """Every table as a sheet of one workbook, text cells neutralized, formatted for reading;
    with ``readme`` rows, a README sheet first. Sheets are streamed (openpyxl's write-only
    workbook): a long table costs no cell objects.

    Saved only when every sheet is written: cut short (an error, SIGTERM), the workbook is
    dropped unsaved, so the error that cut it short is the one reported.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    if readme is not None:
        write_readme_sheet(workbook, readme)
    for name, frame in tables.items():
        write_sheet(workbook, name[:31], neutralized(frame), money_columns((models or {}).get(name)))
    with open(path, "wb") as handle:
        workbook.save(handle)  # not reached when cut short


def fill_folder(folder: Path, tables: dict[str, pd.DataFrame], manifest: dict,
                extra: Callable[[Path], None] | None = None, readme: list[list] | None = None,
                models: Models | None = None) -> None:
    """Write every table, the workbook (with ``readme`` as its first sheet), then ``extra``
    (the data package, the report, debug images), then the manifest listing them all."""
    for name, frame in tables.items():
        write_table(frame, folder, name)
    write_workbook(tables, folder / WORKBOOK, readme, models)
    if extra is not None:
        extra(folder)
    manifest = {**manifest, "files": describe_files(folder, tables)}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")


def write_outputs(tables: dict[str, pd.DataFrame], manifest: dict, target,
                  extra: Callable[[Path], None] | None = None, readme: list[list] | None = None,
                  models: Models | None = None) -> None:
    """Write every table and a manifest into ``target`` (a path or an
    :class:`~extract.publish.outdir.OutputFolder`), replacing it atomically.

    ``target`` must be a folder this tool may replace, else
    :class:`~extract.errors.BadInput`; an OSError while writing leaves it as it was.
    """
    from extract.publish.outdir import OutputFolder

    folder = target if isinstance(target, OutputFolder) else OutputFolder(str(target))
    folder.commit(lambda staging: fill_folder(staging, tables, manifest, extra, readme, models))
