"""Files → pages → the book's records, in the order the files are given.

A spread printed as two single pages (目 rows on the left page, their 節 and 説明 on the
right, with no 目 label) is read as one sheet: a left page (a 明細書 header with 目 and no
区分 or 金額) waits for the next page, and when that is a right page (区分 and 金額 with
no 目) whose printed number follows the left's (- 19 -, - 20 -), the two are put side by
side. A right page with no facing left page has its figures reported, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

import regex

from extract.families.budget_book.read.detail import read_detail
from extract.families.budget_book.read.figures import normal
from extract.families.budget_book.read.parse import (
    DETAIL,
    PAGE_NUMBER,
    TABLE1,
    Facing,
    Page,
    State,
    page_unit,
    read_article1,
    where_of,
)
from extract.families.budget_book.read.summary import SUMMARY, is_summary, read_summary
from extract.families.budget_book.read.table1 import read_table1
from extract.families.budget_book.read.table2 import TABLE2, read_table2
from extract.families.budget_book.read.table3 import TABLE3, read_table3
from extract.families.budget_book.records import Book, Unplaced
from extract.layout import Line as Band
from extract.layout import Settings, Sheet, Table, find_gutter, find_table, find_tables, lines_of, sheet_of
from extract.layout import side_by_side as joined
from extract.read.glyphs import GlyphCheck
from extract.read.writing import check_glyphs as reading_glyphs
from extract.read.writing import page_layout

RIGHT_PAGE = Settings(labels=("区分", "金額", "説明"), min_labels=2)
NUMBER = regex.compile(r"\d+")


@dataclass(frozen=True)
class PdfPage:
    """One page of a file as read: its sheet, row bands, printed page number (None: none or
    two) and 明細書 table (None: none)."""

    source: str
    number: int
    sheet: Sheet
    bands: tuple[Band, ...]
    printed: int | None
    detail: Table | None


def _printed(bands: tuple[Band, ...]) -> int | None:
    """The page number printed on a page (- 19 -), None where there is none or more than one."""
    texts = (normal(band.text) for band in bands)
    numbers = [int(n) for text in texts if PAGE_NUMBER.match(text) for n in NUMBER.findall(text)]
    return numbers[0] if len(numbers) == 1 else None


def _detail(bands: tuple[Band, ...], sheet: Sheet) -> Table | None:
    table = find_table(bands, sheet.edges, DETAIL)
    return table if table is not None and table.column("目") and table.column("本年度予算額") else None


def pdf_page_of(source: str, number: int, sheet: Sheet) -> PdfPage:
    bands = lines_of(sheet.words)
    return PdfPage(source, number, sheet, bands, _printed(bands), _detail(bands, sheet))


def page_of(pdf_page: PdfPage, facing: PdfPage | None = None) -> Page:
    """A page (or a left page with its facing right page) as the parser's Page: bands,
    gutter and the parts' tables."""
    sheet = pdf_page.sheet if facing is None else joined(pdf_page.sheet, facing.sheet)
    bands = pdf_page.bands if facing is None else lines_of(sheet.words)
    edges = sheet.edges
    detail = pdf_page.detail if facing is None else _detail(bands, sheet)
    first = None if detail is not None else find_table(bands, edges, TABLE1)
    if first is not None and not (first.column("款") and first.column("項") and first.column("金額")):
        first = None
    third = None if detail is not None else find_table(bands, edges, TABLE3)
    if third is not None and not (third.column("起債の目的") and third.column("限度額")):
        third = None
    second = None if detail is not None else find_table(bands, edges, TABLE2)
    summaries = () if detail is not None or first is not None else find_tables(bands, edges, SUMMARY)
    text = "\n".join(b.text for b in bands)
    gutter = pdf_page.sheet.width if facing is not None else find_gutter(sheet.words, sheet.width)
    return Page(pdf_page.source, pdf_page.number, bands, detail, first, gutter, text, page_unit(text), third,
                sheet.rules_across, second, tuple(t for t in summaries if is_summary(t)),
                None if facing is None else Facing(pdf_page.sheet.width, facing.source, facing.number))


def read_page(page: Page, state: State, book: Book) -> None:
    """One page into the book: 第1条, a 第1表, 第2表 or 第3表 page, the 総括 or a 明細書 page."""
    read_article1(page, book)
    if page.table_detail is not None:
        read_detail(page, state, book)
    elif page.table_first is not None:
        read_table1(page, state, book)
    else:
        for table in page.summaries:
            read_summary(page, table, state, book)
    read_table2(page, book)
    if page.table_third is not None:
        read_table3(page, book)


def _half(pdf_page: PdfPage) -> str | None:
    """``left`` (目 rows with no 節 columns), ``right`` (節 columns with no 目) or None."""
    detail = pdf_page.detail
    if detail is not None:
        return None if detail.column("区分") or detail.column("金額") else "left"
    right = find_table(pdf_page.bands, pdf_page.sheet.edges, RIGHT_PAGE)
    return "right" if right is not None and right.column("区分") and right.column("金額") else None


def _faces(left: PdfPage, right: PdfPage) -> bool:
    """Whether ``right`` is the page facing ``left``: its printed number is the next one
    (where both print one)."""
    return left.printed is None or right.printed is None or right.printed == left.printed + 1


def _unfaced(pdf_page: PdfPage, book: Book) -> None:
    """A right page with no facing 目 page: each of its 金額 figures reported."""
    page = page_of(pdf_page)
    table = find_table(page.bands, pdf_page.sheet.edges, RIGHT_PAGE)
    for row in () if table is None else table.rows:
        if row.cells.get("金額"):
            book.unplaced.append(Unplaced("a 金額 on a 節 page whose facing 目 page is not beside it",
                                          where_of(page, row.cells["金額"])))


class Reader:
    """Pages in, in book order: a left page waits for the page that faces it."""

    def __init__(self) -> None:
        self.book, self.state = Book(), State()
        self.waiting: PdfPage | None = None

    def take(self, pdf_page: PdfPage) -> None:
        half = _half(pdf_page)
        left, self.waiting = self.waiting, None
        if left is not None and half == "right" and _faces(left, pdf_page):
            read_page(page_of(left, pdf_page), self.state, self.book)
            return
        if left is not None:
            read_page(page_of(left), self.state, self.book)
        if half == "left":
            self.waiting = pdf_page
        elif half == "right":
            _unfaced(pdf_page, self.book)
        else:
            read_page(page_of(pdf_page), self.state, self.book)

    def finish(self) -> Book:
        if self.waiting is not None:
            read_page(page_of(self.waiting), self.state, self.book)
            self.waiting = None
        return self.book


def read_book(sources: list[tuple[str, bytes]], check_glyphs: bool = True) -> Book:
    """Every page of every file (name, bytes), in order, into one book (pages stream: one
    open at a time, and one waiting for its facing page); each character read as its glyph
    shows it (:mod:`extract.read.glyphs`), unless ``check_glyphs`` is False."""
    import pdfplumber

    reader = Reader()
    for source, data in sources:
        with pdfplumber.open(BytesIO(data)) as pdf:
            glyphs = GlyphCheck() if check_glyphs else None
            reading_glyphs(pdf, glyphs)
            for number, pdf_page in enumerate(pdf.pages, start=1):
                page_layout(pdf_page)  # the page's characters, as their glyphs show them
                reader.take(pdf_page_of(source, number, sheet_of(pdf_page)))
                pdf_page.flush_cache()
            if glyphs is not None:
                reader.book.glyph_repairs.extend(glyphs.rows(source))
    return reader.finish()
