"""The budget book's records: one line per 款/項/目/節, the 第1表 lines, the checks."""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("kan", "kou", "moku", "setsu", "saisetsu")
SIDES = ("revenue", "expenditure")
FUNDING = ("funding_national_prefectural", "funding_bonds", "funding_other", "funding_general")


@dataclass(frozen=True)
class Where:
    """Provenance: the file, the PDF page (1-based), the box and the text as written."""

    source: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass
class Line:
    """One 款, 項, 目, 節 or 細節 of the 明細書 (or a 款 or 項 of the 第1表, ``part`` table1; or a
    款 of the 明細書's 総括, ``part`` summary), amounts in yen. A 細節 (an unnumbered
    breakdown printed under its 節) has ``saisetsu``: its place under the 節, from 1."""

    part: str  # detail | table1 | summary
    side: str
    level: str
    kan: int
    kou: int | None
    moku: int | None
    setsu: int | None
    name_ja: str
    amount: int
    where: Where
    previous: int | None = None
    change: int | None = None
    funding: dict[str, int | None] = field(default_factory=dict)
    saisetsu: int | None = None

    @property
    def key(self) -> tuple:
        return (self.part, self.side, self.kan, self.kou, self.moku, self.setsu, self.saisetsu)


@dataclass(frozen=True)
class Closing:
    """A 計 row closing a 項: its stated amount, previous and change."""

    side: str
    kan: int
    kou: int
    amount: int
    previous: int | None
    change: int | None
    where: Where


@dataclass(frozen=True)
class Total:
    """A stated total: 歳入合計 / 歳出合計 of the 第1表 (``table1``) or of the 総括
    (``summary``, with its 前年度, 比較 and, for spending, 財源), 第1条's 総額 (``article1``,
    side None) or the 第3表's 計 (``table3``, side None)."""

    name: str
    side: str | None
    amount: int
    where: Where
    previous: int | None = None
    change: int | None = None
    funding: dict[str, int | None] = field(default_factory=dict, hash=False)


@dataclass
class Note:
    """One 説明 entry beside a 目: its 事業 code (if printed), name, amount in yen (if printed)
    and indent (0: the outermost of its page)."""

    moku: Line
    code: str | None
    name_ja: str
    amount: int | None
    level: int
    where: Where


@dataclass(frozen=True)
class Bond:
    """One 起債の目的 of the 第3表 地方債: its 限度額 in yen and the terms as printed."""

    purpose: str
    limit: int
    method: str
    rate: str
    redemption: str
    where: Where


@dataclass(frozen=True)
class DebtBurden:
    """One 事項 of the 第2表 債務負担行為: its 期間 and 限度額 as printed, the 限度額 in yen
    where the cell states a figure, and the 期間's first and last fiscal year where it
    names them."""

    matter: str
    period: str
    limit: int | None
    limit_text: str
    first_year: int | None
    last_year: int | None
    where: Where


@dataclass(frozen=True)
class Unplaced:
    """A figure the reader could not place in a row, column or unit: reported, never guessed."""

    reason: str
    where: Where


@dataclass
class Book:
    """Everything read from a book's files."""

    lines: list[Line] = field(default_factory=list)
    closings: list[Closing] = field(default_factory=list)
    totals: list[Total] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    bonds: list[Bond] = field(default_factory=list)
    debt_burdens: list[DebtBurden] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    fiscal_year: int | None = None
    era: str | None = None  # the era 第1条's heading counts in (令和): a 第2表 期間's bare 8年度
    glyph_repairs: list[dict] = field(default_factory=list)  # extract.read.glyphs.GlyphCheck.rows


@dataclass(frozen=True)
class Check:
    """One identity at one place: stated and computed, and whether it holds."""

    name: str
    status: str  # holds | failed | not_made
    where: Where | None
    row: str
    stated: int | None
    computed: int | None
    reason: str = ""
