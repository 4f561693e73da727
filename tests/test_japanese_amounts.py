"""extract.japanese.amounts: parse_amount and find_amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.japanese import Amount, find_amounts, normalize, parse_amount

FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def brief(amounts: list[Amount]) -> list[tuple]:
    return [(a.value, a.currency, a.approximate, a.high, a.text) for a in amounts]


# ---------------------------------------------------------------- the real text layer


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12.4億円（うち要望枠３．５億円） ", [(1_240_000_000, "JPY", False, None, "12.4億円"),
                                        (350_000_000, "JPY", False, None, "３．５億円")]),
        ("  鉱物資源人材育成 1.0億円【1.0億円】 ", [(100_000_000, "JPY", False, None, "1.0億円"),
                                         (100_000_000, "JPY", False, None, "1.0億円")]),
        (" 6０億円 ", [(6_000_000_000, "JPY", False, None, "6０億円")]),
        ("  ０億円 ", [(0, "JPY", False, None, "０億円")]),
        ("                   0.8億円【１.6億円】 ", [(80_000_000, "JPY", False, None, "0.8億円"),
                                                (160_000_000, "JPY", False, None, "１.6億円")]),
        ("平成２２年度補正予算（約７０億円） ", [(7_000_000_000, "JPY", True, None, "約７０億円")]),
        ("双日＋ＪＯＧＭＥＣで250百万＄出資済み ", [(250_000_000, "USD", False, None, "250百万＄")]),
        ("○国内立地推進事業：平成２３年度３次補正 ２９５０億円 ", [(295_000_000_000, "JPY", False, None, "２９５０億円")]),  # noqa: E501
        ("合計：１０００億円 ", [(100_000_000_000, "JPY", False, None, "１０００億円")]),
        ("４．鉱山開発・権益確保／供給確保  ４６０億円 ", [(46_000_000_000, "JPY", False, None, "４６０億円")]),
        (" ２００７ ２００８ ２００９ ２０１０ ２０１１ ", []),
        ("平成２３年１２月 ", []),
        ("ジスプロシウム（重稀土） 希尐金属代替材料開発プロジェクトで現状から３０％以上削減を目標", []),
        ("４．８億 ", []),
    ],
)
def test_find_amounts_on_source_lines(source_text, line, expected):
    assert line in source_text.split("\n")
    assert brief(find_amounts(line)) == expected
    assert [(a.value, a.currency) for a in find_amounts(normalize(line))] == [(e[0], e[1]) for e in expected]


def test_spans_locate_the_amount_in_the_text_given():
    line = "12.4億円（うち要望枠３．５億円）"
    first, second = find_amounts(line)
    assert first.span == (0, 6) and second.span == (12, 17)
    assert line[slice(*second.span)] == second.text == "３．５億円"


def test_all_amounts_of_the_source(source_text):
    lines = source_text.split("\n")
    found = [a for line in lines for a in find_amounts(normalize(line))]
    assert len(found) == source_text.count("億円") + 1 == 46  # and 250百万＄
    assert [a.currency for a in found].count("USD") == 1
    assert sum(a.value for a in found if a.currency == "JPY") == 645_840_000_000
    assert [a.text for a in found if a.approximate] == ["約70億円"]
    bare = [a for line in lines for a in find_amounts(normalize(line), default_currency="JPY")]
    assert len(bare) == 51  # page 9's 補助額 column is in bare 億: 3.1 4.8 8.8 11.8 5.2
    assert sorted(a.value for a in bare if not a.text.endswith(("円", "$"))) == [
        310_000_000, 480_000_000, 520_000_000, 880_000_000, 1_180_000_000
    ]


# ---------------------------------------------------------------- units, currencies, qualifiers


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("12.4億円", 1_240_000_000, "JPY"),
        ("3.5億円", 350_000_000, "JPY"),
        ("３．５億円", 350_000_000, "JPY"),
        ("500円", 500, "JPY"),
        ("1,500千円", 1_500_000, "JPY"),
        ("２万円", 20_000, "JPY"),
        ("12百万円", 12_000_000, "JPY"),
        ("1.2兆円", 1_200_000_000_000, "JPY"),
        ("3億5千万円", 350_000_000, "JPY"),
        ("一億二千万円", 120_000_000, "JPY"),
        ("二千九百五十億円", 295_000_000_000, "JPY"),
        ("壱萬円", 10_000, "JPY"),
        ("250百万＄", 250_000_000, "USD"),
        ("250百万$", 250_000_000, "USD"),
        ("250百万ドル", 250_000_000, "USD"),
        ("5億米ドル", 500_000_000, "USD"),
        ("100ドル", 100, "USD"),
        ("US$300", 300, "USD"),
        ("ＵＳ＄３百万", 3_000_000, "USD"),
        ("＄1,000", 1000, "USD"),
        ("▲5億円", -500_000_000, "JPY"),
        ("△1.5億円", -150_000_000, "JPY"),
        ("－２億円", -200_000_000, "JPY"),
        ("差引 -3億円", -300_000_000, "JPY"),
    ],
)
def test_parse_amount_units(text, value, currency):
    amount = parse_amount(text)
    assert (amount.value, amount.currency, amount.high) == (value, currency, None)
    assert isinstance(amount.value, Decimal)


@pytest.mark.parametrize(
    ("text", "value", "span_text"),
    [
        ("約７０億円", 7_000_000_000, "約７０億円"),
        ("およそ3億円", 300_000_000, "およそ3億円"),
        ("概ね3億円", 300_000_000, "概ね3億円"),
        ("10億円程度", 1_000_000_000, "10億円程度"),
        ("10億円強", 1_000_000_000, "10億円強"),
        ("10億円弱", 1_000_000_000, "10億円弱"),
        ("10億円余", 1_000_000_000, "10億円余"),
        ("10億余円", 1_000_000_000, "10億余円"),
        ("約 3,000円強", 3000, "約 3,000円強"),
    ],
)
def test_approximate(text, value, span_text):
    amount = parse_amount(text)
    assert (amount.value, amount.approximate, amount.text) == (value, True, span_text)


def test_qualifier_like_words_after_an_amount_are_not_qualifiers():
    amount = parse_amount("1億円強化事業")
    assert (amount.value, amount.approximate, amount.text) == (100_000_000, False, "1億円")


@pytest.mark.parametrize(
    ("text", "low", "high", "span_text"),
    [
        ("10〜20億円", 1_000_000_000, 2_000_000_000, "10〜20億円"),
        ("10～20億円", 1_000_000_000, 2_000_000_000, "10～20億円"),
        ("10~20億円", 1_000_000_000, 2_000_000_000, "10~20億円"),
        ("10－20億円", 1_000_000_000, 2_000_000_000, "10－20億円"),
        ("10-20億円", 1_000_000_000, 2_000_000_000, "10-20億円"),
        ("1億円 〜 2億円", 100_000_000, 200_000_000, "1億円 〜 2億円"),
        ("3千〜5千万円", 30_000_000, 50_000_000, "3千〜5千万円"),
        ("5千万〜1億円", 50_000_000, 100_000_000, "5千万〜1億円"),
        ("300〜500百万ドル", 300_000_000, 500_000_000, "300〜500百万ドル"),
        ("二十〜三十億円", 2_000_000_000, 3_000_000_000, "二十〜三十億円"),
    ],
)
def test_ranges(text, low, high, span_text):
    amount = parse_amount(text)
    assert (amount.value, amount.high, amount.text) == (low, high, span_text)


def test_approximate_range():
    amount = parse_amount("約10〜20億円")
    assert (amount.value, amount.high, amount.approximate) == (1_000_000_000, 2_000_000_000, True)


def test_hyphen_between_decreasing_amounts_is_not_a_range():
    assert brief(find_amounts("20億円-10億円")) == [
        (2_000_000_000, "JPY", False, None, "20億円"),
        (1_000_000_000, "JPY", False, None, "10億円"),
    ]


def test_bare_scale_needs_a_default_currency():
    assert find_amounts("３．１億") == []
    amount = parse_amount("３．１億", default_currency="JPY")
    assert (amount.value, amount.currency, amount.text) == (310_000_000, "JPY", "３．１億")
    assert find_amounts("5万人", default_currency="JPY") == []
    assert find_amounts("１２", default_currency="JPY") == []
    assert find_amounts("1千", default_currency="JPY") == []
    assert find_amounts("30%", default_currency="JPY") == []


@pytest.mark.parametrize(
    "text",
    ["２０１１", "平成23年度", "平成２３年１２月", "30%", "３０％以上", "(単位:百万円)", "単位：億円", "千円", "十億円",
     "一体となった", "三井住友", "２００７ ２００８", "5万人", "24年度予算要求額"],
)
def test_not_amounts(text):
    assert find_amounts(text) == []


def test_parse_amount_wants_exactly_one():
    with pytest.raises(ValueError, match="no amounts in '平成23年度'"):
        parse_amount("平成23年度")
    with pytest.raises(ValueError, match=r"^2 amounts in '12.4億円\(うち要望枠3.5億円\)', expected one$"):
        parse_amount("12.4億円(うち要望枠3.5億円)")
    assert parse_amount("平成２２年度補正予算（約７０億円）").value == 7_000_000_000


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [("0.123円", "0.123", "JPY"), ("1.25ドル", "1.25", "USD"), ("0.5円未満", "0.5", "JPY"),
     ("0.00001万円", "0.1", "JPY"), ("単価 19.88円/kWh", "19.88", "JPY"), ("286.00円", "286", "JPY")],
)
def test_fractions_of_a_unit_are_exact(text, value, currency):
    amount = parse_amount(text)
    assert (amount.value, amount.currency) == (Decimal(value), currency)
    assert str(amount.value) == value


def test_amount_dataclass_defaults():
    assert Amount(Decimal(1), "JPY", False, (0, 2)) == Amount(Decimal(1), "JPY", False, (0, 2), None, "", "", False)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["円", "万円", "億円", "兆円", "百万ドル"]))
def test_full_width_amounts_round_trip(number, unit):
    scale = {"円": 1, "万円": 10**4, "億円": 10**8, "兆円": 10**12, "百万ドル": 10**6}[unit]
    amount = parse_amount(f"計{number:,}".translate(FULL_WIDTH) + unit + "（予定）")
    assert amount.value == number * scale
    assert amount.currency == ("USD" if unit.endswith("ドル") else "JPY")


_AMOUNTISH = st.text(st.sampled_from(list("0１2３.．,，億万円千百十一二〇▲△-－~〜～約強余程度ドル$＄US 年%圓萬餘銭厘元€£₩¥ＡＨKAC以下超未満から札○※(マイナス)憶セント|")),  # noqa: E501
                     max_size=25)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _AMOUNTISH), st.sampled_from([None, "JPY"]))
def test_amount_functions_raise_only_value_error(text, default_currency):
    try:
        for amount in find_amounts(text, default_currency):
            assert text[amount.span[0] : amount.span[1]] == amount.text
    except ValueError:
        pass
    try:
        parse_amount(text, default_currency)
    except ValueError:
        pass


@pytest.mark.parametrize(
    "text, value",
    [("十二億円", 1_200_000_000), ("予算は十五億円", 1_500_000_000), ("百二十億円", 12_000_000_000),
     ("千二百億円", 120_000_000_000), ("約十二億円", 1_200_000_000)],
)
def test_kanji_amounts_that_start_with_a_place_marker(text, value):
    """Regression: an amount whose numeral starts with 十/百/千 was missed (found by the peers
    comparison); a bare scale word such as 百万円 must still not be read as an amount."""
    (amount,) = find_amounts(text)
    assert (amount.value, amount.currency) == (value, "JPY")
    assert parse_amount(text).value == value


@pytest.mark.parametrize("text", ["単位：百万円", "千億円規模", "百万円単位"])
def test_scale_words_are_still_not_amounts(text):
    assert find_amounts(text) == []


# ---------------------------------------------------------------- forms of real-world text


def shape(amounts: list[Amount]) -> list[tuple]:
    return [(a.value, a.high, a.currency, a.unit, a.negative, a.approximate, a.text) for a in amounts]


@pytest.mark.parametrize(
    ("text", "value", "unit", "span_text"),
    [
        ("過去最大となる約6・8兆円の防衛費", "6800000000000", "兆円", "約6・8兆円"),
        ("３２・６兆円に達する", "32600000000000", "兆円", "３２・６兆円"),
        ("1・5兆円", "1500000000000", "兆円", "1・5兆円"),
        ("ネットが二・八兆円でございます", "2800000000000", "兆円", "二・八兆円"),
        ("歳入予算額約五十五・一兆円に対し", "55100000000000", "兆円", "約五十五・一兆円"),
        ("所要額二.八兆円に関する", "2800000000000", "兆円", "二.八兆円"),
        ("約六十七・〇兆円と", "67000000000000", "兆円", "約六十七・〇兆円"),
    ],
)
def test_nakaguro_and_kanji_decimal_points(text, value, unit, span_text):
    (amount,) = find_amounts(text)
    assert (amount.value, amount.unit, amount.text) == (Decimal(value), unit, span_text)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("歳入決算額は 1 兆 586 億 8,055 万円であり", "1058680550000", "万円"),
        ("1兆 2,345億 6,789万円", "1234567890000", "万円"),
        ("最 終 予 算 額 3,878 億 7,800 万 円 に 対 し", "387878000000", "万円"),
        ("対策等 1,164,605 百 万 円、", "1164605000000", "百万円"),
        ("億総活躍社会の実現の加速 711,890 百万円、", "711890000000", "百万円"),
        ("12,345,678 千円", "12345678000", "千円"),
        ("予算現計額382億5,049万7千円に", "38250497000", "千円"),
        ("補正後の支出予算額は、1,278億16百万円となります。", "127816000000", "百万円"),
    ],
)
def test_blanks_inside_a_figure_and_compound_units(text, value, unit):
    (amount,) = find_amounts(text)
    assert (amount.value, amount.unit) == (Decimal(value), unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [("△ 1,234円", "-1234"), ("▲ 5億円", "-500000000"), ("− 3億円", "-300000000"),
     ("前年度比-62,919千円", "-62919000"), ("【反映額:▲0.9億円】", "-90000000"), ("+5億円", "500000000")],
)
def test_signs_with_and_without_a_blank(text, value):
    (amount,) = find_amounts(text)
    assert amount.value == Decimal(value)
    assert amount.negative is (value.startswith("-"))


def test_a_hyphen_after_a_number_is_a_range_not_a_sign():
    (amount,) = find_amounts("10 - 20億円")
    assert (amount.value, amount.high) == (Decimal(1_000_000_000), Decimal(2_000_000_000))


@pytest.mark.parametrize(
    ("text", "currency", "value"),
    [("約216億ドル", "USD", "21600000000"), ("460億ポンド", "GBP", "46000000000"), ("¥1,000", "JPY", "1000"),
     ("30億ユーロ", "EUR", "3000000000"), ("€5", "EUR", "5")],
)
def test_more_currencies(text, currency, value):
    (amount,) = find_amounts(text)
    assert (amount.currency, amount.value) == (currency, Decimal(value))


@pytest.mark.parametrize(
    "text", ["1兆2600億円あまり", "199億円余り", "905億円ほど", "9兆円台", "7兆円近く", "12兆円弱", "55億余円"]
)
def test_approximate_qualifiers_after(text):
    (amount,) = find_amounts(text)
    assert amount.approximate and amount.text == text


@pytest.mark.parametrize("text", ["5万台", "3億台を販売"])
def test_dai_is_a_counter_without_a_currency(text):
    assert find_amounts(text, default_currency="JPY") == []


@pytest.mark.parametrize(
    "text",
    ["1・2号機", "3・4月", "第1・2四半期", "平成23・24年度", "2,5000円", "1.2.3億円", "2、3億円", "3,4億円",
     "一・二号機", "三・一一以降", "数千億円", "一億総活躍社会", "補正 ２９５０"],
)
def test_never_a_fragment_of_a_larger_numeral(text):
    """Numbers joined by ・ 、 , . that do not make one number are not read at all."""
    assert find_amounts(text, default_currency="JPY") == []


def test_glued_cells_whose_units_do_not_decrease_are_two_amounts():
    both = [Decimal(10**10), Decimal(2 * 10**10)]
    assert [a.value for a in find_amounts("100億200億", default_currency="JPY")] == both
    assert [a.value for a in find_amounts("100億 200億", default_currency="JPY")] == both
    assert [a.text for a in find_amounts("1,272 ▲ 8,275億円")] == ["▲ 8,275億円"]


@pytest.mark.parametrize("text", ["億 9,300 万円(26.2%)減少", "億9,300万円", "兆 5,000億円"])
def test_the_tail_of_a_figure_is_unclear_not_an_amount(text):
    from extract.japanese.amounts import Unclear, scan_amounts

    found = scan_amounts(text, default_currency="JPY")
    assert isinstance(found[0], Unclear) and found[0].text in text
    assert find_amounts(text, default_currency="JPY") == []


def test_a_valid_compound_followed_by_a_counter_is_not_split():
    assert find_amounts("213億9,300万人", default_currency="JPY") == []


def test_unit_as_written():
    assert [a.unit for a in find_amounts("12.4億円 250百万＄ 二千九百五十億円 US$300 5千万円 0.5円")] == [
        "億円", "百万＄", "億円", "US$", "千万円", "円"
    ]
