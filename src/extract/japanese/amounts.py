"""Money amounts in Japanese text: ``12.4億円``, ``約７０億円``, ``250百万＄``, ``10〜20億円``.

An amount is a number (any form :func:`~extract.japanese.numerals.parse_number` reads,
starting with a digit, arabic or kanji) with a currency (:data:`CURRENCIES`): ``円`` or its
old form ``圓`` (JPY); ``ドル``, ``米ドル``, ``$``/``＄`` or ``US$`` before or after (USD);
``¥``/``￥`` before (JPY); ``ユーロ``/``€`` (EUR), ``ポンド``/``£`` (GBP), ``ウォン``/``₩``
(KRW) — the symbols before or after (``€5``, ``2£``, ``50,000 ₩``) —, ``人民元`` and
``元`` (CNY; ``元`` only right after a number and before no kanji but a bound
(``3萬元以上``), so not 元年 or 地元), ``香港ドル``/``HK$`` (HKD), ``豪ドル`` ``カナダドル`` ``台湾ドル`` …,
``ペセタ`` (ESP). The hundredths (:data:`SUBUNITS`) are read as fractions of their currency,
alone or after it: ``50銭`` -> 0.50 JPY, ``75円32銭`` -> 75.32, ``3円5銭5厘``, ``50ペンス``
-> 0.50 GBP, ``1ドル50セント``; a ``セント`` alone belongs to the currency given as ``cents``
(the one the page names), and without it is :class:`Unclear`. Scales are part of the number:
``千円``, ``万円``, ``百万円``, ``億円``, ``兆円``, ``百万＄``, ``3億5千万円``, ``1兆2,345億``,
``七千二百九十四萬圓``, with 餘 for "and some" (``十餘萬圓``, ``三千九百萬餘圓``,
``四十萬圓餘``: approximate); ``憶`` between a number and its currency is the common mistyping of
``億`` (``3憶円``). Years (``２０１１``, ``平成23年度``) and percentages are never amounts.

A bare scale with no currency (``３．１億``) is an amount only when ``default_currency`` is
given, the number ends with a myriad unit (万 億 兆 ...), no kanji, katakana or Latin unit
follows (``5万人`` is not), and it stands as a table cell: at the end of its line or before
a blank, a ``|`` or the next of glued cells (``100億200億``), not after a kana, and with no
qualifier of prose after it (程度 ほど くらい 近く …, 以上 以下 …: ``経済効果56.4兆程度``).
In running text (``GDPは56.4兆程度で``, ``約5億7千万の税収``) the currency is implied,
not written: such a figure is :class:`Unclear`.

A scale word with no digit is a unit where a table states it (``単位：百万円``, ``（千円）``,
``予算額 百万円``, ``百万円単位``) and an amount in running text (``約百億円の``, ``十萬圓ヲ``,
``金十萬圓也``, ``千円で``): before a kana, a punctuation mark or 也 (or the end of the line
after 約), never after 数 何 幾 (``数百億円`` is no figure), 単位 or inside brackets, nor in a
rounding note (``百万円未満は切り捨て``).

Forms met in real documents, read exactly:

- ``・`` as the decimal point, in digits and in kanji (``1・5兆円``, ``二・五億円``,
  ``五十五・一兆円``), when a scale or currency follows;
- blanks inside a figure, between number and unit and between the parts of a compound
  (``12,345,678 千円``, ``1 兆 586 億 8,055 万円``, ``1,164,605 百 万 円``), and a blank
  before a thousands comma (``5 ,202 億円``);
- a sign before the number, also with a blank after it: ``▲5億円``, ``△ 1,234``,
  ``-(マイナス)78,749`` (``▲ △ ▼ ▽ Δ － − -``, ``ー`` glued to the figure: negative;
  ``+ ＋``: positive). A hyphen with a blank after it is a sign at the start of a cell
  (after an opening bracket, ``|``, ``:``, ``=``); after other text it is an operator or
  a nil cell, and the amount after it is unsigned (``(平均燃料価格 - 80,800円)``,
  ``10 - 20億円`` is a range); at the start of a line it may be a list bullet or a sign,
  and the amount is :class:`Unclear`;
- fractions of a unit (``0.5円``, ``19.88円``): ``value`` is an exact :class:`~decimal.Decimal`.

``value`` is exact, in the currency's main unit (yen, dollars). Qualifiers 約 およそ おおよそ
概ね before, 程度 前後 強 弱 余 余り あまり ほど くらい ぐらい ばかり 近く after (``台`` too,
after a currency: ``9兆円台``; ``余`` also between the number and its currency: ``万余円``)
set ``approximate`` and are part of the span. Bounds after a figure are part of its span
too but are no approximation: the value is exact and ``bound`` says which side it limits —
``以上`` ``at_least``, ``以下`` ``at_most``, ``超``/``超え`` ``more_than``, ``未満``
``less_than`` (``100兆円以下`` -> 100兆, ``bound='at_most'``).

A range ``low〜high`` (``〜 ～ ~``, or a hyphen) gives ``value=low, high=high``; a bare low
takes the high's scale (``10〜20億円`` -> 10億円). ``AからB`` is a range (``150円から200円程度``,
``50万円から150万円、``) unless に or へ follows it: then it is a change, two amounts
(``150円から200円に値上げ``). A hyphen between two amounts whose
first is larger is not a range. Table cells glued together by a text layer (``100億200億``:
the units do not decrease) are read as two amounts.

Never a fragment, and never a figure that is not an amount: a number that continues a
larger figure on its left (``2,5000``, ``1.2.3``, ``3・4月``, ``2、3億円``) is not read here
(:mod:`extract.japanese.quantities` reports such text as ambiguous); :func:`scan_amounts`
returns as :class:`Unclear`, never as an amount, a number standing right after a scale
with no number of its own (``億 9,300万円``: the start of the figure is on the line before),
a banknote or coin named by its value (``1万円札``, ``500円玉``, ``100円硬貨``), the idiom
``1円も`` (not even one yen), and a placeholder (``○○○億円``, ``○兆円``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from extract.japanese.numerals import ARABIC_DIGITS, BIG_UNITS, DECIMAL_UNIT, parse_number

__all__ = ["HYPHEN_REASONS", "Amount", "CURRENCIES", "Unclear", "find_amounts", "hyphen_role", "parse_amount",
           "scan_amounts"]

_D = "[0-9０-９]"
_KD = "〇零一二三四五六七八九壱壹弌弐貳貮弍参參弎肆伍陸漆柒捌玖"
_SMALL = "十百千拾佰陌阡仟"
_BIG = "|".join(sorted([*BIG_UNITS, "萬", "憶"], key=len, reverse=True))
_UNIT_END = "十百千拾佰陌阡仟万萬億憶兆京垓秭𥝱穣溝澗正載極沙祇他多議数"  # last characters of units
_SP = r"[ \t\u3000\u00a0]*"
_JOINERS = ".．,，・･、"
# Arabic digits, grouped by threes (a blank may stand before a comma: 5 ,202), with a
# decimal point; never the start of a longer cluster.
_ARABIC = (
    rf"{_D}+(?:[ \u3000]?[,，]{_D}{{3}}(?!{_D}))*(?:[.．]{_D}+|[・･]{_D}+(?={DECIMAL_UNIT}))?"
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
# 餘/余 between a number and its myriad unit: "and some" (十餘萬圓, 八十餘萬: ten-odd 万).
_SOME = rf"(?:[余餘](?={_SP}(?:{_BIG})))?"
_FIRST = (
    # A number starts with a digit, or with 十/百/千 when a kanji digit follows (十二億円,
    # 百二十億円) or 餘 and a myriad unit (十餘萬圓): a bare 百万円 or 千億円 is a scale word
    # (SCALE_WORD_AMOUNT).
    rf"(?:{_ARABIC}|[{_KD}][{_KD}{_SMALL}]*{_KANJI_DECIMAL}"
    rf"|[{_SMALL}](?=[{_SMALL}]*[{_KD}])[{_KD}{_SMALL}]*{_KANJI_DECIMAL}"
    rf"|[{_SMALL}]+(?=[余餘]{_SP}(?:{_BIG})))"
)
_NUMBER = rf"{_FIRST}(?:{_SOME}{_SP}{_UNIT_TOKEN}|(?<=[{_UNIT_END}]){_SP}{_COEFFICIENT})*"

_KATAKANA_END = r"(?![\p{Katakana}ー])"  # ポンドケーキ is no currency
_DOLLARS = {"米ドル": "USD", "ドル": "USD", "USドル": "USD", "ＵＳドル": "USD", "香港ドル": "HKD", "豪ドル": "AUD",
            "豪州ドル": "AUD",
            "オーストラリアドル": "AUD", "カナダドル": "CAD", "ニュージーランドドル": "NZD", "NZドル": "NZD",
            "シンガポールドル": "SGD", "台湾ドル": "TWD", "新台湾ドル": "TWD"}
_WORDS = {"円": "JPY", "圓": "JPY", **_DOLLARS, "ユーロ": "EUR", "ポンド": "GBP", "英ポンド": "GBP",
          "UKポンド": "GBP", "ＵＫポンド": "GBP", "ウォン": "KRW", "人民元": "CNY", "元": "CNY",
          "スイスフラン": "CHF", "ルーブル": "RUB",
          "インドルピー": "INR", "ルピー": "INR", "バーツ": "THB", "レアル": "BRL", "リンギット": "MYR",
          "ルピア": "IDR", "ペセタ": "ESP", "マルク": "DEM"}
_SYMBOLS = {"$": "USD", "＄": "USD", "US$": "USD", "US＄": "USD", "ＵＳ$": "USD", "ＵＳ＄": "USD",
            "HK$": "HKD", "A$": "AUD", "C$": "CAD", "NZ$": "NZD", "S$": "SGD", "NT$": "TWD",
            "¥": "JPY", "￥": "JPY", "€": "EUR", "£": "GBP", "￡": "GBP", "₩": "KRW", "￦": "KRW"}
CURRENCIES: dict[str, str] = {**_WORDS, **_SYMBOLS}
# Hundredths (and thousandths) of a currency: (currency or None for the page's, exponent).
SUBUNITS: dict[str, tuple[str | None, int]] = {
    "銭": ("JPY", -2), "錢": ("JPY", -2), "厘": ("JPY", -3), "セント": (None, -2), "ペンス": ("GBP", -2),
    "ペニー": ("GBP", -2),
}
_SUBUNIT_OF = {"JPY": "銭|錢", "USD": "セント", "EUR": "セント", "GBP": "ペンス|ペニー"}


_TO_ASCII = str.maketrans({chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)})


def currency_code(name: str) -> str:
    """The ISO code of a currency as written: ``円`` -> JPY, ``US＄`` -> USD, ``Ａ$`` -> AUD."""
    return CURRENCIES.get(name) or CURRENCIES[name.translate(_TO_ASCII)]


def _alternation(names) -> str:
    return "|".join(regex.escape(name) + (_KATAKANA_END if regex.match(r"\p{Katakana}", name[-1]) else "")
                    for name in sorted(names, key=len, reverse=True))


_LATIN_BEFORE = r"(?<![A-Za-zＡ-Ｚａ-ｚ])"
_PREFIX = rf"{_LATIN_BEFORE}(?:[UＵ][SＳ]|HK|NZ|NT|[ACS])?[$＄]|[¥￥€£￡₩￦]"
_SUFFIX = (
    _alternation([name for name in _WORDS if name != "元"])
    + r"|元(?!(?!以上|以下|未満|超)\p{Han})|[UＵ][SＳ][$＄]|[$＄€£￡₩￦¥￥]"
    + rf"|(?P<subunit_alone>{_alternation(['銭', '錢', 'セント', 'ペンス', 'ペニー'])})"
)
_SUB_NUMBER = rf"{_D}{{1,2}}(?![0-9０-９.．])|[{_KD}十]{{1,3}}"
# The hundredths after a currency: 75円32銭, 3円5銭5厘, 1ドル50セント, 2ポンド50ペンス.
_SUBUNIT = (
    rf"(?:{_SP}(?P<sub>{_SUB_NUMBER}){_SP}(?P<subunit>銭|錢|セント{_KATAKANA_END}|ペンス|ペニー)"
    rf"(?:{_SP}(?P<rin>{_D}|[{_KD}]){_SP}厘)?)?"
)
_MINUS = "-－−‐‒–﹣"
# Marks of a negative figure in Japanese accounts: ▲ △ ▼ ▽, and Δ (Greek delta, its math twin ∆).
_MARKS = "▲△▼▽Δ∆"
_SIGN = (
    rf"(?<![0-9０-９])[{_MARKS}]"
    r"|(?<![\p{Katakana}\p{Hiragana}ー0-9０-９])ー(?=[0-9０-９])"  # ー glued to a figure, not ending a kana word
    rf"|(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ.．円$＄ル)）%％])(?<![0-9０-９][ \t\u3000\u00a0]+)[{_MINUS}]"
    rf"|(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ])[+＋]"
)
_SIGN_WORD = r"[(（](?P<sign_word>マイナス|プラス)[)）]"  # -(マイナス)78,749
_APPROX_BEFORE = r"(?P<approx_before>約|おおよそ|およそ|凡そ|概ね|おおむね)"
_BEFORE = rf"(?:{_APPROX_BEFORE}{_SP})?(?:(?P<sign>{_SIGN})(?:{_SP}{_SIGN_WORD})?{_SP})?"
_APPROX_AFTER = (
    r"(?P<approx_after>程度|前後|ほど|余り|あまり|[余餘](?![剰裕])|強(?![化くい制])|弱(?![化くい])|近く"
    r"|くらい|ぐらい|ばかり|台(?![帳所湾風]))?"
)
_BOUND = r"(?P<bound>以上|以下|未満|超え?(?!過))?"
BOUNDS = {"以上": "at_least", "以下": "at_most", "未満": "less_than", "超": "more_than", "超え": "more_than"}
_AFTER = (
    rf"(?P<approx_mid>[余餘])?(?:{_SP}(?P<currency>{_SUFFIX}){_SUBUNIT})?"
    rf"{_APPROX_AFTER}{_BOUND}"
)
_HYPHENS = "-－−–‐"
# A currency before the number guards it; without one, nothing that continues a figure may stand before it.
_LOW = rf"(?:(?P<prefix>{_PREFIX}){_SP}|{_GUARD})(?P<low>{_NUMBER})"
_LOW_UNGUARDED = rf"(?:(?P<prefix>{_PREFIX}){_SP})?(?P<low>{_NUMBER})"
_RANGE = (
    rf"(?:(?:{_SP}(?P<low_currency>{_SUFFIX}))?"
    rf"(?P<sep>{_SP}[〜～~]{_SP}|{_SP}[{_HYPHENS}]{_SP}|{_SP}から{_SP})"
    rf"(?:(?P<high_prefix>{_PREFIX}){_SP})?(?P<high>{_NUMBER}))?"
)
# What follows a change written with から (150円から200円に値上げ, …へ): two amounts, no range.
CHANGE_AFTER = regex.compile(r"[ \t\u3000]*[にへ]")


def _pattern(guarded: bool, ranged: bool) -> regex.Pattern[str]:
    return regex.compile(_BEFORE + (_LOW if guarded else _LOW_UNGUARDED) + (_RANGE if ranged else "") + _AFTER)


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
_ARABIC_DIGITS = frozenset(ARABIC_DIGITS)
_DIGIT_CHARS = _ARABIC_DIGITS | frozenset(_KD)
_MISTYPED = str.maketrans({"憶": "億", "余": None, "餘": None})  # 3憶円; 十餘萬 -> 十萬
# A scale word with no digit, and its currency: 百億円, 十萬圓, 千円 (an amount in running text only).
SCALE_WORD_AMOUNT = regex.compile(
    rf"(?:{_APPROX_BEFORE}{_SP})?(?<![0-9０-９{_KD}{_SMALL}数何幾])(?P<low>[{_SMALL}]{{1,2}}(?:{_SP}(?:{_BIG}))?)"
    rf"(?P<approx_mid>[余餘])?{_SP}(?P<currency>円|圓|米ドル|ドル|ユーロ|ポンド){_APPROX_AFTER}{_BOUND}"
)
# Running text after a scale word amount: a kana particle, a punctuation mark, 也 (金十萬圓也).
_TEXT_AFTER = regex.compile(r"[\p{Hiragana}ヲニハノトモデガヘナヨマ、。，．」』也]")
# A rounding note names a unit, not an amount: 百万円未満は切り捨て, 千円未満四捨五入.
_ROUNDING_AFTER = regex.compile(r"[はを]?[ \t\u3000]*(?:切り?捨|四捨五入|端数|切り?上げ)")
_IN_BRACKETS = regex.compile(r"[(（\[［【〔][^)）\]］】〕]*$")
_DECLARED_BEFORE = regex.compile(r"単\s*位\s*[:：は]?\s*$")
# A figure that names a thing, not an amount: 1万円札, 500円玉, 100円硬貨.
DENOMINATION = regex.compile(r"[ \t\u3000]*(?:札|玉|硬貨|紙幣|銀貨|金貨)")
# A dash before an amount (not the ー of a kana word): a minus sign, or a dash meaning none.
DASH_BEFORE = regex.compile(r"(?P<mark>[ー―─])[ \t\u3000\u00a0]*$")
KANA_BEFORE_DASH = regex.compile(r"[\p{Katakana}\p{Hiragana}ー]$")
# 1円も…ない: not even one yen (an idiom, no amount).
NOT_EVEN_ONE = regex.compile(r"[ \t\u3000]*(?:も|たりとも)")
# ドル円, ユーロ円, ドル/円: a currency pair (ドル円相場), so the number before it is no amount.
PAIRED_WITH_YEN = regex.compile(r"/?円")
ONE_OF_A_CURRENCY = regex.compile(rf"^[^0-9０-９{_KD}]*[1１一壱]"
                                  rf"(?![0-9０-９.．,，{_KD}{_SMALL}]|[ \t\u3000]*(?:{_BIG}))")
# A placeholder for a number: ○○○億円, ○兆円, ××円, 〇〇万円 (never after a kanji digit: 一〇〇円).
PLACEHOLDER = regex.compile(
    rf"(?<![{_KD}{_SMALL}0-9０-９])[○◯●〇×✕]+{_SP}(?:[{_SMALL}]{_SP})?(?:(?:{_BIG}){_SP})?"
    rf"(?:{_SUFFIX})"
    rf"|(?<![{_KD}{_SMALL}0-9０-９])[○◯●〇×✕]+{_SP}(?:[{_SMALL}]{_SP})?(?:{_BIG})"
)
# A vague amount: 数千億円, 数十万円, 何億円, 幾千万円: money, but no figure to read.
# With a number before it (1億数千万円, 10数億円, 2万数千円, 十数億円, 1億数千万 in a cell): an
# approximate figure whose digits are not all written, flagged (its currency is optional then).
VAGUE_AMOUNT = regex.compile(
    rf"{_GUARD}(?:{_NUMBER}|[{_SMALL}])[余餘]?{_SP}[数何幾][{_SMALL}]{{0,2}}{_SP}(?:(?:{_BIG}){_SP})?(?:{_SUFFIX})?"
    rf"|[数何幾][{_SMALL}]{{0,2}}{_SP}(?:(?:{_BIG}){_SP})?(?:{_SUFFIX})"
)
# A bare scale figure is a table cell when nothing but a blank, a | or the line's end follows.
_CELL_END = regex.compile(r"[ \t\u3000\u00a0|｜0-9０-９]|$")  # a digit: the next of glued cells
_KANA_BEFORE = regex.compile(r"[\p{Hiragana}][ \t\u3000]*$")
# Qualifiers a table cell may carry; 程度 ほど くらい 近く … and the bounds belong to prose.
_CELL_QUALIFIERS = frozenset({None, "余", "餘", "強", "弱"})
# A hyphen and a blank: a sign after these (the start of a cell), an operator after other text.
_CELL_START = "(（[［|｜:：=＝"


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount: ``value`` (and ``high`` for a range) exact, in units of ``currency``.

    ``unit`` is the scale and currency as written after the last digit (``億円``, ``千円``,
    ``百万＄``, ``円``; a prefix currency such as ``$`` for ``$300``); ``negative`` is True
    where a ▲ △ or minus sign stands before the number; ``bound`` is ``at_least``
    (以上), ``at_most`` (以下), ``more_than`` (超) or ``less_than`` (未満) where one follows.
    """

    value: Decimal
    currency: str
    approximate: bool
    span: tuple[int, int]
    high: Decimal | None = None
    text: str = ""
    unit: str = ""
    negative: bool = False
    bound: str | None = None


@dataclass(frozen=True, slots=True)
class Unclear:
    """Text that looks like an amount but may be a fragment of a larger figure, or is no amount, and why."""

    span: tuple[int, int]
    text: str
    reason: str


def find_amounts(text: str, default_currency: str | None = None, cents: str | None = None) -> list[Amount]:
    """Every amount in ``text``, in order (see the module docstring for what counts)."""
    return [found for found in scan_amounts(text, default_currency, cents) if isinstance(found, Amount)]


def parse_amount(text: str, default_currency: str | None = None, cents: str | None = None) -> Amount:
    """The one amount in ``text`` (other words around it are fine); ValueError if not one."""
    found = find_amounts(text, default_currency, cents)
    if len(found) != 1:
        raise ValueError(f"{len(found) or 'no'} amounts in {text!r}, expected one")
    return found[0]


def scan_amounts(text: str, default_currency: str | None = None, cents: str | None = None) -> list[Amount | Unclear]:
    """Every amount of ``text`` and every amount-like text that may not be read, in order.

    ``default_currency`` is the currency of a bare ``万 億 兆`` cell; ``cents`` the currency
    whose hundredths a ``セント`` alone is (``USD`` or ``EUR``; None: such a figure is Unclear).
    """
    found: list[Amount | Unclear] = [
        Unclear(m.span(), m[0], "a placeholder for a number (○○億円), no figure") for m in PLACEHOLDER.finditer(text)]
    found += [Unclear(m.span(), m[0], "a vague amount (数千億円, 1億数千万円: 数 is some), no exact figure")
              for m in VAGUE_AMOUNT.finditer(text)]
    position, continued = 0, False
    while True:
        match = None
        if continued:
            position = _past_blanks(text, position)
            match = CONTINUED_AMOUNT.match(text, position)
        match = match or AMOUNT.search(text, position)
        if match is None:
            break
        if _inside(match.span(), found):
            position, continued = match.end(), False
            continue
        amount, end = _amount_at(text, match, default_currency, cents)
        if amount is None:
            position, continued = match.start() + 1, False
            continue
        tail = not continued and TAIL_OF_FIGURE.search(text, 0, match.start())
        if tail and isinstance(amount, Amount):
            found.append(Unclear(amount.span, amount.text, _TAIL_REASONS[bool(tail["digits"])]))
        else:
            found.append(_named_thing(text, amount))
        continued = end < match.end()
        position = end
    found += [amount for amount in _scale_word_amounts(text) if not _overlapping(amount.span, found)]
    return sorted(found, key=lambda item: item.span)


def _inside(span: tuple[int, int], found: list[Amount | Unclear]) -> bool:
    return any(other.span[0] <= span[0] < other.span[1] for other in found)


def _overlapping(span: tuple[int, int], found: list[Amount | Unclear]) -> bool:
    return any(span[0] < other.span[1] and other.span[0] < span[1] for other in found)


def _named_thing(text: str, amount: Amount | Unclear) -> Amount | Unclear:
    """A banknote or coin (``1万円札``), or ``1円も`` (not even one yen): Unclear; else the amount.

    So is an amount after a dash that may mean none (``― 1,234円``, ``─5億円``, ``ー 300円``)."""
    if not isinstance(amount, Amount):
        return amount
    dash = DASH_BEFORE.search(text, 0, amount.span[0])
    if dash and not amount.negative and not KANA_BEFORE_DASH.search(text, 0, dash.start()):
        return Unclear(amount.span, amount.text,
                       f"a dash {dash['mark']} before it: a minus sign or a dash meaning none")
    if DENOMINATION.match(text, amount.span[1]):
        return Unclear(amount.span, amount.text,
                       "a banknote or coin named by its value (1万円札, 500円玉), not an amount")
    if not amount.high and ONE_OF_A_CURRENCY.match(amount.text) and NOT_EVEN_ONE.match(text, amount.span[1]):
        return Unclear(amount.span, amount.text, "the idiom 1円も (not even one yen, 一銭も), not an amount")
    if amount.currency != "JPY" and PAIRED_WITH_YEN.match(text, amount.span[1]):
        return Unclear(amount.span, amount.text, "a currency pair follows (ドル円相場): the number is no amount")
    return amount


def _scale_word_amounts(text: str) -> list[Amount]:
    """``約百億円の``, ``十萬圓ヲ``: a scale word and a currency in running text (see the module docstring)."""
    found = []
    for match in SCALE_WORD_AMOUNT.finditer(text):
        start, end = match.start("low"), match.end()
        if _IN_BRACKETS.search(text, 0, start) or _DECLARED_BEFORE.search(text, 0, start):
            continue
        if not (_TEXT_AFTER.match(text, end) or end == len(text.rstrip()) and match["approx_before"]):
            continue
        if match["bound"] and _ROUNDING_AFTER.match(text, end):
            continue
        amount = _amount_of(text, match, None, None)
        if isinstance(amount, Amount):
            found.append(amount)
    return found


def _past_blanks(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\u3000\u00a0":
        position += 1
    return position


def _amount_at(text: str, match: regex.Match[str], default_currency: str | None,
               cents: str | None) -> tuple[Amount | Unclear | None, int]:
    """The amount a candidate stands for (or its single low end, or its first glued cell)."""
    amount = _amount_of(text, match, default_currency, cents)
    if amount is not None:
        return amount, match.end()
    if match["sep"]:
        single = SINGLE_AMOUNT.match(text, match.start())
        amount = _amount_of(text, single, default_currency, cents) if single else None
        if amount is not None:
            return amount, single.end()
    return _first_cell(text, match, default_currency, cents)


def _first_cell(text: str, match: regex.Match[str], default_currency: str | None,
                cents: str | None) -> tuple[Amount | Unclear | None, int]:
    """``100億200億``, ``100億 200億``: the longest leading part ending with a unit that is an amount."""
    low_start, low_end = match.span("low")
    try:
        parse_number(match["low"].translate(_MISTYPED))
        return None, match.end()  # one figure (213億9,300万人 is a count, not two cells)
    except ValueError:
        pass
    cuts = [low_start + unit.end() for unit in BIG_UNIT_AT.finditer(match["low"])]
    for cut in reversed([cut for cut in cuts if cut < low_end and text[cut:low_end].strip(" \t\u3000\u00a0")]):
        single = SINGLE_AMOUNT.match(text, match.start(), cut)
        if single is not None and single.end() == cut:
            amount = _amount_of(text, single, default_currency, cents)
            if amount is not None:
                return amount, cut
    return None, match.end()


def _currency_of(match: regex.Match[str], default_currency: str | None, cents: str | None,
                 text: str) -> str | Unclear | None:
    """The currency the match names, the default for a bare scale cell, or None (not an amount).

    Unclear where a bare scale stands in running text, or a セント of no named currency.
    """
    written = (_group(match, "prefix"), _currency_name(match), _group(match, "high_prefix"))
    named = {currency_code(c) for c in written if c}
    subunit = _group(match, "subunit_alone")
    if subunit:
        currency = SUBUNITS[subunit][0] or cents
        if currency is None:
            return Unclear(match.span(), match[0], "cents (セント) of a currency the page does not name")
        named.add(currency)
    if len(named) > 1:
        return None
    if named:
        return named.pop()
    number = (_group(match, "high") or match["low"]).rstrip(" \t\u3000\u00a0")
    if "憶" in number or not default_currency or match["approx_after"] == "台":
        return None
    if ENDS_WITH_BIG_UNIT.search(number) and not UNIT_AFTER_BARE_SCALE.match(text, match.end()):
        if (_CELL_END.match(text, match.end()) and not _KANA_BEFORE.search(text, 0, match.start())
                and match["approx_after"] in _CELL_QUALIFIERS and not match["bound"]):
            return default_currency
        return Unclear(match.span(), match[0],
                       "a 万 億 兆 figure with no currency in running text: the currency is implied, not written")
    return None


def _currency_name(match: regex.Match[str]) -> str | None:
    """The currency word or symbol after the number (a subunit alone is not one)."""
    return None if _group(match, "subunit_alone") else _group(match, "currency")


def _group(match: regex.Match[str], name: str) -> str | None:
    """The named group's text, None where the pattern has no such group (a single, a scale word)."""
    names = _GROUP_NAMES.get(match.re)
    if names is None:
        names = _GROUP_NAMES[match.re] = frozenset(match.re.groupindex)
    return match.group(name) if name in names else None


_GROUP_NAMES: dict[regex.Pattern[str], frozenset[str]] = {}


def hyphen_role(text: str, start: int, end: int) -> str:
    """What the sign at ``text[start:end]`` is: ``sign``; ``operator`` (a hyphen and a blank in
    a formula: ``(平均燃料価格 - 80,800円)``, ``A = B - 1,000円``); ``unclear`` (a hyphen and a
    blank at the start of a line: a list bullet or a minus sign; the minus sign − is no bullet);
    ``unclear after text`` (after a label, ``増減 - 1,234円``: a minus sign, or a nil cell
    ``-`` before the next cell)."""
    if text[start:end] not in _MINUS or text[end : end + 1] not in " \t\u3000\u00a0":
        return "sign"
    before = text[:start].rstrip(" \t\u3000\u00a0")
    if not before:
        return "sign" if text[start:end] == "−" else "unclear"  # − (U+2212) is no bullet
    if before[-1] in _CELL_START:
        return "sign"
    return "operator" if IN_FORMULA.search(before) else "unclear after text"


# What a hyphen and a blank after text may be part of: a formula (an operator before it on
# the line, or an open bracket: ``(平均燃料価格 - 80,800円)``).
IN_FORMULA = regex.compile(r"[=＝×÷*/／]|[(（][^)）]*$")
HYPHEN_REASONS = {
    "unclear": "a hyphen and a blank at the start of a line: a list bullet or a minus sign",
    "unclear after text": "a hyphen and a blank after a label (増減 - 1,234円): a minus sign or a nil cell (-)",
}


def _amount_of(text: str, match: regex.Match[str], default_currency: str | None,
               cents: str | None) -> Amount | Unclear | None:
    """The Amount a candidate match stands for, Unclear, or None if it is not one."""
    currency = _currency_of(match, default_currency, cents, text)
    if currency is None or isinstance(currency, Unclear):
        return currency
    high_text = _group(match, "high")
    low_currency = _group(match, "low_currency")
    if low_currency and (low_currency in SUBUNITS or currency_code(low_currency) != currency):
        return None
    if _group(match, "sep") and "から" in match["sep"] and CHANGE_AFTER.match(text, match.end()):
        return None  # 150円から200円に: a change, two amounts
    role = hyphen_role(text, *match.span("sign")) if _group(match, "sign") else "sign"
    if role == "operator":
        return None
    if role in HYPHEN_REASONS:
        return Unclear(match.span(), match[0], HYPHEN_REASONS[role])
    try:
        low = parse_number(_low_with_scale(match["low"], high_text) if high_text else match["low"].translate(_MISTYPED))
        high = parse_number(high_text.translate(_MISTYPED)) if high_text else None
        low, high = _with_subunits(match, low, high)
    except ValueError:
        return None
    if high is not None and low > high:
        return None
    sign = _group(match, "sign")
    negative = sign is not None and sign not in "+＋" and _group(match, "sign_word") != "プラス"
    approximate = any(match[name] for name in ("approx_before", "approx_mid", "approx_after")) or bool(
        regex.search("[余餘]", (match["low"] or "") + (high_text or "")))
    return Amount(
        value=-low if negative else low,
        currency=currency,
        approximate=approximate,
        span=match.span(),
        high=high,
        text=match[0],
        unit=_unit_of(match),
        negative=negative,
        bound=BOUNDS.get(match["bound"] or ""),
    )


def _with_subunits(match: regex.Match[str], low: Decimal, high: Decimal | None) -> tuple[Decimal, Decimal | None]:
    """``50銭`` -> 0.50; ``75円32銭`` -> 75.32; ``3円5銭5厘`` -> 3.055 (the subunit must be the currency's)."""
    alone = _group(match, "subunit_alone")
    if alone:
        exponent = SUBUNITS[alone][1]
        return low.scaleb(exponent), high.scaleb(exponent) if high is not None else None
    subunit = _group(match, "subunit")
    if not subunit:
        return low, high
    own = _SUBUNIT_OF.get(currency_code(match["currency"]), "")
    if subunit not in own.split("|"):
        raise ValueError(f"{subunit} is no part of {match['currency']}")
    fraction = parse_number(match["sub"])
    if fraction >= 100 or fraction != fraction.to_integral_value():
        raise ValueError(match["sub"])
    fraction = fraction.scaleb(-2) + (parse_number(match["rin"]).scaleb(-3) if match["rin"] else 0)
    target = high if high is not None else low
    target += -fraction if target < 0 else fraction
    return (low, target) if high is not None else (target, None)


def _unit_of(match: regex.Match[str]) -> str:
    """The scale and currency as written after the last digit: ``億円``, ``千円``, ``百万＄``, ``円銭``."""
    number = _group(match, "high") or match["low"]
    digits = [i for i, char in enumerate(number) if char in _DIGIT_CHARS]
    last = digits[-1] if digits else -1
    scale = regex.sub("[余餘]", "", BLANKS.sub("", number[last + 1 :]))
    if not digits or number[last] not in _ARABIC_DIGITS:  # a kanji numeral: its 十百千 are digits
        scale = scale.lstrip(_SMALL)
    prefix = _group(match, "prefix") or _group(match, "high_prefix") or ""
    return prefix + scale + (_group(match, "currency") or "") + (_group(match, "subunit") or "")


def _low_with_scale(low: str, high: str) -> str:
    """The low end of a range with the high end's scale it leaves out: ``10``, ``20億`` -> ``10億``.

    The high's first run of units (``億`` in ``2億5千万``, ``百万`` in ``500百万``) is added to a
    low with no units, or completes a low ending in its beginning (``3千``, ``5千万`` -> ``3千万``).
    """
    low, high = low.translate(_MISTYPED), high.translate(_MISTYPED)
    leading = UNIT_CHARS.search(high)
    if not leading:
        return low
    runs = UNIT_CHARS.findall(low)
    if not runs:
        return low + leading[0]
    if len(runs) == 1 and low.endswith(runs[0]) and leading[0].startswith(runs[0]):
        return low + leading[0][len(runs[0]) :]
    return low
