"""第3表 地方債: each 起債の目的 with its 限度額, 起債の方法, 利率 and 償還の方法, and the 計.

A purpose's cell may hold several lines (a wrapped name above and below its figure, a long
利率 clause): every band without a 限度額 figure belongs to a band with one
(:mod:`.cells`). 同上
("as above") is read as the row above's text.
"""

from __future__ import annotations

from extract.families.budget_book.read.cells import bands_by_anchor
from extract.families.budget_book.read.figures import name_of
from extract.families.budget_book.read.parse import Page, cell_amount, where_of
from extract.families.budget_book.records import Bond, Book, Total, Unplaced
from extract.layout import Row, Settings, Table

TABLE3 = Settings(labels=("起債の目的", "限度額", "起債の方法", "利率", "償還の方法"), min_labels=2)
TEXTS = ("起債の目的", "起債の方法", "利率", "償還の方法")
AS_ABOVE = "同上"


def _text(rows: list[Row], label: str) -> str:
    return "".join(name_of(row.text(label)) for row in rows)


def _anchors(page: Page, table: Table, body: list[Row], book: Book) -> list[tuple[Row, int]]:
    """The bands with a 限度額 figure; a figure in no known unit is reported, not guessed."""
    anchors = []
    for row in body:
        amount, filled = cell_amount(row, table, "限度額", page.unit)
        if amount is not None:
            anchors.append((row, amount))
        elif filled:
            book.unplaced.append(Unplaced("a figure in 限度額 that is no amount in a known unit",
                                          where_of(page, row.cells["限度額"])))
    return anchors


def _bond(page: Page, rows: list[Row], amount: int, before: Bond | None) -> Bond:
    texts = {label: _text(rows, label) for label in TEXTS}
    for label, field in (("起債の方法", "method"), ("利率", "rate"), ("償還の方法", "redemption")):
        if texts[label] == AS_ABOVE and before is not None:
            texts[label] = getattr(before, field)
    words = [w for r in rows for c in ("起債の目的", "限度額") for w in r.cells.get(c, ())]
    return Bond(texts["起債の目的"], amount, texts["起債の方法"], texts["利率"], texts["償還の方法"],
                where_of(page, words))


def read_table3(page: Page, book: Book) -> None:
    """The bonds of a 第3表 page, in print order, and its 計 (the rows below 計 are not its)."""
    table = page.table_third
    if table is None:
        return
    rows = list(table.rows)
    closing = next((i for i, r in enumerate(rows) if name_of(r.text("起債の目的")) == "計"), len(rows))
    anchors = _anchors(page, table, rows[:closing], book)
    cells = bands_by_anchor(rows[:closing], [a for a, _ in anchors], page.rules_across) if anchors else {}
    for row, amount in anchors:
        book.bonds.append(_bond(page, cells[id(row)], amount,
                                book.bonds[-1] if book.bonds else None))
    if closing < len(rows):
        total, _ = cell_amount(rows[closing], table, "限度額", page.unit)
        if total is not None:
            words = [w for c in ("起債の目的", "限度額") for w in rows[closing].cells.get(c, ())]
            book.totals.append(Total("table3", None, total, where_of(page, words)))
