"""Validate stage: pandera models (lazy, every failure) and the named reconciliations.

Returns a list of failure messages; empty means the tables may be written.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from extract.models import MODELS
from extract.reconcile import GENERIC_CHECKS, Check, Tables, where

MAX_CASES_PER_CHECK = 10


def _schema_failures(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Validate one table; on failure, one message per failing check and row."""
    try:
        return MODELS[name].validate(frame, lazy=True), []
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


def check_schemas(tables: Tables) -> tuple[Tables, list[str]]:
    """Every table against its model; returns the coerced tables and the failures."""
    checked: Tables = {}
    failures: list[str] = []
    for name in MODELS:
        if name not in tables:
            failures.append(f"[{name}] table missing")
            continue
        checked[name], messages = _schema_failures(name, tables[name])
        failures += messages
    return checked, failures


def check_reconciliations(tables: Tables, checks: dict[str, Check]) -> list[str]:
    """Run each named check on each source's rows; one message per failure."""
    failures: list[str] = []
    sources = sorted(set(tables["amounts"]["source"]) | set(tables["figures"]["source"]))
    for source in sources:
        subset = {name: frame[frame["source"] == source] for name, frame in tables.items()}
        for check_name, check in checks.items():
            try:
                problems = check(subset)
            except (KeyError, ValueError, TypeError) as error:  # a malformed table
                problems = [f"could not run: {error!r}"]
            failures += [f"[{check_name}] {source}: {problem}" for problem in problems]
    return failures


def validate(tables: Tables, deck_checks: dict[str, Check]) -> tuple[Tables, list[str]]:
    """Schemas first, then reconciliations; returns the typed tables and every failure."""
    checked, failures = check_schemas(tables)
    if any(name not in checked for name in MODELS):
        return checked, failures
    return checked, failures + check_reconciliations(checked, {**GENERIC_CHECKS, **deck_checks})
