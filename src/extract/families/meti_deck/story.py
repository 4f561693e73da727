"""The deck's story in three charts for ``report.html`` (which rows make which chart), the
report's table of every amount, and the boxes its debug images draw.

The FY2012 request against the FY2011 budget per measure (page 3), the FY2010
supplementary package by pillar (page 6) and the recycling subsidies by mineral (page 9).
Rows are chosen by what the tables say (stage, year, the package's title, the subsidies'
keys), never by a value typed here.
"""

from __future__ import annotations

import pandas as pd

from extract.japanese import normalize
from extract.publish.report import Bar, Category, Chart, escape
from extract.read.document import BBox
from extract.validate.columns import BOX_COLUMNS
from extract.validate.tables import Tables, format_amount

from .checks import NEW_ITEM, package_rows

REQUEST, BUDGET = "request", "budget"
NEW_NOTE = "【新規】 new"


def _bar(row: pd.Series, series: str) -> Bar:
    where = f"p{row['page']} l{row['line']} 「{str(row['source_text']).strip()}」"
    return Bar(series, int(row["amount"]), row["currency"], row["amount_id"], where)


def _marked_new(request: pd.Series) -> bool:
    """The request's line marks it 【新規】 after the figure (JOGMEC's ３４０億円【新規】, new
    under an instrument its measure did not offer before)."""
    line, written = str(request["source_text"]), str(request["amount_text"])
    at = line.find(written)
    return at >= 0 and NEW_ITEM in normalize(line[at + len(written):])


def _same(values: pd.Series, value) -> pd.Series:
    return values.isna() if pd.isna(value) else values == value


def requests_against_budgets(tables: Tables) -> Chart | None:
    """Each measure's request beside its 【…】 budget of the year before (page 3)."""
    amounts, measures = tables["amounts"], tables["measures"]
    first = amounts[amounts["restates"].isna()]
    requests = first[(first["stage"] == REQUEST) & first["measure_id"].notna()]
    if requests.empty:
        return None
    year = int(requests["fiscal_year"].max())
    requests = requests[requests["fiscal_year"] == year]
    budgets = first[(first["stage"] == BUDGET) & (first["fiscal_year"] == year - 1)]
    new = set(measures.loc[measures["new_in_request"], "measure_id"])
    categories = []
    for _, request in requests.iterrows():
        beside = budgets[(budgets["item_ja"] == request["item_ja"]) & (budgets["page"] == request["page"])
                         & _same(budgets["instrument_ja"], request["instrument_ja"])]
        label = request["item_ja"]
        if pd.notna(request["instrument_ja"]):
            label += f"＜{request['instrument_ja']}＞"
        bars = (_bar(request, REQUEST), *(_bar(row, BUDGET) for _, row in beside.head(1).iterrows()))
        marked = request["measure_id"] in new or _marked_new(request)
        categories.append(Category(label, bars, NEW_NOTE if marked else ""))
    return Chart(
        title=f"FY{year} request against the FY{year - 1} budget, per measure — 概算要求額と前年度予算額",
        caption=("Each measure's request (dark) beside the budget of the year before (light: the deck's "
                 "【…】 figure). 【新規】: new, no budget the year before. A request frame (うち要望枠) is "
                 "part of its request and is not drawn; supplementary budgets are in the table below."),
        series=((REQUEST, f"FY{year} request 概算要求額", "#1f5fa8"),
                (BUDGET, f"FY{year - 1} budget 予算額【…】", "#9fb8d9")),
        categories=tuple(categories),
        slug="requests",
    )


def package_by_pillar(tables: Tables) -> Chart | None:
    """The FY2010 supplementary package's pillars and the total they add up to (page 6)."""
    total, parts = package_rows(tables["amounts"])
    if total is None or parts.empty:
        return None
    year = "" if pd.isna(total["fiscal_year"]) else f"FY{int(total['fiscal_year'])} "
    return Chart(
        title=(f"The {year}supplementary package, {format_amount(int(total['amount']), total['currency'])}, "
               f"by pillar — {total['item_ja']}"),
        caption="Each pillar of the package and the stated total they add up to (check fy2010_package_total).",
        series=(("pillar", "pillar 柱", "#2e7d4f"),),
        categories=tuple(Category(row["item_ja"], (_bar(row, "pillar"),)) for _, row in parts.iterrows()),
        total=_bar(total, "total"),
        total_label="合計 total",
        slug="package",
    )


def subsidies_by_mineral(tables: Tables) -> Chart | None:
    """Page 9's recycling subsidies, one bar per mineral, with the number of projects."""
    cases, amounts = tables["recycling_cases"], tables["amounts"]
    if cases.empty:
        return None
    held = amounts.set_index("amount_id")
    categories = []
    for _, case in cases.iterrows():
        row = held.loc[case["amount_id"]].copy()
        row["amount_id"] = case["amount_id"]
        categories.append(Category(f"{case['mineral_ja']} ({case['element']})", (_bar(row, "subsidy"),),
                                   f"{case['cases']}件 projects"))
    return Chart(
        title="Recycling subsidies by mineral — リサイクル事業の補助額（鉱種別）",
        caption=("Subsidies to recycling projects from the package's 利用産業 pillar (page 9), with the "
                 "number of projects per mineral."),
        series=(("subsidy", "subsidy 補助額", "#c0622b"),),
        categories=tuple(categories),
        slug="subsidies",
    )


def story(tables: Tables) -> list[Chart]:
    """The charts of the report, in the deck's order."""
    charts = (requests_against_budgets(tables), package_by_pillar(tables), subsidies_by_mineral(tables))
    return [chart for chart in charts if chart is not None]


def amounts_section(amounts: pd.DataFrame) -> str:
    """Every amount with its page, line and the line as written; each row an anchor."""
    rows = []
    for _, row in amounts.iterrows():
        restates = f" (restates {row['restates']})" if pd.notna(row["restates"]) else ""
        rows.append(
            f'<tr id="{escape(row["amount_id"])}"><td>{escape(row["amount_id"])}</td>'
            f"<td>{escape(row['item_ja'])}</td><td>{escape(row['stage'])}{escape(restates)}</td>"
            f"<td class='num'>{escape(format_amount(int(row['amount']), row['currency']))}</td>"
            f"<td class='num'>{escape(row['amount_text'])}</td><td class='num'>{row['page']}</td>"
            f"<td class='num'>{row['line']}</td><td class='src'>{escape(str(row['source_text']).strip())}</td></tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("id", "item", "stage", "amount", "as written", "page", "line",
                                             "the line as written"))
    return f"<table class='amounts'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def report_sections(tables: Tables) -> list[tuple[str, str]]:
    """The report's sections after the charts: every amount, where it was read."""
    return [("Every amount, where it was read — 金額の出典", amounts_section(tables["amounts"]))]


def _bbox(row) -> BBox | None:
    edges = [getattr(row, edge) for edge in BOX_COLUMNS]
    if any(pd.isna(edge) for edge in edges):
        return None
    return BBox(*(float(edge) for edge in edges))


def boxes_to_draw(tables: Tables) -> list[tuple[int, BBox, str]]:
    """The debug images' boxes: every amounts row, and every figure no amounts row holds."""
    boxes: list[tuple[int, BBox, str]] = []
    for row in tables["amounts"].itertuples(index=False):
        box = _bbox(row)
        if box is not None:
            boxes.append((int(row.page), box, f"amounts {row.amount_id} {row.amount_text}"))
    for row in tables["figures"].itertuples(index=False):
        box = _bbox(row)
        if box is not None and row.held_by_table != "amounts":
            boxes.append((int(row.page), box, f"figures {row.figure_id} {row.text}"))
    return boxes
