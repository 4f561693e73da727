"""What a council member reads first in ``report.html``: each side by 款 with its change
from last year, where the spending money comes from (財源), the largest 目 increases and
decreases, every row with its file and page; and the boxes of the debug images."""

from __future__ import annotations

from html import escape

import pandas as pd

from extract.read.document import BBox

Tables = dict[str, pd.DataFrame]
SIDE_NAMES = {"revenue": "歳入 revenue", "expenditure": "歳出 spending"}
FUNDING_NAMES = {"funding_national_prefectural": "国県支出金", "funding_bonds": "地方債",
                 "funding_other": "その他", "funding_general": "一般財源"}
LARGEST = 10


def _yen(value) -> str:
    return "" if pd.isna(value) else f"{int(value):,}"


def _table(head: tuple[str, ...], rows: list[tuple], numeric_from: int) -> str:
    cells = "".join(
        "<tr>" + "".join(f"<td class='num'>{escape(str(v))}</td>" if i >= numeric_from else f"<td>{escape(str(v))}</td>"
                         for i, v in enumerate(row)) + "</tr>" for row in rows)
    heads = "".join(f"<th>{escape(h)}</th>" for h in head)
    return f"<table><thead><tr>{heads}</tr></thead><tbody>{cells}</tbody></table>"


def _detail(lines: pd.DataFrame, level: str) -> pd.DataFrame:
    return lines[(lines["part"] == "detail") & (lines["level"] == level)]


def _summary(lines: pd.DataFrame, side: str) -> pd.DataFrame:
    return lines[(lines["part"] == "summary") & (lines["side"] == side)]


def by_kan(lines: pd.DataFrame, side: str) -> str:
    """One side's 款 with 本年度, 前年度 and 比較: as the 総括 states them; without a 総括, as
    the 明細書's 款 row states them, or where it states none (a heading with 本年度 only, or
    no 款 row), its 目 summed by 款 (named from the 第1表); each with its file and page."""
    head = ("款", "file", "page", "本年度 (yen)", "前年度 (yen)", "比較 (yen)")
    summary = _summary(lines, side)
    if len(summary):
        return _table(head, [(f"{r.kan}款 {r.name_ja}", r.source, r.page, _yen(r.amount), _yen(r.previous),
                              _yen(r.change)) for r in summary.itertuples(index=False)], 3)
    rows = lines[lines["side"] == side]
    names = rows[rows["level"] == "kan"].drop_duplicates("kan").set_index("kan")["name_ja"]
    moku = _detail(rows, "moku").groupby("kan")
    kans = _detail(rows, "kan").set_index("kan")
    table = []
    for kan, group in moku:
        summed = {c: group[c].sum(min_count=len(group)) for c in ("amount", "previous", "change")}
        first = kans.loc[kan] if kan in kans.index else group.iloc[0]
        stated = {c: first[c] for c in summed} if kan in kans.index else {}
        figures = tuple(stated[c] if pd.notna(stated.get(c)) else summed[c] for c in summed)
        table.append((f"{kan}款 {names.get(kan, '')}", first["source"], first["page"], *map(_yen, figures)))
    return _table(head, table, 3)


def _funded(lines: pd.DataFrame) -> pd.DataFrame:
    """The spending rows whose 財源 the book gives: the 総括's 款, else every 明細書 目."""
    summary = _summary(lines, "expenditure")
    rows = summary if len(summary) else _detail(lines, "moku")
    return rows[(rows["side"] == "expenditure") & rows["funding_read"].astype(bool)]


def funding(lines: pd.DataFrame) -> str:
    """Where the spending money comes from: the 財源 of the 総括's spending 款 (else of every
    spending 目), summed."""
    funded = _funded(lines)
    rows = [(name, _yen(funded[column].fillna(0).sum())) for column, name in FUNDING_NAMES.items()]
    return _table(("財源", "yen"), rows, 1)


def largest_changes(lines: pd.DataFrame) -> str:
    """The 目 whose amount rose or fell most from last year, each with its file and page."""
    moku = _detail(lines, "moku").dropna(subset=["change"])
    moku = moku.assign(size=moku["change"].astype("int64").abs()).sort_values(["size", "line_id"],
                                                                              ascending=[False, True])
    rows = [(SIDE_NAMES[row.side], f"{row.kan}款 {row.kou}項 {row.moku}目 {row.name_ja}", row.source, row.page,
             _yen(row.change), _yen(row.amount)) for row in moku.head(LARGEST).itertuples(index=False)]
    return _table(("side", "目", "file", "page", "比較 (yen)", "本年度 (yen)"), rows, 3)


def identities(checks: pd.DataFrame) -> str:
    """Each identity with how many places it holds, failed, was not made or differs (説明)."""
    counts = checks.groupby(["check", "status"]).size().unstack(fill_value=0)
    statuses = [s for s in ("holds", "failed", "not_made", "note") if s in counts.columns]
    rows = [(check, *(int(counts.loc[check, s]) for s in statuses)) for check in counts.index]
    return _table(("identity", *statuses), rows, 1)


def report_sections(tables: Tables) -> list[tuple[str, str]]:
    """The report's sections: each side by 款, 財源, the largest changes, every identity's count."""
    lines = tables["budget_lines"]
    read = set(_detail(lines, "moku")["side"]) | set(lines.loc[lines["part"] == "summary", "side"])
    sections = [(f"{SIDE_NAMES[side]} by 款 — 款別", by_kan(lines, side))
                for side in ("expenditure", "revenue") if side in read]
    if len(_funded(lines)):
        sections.append(("Where the spending money comes from — 財源内訳", funding(lines)))
    sections.append((f"The {LARGEST} largest changes from last year — 前年度からの増減", largest_changes(lines)))
    sections.append(("Every identity, place by place — 検算 (budget_checks)", identities(tables["budget_checks"])))
    return sections


def boxes_to_draw(tables: Tables) -> list[tuple[int, BBox, str]]:
    """The debug images' boxes: every line and every stated total, labelled with its id."""
    boxes = []
    for name, key in (("budget_lines", "line_id"), ("budget_totals", "total_id")):
        for row in tables[name].itertuples(index=False):
            box = BBox(row.x0, row.top, row.x1, row.bottom)
            boxes.append((int(row.page), box, f"{getattr(row, key)} {row.amount:,}"))
    return boxes
