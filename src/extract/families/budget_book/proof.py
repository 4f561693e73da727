"""The book's tables proven from themselves: what ``extract check`` re-runs on the files.

Each check takes the tables (as written, or as read back from disk) and returns its
failures. The statutory identities are re-run on the records the tables hold, and must
give exactly the rows ``budget_checks`` lists; a run stops on a failed identity unless
``--keep-going`` wrote it, and then the rows it is about say ``verified`` false.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from extract.families.budget_book.checks_book import IDENTITIES
from extract.families.budget_book.frames import book_of
from extract.families.budget_book.records import LEVELS

Tables = dict[str, pd.DataFrame]
PLACED = "figure_placed"  # a figure the reader could not place: recorded, not re-computable


def _figure(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _outcome(check: str, status: str, row: str, stated, computed) -> tuple:
    return (check, status, row, _figure(stated), _figure(computed))


def identities_rerun_from_the_tables(tables: Tables) -> list[str]:
    """Every identity (款 = Σ項, 項 = Σ目, 目 = Σ節, 比較, 財源, 第1表 = 明細書, 合計, 第1条),
    re-run on the lines and totals as written, gives exactly the outcomes budget_checks lists."""
    book = book_of(tables)
    computed = Counter(_outcome(c.name, c.status, c.row, c.stated, c.computed)
                       for identity in IDENTITIES for c in identity(book))
    listed = Counter(_outcome(r.check, r.status, r.row, r.stated, r.computed)
                     for r in tables["budget_checks"].itertuples(index=False) if r.check != PLACED)
    failures = [f"identities_rerun_from_the_tables: budget_checks lists {o[0]} {o[1]} at {o[2]} "
                f"(stated {o[3]}, computed {o[4]}) but the tables give no such outcome"
                for o in sorted((listed - computed).elements(), key=str)]
    failures += [f"identities_rerun_from_the_tables: {o[0]} {o[1]} at {o[2]} (stated {o[3]}, computed {o[4]}) "
                 f"is missing from budget_checks" for o in sorted((computed - listed).elements(), key=str)]
    return failures


def unverified_rows_are_the_failed_ones(tables: Tables) -> list[str]:
    """A row is marked ``verified`` false exactly when a check about it failed, and every
    check's row_id names a row of budget_lines or budget_totals."""
    checks = tables["budget_checks"]
    rows = pd.concat([tables["budget_lines"].set_index("line_id")["verified"],
                      tables["budget_totals"].set_index("total_id")["verified"]])
    named = set(checks["row_id"].dropna())
    failures = [f"unverified_rows_are_the_failed_ones: budget_checks names row {i}, which no table holds"
                for i in sorted(named - set(rows.index))]
    failed = set(checks.loc[checks["status"] == "failed", "row_id"].dropna())
    unverified = set(rows.index[~rows.astype(bool)])
    failures += [f"unverified_rows_are_the_failed_ones: row {i} is marked unverified but no check about it failed"
                 for i in sorted(unverified - failed)]
    failures += [f"unverified_rows_are_the_failed_ones: row {i} is marked verified but a check about it failed"
                 for i in sorted(failed - unverified)]
    return failures


def parents_are_the_level_above(tables: Tables) -> list[str]:
    """Each line's parent_id names the 款/項/目 above it, with the same numbers and side."""
    rows = tables["budget_lines"].to_dict("records")
    by_id = {row["line_id"]: row for row in rows}
    above = {"kou": "kan", "moku": "kou", "setsu": "moku", "saisetsu": "setsu"}
    failures = []
    for row in rows:
        parent = by_id.get(row["parent_id"]) if not pd.isna(row["parent_id"]) else None
        if row["level"] == "kan" or parent is None:
            continue
        same = all(parent[n] == row[n] or pd.isna(parent[n]) for n in LEVELS[:LEVELS.index(row["level"])])
        if (parent["level"], parent["side"], parent["part"]) != (above[row["level"]], row["side"], row["part"]) \
                or not same:
            failures.append(f"parents_are_the_level_above: {row['line_id']} ({row['level']} {row['name_ja']}, "
                            f"p.{row['page']}) has parent {row['parent_id']} ({parent['level']} {parent['name_ja']})")
    return failures


def failed_identities(tables: Tables) -> list[str]:
    """The identities that do not hold, one line each (page, row, stated, computed)."""
    checks = tables["budget_checks"]
    return [f"{r.check}: {r.source} p.{r.page}, {r.row}: stated {r.stated}, computed {r.computed}"
            + (f" ({r.reason})" if isinstance(r.reason, str) else "")
            for r in checks.loc[checks["status"] == "failed"].itertuples(index=False)]


CHECKS = {check.__name__: check for check in (
    identities_rerun_from_the_tables, unverified_rows_are_the_failed_ones, parents_are_the_level_above)}


def summary(tables: Tables) -> str:
    """What a run wrote, as the budget command has always said it."""
    counts = Counter(tables["budget_checks"]["status"])
    return (f"{len(tables['budget_lines'])} budget lines and {len(tables['budget_checks'])} checks "
            f"({counts['holds']} hold, {counts['failed']} failed, {counts['not_made']} not made)")
