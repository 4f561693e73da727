"""Reconciliations that hold for any budget deck read into these tables.

Each check is a named function from the tables to a list of failure messages; a message
names the figures with their page, line and text as written.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pandas as pd

Tables = dict[str, pd.DataFrame]
Check = Callable[[Tables], list[str]]

OKU = 10**8  # 億
MILLION = 10**6


def format_amount(amount: int, currency: str) -> str:
    """1240000000 JPY -> '12.4億円'; 250000000 USD -> '250百万$'."""
    if currency == "JPY":
        return f"{(Decimal(amount) / OKU).normalize():f}億円"
    if currency == "USD":
        return f"{(Decimal(amount) / MILLION).normalize():f}百万$"
    return f"{amount} {currency}"


def where(row: pd.Series) -> str:
    """'p6 l21 「合計：１０００億円」' for a row."""
    return f"p{row['page']} l{row['line']} 「{str(row['source_text']).strip()}」"


def describe(row: pd.Series) -> str:
    """An amounts row as a reader would cite it: item, stage, figure, place."""
    return f"{row['item_ja']} {row['stage']} {format_amount(int(row['amount']), row['currency'])} ({where(row)})"


def request_frame_within_request(tables: Tables) -> list[str]:
    """Every うち要望枠 is part of a request on the same page, and no larger than it."""
    amounts = tables["amounts"]
    keys = ["source", "page", "item_ja", "fiscal_year"]
    requests = amounts[amounts["stage"] == "request"]
    failures = []
    for _, frame in amounts[amounts["stage"] == "request_frame"].iterrows():
        match = requests
        for key in keys:
            match = match[match[key] == frame[key]]
        if match.empty:
            failures.append(f"request frame with no request: {describe(frame)}")
        elif int(frame["amount"]) > int(match["amount"].max()):
            failures.append(
                f"request frame larger than its request: {describe(frame)} > {describe(match.iloc[0])}"
            )
    return failures


def restated_figures_agree(tables: Tables) -> list[str]:
    """A figure stated on two pages (same item, stage, year, round) has one value."""
    amounts = tables["amounts"]
    keys = ["source", "item_ja", "stage", "fiscal_year", "supplementary_round", "currency"]
    failures = []
    for _, group in amounts.groupby(keys, dropna=False):
        if group["page"].nunique() > 1 and group["amount"].nunique() > 1:
            failures.append("restated on another page with another value: " + " vs ".join(
                describe(row) for _, row in group.iterrows()))
    return failures


def census_holds_every_amount(tables: Tables) -> list[str]:
    """Each amounts row is one figure of the census, and each census amount is a row."""
    amounts, figures = tables["amounts"], tables["figures"]
    holding = figures[figures["held_by_table"] == "amounts"]
    held = set(zip(holding["source"], holding["held_by_row"]))
    return [
        f"amount not found among the document's numbers: {describe(row)}"
        for _, row in amounts.iterrows()
        if (row["source"], row["amount_id"]) not in held
    ]


GENERIC_CHECKS: dict[str, Check] = {
    "request_frame_within_request": request_frame_within_request,
    "restated_figures_agree": restated_figures_agree,
    "census_holds_every_amount": census_holds_every_amount,
}
