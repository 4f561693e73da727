"""The data contracts: one pandera DataFrameModel per output table.

Types, enums, ranges, uniqueness and non-null provenance live here; cross-column rules
are named checks. ``schemas/`` holds these models exported for review.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.japanese.budget import STAGES

CURRENCIES = ("JPY", "USD")
FIGURE_KINDS = ("amount", "date", "percent", "round", "number")
TABLE_NAMES = ("amounts", "recycling_cases", "targets")

NullableInt = pd.Int64Dtype
INSTRUMENT_PATTERN = r"^(出資|融資|債務保証)(・(出資|融資|債務保証))*$"


class Provenance(pa.DataFrameModel):
    """Where every row came from: file, page, line, the line as written, its PDF box."""

    source: Series[str] = pa.Field(str_length={"min_value": 1})
    page: Series[int] = pa.Field(ge=1)
    line: Series[int] = pa.Field(ge=1)
    source_text: Series[str] = pa.Field(str_length={"min_value": 1})
    x0: Series[float] = pa.Field(nullable=True, ge=0)
    top: Series[float] = pa.Field(nullable=True, ge=0)
    x1: Series[float] = pa.Field(nullable=True, ge=0)
    bottom: Series[float] = pa.Field(nullable=True, ge=0)

    @pa.dataframe_check
    def bbox_all_or_none(cls, df: pd.DataFrame) -> Series[bool]:
        """The four box edges are all given (PDF) or all empty (text layer)."""
        present = df[["x0", "top", "x1", "bottom"]].notna()
        return present.all(axis=1) | (~present).all(axis=1)

    @pa.dataframe_check
    def bbox_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        """A box's left edge is left of its right edge, its top above its bottom."""
        return df["x0"].isna() | ((df["x0"] <= df["x1"]) & (df["top"] <= df["bottom"]))

    class Config:
        coerce = True
        strict = True


class Amounts(Provenance):
    """One row per monetary figure stated in the document."""

    amount_id: Series[str] = pa.Field(str_matches=r"^A\d+$")
    item_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    item_en: Series[str] = pa.Field(nullable=True)
    stage: Series[str] = pa.Field(isin=list(STAGES))
    instrument: Series[str] = pa.Field(nullable=True, str_matches=INSTRUMENT_PATTERN)
    fiscal_year: Series[NullableInt] = pa.Field(nullable=True, ge=1868, le=2100)
    supplementary_round: Series[NullableInt] = pa.Field(nullable=True, ge=1, le=9)
    amount: Series[int] = pa.Field(ge=0)
    currency: Series[str] = pa.Field(isin=list(CURRENCIES))
    approximate: Series[bool]
    amount_text: Series[str] = pa.Field(str_length={"min_value": 1})
    section_ja: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check
    def ids_unique_per_source(cls, df: pd.DataFrame) -> Series[bool]:
        """amount_id names one row of its source."""
        return ~df.duplicated(["source", "amount_id"], keep=False)

    @pa.dataframe_check
    def round_only_on_supplementary(cls, df: pd.DataFrame) -> Series[bool]:
        """Only a supplementary budget has a round (三次補正 = 3)."""
        return df["supplementary_round"].isna() | (df["stage"] == "supplementary")

    @pa.dataframe_check
    def budget_stages_have_a_year(cls, df: pd.DataFrame) -> Series[bool]:
        """A request, its frame and a budget always name their fiscal year."""
        needs = df["stage"].isin(["request", "request_frame", "budget"])
        return ~needs | df["fiscal_year"].notna()


class Measures(Provenance):
    """Budget measures, with their group on the slide, account and instrument."""

    measure_id: Series[str] = pa.Field(str_matches=r"^M\d+$")
    item_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    item_en: Series[str] = pa.Field(nullable=True)
    parent_ja: Series[str] = pa.Field(nullable=True)
    account: Series[str] = pa.Field(nullable=True, isin=["一般", "特会", "産投", "ODA"])
    instrument: Series[str] = pa.Field(nullable=True, str_matches=INSTRUMENT_PATTERN)
    new_in_request: Series[bool]

    @pa.dataframe_check
    def one_row_per_measure(cls, df: pd.DataFrame) -> Series[bool]:
        """A measure named on several pages is one row."""
        return ~df.duplicated(["source", "item_ja"], keep=False)


class Projects(Provenance):
    """Overseas rare-earth projects Japan takes part in (page 4)."""

    project_id: Series[str] = pa.Field(str_matches=r"^P\d+$")
    project_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    project_en: Series[str] = pa.Field(nullable=True)
    spellings_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    country_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    country_iso: Series[str] = pa.Field(str_matches=r"^[A-Z]{2}$")
    partner_ja: Series[str] = pa.Field(nullable=True)
    commodity_ja: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    def one_row_per_place(cls, df: pd.DataFrame) -> Series[bool]:
        """Two spellings of one place (マウントウエルド/マウントウェルド) are one project."""
        return ~df.duplicated(["source", "project_ja"], keep=False)


class Minerals(Provenance):
    """The target minerals: supply abroad (page 2) and reduction work (page 5)."""

    element: Series[str] = pa.Field(str_matches=r"^[A-Z][a-z]?$")
    mineral_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    name_en: Series[str] = pa.Field(str_length={"min_value": 1})
    class_ja: Series[str] = pa.Field(nullable=True)
    overseas_supply_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    reduction_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    reduction_page: Series[int] = pa.Field(ge=1)
    reduction_line: Series[int] = pa.Field(ge=1)

    @pa.dataframe_check
    def one_row_per_element(cls, df: pd.DataFrame) -> Series[bool]:
        return ~df.duplicated(["source", "element"], keep=False)


class RecyclingCases(Provenance):
    """Recycling projects subsidised, per mineral (page 9)."""

    case_id: Series[str] = pa.Field(str_matches=r"^R\d+$")
    mineral_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    element: Series[str] = pa.Field(str_matches=r"^[A-Z][a-z]?$")
    cases: Series[int] = pa.Field(ge=1)
    recovery_sources_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    subsidy: Series[int] = pa.Field(gt=0)
    currency: Series[str] = pa.Field(isin=list(CURRENCIES))
    cases_line: Series[int] = pa.Field(ge=1)


class Targets(Provenance):
    """Percent figures: a reduction aimed at (target) or reached (achieved)."""

    target_id: Series[str] = pa.Field(str_matches=r"^T\d+$")
    subject_ja: Series[str] = pa.Field(str_length={"min_value": 1})
    percent: Series[int] = pa.Field(ge=0, le=100)
    bound: Series[str] = pa.Field(nullable=True, isin=["以上", "以下", "超", "未満"])
    kind: Series[str] = pa.Field(isin=["target", "achieved"])
    row_ja: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1})
    row_known: Series[bool]
    statement_ja: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check
    def unknown_rows_are_empty(cls, df: pd.DataFrame) -> Series[bool]:
        """A row the text layer lost is left empty, never guessed."""
        return df["row_known"] | df["row_ja"].isna()

    @pa.dataframe_check
    def statements_hold_their_percent(cls, df: pd.DataFrame) -> Series[bool]:
        """The statement is the sentence that states the percent."""
        return pd.Series([f"{p}%" in str(s) for p, s in zip(df["percent"], df["statement_ja"])],
                         index=df.index)


class Figures(Provenance):
    """The census: every number in the text, and the row that holds it or why none does."""

    figure_id: Series[str] = pa.Field(str_matches=r"^F\d+$")
    value: Series[float]
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    unit: Series[str] = pa.Field(nullable=True)
    kind: Series[str] = pa.Field(isin=list(FIGURE_KINDS))
    held_by_table: Series[str] = pa.Field(nullable=True, isin=list(TABLE_NAMES))
    held_by_row: Series[str] = pa.Field(nullable=True)
    reason: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    def every_figure_accounted(cls, df: pd.DataFrame) -> Series[bool]:
        """Each number is held by a table row or explained (label, date, axis year...)."""
        return df["held_by_row"].notna() | df["reason"].notna()

    @pa.dataframe_check
    def amounts_are_held(cls, df: pd.DataFrame) -> Series[bool]:
        """A number written as a money amount is held by an amounts row."""
        return (df["kind"] != "amount") | (df["held_by_table"] == "amounts")


MODELS: dict[str, type[Provenance]] = {
    "amounts": Amounts,
    "measures": Measures,
    "projects": Projects,
    "minerals": Minerals,
    "recycling_cases": RecyclingCases,
    "targets": Targets,
    "figures": Figures,
}
