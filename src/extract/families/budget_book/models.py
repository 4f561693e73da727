"""The budget book's tables as pandera models: ``budget_lines``, ``budget_totals`` and
``budget_checks``, one model each; amounts in integer yen."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.families.budget_book.records import LEVELS, SIDES
from extract.validate.columns import MONEY, POINTS, ForeignKey, text_field
from extract.validate.glyphs import GlyphRepairs

CHECK_STATUSES = ("holds", "failed", "not_made", "note")
TOTAL_KINDS = ("article1", "table1", "summary", "table3", "closing")


def _money(description: str, nullable: bool = True):
    return pa.Field(nullable=nullable, metadata=MONEY, description=description)


class BookProvenance(pa.DataFrameModel):
    """Where every row of a book was read: file, PDF page, the row's box, its words as written."""

    source: Series[str] = text_field("File read.")
    page: Series[int] = pa.Field(ge=1, description="PDF page of the file, from 1.")
    source_text: Series[str] = text_field("The row's words as written.")
    x0: Series[float] = pa.Field(ge=0, metadata=POINTS, description="Row box left, points.")
    top: Series[float] = pa.Field(ge=0, metadata=POINTS, description="Row box top, points from the page top.")
    x1: Series[float] = pa.Field(ge=0, metadata=POINTS, description="Row box right, points.")
    bottom: Series[float] = pa.Field(ge=0, metadata=POINTS, description="Row box bottom, points.")

    class Config:
        strict = True
        coerce = True


class BudgetLines(BookProvenance):
    """One row per 款, 項, 目 and 節 of each side (part ``detail``: the 事項別明細書; part
    ``table1``: the 第1表 歳入歳出予算's 款 and 項; part ``summary``: the 明細書's 総括, its 款)."""

    line_id: Series[str] = pa.Field(unique=True, description="Row id (L00001 …).")
    part: Series[str] = pa.Field(isin=("detail", "table1", "summary"),
                                 description="detail (明細書), table1 (第1表) or summary (明細書 総括).")
    side: Series[str] = pa.Field(isin=SIDES, description="revenue (歳入) or expenditure (歳出).")
    level: Series[str] = pa.Field(isin=LEVELS,
                                  description="kan (款), kou (項), moku (目), setsu (節) or saisetsu (細節).")
    kan: Series[pd.Int64Dtype] = pa.Field(ge=1, description="款 number.")
    kou: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="項 number.")
    moku: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1,
                                           description="目 number (empty: a 目 printed without one, 廃目).")
    setsu: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1,
                                            description="節 number (an item number, never an amount).")
    saisetsu: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description=(
        "細節: the place of an unnumbered breakdown under its 節, from 1 (not printed)."))
    name_ja: Series[str] = text_field("Name as printed, blanks removed.")
    amount: Series[pd.Int64Dtype] = _money("本年度予算額 (節: 金額), yen.", nullable=False)
    previous: Series[pd.Int64Dtype] = _money("前年度予算額, yen.")
    change: Series[pd.Int64Dtype] = _money("比較, yen.")
    funding_national_prefectural: Series[pd.Int64Dtype] = _money("財源: 国県支出金, yen.")
    funding_bonds: Series[pd.Int64Dtype] = _money("財源: 地方債, yen.")
    funding_other: Series[pd.Int64Dtype] = _money("財源: その他, yen.")
    funding_general: Series[pd.Int64Dtype] = _money("財源: 一般財源, yen.")
    funding_read: Series[bool] = pa.Field(description="Whether the page gives this row 財源 columns.")
    parent_id: Series[str] = pa.Field(nullable=True, description="line_id of the 款/項/目 above.")
    fiscal_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, description="会計年度 (令和7年度 = 2025).")
    verified: Series[bool] = pa.Field(description="False where a check about this row failed (--keep-going).")


class BudgetTotals(BookProvenance):
    """Every total the book states: 第1条's 総額 (article1), the 第1表's 歳入合計 / 歳出合計
    (table1), the 総括's 合計 (summary), the 第3表's 計 (table3) and each 項's 計 row of the
    明細書 (closing)."""

    total_id: Series[str] = pa.Field(unique=True, description="Row id (T0001 …).")
    kind: Series[str] = pa.Field(isin=TOTAL_KINDS, description=(
        "article1 (第1条), table1 (第1表 合計), summary (総括 合計), table3 (第3表 計) or closing (計)."))
    side: Series[str] = pa.Field(nullable=True, isin=SIDES, description="revenue or expenditure (第1条: empty).")
    kan: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="款 of a 計 row.")
    kou: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="項 of a 計 row.")
    amount: Series[pd.Int64Dtype] = _money("The total as stated, yen.", nullable=False)
    previous: Series[pd.Int64Dtype] = _money("前年度 of a 計 or 総括 合計 row, yen.")
    change: Series[pd.Int64Dtype] = _money("比較 of a 計 or 総括 合計 row, yen.")
    funding_national_prefectural: Series[pd.Int64Dtype] = _money("財源 of the 総括's 歳出合計: 国県支出金, yen.")
    funding_bonds: Series[pd.Int64Dtype] = _money("財源 of the 総括's 歳出合計: 地方債, yen.")
    funding_other: Series[pd.Int64Dtype] = _money("財源 of the 総括's 歳出合計: その他, yen.")
    funding_general: Series[pd.Int64Dtype] = _money("財源 of the 総括's 歳出合計: 一般財源, yen.")
    fiscal_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, description="会計年度.")
    verified: Series[bool] = pa.Field(description="False where a check about this total failed (--keep-going).")


class DebtBurdens(BookProvenance):
    """第2表 債務負担行為: each 事項 with its 期間 and 限度額 as printed; the 限度額 in yen where
    the cell states a figure (a clause alone gives none: never guessed)."""

    debt_id: Series[str] = pa.Field(unique=True, description="Row id (D0001 …).")
    matter: Series[str] = text_field("事項, blanks removed (a wrapped name joined).")
    period: Series[str] = pa.Field(nullable=True, description="期間 as printed, blanks removed.")
    first_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, description=(
        "The first fiscal year the 期間 names (a bare ８年度 counted in the book's era)."))
    last_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, description="The last fiscal year it names.")
    limit: Series[pd.Int64Dtype] = _money("限度額, yen (empty: the cell states no figure).")
    limit_text: Series[str] = pa.Field(nullable=True, description=(
        "The 限度額 cell's words beside its figure (a condition, or the whole 限度額 where no figure)."))
    fiscal_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, description="会計年度.")


class Bonds(BookProvenance):
    """第3表 地方債: each 起債の目的 with its 限度額 and the terms as printed (同上 read as the
    row above's text)."""

    bond_id: Series[str] = pa.Field(unique=True, description="Row id (B0001 …).")
    purpose: Series[str] = text_field("起債の目的, blanks removed.")
    limit: Series[pd.Int64Dtype] = _money("限度額, yen.", nullable=False)
    method: Series[str] = pa.Field(nullable=True, description="起債の方法 as printed (empty: none printed).")
    rate: Series[str] = pa.Field(nullable=True, description="利率 as printed (empty: none printed).")
    redemption: Series[str] = pa.Field(nullable=True, description="償還の方法 as printed (empty: none printed).")
    fiscal_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, description="会計年度.")


class BudgetNotes(BookProvenance):
    """The 説明 entries: 事業 code, name, amount and indent, under the 目 they explain."""

    note_id: Series[str] = pa.Field(unique=True, description="Row id (N00001 …).")
    line_id: Series[str] = pa.Field(description="The 目 (budget_lines.line_id) the entry explains.")
    code: Series[str] = pa.Field(nullable=True, description="事業 code as printed (001 …), where printed.")
    name_ja: Series[str] = text_field("The entry as printed, blanks removed (a wrapped name joined).")
    amount: Series[pd.Int64Dtype] = _money("Its amount in yen, where printed.")
    level: Series[int] = pa.Field(ge=0, description="Indent: 0 the outermost entries of the page, 1 inside …")
    fiscal_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, description="会計年度.")


class BudgetChecks(pa.DataFrameModel):
    """Every identity checked at every place: stated, computed, where, and its outcome."""

    check_id: Series[str] = pa.Field(unique=True, description="Row id (C00001 …).")
    check: Series[str] = text_field("Identity name (see docs/budget.md).")
    status: Series[str] = pa.Field(isin=CHECK_STATUSES, description=(
        "holds, failed, not_made, or note (a 説明 sum that differs: not statutory, not an error)."))
    row_id: Series[str] = pa.Field(nullable=True, description="The line_id or total_id the check is about.")
    row: Series[str] = pa.Field(description="The row checked (side, numbers, name).")
    stated: Series[pd.Int64Dtype] = _money("Figure the page states, yen.")
    computed: Series[pd.Int64Dtype] = _money("Figure computed, yen.")
    reason: Series[str] = pa.Field(nullable=True, description="Why not made / what was not placed.")
    source: Series[str] = pa.Field(nullable=True, description="File of the stated figure.")
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="PDF page of the stated figure.")

    class Config:
        strict = True
        coerce = True


MODELS = {"budget_lines": BudgetLines, "budget_totals": BudgetTotals, "debt_burdens": DebtBurdens, "bonds": Bonds,
          "budget_notes": BudgetNotes, "budget_checks": BudgetChecks, "glyph_repairs": GlyphRepairs}
FOREIGN_KEYS = (ForeignKey("budget_lines", "parent_id", "budget_lines"),
                ForeignKey("budget_notes", "line_id", "budget_lines"))
