"""Records → the tables' frames (pure)."""

from __future__ import annotations

import pandas as pd

from extract.families.budget_book.records import FUNDING, Book, Check, Line


def _parent_key(line: Line) -> tuple | None:
    depth = {"kan": 0, "kou": 1, "moku": 2, "setsu": 3}[line.level]
    if depth == 0:
        return None
    numbers = (line.kan, line.kou, line.moku)[:depth]
    return (line.part, line.side, *numbers)


def lines_frame(book: Book) -> pd.DataFrame:
    """budget_lines: one row per line, with its parent's id."""
    ids: dict[tuple, str] = {}
    rows = []
    for index, line in enumerate(book.lines, start=1):
        line_id = f"L{index:05d}"
        depth = {"kan": 1, "kou": 2, "moku": 3, "setsu": 4}[line.level]
        ids.setdefault((line.part, line.side, *(line.kan, line.kou, line.moku, line.setsu)[:depth]), line_id)
        parent = _parent_key(line)
        where = line.where
        rows.append({
            "line_id": line_id, "part": line.part, "side": line.side, "level": line.level,
            "kan": line.kan, "kou": line.kou, "moku": line.moku, "setsu": line.setsu, "name_ja": line.name_ja,
            "amount": line.amount, "previous": line.previous, "change": line.change,
            **{f: line.funding.get(f) for f in FUNDING},
            "parent_id": ids.get(parent) if parent else None, "fiscal_year": book.fiscal_year,
            "source": where.source, "page": where.page, "x0": where.x0, "top": where.top, "x1": where.x1,
            "bottom": where.bottom, "source_text": where.text,
        })
    return pd.DataFrame(rows)


def checks_frame(checks: list[Check]) -> pd.DataFrame:
    """budget_checks: one row per identity at one place."""
    return pd.DataFrame([{
        "check": c.name, "status": c.status, "row": c.row, "stated": c.stated, "computed": c.computed,
        "reason": c.reason or None, "source": c.where.source if c.where else None,
        "page": c.where.page if c.where else None,
    } for c in checks], columns=["check", "status", "row", "stated", "computed", "reason", "source", "page"])


def failure_message(check: Check) -> str:
    """One failed check in one line: name, where, row, stated and computed."""
    place = f"{check.where.source} p.{check.where.page}" if check.where else "?"
    extra = f" ({check.reason})" if check.reason else ""
    return f"{check.name}: {place}, {check.row}: stated {check.stated}, computed {check.computed}{extra}"
