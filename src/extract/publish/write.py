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
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_sheet(sheet, frame: pd.DataFrame, money: set[str]) -> None:
    """Freeze the header row, filter every column, fit widths, show money as ``#,##0``."""
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    for position, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(position)
        values = frame[column].dropna()
        shown = [f"{v:,}" for v in values] if column in money else values.tolist()
        widest = max([display_width(column), *(display_width(v) for v in shown)])
        sheet.column_dimensions[letter].width = min(max(widest + 2, WIDTH_LIMITS[0]), WIDTH_LIMITS[1])
        if column in money:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
                cell.number_format = MONEY_FORMAT


def write_readme_sheet(workbook, rows: list[list]) -> None:
    """The README sheet: rows of text, the second column wide and wrapped."""
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(README_SHEET)
    for row in rows:
        sheet.append([neutralize(v) if isinstance(v, str) else v for v in row])
    sheet["A1"].font = Font(bold=True, size=14)
    widths = {"A": 18, "B": 24, "C": 12, "D": TEXT_WIDTH}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_workbook(tables: dict[str, pd.DataFrame], path: Path, readme: list[list] | None = None,
                   models: Models | None = None) -> None:
    """Every table as a sheet of one workbook, text cells neutralized, formatted for reading;
    with ``readme`` rows, a README sheet first.

    Saved only when every sheet is written: cut short (an error, SIGTERM), the workbook is
    dropped unsaved, so the error that cut it short is the one reported (saving a workbook
    without sheets would raise one of its own).
    """
    with open(path, "wb") as handle:
        workbook = pd.ExcelWriter(handle, engine="openpyxl")
        if readme is not None:
            write_readme_sheet(workbook.book, readme)
        for name, frame in tables.items():
            safe = neutralized(frame)
            safe.to_excel(workbook, sheet_name=name[:31], index=False)
            format_sheet(workbook.sheets[name[:31]], safe, money_columns((models or {}).get(name)))
        workbook.close()  # saves; not reached when cut short


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
