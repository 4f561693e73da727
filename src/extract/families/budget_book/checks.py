"""The statutory identities of a budget book, each a named function over the records.

Each returns :class:`Check` values: ``holds``, ``failed`` (stated ≠ computed) or
``not_made`` (a part it needs is not in the files given: never counted as passed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from extract.families.budget_book.records import FUNDING, Book, Check, Closing, Line


def _row(line: Line) -> str:
    numbers = [f"{n}{mark}" for n, mark in ((line.kan, "款"), (line.kou, "項"), (line.moku, "目"),
                                             (line.setsu, "節"), (line.saisetsu, "細節")) if n is not None]
    return f"{line.side} {' '.join(numbers)} {line.name_ja}"


def _compare(name: str, line: Line, stated: int | None, computed: int | None, row: str | None = None) -> Check:
    if stated is None or computed is None:
        return Check(name, "not_made", line.where, row or _row(line), stated, computed, "a figure is missing")
    return Check(name, "holds" if stated == computed else "failed", line.where, row or _row(line), stated, computed)


def _children(book: Book, part: str, level: str) -> dict[tuple, list[Line]]:
    parents = {"kou": 2, "moku": 3, "setsu": 4, "saisetsu": 5}[level]
    found: dict[tuple, list[Line]] = defaultdict(list)
    for line in book.lines:
        if line.part == part and line.level == level:
            found[(line.side, line.kan, line.kou, line.moku, line.setsu, line.saisetsu)[:parents]].append(line)
    return found


def _complete(numbers: list[int | None]) -> bool:
    """Numbered children run 1, 2, … n without a gap (unnumbered ones, like 廃目, aside)."""
    present = sorted(n for n in numbers if n is not None)
    return present == list(range(1, len(present) + 1))


def _increasing(numbers: list[int | None]) -> bool:
    """Numbered children in rising order, none twice (節 numbers are statutory: gaps are normal)."""
    present = [n for n in numbers if n is not None]
    return all(a < b for a, b in zip(present, present[1:], strict=False))


def kous_of_detail(book: Book) -> Callable[[Line], list[Line] | None]:
    """For a 款, its 項 in the 明細書: None unless every one is there (as many as the 第1表
    lists, numbered without a gap). The book is indexed once."""
    detail, listed = _children(book, "detail", "kou"), _children(book, "table1", "kou")

    def of(kan: Line) -> list[Line] | None:
        kous = detail.get((kan.side, kan.kan), [])
        complete = kous and len(kous) >= len(listed.get((kan.side, kan.kan), [])) and _complete([x.kou for x in kous])
        return kous if complete else None

    return of


def kan_is_sum_of_kou(book: Book) -> Iterator[Check]:
    """款 = Σ項, in the 明細書 and in the 第1表 (not made where a 項 the 第1表 lists is
    missing from the files)."""
    listed = _children(book, "table1", "kou")
    children = {"table1": listed, "detail": _children(book, "detail", "kou")}
    for kan in (x for x in book.lines if x.level == "kan" and x.part in children):
        parts = children[kan.part].get((kan.side, kan.kan), [])
        expected = len(listed.get((kan.side, kan.kan), [])) or len(parts)
        if not parts or len(parts) < expected or not _complete([p.kou for p in parts]):
            yield Check("kan_is_sum_of_kou", "not_made", kan.where, _row(kan), kan.amount, None, "a 項 is missing")
            continue
        yield _compare("kan_is_sum_of_kou", kan, kan.amount, sum(p.amount for p in parts))


def kou_is_sum_of_moku(book: Book) -> Iterator[Check]:
    """項 = Σ目: the 項 heading and its 計 row (本年度, 前年度) against its 目 rows; the 計
    row's 比較 = its 本年度 − 前年度."""
    mokus = _children(book, "detail", "moku")
    closings: dict[tuple[str, int, int | None], Closing] = {(c.side, c.kan, c.kou): c for c in book.closings}
    for kou in (x for x in book.lines if x.part == "detail" and x.level == "kou"):
        parts = mokus.get((kou.side, kou.kan, kou.kou), [])
        if not parts or not _complete([p.moku for p in parts]):
            yield Check("kou_is_sum_of_moku", "not_made", kou.where, _row(kou), kou.amount, None, "no 目 read")
            continue
        yield _compare("kou_is_sum_of_moku", kou, kou.amount, sum(p.amount for p in parts))
        closing = closings.get((kou.side, kou.kan, kou.kou))
        if closing is None:
            yield Check("kou_closing_total", "not_made", kou.where, _row(kou), kou.amount, None, "no 計 row read")
            continue
        row = f"{_row(kou)} 計"
        for label, stated, column in (("amount", closing.amount, "amount"), ("previous", closing.previous, "previous")):
            values = [getattr(p, column) for p in parts]
            computed = None if any(v is None for v in values) else sum(values)
            check = _compare(f"kou_closing_total_{label}", kou, stated, computed, row)
            yield Check(check.name, check.status, closing.where, row, stated, computed, check.reason)
        # the 計 row's 比較 against its own 本年度 − 前年度 (a wrong 目 比較 is that 目's failure only)
        computed = None if closing.previous is None else closing.amount - closing.previous
        check = _compare("kou_closing_change_is_difference", kou, closing.change, computed, row)
        yield Check(check.name, check.status, closing.where, row, closing.change, computed, check.reason)


def moku_is_sum_of_setsu(book: Book) -> Iterator[Check]:
    """目 = Σ節 (本年度予算額 against the 節 金額 beside it)."""
    setsus = _children(book, "detail", "setsu")
    for moku in (x for x in book.lines if x.part == "detail" and x.level == "moku"):
        parts = setsus.get((moku.side, moku.kan, moku.kou, moku.moku), [])
        if moku.moku is None and not parts:
            continue  # an abolished 目 (廃目) has no 節
        if not parts or not _increasing([p.setsu for p in parts]):
            yield Check("moku_is_sum_of_setsu", "not_made", moku.where, _row(moku), moku.amount, None, "no 節 read")
            continue
        yield _compare("moku_is_sum_of_setsu", moku, moku.amount, sum(p.amount for p in parts))


def setsu_is_sum_of_saisetsu(book: Book) -> Iterator[Check]:
    """節 = Σ細節, where the page breaks a 節 down into unnumbered items (職員手当等 into
    管理職手当, 扶養手当 …); a 節 printed without items has nothing to check."""
    items = _children(book, "detail", "saisetsu")
    for setsu in (x for x in book.lines if x.part == "detail" and x.level == "setsu"):
        parts = items.get((setsu.side, setsu.kan, setsu.kou, setsu.moku, setsu.setsu), [])
        if parts:
            yield _compare("setsu_is_sum_of_saisetsu", setsu, setsu.amount, sum(p.amount for p in parts))


def change_is_difference(book: Book) -> Iterator[Check]:
    """比較 = 本年度 − 前年度 on every 目 row of the 明細書 and every 款 row of its 総括."""
    for line in book.lines:
        if (line.part, line.level) in (("detail", "moku"), ("summary", "kan")):
            computed = None if line.previous is None else line.amount - line.previous
            row = f"総括 {_row(line)}" if line.part == "summary" else None
            yield _compare("change_is_difference", line, line.change, computed, row)


def moku_is_sum_of_funding(book: Book) -> Iterator[Check]:
    """Spending 目: 本年度 = 国県支出金 + 地方債 + その他 + 一般財源 (an empty cell is 0)."""
    for moku in (x for x in book.lines if x.part == "detail" and x.level == "moku" and x.side == "expenditure"):
        if not moku.funding:
            yield Check("moku_is_sum_of_funding", "not_made", moku.where, _row(moku), moku.amount, None,
                        "no 財源 columns read")
            continue
        yield _compare("moku_is_sum_of_funding", moku, moku.amount, sum(moku.funding.get(f) or 0 for f in FUNDING))
