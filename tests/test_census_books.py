"""The figures census on generated budget books (tests/fixtures/budget_books): in layouts it
was not written against, every 目, 節 and 細節 figure is an amount in yen with its row and
column, and no item number, 事業 code or page number is one (issue 18)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest
from budget_books import LAYOUTS, render_book, sample_book

from extract.census.rows import census_rows, pages_of
from extract.read.pdf import read_pdf

LAYOUTS_READ = ("portrait_ruled", "portrait_unruled", "scrambled", "sheet_reordered", "wrapped_names",
                "facing_pages")


@lru_cache(maxsize=1)
def _truth():
    return sample_book(3)


def _printed(book) -> set[int]:
    """Every figure the generator prints, in yen: lines, 財源, notes, bonds, 第1表, sums."""
    known = {book.total} | {value for _, value in book.table1}
    for line in book.lines:
        known |= {v for v in (line.amount, line.previous, line.change, line.funding_national_prefectural,
                              line.funding_bonds, line.funding_other, line.funding_general) if v is not None}
    known |= {note.amount for note in book.notes} | {d.limit for d in book.debt_burdens}
    known |= {bond.limit for bond in book.bonds}
    funding = dict(book.kan_funding)
    for _, values in book.kan_funding:
        known |= set(values)
    for side in ("revenue", "expenditure"):
        kans = book.side(side, "kan")
        known |= {sum(getattr(kan, name) or 0 for kan in kans) for name in ("amount", "previous", "change")}
        known |= {sum(funding.get(kan.kan, (0, 0, 0, 0))[i] for kan in kans) for i in range(4)}
    return known


def _detail_figures(book) -> Counter[int]:
    return Counter(v for line in book.lines if line.level in ("moku", "setsu", "saisetsu")
                   for v in (line.amount, line.previous, line.change) if v is not None)


@lru_cache(maxsize=len(LAYOUTS_READ))
def _rows(layout: str) -> tuple[dict, ...]:
    rows: list[dict] = []
    for name, data in render_book(_truth(), LAYOUTS[layout]):
        rows += census_rows(name, pages_of(read_pdf(data, name).lines))
    return tuple(rows)


@pytest.mark.parametrize("layout", LAYOUTS_READ)
def test_every_amount_is_a_figure_the_book_prints(layout):
    """No 節 number (``△28,960 1 返還金`` drawn as one string), 事業 code (``01020101``) or
    page number becomes an amount: every amount's yen value is one the generator printed."""
    printed = _printed(_truth())
    wrong = [(row["page"], row["text"], row["value"]) for row in _rows(layout)
             if row["kind"] == "amount" and int(row["value"]) not in printed]
    assert wrong == []
    codes = {row["text"] for row in _rows(layout) if row["kind"] == "code"}
    assert {"01020101", "1", "2"} <= codes


@pytest.mark.parametrize("layout", [layout for layout in LAYOUTS_READ if layout != "facing_pages"])
def test_every_detail_figure_is_an_amount_with_its_row_and_column(layout):
    """Every 目 (本年度, 前年度, 比較), 節 and 細節 figure is an amount in yen; all have a row
    and a column label but, in the layouts that draw a 節's 金額 and the 説明's 事業 code as one
    string (``8,393 01020201 施設維持管``), those few (at most 4 of 207)."""
    rows = [row for row in _rows(layout) if row["kind"] == "amount"]
    needed = _detail_figures(_truth())
    assert needed - Counter(int(row["value"]) for row in rows) == Counter()
    labelled = Counter(int(row["value"]) for row in rows if row["row_label"] and row["column_label"])
    unlabelled = needed - labelled
    assert sum(unlabelled.values()) <= (0 if layout in ("scrambled", "sheet_reordered") else 4), unlabelled
    assert sum(needed.values()) == 207


def test_a_page_that_states_no_unit_gives_numbers_not_amounts():
    """facing_pages prints its 節 half on a page of its own with no unit on it (the 単位 is on
    the facing page): its figures are listed as numbers with their digits, never guessed as
    千円; the 目 pages' figures are amounts."""
    rows = _rows("facing_pages")
    setsu = {line.amount // 1000 for line in _truth().lines if line.level == "setsu"}
    numbers = {int(row["value"]) for row in rows if row["kind"] == "number"}
    amounts = {int(row["value"]) for row in rows if row["kind"] == "amount"}
    moku = {line.amount for line in _truth().lines if line.level == "moku"}
    assert setsu - numbers == set()
    assert moku - amounts == set()


@pytest.mark.parametrize(("layout", "most_unnamed"), [("wrapped_names", 6), ("portrait_ruled", 6),
                                                      ("sheet_reordered", 1), ("scrambled", 1)])
def test_each_figure_carries_the_whole_name_of_its_row(layout, most_unnamed):
    """A 目 or 節 figure's row label is its name as the generator wrote it, a name wrapped
    onto a second line joined (``児童福祉施設整備費等負担金`` + ``分``); the few left are a 節
    figure drawn in one string with a 事業 code (no label) or a name whose second line is
    another figure's label."""
    rows = [row for row in _rows(layout) if row["kind"] == "amount"]
    lines = [line for line in _truth().lines if line.level in ("moku", "setsu")]
    unnamed = [line.name_ja for line in lines
               if not any(int(row["value"]) == line.amount and row["row_label"] == line.name_ja for row in rows)]
    assert len(lines) == 101 and len(unnamed) <= most_unnamed, unnamed
