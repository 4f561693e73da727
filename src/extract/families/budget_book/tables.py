"""A book's files → its tables (records, every identity checked, frames). Pure over bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.errors import BadInput
from extract.families.budget_book.checks_book import check_book
from extract.families.budget_book.frames import (
    bonds_frame,
    checks_frame,
    debt_burdens_frame,
    lines_frame,
    notes_frame,
    row_ids,
    totals_frame,
)
from extract.families.budget_book.read.book import read_book
from extract.families.budget_book.records import Book
from extract.validate.glyphs import glyph_repairs_frame

if TYPE_CHECKING:
    import pandas as pd


def tables_of(book: Book) -> dict[str, pd.DataFrame]:
    """The book's records → its tables, and the glyphs its files' text layers misread (not yet validated)."""
    checks = check_book(book)
    return {"budget_lines": lines_frame(book, checks), "budget_totals": totals_frame(book, checks),
            "debt_burdens": debt_burdens_frame(book), "bonds": bonds_frame(book), "budget_notes": notes_frame(book),
            "budget_checks": checks_frame(checks, row_ids(book)),
            "glyph_repairs": glyph_repairs_frame(book.glyph_repairs)}


def read_tables(sources: list[tuple[str, bytes]]) -> dict[str, pd.DataFrame]:
    """The files of one book, in book order, → its tables; BadInput for a file that is not
    a readable PDF or a set with no part of a budget book."""
    for name, data in sources:
        if not data.startswith(b"%PDF-"):
            raise BadInput(f"{name}: not a PDF")
    try:
        book = read_book(sources)
    except (OSError, ValueError, TypeError, KeyError) as error:  # pdfminer's refusals of a broken file
        raise BadInput(f"a source could not be read as a PDF: {type(error).__name__}") from None
    if not any(line.part == "detail" for line in book.lines) and not book.totals:
        raise BadInput("no budget book part (第1条, 第1表, 事項別明細書) found in the sources")
    return tables_of(book)
