"""The deck's own reconciliations: sums the slides state, read back from the tables.

Each check finds its figures by what the text says (titles, pillar names, groups of the
glossary), never by a value typed here. The last five guard the reading itself: a figure
tied to the wrong words (as from a PDF whose content stream no longer follows the slide's
text order) names no item of the deck, loses the budget beside it, stands under an
instrument its item does not offer, doubles a figure of its item, or gives a mineral a
second target.
"""

from __future__ import annotations

import pandas as pd

from extract.japanese import normalize
from extract.validate.tables import Check, Tables, format_amount, where

from . import glossary
from .parse.context import title_subject
from .reconcile import describe

PACKAGE_STAGE = "supplementary"
PROGRAMME_WORD = "利用産業"  # page 9's programme is the package pillar about 利用産業
NEW_ITEM = normalize("【新規】")  # new in the request: no budget the year before
LABELLED_STAGES = ("request", "budget")  # page 3 sets these under ＜出資＞-like labels


def package_rows(amounts: pd.DataFrame) -> tuple[pd.Series | None, pd.DataFrame]:
    """The FY2010 package's total row and its pillar rows (page 6)."""
    subjects = amounts["section_ja"].map(title_subject)
    totals = amounts[(amounts["item_ja"] == subjects) & (amounts["stage"] == PACKAGE_STAGE)]
    if len(totals) != 1:
        return None, amounts.iloc[0:0]
    total = totals.iloc[0]
    parts = amounts[
        (amounts["section_ja"] == total["section_ja"])
        & (amounts["page"] == total["page"])
        & (amounts.index != totals.index[0])
    ]
    return total, parts


def fy2010_package_total(tables: Tables) -> list[str]:
    """The FY2010 package's pillars add up to its stated total (120 + 420 + 460 = 1000億円)."""
    total, parts = package_rows(tables["amounts"])
    if total is None or len(parts) < 2:
        return ["the FY2010 package's total or its pillars were not found"]
    stated = int(total["amount"])
    summed = int(parts["amount"].sum())
    if stated == summed:
        return []
    terms = " + ".join(describe(row) for _, row in parts.iterrows())
    return [f"{terms} = {format_amount(summed, total['currency'])} ≠ stated total {describe(total)}"]


def group_sums(tables: Tables) -> list[str]:
    """A group's request and budget equal the sums of its members' (page 3's recycling box)."""
    amounts = tables["amounts"]
    failures = []
    for group, members in glossary.GROUPS.items():
        for stage in ("request", "budget"):
            rows = amounts[amounts["stage"] == stage]
            stated = rows[rows["item_ja"] == group]
            parts = rows[rows["item_ja"].isin(members)]
            if len(stated) != 1 or parts.empty:
                failures.append(f"{group} {stage}: the group's figure or its members' were not found")
                continue
            total = stated.iloc[0]
            summed = int(parts["amount"].sum())
            if summed != int(total["amount"]):
                terms = " + ".join(describe(row) for _, row in parts.iterrows())
                failures.append(
                    f"{terms} = {format_amount(summed, total['currency'])} ≠ {describe(total)}"
                )
    return failures


def subsidies_within_programme(tables: Tables) -> list[str]:
    """Page 9's recycling subsidies together fit inside the package pillar they came from."""
    cases, amounts = tables["recycling_cases"], tables["amounts"]
    _, parts = package_rows(amounts)
    programme = parts[parts["item_ja"].str.contains(PROGRAMME_WORD)]
    if cases.empty or len(programme) != 1:
        return ["page 9's subsidies or the 利用産業 pillar of the package were not found"]
    pillar = programme.iloc[0]
    summed = int(cases["subsidy"].sum())
    if summed <= int(pillar["amount"]):
        return []
    return [f"recycling subsidies sum to {format_amount(summed, 'JPY')} > {describe(pillar)}"]


def subsidies_are_amounts(tables: Tables) -> list[str]:
    """Each subsidy of page 9 is the amounts row its amount_id names: same mineral, value and line."""
    cases, amounts = tables["recycling_cases"], tables["amounts"]
    by_id = amounts.set_index("amount_id")
    failures = []
    for _, case in cases.iterrows():
        held = by_id.loc[case["amount_id"]] if case["amount_id"] in by_id.index else None
        if held is None or (held["item_ja"], held["page"], held["line"], int(held["amount"])) != (
                case["mineral_ja"], case["page"], case["line"], int(case["subsidy"])):
            failures.append(f"subsidy of {case['mineral_ja']} is not the amounts row "
                            f"{case['amount_id']} names ({where(case)})")
    return failures


def target_mineral_count(tables: Tables) -> list[str]:
    """'対象N鉱種' on pages 2 and 5 counts the minerals table's rows."""
    figures, minerals = tables["figures"], tables["minerals"]
    counts = figures[figures["reason"].fillna("").str.startswith("count of target minerals")]
    if counts.empty:
        return ["no 対象N鉱種 count was found"]
    return [
        f"対象{int(row['value'])}鉱種 but {len(minerals)} minerals were read ({where(row)})"
        for _, row in counts.iterrows()
        if int(row["value"]) != len(minerals)
    ]


def amount_items_named(tables: Tables) -> list[str]:
    """Every amount belongs to an item, project or mineral the deck's glossary names."""
    amounts = tables["amounts"]
    return [
        f"「{row['item_ja']}」 is not an item of this deck: {describe(row)}"
        for _, row in amounts.iterrows()
        if glossary.english(row["item_ja"]) is None
    ]


def instruments_offered(tables: Tables) -> list[str]:
    """A ＜…＞ instrument is one its item is named for; such items' requests and budgets have one."""
    amounts = tables["amounts"]
    kinds = glossary.INSTRUMENT_KINDS
    failures = []
    for _, row in amounts.iterrows():
        offered = {kind for kind in kinds if kind in row["item_ja"]}
        if pd.notna(row["instrument_ja"]):
            if not set(str(row["instrument_ja"]).split("・")) <= offered:
                failures.append(f"＜{row['instrument_ja']}＞ is not an instrument of its item: {describe(row)}")
        elif offered and row["stage"] in LABELLED_STAGES:
            failures.append(f"a figure of 「{row['item_ja']}」 under no ＜…＞ label: {describe(row)}")
    return failures


def one_figure_per_item_and_stage(tables: Tables) -> list[str]:
    """A page states one figure per item, stage, year and instrument (a second is misread)."""
    amounts = tables["amounts"]
    keys = ["page", "item_ja", "stage", "fiscal_year", "supplementary_round", "instrument_ja"]
    repeated = amounts[amounts[keys].astype(str).duplicated(keep=False)]
    return [f"one of two figures for the same item, stage and year: {describe(row)}"
            for _, row in repeated.iterrows()]


def one_target_per_mineral(tables: Tables) -> list[str]:
    """A mineral has one percent target of each kind on a page (page 5's table: one a row)."""
    targets = tables["targets"]
    by_mineral = targets[targets["row_ja"].isin(list(glossary.MINERALS))]
    repeated = by_mineral[by_mineral.duplicated(["page", "row_ja", "kind"], keep=False)]
    return [f"{row['row_ja']} has more than one {row['kind']} on page {row['page']}: "
            f"{row['percent']}% ({where(row)})" for _, row in repeated.iterrows()]


def _same(frame: pd.DataFrame, column: str, value) -> pd.Series:
    return frame[column].isna() if pd.isna(value) else frame[column] == value


def requests_beside_budgets(tables: Tables) -> list[str]:
    """Where 【…】 budgets are stated, each request has its item's budget or 【新規】 beside it."""
    amounts = tables["amounts"]
    budgets = amounts[amounts["stage"] == "budget"]
    requests = amounts[(amounts["stage"] == "request") & amounts["page"].isin(set(budgets["page"]))]
    failures = []
    for _, row in requests.iterrows():
        beside = budgets[(budgets["page"] == row["page"]) & (budgets["item_ja"] == row["item_ja"])]
        beside = beside[_same(beside, "instrument_ja", row["instrument_ja"])]
        if beside.empty and NEW_ITEM not in normalize(str(row["source_text"])):
            failures.append(f"a request with neither a budget nor 【新規】 beside it: {describe(row)}")
    return failures


DECK_CHECKS: dict[str, Check] = {
    "fy2010_package_total": fy2010_package_total,
    "recycling_group_sums": group_sums,
    "recycling_subsidies_within_programme": subsidies_within_programme,
    "recycling_subsidies_are_amounts": subsidies_are_amounts,
    "target_mineral_count": target_mineral_count,
    "amount_items_named": amount_items_named,
    "requests_beside_budgets": requests_beside_budgets,
    "instruments_offered": instruments_offered,
    "one_figure_per_item_and_stage": one_figure_per_item_and_stage,
    "one_target_per_mineral": one_target_per_mineral,
}
