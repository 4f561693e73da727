"""The data contracts: one pandera DataFrameModel per output table.

Types, enums, ranges, uniqueness and non-null provenance live here; cross-column rules
are named checks. Each column's ``description`` is the one statement of what it means:
the README's column tables, the workbook's README sheet and ``datapackage.json`` are all
made from it. ``metadata`` says what a consumer's format needs beyond the type: a money
column's currency (``money``), a Fiscal Data Package column type (``column_type``).
``PRIMARY_KEYS`` and ``FOREIGN_KEYS`` declare how the tables join. ``schemas/`` holds these
models exported for review.

Column names: Japanese text ends in ``_ja``, its English (sentence case) in ``_en`` beside
it; codes (``stage``, ``element``, ``currency``, ``country_iso``) and ids have no suffix.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.japanese.budget import STAGES
from extract.validate.columns import MONEY, ForeignKey, NullableInt, primary_keys, text_field
from extract.validate.columns import Provenance as SharedProvenance
from extract.validate.glyphs import GLYPH_TABLE, GlyphRepairs

CURRENCIES = ("JPY", "USD")
FIGURE_KINDS = ("amount", "date", "percent", "round", "number")
TABLE_NAMES = ("amounts", "recycling_cases", "targets")
# The Fiscal Data Package's budget phase of each stage; a fund's balance is none.
BUDGET_PHASES = {
    "request": "proposed",
    "request_frame": "proposed",
    "budget": "approved",
    "supplementary": "adjusted",
    "investment": "executed",
    "fund_balance": None,
}

INSTRUMENT_PATTERN = r"^(出資|融資|債務保証)(・(出資|融資|債務保証))*$"

FOREIGN_KEYS = (
    ForeignKey("amounts", "measure_id", "measures"),
    ForeignKey("amounts", "restates", "amounts"),
    ForeignKey("amounts", "part_of", "amounts"),
    ForeignKey("recycling_cases", "amount_id", "amounts"),
    ForeignKey("recycling_cases", "element", "minerals"),
)



class Provenance(SharedProvenance):
    """Where every row came from: file, page (slide), line, the line as written, its PDF box."""

    source: Series[str] = text_field("File name of the source the row was read from.")
    page: Series[int] = pa.Field(ge=1, description="Page (slide) of the source, 1–9.")
    line: Series[int] = pa.Field(ge=1, description="Line within the page.")
    source_text: Series[str] = text_field("The source line as written, defects and all (希尐 stays 希尐).")


class Amounts(Provenance):
    """One row per monetary figure stated in the document."""

    amount_id: Series[str] = pa.Field(str_matches=r"^A\d+$", unique=True, description=(
        "Row id: A01… in page and line order."))
    item_ja: Series[str] = text_field(
        "The measure, project, pillar or mineral the figure belongs to (repaired text: 希少 not 希尐).")
    item_en: Series[str] = pa.Field(nullable=True, description="English name of item_ja, from the deck's glossary.")
    measure_id: Series[str] = pa.Field(nullable=True, str_matches=r"^M\d+$", description=(
        "The budget measure the figure belongs to (measures.measure_id); empty for a project, "
        "a package pillar or a mineral."))
    stage: Series[str] = pa.Field(isin=list(STAGES), description=(
        "Budget stage: request 概算要求額 · budget 当初予算額 (the 【…】 figures) · request_frame うち要望枠 · "
        "supplementary 補正予算 · fund_balance 基金残高 · investment 出資済み."),
        metadata={"column_type": "phase:stage:code"})
    budget_phase: Series[str] = pa.Field(nullable=True, isin=sorted({p for p in BUDGET_PHASES.values() if p}),
                                         description=(
        "The stage as a Fiscal Data Package budget phase: proposed (request, request_frame), approved (budget), "
        "adjusted (supplementary), executed (investment); empty for fund_balance, a balance, not a phase."),
        metadata={"column_type": "phase:id", "fiscal_phases": BUDGET_PHASES})
    instrument_ja: Series[str] = pa.Field(nullable=True, str_matches=INSTRUMENT_PATTERN, description=(
        "The ＜出資＞/＜融資＞/＜債務保証＞ label a page-3 figure stands under (JOGMEC's 0億円 guarantee vs "
        "its 340億円 equity request); empty elsewhere."))
    instrument_en: Series[str] = pa.Field(nullable=True, description="English of instrument_ja.")
    fiscal_year: Series[NullableInt] = pa.Field(nullable=True, ge=1868, le=2100, description=(
        "Western start year of the fiscal year (平成24年度 → 2012); empty where the document gives none."),
        metadata={"column_type": "date:fiscal-year"})
    supplementary_round: Series[NullableInt] = pa.Field(nullable=True, ge=1, le=9, description=(
        "3 for 三次補正/３次補正; empty otherwise."))
    amount: Series[int] = pa.Field(ge=0, description=(
        "The figure in whole units of currency (yen, dollars): 12.4億円 → 1240000000."), metadata=MONEY)
    currency: Series[str] = pa.Field(isin=list(CURRENCIES), description=(
        "ISO 4217 code of amount's currency: JPY, or USD for 250百万＄."),
        metadata={"column_type": "value-currency:code"})
    approximate: Series[bool] = pa.Field(description="True where the text says 約 (about).")
    amount_text: Series[str] = text_field("The figure as written (6０億円).")
    restates: Series[str] = pa.Field(nullable=True, str_matches=r"^A\d+$", description=(
        "The amount_id of the first statement of this figure (same item, stage, year and round, "
        "on an earlier page) when this row states it again; empty for a first statement. "
        "amounts[amounts.restates.isna()] counts each figure once."))
    part_of: Series[str] = pa.Field(nullable=True, str_matches=r"^A\d+$", description=(
        "The amount_id of the larger figure this one is part of (a pillar of the FY2010 package, a "
        "member of page 3's recycling box, a うち要望枠 of its request, a page-9 subsidy of its "
        "pillar); empty for a figure that is part of none the deck names, and on a restatement. "
        "Sum the rows where part_of and restates are empty: no figure is then added to its own total."))
    parts_listed: Series[str] = pa.Field(nullable=True, isin=["all", "some"], description=(
        "On a figure other rows are part of: all (the deck lists all its parts: they add up to it) "
        "or some (they fit inside it); empty on a figure with no parts."))
    section_ja: Series[str] = text_field("The slide's title.")

    @pa.dataframe_check
    def round_only_on_supplementary(cls, df: pd.DataFrame) -> Series[bool]:
        """Only a supplementary budget has a round (三次補正 = 3)."""
        return df["supplementary_round"].isna() | (df["stage"] == "supplementary")

    @pa.dataframe_check
    def budget_stages_have_a_year(cls, df: pd.DataFrame) -> Series[bool]:
        """A request, its frame and a budget always name their fiscal year."""
        needs = df["stage"].isin(["request", "request_frame", "budget"])
        return ~needs | df["fiscal_year"].notna()

    @pa.dataframe_check
    def phase_of_stage(cls, df: pd.DataFrame) -> Series[bool]:
        """budget_phase is the Fiscal Data Package phase of the row's stage."""
        expected = df["stage"].map(BUDGET_PHASES)
        return (expected.isna() & df["budget_phase"].isna()) | (expected == df["budget_phase"])

    @pa.dataframe_check
    def part_of_another_row(cls, df: pd.DataFrame) -> Series[bool]:
        """A part names another row, never itself; a restatement is part of nothing (its
        first statement is)."""
        return df["part_of"].isna() | ((df["part_of"] != df["amount_id"]) & df["restates"].isna())

    @pa.dataframe_check
    def restates_another_row(cls, df: pd.DataFrame) -> Series[bool]:
        """A restatement names another row, never itself."""
        return df["restates"].isna() | (df["restates"] != df["amount_id"])


class Measures(Provenance):
    """Budget measures, with their group on the slide, account and instrument."""

    measure_id: Series[str] = pa.Field(str_matches=r"^M\d+$", unique=True,
                                       description="Row id: M01… in page and line order.")
    item_ja: Series[str] = text_field("The measure's name (one name where two pages name it two ways).")
    item_en: Series[str] = pa.Field(nullable=True, description="English name of item_ja, from the deck's glossary.")
    parent_ja: Series[str] = pa.Field(nullable=True, description="The group box the measure sits in on page 3.")
    parent_en: Series[str] = pa.Field(nullable=True, description="English name of parent_ja.")
    account_ja: Series[str] = pa.Field(nullable=True, isin=["一般", "特会", "産投", "ODA"], description=(
        "The account (会計) where stated: 一般 general, 特会 special, 産投 industrial investment, ODA."))
    account_en: Series[str] = pa.Field(nullable=True, description="English of account_ja.")
    instrument_ja: Series[str] = pa.Field(nullable=True, str_matches=INSTRUMENT_PATTERN, description=(
        "The instruments (出資 equity, 融資 loans, 債務保証 debt guarantees) its figures stand under, where stated."))
    instrument_en: Series[str] = pa.Field(nullable=True, description="English of instrument_ja.")
    new_in_request: Series[bool] = pa.Field(description="True where marked 【新規】 (new in the FY2012 request).")

    class Config:
        unique = ["source", "item_ja"]  # a measure named on several pages is one row


class Projects(Provenance):
    """Overseas rare-earth projects Japan takes part in (page 4)."""

    project_id: Series[str] = pa.Field(str_matches=r"^P\d+$", unique=True,
                                       description="Row id: P01… in page and line order.")
    project_ja: Series[str] = text_field(
        "The project's place, one spelling per place (マウントウエルド and マウントウェルド are one).")
    project_en: Series[str] = pa.Field(nullable=True, description="English name of project_ja.")
    spellings_ja: Series[str] = text_field("Every spelling of the place seen in the deck, joined by 、.")
    country_ja: Series[str] = text_field("The country as the project card names it (豪州).")
    country_en: Series[str] = pa.Field(nullable=True, description="English name of the country.")
    country_iso: Series[str] = pa.Field(str_matches=r"^[A-Z]{2}$",
                                        description="ISO 3166-1 alpha-2 code of the country.")
    partner_ja: Series[str] = pa.Field(nullable=True, description="The partner company (相手国企業), where named.")
    commodity_ja: Series[str] = pa.Field(nullable=True, description="What the project yields, from the map's labels.")

    class Config:
        unique = ["source", "project_ja"]  # two spellings of one place (マウントウエルド/マウントウェルド): one row


class Minerals(Provenance):
    """The target minerals: supply abroad (page 2) and reduction work (page 5)."""

    element: Series[str] = pa.Field(str_matches=r"^[A-Z][a-z]?$", unique=True, description=(
        "Chemical symbol (Co, Nd, Dy, Ta, W)."))
    mineral_ja: Series[str] = text_field("The mineral's name.")
    mineral_en: Series[str] = text_field("English name of the mineral.")
    class_ja: Series[str] = pa.Field(nullable=True,
                                     description="軽稀土 (light) or 重稀土 (heavy rare earth), where stated.")
    class_en: Series[str] = pa.Field(nullable=True, description="English of class_ja.")
    overseas_supply_ja: Series[str] = text_field("How supply abroad is being secured (page 2).")
    reduction_ja: Series[str] = text_field("Work to use less of it or substitute it (page 5).")
    reduction_page: Series[int] = pa.Field(ge=1, description="Page of reduction_ja.")
    reduction_line: Series[int] = pa.Field(ge=1, description="Line of reduction_ja's row header on that page.")


class RecyclingCases(Provenance):
    """Recycling projects subsidised, per mineral (page 9)."""

    case_id: Series[str] = pa.Field(str_matches=r"^R\d+$", unique=True,
                                    description="Row id: R01… in page and line order.")
    amount_id: Series[str] = pa.Field(str_matches=r"^A\d+$", description=(
        "The amounts row that holds the subsidy (amounts.amount_id)."))
    mineral_ja: Series[str] = text_field("The mineral recovered.")
    mineral_en: Series[str] = pa.Field(nullable=True, description="English name of the mineral.")
    element: Series[str] = pa.Field(str_matches=r"^[A-Z][a-z]?$", description=(
        "Chemical symbol of the mineral (minerals.element)."))
    cases: Series[int] = pa.Field(ge=1, description="Number of projects subsidised (案件数).",
                                  metadata={"unit": "projects"})
    recovery_sources_ja: Series[str] = text_field("What the mineral is recovered from (主な回収先).")
    subsidy: Series[int] = pa.Field(gt=0, description="The subsidy (補助額) in whole units of currency.",
                                    metadata=MONEY)
    currency: Series[str] = pa.Field(isin=list(CURRENCIES), description="ISO 4217 code of subsidy's currency.",
                                     metadata={"column_type": "value-currency:code"})
    cases_line: Series[int] = pa.Field(ge=1, description="Line of the number of cases on the page.")


class Targets(Provenance):
    """Percent figures: a reduction aimed at (target) or reached (achieved)."""

    target_id: Series[str] = pa.Field(str_matches=r"^T\d+$", unique=True,
                                      description="Row id: T01… in page and line order.")
    subject_ja: Series[str] = text_field("What is cut or reached (使用量, エネルギー損失, 中国以外から対応).")
    percent: Series[int] = pa.Field(ge=0, le=100, description="The percentage.", metadata={"unit": "%"})
    bound: Series[str] = pa.Field(nullable=True, isin=["以上", "以下", "超", "未満"], description=(
        "以上 at least, 以下 at most, 超 over, 未満 under; empty for an exact figure."))
    kind: Series[str] = pa.Field(isin=["target", "achieved"], description="target (aimed at) or achieved (reached).")
    row_ja: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1}, description=(
        "The table or chart row the figure stands in (a mineral on page 5; 磁石 where page 7's "
        "sentence names it); empty where the page has no rows or the text layer lost which row."))
    row_known: Series[bool] = pa.Field(description=(
        "False where the text layer lost which chart row the figure belongs to (page 7's roadmap "
        "cells): row_ja is then empty, never guessed."))
    statement_ja: Series[str] = text_field("The whole sentence that states it.")

    @pa.dataframe_check
    def unknown_rows_are_empty(cls, df: pd.DataFrame) -> Series[bool]:
        """A row the text layer lost is left empty, never guessed."""
        return df["row_known"] | df["row_ja"].isna()

    @pa.dataframe_check
    def statements_hold_their_percent(cls, df: pd.DataFrame) -> Series[bool]:
        """The statement is the sentence that states the percent."""
        return pd.Series([f"{p}%" in str(s) for p, s in zip(df["percent"], df["statement_ja"], strict=False)],
                         index=df.index)


class Figures(Provenance):
    """The census: every number in the text, and the row that holds it or why none does."""

    figure_id: Series[str] = pa.Field(str_matches=r"^F\d+$", unique=True,
                                      description="Row id: F001… in page and line order.")
    value: Series[float] = pa.Field(description="The number as read, without its unit (12.4 for 12.4億円).")
    text: Series[str] = text_field("The number as written.")
    unit: Series[str] = pa.Field(nullable=True, description="The unit after it (億円, %, 年度…), where one follows.")
    kind: Series[str] = pa.Field(isin=list(FIGURE_KINDS), description=(
        "amount (held by amounts), date, percent, round (of a supplementary budget) or number."))
    held_by_table: Series[str] = pa.Field(nullable=True, isin=list(TABLE_NAMES), description=(
        "The table of the row that holds the figure."))
    held_by_row: Series[str] = pa.Field(nullable=True, description="The id of that row.")
    reason: Series[str] = pa.Field(nullable=True, description=(
        "Why no row holds it: a slide label, a list number, a date, a year on the roadmap's axis…"))

    @pa.dataframe_check
    def every_figure_accounted(cls, df: pd.DataFrame) -> Series[bool]:
        """Each number is held by a table row or explained (label, date, axis year...)."""
        return df["held_by_row"].notna() | df["reason"].notna()

    @pa.dataframe_check
    def amounts_are_held(cls, df: pd.DataFrame) -> Series[bool]:
        """A number written as a money amount is held by an amounts row."""
        return (df["kind"] != "amount") | (df["held_by_table"] == "amounts")


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "amounts": Amounts,
    "measures": Measures,
    "projects": Projects,
    "minerals": Minerals,
    "recycling_cases": RecyclingCases,
    "targets": Targets,
    "figures": Figures,
    GLYPH_TABLE: GlyphRepairs,  # a PDF's glyphs read otherwise than claimed (none for a text layer)
}


# One column names each row (the model's unique=True column); ids are unique in an output
# folder (it holds one deck).
PRIMARY_KEYS: dict[str, str] = primary_keys(MODELS)
