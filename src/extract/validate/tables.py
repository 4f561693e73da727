"""Validate stage: a family's pandera models (lazy, every failure) and its named
reconciliations.

Returns a list of failure messages; empty means the tables may be written. A check is a
named function from the tables to a list of failure messages; a message names the figures
with their page, line and text as written (:func:`where`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd
import pandera.pandas as pa

if TYPE_CHECKING:
    from extract.families import Family
    from extract.validate.columns import Models

Tables = dict[str, pd.DataFrame]
Check = Callable[[Tables], list[str]]

MAX_CASES_PER_CHECK = 10
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
    """'p6 l21 「合計：１０００億円」' for a row (a table without lines: 'p6 「…」')."""
    line = f" l{row['line']}" if "line" in row.index else ""
    return f"p{row['page']}{line} 「{str(row['source_text']).strip()}」"


def _schema_failures(model: type[pa.DataFrameModel], name: str,
                     frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Validate one table; on failure, one message per failing check and row."""
    try:
        return model.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases.copy()
        row_check = cases["schema_context"] == "DataFrameSchema"
        # A row-wise check fails once per column of the row: report it once per row.
        cases.loc[row_check, ["column", "failure_case"]] = None
        cases = cases.drop_duplicates(["schema_context", "column", "check", "index"])
        messages = []
        for check, group in cases.groupby("check", sort=False):
            for _, case in group.head(MAX_CASES_PER_CHECK).iterrows():
                index = case["index"]
                place = ""
                if pd.notna(index) and index in frame.index:
                    row = frame.loc[index]
                    label = " ".join(str(row[c]) for c in (frame.columns[0], "amount_text", "text")
                                     if c in frame.columns)
                    place = f" row {label} at {where(row)}"
                what = f" column {case['column']} = {case['failure_case']!r}" if pd.notna(case["column"]) else ""
                messages.append(f"[{name}: {check}]{what}{place}")
            if len(group) > MAX_CASES_PER_CHECK:
                messages.append(f"[{name}: {check}] … and {len(group) - MAX_CASES_PER_CHECK} more")
        return frame, messages


def check_schemas(tables: Tables, models: Models) -> tuple[Tables, list[str]]:
    """Every table against its model; returns the coerced tables and the failures."""
    checked: Tables = {}
    failures: list[str] = []
    for name, model in models.items():
        if name not in tables:
            failures.append(f"[{name}] table missing")
            continue
        checked[name], messages = _schema_failures(model, name, tables[name])
        failures += messages
    return checked, failures


def check_reconciliations(tables: Tables, checks: Mapping[str, Check], per_source: bool = True) -> list[str]:
    """Run each named check on each source's rows (or, for a document given as a set of
    files, on all rows at once); one message per failure."""
    failures: list[str] = []
    sources = sorted({source for frame in tables.values() for source in frame["source"].dropna()})
    for source in sources if per_source else ["all sources"]:
        subset = ({name: frame[frame["source"] == source] for name, frame in tables.items()} if per_source
                  else tables)
        for check_name, check in checks.items():
            try:
                problems = check(subset)
            except (KeyError, ValueError, TypeError) as error:  # a malformed table
                problems = [f"could not run: {error!r}"]
            failures += [f"[{check_name}] {source}: {problem}" for problem in problems]
    return failures


def validate(tables: Tables, family: Family) -> tuple[Tables, list[str]]:
    """The family's schemas first, then its reconciliations; returns the typed tables and
    every failure."""
    checked, failures = check_schemas(tables, family.models)
    if any(name not in checked for name in family.models):
        return checked, failures
    return checked, failures + check_reconciliations(checked, family.checks, family.read_set is None)
