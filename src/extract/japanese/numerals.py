"""Japanese numbers: arabic in mixed widths, kanji (positional, with 十百千 and myriad units).

:func:`parse_number` reads one number, however written: ``6０`` -> 60, ``３．５`` -> 3.5,
``1，000`` -> 1000, ``二千九百五十`` -> 2950, ``二〇一一`` -> 2011, ``3億5千万`` ->
350000000, ``1兆2,345億``, ``250百万`` -> 250000000, formal numerals (``壱萬弐阡``),
``▲5`` / ``△5`` / ``－5`` -> -5. A myriad unit (万 億 兆 … 無量大数, steps of 10^4) needs a
coefficient: ``万`` alone is not a number, ``千万`` is. A decimal point may be ``.``, ``．`` or
``・`` (vertical typesetting: ``1・5兆`` -> 1.5e12), also after kanji (``二・五億``,
``五十五・一兆``, ``〇・五``: the digits after the point are positional). Blanks next to a
unit are ignored (``1 兆 586 億``, ``402,307 百 万``), and so is a blank before a thousands
comma (``5 ,202``); any other blank is an error (``2007 2008`` is two numbers, not one).

:func:`find_numbers` finds every numeral in a line, for a census of the figures of a
document. It finds numerals, not quantities: an arabic number is its digits only, and
whatever follows it (``億円``, ``百万$``, ``%``, ``年度``) is its unit, left after the span
for the caller (``12.4億円`` -> 12.4, ``250百万＄`` -> 250, ``5千万円`` -> 5). A kanji numeral
keeps its place markers 十百千, which are its digits (``二千九百五十`` -> 2950), but not a
myriad unit (``一億二千万`` -> 一 and 二千). Kanji are read conservatively, because 一 三 千
百 are also parts of words (一体, 一層, 一部, 一般, 三井, 千葉, 八百屋, 十二分):
a run of numeral kanji (〇零一二三四五六七八九十百千; formal numerals are left out,
参 陸 拾 伍 being common in words) counts only when

- it is not glued to an arabic number (``250百万``: 百 is part of the unit), and
- its left neighbour is not a kanji, or is one of :data:`NUMERAL_PREFIXES` (第 約 年 度
  月, the last kanji of an era name, a myriad unit ...), and either
- it is followed by a counter or unit (:data:`KANJI_COUNTER`: 年 月 日 円 件 次 回 人 %
  万 億 ...), except a run of bare 十百千 before a myriad unit, which is a scale word
  (``百万円``, ``十億円``, ``千万``), or
- it follows 第 (``第三``), or
- it is two or more kanji long and not followed by a kanji (``（二〇一一）``).

A ``・`` between digits is read as a decimal point only where a unit of measure follows
the digits after it (:data:`DECIMAL_UNIT`: 兆 億 万 円 % 倍 ポイント ...): ``6・8兆円`` ->
6.8, ``七七・八%`` -> 77.8. Elsewhere it joins two numbers of a list (``3・4月``,
``1・2号機``) and :func:`find_numbers` leaves both out: reporting such text is the job of
:mod:`extract.japanese.quantities`, which calls it ambiguous.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import regex

__all__ = [
    "BIG_UNITS",
    "NumberMatch",
    "find_numbers",
    "parse_number",
]

# Myriad units, each 10^4 times the one before (the modern Japanese 万進 system).
BIG_UNITS: dict[str, int] = {
    "万": 4, "億": 8, "兆": 12, "京": 16, "垓": 20, "秭": 24, "𥝱": 24, "穣": 28, "溝": 32,
    "澗": 36, "正": 40, "載": 44, "極": 48, "恒河沙": 52, "阿僧祇": 56, "那由他": 60,
    "那由多": 60, "不可思議": 64, "無量大数": 68,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
KANJI_DIGIT_VALUES: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
NEGATIVE_SIGNS = "▲△▼▽Δ∆－−-"  # "-" last: the string is also used inside a regex class

# Formal numerals (大字) and other variants, to their ordinary forms; full-width to ASCII.
_TO_ORDINARY = str.maketrans({
    **{chr(0xFF10 + d): str(d) for d in range(10)},
    "．": ".", "，": ",",
    "壱": "一", "壹": "一", "弌": "一", "弐": "二", "貳": "二", "貮": "二", "弍": "二",
    "参": "三", "參": "三", "弎": "三", "肆": "四", "伍": "五", "陸": "六", "漆": "七",
    "柒": "七", "捌": "八", "玖": "九", "拾": "十", "佰": "百", "陌": "百", "阡": "千",
    "仟": "千", "萬": "万", "・": ".", "･": ".",
})

_BIG_ALTERNATION = "|".join(sorted(BIG_UNITS, key=len, reverse=True))
NUMBER_TOKEN = regex.compile(
    rf"(?P<arabic>[0-9][0-9,.]*)|(?P<digit>[〇零一二三四五六七八九])|(?P<small>[十百千])"
    rf"|(?P<big>{_BIG_ALTERNATION})|(?P<other>.)",
    regex.DOTALL,
)
ARABIC_NUMBER = regex.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")

_UNIT_CHARS = "十百千万億兆京垓秭𥝱穣溝澗正載極恒河沙阿僧祇那由他多不可思議無量大数"
BLANKS_BY_UNIT = regex.compile(rf"[ \t\u3000\u00a0]+(?=[{_UNIT_CHARS}])|(?<=[{_UNIT_CHARS}])[ \t\u3000\u00a0]+")
BLANK_BEFORE_COMMA = regex.compile(r"(?<=[0-9])[ \u3000](?=,[0-9]{3})")  # 5 ,202: a stray blank
KANJI_DECIMAL = regex.compile(r"(?P<int>[0-9〇零一二三四五六七八九十百千]+)\.(?P<frac>[0-9〇零一二三四五六七八九]+)")
KANJI_DIGITS = "〇零一二三四五六七八九"  # the kanji of one digit each (十百千 are units)
ARABIC_DIGITS = "0123456789０１２３４５６７８９"  # half- and full-width
_POSITIONAL = str.maketrans(KANJI_DIGITS, "00123456789")

# What may follow the digits after a ・ for it to be a decimal point (``1・5兆円``, ``0・7%``).
DECIMAL_UNIT = (
    r"(?:[ \u3000]*(?:無量大数|不可思議|那由他|那由多|阿僧祇|恒河沙|[万萬億兆京垓十百千]|円|ドル|ユーロ|ポンド"
    r"|[%％]|パーセント|ポイント|倍|[$＄]))"
)
_KD = KANJI_DIGITS

_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)

# ---- find_numbers patterns (on text as given: full-width and ASCII alike)
_D = "[0-9０-９]"
ARABIC_IN_TEXT = regex.compile(
    rf"(?P<sign>(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ.．])[{NEGATIVE_SIGNS}])?"
    rf"(?P<number>(?<![0-9０-９]|[0-9０-９][・･])"
    rf"(?:{_D}{{1,3}}(?:[ \u3000]?[,，]{_D}{{3}}(?!{_D}))+|{_D}+)"  # groups of three after 1-3 digits
    rf"(?:[.．]{_D}+|[・･]{_D}+(?={DECIMAL_UNIT}))?)(?![0-9０-９]|[・･][0-9０-９])"
)
KANJI_RUN = regex.compile(
    rf"(?<![{_KD}十百千][・･])[〇零一二三四五六七八九十百千]+(?:[・･.．][{_KD}]+(?={DECIMAL_UNIT}))?"
    rf"(?![{_KD}十百千]|[・･][{_KD}])"
)
KANJI_COUNTER = regex.compile(
    r"無量大数|不可思議|那由他|那由多|阿僧祇|恒河沙|[万萬億兆京垓秭𥝱穣]"
    r"|円|ドル|年|月|日|件|次|回|人|名|社|個|倍|割|歳|号|条|項|位|台|枚|週|期"
    r"|[カかヶヵケ箇][国所]|鉱種|種類|時間|[%％]"
)
KANJI_BIG_UNIT = regex.compile(r"無量大数|不可思議|那由他|那由多|阿僧祇|恒河沙|[万萬億兆京垓秭𥝱穣]")
# Kanji that may stand right before a kanji numeral without making it part of a word.
NUMERAL_PREFIXES = frozenset("第約計各毎全総年度月日成和正治万萬億兆京")
HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number found in a text: its value, and where it is (``text == line[span[0]:span[1]]``)."""

    value: Decimal
    span: tuple[int, int]
    text: str


def parse_number(text: str) -> Decimal:
    """The value of one number written in any of the forms of the module docstring."""
    try:
        return _number_from(text)
    except (ValueError, ArithmeticError):
        raise ValueError(f"not a number: {text!r}") from None


def _number_from(text: str, fast: bool = True) -> Decimal:
    body = text.strip()
    negative = bool(body) and body[0] in NEGATIVE_SIGNS
    if negative:
        body = body[1:].lstrip()
    body = body.translate(_TO_ORDINARY)
    value = _fast_value(body) if fast else None
    if value is None:
        value = _general_value(body)
    return -value if negative else value


def _general_value(body: str) -> Decimal:
    """Any body of the module docstring: blanks by units dropped, kanji decimals made arabic,
    then tokens summed in exact decimal arithmetic."""
    body = BLANK_BEFORE_COMMA.sub("", BLANKS_BY_UNIT.sub("", body))
    body = KANJI_DECIMAL.sub(_decimal_to_arabic, body)
    value = _myriads_to_value(_tokens_of(body))
    if value == value.to_integral_value():
        value = Decimal(int(value))
    return value


def _fast_value(body: str) -> Decimal | None:
    """The common forms without the general path's regex passes: an integer of digits,
    kanji and one-character or long units (``二千九百五十``, ``1兆2,345億``, ``1無量大数``),
    or a decimal with at most a myriad unit (``12.4億``); None for anything else. Same
    values and the same refusals as :func:`_general_value` (a property test checks it)."""
    if "." not in body:
        whole = _integer_of(body)
        return None if whole is None else Decimal(whole)
    scaled = _DECIMAL_SCALED.fullmatch(body)
    if scaled is None:
        return None
    value = _EXACT.add(_ZERO, Decimal(scaled["number"]))
    if scaled["big"]:
        value = _EXACT.add(_ZERO, value.scaleb(BIG_UNITS[scaled["big"]], _EXACT))
    return Decimal(int(value)) if value == value.to_integral_value() else value


# The integer path: the grammar of _tokens_of / _myriads_to_value / _small_to_value, in
# Python ints, for a body with no blank, no decimal point and one-character units only.
_DIGIT, _SMALL, _BIG, _NUM = 0, 1, 2, 3
_INTEGER_TOKENS: dict[str, tuple[int, int]] = {
    **{char: (_DIGIT, value) for char, value in KANJI_DIGIT_VALUES.items()},
    **{char: (_SMALL, value) for char, value in SMALL_UNITS.items()},
    **{char: (_BIG, exponent) for char, exponent in BIG_UNITS.items() if len(char) == 1},
}
_LONG_UNITS = tuple(sorted((name for name in BIG_UNITS if len(name) > 1), key=len, reverse=True))
_LONG_UNIT_STARTS = frozenset(name[0] for name in _LONG_UNITS)
_ASCII_DIGITS = frozenset("0123456789")
_GROUPED = regex.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_ZERO = Decimal(0)
# A decimal with at most a myriad unit after it: what the general path reads as one
# coefficient times one unit.
_DECIMAL_SCALED = regex.compile(rf"(?P<number>[0-9]+\.[0-9]+)(?P<big>{_BIG_ALTERNATION})?")


def _integer_of(body: str) -> int | None:  # noqa: C901 (the fast path: digits, kanji, units in one loop)
    """The value of a body the integer path reads (ValueError where the grammar refuses it,
    as the general path would); None to leave it to the general path."""
    if body.isascii() and body.isdigit():
        return int(body)
    tokens: list[tuple[int, int]] = []
    index, size = 0, len(body)
    while index < size:
        char = body[index]
        token = _INTEGER_TOKENS.get(char)
        if token is not None:
            tokens.append(token)
            index += 1
        elif char in _LONG_UNIT_STARTS:
            name = next((name for name in _LONG_UNITS if body.startswith(name, index)), None)
            if name is None:
                return None
            tokens.append((_BIG, BIG_UNITS[name]))
            index += len(name)
        elif char in _ASCII_DIGITS:
            end = index + 1
            while end < size and (body[end] in _ASCII_DIGITS or body[end] == ","):
                end += 1
            number = body[index:end]
            if "," in number:
                if not _GROUPED.fullmatch(number):
                    raise ValueError(number)
                number = number.replace(",", "")
            tokens.append((_NUM, int(number)))
            index = end
        else:
            return None  # a blank, a point, a long unit name, or not a number at all
    if not tokens:
        return None
    return _integer_value(tokens)


def _integer_value(tokens: list[tuple[int, int]]) -> int:  # noqa: C901 (the fast path, one loop over tokens)
    """:func:`_myriads_to_value` over integer tokens."""
    total, position, count, previous_big = 0, 0, len(tokens), None
    while position < count:
        start = run = position
        while run < count and tokens[run][0] == _DIGIT:
            run += 1
        if run - position >= 2:  # positional kanji: 二〇一一
            if run < count and tokens[run][0] == _SMALL:
                raise ValueError("positional kanji before 十百千")
            small = int("".join(str(tokens[i][1]) for i in range(position, run)))
            position = run
        else:
            small, previous_small = 0, None
            while position < count:
                kind, coefficient = tokens[position][0], cast("int | None", tokens[position][1])
                if kind == _NUM or kind == _DIGIT:
                    position += 1
                else:
                    coefficient = None
                if position < count and tokens[position][0] == _SMALL:
                    unit = tokens[position][1]
                    if previous_small is not None and unit >= previous_small:
                        raise ValueError("misplaced 十百千")
                    previous_small = unit
                    small += (1 if coefficient is None else coefficient) * unit
                    position += 1
                    continue
                if coefficient is not None:
                    small += coefficient
                break
            if position == start:
                raise ValueError("no coefficient")
        if position < count:
            kind, exponent = tokens[position]
            if kind != _BIG or (previous_big is not None and exponent >= previous_big):
                raise ValueError("misplaced unit")
            previous_big = exponent
            total += small * 10**exponent
            position += 1
        else:
            total += small
    return total


def _decimal_to_arabic(match: regex.Match[str]) -> str:
    """``五十五.一`` -> ``55.1``; ``〇.五`` -> ``0.5``; arabic decimals are left as they are."""
    whole, fraction = match["int"], match["frac"]
    if whole.isascii() and fraction.isascii():
        return match[0]
    value = _myriads_to_value(_tokens_of(whole))
    if fraction.translate(_POSITIONAL) != fraction and not fraction.translate(_POSITIONAL).isdigit():
        raise ValueError(fraction)
    return f"{int(value)}.{fraction.translate(_POSITIONAL)}"


def _tokens_of(body: str) -> list[tuple[str, Any]]:
    """``'3億5千'`` -> [('num', 3), ('big', 8), ('num', 5), ('small', 1000)]."""
    if not body:
        raise ValueError("empty")
    tokens: list[tuple[str, Any]] = []
    for match in NUMBER_TOKEN.finditer(body):
        kind = match.lastgroup
        if kind == "arabic":
            if not ARABIC_NUMBER.fullmatch(match[0]):
                raise ValueError(match[0])
            tokens.append(("num", Decimal(match[0].replace(",", ""))))
        elif kind == "digit":
            tokens.append(("digit", KANJI_DIGIT_VALUES[match[0]]))
        elif kind == "small":
            tokens.append(("small", SMALL_UNITS[match[0]]))
        elif kind == "big":
            tokens.append(("big", BIG_UNITS[match[0]]))
        else:
            raise ValueError(match[0])
    return tokens


def _myriads_to_value(tokens: list[tuple[str, Any]]) -> Decimal:
    """Sum of ``small × 10^big`` groups, myriad units strictly decreasing."""
    total, position, previous_big = Decimal(0), 0, None
    while position < len(tokens):
        small, position = _small_to_value(tokens, position)
        if position < len(tokens):
            kind, exponent = tokens[position]
            if kind != "big" or (previous_big is not None and exponent >= previous_big):
                raise ValueError("misplaced unit")
            previous_big = exponent
            total = _EXACT.add(total, small.scaleb(exponent, _EXACT))
            position += 1
        else:
            total = _EXACT.add(total, small)
    return total


def _small_to_value(tokens: list[tuple[str, Any]], position: int) -> tuple[Decimal, int]:
    """One coefficient below a myriad unit: ``二千九百五十``, ``二〇一一``, ``2,345``, ``5千``."""
    start = position
    run = position
    while run < len(tokens) and tokens[run][0] == "digit":
        run += 1
    if run - position >= 2:  # positional kanji: 二〇一一
        if run < len(tokens) and tokens[run][0] == "small":
            raise ValueError("positional kanji before 十百千")
        return Decimal("".join(str(tokens[i][1]) for i in range(position, run))), run
    value, previous_small = Decimal(0), None
    while position < len(tokens):
        coefficient = None
        if tokens[position][0] in ("num", "digit"):
            coefficient = Decimal(tokens[position][1])
            position += 1
        if position < len(tokens) and tokens[position][0] == "small":
            unit = tokens[position][1]
            if previous_small is not None and unit >= previous_small:
                raise ValueError("misplaced 十百千")
            previous_small = unit
            value = _EXACT.add(value, _EXACT.multiply(coefficient if coefficient is not None else Decimal(1), unit))
            position += 1
            continue
        if coefficient is not None:
            value = _EXACT.add(value, coefficient)
        break
    if position == start:
        raise ValueError("no coefficient")
    return value, position


def find_numbers(text: str) -> list[NumberMatch]:
    """Every numeral in ``text``, in order (arabic and conservative kanji; see module doc)."""
    found = [_arabic_match(match) for match in ARABIC_IN_TEXT.finditer(text)]
    found += [match for match in (_kanji_match(text, run) for run in KANJI_RUN.finditer(text)) if match]
    return sorted(found, key=lambda number: number.span)


def _arabic_match(match: regex.Match[str]) -> NumberMatch:
    value = parse_number(match["number"])
    if match["sign"]:
        value = -value
    return NumberMatch(value, match.span(), match[0])


def _kanji_match(text: str, run: regex.Match[str]) -> NumberMatch | None:
    start, end = run.span()
    left = text[start - 1] if start else ""
    if not _kanji_is_numeral(text, run[0], left, end):
        return None
    try:
        value = parse_number(run[0])
    except ValueError:
        return None
    return NumberMatch(value, run.span(), run[0])


_BEFORE_NO_KANJI_NUMERAL = ARABIC_DIGITS + ".．,，"


def _kanji_is_numeral(text: str, run: str, left: str, end: int) -> bool:
    """The conservative test of the module docstring for one run of numeral kanji."""
    if left and (left in _BEFORE_NO_KANJI_NUMERAL):
        return False
    if left and HAN.match(left) and left not in NUMERAL_PREFIXES:
        return False
    if left == "第":
        return True
    counter = KANJI_COUNTER.match(text, end)
    if counter:
        scale_word = not any(char in KANJI_DIGIT_VALUES for char in run)
        return not (scale_word and KANJI_BIG_UNIT.fullmatch(counter[0]))
    right = text[end : end + 1]
    return len(run) >= 2 and not HAN.match(right)
