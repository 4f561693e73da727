"""The identities of the 明細書's 総括: its 款 against the 第1表 and the 明細書, its 合計
against its 款, and the spending 款's 財源."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from extract.families.budget_book.checks import _compare, _complete, _row, kous_of_detail
from extract.families.budget_book.records import FUNDING, Book, Check, Line

COLUMNS = {"amount": "本年度", "previous": "前年度", "change": "比較"}


def _summary_kans(book: Book) -> list[Line]:
    return [x for x in book.lines if x.part == "summary"]


def _stated(book: Book, part: str, level: str) -> dict[tuple, Line]:
    return {(x.side, x.kan, x.kou): x for x in book.lines if x.part == part and x.level == level}


def summary_total_is_sum_of_kan(book: Book) -> Iterator[Check]:
    """総括 歳入合計 / 歳出合計 = Σ款 of the 総括, column by column: 本年度, 前年度, 比較 and
    each 財源 (an empty 財源 cell is 0); not made where the 款 numbers have a gap."""
    for total in (t for t in book.totals if t.name == "summary"):
        kans = [x for x in _summary_kans(book) if x.side == total.side]
        complete = bool(kans) and _complete([x.kan for x in kans])
        figures = [(COLUMNS[c], getattr(total, c), [getattr(x, c) for x in kans]) for c in COLUMNS]
        if total.funding:
            figures += [(f, total.funding.get(f) or 0, [x.funding.get(f) or 0 for x in kans]) for f in FUNDING]
        for column, stated, values in figures:
            row = f"総括 {total.side} 合計 {column}"
            if not complete or stated is None or any(v is None for v in values):
                yield Check("summary_total_is_sum_of_kan", "not_made", total.where, row, stated, None,
                            "a 款 of the 総括 or one of its figures is missing")
                continue
            computed = sum(v for v in values if v is not None)
            yield Check("summary_total_is_sum_of_kan", "holds" if stated == computed else "failed", total.where,
                        row, stated, computed)


def summary_matches_table1(book: Book) -> Iterator[Check]:
    """総括 款 本年度 = the 第1表's 款 金額 (not made where the 第1表 lists no such 款;
    nothing to compare where no 第1表 of that side was read)."""
    table1 = _stated(book, "table1", "kan")
    sides = {side for side, _, _ in table1}
    for kan in (x for x in _summary_kans(book) if x.side in sides):
        match = table1.get((kan.side, kan.kan, None))
        row = f"総括 {_row(kan)} = 第1表"
        yield _compare("summary_matches_table1", kan, kan.amount, match.amount if match else None, row)


def _detail_figures(book: Book) -> Callable[[Line], tuple[int | None, int | None]]:
    """For a 総括 款, the 明細書's 本年度 (its heading, else Σ of its 項 headings) and its
    前年度 (Σ of its 項's 計 rows); None where a part of it is not among the files. The book
    is indexed once."""
    headings = {(x.side, x.kan): x for x in book.lines if x.part == "detail" and x.level == "kan"}
    closings: dict[tuple[str, int, int | None], int | None] = {(c.side, c.kan, c.kou): c.previous
                                                                for c in book.closings}
    complete_kous = kous_of_detail(book)

    def of(kan: Line) -> tuple[int | None, int | None]:
        heading, kous = headings.get((kan.side, kan.kan)), complete_kous(kan)
        previous = None if kous is None else [closings.get((kan.side, kan.kan, x.kou)) for x in kous]
        amount = heading.amount if heading is not None else (None if kous is None else sum(x.amount for x in kous))
        return amount, None if previous is None or None in previous else sum(p for p in previous if p is not None)

    return of


def summary_matches_detail(book: Book) -> Iterator[Check]:
    """総括 款 本年度 = the 明細書's 款 (its heading, else Σ of its 項 headings), and 前年度 =
    Σ前年度 of its 項's 計 rows (not made where a part of that 款 is not among the files;
    nothing to compare where no 明細書 of that side was given)."""
    sides = {x.side for x in book.lines if x.part == "detail"}
    figures_of = _detail_figures(book)
    for kan in (x for x in _summary_kans(book) if x.side in sides):
        row = f"総括 {_row(kan)} = 明細書"
        amount, previous = figures_of(kan)
        for column, stated, computed in (("本年度", kan.amount, amount), ("前年度", kan.previous, previous)):
            if computed is None:
                yield Check("summary_matches_detail", "not_made", kan.where, f"{row} {column}", stated, None,
                            "a 明細書 page of this 款 is not among the files")
            else:
                yield _compare("summary_matches_detail", kan, stated, computed, f"{row} {column}")


def kan_is_sum_of_funding(book: Book) -> Iterator[Check]:
    """総括 spending 款: 本年度 = 国県支出金 + 地方債 + その他 + 一般財源 (an empty cell is 0)."""
    for kan in (x for x in _summary_kans(book) if x.side == "expenditure"):
        row = f"総括 {_row(kan)}"
        if not kan.funding:
            yield Check("kan_is_sum_of_funding", "not_made", kan.where, row, kan.amount, None, "no 財源 columns read")
            continue
        yield _compare("kan_is_sum_of_funding", kan, kan.amount, sum(kan.funding.get(f) or 0 for f in FUNDING), row)


SUMMARY_IDENTITIES = (summary_total_is_sum_of_kan, summary_matches_table1, summary_matches_detail,
                      kan_is_sum_of_funding)
