"""Reconciliations that hold for any budget deck read into the deck's tables.

Each check is a named function from the tables to a list of failure messages; a message
names the figures with their page, line and text as written.
"""

from __future__ import annotations

import pandas as pd

from extract.validate.tables import Check, Tables, format_amount, where

from .models import FOREIGN_KEYS, PRIMARY_KEYS


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


RESTATEMENT_KEYS = ["source", "item_ja", "stage", "fiscal_year", "supplementary_round", "currency"]


def restatements(amounts: pd.DataFrame) -> pd.Series:
    """The ``restates`` column: for a figure stated again on a later page (same item, stage,
    year, round and currency), the amount_id of its first statement; None for the rest."""
    restates = pd.Series(None, index=amounts.index, dtype=object)
    for _, group in amounts.groupby(RESTATEMENT_KEYS, dropna=False, sort=False):
        ordered = group.sort_values(["page", "line"], kind="stable")
        first = ordered.iloc[0]
        later = ordered.index[ordered["page"] > first["page"]]
        restates[later] = first["amount_id"]
    return restates


def restated_figures_agree(tables: Tables) -> list[str]:
    """A figure stated on two pages (same item, stage, year, round) has one value."""
    amounts = tables["amounts"]
    failures = []
    for _, group in amounts.groupby(RESTATEMENT_KEYS, dropna=False):
        if group["page"].nunique() > 1 and group["amount"].nunique() > 1:
            failures.append("restated on another page with another value: " + " vs ".join(
                describe(row) for _, row in group.iterrows()))
    return failures


def restatements_marked(tables: Tables) -> list[str]:
    """``restates`` names the first statement of every figure stated again on a later page,
    and nothing else: summing the rows where it is empty counts each figure once."""
    amounts = tables["amounts"]
    expected = restatements(amounts)
    failures = []
    for index, row in amounts.iterrows():
        should, does = expected[index], row["restates"]
        if (pd.isna(should) and pd.isna(does)) or should == does:
            continue
        wanted = "no restates" if pd.isna(should) else f"restates {should}"
        failures.append(f"{row['amount_id']} has restates {does if pd.notna(does) else 'empty'}, "
                        f"expected {wanted}: {describe(row)}")
    return failures


def foreign_keys_hold(tables: Tables) -> list[str]:
    """Every key a row gives (amounts.measure_id, amounts.restates, recycling_cases.amount_id,
    recycling_cases.element) names a row of the table it points to."""
    failures = []
    for key in FOREIGN_KEYS:
        frame, target = tables[key.table], tables[key.reference]
        known = set(target[PRIMARY_KEYS[key.reference]].dropna())
        for _, row in frame[frame[key.column].notna()].iterrows():
            if row[key.column] not in known:
                failures.append(f"{key.table} {row.iloc[0]}: {key.column} {row[key.column]} is no "
                                f"{key.reference}.{PRIMARY_KEYS[key.reference]} ({where(row)})")
    return failures


def measure_ids_match_items(tables: Tables) -> list[str]:
    """An amount's measure_id is the measure named like its item, and every amount of a
    measure's item has it."""
    amounts, measures = tables["amounts"], tables["measures"]
    by_item = dict(zip(measures["item_ja"], measures["measure_id"], strict=False))
    failures = []
    for _, row in amounts.iterrows():
        should, does = by_item.get(row["item_ja"]), row["measure_id"]
        if (should is None and pd.isna(does)) or should == does:
            continue
        failures.append(f"{row['amount_id']} has measure_id {does if pd.notna(does) else 'empty'}, "
                        f"its item's measure is {should or 'none'}: {describe(row)}")
    return failures


def census_holds_every_amount(tables: Tables) -> list[str]:
    """Each amounts row is a number of the text: a census figure's held_by_row names it.
    (The other direction, every census amount held by a row, is the figures model's
    amounts_are_held.)"""
    amounts, figures = tables["amounts"], tables["figures"]
    holding = figures[figures["held_by_table"] == "amounts"]
    held = set(zip(holding["source"], holding["held_by_row"], strict=False))
    return [
        f"amount not found among the document's numbers: {describe(row)}"
        for _, row in amounts.iterrows()
        if (row["source"], row["amount_id"]) not in held
    ]


def parts_add_up(tables: Tables) -> list[str]:
    """A figure whose parts are all listed (parts_listed all) is their sum; one whose page lists
    only some (some) is no smaller than their sum; a part and its whole share a currency, and
    every whole named in part_of says how its parts are listed."""
    amounts = tables["amounts"]
    failures = []
    parts = amounts[amounts["part_of"].notna()]
    wholes = amounts.set_index("amount_id")
    for whole_id, members in parts.groupby("part_of", sort=True):
        if whole_id not in wholes.index:
            continue  # foreign_keys_hold names it
        whole = wholes.loc[whole_id]
        summed, stated = int(members["amount"].sum()), int(whole["amount"])
        terms = " + ".join(describe(row) for _, row in members.iterrows())
        if set(members["currency"]) != {whole["currency"]}:
            failures.append(f"parts in another currency than their whole {whole_id}: {terms}")
        elif whole["parts_listed"] == "all" and summed != stated:
            failures.append(f"{terms} = {format_amount(summed, whole['currency'])} ≠ {whole_id} "
                            f"{describe(whole)}, which lists all its parts")
        elif whole["parts_listed"] == "some" and summed > stated:
            failures.append(f"{terms} = {format_amount(summed, whole['currency'])} > {whole_id} {describe(whole)}")
        elif whole["parts_listed"] not in ("all", "some"):
            failures.append(f"{whole_id} has parts but parts_listed is empty: {describe(whole)}")
    unnamed = amounts[amounts["parts_listed"].notna() & ~amounts["amount_id"].isin(parts["part_of"])]
    failures += [f"{row['amount_id']} says parts_listed {row['parts_listed']} but no row is part of it: "
                 f"{describe(row)}" for _, row in unnamed.iterrows()]
    return failures


GENERIC_CHECKS: dict[str, Check] = {
    "request_frame_within_request": request_frame_within_request,
    "restated_figures_agree": restated_figures_agree,
    "restatements_marked": restatements_marked,
    "foreign_keys_hold": foreign_keys_hold,
    "measure_ids_match_items": measure_ids_match_items,
    "census_holds_every_amount": census_holds_every_amount,
    "parts_add_up": parts_add_up,
}
