"""Every figure of a line of Japanese text, each read exactly or flagged as ambiguous.

:func:`find_quantities` is the line-level census: money amounts (:mod:`.amounts`), dates
(:mod:`.eras`, and Western ``2023/4/1``, ``2023.4.1``), percentages, numbers with a unit
(``5万人``, ``1.7倍``, ``100kWh``), bare numbers, codes (footnote marks such as ``※1``,
phone numbers, postal codes, times of day, identifiers such as ``2Q16`` or ``CO2``) and
ambiguous text, each a
:class:`Quantity` with its span in the line.

A numeral that touches something that could make it part of a larger one is never
returned as a figure of its own. The text is read whole (``1・5兆円``, ``10-20億円``,
``H23.12``, ``03-1234-5678``) or reported as ``kind="ambiguous"`` with a ``reason``:

- numbers joined by ``・`` with no unit of measure after them: a list, not a decimal point
  (``3・4月``, ``1・2号機``, ``平成23・24年度``, ``第1・2四半期``, ``三・一一``);
- digits grouped by commas not in threes (``2,5000``), two decimal points (``1.2.3``),
  a blank after the decimal point (``46. 3%``), ``、`` between short numbers (``2、3億円``,
  two or three), numbers joined by ``/`` (a fraction or a date: ``1/2``) or by a hyphen
  that makes no range of an amount and no code;
- a number right after a scale with no number of its own (``億 9,300万円``: the figure
  began on the line before).

With ``header`` (a :class:`~.units.UnitHeader` in force, e.g. ``（単位：千円）``), a bare
integer (no unit after it, not a list label such as ``(1)`` or ``1.``) is an amount in the
header's unit, with ``unit_from_header=True``; a bare decimal under a header is ambiguous
(a rate column and an amount column look alike), and so is any bare number under a header
that joins two conflicting declarations (``(単位:円)`` and ``(単位:億円)`` over one
table). ``default_currency`` is passed to :func:`~.amounts.scan_amounts` for bare ``万 億 兆`` figures.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import regex

from extract.japanese.amounts import HYPHEN_REASONS, NUMBER_WITH_SCALE, Amount, hyphen_role, scan_amounts
from extract.japanese.eras import find_eras, parse_era
from extract.japanese.numerals import DECIMAL_UNIT, KANJI_DIGITS, NEGATIVE_SIGNS, find_numbers, parse_number
from extract.japanese.units import UnitHeader

__all__ = ["KINDS", "Quantity", "find_quantities"]

KINDS = ("amount", "percent", "date", "number", "code", "ambiguous", "unread")  # unread: census only


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure of a line: what it is, its exact value, and where it stands."""

    kind: str
    span: tuple[int, int]
    text: str
    value: Decimal | None = None
    high: Decimal | None = None
    currency: str | None = None
    unit: str | None = None
    approximate: bool = False
    negative: bool = False
    date: str | None = None
    reason: str | None = None
    unit_from_header: bool = False
    bound: str | None = None


_D = "0-9０-９"
_KD = KANJI_DIGITS
_BLANK = " \t\u3000\u00a0"

PHONE = regex.compile(
    rf"(?<![{_D}\-－])(?:\(0[{_D}]{{1,4}}\)[{_D}]{{1,4}}[\-－][{_D}]{{3,4}}"
    rf"|0[{_D}]{{1,4}}[\-－ー][{_D}]{{1,4}}[\-－ー][{_D}]{{3,4}})(?![{_D}\-－])"
)
POSTAL = regex.compile(rf"(?<![{_D}\-－])(?:〒\s*)?[{_D}]{{3}}[\-－][{_D}]{{4}}(?![{_D}\-－])")
TIME = regex.compile(rf"(?<![{_D}:：])[{_D}]{{1,2}}[:：][{_D}]{{2}}(?:[:：][{_D}]{{2}})?(?![{_D}:：])")
WESTERN_DATE = regex.compile(
    rf"(?<![{_D}.．/／\-])(?P<year>[{_D}]{{4}})(?P<sep>[./／.\-])(?P<month>[{_D}]{{1,2}})"
    rf"(?:(?P=sep)(?P<day>[{_D}]{{1,2}}))?(?![{_D}]|[./／.\-][{_D}])"
)
# A web or e-mail address: its digits are part of a name (…/090817news279.html, %7E).
ADDRESS = regex.compile(r"(?:https?://|ftp://|www\.)[\x21-\x7e]+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", regex.ASCII)
# A footnote mark: ※1, ＊2, *3, †1, and the marks of several notes at once (※1、2, ※1,3).
FOOTNOTE = regex.compile(rf"[※＊*†‡][{_D}]+(?:[、,，・~〜～][{_D}]+)*(?![{_D}]|[.．,，][{_D}])")
# A range of years in one era: 平成4~12年度, 平成4年度～12年度, 令和元年から3年.
ERA_RANGE = regex.compile(
    rf"(?P<era>明治|大正|昭和|平成|令和)[{_BLANK}]*(?P<low>元|[{_D}]{{1,2}})(?:[{_BLANK}]*年(?P<low_fiscal>度)?)?"
    rf"[{_BLANK}]*(?:[~〜～\-－‐]|から)[{_BLANK}]*(?:同|(?P=era))?[{_BLANK}]*(?P<high>[{_D}]{{1,2}})[{_BLANK}]*年(?P<fiscal>度)?"
)
# A range mark and the number that ends it: the number before it takes its unit (5~10人).
RANGE_END = regex.compile(rf"[{_BLANK}]*[~〜～][{_BLANK}]*(?P<high>[{_D}]+(?:[,，][{_D}]{{3}})*(?:[.．][{_D}]+)?)")
_LATIN = "A-Za-zＡ-Ｚａ-ｚ"
# A token of letters and digits in which a letter stands before a digit: 2Q16, CO2, A4, PM2.5, No.1.
IDENTIFIER = regex.compile(
    rf"(?<![{_LATIN}{_D}.．,，])[{_LATIN}{_D}]*[{_LATIN}][.．]?[{_D}](?:[{_LATIN}{_D}]|[.．](?=[{_D}]))*"
    rf"(?![,，][{_D}])"  # ODA3,284億円: a grouped figure after a name is the figure, not part of the name
)
CLUSTER = regex.compile(
    rf"[{_D}]+(?:(?:[.．,，・･/／:：\-－]|[.．][{_BLANK}]+(?=[{_D}]))[{_D}]+)+"
    rf"|(?<![\p{{Han}}--[第約各計全総]])[{_KD}十百千]+(?:[・･][{_KD}十百千]+)+",
    regex.V1,
)
SHORT_TOUTEN = regex.compile(rf"(?<![{_D}])[{_D}]{{1,2}}、[{_D}]")
ARABIC_NUMBER = regex.compile(rf"[{_D}]{{1,3}}(?:[,，][{_D}]{{3}})+(?:[.．][{_D}]+)?|[{_D}]+(?:[.．][{_D}]+)?")
NAKAGURO_DECIMAL = regex.compile(rf"(?:[{_D}]+|[{_KD}十百千]+)[・･][{_D}{_KD}]+(?={DECIMAL_UNIT})")
# The unit a number is in, as written right after it. After a blank only a known unit counts,
# and a one-kanji one only when no kanji follows (``27 年度``, ``9 月``, ``30 %``; but
# ``4,175 人件費`` is a table cell and the label after it, not 4,175 people).
_KNOWN_LONG = (
    r"パーセント|ポイント|年度|年間|か年|か月|ヶ月|ヵ月|カ月|箇月|か所|ヶ所|箇所|カ所|時間|世帯|種類"
)
_KNOWN_SHORT = r"[年月日人件社倍割回歳号基台者名校点冊個頭戸]"
UNIT_AFTER = regex.compile(
    rf"(?P<unit>{_KNOWN_LONG}|[%％]|分の|事業|[\p{{Katakana}}ー]+|[A-Za-zµ]+[23]?(?:/[A-Za-z]+)?|[㎡㎞㎏]|\p{{Han}})"
    rf"|[ \t\u3000]+(?P<unit>{_KNOWN_LONG}|[%％]|{_KNOWN_SHORT}(?!\p{{Han}}))"
)
PERCENT_UNITS = frozenset({"%", "％", "パーセント"})
DATE_UNITS = frozenset({"年度", "月", "日"})
APPROXIMATE_BEFORE = regex.compile(r"(?:約|およそ|凡そ|概ね|おおむね)[ \t\u3000]*$")
SIGN_BEFORE = regex.compile(
    rf"(?P<sign>[▲△▼▽Δ∆]|(?<![{_D}A-Za-z)）%％][{_BLANK}]*)[\-－−‐])(?:[{_BLANK}]*[(（](?P<word>マイナス|プラス)[)）])?"
    rf"[{_BLANK}]*$"
)
SCALE_WORD = regex.compile(r"[十百千]+[ \t\u3000]*(?:[万億兆][ \t\u3000]*)?(?:円|ドル|ユーロ|ポンド)")
LABEL_BRACKETS = {"(": ")", "（": "）", "【": "】", "〔": "〕", "［": "］", "[": "]", "<": ">", "＜": "＞",
                  "〈": "〉", "《": "》"}
# A count's label right before a bare number (件数 12, 職員数 25, 世帯数 3): a count, never money
# under a unit header.
COUNT_LABEL_BEFORE = regex.compile(r"(?:数|人員|定員)[ \t\u3000:：]*$")
LABEL_WORD_BEFORE = regex.compile(r"(?:表|図|注|資料|別紙|別添|参考|様式|番号|第|No\.?|NO\.?)[ \t\u3000]*$")
# An item's number before its name, opening a line or a table cell: 1 児童養護施設等の環境改善事業.
LEADING_ZERO = regex.compile(rf"[0０][{_D}]+")  # 01020101, 001: a code; never 0.5, 0 or 0,5
ITEM_NUMBER = regex.compile(rf"[{_D}]{{1,3}}")
OPENS_LINE_OR_CELL = regex.compile(r"(?:^|[|｜])[ \t\u3000]*$")
NAME_AFTER = regex.compile(r"[ \t\u3000]+[\p{Han}\p{Hiragana}\p{Katakana}]")
OPERATOR_BEFORE = regex.compile(r"[×÷＝=][ \t\u3000]*$")
OPERATOR_AFTER = regex.compile(r"[ \t\u3000]*[×÷＝=]")
JAPANESE_AFTER_POINT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}「『（(]")


def find_quantities(text: str, default_currency: str | None = None, default_era: str | None = None,
                    header: UnitHeader | None = None, header_from: int = 0,
                    cents: str | None = None) -> list[Quantity]:
    """Every figure of one line, in order, none overlapping (see the module docstring).

    ``header`` applies to bare numbers from offset ``header_from`` on (the end of a header
    stated on this very line; 0 for a header stated on a line before).
    """
    accepted = _amounts(text, default_currency, cents)
    accepted += [q for q in _dates(text, default_era) if not _overlaps(q.span, accepted)]
    accepted += [q for q in _codes(text) if not _overlaps(q.span, accepted)]
    unclear = [q for q in accepted if q.kind == "ambiguous"]
    ambiguous = [q for q in _clusters(text, accepted) if not _overlaps(q.span, unclear)]
    found = [q for q in accepted if not _overlaps(q.span, ambiguous)] + ambiguous
    found += [q for q in _numbers(text, header, header_from) if not _overlaps(q.span, found)]
    found = _dash_marked(text, sorted(found, key=lambda q: q.span))
    return _blank_cut_flagged(text, [_era_unwritten(q) for q in found])


# A long dash or the prolonged sound mark right before a figure (ー1,234円, ― 1,234円, ─5):
# a minus sign the text layer mistook, or a dash meaning "none" before the next cell.
DASH_MARK_BEFORE = regex.compile(rf"(?P<mark>[ー―─])(?P<blank>[{_BLANK}]*)$")
KANA_BEFORE_MARK = regex.compile(r"[\p{Katakana}\p{Hiragana}ー]$")  # データー: the ー of a word
SIGNED_KINDS = frozenset({"amount", "number", "percent"})


def _dash_marked(text: str, found: list[Quantity]) -> list[Quantity]:
    """``ー1,234円`` (ー glued to the figure, not the end of a kana word) is negative; a ``―``
    or ``─`` before a figure, or a ``ー`` and a blank, may be a dash meaning none: ambiguous."""
    out = []
    for quantity in found:
        mark = (DASH_MARK_BEFORE.search(text, 0, quantity.span[0])
                if quantity.kind in SIGNED_KINDS and not quantity.negative and quantity.value is not None else None)
        if mark is None or KANA_BEFORE_MARK.search(text, 0, mark.start()):
            out.append(quantity)
            continue
        span = (mark.start(), quantity.span[1])
        if mark["mark"] == "ー" and not mark["blank"] and quantity.high is None and quantity.value is not None:
            out.append(replace(quantity, span=span, text=text[span[0] : span[1]], value=-quantity.value, negative=True))
        else:
            out.append(Quantity("ambiguous", span, text[span[0] : span[1]],
                                reason=f"a dash {mark['mark']} before the figure: a minus sign or a dash meaning none"))
    return out


# A figure whose first digit follows a digit and a blank (合計 1 2 3 4 5 円, 1 234 567円): its
# digits may be grouped by blanks, so it may be the tail of a larger figure.
# Only pieces of one figure: groups of three after a group of one to three (1 234 567円), or single
# digits spaced out one by one (1 2 3 4 5 円); 46.3 5人 and 2022 5人 are two figures.
PIECE_BEFORE = regex.compile(rf"(?<![{_D}.．,，])(?P<piece>[{_D}]{{1,3}})[{_BLANK}]+$")
LEADING_DIGITS = regex.compile(rf"[{_D}]+")


def _blank_cut_flagged(text: str, found: list[Quantity]) -> list[Quantity]:
    """A figure with a unit written after a digit and a blank, and the bare numbers before it
    that blanks alone separate: ambiguous (``1 234 567円`` is never 567円)."""
    for index, quantity in enumerate(found):
        written_unit = quantity.unit and not quantity.unit_from_header
        if quantity.kind not in SIGNED_KINDS or not written_unit or not _a_piece(text, quantity):
            continue
        reason = "digits separated by blanks stand before it: it may be the tail of a figure (1 234 567円)"
        found[index] = _unread(quantity, reason)
        before = index - 1
        while (before >= 0 and found[before].kind == "number" and not found[before].unit
               and not text[found[before].span[1] : found[before + 1].span[0]].strip(_BLANK)):
            found[before] = _unread(found[before], reason)
            before -= 1
    return found


def _a_piece(text: str, quantity: Quantity) -> bool:
    """Whether the figure's leading digits and the digits a blank before it look like pieces of one figure."""
    leading = LEADING_DIGITS.match(quantity.text)
    before = PIECE_BEFORE.search(text, 0, quantity.span[0])
    if not leading or not before:
        return False
    return len(leading[0]) == 3 or len(leading[0]) == len(before["piece"]) == 1


def _unread(quantity: Quantity, reason: str) -> Quantity:
    return Quantity("ambiguous", quantity.span, quantity.text, reason=reason)


def _era_unwritten(quantity: Quantity) -> Quantity:
    """``23年度`` read with no era (none given, none named by the document): ambiguous, never
    a date with the value 23."""
    if quantity.kind == "date" and quantity.date is None and quantity.unit == "年度":
        return _unread(quantity, "a fiscal year of one or two digits and no era (23年度): the era is not written")
    return quantity


def _overlaps(span: tuple[int, int], others: list[Quantity]) -> bool:
    return any(span[0] < other.span[1] and other.span[0] < span[1] for other in others)


def _codes(text: str) -> list[Quantity]:
    """Web and e-mail addresses, footnote marks, phone numbers, postal codes, times of day and
    identifiers: numerals that are no quantity."""
    found: list[Quantity] = []
    for pattern, reason in ((ADDRESS, "part of a web or e-mail address"),
                            (FOOTNOTE, "a footnote mark (※1)"), (PHONE, "a phone number"),
                            (POSTAL, "a postal code"), (TIME, "a time of day"),
                            (IDENTIFIER, "part of a name or code (letters before the digits)")):
        for match in pattern.finditer(text):
            if not _overlaps(match.span(), found):
                found.append(Quantity("code", match.span(), match[0], reason=reason))
    return found


def _dates(text: str, default_era: str | None) -> list[Quantity]:
    found = _era_ranges(text)
    for era in find_eras(text, default_era):
        if _overlaps(era.span, found):
            continue
        found.append(_date(text, era.span, era.year, era.month, era.day, era.fiscal))
    for match in WESTERN_DATE.finditer(text):
        if _overlaps(match.span(), found):
            continue
        year, month = int(parse_number(match["year"])), int(parse_number(match["month"]))
        day = int(parse_number(match["day"])) if match["day"] else None
        if 1 <= month <= 12 and (day is None or 1 <= day <= calendar.monthrange(year, month)[1]):
            if match["day"] or match["sep"] in "./／.":
                found.append(_date(text, match.span(), year, month, day, False))
    return found


def _era_ranges(text: str) -> list[Quantity]:
    """``平成4~12年度`` -> a date FY1992 with ``high`` 2000 (the first year's era holds for both)."""
    found = []
    for match in ERA_RANGE.finditer(text):
        fiscal = "度" if match["fiscal"] else ""
        if match["low_fiscal"] is not None and match["low_fiscal"] != fiscal:
            continue
        try:
            low = parse_era(f"{match['era']}{match['low']}年{fiscal}", projected=True)
            high = parse_era(f"{match['era']}{match['high']}年{fiscal}", projected=True)
        except ValueError:
            continue
        if low.year < high.year:
            date = _date(text, match.span(), low.year, None, None, bool(fiscal))
            found.append(Quantity("date", match.span(), match[0], value=date.value, high=Decimal(high.year),
                                  date=date.date, unit="年度" if fiscal else "年"))
    return found


def _date(text: str, span: tuple[int, int], year: int, month: int | None, day: int | None,
          fiscal: bool) -> Quantity:
    iso = f"FY{year}" if fiscal else "-".join(
        [f"{year:04d}"] + [f"{part:02d}" for part in (month, day) if part is not None]
    )
    return Quantity("date", span, text[span[0] : span[1]], value=Decimal(year), date=iso)


def _amounts(text: str, default_currency: str | None, cents: str | None = None) -> list[Quantity]:
    found = []
    for amount in scan_amounts(text, default_currency, cents):
        if isinstance(amount, Amount):
            found.append(Quantity(
                "amount", amount.span, amount.text, value=amount.value, high=amount.high,
                currency=amount.currency, unit=amount.unit, approximate=amount.approximate,
                negative=amount.negative, bound=amount.bound,
            ))
        else:
            found.append(Quantity("ambiguous", amount.span, amount.text, reason=amount.reason))
    return found


def _clusters(text: str, accepted: list[Quantity]) -> list[Quantity]:
    """Numerals joined by ・ 、 , . / : - that no accepted figure reads whole, and that are no number."""
    found = []
    for match in CLUSTER.finditer(text):
        span = match.span()
        if any(q.span[0] <= span[0] and span[1] <= q.span[1] for q in accepted):
            continue
        reason = _cluster_reason(text, match)
        if reason:
            found.append(Quantity("ambiguous", span, match[0], reason=reason))
    for match in SHORT_TOUTEN.finditer(text):
        codes = [q for q in accepted if q.kind == "code"]
        if not _overlaps(match.span(), found) and not _overlaps(match.span(), codes):
            span = (match.start(), match.end())
            found.append(Quantity("ambiguous", span, match[0],
                                  reason="short numbers joined by 、 (2、3億円 means two or three)"))
    return found


def _cluster_reason(text: str, match: regex.Match[str]) -> str | None:
    """Why a cluster of numerals is not one number, or None when it is one."""
    cluster = match[0]
    if ARABIC_NUMBER.fullmatch(cluster) or NAKAGURO_DECIMAL.match(text, match.start()) and \
            NAKAGURO_DECIMAL.match(text, match.start()).end() == match.end():
        return None
    if regex.search(r"[・･]", cluster):
        return "numbers joined by ・ with no unit of measure after them: a list (3・4月, 1・2号機), not a decimal point"
    if regex.search(rf"[.．][{_BLANK}]", cluster):
        return "a blank after a decimal point (46. 3): the digits may belong together"
    if regex.search(r"[/／]", cluster):
        return "numbers joined by / (a fraction, a ratio or a date)"
    if regex.search(r"[:：]", cluster):
        return "numbers joined by : (a ratio or a time)"
    if regex.search(r"[\-－]", cluster):
        return "numbers joined by a hyphen (a code, or a range with no unit)"
    if len(regex.findall(r"[.．]", cluster)) > 1:
        return "more than one point (1.2.3): a section number or a version, not a number"
    if regex.search(r"、", cluster):
        return "numbers joined by 、 (a list, or 2、3 meaning two or three)"
    return "digits grouped by commas not in threes (2,5000)"


def _numbers(text: str, header: UnitHeader | None, header_from: int = 0) -> list[Quantity]:  # noqa: C901
    """Numerals that are no amount, date or code: percentages, numbers with a unit, bare numbers.

    The span covers the sign, the scale and the unit (``▲ 5``, ``5万人``, ``1.7倍``, ``30%``).
    """
    found: list[Quantity] = []
    for number in find_numbers(text):
        start, end = number.span
        scale = SCALE_WORD.match(text, start)
        if _overlaps((start, end), found) or scale and scale.end() > end:
            continue  # 千 of 千円 in 単位：千円 is a unit, not a number
        if _is_list_label(text, start, end):
            found.append(Quantity("code", (start, end), number.text,
                                  reason="a label or an ordinal ((1), 2., 表3, 第4)"))
            continue
        if LEADING_ZERO.fullmatch(text, start, end):
            found.append(Quantity("code", (start, end), number.text,
                                  reason="digits after a leading zero: a code (事業 01020101, 001), not a figure"))
            continue
        value = number.value
        scaled = NUMBER_WITH_SCALE.match(text, start + (1 if value < 0 else 0))
        if value >= 0 and scaled and scaled.end() > end:
            try:
                value, end = parse_number(scaled[0]), scaled.end()
            except ValueError:
                pass
        signed = number.text[:1] in NEGATIVE_SIGNS
        sign = None if signed else SIGN_BEFORE.search(text, 0, start)
        role = hyphen_role(text, *sign.span("sign")) if sign else "sign"
        if role == "operator":
            sign = None
        negative = signed or (sign is not None and sign["word"] != "プラス")
        unit = UNIT_AFTER.match(text, end)
        high = None
        ranged = RANGE_END.match(text, end) if unit is None else None
        if ranged and UNIT_AFTER.match(text, ranged.end()):
            high, end = parse_number(ranged["high"]), ranged.end()
            unit = UNIT_AFTER.match(text, end)
        span = (sign.start() if sign else start, unit.end() if unit else end)
        common: dict[str, Any] = dict(
            span=span, text=text[span[0] : span[1]], value=-abs(value) if negative else value, high=high,
            negative=negative, approximate=bool(APPROXIMATE_BEFORE.search(text, 0, span[0])),
        )
        if role in HYPHEN_REASONS:
            found.append(Quantity("ambiguous", common["span"], common["text"], reason=HYPHEN_REASONS[role]))
        elif (unit is None and header is not None and start >= header_from and end == number.span[1]
                and regex.search(rf"[{_D}]", number.text) and not _in_formula(text, span)
                and not COUNT_LABEL_BEFORE.search(text, 0, span[0])):
            found.append(Quantity("ambiguous", common["span"], common["text"], reason=GLUED_REASON)
                         if WORD_GLUED_AFTER.match(text, end) else _header_amount(number.text, header, common))
        elif unit is None:
            found.append(Quantity("number", **common))
        else:
            kind = "percent" if unit["unit"] in PERCENT_UNITS else "date" if unit["unit"] in DATE_UNITS else "number"
            found.append(Quantity(kind, unit=text[end : unit.end()].strip(_BLANK), **common))
    return found


# A bare number glued to the word after it (``15か`` / ``年間`` on the next line, ``3ヵ``) is
# running text, not a cell the header's unit applies to.
WORD_GLUED_AFTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ヶヵ々]")
GLUED_REASON = "a number glued to the word after it: running text, not a cell under the unit header"


def _in_formula(text: str, span: tuple[int, int]) -> bool:
    """``C/B×100``, ``A÷2``: a number next to an operator is a factor of a formula, not a table's figure."""
    return bool(OPERATOR_BEFORE.search(text, 0, span[0]) or OPERATOR_AFTER.match(text, span[1]))


def _is_list_label(text: str, start: int, end: int) -> bool:
    """``(1)``, ``（２）``, ``【2】``, ``〔3〕``, ``2.既定経費``, ``表2``, ``第3``, ``1 児童養護施設…`` (an item's
    number opening a line or a cell, before its name): a label or an ordinal, not a figure."""
    before, after = text[start - 1 : start], text[end : end + 1]
    if before and after and LABEL_BRACKETS.get(before) == after:
        return True
    if LABEL_WORD_BEFORE.search(text, 0, start):
        return True
    if (ITEM_NUMBER.fullmatch(text, start, end) and OPENS_LINE_OR_CELL.search(text, 0, start)
            and NAME_AFTER.match(text, end) and not UNIT_AFTER.match(text, end)):
        return True
    return bool(after) and after in ".．" and bool(JAPANESE_AFTER_POINT.match(text, end + 1))


def _header_amount(number: str, header: UnitHeader, common: dict) -> Quantity:
    """A bare number under a unit header: an amount in the header's unit (a decimal, or a
    number under two conflicting headers, is ambiguous)."""
    if header.conflict:
        return Quantity("ambiguous", common["span"], common["text"], unit=header.unit,
                        reason="two unit declarations head this table (" + ", ".join(
                            f"単位:{unit}" for unit in header.conflict) + "): which one the number is in is not said")
    if regex.search(r"[.．・･]", number) and not (header.sen or header.column):
        declared = header.unit + ("、%" if header.rates else "")
        return Quantity("ambiguous", common["span"], common["text"], unit=header.unit,
                        reason=f"a decimal under the header 単位:{declared} (a rate column or an amount)")
    value = common["value"] * header.scale
    return Quantity("amount", currency=header.currency, unit=header.unit, unit_from_header=True,
                    **{**common, "value": value if value != 0 else Decimal(0)})
