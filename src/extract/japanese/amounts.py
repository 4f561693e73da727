"""Money amounts in Japanese text: ``12.4億円``, ``約７０億円``, ``250百万＄``, ``10〜20億円``.

An amount is a number (any form :func:`~extract.japanese.numerals.parse_number` reads,
starting with a digit, arabic or kanji) with a currency: ``円`` (JPY); ``ドル``, ``米ドル``,
``$``/``＄`` or ``US$`` before or after (USD). Scales are part of the number: ``千円``,
``万円``, ``百万円``, ``億円``, ``兆円``, ``百万＄``, ``3億5千万円``. A bare scale with no currency
(``３．１億``) is an amount only when ``default_currency`` is given, the number ends with a
myriad unit (万 億 兆 ...), and no kanji, katakana or Latin unit follows (``5万人`` is not).
Years (``２０１１``, ``平成23年度``) and percentages are never amounts. A scale word with no
digit (``百万円`` in ``単位：百万円``, ``千円``) is a unit, not an amount.

``value`` is an exact int in the currency's main unit (yen, dollars); a result that is not
whole (``0.123円``) raises ValueError. Qualifiers 約 およそ 概ね before, 程度 前後 強 弱 余
ほど after (and 余 before the currency, ``10億余円``) set ``approximate`` and are part of the
span. A range ``low〜high`` (``〜 ～ ~``, or a hyphen/minus with no spaces) gives
``value=low, high=high``; a bare low takes the high's scale (``10〜20億円`` -> 10億円). A
hyphen between two amounts whose first is larger is not a range. ``▲``, ``△`` or a minus
before the number makes it negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from extract.japanese.numerals import BIG_UNITS, NEGATIVE_SIGNS, parse_number

__all__ = ["Amount", "CURRENCIES", "find_amounts", "parse_amount"]

CURRENCIES: dict[str, str] = {
    "円": "JPY", "ドル": "USD", "米ドル": "USD", "$": "USD", "＄": "USD", "US$": "USD",
    "US＄": "USD", "ＵＳ$": "USD", "ＵＳ＄": "USD",
}

_D = "[0-9０-９]"
_ARABIC = rf"{_D}+(?:[,，]{_D}{{3}}(?!{_D}))*(?:[.．]{_D}+)?"
_KANJI_DIGIT = "〇零一二三四五六七八九壱壹弌弐貳貮弍参參弎肆伍陸漆柒捌玖"
_SMALL_UNIT = "十百千拾佰陌阡仟"
_BIG_UNIT = "|".join(sorted([*BIG_UNITS, "萬"], key=len, reverse=True))
_NUMBER = (
    rf"(?<![0-9０-９.．,，{_KANJI_DIGIT}{_SMALL_UNIT}万萬億兆])"
    # A number starts with a digit, or with 十/百/千 when a kanji digit follows (十二億円,
    # 百二十億円): a bare 百万円 or 千億円 is a scale word, not an amount.
    rf"(?:{_ARABIC}|[{_KANJI_DIGIT}]|[{_SMALL_UNIT}](?=[{_SMALL_UNIT}]*[{_KANJI_DIGIT}]))"
    rf"(?:{_ARABIC}|[{_KANJI_DIGIT}{_SMALL_UNIT}]|{_BIG_UNIT})*"
)
_SPACE = r"[ \t\u3000\u00a0]*"
_PREFIX = r"[UＵ][SＳ][$＄]|[$＄]"
_SUFFIX = r"米ドル|ドル|[UＵ][SＳ][$＄]|[$＄]|円"
# A sign right after a digit, a letter or a currency is a range mark or a minus, not a sign.
_SIGN = rf"(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ.．円$＄ル])[{NEGATIVE_SIGNS}]"
_BEFORE = rf"(?:(?P<approx_before>約|およそ|凡そ|概ね|おおむね){_SPACE})?(?P<sign>{_SIGN})?"
_AFTER = (
    rf"(?P<approx_mid>余)?(?:{_SPACE}(?P<currency>{_SUFFIX}))?"
    r"(?P<approx_after>程度|前後|ほど|余り|余(?![剰裕])|強(?![化くい])|弱(?![化くい]))?"
)
_HYPHENS = "-－−–‐"
_LOW = rf"(?:(?P<prefix>{_PREFIX}){_SPACE})?(?P<low>{_NUMBER})"

SINGLE_AMOUNT = regex.compile(_BEFORE + _LOW + _AFTER)
AMOUNT = regex.compile(
    _BEFORE + _LOW
    + rf"(?:(?:{_SPACE}(?P<low_currency>{_SUFFIX}))?"
    + rf"(?P<sep>{_SPACE}[〜～~]{_SPACE}|[{_HYPHENS}])"
    + rf"(?:(?P<high_prefix>{_PREFIX}){_SPACE})?(?P<high>{_NUMBER}))?"
    + _AFTER
)
UNIT_CHARS = regex.compile(rf"(?:[{_SMALL_UNIT}]|{_BIG_UNIT})+")
ENDS_WITH_BIG_UNIT = regex.compile(rf"(?:{_BIG_UNIT})$")
UNIT_AFTER_BARE_SCALE = regex.compile(r"[\p{Han}\p{Katakana}A-Za-zＡ-Ｚａ-ｚ%％ー]")


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount: ``value`` (and ``high`` for a range) in whole units of ``currency``."""

    value: int
    currency: str
    approximate: bool
    span: tuple[int, int]
    high: int | None = None
    text: str = ""


def find_amounts(text: str, default_currency: str | None = None) -> list[Amount]:
    """Every amount in ``text``, in order (see the module docstring for what counts)."""
    found: list[Amount] = []
    position = 0
    while True:
        match = AMOUNT.search(text, position)
        if match is None:
            return found
        amount = _amount_of(text, match, default_currency)
        if amount is None and match["sep"]:
            single = SINGLE_AMOUNT.match(text, match.start())
            amount = _amount_of(text, single, default_currency) if single else None
            match = single if amount else match
        if amount is None:
            position = match.start() + 1
        else:
            found.append(amount)
            position = match.end()


def parse_amount(text: str, default_currency: str | None = None) -> Amount:
    """The one amount in ``text`` (other words around it are fine); ValueError if not one."""
    found = find_amounts(text, default_currency)
    if len(found) != 1:
        raise ValueError(f"{len(found) or 'no'} amounts in {text!r}, expected one")
    return found[0]


def _currency_of(match: regex.Match[str], default_currency: str | None, text: str) -> str | None:
    """The currency the match names, the default for a bare scale, or None (not an amount)."""
    named = {CURRENCIES[c] for c in (match["prefix"], match["currency"], _group(match, "high_prefix")) if c}
    if len(named) > 1:
        return None
    if named:
        return named.pop()
    number = _group(match, "high") or match["low"]
    if default_currency and ENDS_WITH_BIG_UNIT.search(number):
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
    negative = bool(match["sign"])
    approximate = any(match[name] for name in ("approx_before", "approx_mid", "approx_after"))
    return Amount(
        value=_whole(-low if negative else low, match[0]),
        currency=currency,
        approximate=approximate,
        span=match.span(),
        high=_whole(high, match[0]) if high is not None else None,
        text=match[0],
    )


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


def _whole(value: Decimal, written: str) -> int:
    if value != value.to_integral_value():
        raise ValueError(f"not a whole amount: {written!r}")
    return int(value)
