"""The budget reader on generated books (tests/fixtures/budget_books): layouts it was not
written against read figure for figure against the generator's truth, and each tampered
book reports exactly its planted errors."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import replace

import pdfplumber
import pikepdf
import pytest
from budget_books import KINDS, LAYOUTS, render_book, sample_book, tamper

from extract.families.budget_book.checks_book import check_book
from extract.families.budget_book.read.book import read_book

READ = ("portrait_ruled", "portrait_unruled", "sheet_reordered", "facing_pages", "continued", "yen_black_triangle",
        "wrapped_names", "scrambled")
# The generator's names of the identities, as this reader names them.
NAMES = {"moku_equals_sum_of_setsu": "moku_is_sum_of_setsu", "setsu_equals_sum_of_saisetsu": "setsu_is_sum_of_saisetsu",
         "change_equals_current_minus_previous": "change_is_difference",
         "funding_adds_up": "moku_is_sum_of_funding", "table1_matches_detail": "table1_matches_detail",
         "kan_equals_sum_of_kou": "kan_is_sum_of_kou", "total_equals_sum_of_kan": "total_is_sum_of_kan",
         "total_matches_article1": "article1_is_total", "summary_matches_table1": "summary_matches_table1",
         "summary_matches_detail": "summary_matches_detail", "kan_funding_adds_up": "kan_is_sum_of_funding",
         "summary_total_equals_sum_of_kan": "summary_total_is_sum_of_kan"}


def _read(book, layout, tmp_path):
    read = read_book([(f"{layout}-{name}", data) for name, data in render_book(book, LAYOUTS[layout])])
    return read, check_book(read)


def _figures(lines):
    return Counter((x.side, x.level, x.kan, x.kou, x.moku, x.setsu, x.saisetsu, x.amount, x.previous, x.change)
                   for x in lines)


@pytest.mark.parametrize("layout", READ)
def test_every_moku_and_setsu_reads_as_the_truth(layout, tmp_path):
    truth = sample_book(3)
    read, checks = _read(truth, layout, tmp_path)
    expected = [x for x in truth.lines if x.level in ("moku", "setsu", "saisetsu")]
    got = [x for x in read.lines if x.part == "detail" and x.level in ("moku", "setsu", "saisetsu")]
    assert any(x.level == "saisetsu" for x in got)  # 細節 under some spending 節
    assert _figures(got) == _figures(expected)
    spending = {(x.kan, x.kou, x.moku): (x.funding_national_prefectural, x.funding_bonds, x.funding_other,
                                         x.funding_general)
                for x in expected if x.side == "expenditure" and x.level == "moku"}
    for line in (x for x in got if x.side == "expenditure" and x.level == "moku"):
        assert tuple(line.funding.get(f) or None for f in (
            "funding_national_prefectural", "funding_bonds", "funding_other", "funding_general")) == tuple(
            v or None for v in spending[(line.kan, line.kou, line.moku)])
    assert not read.unplaced
    assert {c.status for c in checks} == {"holds"}  # a whole book: every identity made, and it holds


@pytest.mark.parametrize("kind", KINDS)
def test_a_tampered_book_reports_exactly_its_planted_errors(kind, tmp_path):
    tampered, planted = tamper(sample_book(3), kind)
    _, checks = _read(tampered, "portrait_ruled", tmp_path)
    failed = sorted((c.name, c.stated, c.computed) for c in checks if c.status == "failed")
    assert failed == sorted((NAMES[p.check], p.stated, p.computed) for p in planted)


@pytest.mark.parametrize("layout", READ)
def test_the_third_table_reads_as_the_truth_and_its_totals_hold(layout, tmp_path):
    truth = sample_book(3)
    read, checks = _read(truth, layout, tmp_path)
    assert [(b.purpose, b.limit) for b in read.bonds] == [(b.purpose, b.limit) for b in truth.bonds]
    assert {c.name: c.status for c in checks if c.name.startswith("bonds")} == {
        "bonds_total_is_sum": "holds", "bonds_equal_revenue_bonds": "holds"}


def test_a_wrong_bond_limit_breaks_the_third_tables_sum_and_nothing_else(tmp_path):
    read, _ = _read(sample_book(3), "portrait_ruled", tmp_path)
    first = read.bonds[0]
    read.bonds[0] = replace(first, limit=first.limit + 1000)
    failed = [(c.name, c.stated, c.computed) for c in check_book(read) if c.status == "failed"]
    total = next(t.amount for t in read.totals if t.name == "table3")
    assert failed == [("bonds_total_is_sum", total, total + 1000)]


@pytest.mark.parametrize("layout", READ)
def test_the_explanations_read_as_the_truth_and_add_up(layout, tmp_path):
    """説明 entries (a code, a name wrapped onto a second line, the figure on a line of its own)."""
    truth = sample_book(3)
    read, checks = _read(truth, layout, tmp_path)
    assert [(n.code, n.name_ja, n.amount) for n in read.notes] == [(n.code, n.name_ja, n.amount) for n in truth.notes]
    assert {(n.moku.kan, n.moku.kou, n.moku.moku) for n in read.notes} == {
        (n.kan, n.kou, n.moku) for n in truth.notes}
    assert {c.status for c in checks if c.name == "notes_add_up"} == {"holds"}


def test_explanations_that_differ_are_a_note_never_a_failure(tmp_path):
    read, _ = _read(sample_book(3), "portrait_ruled", tmp_path)
    read.notes[0].amount += 1000
    outcomes = [(c.name, c.status) for c in check_book(read) if c.status in ("failed", "note")]
    assert outcomes == [("notes_add_up", "note")]


@pytest.mark.parametrize("layout", READ)
def test_the_summary_reads_as_the_truth_and_its_identities_hold(layout, tmp_path):
    """総括: both sides on one page, the spending side under its own header with the 財源."""
    truth = sample_book(3)
    read, checks = _read(truth, layout, tmp_path)
    kans = [x for x in truth.lines if x.level == "kan"]
    got = [x for x in read.lines if x.part == "summary"]
    assert [(x.side, x.kan, x.name_ja, x.amount, x.previous, x.change) for x in got] == [
        (x.side, x.kan, x.name_ja, x.amount, x.previous, x.change) for x in kans]
    for line in (x for x in got if x.side == "expenditure"):
        expected = {f: v or None for f, v in truth.funding_of(line).items()}
        assert {f: v or None for f, v in line.funding.items()} == expected
    totals = {t.side: (t.amount, t.previous) for t in read.totals if t.name == "summary"}
    assert totals == {side: (sum(x.amount for x in kans if x.side == side), sum(x.previous for x in kans
                                                                                  if x.side == side))
                      for side in ("revenue", "expenditure")}
    summary = [c for c in checks if c.row.startswith("総括")]
    assert {c.name for c in summary} >= {"summary_total_is_sum_of_kan", "summary_matches_table1",
                                          "summary_matches_detail", "change_is_difference", "kan_is_sum_of_funding"}
    assert {c.status for c in summary} == {"holds"}


@pytest.mark.parametrize("layout", READ)
def test_the_second_table_reads_as_the_truth(layout, tmp_path):
    truth = sample_book(3)
    read, _ = _read(truth, layout, tmp_path)
    years = [tuple(2018 + int(n) for n in re.findall(r"令和(\d+)年度", d.period)) for d in truth.debt_burdens]
    assert [(d.matter, d.period, d.limit, d.first_year, d.last_year) for d in read.debt_burdens] == [
        (d.matter, d.period, d.limit, first, last) for d, (first, last) in zip(truth.debt_burdens, years, strict=True)]
    assert not read.unplaced


def _facing_book():
    """The facing-pages layout's book.pdf and the PDF indexes of two spreads: (left, right)."""
    [(_, data)] = render_book(sample_book(3), LAYOUTS["facing_pages"])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    lefts = [i for i, t in enumerate(texts) if "本年度予算額" in t and "区分" not in t and "総括" not in t]
    assert all("区分" in texts[i + 1] and "本年度予算額" not in texts[i + 1] for i in lefts)
    return data, [(i, i + 1) for i in lefts]


def _pages(data: bytes, keep: list[int]) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf, pikepdf.new() as cut:
        cut.pages.extend(pdf.pages[i] for i in keep)
        out = io.BytesIO()
        cut.save(out)
    return out.getvalue()


def test_facing_pages_are_read_as_one_spread_each_row_on_its_own_page():
    data, spreads = _facing_book()
    read = read_book([("book.pdf", data)])
    setsus = [x for x in read.lines if x.part == "detail" and x.level == "setsu"]
    mokus = {(x.side, x.kan, x.kou, x.moku): x for x in read.lines if x.part == "detail" and x.level == "moku"}
    rights = {right + 1 for _, right in spreads}  # PDF pages from 1
    assert setsus and all(x.where.page in rights for x in setsus)
    for setsu in setsus:  # on the page facing its 目's, and inside that page
        moku = mokus[(setsu.side, setsu.kan, setsu.kou, setsu.moku)]
        assert setsu.where.page == moku.where.page + 1
        assert 0 <= setsu.where.x0 < setsu.where.x1 <= float(LAYOUTS["facing_pages"].pagesize[0])
    assert all(n.where.page in rights for n in read.notes)


def test_a_right_page_whose_printed_number_does_not_follow_is_reported_not_joined():
    """Two spreads with a left and a right page taken out: the first left page (- n -) is
    followed by the second right page (- n+3 -). Its 節 are reported, never put under the
    wrong 目, and the first 目's sum of 節 is not made."""
    data, spreads = _facing_book()
    (left, _), (_, right) = spreads[:2]
    read = read_book([("book.pdf", _pages(data, [*range(left + 1), right]))])
    checks = check_book(read)
    assert not [x for x in read.lines if x.level == "setsu" and x.where.page == left + 2]
    assert read.unplaced and all(u.where.page == left + 2 for u in read.unplaced)
    assert {u.reason for u in read.unplaced} == {"a 金額 on a 節 page whose facing 目 page is not beside it"}
    assert "figure_placed" in {c.name for c in checks if c.status == "failed"}
    assert {c.status for c in checks if c.name == "moku_is_sum_of_setsu"} == {"not_made"}


def test_a_long_book_continues_its_tables_across_pages_and_every_identity_holds():
    """Five draws of the 款: the 第1表 runs onto further pages (its title and header again)."""
    truth = sample_book(3, scale=5)
    read, checks = _read(truth, "portrait_ruled", None)
    table1 = [x for x in read.lines if x.part == "table1"]
    assert len({x.where.page for x in table1}) >= 2
    assert len(table1) == sum(1 for x in truth.lines if x.level in ("kan", "kou"))
    assert len([x for x in read.lines if x.part == "summary"]) == sum(1 for x in truth.lines if x.level == "kan")
    levels = ("moku", "setsu", "saisetsu")
    assert _figures([x for x in read.lines if x.part == "detail" and x.level in levels]) == _figures(
        [x for x in truth.lines if x.level in levels])
    assert not read.unplaced and {c.status for c in checks} == {"holds"}
