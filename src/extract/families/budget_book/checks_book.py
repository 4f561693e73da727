"""The identities across parts: 第1表 = 明細書, 合計 = Σ款 = 第1条, 第3表 計 = Σ限度額 = 歳入 市債."""

from __future__ import annotations

from collections.abc import Iterator

from extract.families.budget_book.checks import (
    _compare,
    _row,
    change_is_difference,
    kan_is_sum_of_kou,
    kou_is_sum_of_moku,
    kous_of_detail,
    moku_is_sum_of_funding,
    moku_is_sum_of_setsu,
    setsu_is_sum_of_saisetsu,
)
from extract.families.budget_book.checks_summary import SUMMARY_IDENTITIES
from extract.families.budget_book.records import Book, Check


def table1_matches_detail(book: Book) -> Iterator[Check]:
    """第1表 款/項 金額 = the 明細書's 款/項 heading (a 款 whose heading prints no amount: Σ of
    its 項 headings, all of them read); not made where that file is missing."""
    detail = {(x.side, x.level, x.kan, x.kou): x for x in book.lines
              if x.part == "detail" and x.level in ("kan", "kou")}
    sides = {x.side for x in detail.values()}
    complete_kous = kous_of_detail(book)
    for line in (x for x in book.lines if x.part == "table1"):
        match = detail.get((line.side, line.level, line.kan, line.kou))
        if line.side not in sides:
            continue  # no 明細書 of this side given at all: nothing to compare, said in the summary
        kous = complete_kous(line) if match is None and line.level == "kan" else None
        if match is None and kous is None:
            yield Check("table1_matches_detail", "not_made", line.where, _row(line), line.amount, None,
                        "the 明細書 page of this row is not among the files")
            continue
        computed = match.amount if match is not None else sum(x.amount for x in kous or ())
        yield _compare("table1_matches_detail", line, line.amount, computed)


def total_is_sum_of_kan(book: Book) -> Iterator[Check]:
    """歳入合計 / 歳出合計 of the 第1表 = Σ款 of the 第1表."""
    for total in (t for t in book.totals if t.name == "table1"):
        kans = [x.amount for x in book.lines if x.part == "table1" and x.level == "kan" and x.side == total.side]
        status_check = Check("total_is_sum_of_kan", "holds" if kans and sum(kans) == total.amount else
                             ("failed" if kans else "not_made"), total.where, f"{total.side} 合計",
                             total.amount, sum(kans) if kans else None)
        yield status_check


def article1_is_total(book: Book) -> Iterator[Check]:
    """第1条's 総額 = 歳入合計 = 歳出合計 of the 第1表, and of the 明細書's 総括."""
    article = next((t for t in book.totals if t.name == "article1"), None)
    for total in (t for t in book.totals if t.name in ("table1", "summary")):
        row = f"{'総括 ' if total.name == 'summary' else ''}{total.side} 合計"
        if article is None:
            yield Check("article1_is_total", "not_made", total.where, row, None, total.amount, "no 第1条 read")
            continue
        status = "holds" if article.amount == total.amount else "failed"
        yield Check("article1_is_total", status, total.where, f"{row} = 第1条", total.amount, article.amount)


def bonds_total_is_sum(book: Book) -> Iterator[Check]:
    """第3表 計 = Σ限度額 of its 起債の目的."""
    for total in (t for t in book.totals if t.name == "table3"):
        limits = [b.limit for b in book.bonds]
        status = "holds" if limits and sum(limits) == total.amount else ("failed" if limits else "not_made")
        computed = sum(limits) if limits else None
        yield Check("bonds_total_is_sum", status, total.where, "第3表 計", total.amount, computed,
                    "" if limits else "no 起債の目的 read")


def bonds_equal_revenue_bonds(book: Book) -> Iterator[Check]:
    """第3表 計 = the revenue 款 of bonds (its name ends in 債: 市債, 町債, 県債 …), as the
    第1表 states it (else the 明細書, else its 総括); not made where that 款 is not among the files."""
    kans = [x for x in book.lines if x.side == "revenue" and x.level == "kan" and x.name_ja.endswith("債")]
    kan = next((x for part in ("table1", "detail", "summary") for x in kans if x.part == part), None)
    for total in (t for t in book.totals if t.name == "table3"):
        if kan is None:
            yield Check("bonds_equal_revenue_bonds", "not_made", total.where, "第3表 計", total.amount, None,
                        "the revenue 款 of bonds is not among the files")
            continue
        status = "holds" if kan.amount == total.amount else "failed"
        yield Check("bonds_equal_revenue_bonds", status, total.where, f"第3表 計 = 歳入 {kan.kan}款 {kan.name_ja}",
                    total.amount, kan.amount)


def notes_add_up(book: Book) -> Iterator[Check]:
    """The 説明 is not statutory: where a 目's outermost 説明 entries with an amount add up to
    it, that holds; where they do not, it is a ``note`` (never a failure)."""
    by_moku: dict[int, list] = {}
    for note in book.notes:
        by_moku.setdefault(id(note.moku), []).append(note)
    for notes in by_moku.values():
        moku = notes[0].moku
        outermost = [n.amount for n in notes if n.level == 0 and n.amount is not None]
        if not outermost:
            continue
        status = "holds" if sum(outermost) == moku.amount else "note"
        yield Check("notes_add_up", status, moku.where, _row(moku), moku.amount, sum(outermost),
                    "" if status == "holds" else "the 説明 (not statutory) explains another sum")


IDENTITIES = (kan_is_sum_of_kou, kou_is_sum_of_moku, moku_is_sum_of_setsu, setsu_is_sum_of_saisetsu,
              change_is_difference, moku_is_sum_of_funding, table1_matches_detail, total_is_sum_of_kan,
              article1_is_total, bonds_total_is_sum, bonds_equal_revenue_bonds, notes_add_up, *SUMMARY_IDENTITIES)


def check_book(book: Book) -> list[Check]:
    """Every identity at every place, plus one failed ``figure_placed`` per unplaced figure."""
    checks = [check for identity in IDENTITIES for check in identity(book)]
    checks += [Check("figure_placed", "failed", u.where, u.reason, None, None, u.where.text) for u in book.unplaced]
    return checks
