"""第2表 債務負担行為: each 事項 with its 期間 and 限度額.

An entry may hold several lines (a 事項 wrapped over two, a 期間 "8年度から / 12年度まで",
a clause under the 限度額). In a ruled table the entry is its ruled cell; a cell with two
figures is two entries, each band going to the nearer figure (:mod:`.cells`). Where no
rules are drawn, each band goes to the nearest figure. A 限度額 printed as words (a clause,
no figure) is kept as written, with no amount: never guessed. The rows end where the next
part begins (第3表 …).
"""

from __future__ import annotations

import regex

from extract.families.budget_book.read.cells import bands_by_anchor, cell_of, middle
from extract.families.budget_book.read.figures import name_of, normal
from extract.families.budget_book.read.parse import PAGE_NUMBER, Page, cell_amount, where_of
from extract.families.budget_book.records import Book, DebtBurden, Unplaced
from extract.japanese.eras import find_eras
from extract.layout import Row, Settings

TABLE2 = Settings(labels=("事項", "期間", "限度額"), min_labels=3)
NEXT_PART = regex.compile(r"^第\s*\d+\s*表")
FIGURE = regex.compile(r"[△▲\-]?[\d,]+")  # a cell that is a number, in whatever unit
NO_RULES = ()


def _body(page: Page) -> list[Row]:
    """The 第2表's rows: down to the next part's title, page numbers left out."""
    table = page.table_second
    assert table is not None
    rows = []
    for row in table.rows:
        text = normal(row.line.text).strip()
        if NEXT_PART.match(text):
            break
        if not PAGE_NUMBER.match(text):
            rows.append(row)
    return rows


def _entries(rows: list[Row], figures: dict[int, int], rules: tuple[float, ...]) -> list[list[Row]]:
    """The bands of each entry, top down: a ruled cell (split between its figures), or
    where none is drawn, the bands nearest each figure (each band its own entry where the
    table states no figure at all)."""
    cells: dict[tuple[float, float], list[Row]] = {}
    for row in rows:
        cells.setdefault(cell_of(row, rules), []).append(row)
    if not rules and not figures:
        return [[row] for row in rows if name_of(row.text("事項"))]
    entries = []
    for bands in cells.values():
        anchors = [row for row in bands if id(row) in figures]
        if not anchors:
            entries.append(bands)
            continue
        grouped = bands_by_anchor(bands, anchors, NO_RULES)
        entries += [grouped[id(anchor)] for anchor in anchors]
    return sorted(entries, key=lambda bands: middle(bands[0]))


def _years(period: str, era: str | None) -> tuple[int | None, int | None]:
    """The first and last fiscal year a 期間 names (a bare 8年度 counts in the book's era)."""
    years = [found.year for found in find_eras(normal(period), era, projected=True) if found.fiscal]
    return (years[0], years[-1]) if years else (None, None)


def _entry(page: Page, bands: list[Row], figures: dict[int, int], book: Book) -> DebtBurden | None:
    text = {label: "".join(name_of(row.text(label)) for row in bands) for label in ("事項", "期間")}
    anchor = next((row for row in bands if id(row) in figures), None)
    clause = "".join(name_of(row.text("限度額")) for row in bands if row is not anchor)
    words = [w for row in bands for cell in row.cells.values() for w in cell]
    if not words:
        return None
    where = where_of(page, words)
    if not text["事項"]:
        if anchor is not None:
            book.unplaced.append(Unplaced("a 第2表 限度額 with no 事項 beside it", where))
        return None
    first, last = _years(text["期間"], book.era)
    return DebtBurden(text["事項"], text["期間"], figures.get(id(anchor)) if anchor is not None else None,
                      clause, first, last, where)


def read_table2(page: Page, book: Book) -> None:
    """The 債務負担行為 of a 第2表 page, in print order; a figure in no known unit is reported."""
    if page.table_second is None:
        return
    table = page.table_second
    rows = _body(page)
    figures: dict[int, int] = {}
    for row in rows:
        amount, filled = cell_amount(row, table, "限度額", page.unit)
        if amount is not None:
            figures[id(row)] = amount
        elif filled and FIGURE.fullmatch(name_of(normal(row.text("限度額")))):
            book.unplaced.append(Unplaced("a figure in 第2表 限度額 that is no amount in a known unit",
                                          where_of(page, row.cells["限度額"])))
    for bands in _entries(rows, figures, page.rules_across):
        entry = _entry(page, bands, figures, book)
        if entry is not None:
            book.debt_burdens.append(entry)
