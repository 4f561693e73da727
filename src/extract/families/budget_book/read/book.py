"""Files → pages → the book's records, in the order the files are given."""

from __future__ import annotations

from io import BytesIO

from extract.families.budget_book.read.detail import read_detail
from extract.families.budget_book.read.parse import DETAIL, TABLE1, Page, State, page_unit, read_article1
from extract.families.budget_book.read.summary import SUMMARY, is_summary, read_summary
from extract.families.budget_book.read.table1 import read_table1
from extract.families.budget_book.read.table2 import TABLE2, read_table2
from extract.families.budget_book.read.table3 import TABLE3, read_table3
from extract.families.budget_book.records import Book
from extract.layout import find_gutter, find_table, find_tables, lines_of, page_edges, page_rules_across, page_words


def page_of(pdf_page, source: str, number: int) -> Page:
    """A pdfplumber page as the parser's Page: bands, gutter and the parts' tables."""
    words = page_words(pdf_page)
    bands = lines_of(words)
    edges = page_edges(pdf_page)
    detail = find_table(bands, edges, DETAIL)
    if detail is not None and not (detail.column("目") and detail.column("本年度予算額")):
        detail = None
    first = None if detail is not None else find_table(bands, edges, TABLE1)
    if first is not None and not (first.column("款") and first.column("項") and first.column("金額")):
        first = None
    third = None if detail is not None else find_table(bands, edges, TABLE3)
    if third is not None and not (third.column("起債の目的") and third.column("限度額")):
        third = None
    second = None if detail is not None else find_table(bands, edges, TABLE2)
    summaries = () if detail is not None or first is not None else find_tables(bands, edges, SUMMARY)
    text = "\n".join(b.text for b in bands)
    ruled = third is not None or second is not None
    return Page(source, number, bands, detail, first, find_gutter(words, float(pdf_page.width)), text,
                page_unit(text), third, page_rules_across(pdf_page) if ruled else (), second,
                tuple(t for t in summaries if is_summary(t)))


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


def read_book(sources: list[tuple[str, bytes]]) -> Book:
    """Every page of every file (name, bytes), in order, into one book (pages stream: one
    open at a time)."""
    import pdfplumber

    book, state = Book(), State()
    for source, data in sources:
        with pdfplumber.open(BytesIO(data)) as pdf:
            for number, pdf_page in enumerate(pdf.pages, start=1):
                read_page(page_of(pdf_page, source, number), state, book)
                pdf_page.flush_cache()
    return book
