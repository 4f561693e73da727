"""Pages → the book's records: 第1条, 第1表 and the 事項別明細書, rows continued across pages.

Which part a page is, and which column is which, comes from the header words the page
prints (目, 本年度予算額, 区分, 金額, 財源 …), wherever they stand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from extract.families.budget_book.read.figures import UNIT_FACTORS, amount_of, name_of, normal, yen
from extract.families.budget_book.records import FUNDING, Book, Line, Total, Where
from extract.layout import Line as Band
from extract.layout import Row, Settings, Table

DETAIL = Settings(labels=("目", "本年度予算額", "前年度予算額", "比較", "区分", "金額", "説明",
                          "国県支出金", "地方債", "その他", "一般財源"), min_labels=4)
TABLE1 = Settings(labels=("款", "項", "金額"), min_labels=3)
FUNDING_LABELS = dict(zip(("国県支出金", "地方債", "その他", "一般財源"), FUNDING, strict=True))
HEADING = regex.compile(r"^(?P<number>\d+)\s*(?P<level>款|項)\s*(?P<name>.+?)"
                        r"\s+(?P<amount>[\d,]+)\s*(?P<unit>千円|円)$")
BARE_HEADING = regex.compile(r"(?P<number>\d+)\s*(?P<level>款|項)\s*(?P<name>[^\d\s(（]+)")
TABLE_UNIT = regex.compile(r"単位\s*[:：]?\s*(?P<unit>千円|円)")
ARTICLE1 = regex.compile(r"第1条歳入歳出予算の総額は、?歳入歳出それぞれ(?P<amount>[\d,]+)(?P<unit>千円|円)")
TOTAL = regex.compile(r"^(?P<side>歳入|歳出)合計$")
ERA_YEAR = regex.compile(r"(?P<era>令和|平成)(?P<year>\d+|元)年度")
PAGE_NUMBER = regex.compile(r"^(?:\s*-\s*\d+\s*-)+\s*$")  # - 19 - (two on a spread: - 19 - - 20 -)
ERA_BASE = {"令和": 2018, "平成": 1988}


@dataclass(frozen=True)
class Facing:
    """The right one of two facing pages read as one sheet: where its words start on the
    sheet, and its own file and page number (its rows' provenance)."""

    offset: float
    source: str
    number: int


@dataclass
class Page:
    """One page as the parser sees it: its file, number, row bands and gutter."""

    source: str
    number: int
    bands: tuple[Band, ...]
    table_detail: Table | None
    table_first: Table | None
    gutter: float | None
    text: str
    unit: str | None = None  # the page's (単位 千円), for columns whose header states none
    table_third: Table | None = None  # 第3表 地方債
    rules_across: tuple[float, ...] = ()  # the y of the horizontal rules drawn (cell bounds)
    table_second: Table | None = None  # 第2表 債務負担行為
    summaries: tuple[Table, ...] = ()  # the 明細書's 総括 (each side under its own header)
    facing: Facing | None = None  # a facing right page joined to this one


@dataclass
class State:
    """Where the reading stands, carried from page to page and file to file."""

    side: str = "revenue"
    kan: int | None = None
    kou: int | None = None
    moku: Line | None = None
    setsu: Line | None = None
    saisetsu: Line | None = None  # the last 細節 under the open 節 (None: the 節 itself was last)
    bare_kou: str = ""  # the name of a 項 whose heading printed no amount (its 計 row gives it)


def where_of(page: Page, words, text: str | None = None) -> Where:
    """Provenance of a row: its words' box and the text as written (on two facing pages
    read as one, the page its words stand on: the left one's where a band crosses both)."""
    words = tuple(words)
    facing = page.facing
    if facing is not None and all(w.x0 >= facing.offset for w in words):
        moved = tuple(replace(w, x0=w.x0 - facing.offset, x1=w.x1 - facing.offset) for w in words)
        return Where(facing.source, facing.number, min(w.x0 for w in moved), min(w.top for w in moved),
                     max(w.x1 for w in moved), max(w.bottom for w in moved),
                     text if text is not None else " ".join(w.text for w in moved))
    if facing is not None:
        words = tuple(w for w in words if w.x0 < facing.offset)
    return Where(page.source, page.number, min(w.x0 for w in words), min(w.top for w in words),
                 max(w.x1 for w in words), max(w.bottom for w in words),
                 text if text is not None else " ".join(w.text for w in words))


def side_marker(text: str) -> str | None:
    """The side a line names: 歳 入 / 歳 出 standing alone (blanks between letters), or as
    a word of a title line (第1表 歳入歳出予算 歳出 (単位 千円)); none on a line of figures."""
    normalized = normal(text)
    flat = name_of(normalized)
    words = [w.strip("()（）") for w in normalized.split()]
    for marker, side in (("歳入", "revenue"), ("歳出", "expenditure")):
        if regex.fullmatch(rf"[0-9]*[(（]?{marker}[)）]?", flat) or marker in words:
            return side
    return None


def fiscal_year(text: str) -> int | None:
    """The fiscal year a 令和/平成 年度 names (令和7年度 → 2025)."""
    match = ERA_YEAR.search(normal(text))
    if match is None:
        return None
    year = 1 if match["year"] == "元" else int(match["year"])
    return ERA_BASE[match["era"]] + year


def read_article1(page: Page, book: Book) -> None:
    """第1条's total of each side, with the fiscal year named above it."""
    flat = name_of(normal(page.text))
    match = ARTICLE1.search(flat)
    if match is None:
        return
    amount = int(match["amount"].replace(",", "")) * UNIT_FACTORS[match["unit"]]
    band = next((b for b in page.bands if "第" in b.text and "条" in b.text), page.bands[0])
    book.totals.append(Total("article1", None, amount, where_of(page, band.words, match[0])))
    book.fiscal_year = book.fiscal_year or fiscal_year(page.text)
    era = ERA_YEAR.search(normal(page.text))
    book.era = book.era or (era["era"] if era else None)


def left_text(page: Page, band: Band) -> str:
    """A band's text left of the gutter (the whole band on a single page)."""
    words = band.words if page.gutter is None else tuple(w for w in band.words if w.x1 <= page.gutter)
    return " ".join(w.text for w in words)


def page_unit(text: str) -> str | None:
    """The unit a page states for its tables, （単位 千円）."""
    match = TABLE_UNIT.search(normal(text))
    return match["unit"] if match else None


def cell_amount(row: Row, table: Table, label: str, unit: str | None = None) -> tuple[int | None, bool]:
    """A column's amount in yen, and whether the cell held anything at all."""
    text = row.text(label)
    if not text:
        return None, False
    value = amount_of(text)
    if value is None:
        return None, True
    return yen(value, table.units.get(label) or unit), True
