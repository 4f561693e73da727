"""Unit headers of tables: ``単位：千円``, ``（単位：百万円）``, ``単位:億円``, a line ``（千円）``,
``千円`` or ``円 銭``.

A financial table states its unit once and prints bare numbers below it. :func:`unit_header`
reads such a declaration: the scale and currency that the bare numbers beneath it are in.
A declaration of one money unit and percent (``（単位：千円、%）``) is a header too, marked
``rates``: its integers are money, its decimals may be the percent column. A declaration
naming anything else too (``（単位：事業、百万円）``, ``（単位：人、%）``) names no single unit
for a bare number, so it is a declaration (:func:`declares_units` is True: it ends the reach
of the header before it) but gives no header.

A table whose cells are separated by ``|`` may give each column its own unit at the end of
its head (``決議年月日 | 配当金の総額(百万円) | 1株当たり配当額(円) |``): :func:`column_units`
reads them, one header (or None) per cell, and :func:`cells` cuts a row into its cells.

Two different money units declared for one table before any of its figures (``(単位:円)``
over the table, ``(単位:億円)`` in a column head) are joined by :meth:`UnitHeader.joined`
into a header whose ``conflict`` names both: a bare number beneath it is ambiguous, since
which of them it is in is not said.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import regex

from extract.japanese.amounts import CURRENCIES
from extract.japanese.numerals import ARABIC_DIGITS, parse_number

__all__ = ["UNIT_AT_CELL_END", "UnitHeader", "cells", "column_units", "declaration_span", "declares_units",
           "unit_header"]

_CLOSE = "）)］\\]】〕"
UNITS_DECLARED = regex.compile(
    rf"[(（［\[]\s*単\s*位\s*[:：]?\s*(?P<units>[^{_CLOSE}\n]*)"  # bracketed: up to the bracket
    rf"|単\s*位\s*[:：]\s*(?P<units>[^\s{_CLOSE}]*)"  # bare: up to the next blank
)
BARE_UNIT_LINE = regex.compile(rf"^\s*[(（［\[]\s*(?P<units>[^{_CLOSE}]+?)\s*[{_CLOSE}]\s*$")
# A line that is only a scaled unit or 円 銭, unbracketed: the head of a column (円 alone is
# rather the tail of a figure broken over two lines).
UNBRACKETED_UNIT_LINE = regex.compile(
    r"^\s*(?P<units>(?:千|百万|十万|万|億|兆|十億|百億|千万)\s*(?:円|米ドル|ドル|ユーロ|ポンド)|円\s*銭)\s*$"
)
MONEY_UNIT = regex.compile(
    r"^(?P<scale>千|百万|十万|万|億|兆|十億|百億|千万|[0-9０-９]+(?:[十百千]?[万億兆])?)?\s*"
    r"(?P<currency>円|米ドル|ドル|ユーロ|ポンド)$"
    r"|^(?P<currency>円)\s*(?P<sen>銭)$"
)
# Units of no money a column head may state alone in brackets.
OTHER_UNIT = regex.compile(
    r"^(?:千|百万|万)?(?:株|人|名|件|社|戸|台|個|本|枚|回|日|年|月|時間|世帯|店|校|床|施設|箇所|か所|ヵ所|カ所|ヶ所"
    r"|倍|[%％]|ポイント|pt|トン|t|kg|㎏|km|㎞|ha|㎡|m2|m²|kWh|MWh|GWh|kW|MW|kl|㎘|リットル|泊|人泊|台数)$"
)
UNIT_SEPARATORS = regex.compile(r"\s*[、,，・/／]\s*|\s+")
# What may follow a unit declaration inside its brackets without naming another unit.
NOT_A_UNIT = regex.compile(r"^(?:税込み?|税抜き?|未満.*|四捨五入.*|切捨て?|切り捨て)$")
PERCENT = regex.compile(r"^(?:[%％]|パーセント)$")


@dataclass(frozen=True, slots=True)
class UnitHeader:
    """A table's unit: ``unit`` as written (``千円``), what one bare number is worth in ``currency``.

    ``rates``: the declaration names percent too (``千円、%``). ``conflict``: the units of two
    declarations heading one table (``('円', '億円')``); a bare number beneath is ambiguous.
    ``sen``: the unit is 円 銭 (per-share figures), or a line that is only ``(円)`` heads a
    column, so a decimal beneath is yen and sen (``△8.68`` = -8円68銭), not a rate.
    ``column``: the unit is one column's, named in its head cell, so a decimal beneath is an
    amount too (no rate column shares the unit).
    """

    unit: str
    scale: Decimal
    currency: str
    span: tuple[int, int]
    rates: bool = False
    conflict: tuple[str, ...] = ()
    sen: bool = False
    column: bool = False  # it heads one column only (a | table's head cell): no rate column shares it

    def joined(self, other: UnitHeader) -> UnitHeader:
        """This header with another declared before the table's first figure: the same, or a conflict."""
        if (other.scale, other.currency) == (self.scale, self.currency) and not other.conflict:
            return self
        units = tuple(dict.fromkeys((*(self.conflict or (self.unit,)), *(other.conflict or (other.unit,)))))
        return UnitHeader(self.unit, self.scale, self.currency, other.span, self.rates or other.rates, units)


def declares_units(text: str) -> bool:
    """Whether the line states the unit of a table (``単位：…``, or a line that is only a unit:
    ``（千円）``, ``千円``, ``円 銭``, or a unit of no money such as ``(株)``, ``(人)``, ``(%)``)."""
    return bool(UNITS_DECLARED.search(text) or _bare_unit_line(text) or _other_unit_line(text))


def _other_unit_line(text: str) -> bool:
    """``(株)``, ``(人)``, ``(%)``, ``(倍)``: the head of a column of no money, ending the one before."""
    line = BARE_UNIT_LINE.match(text)
    return bool(line and OTHER_UNIT.match(_compact(line["units"])))


def declaration_span(text: str) -> tuple[int, int] | None:
    """Where the line states a table's unit (``(単位:千円)``, a line ``（千円）``), or None."""
    declared = UNITS_DECLARED.search(text) or _bare_unit_line(text)
    return declared.span() if declared else None


def unit_header(text: str) -> UnitHeader | None:
    """The single money unit a line declares for the table below it, or None."""
    declared = UNITS_DECLARED.search(text)
    if declared is None:
        line = _bare_unit_line(text)
        if line is None:
            return None
        money = MONEY_UNIT.match(_compact(line["units"]))
        yen = not money["scale"] and money["currency"] == "円"  # (円) over a column: 18.00 is 18円00銭
        return UnitHeader(_compact(line["units"]), _scale(money), CURRENCIES[money["currency"]], line.span(),
                          sen=bool(money["sen"]) or yen)
    names = [name for name in UNIT_SEPARATORS.split(declared["units"].strip()) if name and not NOT_A_UNIT.match(name)]
    rates = [name for name in names if PERCENT.match(name)]
    names = [name for name in names if not PERCENT.match(name)]
    if len(names) != 1:
        return None
    money = MONEY_UNIT.match(names[0])
    if money is None:
        return None
    return UnitHeader(names[0], _scale(money), CURRENCIES[money["currency"]], declared.span(), bool(rates),
                      sen=bool(money["sen"]))


def _scale(money: regex.Match[str]) -> Decimal:
    """``千`` -> 1000, ``百万`` -> 10^6; a scale written with digits as it is: ``100万`` -> 10^6."""
    if not money["scale"]:
        return Decimal(1)
    return parse_number(money["scale"] if money["scale"][0] in ARABIC_DIGITS else "1" + money["scale"])


def _compact(units: str) -> str:
    return regex.sub(r"\s+", "", units)


def _bare_unit_line(text: str) -> regex.Match[str] | None:
    """A line that is only a money unit; never one with digits (``(３６０億円)`` is an amount)."""
    line = BARE_UNIT_LINE.match(text) or UNBRACKETED_UNIT_LINE.match(text)
    money = MONEY_UNIT.match(_compact(line["units"])) if line else None
    return line if money and not (money["scale"] and money["scale"][0] in ARABIC_DIGITS) else None


CELL_SEPARATOR = regex.compile(r"[|｜]")
UNIT_AT_CELL_END = regex.compile(rf"[(（［\[]\s*(?P<units>[^{_CLOSE}]+?)\s*[{_CLOSE}]\s*$")


def cells(text: str) -> list[tuple[int, int]]:
    """The spans of the ``|``-separated cells of a line (one span for a line with no ``|``)."""
    bounds = [-1, *(m.start() for m in CELL_SEPARATOR.finditer(text)), len(text)]
    return [(start + 1, end) for start, end in zip(bounds, bounds[1:], strict=False)]


def column_units(text: str) -> list[UnitHeader | None] | None:
    """The unit each column of a ``|`` table head names at the end of its cell, or None if the
    line is no such head (fewer than two cells, or no cell names a money unit)."""
    spans = cells(text)
    if len(spans) < 2:
        return None
    units = []
    for start, end in spans:
        named = UNIT_AT_CELL_END.search(text, start, end)
        unit = unit_header("(" + named["units"] + ")") if named else None
        units.append(replace(unit, column=True) if unit else None)
    return units if any(units) else None
