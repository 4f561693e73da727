"""The 明細書's 総括: each side's 款 with 本年度, 前年度 and 比較 (for spending, the 財源
too), and the side's 合計.

The page is known by its header: 款 and 本年度予算額 with no 目 or 項 column. Both sides
may stand on one page, each under its own header (the spending one with more columns); a
side marker (歳 入 / 歳 出) switches.
"""

from __future__ import annotations

from extract.families.budget_book.read.figures import name_of, numbered
from extract.families.budget_book.read.parse import (
    FUNDING_LABELS,
    PAGE_NUMBER,
    TOTAL,
    Page,
    State,
    cell_amount,
    side_marker,
    where_of,
)
from extract.families.budget_book.records import Book, Line, Total, Unplaced
from extract.layout import Row, Settings, Table

SUMMARY = Settings(labels=("款", "本年度予算額", "前年度予算額", "比較", *FUNDING_LABELS), min_labels=3)
FIGURES = ("本年度予算額", "前年度予算額", "比較", *FUNDING_LABELS)


def is_summary(table: Table | None) -> bool:
    """A 総括 header: 款 with 本年度 and 前年度 beside it."""
    return table is not None and all(table.column(c) for c in ("款", "本年度予算額", "前年度予算額"))


def _header_again(row: Row, table: Table) -> bool:
    """The header (or its unit line) printed again over the other side's 款."""
    flat = name_of(row.line.text)
    for word in (*(c.label for c in table.columns), "千円", "円", "特定財源", "本年度予算額の財源内訳"):
        flat = flat.replace(word, "")
    return not flat


def _figures(page: Page, table: Table, row: Row, book: Book) -> dict[str, int | None] | None:
    """The row's figures by column; None (and reported) where a cell holds no amount."""
    figures: dict[str, int | None] = {}
    for label in FIGURES:
        if table.column(label) is None:
            continue
        amount, filled = cell_amount(row, table, label, page.unit)
        if filled and amount is None:
            book.unplaced.append(Unplaced(f"a 総括 {label} that is no amount in a known unit",
                                          where_of(page, row.cells[label])))
            return None
        figures[label] = amount
    return figures


def _funding(table: Table, figures: dict[str, int | None]) -> dict[str, int | None]:
    return {FUNDING_LABELS[c]: figures.get(c) for c in FUNDING_LABELS if table.column(c)}


def _row_into_book(page: Page, table: Table, row: Row, side: str, last: Line | None, book: Book) -> Line | None:
    """One row: a 款 (returned, as the row a wrapped name continues), the side's 合計, or a
    name's continuation; a figure on no such row is reported."""
    figures = _figures(page, table, row, book)
    if figures is None:
        return last
    amount, label = figures.get("本年度予算額"), name_of(row.text("款"))
    where = where_of(page, row.line.words)
    kan, total = numbered(row.text("款")), TOTAL.match(label)
    if amount is not None and total is not None:
        book.totals.append(Total("summary", "revenue" if total["side"] == "歳入" else "expenditure", amount,
                                 where, figures.get("前年度予算額"), figures.get("比較"), _funding(table, figures)))
        return None
    if amount is not None and kan is not None:
        line = Line("summary", side, "kan", kan[0], None, None, None, kan[1], amount, where,
                    figures.get("前年度予算額"), figures.get("比較"), _funding(table, figures))
        book.lines.append(line)
        return line
    if any(v is not None for v in figures.values()):
        book.unplaced.append(Unplaced("a 総括 figure on no 款 or 合計 row", where))
    elif label and last is not None:
        last.name_ja += label
    return last


def read_summary(page: Page, table: Table, state: State, book: Book) -> None:
    """The 款 rows and 合計 of a 総括 table; a name alone on a line continues the 款 above."""
    for band in table.preamble:
        state.side = side_marker(band.text) or state.side
    last: Line | None = None
    for row in table.rows:
        side = side_marker(row.line.text)
        if side:
            state.side, last = side, None
        if not (side or _header_again(row, table) or PAGE_NUMBER.match(row.line.text)):
            last = _row_into_book(page, table, row, state.side, last, book)
