"""extract.japanese.numerals: parse_number and find_numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.japanese import NumberMatch, find_numbers, normalize, parse_number

KANJI_DIGITS = "〇一二三四五六七八九"
MYRIADS = ["", "万", "億", "兆", "京", "垓"]
FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")
FORMAL = str.maketrans("一二三十千万", "壱弐参拾阡萬")


def small_kanji(number: int, explicit_one: bool) -> str:
    """1..9999 in kanji: 2950 -> 二千九百五十 (一千 when ``explicit_one``)."""
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, number = divmod(number, value)
        if digit:
            out += ("一" if explicit_one else "") + unit if digit == 1 else KANJI_DIGITS[digit] + unit
    return out + (KANJI_DIGITS[number] if number else "")


def _with_myriads(number: int, render) -> str:
    """``number`` as its non-zero 10^4 groups, each rendered and followed by its unit."""
    groups = []
    while number:
        number, group = divmod(number, 10_000)
        groups.append(group)
    return "".join(render(groups[e]) + MYRIADS[e] for e in reversed(range(len(groups))) if groups[e])


def to_kanji(number: int, explicit_one: bool = False) -> str:
    """0..10^24-1 in kanji with myriad units: 120000000 -> 一億二千万."""
    return _with_myriads(number, lambda group: small_kanji(group, explicit_one)) if number else "〇"


def to_mixed(number: int) -> str:
    """Arabic coefficients with myriad units: 350000000 -> 3億5000万."""
    return _with_myriads(number, lambda group: f"{group:,}") if number else "0"


def test_helpers_render_known_numbers():
    assert to_kanji(2950) == "二千九百五十"
    assert to_kanji(120_000_000) == "一億二千万"
    assert to_kanji(10**20) == "一垓"
    assert to_kanji(1010, explicit_one=True) == "一千一十"
    assert to_mixed(1_234_500_000_000) == "1兆2,345億"


# ---------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("6０", 60),
        ("１.6", Decimal("1.6")),
        ("３．５", Decimal("3.5")),
        ("12.4", Decimal("12.4")),
        ("1,000", 1000),
        ("１，２３４，５６７", 1234567),
        ("1，000.5", Decimal("1000.5")),
        ("二千九百五十", 2950),
        ("一億二千万", 120_000_000),
        ("〇", 0),
        ("零", 0),
        ("十", 10),
        ("十二", 12),
        ("百一", 101),
        ("千万", 10_000_000),
        ("二〇一一", 2011),
        ("二〇億", 2_000_000_000),
        ("3億5千万", 350_000_000),
        ("1兆2,345億", 1_234_500_000_000),
        ("2950億", 295_000_000_000),
        ("12.4億", 1_240_000_000),
        ("250百万", 250_000_000),
        ("3千5百", 3500),
        ("壱萬弐阡参佰伍拾", 12_350),
        ("壱拾", 10),
        ("陸千", 6000),
        ("玖億捌千漆百", 900_008_700),
        ("一京", 10**16),
        ("一垓", 10**20),
        ("一秭", 10**24),
        ("一穣", 10**28),
        ("一溝", 10**32),
        ("一澗", 10**36),
        ("一正", 10**40),
        ("一載", 10**44),
        ("一極", 10**48),
        ("一恒河沙", 10**52),
        ("一阿僧祇", 10**56),
        ("一那由他", 10**60),
        ("一不可思議", 10**64),
        ("一無量大数", 10**68),
        ("九千九百九十九無量大数一", 9999 * 10**68 + 1),
        ("▲5", -5),
        ("△１．５", Decimal("-1.5")),
        ("－３", -3),
        ("-2,000", -2000),
        ("−7億", -700_000_000),
        ("  ４２０  ", 420),
        ("\u3000１２\u3000", 12),
    ],
)
def test_parse_number(written, value):
    assert parse_number(written) == value


def test_parse_number_is_exact_beyond_float():
    assert parse_number("12345678901234567890123456789") == 12345678901234567890123456789
    assert parse_number("0.1") + parse_number("0.2") == Decimal("0.3")


@pytest.mark.parametrize(
    "written",
    ["", " ", "万", "億円", "1,00", "1.", ".5", "1.2.3", "abc", "12a", "▲", "--5", "十百", "二千三千",
     "一万一億", "二〇千", "1 000", "12%", "平成23"],
)
def test_parse_number_rejects(written):
    with pytest.raises(ValueError, match=r"^not a number: ") as raised:
        parse_number(written)
    assert str(raised.value) == f"not a number: {written!r}"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**20), st.booleans(), st.booleans())
def test_kanji_round_trip(number, explicit_one, formal):
    written = to_kanji(number, explicit_one)
    if formal:
        written = written.translate(FORMAL)
    assert parse_number(written) == number


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**20))
def test_full_width_with_separators_round_trip(number):
    assert parse_number(f"{number:,}".translate(FULL_WIDTH)) == number


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**20))
def test_mixed_arabic_and_myriad_round_trip(number):
    assert parse_number(to_mixed(number)) == number


_NUMERAL_ALPHABET = st.sampled_from(list("0123456789０１９,，.．・〇零一二三四五六七八九十百千万萬億兆京無量大数恒河沙那由他壱弐阡 ▲-x"))  # noqa: E501


def _value_or_refusal(text: str, fast: bool):
    from extract.japanese.numerals import _number_from

    try:
        value = _number_from(text, fast=fast)
    except (ValueError, ArithmeticError):
        return "refused"
    return (value, str(value))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(_NUMERAL_ALPHABET, max_size=16), st.text(max_size=8)))
def test_the_fast_paths_read_what_the_general_path_reads(text):
    """Integers and scaled decimals skip the general path's passes: same value (and the same
    decimal exponent), the same refusals."""
    assert _value_or_refusal(text, fast=True) == _value_or_refusal(text, fast=False)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_number_raises_only_value_error(text):
    try:
        parse_number(text)
    except ValueError:
        pass


# ---------------------------------------------------------------- find_numbers


def numbers(text: str) -> list[tuple[Decimal, str]]:
    return [(match.value, match.text) for match in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.4億円（うち要望枠３．５億円）", [(Decimal("12.4"), "12.4"), (Decimal("3.5"), "３．５")]),
        (" 6０億円 ", [(60, "6０")]),
        ("【１.6億円】", [(Decimal("1.6"), "１.6")]),
        ("250百万＄", [(250, "250")]),
        ("5千万円", [(5, "5")]),
        ("２００７ ２００８", [(2007, "２００７"), (2008, "２００８")]),
        ("2007-2008", [(2007, "2007"), (2008, "2008")]),
        ("▲5億円", [(-5, "▲5")]),
        ("差引-3", [(-3, "-3")]),
        ("30%以上", [(30, "30")]),
        ("1,2345", [(1, "1"), (2345, "2345")]),
        ("H23", [(23, "23")]),
        ("平成二十三年十二月", [(23, "二十三"), (12, "十二")]),
        ("（二〇一一）", [(2011, "二〇一一")]),
        ("第三回", [(3, "三")]),
        ("平成23年度三次補正", [(23, "23"), (3, "三")]),
        ("一億二千万円", [(1, "一"), (2000, "二千")]),
        ("一千万円", [(1000, "一千")]),
        ("千年", [(1000, "千")]),
        ("各一名", [(1, "一")]),
    ],
)
def test_find_numbers(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize(
    "text",
    ["一体となった取組み", "より一層厳しく", "一部中国へ移転", "三井住友", "（一般）", "千葉県", "八百屋",
     "十二分に", "単一年度", "一極集中", "〇レアメタル", "百万円", "(単位:十億円)", "千万円", "参考", "北陸"],
)
def test_find_numbers_skips_kanji_in_words_and_scale_words(text):
    assert find_numbers(text) == []


def test_find_numbers_spans_and_values():
    text = "平成２３年度３次補正 ２９５０億円"
    found = find_numbers(text)
    assert found == [
        NumberMatch(Decimal(23), (2, 4), "２３"),
        NumberMatch(Decimal(3), (6, 7), "３"),
        NumberMatch(Decimal(2950), (11, 15), "２９５０"),
    ]
    assert all(text[m.span[0] : m.span[1]] == m.text for m in found)


def test_census_of_the_source(source_text):
    lines = [normalize(line) for line in source_text.split("\n")]
    found = [match for line in lines for match in find_numbers(line)]
    assert len(found) == 109  # 105 arabic numbers and 三 of 三次補正 four times
    kanji = [match.text for match in found if not match.text.isascii()]
    assert kanji == ["三", "三", "三", "三"]
    assert sum(1 for match in found if match.value == 2950) == 1
    assert max(match.value for match in found) == 2950


def test_census_of_the_raw_source_finds_the_same_values(source_text):
    raw = [match.value for line in source_text.split("\n") for match in find_numbers(line)]
    repaired = [match.value for line in source_text.split("\n") for match in find_numbers(normalize(line))]
    assert raw == repaired


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_numbers_raises_nothing_and_spans_are_exact(text):
    for match in find_numbers(text):
        assert text[match.span[0] : match.span[1]] == match.text
