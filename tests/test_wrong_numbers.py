"""No wrong number from the census (issue 16, "Wrong numbers"; issue 18, unread rows).

Each class of input is read right or flagged, never returned as a confident wrong figure:
signs of every minus-like mark, figures cut in two (invisible characters, line breaks,
blanks between digits), approximate phrases with 数, fiscal years with no era, and digits
no rule explains (a row of kind ``unread``, the run goes on). Expected values are read by
hand from the strings.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.census.rows import census_rows
from extract.read.document import Line


def rows_of(*texts: str) -> list[tuple[str, str | None, str]]:
    """(kind, value, text as written) of every row of one page of ``texts``."""
    lines = [Line(1, number, text) for number, text in enumerate(texts, start=1)]
    return [(row["kind"], row["value"], row["text"]) for row in census_rows("doc.txt", [(1, lines)])]


def kinds_and_values(*texts: str) -> list[tuple[str, str | None]]:
    return [(kind, value) for kind, value, _ in rows_of(*texts)]


# --- 1. signs ------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["▲", "△", "▼", "▽", "Δ", "∆", "−", "‒", "–", "－", "﹣", "-"])
def test_every_minus_mark_glued_to_an_amount_makes_it_negative(mark):
    assert kinds_and_values(f"差引 {mark}3,250千円") == [("amount", "-3250000")]


@pytest.mark.parametrize("mark", ["▼", "Δ", "▽"])
def test_a_negative_mark_before_a_bare_number_makes_it_negative(mark):
    assert kinds_and_values(f"前年比 {mark}12件") == [("number", "-12")]


def test_the_prolonged_sound_mark_glued_to_a_figure_is_a_minus_sign():
    assert kinds_and_values("補正額 ー48,000円") == [("amount", "-48000")]
    assert kinds_and_values("増減率 ー2.5%") == [("percent", "-2.5")]


def test_the_prolonged_sound_mark_of_a_katakana_word_is_no_sign():
    assert kinds_and_values("センター 300円") == [("amount", "300")]
    assert kinds_and_values("メーター1,200件") == [("number", "1200")]


@pytest.mark.parametrize("text", ["増減 ―7,500円", "増減 — 7,500円", "増減 ─7,500円", "増減 ー 7,500円"])
def test_a_long_dash_before_a_figure_may_mean_none_and_is_flagged(text):
    assert kinds_and_values(text) == [("ambiguous", None)]


@pytest.mark.parametrize("text", ["増減 - 1,234円", "差額 − 560円", "前年度比 – 20億円"])
def test_a_hyphen_and_a_blank_after_a_label_is_flagged_not_read_unsigned(text):
    assert kinds_and_values(text) == [("ambiguous", None)]


def test_a_hyphen_and_a_blank_in_a_formula_stays_an_operator():
    assert kinds_and_values("単価 = 基準額 - 3,300円") == [("amount", "3300")]


# --- 3. figures cut in two -----------------------------------------------------------


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_an_invisible_character_inside_a_figure_is_removed_and_the_figure_read_whole(invisible):
    found = rows_of(f"事業費 3{invisible}480億円")
    assert [(kind, value) for kind, value, _ in found] == [("amount", "348000000000")]
    assert found[0][2] == f"3{invisible}480億円"  # the text as written, the mark kept


@pytest.mark.parametrize(("first", "second"), [
    ("歳出総額は2兆", "450億円となる"),
    ("予算 56", "78億円"),
    ("予算 3.", "25億円"),
    ("事業費は1,200", "万円"),
])
def test_a_figure_cut_by_a_line_break_is_never_read_as_its_tail(first, second):
    found = kinds_and_values(first, second)
    assert all(kind == "ambiguous" for kind, _ in found), found


def test_a_line_ending_in_a_finished_figure_leaves_the_next_line_alone():
    assert kinds_and_values("予算 12億円", "34億円") == [("amount", "1200000000"), ("amount", "3400000000")]


@pytest.mark.parametrize("text", ["総額 9 8 7 6 円", "計 12 345 678円", "合計 3 500千円"])
def test_blanks_between_digits_never_leave_a_confident_tail(text):
    found = kinds_and_values(text)
    assert found and all(kind == "ambiguous" for kind, _ in found), found


def test_two_figures_apart_with_a_blank_stay_two_figures():
    assert kinds_and_values("率 46.3 5人") == [("number", "46.3"), ("number", "5")]


# --- 5. approximate phrases -----------------------------------------------------------


@pytest.mark.parametrize("text", ["費用は3億数千万円", "20数億円の赤字", "5万数千円", "十数億円", "数百万円"])
def test_an_approximate_phrase_with_su_is_flagged_and_the_run_goes_on(text):
    assert kinds_and_values(text, "予算 7億円") == [("ambiguous", None), ("amount", "700000000")]


# --- 6. a year with no era -------------------------------------------------------------


def test_a_fiscal_year_with_no_era_is_flagged_where_the_document_names_none():
    assert kinds_and_values("31年度の予算") == [("ambiguous", None)]


def test_a_fiscal_year_with_no_era_takes_the_one_era_the_document_names():
    rows = list(census_rows("doc.txt", [(1, [Line(1, 1, "令和2年度予算")]), (2, [Line(2, 1, "4年度の見込み")])]))
    assert [(row["kind"], row["date"]) for row in rows] == [("date", "FY2020"), ("date", "FY2022")]


def test_a_fiscal_year_with_no_era_among_two_eras_is_flagged():
    assert kinds_and_values("平成30年度と令和元年度", "3年度") == [("date", "2018"), ("date", "2019"), ("ambiguous", None)]  # noqa: E501


# --- 7. unread ---------------------------------------------------------------------------


def test_real_world_text_with_a_unit_no_rule_reads_writes_its_figures():
    found = rows_of("ダム貯水量25万m3 ※2", "事業費 12億円")
    assert ("amount", "1200000000", "12億円") in found
    assert [kind for kind, _, _ in found].count("unread") == 1


def test_unread_rows_give_their_reason():
    lines = [Line(1, 1, "貯水量10万m3")]
    rows = [row for row in census_rows("doc.txt", [(1, lines)]) if row["kind"] == "unread"]
    assert rows and all(row["reason"] and row["value"] is None for row in rows)


def test_values_are_exact_decimals_in_text():
    assert Decimal(kinds_and_values("差引 ▼1.5億円")[0][1]) == Decimal("-150000000")


# --- 2. figures.csv: the apostrophe on text cells only ------------------------------------


def test_a_negative_value_is_written_to_the_csv_as_in_the_parquet_file(tmp_path):
    import csv

    import pandas as pd

    from extract.census.rows import COLUMNS
    from extract.census.run import write_rows

    rows = list(census_rows("doc.txt", [(1, [Line(1, 1, "差引 -12億円 の注記"), Line(1, 2, "増減 ▲ 350万円")])]))
    count = write_rows(rows, tmp_path / "doc.csv", tmp_path / "doc.parquet")
    with open(tmp_path / "doc.csv", encoding="utf-8", newline="") as handle:
        written = [dict(zip(COLUMNS, row, strict=True)) for row in csv.reader(handle)]
    parquet = pd.read_parquet(tmp_path / "doc.parquet")
    assert count == 2 and [row["value"] for row in written] == ["-1200000000", "-3500000"]
    assert parquet["value"].tolist() == ["-1200000000", "-3500000"]
    assert [row["text"] for row in written] == ["'-12億円", "▲ 350万円"]  # text cells keep their apostrophe


# --- 4. numbers under a unit header that are not money ----------------------------------


@pytest.mark.parametrize("label", ["【4】", "〔4〕", "［4］", "[4]", "＜4＞"])
def test_a_bracketed_list_label_under_a_unit_header_is_no_amount(label):
    assert kinds_and_values("（単位：千円）", f"{label} 委託料 3,600") == [("code", None), ("amount", "3600000")]


@pytest.mark.parametrize("label", ["件数", "職員数", "世帯数", "定員", "延べ人数:"])
def test_a_count_under_a_unit_header_is_no_amount(label):
    assert kinds_and_values("（単位：千円）", "補助金 4,500", f"{label} 37") == [("amount", "4500000"), ("number", "37")]  # noqa: E501


def test_a_row_of_successive_years_under_a_unit_header_heads_columns():
    found = kinds_and_values("（単位：百万円）", "区分 2023 2024", "歳入 812 905")
    assert found == [("ambiguous", None), ("ambiguous", None), ("amount", "812000000"), ("amount", "905000000")]


def test_a_row_of_amounts_that_are_not_successive_years_stays_amounts():
    assert kinds_and_values("（単位：百万円）", "歳入 2023 2031") == [("amount", "2023000000"), ("amount", "2031000000")]  # noqa: E501


def test_the_amount_reader_of_the_deck_reads_the_same_dash_marks():
    from extract.japanese import find_amounts, normalize
    from extract.japanese.amounts import Unclear, scan_amounts

    assert [a.value for a in find_amounts(normalize("補正 ー2.5億円"))] == [Decimal(-250_000_000)]
    assert [type(a) for a in scan_amounts(normalize("補正 ― 2.5億円"))] == [Unclear]
    assert [a.value for a in find_amounts(normalize("センター 300円"))] == [Decimal(300)]


@pytest.mark.parametrize("sentence", ["計画期間は15か", "全5地区で実施する", "対象は8団体とする", "うち3ヶ"])
def test_a_number_glued_to_a_word_under_a_unit_header_is_no_amount(sentence):
    """Running text under （単位：千円）: 15か(年), 5地区, 8団体 are no amounts in 千円."""
    rows = rows_of("（単位：千円）", sentence, "1,250")
    assert [(kind, value) for kind, value, _ in rows if kind == "amount"] == [("amount", "1250000")]
    assert all(kind != "amount" for kind, _, text in rows if text != "1,250")
