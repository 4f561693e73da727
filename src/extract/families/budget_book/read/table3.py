"""第3表 地方債: each 起債の目的 with its 限度額, 起債の方法, 利率 and 償還の方法, and the 計.

A purpose's cell may hold several lines (a wrapped name above and below its figure, a long
利率 clause): every band without a 限度額 figure belongs to the nearest band with one. 同上
("as above") is read as the row above's text.
"""

from __future__ import annotations

from extract.families.budget_book.read.figures import name_of
from extract.families.budget_book.read.parse import Page, cell_amount, where_of
from extract.families.budget_book.records import Bond, Book, Total, Unplaced
from extract.layout import Row, Settings, Table

TABLE3 = Settings(labels=("起債の目的", "限度額", "起債の方法", "利率", "償還の方法"), min_labels=2)
TEXTS = ("起債の目的", "起債の方法", "利率", "償還の方法")
AS_ABOVE = "同上"


def _middle(row: Row) -> float:
    return (row.top + row.bottom) / 2


def _cell_of(row: Row, rules: tuple[float, ...]) -> tuple[float, float]:
    """The horizontal rules above and below a band (its ruled cell); ±inf where none."""
    above = [y for y in rules if y <= _middle(row)]
    below = [y for y in rules if y > _middle(row)]
    return (above[-1] if above else float("-inf"), below[0] if below else float("inf"))


def _cells(rows: list[Row], anchors: list[Row], rules: tuple[float, ...]) -> dict[int, list[Row]]:
    """Each band under its anchor (a band with a figure): the one in the same ruled cell,
    else (no rules, or a band in no anchor's cell) the nearest."""
    cells: dict[int, list[Row]] = {id(a): [] for a in anchors}
    bounds = {id(a): _cell_of(a, rules) for a in anchors}
    for row in rows:
        inside = [a for a in anchors if bounds[id(a)][0] < _middle(row) < bounds[id(a)][1]]
        nearest = min(inside or anchors, key=lambda a: abs(_middle(a) - _middle(row)))
        cells[id(nearest)].append(row)
    return cells


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
    cells = _cells(rows[:closing], [a for a, _ in anchors], page.rules_across) if anchors else {}
    for row, amount in anchors:
        book.bonds.append(_bond(page, sorted(cells[id(row)], key=_middle), amount,
                                book.bonds[-1] if book.bonds else None))
    if closing < len(rows):
        total, _ = cell_amount(rows[closing], table, "限度額", page.unit)
        if total is not None:
            words = [w for c in ("起債の目的", "限度額") for w in rows[closing].cells.get(c, ())]
            book.totals.append(Total("table3", None, total, where_of(page, words)))
