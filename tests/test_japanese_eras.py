"""extract.japanese.eras: parse_era and find_eras."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.japanese import EraDate, find_eras, normalize, parse_era

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def brief(date: EraDate) -> tuple:
    return (date.year, date.month, date.day, date.fiscal, date.era)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平成２３年１２月", (2011, 12, None, False, "平成")),
        ("平成24年度", (2012, None, None, True, "平成")),
        ("平成元年", (1989, None, None, False, "平成")),
        ("令和元年5月1日", (2019, 5, 1, False, "令和")),
        ("平成二十三年十二月", (2011, 12, None, False, "平成")),
        ("明治1年", (1868, None, None, False, "明治")),
        ("大正1年", (1912, None, None, False, "大正")),
        ("昭和1年", (1926, None, None, False, "昭和")),
        ("昭和64年", (1989, None, None, False, "昭和")),
        ("平成31年", (2019, None, None, False, "平成")),
        ("平成31年度", (2019, None, None, True, "平成")),
        ("㍻23年", (2011, None, None, False, "平成")),
        ("H23", (2011, None, None, False, "平成")),
        ("Ｈ２３", (2011, None, None, False, "平成")),
        ("R5", (2023, None, None, False, "令和")),
        ("S64", (1989, None, None, False, "昭和")),
        ("T15", (1926, None, None, False, "大正")),
        ("M45", (1912, None, None, False, "明治")),
        ("平23年", (2011, None, None, False, "平成")),
        ("令5年", (2023, None, None, False, "令和")),
        ("H23.12", (2011, 12, None, False, "平成")),
        ("R05/10/30", (2023, 10, 30, False, "令和")),
        ("H24年度", (2012, None, None, True, "平成")),
        ("2011年", (2011, None, None, False, None)),
        ("２０１２年度", (2012, None, None, True, None)),
        ("二〇一一年十二月", (2011, 12, None, False, None)),
        ("平成 23 年 12 月 1 日", (2011, 12, 1, False, "平成")),
        ("平成24年2月29日", (2012, 2, 29, False, "平成")),
    ],
)
def test_parse_era(text, expected):
    assert brief(parse_era(text)) == expected


def test_bare_year_needs_a_default_era():
    assert brief(parse_era("２４年度", default_era="平成")) == (2012, None, None, True, "平成")
    assert brief(parse_era("23年12月", default_era="平成")) == (2011, 12, None, False, "平成")
    assert brief(parse_era("5年度", default_era="令和")) == (2023, None, None, True, "令和")
    assert find_eras("２４年度") == []
    with pytest.raises(ValueError, match="no era dates"):
        parse_era("２４年度")


def test_bare_year_without_fiscal_or_month_is_a_duration():
    assert find_eras("3年間で10年後", default_era="平成") == []


def test_unknown_default_era():
    with pytest.raises(ValueError, match="unknown era"):
        find_eras("24年度", default_era="平安")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("平成32年", "平成 ended in its year 31"),
        ("昭和65年", "昭和 ended in its year 64"),
        ("大正16年", "大正 ended in its year 15"),
        ("明治46年", "明治 ended in its year 45"),
        ("平成0年", "no year 0"),
        ("平成31年5月", "outside 平成"),
        ("昭和64年1月8日", "outside 昭和"),
        ("令和元年4月30日", "outside 令和"),
        ("平成元年1月7日", "outside 平成"),
        ("平成23年13月", "no month 13"),
        ("平成23年2月29日", "no day 29"),
        ("H23.4.31", "no day 31"),
        ("0999年", "not a four-digit year"),
    ],
)
def test_parse_era_validates(text, message):
    with pytest.raises(ValueError, match=message):
        parse_era(text)
    assert find_eras(text) == []


def test_projected_years_past_an_era_end():
    assert brief(parse_era("平成32年度", projected=True)) == (2020, None, None, True, "平成")
    assert [d.year for d in find_eras("平成35年度までに", projected=True)] == [2023]


def test_era_boundaries_by_day():
    assert brief(parse_era("平成元年1月8日")) == (1989, 1, 8, False, "平成")
    assert brief(parse_era("昭和64年1月7日")) == (1989, 1, 7, False, "昭和")
    assert brief(parse_era("平成31年4月30日")) == (2019, 4, 30, False, "平成")
    assert brief(parse_era("平成元年1月")) == (1989, 1, None, False, "平成")  # overlaps Jan 8-31


def test_find_eras_in_source_lines(source_text):
    lines = source_text.split("\n")
    assert "平成２２年度補正予算（約７０億円） " in lines
    (supplementary,) = find_eras("平成２２年度補正予算（約７０億円） ")
    assert supplementary == EraDate(2010, None, None, True, "平成", (0, 6))
    (since,) = find_eras("委託事業 平成１９年度～ ")
    assert since == EraDate(2007, None, None, True, "平成", (5, 11))
    (title,) = find_eras("（参考１）レアメタル等鉱物資源確保対策の全体像(24年度要求) ", default_era="平成")
    assert (title.year, title.fiscal, title.span) == (2012, True, (24, 28))
    assert [brief(d) for d in find_eras(" ２４年度予算要求額  ", default_era="平成")] == [(2012, None, None, True, "平成")]  # noqa: E501
    assert [brief(d) for d in find_eras("平成２３年１２月 ")] == [(2011, 12, None, False, "平成")]


def test_all_era_dates_of_the_source(source_text):
    lines = [normalize(line) for line in source_text.split("\n")]
    named = [d for line in lines for d in find_eras(line)]
    with_default = [d for line in lines for d in find_eras(line, default_era="平成")]
    assert len(named) == source_text.count("平成") == 13
    assert len(with_default) == 18  # and ２４年度 three times, ２３年度 twice
    assert sorted({(d.year, d.fiscal) for d in with_default}) == [
        (2007, True), (2010, True), (2011, False), (2011, True), (2012, True)
    ]
    assert [d.year for d in with_default].count(2011) == 9


def test_find_eras_several_in_a_line():
    found = find_eras("平成23年度から令和5年度まで（H23.4〜R5.3）")
    assert [(d.year, d.month, d.fiscal) for d in found] == [
        (2011, None, True), (2023, None, True), (2011, 4, False), (2023, 3, False)
    ]


@pytest.mark.parametrize("text", ["H2O", "CH4", "SH23", "H123", "大3年", "明5年", "第24回", "30%", "12月"])
def test_not_era_dates(text):
    assert find_eras(text, default_era="平成") == []


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([("明治", 1868, 45), ("大正", 1912, 15), ("昭和", 1926, 64), ("平成", 1989, 31),
                        ("令和", 2019, 99)]), st.data(), st.booleans(), st.booleans())
def test_era_years_round_trip(era, data, full_width, fiscal):
    name, first, last = era
    count = data.draw(st.integers(min_value=1, max_value=last))
    written = f"{name}{count}年" + ("度" if fiscal else "")
    if full_width:
        written = written.translate(FULL_WIDTH)
    date = parse_era(written)
    assert (date.year, date.fiscal, date.era, date.span) == (first + count - 1, fiscal, name, (0, len(written)))


_ERAISH = st.text(st.sampled_from(list("0１2３.．/平成令和昭大正明治HRSTMＨ年度月日元十二〇 ")), max_size=20)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _ERAISH), st.sampled_from([None, "平成", "令和"]))
def test_era_functions_raise_only_value_error(text, default_era):
    for date in find_eras(text, default_era=default_era):
        assert 0 <= date.span[0] < date.span[1] <= len(text)
    try:
        parse_era(text, default_era=default_era)
    except ValueError:
        pass


@pytest.mark.parametrize(
    "text, year, month, fiscal",
    [("R元年", 2019, None, False), ("H元年度", 1989, None, True), ("R元.5", 2019, 5, False)],
)
def test_latin_initial_with_gannen(text, year, month, fiscal):
    """Regression: 元年 after a Latin era initial was not read (found by the peers comparison)."""
    (era,) = find_eras(text)
    assert (era.year, era.month, era.fiscal) == (year, month, fiscal)
