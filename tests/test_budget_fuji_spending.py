"""The spending side of a real book: Fuji City's FY2026 議会費 and 予備費 files.

Every figure below was read by eye from the rendered pages (pdfplumber ``to_image`` at
150 dpi), in 千円 as printed, never from the reader's output. The pages have three traits
the revenue side lacks: 本年度予算額の財源内訳 columns; a header whose cells the text layer
runs together (本年度予算額前年度予算額) or spaces out across a ruled cell (比　　較 |
特 定 財 源); and 節 broken down into unnumbered 細節 (職員手当等 into 管理職手当 1,925 …),
one of them wrapped onto a second line (時間外勤務手 / 当). The text layer of these files
says other characters than the pages show (報郸 for 報酬, 議事遀営 for 議事運営): each glyph is
read by its shape, and the names below were read by eye from the pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.families.budget_book.checks_book import check_book
from extract.families.budget_book.read.book import read_book

BOOKS = Path(__file__).resolve().parents[1].parent / "shared" / "budgets" / "fuji-r8"
THOUSAND = 1000
ITEMS = {  # 節 number: (節 amount, [(細節 name, amount)]) as printed, 千円
    3: (126_760, [("管理職手当", 1_925), ("扶養手当", 1_318), ("地域手当", 2_119), ("住居手当", 291),
                  ("通勤手当", 1_319), ("時間外勤務手当", 2_000), ("休日勤務手当", 50), ("期末手当", 12_061),
                  ("勤勉手当", 9_924), ("議員期末手当", 95_753)]),
    8: (3_446, [("費用弁償", 2_607), ("普通旅費", 9), ("特別旅費", 830)]),
    10: (6_264, [("消耗品費", 732), ("食糧費", 80), ("印刷製本費", 5_452)]),  # runs on to the next page
    18: (14_027, [("負担金", 1_739), ("交付金", 12_288)]),
}


@pytest.fixture(scope="module")
def book():
    paths = [BOOKS / "歳出_01款_議会費.pdf", BOOKS / "歳出_14款_予備費.pdf"]
    assert all(p.is_file() for p in paths), f"the real budget books are missing: {BOOKS}"
    read = read_book([(p.name, p.read_bytes()) for p in paths])
    return read, check_book(read)


def _lines(book, level, **numbers):
    return [x for x in book.lines if x.part == "detail" and x.level == level
            and all(getattr(x, k) == v for k, v in numbers.items())]


def test_the_spending_moku_with_its_change_and_funding(book):
    read, _ = book
    (moku,) = _lines(read, "moku", kan=1, kou=1, moku=1)
    assert (moku.name_ja, moku.amount, moku.previous, moku.change) == (
        "議会費", 488_451 * THOUSAND, 499_446 * THOUSAND, -10_995 * THOUSAND)
    assert moku.funding == {"funding_national_prefectural": None, "funding_bonds": None,
                            "funding_other": 1_013 * THOUSAND, "funding_general": 487_438 * THOUSAND}
    (reserve,) = _lines(read, "moku", kan=14, kou=1, moku=1)
    assert (reserve.amount, reserve.previous, reserve.change) == (100_000 * THOUSAND, 100_000 * THOUSAND, 0)
    assert reserve.funding["funding_general"] == 100_000 * THOUSAND


def test_setsu_numbers_as_printed_and_never_amounts(book):
    read, _ = book
    setsu = _lines(read, "setsu", kan=1, kou=1, moku=1)
    assert [x.setsu for x in setsu] == [1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 17, 18]
    assert {x.setsu: x.amount // THOUSAND for x in setsu} == {
        1: 205_920, 2: 49_604, 3: 126_760, 4: 66_595, 7: 190, 8: 3_446, 9: 180, 10: 6_264, 11: 2_219,
        12: 7_610, 13: 5_407, 17: 229, 18: 14_027}
    assert {x.setsu: x.name_ja for x in setsu if x.setsu in (2, 3, 13)} == {
        2: "給料", 3: "職員手当等", 13: "使用料及び賃借料"}  # 職員手当等 keeps its name: 当 went to its 細節


@pytest.mark.parametrize("setsu", sorted(ITEMS))
def test_saisetsu_under_their_setsu_as_printed(book, setsu):
    read, _ = book
    amount, items = ITEMS[setsu]
    (parent,) = _lines(read, "setsu", kan=1, kou=1, moku=1, setsu=setsu)
    found = _lines(read, "saisetsu", kan=1, kou=1, moku=1, setsu=setsu)
    assert parent.amount == amount * THOUSAND
    assert [(x.name_ja, x.amount) for x in found] == [(name, value * THOUSAND) for name, value in items]
    assert [x.saisetsu for x in found] == list(range(1, len(items) + 1))


def test_every_identity_holds_and_only_the_reserve_has_no_setsu(book):
    _, checks = book
    assert [c for c in checks if c.status == "failed"] == []
    assert [(c.name, c.row) for c in checks if c.status == "not_made"] == [
        ("moku_is_sum_of_setsu", "expenditure 14款 1項 1目 予備費")]  # 予備費 prints no 節
    assert {c.name for c in checks if c.status == "holds"} >= {
        "setsu_is_sum_of_saisetsu", "moku_is_sum_of_setsu", "moku_is_sum_of_funding", "change_is_difference",
        "kou_closing_total_amount", "kou_closing_change_is_difference"}


def test_the_explanations_beside_the_moku(book):
    """The 説明 of 議会費, read by eye: two levels of 事業 under 給与費, its outermost entries
    (給与費 448,879 + 議会活動費 38,853 + 議会事務局運営費 719) adding up to the 目."""
    read, checks = book
    notes = [n for n in read.notes if n.moku.kan == 1]
    assert [(n.level, n.code, n.name_ja, n.amount // THOUSAND) for n in notes[:4]] == [
        (0, "001", "給与費", 448_879), (1, "001", "市議会議員３２人", 352_146), (1, "002", "一般職１１人", 96_733),
        (0, "002", "議会活動費", 38_853)]
    assert [n.amount // THOUSAND for n in notes if n.level == 0] == [448_879, 38_853, 719]
    assert [(c.status, c.stated, c.computed) for c in checks if c.name == "notes_add_up"] == [
        ("holds", 488_451 * THOUSAND, 488_451 * THOUSAND)]


def test_every_setsu_name_as_the_page_shows_it(book):
    """The 節 names of 議会費 as printed (pages 1 and 2), 報酬 among them (報郸 in the text layer)."""
    read, _ = book
    assert [(x.setsu, x.name_ja) for x in _lines(read, "setsu", kan=1, kou=1, moku=1)] == [
        (1, "報酬"), (2, "給料"), (3, "職員手当等"), (4, "共済費"), (7, "報償費"), (8, "旅費"), (9, "交際費"),
        (10, "需用費"), (11, "役務費"), (12, "委託料"), (13, "使用料及び賃借料"), (17, "備品購入費"),
        (18, "負担金、補助及び交付金")]
    assert [x.name_ja for x in _lines(read, "saisetsu", kan=1, kou=1, moku=1, setsu=11)] == [
        "通信運搬費", "広告料", "手数料"]


def test_the_explanations_read_as_the_page_shows_them(book):
    """説明 names whose text layer is wrong (遀 for 運, 郤 for 配, 邴 for 都, 遈 for 道), by eye."""
    read, _ = book
    names = {note.name_ja for note in read.notes}
    assert {"議事運営事業費", "議会事務局運営費"} <= names
    text = "".join(note.name_ja + note.where.text for note in read.notes)
    for shown in ("本会議及び各委員会等運営", "映像配信システム運用管理", "全国自治体病院経営都市議会協議会",
                  "全国高速自動車道市議会協議会負担金"):
        assert shown in text.replace(" ", ""), shown
    repaired = {(row["claimed"], row["read"]) for row in read.glyph_repairs if row["verdict"] == "repaired"}
    assert repaired == {("郸", "酬"), ("遀", "運"), ("郤", "配"), ("邴", "都"), ("遈", "道")}
    assert all(row["source"] == "歳出_01款_議会費.pdf" for row in read.glyph_repairs if row["verdict"] == "repaired")
