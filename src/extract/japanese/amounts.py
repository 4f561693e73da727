"""Money amounts in Japanese text: ``12.4億円``, ``約７０億円``, ``250百万＄``, ``10〜20億円``.

An amount is a number (any form :func:`~extract.japanese.numerals.parse_number` reads,
starting with a digit, arabic or kanji) with a currency: ``円`` (JPY); ``ドル``, ``米ドル``,
``$``/``＄`` or ``US$`` before or after (USD); ``¥``/``￥`` before (JPY); ``ユーロ``/``€``
(EUR), ``ポンド`` (GBP), ``ウォン`` (KRW), ``人民元`` (CNY). Scales are part of the number:
``千円``, ``万円``, ``百万円``, ``億円``, ``兆円``, ``百万＄``, ``3億5千万円``, ``1兆2,345億``.
A bare scale with no currency (``３．１億``) is an amount only when ``default_currency``
is given, the number ends with a myriad unit (万 億 兆 ...), and no kanji, katakana or
Latin unit follows (``5万人`` is not). Years (``２０１１``, ``平成23年度``) and percentages
are never amounts. A scale word with no digit (``百万円`` in ``単位：百万円``, ``千円``,
``数千億円``) is a unit, not an amount.

Forms met in real documents, read exactly:

- ``・`` as the decimal point, in digits and in kanji (``1・5兆円``, ``二・五億円``,
  ``五十五・一兆円``), when a scale or currency follows;
- blanks inside a figure, between number and unit and between the parts of a compound
  (``12,345,678 千円``, ``1 兆 586 億 8,055 万円``, ``1,164,605 百 万 円``);
- a sign before the number, also with a blank after it: ``▲5億円``, ``△ 1,234``
  (``▲ △ － − -``: negative; ``+ ＋``: positive); a hyphen with a blank after it is a sign
  only where no number stands before it (``10 - 20億円`` is a range);
- fractions of a unit (``0.5円``, ``19.88円``): ``value`` is an exact :class:`~decimal.Decimal`.

``value`` is exact, in the currency's main unit (yen, dollars). Qualifiers 約 およそ 概ね
before, 程度 前後 強 弱 余 余り あまり ほど 近く after (``台`` too, after a currency:
``9兆円台``) set ``approximate`` and are part of the span. A range ``low〜high`` (``〜 ～
~``, or a hyphen) gives ``value=low, high=high``; a bare low takes the high's scale
(``10〜20億円`` -> 10億円). A hyphen between two amounts whose first is larger is not a
range. Table cells glued together by a text layer (``100億200億``: the units do not
decrease) are read as two amounts.

Never a fragment: a number that continues a larger figure on its left (``2,5000``,
``1.2.3``, ``3・4月``, ``2、3億円``) is not read here (:mod:`extract.japanese.quantities`
reports such text as ambiguous), and a number standing right after a scale with no
number of its own (``億 9,300万円``: the start of the figure is on the line before) is
returned by :func:`scan_amounts` as :class:`Unclear`, never as an amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from extract.japanese.numerals import BIG_UNITS, DECIMAL_UNIT, parse_number

__all__ = ["Amount", "CURRENCIES", "Unclear", "find_amounts", "parse_amount", "scan_amounts"]

CURRENCIES: dict[str, str] = {
    "円": "JPY", "¥": "JPY", "￥": "JPY",
    "ドル": "USD", "米ドル": "USD", "$": "USD", "＄": "USD", "US$": "USD",
    "US＄": "USD", "ＵＳ$": "USD", "ＵＳ＄": "USD",
    "ユーロ": "EUR", "€": "EUR", "ポンド": "GBP", "英ポンド": "GBP", "ウォン": "KRW", "人民元": "CNY",
}

_D = "[0-9０-９]"
_KD = "〇零一二三四五六七八九壱壹弌弐貳貮弍参參弎肆伍陸漆柒捌玖"
_SMALL = "十百千拾佰陌阡仟"
_BIG = "|".join(sorted([*BIG_UNITS, "萬"], key=len, reverse=True))
_UNIT_END = "十百千拾佰陌阡仟万萬億兆京垓秭𥝱穣溝澗正載極沙祇他多議数"  # last characters of units
_SP = r"[ \t\u3000\u00a0]*"
_JOINERS = ".．,，・･、"
# Arabic digits, grouped by threes, with a decimal point; never the start of a longer cluster.
_ARABIC = (
    rf"{_D}+(?:[,，]{_D}{{3}}(?!{_D}))*(?:[.．]{_D}+|[・･]{_D}+(?={DECIMAL_UNIT}))?"
    rf"(?!{_D}|[{_JOINERS}]{_D})"
)
_KANJI_DECIMAL = rf"(?:[・･.．][{_KD}]+(?={DECIMAL_UNIT}))?(?![・･][{_KD}])"
_COEFFICIENT = rf"(?:{_ARABIC}|[{_KD}{_SMALL}]*[{_KD}][{_KD}{_SMALL}]*{_KANJI_DECIMAL})"
_UNIT_TOKEN = rf"(?:[{_SMALL}]|{_BIG})"
# Nothing that could make the number part of a larger one may stand on its left.
_GUARD = (
    rf"(?<![0-9０-９.．,，{_KD}{_SMALL}A-Za-zＡ-Ｚａ-ｚ])"
    rf"(?<![0-9０-９{_KD}][・･、])"
)
_FIRST = (
    # A number starts with a digit, or with 十/百/千 when a kanji digit follows (十二億円,
    # 百二十億円): a bare 百万円 or 千億円 is a scale word, not an amount.
    rf"(?:{_ARABIC}|[{_KD}][{_KD}{_SMALL}]*{_KANJI_DECIMAL}"
    rf"|[{_SMALL}](?=[{_SMALL}]*[{_KD}])[{_KD}{_SMALL}]*{_KANJI_DECIMAL})"
)
_NUMBER = rf"{_FIRST}(?:{_SP}{_UNIT_TOKEN}|(?<=[{_UNIT_END}]){_SP}{_COEFFICIENT})*"
_PREFIX = r"[UＵ][SＳ][$＄]|[$＄¥￥€]"
_SUFFIX = r"米ドル|ドル|[UＵ][SＳ][$＄]|[$＄]|円|ユーロ|€|英ポンド|ポンド|ウォン|人民元"
_MINUS = "-－−‐"
_SIGN = (
    rf"(?<![0-9０-９])[▲△]"
    rf"|(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ.．円$＄ル)）%％])(?<![0-9０-９][ \t\u3000\u00a0]+)[{_MINUS}]"
    rf"|(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ])[+＋]"
)
_BEFORE = rf"(?:(?P<approx_before>約|およそ|凡そ|概ね|おおむね){_SP})?(?:(?P<sign>{_SIGN}){_SP})?"
_AFTER = (
    rf"(?P<approx_mid>余)?(?:{_SP}(?P<currency>{_SUFFIX}))?"
    r"(?P<approx_after>程度|前後|ほど|余り|あまり|余(?![剰裕])|強(?![化くい制])|弱(?![化くい])|近く|台(?![帳所湾風]))?"
)
_HYPHENS = "-－−–‐"
_LOW = rf"(?:(?P<prefix>{_PREFIX}){_SP})?(?P<low>{_NUMBER})"
_RANGE = (
    rf"(?:(?:{_SP}(?P<low_currency>{_SUFFIX}))?"
    rf"(?P<sep>{_SP}[〜～~]{_SP}|{_SP}[{_HYPHENS}]{_SP})"
    rf"(?:(?P<high_prefix>{_PREFIX}){_SP})?(?P<high>{_NUMBER}))?"
)


def _pattern(guarded: bool, ranged: bool) -> regex.Pattern[str]:
    return regex.compile(_BEFORE + (_GUARD if guarded else "") + _LOW + (_RANGE if ranged else "") + _AFTER)


NUMBER_WITH_SCALE = regex.compile(_NUMBER)  # a number and its scale, no currency: 5万, 1億2千万
AMOUNT = _pattern(guarded=True, ranged=True)
SINGLE_AMOUNT = _pattern(guarded=True, ranged=False)
CONTINUED_AMOUNT = _pattern(guarded=False, ranged=True)  # right after a split of glued cells
UNIT_CHARS = regex.compile(rf"(?:[{_SMALL}]|{_BIG})+")
BIG_UNIT_AT = regex.compile(rf"{_BIG}")
ENDS_WITH_BIG_UNIT = regex.compile(rf"(?:{_BIG})$")
UNIT_AFTER_BARE_SCALE = regex.compile(r"[\p{Han}\p{Katakana}A-Za-zＡ-Ｚａ-ｚ%％ー]")
# A scale right before a number: the number is the tail of a larger figure (``213億 | 9,300万円``
# split over two lines, or cells glued so that the units do not decrease).
# Only the common scales: 正 載 極 溝 澗 are also everyday kanji (補正, 記載, 積極).
TAIL_OF_FIGURE = regex.compile(rf"(?P<digits>[0-9０-９{_KD}]{_SP})?[万萬億兆京]{_SP}$")
_TAIL_REASONS = {
    False: "a scale with no number of its own stands before it (the figure may begin on the line before)",
    True: "it continues the figure before it, whose units do not decrease",
}
BLANKS = regex.compile(r"[ \t\u3000\u00a0]+")
_ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")
_DIGIT_CHARS = _ARABIC_DIGITS | frozenset(_KD)


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount: ``value`` (and ``high`` for a range) exact, in units of ``currency``.

    ``unit`` is the scale and currency as written after the last digit (``億円``, ``千円``,
    ``百万＄``, ``円``; a prefix currency such as ``$`` for ``$300``); ``negative`` is True
    where a ▲ △ or minus sign stands before the number.
    """

    value: Decimal
    currency: str
    approximate: bool
    span: tuple[int, int]
    high: Decimal | None = None
    text: str = ""
    unit: str = ""
    negative: bool = False


@dataclass(frozen=True, slots=True)
class Unclear:
    """Text that looks like an amount but may be a fragment of a larger figure, and why."""

    span: tuple[int, int]
    text: str
    reason: str


def find_amounts(text: str, default_currency: str | None = None) -> list[Amount]:
    """Every amount in ``text``, in order (see the module docstring for what counts)."""
    return [found for found in scan_amounts(text, default_currency) if isinstance(found, Amount)]


def parse_amount(text: str, default_currency: str | None = None) -> Amount:
    """The one amount in ``text`` (other words around it are fine); ValueError if not one."""
    found = find_amounts(text, default_currency)
    if len(found) != 1:
        raise ValueError(f"{len(found) or 'no'} amounts in {text!r}, expected one")
    return found[0]


def scan_amounts(text: str, default_currency: str | None = None) -> list[Amount | Unclear]:
    """Every amount of ``text`` and every amount-like fragment that may not be read, in order."""
    found: list[Amount | Unclear] = []
    position, continued = 0, False
    while True:
        match = None
        if continued:
            position = _past_blanks(text, position)
            match = CONTINUED_AMOUNT.match(text, position)
        match = match or AMOUNT.search(text, position)
        if match is None:
            return found
        amount, end = _amount_at(text, match, default_currency)
        if amount is None:
            position, continued = match.start() + 1, False
            continue
        tail = not continued and TAIL_OF_FIGURE.search(text, 0, match.start())
        if tail:
            found.append(Unclear(amount.span, amount.text, _TAIL_REASONS[bool(tail["digits"])]))
        else:
            found.append(amount)
        continued = end < match.end()
        position = end


def _past_blanks(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\u3000\u00a0":
        position += 1
    return position


def _amount_at(text: str, match: regex.Match[str], default_currency: str | None) -> tuple[Amount | None, int]:
    """The amount a candidate stands for (or its single low end, or its first glued cell)."""
    amount = _amount_of(text, match, default_currency)
    if amount is not None:
        return amount, match.end()
    if match["sep"]:
        single = SINGLE_AMOUNT.match(text, match.start())
        amount = _amount_of(text, single, default_currency) if single else None
        if amount is not None:
            return amount, single.end()
    return _first_cell(text, match, default_currency)


def _first_cell(text: str, match: regex.Match[str], default_currency: str | None) -> tuple[Amount | None, int]:
    """``100億200億``, ``100億 200億``: the longest leading part ending with a unit that is an amount."""
    low_start, low_end = match.span("low")
    try:
        parse_number(match["low"])
        return None, match.end()  # one figure (213億9,300万人 is a count, not two cells)
    except ValueError:
        pass
    cuts = [low_start + unit.end() for unit in BIG_UNIT_AT.finditer(match["low"])]
    for cut in reversed([cut for cut in cuts if cut < low_end and text[cut:low_end].strip(" \t\u3000\u00a0")]):
        single = SINGLE_AMOUNT.match(text, match.start(), cut)
        if single is not None and single.end() == cut:
            amount = _amount_of(text, single, default_currency)
            if amount is not None:
                return amount, cut
    return None, match.end()


def _currency_of(match: regex.Match[str], default_currency: str | None, text: str) -> str | None:
    """The currency the match names, the default for a bare scale, or None (not an amount)."""
    named = {CURRENCIES[c] for c in (match["prefix"], match["currency"], _group(match, "high_prefix")) if c}
    if len(named) > 1:
        return None
    if named:
        return named.pop()
    number = (_group(match, "high") or match["low"]).rstrip(" \t\u3000\u00a0")
    if default_currency and ENDS_WITH_BIG_UNIT.search(number) and match["approx_after"] != "台":
        if not UNIT_AFTER_BARE_SCALE.match(text, match.end()):
            return default_currency
    return None


def _group(match: regex.Match[str], name: str) -> str | None:
    return match.groupdict().get(name)


def _amount_of(text: str, match: regex.Match[str], default_currency: str | None) -> Amount | None:
    """The Amount a candidate match stands for, or None if it is not one."""
    currency = _currency_of(match, default_currency, text)
    if currency is None:
        return None
    high_text = _group(match, "high")
    low_currency = _group(match, "low_currency")
    if low_currency and CURRENCIES[low_currency] != currency:
        return None
    try:
        low = parse_number(_low_with_scale(match["low"], high_text) if high_text else match["low"])
        high = parse_number(high_text) if high_text else None
    except ValueError:
        return None
    if high is not None and low > high:
        return None
    negative = bool(match["sign"]) and match["sign"] not in "+＋"
    approximate = any(match[name] for name in ("approx_before", "approx_mid", "approx_after"))
    return Amount(
        value=-low if negative else low,
        currency=currency,
        approximate=approximate,
        span=match.span(),
        high=high,
        text=match[0],
        unit=_unit_of(match),
        negative=negative,
    )


def _unit_of(match: regex.Match[str]) -> str:
    """The scale and currency as written after the last digit: ``億円``, ``千円``, ``百万＄``."""
    number = _group(match, "high") or match["low"]
    last = max(i for i, char in enumerate(number) if char in _DIGIT_CHARS)
    scale = BLANKS.sub("", number[last + 1 :])
    if number[last] not in _ARABIC_DIGITS:  # a kanji numeral: its 十百千 are digits
        scale = scale.lstrip(_SMALL)
    prefix = match["prefix"] or _group(match, "high_prefix") or ""
    return prefix + scale + (match["currency"] or "")


def _low_with_scale(low: str, high: str) -> str:
    """The low end of a range with the high end's scale it leaves out: ``10``, ``20億`` -> ``10億``.

    The high's first run of units (``億`` in ``2億5千万``, ``百万`` in ``500百万``) is added to a
    low with no units, or completes a low ending in its beginning (``3千``, ``5千万`` -> ``3千万``).
    """
    leading = UNIT_CHARS.search(high)
    if not leading:
        return low
    runs = UNIT_CHARS.findall(low)
    if not runs:
        return low + leading[0]
    if len(runs) == 1 and low.endswith(runs[0]) and leading[0].startswith(runs[0]):
        return low + leading[0][len(runs[0]) :]
    return low
