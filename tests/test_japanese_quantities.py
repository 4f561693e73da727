"""extract.japanese.quantities and .units: every figure of a line, read whole or flagged."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.japanese import normalize
from extract.japanese.quantities import KINDS, find_quantities
from extract.japanese.units import declares_units, unit_header


def shapes(text: str, **kwargs) -> list[tuple]:
    return [(q.kind, q.text, q.value) for q in find_quantities(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "ambiguous"),
    [
        ("3・4月の2か月", "3・4"), ("1・2号機の廃炉", "1・2"), ("平成23・24年度", "23・24"),
        ("第1・2四半期", "1・2"), ("三・一一以降", "三・一一"), ("共用第4・5・6会議室", "4・5・6"),
        ("2,5000円", "2,5000"), ("1.2.3版", "1.2.3"), ("構成比は 46. 3%", "46. 3"), ("2、3億円", "2、3"),
        ("B/C=7.37(287.6/39.0)", "287.6/39.0"), ("補助率1/2", "1/2"),
    ],
)
def test_numerals_that_touch_are_read_whole_or_flagged(text, ambiguous):
    found = find_quantities(text, default_currency="JPY")
    flagged = [q for q in found if q.kind == "ambiguous"]
    assert [q.text for q in flagged] == [ambiguous] and flagged[0].reason
    start = text.index(ambiguous)
    span = (start, start + len(ambiguous))
    assert not [q for q in found if q.kind != "ambiguous" and q.span[0] < span[1] and span[0] < q.span[1]]


@pytest.mark.parametrize(
    ("text", "kind", "figure", "value"),
    [
        ("約6・8兆円の防衛費", "amount", "約6・8兆円", "6800000000000"),
        ("七七・八%でございます", "percent", "七七・八%", "77.8"),
        ("対前年0・7%減", "percent", "0・7%", "0.7"),
        ("防衛費を１・７倍に", "number", "１・７倍", "1.7"),
        ("10-20億円の範囲", "amount", "10-20億円", "1000000000"),
        ("H23.12に", "date", "H23.12", "2011"),
        ("2023.4.1施行", "date", "2023.4.1", "2023"),
        ("関電の11基で計6万2140トン", "number", "6万2140トン", "62140"),
    ],
)
def test_whole_figures(text, kind, figure, value):
    (found,) = [q for q in find_quantities(text, default_currency="JPY") if q.text == figure]
    assert (found.kind, found.value) == (kind, Decimal(value))


@pytest.mark.parametrize(
    ("text", "code", "reason"),
    [
        ("電話番号:043-211-8565", "043-211-8565", "a phone number"),
        ("TEL 075-312-1211 (代表)", "075-312-1211", "a phone number"),
        ("〒812-0013 福岡市", "〒812-0013", "a postal code"),
        ("14:00~15:30", "14:00", "a time of day"),
        ("2Q16", "2Q16", "part of a name or code"),
        ("CO2を削減", "CO2", "part of a name or code"),
        ("PM2.5の濃度", "PM2.5", "part of a name or code"),
        ("Ver.1.0", "Ver.1.0", "part of a name or code"),
    ],
)
def test_codes_are_no_quantities(text, code, reason):
    found = find_quantities(text)
    assert code in [q.text for q in found if q.kind == "code"]
    assert all(q.kind in ("code",) for q in found if q.text == code)
    assert next(q for q in found if q.text == code).reason.startswith(reason)


def test_dates_and_percents_are_no_amounts():
    assert shapes("平成２３年１２月、2011年度は30%増") == [
        ("date", "平成２３年１２月", Decimal(2011)), ("date", "2011年度", Decimal(2011)), ("percent", "30%", Decimal(30))]  # noqa: E501
    assert find_quantities("令和七年六月二十七日受領")[0].date == "2025-06-27"
    assert find_quantities("平成24年度")[0].date == "FY2012"


def test_a_header_makes_amounts_of_bare_integers_only():
    header = unit_header("（単位：百万円）")
    found = find_quantities("(1)国債費 ▲ 4,175 人件費42 46.3 5人 表2", header=header)
    assert [(q.kind, q.text, q.value, q.unit_from_header) for q in found] == [
        ("code", "1", None, False), ("amount", "▲ 4,175", Decimal(-4_175_000_000), True),
        ("amount", "42", Decimal(42_000_000), True), ("ambiguous", "46.3", None, False),
        ("number", "5人", Decimal(5), False), ("code", "2", None, False)]


def test_a_header_on_the_line_applies_after_it_only():
    header = unit_header("2019 (単位:億円) 41,143")
    found = find_quantities("2019 (単位:億円) 41,143", header=header, header_from=header.span[1])
    assert [(q.kind, q.value) for q in found] == [("number", Decimal(2019)), ("amount", Decimal(4_114_300_000_000))]


@pytest.mark.parametrize(
    ("text", "unit", "scale", "currency"),
    [("(単位:百万円)(税込み)", "百万円", 10**6, "JPY"), ("（単位：千円）", "千円", 1000, "JPY"), ("単位:億円", "億円", 10**8, "JPY"),  # noqa: E501
     ("単位：千円 歳入 12,345", "千円", 1000, "JPY"), ("（千円）", "千円", 1000, "JPY"), ("(単位：円)", "円", 1, "JPY"),
     ("[単位:千ドル]", "千ドル", 1000, "USD"), ("（単位：百万円、％）", "百万円", 10**6, "JPY"),
     ("(単位:事業、百万円)", None, None, None)],
)
def test_unit_headers(text, unit, scale, currency):
    header = unit_header(text)
    assert declares_units(text)
    if unit is None:
        assert header is None
    else:
        assert (header.unit, header.scale, header.currency) == (unit, Decimal(scale), currency)


@pytest.mark.parametrize("text", ["(百万円未満切捨て)", "kWh単位で計算", "単位は千円です", "予算額(千円)の推移"])
def test_not_unit_headers(text):
    assert unit_header(text) is None


_FIGURE_TEXT = st.lists(st.sampled_from(list("0123456789,.・、/-:▲△ 億万兆千百円%年月度第号()約余") + [
    "銭", "圓", "萬", "餘", "※", "○", "~", "から", "以下", "超", "元", "ドル", "セント", "€", "£", "₩", "札", "|",
    "(マイナス)", "平成"]), max_size=30).map("".join)


@settings(max_examples=600, deadline=None)
@given(_FIGURE_TEXT, st.sampled_from([None, "JPY"]), st.booleans())
def test_figures_never_overlap_and_digits_touching_a_figure_are_inside_it(text, currency, with_header):
    """Property: no two figures overlap, and no figure that is read (not ambiguous, not a code)
    stands next to a digit or a digit-joiner that continues it outside its span."""
    text = normalize(text)
    header = unit_header("(単位:千円)") if with_header else None
    found = find_quantities(text, default_currency=currency, header=header)
    spans = sorted(q.span for q in found)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    for q in found:
        assert q.kind in KINDS
        assert text[q.span[0] : q.span[1]] == q.text
        if q.kind in ("ambiguous", "code"):
            continue
        before, after = text[: q.span[0]], text[q.span[1] :]
        if q.text[:1].isdigit():
            assert not before[-1:].isdigit(), (text, q)
            assert not (len(before) > 1 and before[-1] in ".,・" and before[-2].isdigit()), (text, q)
        if q.text[-1:].isdigit():
            assert not after[:1].isdigit(), (text, q)
            assert not (len(after) > 1 and after[0] in ".,・" and after[1].isdigit()), (text, q)
