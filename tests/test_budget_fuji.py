"""The budget reader on Fuji City's real FY2025 book (出典：富士市「一般会計予算書」令和7年度).

Expected figures are read by hand from the rendered pages (pdfplumber
``page.to_image(resolution=150)``), never from the reader. The books live beside the
repository in ``shared/budgets``; the test fails, never skips, without them.
"""

import io
from pathlib import Path

import pytest

from extract.families.budget_book.checks_book import check_book
from extract.families.budget_book.read.book import read_book

BOOKS = Path(__file__).resolve().parents[1].parent / "shared" / "budgets" / "fuji-r7"
THOUSAND = 1000


@pytest.fixture(scope="module")
def city_tax():
    """The 1款 市税 file (3 spread pages) read as a book."""
    path = BOOKS / "歳入_01款_市税.pdf"
    assert path.is_file(), f"the real budget books are missing: {path}"
    book = read_book([(path.name, path.read_bytes())])
    return book, check_book(book)


def _line(book, level, kan, kou=None, moku=None, setsu=None):
    (found,) = [x for x in book.lines if x.part == "detail" and x.level == level
                and (x.kan, x.kou, x.moku, x.setsu) == (kan, kou, moku, setsu)]
    return found


def test_a_clean_text_layer_has_no_glyph_repaired(city_tax):
    """The FY2025 files' ToUnicode maps are right: no glyph is read otherwise than claimed."""
    book, _ = city_tax
    assert [row for row in book.glyph_repairs if row["verdict"] == "repaired"] == []


def test_kan_kou_and_moku_figures_as_printed(city_tax):
    book, _ = city_tax
    assert _line(book, "kan", 1).amount == 48_352_400 * THOUSAND
    assert (_line(book, "kou", 1, 1).name_ja, _line(book, "kou", 1, 1).amount) == ("市民税", 18_420_900 * THOUSAND)
    individual = _line(book, "moku", 1, 1, 1)
    assert individual.name_ja == "個人"
    assert (individual.amount, individual.previous, individual.change) == (
        15_840_700 * THOUSAND, 14_297_700 * THOUSAND, 1_543_000 * THOUSAND)
    corporate = _line(book, "moku", 1, 1, 2)
    assert (corporate.amount, corporate.previous, corporate.change) == (
        2_580_200 * THOUSAND, 2_441_300 * THOUSAND, 138_900 * THOUSAND)
    tobacco = _line(book, "moku", 1, 4, 1)
    assert (tobacco.amount, tobacco.previous, tobacco.change) == (
        1_979_000 * THOUSAND, 1_987_000 * THOUSAND, -8_000 * THOUSAND)  # △8,000


def test_setsu_numbers_are_item_numbers_never_amounts(city_tax):
    book, _ = city_tax
    current = _line(book, "setsu", 1, 1, 1, 1)
    assert (current.setsu, current.name_ja, current.amount) == (1, "現年課税分", 15_717_000 * THOUSAND)
    arrears = _line(book, "setsu", 1, 1, 1, 2)
    assert (arrears.setsu, arrears.name_ja, arrears.amount) == (2, "滞納繰越分", 123_700 * THOUSAND)
    assert _line(book, "setsu", 1, 3, 2, 2).amount == 7_600 * THOUSAND
    assert all(x.amount >= 1000 * THOUSAND for x in book.lines if x.level == "setsu")


def test_a_moku_continued_on_the_next_page_keeps_its_setsu(city_tax):
    book, _ = city_tax
    planning = _line(book, "setsu", 1, 5, 1, 2)  # 都市計画税 目 on page 2, its 節 2 atop page 3
    assert (planning.where.page, planning.amount) == (3, 13_200 * THOUSAND)


def test_closing_rows_and_every_identity_hold(city_tax):
    book, checks = city_tax
    closing = next(c for c in book.closings if (c.kan, c.kou) == (1, 3))
    assert (closing.amount, closing.previous, closing.change) == (
        941_600 * THOUSAND, 887_800 * THOUSAND, 53_800 * THOUSAND)
    assert not book.unplaced
    assert {c.status for c in checks} == {"holds"}
    names = {c.name for c in checks}
    assert {"kan_is_sum_of_kou", "kou_is_sum_of_moku", "moku_is_sum_of_setsu", "change_is_difference",
            "kou_closing_total_previous", "kou_closing_change_is_difference"} <= names
    assert sum(x.level == "setsu" for x in book.lines) == 13  # 2+2, 2+1, 1+2, 1, 2 by hand


@pytest.fixture(scope="module")
def bonds_pages():
    """The 概要's 第1表 page with 22款 市債 (PDF page 6) and its 第3表 地方債 (pages 12, 13),
    cut out of the file (the whole 概要 costs its other pages for nothing here)."""
    import pikepdf

    path = BOOKS / "00_概要.pdf"
    assert path.is_file(), f"the real budget books are missing: {path}"
    with pikepdf.open(path) as pdf, pikepdf.new() as cut:
        cut.pages.extend(pdf.pages[i - 1] for i in (6, 12, 13))
        out = io.BytesIO()
        cut.save(out)
    book = read_book([("00_概要.pdf", out.getvalue())])
    return book, check_book(book)


def test_bonds_of_the_third_table_as_printed(bonds_pages):
    """Read by eye from the 第3表's last page: purposes (one wrapped over two lines), 限度額, 計."""
    book, checks = bonds_pages
    on_last_page = {b.purpose: b.limit // THOUSAND for b in book.bonds if b.where.page == 3}
    expected = {"都市計画事業": 746_200, "公園整備事業": 311_900, "小学校屋内運動場リニューアル事業": 64_500,
                "岳陽中学校武道場整備事業": 153_300, "林業施設災害復旧事業": 36_300}
    assert {name: on_last_page.get(name) for name in expected} == expected
    assert [t.amount // THOUSAND for t in book.totals if t.name == "table3"] == [5_353_100]
    first = book.bonds[0]
    assert (first.method, first.rate.startswith("5.0％以内"), book.bonds[1].method) == (
        "証書借入又は証券発行", True, "証書借入又は証券発行")  # 同上: as the row above
    outcome = {c.name: (c.status, c.stated, c.computed) for c in checks if c.name.startswith("bonds")}
    assert outcome == {"bonds_total_is_sum": ("holds", 5_353_100_000, 5_353_100_000),
                       "bonds_equal_revenue_bonds": ("holds", 5_353_100_000, 5_353_100_000)}


@pytest.fixture(scope="module")
def overview():
    """The 概要's 第1条 (PDF page 3), 第1表 (4–9), 第2表 (10, 11), 第3表 (12, 13) and the
    明細書's 総括 (17 revenue, 18 spending on a landscape spread), cut out of the file."""
    import pikepdf

    path = BOOKS / "00_概要.pdf"
    assert path.is_file(), f"the real budget books are missing: {path}"
    with pikepdf.open(path) as pdf, pikepdf.new() as cut:
        cut.pages.extend(pdf.pages[i - 1] for i in (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 18))
        out = io.BytesIO()
        cut.save(out)
    book = read_book([("00_概要.pdf", out.getvalue())])
    return book, check_book(book)


def test_debt_burdens_of_the_second_table_as_printed(overview):
    """Read by eye from 第2表 (pages 10, 11): 事項 wrapped over two lines, 期間 over two, and
    a 限度額 with its clause under the figure."""
    book, _ = overview
    debts = {d.matter: d for d in book.debt_burdens}
    assert [d.where.page for d in book.debt_burdens].count(8) == 19  # the first page's rows
    first = book.debt_burdens[0]
    assert (first.matter, first.period, first.limit, first.first_year, first.last_year) == (
        "第六次富士市総合計画後期計画策定業務", "８年度", 2_042 * THOUSAND, 2026, 2026)
    hearse = debts["斎場霊柩車運行管理業務"]
    assert (hearse.period, hearse.limit, hearse.first_year, hearse.last_year) == (
        "８年度から12年度まで", 44_768 * THOUSAND, 2026, 2030)
    assert debts["新環境クリーンセンター循環啓発棟運営管理業務"].limit == 289_320 * THOUSAND
    interest = debts["農林漁業資金特別融資元利金補給"]
    assert (interest.limit, interest.last_year) == (5_753 * THOUSAND, 2040)
    assert interest.limit_text.startswith("ただし、８年度から22年度までの15か年間に5.0％の利息を限度に")
    assert not any(d.limit_text for d in book.debt_burdens if d is not interest)
    assert not book.unplaced


def _summary(book, side, kan):
    (found,) = [x for x in book.lines if (x.part, x.side, x.kan) == ("summary", side, kan)]
    return found


def test_the_summary_as_printed(overview):
    """Read by eye from the 総括: 歳入 on page 17, 歳出 with its 財源 on the spread of page 18."""
    book, _ = overview
    tax = _summary(book, "revenue", 1)
    assert (tax.name_ja, tax.amount, tax.previous, tax.change) == (
        "市税", 48_352_400 * THOUSAND, 46_460_600 * THOUSAND, 1_891_800 * THOUSAND)
    assert _summary(book, "revenue", 8).change == -7_000 * THOUSAND  # △7,000
    assert len([x for x in book.lines if (x.part, x.side) == ("summary", "revenue")]) == 22
    assembly = _summary(book, "expenditure", 1)
    assert (assembly.name_ja, assembly.amount, assembly.previous, assembly.change) == (
        "議会費", 499_446 * THOUSAND, 481_596 * THOUSAND, 17_850 * THOUSAND)
    assert assembly.funding == {"funding_national_prefectural": None, "funding_bonds": None,
                                "funding_other": 768 * THOUSAND, "funding_general": 498_678 * THOUSAND}
    labour = _summary(book, "expenditure", 5)
    assert (labour.change, labour.funding["funding_bonds"], labour.funding["funding_general"]) == (
        -15_621 * THOUSAND, 102_000 * THOUSAND, 153_274 * THOUSAND)
    (spending,) = [t for t in book.totals if t.name == "summary" and t.side == "expenditure"]
    assert (spending.amount, spending.previous, spending.change) == (
        104_500_000 * THOUSAND, 101_800_000 * THOUSAND, 2_700_000 * THOUSAND)
    assert [spending.funding[f] // THOUSAND for f in ("funding_national_prefectural", "funding_bonds",
                                                      "funding_other", "funding_general")] == [
        27_247_360, 5_353_100, 8_670_057, 63_229_483]


def test_the_summary_identities_hold(overview):
    _, checks = overview
    summary = [c for c in checks if c.row.startswith("総括")]
    names = {c.name for c in summary}
    assert names == {"summary_total_is_sum_of_kan", "summary_matches_table1", "change_is_difference",
                     "kan_is_sum_of_funding", "article1_is_total"}
    assert {c.status for c in checks} == {"holds"}
    assert sum(c.name == "summary_matches_table1" for c in checks) == 36  # 22 款 of revenue, 14 of spending


# The 第1表 (PDF pages 4–9), read by eye from the rendered pages, in 千円: (款, 項) → 金額, 項 0
# the 款's own row. Every 款 and 項 of the 明細書 must equal these (table1_matches_detail).
TABLE1_REVENUE = {
    (1, 0): 48_352_400, (1, 1): 18_420_900, (1, 2): 23_235_700, (1, 3): 941_600, (1, 4): 1_979_000,
    (1, 5): 3_775_200, (2, 0): 680_000, (2, 1): 140_000, (2, 2): 450_000, (2, 3): 80_000, (2, 4): 10_000,
    (3, 0): 22_000, (3, 1): 22_000, (4, 0): 350_000, (4, 1): 350_000, (5, 0): 500_000, (5, 1): 500_000,
    (6, 0): 700_000, (6, 1): 700_000, (7, 0): 7_000_000, (7, 1): 7_000_000, (8, 0): 60_000, (8, 1): 60_000,
    (9, 0): 110_000, (9, 1): 110_000, (10, 0): 312_000, (10, 1): 286_000, (10, 2): 26_000, (11, 0): 200_000,
    (11, 1): 200_000, (12, 0): 40_000, (12, 1): 40_000, (13, 0): 898_210, (13, 1): 898_210,
    (14, 0): 1_305_446, (14, 1): 876_102, (14, 2): 429_344, (15, 0): 18_486_567, (15, 1): 14_885_888,
    (15, 2): 3_471_403, (15, 3): 129_276, (16, 0): 8_760_799, (16, 1): 5_346_919, (16, 2): 2_833_831,
    (16, 3): 580_049, (17, 0): 404_061, (17, 1): 191_841, (17, 2): 212_220, (18, 0): 5_015_125,
    (18, 1): 5_015_125, (19, 0): 1_666_920, (19, 1): 719_873, (19, 2): 947_047, (20, 0): 1_000_000,
    (20, 1): 1_000_000, (21, 0): 3_283_372, (21, 1): 25_002, (21, 2): 5_961, (21, 3): 3_000, (21, 4): 5_443,
    (21, 5): 3_243_966, (22, 0): 5_353_100, (22, 1): 5_353_100,
}
TABLE1_SPENDING = {
    (1, 0): 499_446, (1, 1): 499_446, (2, 0): 9_851_001, (2, 1): 8_032_062, (2, 2): 901_591, (2, 3): 537_111,
    (2, 4): 181_198, (2, 5): 135_440, (2, 6): 63_599, (3, 0): 41_840_448, (3, 1): 5_880_161, (3, 2): 3_924_211,
    (3, 3): 17_791_687, (3, 4): 10_344_870, (3, 5): 3_899_011, (3, 6): 508, (4, 0): 10_223_982,
    (4, 1): 3_002_882, (4, 2): 3_326_667, (4, 3): 929_503, (4, 4): 2_955_852, (4, 5): 9_078, (5, 0): 256_499,
    (5, 1): 256_499, (6, 0): 982_157, (6, 1): 547_555, (6, 2): 431_652, (6, 3): 2_950, (7, 0): 4_156_662,
    (7, 1): 4_156_662, (8, 0): 12_011_843, (8, 1): 476_233, (8, 2): 2_430_806, (8, 3): 840_565, (8, 4): 217_473,
    (8, 5): 3_958_838, (8, 6): 1_502_899, (8, 7): 1_772_175, (8, 8): 812_854, (9, 0): 3_947_692,
    (9, 1): 3_947_692, (10, 0): 13_345_799, (10, 1): 1_387_247, (10, 2): 2_615_062, (10, 3): 1_679_572,
    (10, 4): 1_015_831, (10, 5): 1_038_478, (10, 6): 1_964_274, (10, 7): 3_645_335, (11, 0): 129_300,
    (11, 1): 119_300, (11, 2): 10_000, (12, 0): 7_155_071, (12, 1): 7_155_071, (13, 0): 100, (13, 1): 100,
    (14, 0): 100_000, (14, 1): 100_000,
}


def test_the_first_table_figure_for_figure(overview):
    book, _ = overview
    for side, expected in (("revenue", TABLE1_REVENUE), ("expenditure", TABLE1_SPENDING)):
        read = {(x.kan, x.kou or 0): x.amount for x in book.lines if (x.part, x.side) == ("table1", side)}
        assert read == {key: value * THOUSAND for key, value in expected.items()}, side
    totals = [(t.side, t.amount) for t in book.totals if t.name == "table1"]
    assert totals == [("revenue", 104_500_000 * THOUSAND), ("expenditure", 104_500_000 * THOUSAND)]


def test_a_character_drawn_over_a_blank_is_reported_with_its_box():
    """The 10款 file draws the 填 of 地方税減収補填特別交付金 as outlines over a blank of the
    text layer (seen on the rendered page: 補填特別 where the text reads 補 特別). Its shape,
    MS Mincho's 填, is like no candidate clearly: the blank stays, and each one is a row of
    glyph_repairs giving the box of what is drawn, never a guess and never dropped."""
    path = BOOKS / "歳入_10款_地方特例交付金.pdf"
    book = read_book([(path.name, path.read_bytes())])
    drawn = [row for row in book.glyph_repairs if row["font"] == "(outlines)"]
    assert len(drawn) >= 5 and all(row["verdict"] == "doubtful" and row["read"] == " " for row in drawn)
    assert any(row["page"] == 1 and "x 246.8-254.2" in row["reason"] for row in drawn)
    assert [row for row in book.glyph_repairs if row["verdict"] == "repaired"] == []
