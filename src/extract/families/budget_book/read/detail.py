"""The 事項別明細書: 款/項 headings, 目 rows (with 財源), 節 rows and 計 rows, page after page."""

from __future__ import annotations

from extract.families.budget_book.read.figures import UNIT_FACTORS, name_of, normal, numbered
from extract.families.budget_book.read.notes import read_notes
from extract.families.budget_book.read.parse import (
    BARE_HEADING,
    FUNDING_LABELS,
    HEADING,
    PAGE_NUMBER,
    Page,
    State,
    cell_amount,
    left_text,
    side_marker,
    where_of,
)
from extract.families.budget_book.records import Book, Closing, Line, Unplaced
from extract.layout import Row, Table

AMOUNT_COLUMNS = ("本年度予算額", "前年度予算額", "比較", "金額", *FUNDING_LABELS)


def _open(level: str, number: int, state: State) -> None:
    """Open a 款 or 項 (a heading repeated atop a continuation page keeps the open rows)."""
    continued = state.kan == number if level == "kan" else state.kou == number
    if not continued:
        if level == "kan":
            state.kan, state.kou = number, None
        else:
            state.kou = number
        state.moku = state.setsu = state.saisetsu = None


def bare_heading(page: Page, band, state: State) -> bool:
    """款 and 項 headings without amounts (歳入 1款 地方交付税 1項 地方交付税): open them."""
    text = normal(left_text(page, band)).strip()
    found = list(BARE_HEADING.finditer(text))
    if not found or any(c.isdigit() for c in BARE_HEADING.sub("", text)):
        return False
    for match in found:
        level = "kan" if match["level"] == "款" else "kou"
        _open(level, int(match["number"]), state)
        if level == "kou":
            state.bare_kou = name_of(match["name"])
    return True


def heading(page: Page, band, state: State, book: Book) -> bool:
    """A 款 or 項 heading (１款 市税 48,352,400千円): opens it; True when the band is one."""
    match = HEADING.match(normal(left_text(page, band)).strip())
    if match is None:
        return bare_heading(page, band, state)
    number, level = int(match["number"]), "kan" if match["level"] == "款" else "kou"
    amount = int(match["amount"].replace(",", "")) * UNIT_FACTORS[match["unit"]]
    _open(level, number, state)
    state.bare_kou = ""
    if state.kan is None:  # a 項 heading before any 款: nothing to hang it on
        return False
    line = Line("detail", state.side, level, state.kan, state.kou if level == "kou" else None, None, None,
                name_of(match["name"]), amount, where_of(page, band.words))
    if not any(existing.key == line.key for existing in book.lines):
        book.lines.append(line)
    return True


def moku_row(page: Page, table: Table, row: Row, state: State, book: Book) -> bool:
    """A 目 row: number and name in 目, amounts in 本年度/前年度/比較 and the 財源 columns."""
    label: tuple[int | None, str] | None = numbered(row.text("目"))
    amount, _ = cell_amount(row, table, "本年度予算額", page.unit)
    if label is None and name_of(row.text("目")):  # a 目 printed without its number (廃目)
        label = (None, name_of(row.text("目")))
    if label is None or amount is None or state.kan is None or state.kou is None:
        return False
    previous, _ = cell_amount(row, table, "前年度予算額", page.unit)
    change, _ = cell_amount(row, table, "比較", page.unit)
    funding = {FUNDING_LABELS[c]: cell_amount(row, table, c, page.unit)[0] for c in FUNDING_LABELS if table.column(c)}
    words = [w for c in ("目", "本年度予算額", "前年度予算額", "比較", *FUNDING_LABELS) for w in row.cells.get(c, ())]
    state.moku = Line("detail", state.side, "moku", state.kan, state.kou, label[0], None, label[1], amount,
                      where_of(page, words), previous, change, funding)
    state.setsu = state.saisetsu = None
    book.lines.append(state.moku)
    return True


def setsu_row(page: Page, table: Table, row: Row, state: State, book: Book) -> bool:
    """A 節 row: number and name in 区分 (the number is an item number), amount in 金額."""
    label = numbered(row.text("区分"))
    amount, _ = cell_amount(row, table, "金額", page.unit)
    if label is None or amount is None or state.moku is None:
        return False
    moku = state.moku
    words = [*row.cells.get("区分", ()), *row.cells.get("金額", ())]
    state.setsu = Line("detail", state.side, "setsu", moku.kan, moku.kou, moku.moku, label[0], label[1],
                       amount, where_of(page, words))
    state.saisetsu = None
    book.lines.append(state.setsu)
    return True


def saisetsu_row(page: Page, table: Table, row: Row, state: State, book: Book) -> bool:
    """A 細節 row: a name with no number in 区分 and an amount in 金額, under an open 節
    (職員手当等 broken down into 管理職手当 1,925 …); numbered by its place under the 節."""
    name = name_of(row.text("区分"))
    amount, _ = cell_amount(row, table, "金額", page.unit)
    setsu = state.setsu
    if setsu is None or not name or numbered(name) is not None or amount is None:
        return False
    place = 1 if state.saisetsu is None else (state.saisetsu.saisetsu or 0) + 1
    words = [*row.cells.get("区分", ()), *row.cells.get("金額", ())]
    state.saisetsu = Line("detail", state.side, "saisetsu", setsu.kan, setsu.kou, setsu.moku, setsu.setsu, name,
                          amount, where_of(page, words), saisetsu=place)
    book.lines.append(state.saisetsu)
    return True


def closing_row(page: Page, table: Table, row: Row, state: State, book: Book) -> bool:
    """A 計 row closing the 項: its stated 本年度, 前年度 and 比較."""
    if name_of(row.text("目")) != "計" or state.kan is None or state.kou is None:
        return False
    amount, _ = cell_amount(row, table, "本年度予算額", page.unit)
    if amount is None:
        return False
    words = [w for c in ("目", "本年度予算額", "前年度予算額", "比較") for w in row.cells.get(c, ())]
    if state.bare_kou:  # the 項 heading printed no amount: its 計 row states it
        book.lines.append(Line("detail", state.side, "kou", state.kan, state.kou, None, None, state.bare_kou,
                               amount, where_of(page, words)))
        state.bare_kou = ""
    book.closings.append(Closing(state.side, state.kan, state.kou, amount,
                                 cell_amount(row, table, "前年度予算額", page.unit)[0],
                                 cell_amount(row, table, "比較", page.unit)[0], where_of(page, words)))
    state.moku = state.setsu = state.saisetsu = None
    return True


def wrapped_name(row: Row, state: State, moku_placed: bool, setsu_placed: bool) -> bool:
    """A name's continuation: text alone (no number, no amount beside it) in 目 or 区分
    under the row it continues; the other half of the band may hold a row of its own."""
    moku_text, setsu_text = name_of(row.text("目")), name_of(row.text("区分"))
    found = False
    if not moku_placed and moku_text and state.moku is not None and numbered(moku_text) is None \
            and not any(row.cells.get(c) for c in ("本年度予算額", "前年度予算額", "比較", *FUNDING_LABELS)):
        state.moku.name_ja += moku_text
        found = True
    last = state.saisetsu or state.setsu  # the row 区分 was last placed on
    if not setsu_placed and setsu_text and last is not None and numbered(setsu_text) is None \
            and not row.cells.get("金額"):
        last.name_ja += setsu_text
        found = True
    return found


def unplaced(page: Page, table: Table, row: Row, book: Book) -> None:
    """Every figure in an amount column of a row the reader could not place, reported."""
    for column in AMOUNT_COLUMNS:
        words = row.cells.get(column, ())
        if words:
            book.unplaced.append(Unplaced(f"a figure in {column} on no 目, 節 or 計 row", where_of(page, words)))


def read_detail(page: Page, state: State, book: Book) -> None:
    """Every band of a 明細書 page in order: headings above and inside the table, then rows."""
    table = page.table_detail
    if table is None:
        return
    for band in table.preamble:
        side = side_marker(left_text(page, band))
        if side:
            state.side = side
        heading(page, band, state, book)
    if table.column("国県支出金") or table.column("一般財源"):
        state.side = "expenditure"
    explained: list[tuple[Row, Line | None]] = []
    for row in table.rows:
        if PAGE_NUMBER.match(normal(row.line.text)) or heading(page, row.line, state, book):
            continue
        moku = closing_row(page, table, row, state, book) or moku_row(page, table, row, state, book)
        setsu = setsu_row(page, table, row, state, book) or saisetsu_row(page, table, row, state, book)
        if not wrapped_name(row, state, moku, setsu) and not (moku or setsu):
            unplaced(page, table, row, book)
        if row.cells.get("説明"):
            explained.append((row, state.moku))
    if explained:
        read_notes(page, table, explained, book)
