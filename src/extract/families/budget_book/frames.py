"""Records → the tables' frames, and the tables back → records (pure, no I/O).

``budget_lines`` holds every 款/項/目/節, ``budget_totals`` every stated total (第1条, the
第1表's 合計, each 項's 計 row), ``budget_checks`` every identity at every place, naming
the row it is about (``row_id``). :func:`book_of` turns the written tables back into the
records the identities read, so ``extract check`` re-runs them from the files alone.
"""

from __future__ import annotations

import pandas as pd

from extract.families.budget_book.records import (
    FUNDING,
    Bond,
    Book,
    Check,
    Closing,
    DebtBurden,
    Line,
    Note,
    Total,
    Where,
)

DEPTH = {"kan": 1, "kou": 2, "moku": 3, "setsu": 4, "saisetsu": 5}
BOX = ("x0", "top", "x1", "bottom")
PROVENANCE = ("source", "page", *BOX, "source_text")
CHECK_COLUMNS = ["check_id", "check", "status", "row_id", "row", "stated", "computed", "reason", "source", "page"]
BOX_DIGITS = 2  # points to 1/100: what a workbook cell holds exactly, far finer than print


def _where_columns(where: Where) -> dict:
    return {"source": where.source, "page": where.page, **{b: round(getattr(where, b), BOX_DIGITS) for b in BOX},
            "source_text": where.text}


def _line_id(index: int) -> str:
    """The id of the ``index``-th line (from 1): L00001 …"""
    return f"L{index:05d}"


def _line_ids(book: Book) -> dict[tuple, str]:
    """Each line's key → its id (the first line of a key, should a key repeat)."""
    ids: dict[tuple, str] = {}
    for index, line in enumerate(book.lines, start=1):
        numbers = (line.kan, line.kou, line.moku, line.setsu, line.saisetsu)[:DEPTH[line.level]]
        ids.setdefault((line.part, line.side, *numbers), _line_id(index))
    return ids


def _parent_key(line: Line) -> tuple | None:
    depth = DEPTH[line.level] - 1
    return (line.part, line.side, *(line.kan, line.kou, line.moku, line.setsu)[:depth]) if depth else None


def row_ids(book: Book) -> dict[Where, str]:
    """Where each line and stated total stands → its row id in the tables."""
    ids: dict[Where, str] = {}
    for index, line in enumerate(book.lines, start=1):
        ids.setdefault(line.where, _line_id(index))
    for index, where in enumerate(_total_places(book), start=1):
        ids.setdefault(where, f"T{index:04d}")
    return ids


def _total_places(book: Book) -> list[Where]:
    return [t.where for t in book.totals] + [c.where for c in book.closings]


def _unverified(checks: list[Check], ids: dict[Where, str]) -> set[str]:
    return {ids[c.where] for c in checks if c.status == "failed" and c.where in ids}


def lines_frame(book: Book, checks: list[Check]) -> pd.DataFrame:
    """budget_lines: one row per line, with its parent's id; ``verified`` is false where a
    check about the line failed (written only with ``--keep-going``)."""
    keys, ids = _line_ids(book), row_ids(book)
    unverified = _unverified(checks, ids)
    rows = []
    for index, line in enumerate(book.lines, start=1):
        parent = _parent_key(line)
        rows.append({
            "line_id": _line_id(index), "part": line.part, "side": line.side, "level": line.level,
            "kan": line.kan, "kou": line.kou, "moku": line.moku, "setsu": line.setsu,
            "saisetsu": line.saisetsu, "name_ja": line.name_ja,
            "amount": line.amount, "previous": line.previous, "change": line.change,
            **{f: line.funding.get(f) for f in FUNDING}, "funding_read": bool(line.funding),
            "parent_id": keys.get(parent) if parent else None, "fiscal_year": book.fiscal_year,
            "verified": _line_id(index) not in unverified, **_where_columns(line.where),
        })
    return pd.DataFrame(rows)


def totals_frame(book: Book, checks: list[Check]) -> pd.DataFrame:
    """budget_totals: 第1条's 総額, the 第1表's and the 総括's 歳入合計 / 歳出合計, the 第3表's 計
    and each 項's 計 row, as stated."""
    unverified = _unverified(checks, row_ids(book))
    stated = [Total(t.name, t.side, t.amount, t.where, t.previous, t.change, t.funding) for t in book.totals]
    stated += [Total("closing", c.side, c.amount, c.where, c.previous, c.change) for c in book.closings]
    places = [(None, None)] * len(book.totals) + [(c.kan, c.kou) for c in book.closings]
    rows = [{"total_id": f"T{index:04d}", "kind": t.name, "side": t.side, "kan": kan, "kou": kou,
             "amount": t.amount, "previous": t.previous, "change": t.change,
             **{f: t.funding.get(f) for f in FUNDING}, "fiscal_year": book.fiscal_year,
             "verified": f"T{index:04d}" not in unverified, **_where_columns(t.where)}
            for index, (t, (kan, kou)) in enumerate(zip(stated, places, strict=True), start=1)]
    return pd.DataFrame(rows, columns=["total_id", "kind", "side", "kan", "kou", "amount", "previous", "change",
                                       *FUNDING, "fiscal_year", "verified", *PROVENANCE])


def bonds_frame(book: Book) -> pd.DataFrame:
    """bonds: the 第3表's purposes with their 限度額 and terms."""
    return pd.DataFrame([{"bond_id": f"B{index:04d}", "purpose": b.purpose, "limit": b.limit,
                          "method": b.method or None, "rate": b.rate or None, "redemption": b.redemption or None,
                          "fiscal_year": book.fiscal_year,
                          **_where_columns(b.where)} for index, b in enumerate(book.bonds, start=1)],
                        columns=["bond_id", "purpose", "limit", "method", "rate", "redemption", "fiscal_year",
                                 *PROVENANCE])


def debt_burdens_frame(book: Book) -> pd.DataFrame:
    """debt_burdens: the 第2表's 事項 with their 期間 and 限度額."""
    return pd.DataFrame([{"debt_id": f"D{index:04d}", "matter": d.matter, "period": d.period or None,
                          "first_year": d.first_year, "last_year": d.last_year, "limit": d.limit,
                          "limit_text": d.limit_text or None, "fiscal_year": book.fiscal_year,
                          **_where_columns(d.where)} for index, d in enumerate(book.debt_burdens, start=1)],
                        columns=["debt_id", "matter", "period", "first_year", "last_year", "limit", "limit_text",
                                 "fiscal_year", *PROVENANCE])


def _debt_burden(row) -> DebtBurden:
    return DebtBurden(str(row.matter), _printed(row.period), _int(row.limit), _printed(row.limit_text),
                      _int(row.first_year), _int(row.last_year), _where(row))


def notes_frame(book: Book) -> pd.DataFrame:
    """budget_notes: the 説明 entries, each naming the 目 it explains."""
    ids = row_ids(book)
    return pd.DataFrame([{"note_id": f"N{index:05d}", "line_id": ids[n.moku.where], "code": n.code,
                          "name_ja": n.name_ja, "amount": n.amount, "level": n.level,
                          "fiscal_year": book.fiscal_year, **_where_columns(n.where)}
                         for index, n in enumerate(book.notes, start=1)],
                        columns=["note_id", "line_id", "code", "name_ja", "amount", "level", "fiscal_year",
                                 *PROVENANCE])


def checks_frame(checks: list[Check], ids: dict[Where, str]) -> pd.DataFrame:
    """budget_checks: one row per identity at one place, naming the row it is about."""
    return pd.DataFrame([{
        "check_id": f"C{index:05d}", "check": c.name, "status": c.status,
        "row_id": ids.get(c.where) if c.where else None, "row": c.row,
        "stated": c.stated, "computed": c.computed, "reason": c.reason or None,
        "source": c.where.source if c.where else None, "page": c.where.page if c.where else None,
    } for index, c in enumerate(checks, start=1)], columns=CHECK_COLUMNS)


def _where(row) -> Where:
    return Where(str(row.source), int(row.page), float(row.x0), float(row.top), float(row.x1), float(row.bottom),
                 str(row.source_text))


def _printed(value) -> str:
    """A text cell as printed ('' where the page printed nothing)."""
    return "" if value is None or pd.isna(value) else str(value)


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _line(row) -> Line:
    funding = {f: _int(getattr(row, f)) for f in FUNDING} if bool(row.funding_read) else {}
    return Line(str(row.part), str(row.side), str(row.level), int(row.kan), _int(row.kou), _int(row.moku),
                _int(row.setsu), str(row.name_ja), int(row.amount), _where(row), _int(row.previous),
                _int(row.change), funding, _int(row.saisetsu))


def book_of(tables: dict[str, pd.DataFrame]) -> Book:
    """The written tables → the records the identities read (lines, 計 rows, totals)."""
    lines = tables["budget_lines"]
    totals = tables["budget_totals"]
    book = Book(lines=[_line(row) for row in lines.itertuples(index=False)])
    by_id = dict(zip(lines["line_id"], book.lines, strict=True))
    book.notes = [Note(by_id[row.line_id], _printed(row.code) or None, str(row.name_ja),
                       _int(row.amount), int(row.level), _where(row))
                  for row in tables["budget_notes"].itertuples(index=False) if row.line_id in by_id]
    for row in totals.itertuples(index=False):
        if row.kind == "closing":
            book.closings.append(Closing(str(row.side), int(row.kan), int(row.kou), int(row.amount),
                                         _int(row.previous), _int(row.change), _where(row)))
        else:
            funding = {f: _int(getattr(row, f)) for f in FUNDING}
            book.totals.append(Total(str(row.kind), _printed(row.side) or None, int(row.amount), _where(row),
                                     _int(row.previous), _int(row.change),
                                     funding if any(v is not None for v in funding.values()) else {}))
    book.bonds = [Bond(str(row.purpose), int(row.limit), _printed(row.method), _printed(row.rate),
                       _printed(row.redemption), _where(row)) for row in tables["bonds"].itertuples(index=False)]
    book.debt_burdens = [_debt_burden(row) for row in tables["debt_burdens"].itertuples(index=False)]
    years = lines["fiscal_year"].dropna()
    book.fiscal_year = int(years.iloc[0]) if len(years) else None
    return book
