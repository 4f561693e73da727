"""第1表 歳入歳出予算: 款 and 項 with their 金額, and 歳入合計 / 歳出合計."""

from __future__ import annotations

from extract.families.budget_book.read.figures import name_of, numbered
from extract.families.budget_book.read.parse import TOTAL, Page, State, cell_amount, side_marker, where_of
from extract.families.budget_book.records import Book, Line, Total, Unplaced


def _total(page: Page, row, amount: int | None, state: State, book: Book) -> bool:
    """歳 入 合 計 / 歳 出 合 計 with its amount."""
    label = name_of(row.text("款") + row.text("項"))
    match = TOTAL.match(label)
    if match is None or amount is None:
        return False
    side = "revenue" if match["side"] == "歳入" else "expenditure"
    book.totals.append(Total("table1", side, amount, where_of(page, row.line.words)))
    return True


def _text_only(page: Page, row, filled: bool, last: Line | None, pending: str, book: Book) -> str:
    """A row without an amount: a wrapped 項 name's part (returned as pending text, or joined
    to the row it ends), or a 金額 cell that is no amount (reported)."""
    text = name_of(row.text("項"))
    if filled:
        book.unplaced.append(Unplaced("a 金額 that is not an amount", where_of(page, row.line.words)))
    elif text and last is not None and last.where.page == page.number and last.name_ja.endswith("…"):
        last.name_ja = last.name_ja[:-1] + text
    elif text:
        return pending + text
    return pending


def _line(page: Page, row, amount: int, pending: str, state: State, book: Book) -> Line | None:
    """A 款 or 項 row (a wrapped name's first part marked … until its end is read)."""
    kan, kou = numbered(row.text("款")), numbered(row.text("項"))
    if kan is not None:
        state.kan = kan[0]
        name = kan[1] or name_of(row.text("項")) or pending
        return Line("table1", state.side, "kan", kan[0], None, None, None, name, amount,
                    where_of(page, row.line.words))
    if kou is not None and state.kan is not None:
        name = pending + kou[1] + ("…" if pending else "")
        return Line("table1", state.side, "kou", state.kan, kou[0], None, None, name, amount,
                    where_of(page, row.line.words))
    book.unplaced.append(Unplaced("a 金額 on no 款 or 項 row", where_of(page, row.line.words)))
    return None


def _repeated_header(row) -> bool:
    """The header printed again (款 項 金額, with its 千円)."""
    text = name_of(row.line.text)
    return text in ("款項金額", "款項金額千円", "款項金額円", "千円", "円")


def read_table1(page: Page, state: State, book: Book) -> None:
    """The 款 and 項 rows of a 第1表 page; a wrapped 項 name is joined from the text around it."""
    table = page.table_first
    if table is None:
        return
    for band in table.preamble:
        side = side_marker(band.text)
        if side:
            state.side = side
    last: Line | None = None
    pending = ""
    for row in table.rows:
        side = side_marker(row.line.text)
        if side or _repeated_header(row):  # both sides on one page: 歳出 and its header again
            state.side = side or state.side
            continue
        amount, filled = cell_amount(row, table, "金額", page.unit)
        if _total(page, row, amount, state, book):
            continue
        if amount is None:
            pending = _text_only(page, row, filled, last, pending, book)
            continue
        line = _line(page, row, amount, pending, state, book)
        pending = ""
        if line is not None:
            last = line
            book.lines.append(line)
