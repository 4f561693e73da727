"""The budget book's tables as pandera models: ``budget_lines`` and ``budget_checks``."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.families.budget_book.records import LEVELS, SIDES

MONEY = {"money": True, "column_type": "value"}
CHECK_STATUSES = ("holds", "failed", "not_made")


class BudgetLines(pa.DataFrameModel):
    """One row per 款, 項, 目 and 節 of each side (part ``detail``: the 事項別明細書; part
    ``table1``: the 第1表 歳入歳出予算's 款 and 項), amounts in integer yen."""

    line_id: Series[str] = pa.Field(unique=True, description="Row id (L0001 …).")
    part: Series[str] = pa.Field(isin=("detail", "table1"), description="detail (明細書) or table1 (第1表).")
    side: Series[str] = pa.Field(isin=SIDES, description="revenue (歳入) or expenditure (歳出).")
    level: Series[str] = pa.Field(isin=LEVELS, description="kan (款), kou (項), moku (目) or setsu (節).")
    kan: Series[pd.Int64Dtype] = pa.Field(ge=1, description="款 number.")
    kou: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="項 number.")
    moku: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="目 number (empty: a 目 printed without one, 廃目).")
    setsu: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="節 number (an item number, never an amount).")
    name_ja: Series[str] = pa.Field(str_length={"min_value": 1}, description="Name as printed, blanks removed.")
    amount: Series[pd.Int64Dtype] = pa.Field(metadata=MONEY, description="本年度予算額 (節: 金額), yen.")
    previous: Series[pd.Int64Dtype] = pa.Field(nullable=True, metadata=MONEY, description="前年度予算額, yen.")
    change: Series[pd.Int64Dtype] = pa.Field(nullable=True, metadata=MONEY, description="比較, yen.")
    funding_national_prefectural: Series[pd.Int64Dtype] = pa.Field(nullable=True, metadata=MONEY, description="財源: 国県支出金, yen.")
    funding_bonds: Series[pd.Int64Dtype] = pa.Field(nullable=True, metadata=MONEY, description="財源: 地方債, yen.")
    funding_other: Series[pd.Int64Dtype] = pa.Field(nullable=True, metadata=MONEY, description="財源: その他, yen.")
    funding_general: Series[pd.Int64Dtype] = pa.Field(nullable=True, metadata=MONEY, description="財源: 一般財源, yen.")
    parent_id: Series[str] = pa.Field(nullable=True, description="line_id of the 款/項/目 above.")
    fiscal_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, description="会計年度 (令和7年度 = 2025).")
    source: Series[str] = pa.Field(str_length={"min_value": 1}, description="File read.")
    page: Series[int] = pa.Field(ge=1, description="PDF page of the file, from 1.")
    x0: Series[float] = pa.Field(ge=0, description="Row box left, points.")
    top: Series[float] = pa.Field(ge=0, description="Row box top, points from the page top.")
    x1: Series[float] = pa.Field(ge=0, description="Row box right, points.")
    bottom: Series[float] = pa.Field(ge=0, description="Row box bottom, points.")
    source_text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The row's words as written.")

    class Config:
        strict = True
        coerce = True


class BudgetChecks(pa.DataFrameModel):
    """Every identity checked: what was stated, what was computed, where, and its outcome."""

    check: Series[str] = pa.Field(str_length={"min_value": 1}, description="Identity name.")
    status: Series[str] = pa.Field(isin=CHECK_STATUSES, description="holds, failed or not_made.")
    row: Series[str] = pa.Field(description="The row checked (side, numbers, name).")
    stated: Series[pd.Int64Dtype] = pa.Field(nullable=True, metadata=MONEY, description="Figure the page states, yen.")
    computed: Series[pd.Int64Dtype] = pa.Field(nullable=True, metadata=MONEY, description="Figure computed, yen.")
    reason: Series[str] = pa.Field(nullable=True, description="Why not made / what was not placed.")
    source: Series[str] = pa.Field(nullable=True, description="File of the stated figure.")
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="PDF page of the stated figure.")

    class Config:
        strict = True
        coerce = True


MODELS = {"budget_lines": BudgetLines, "budget_checks": BudgetChecks}
