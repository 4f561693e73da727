"""Units that head a column of a PDF page: a ``千円`` line standing over the figures it applies to.

Pure: no I/O. A PDF's text layer often gives a table's head after its body (the 第1表 of a
budget book lists its rows first and its ``款 項 金 額 千円`` last; a content stream may be
in any order), so a unit line read in the order of the text may apply to nothing. On a page
whose lines have boxes, a line that is only a unit (``千円``, ``（百万円）``, ``（%）``)
heads the column under it, and a ``単位`` declaration (``（単位：千円）``, at the end of a
title too) every column under it. A bare number, or one that took the unit of a header read
before it, is read again (in its line, so no rule of running text is lost) under the unit
line nearest above it that heads its column: a money unit gives it that unit (a column's own
unit is the nearer and the more particular); a unit of no money (``（%）``, ``(人)``) makes it
a number of no money, whatever the page declared. A column's unit holds only where no line
of words stands in the column below figures of it, between the unit and the number: there
another table, or a 説明 entry, begins. A 単位 declaration holds for the page below it, as
it does read in the order of the text, until the next unit line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from extract.census.labels import LETTER
from extract.japanese.quantities import Quantity, find_quantities
from extract.japanese.units import MONEY_UNIT, OTHER_UNIT, UNITS_DECLARED, UnitHeader, declares_units, unit_header
from extract.read.document import BBox
from extract.read.lines import NormalizedLine


def _across(a: BBox, b: BBox) -> bool:
    """Whether two boxes overlap across (their x spans share more than a hair)."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5


@dataclass(frozen=True, slots=True)
class _UnitLine:
    box: BBox
    header: UnitHeader | None  # None: a unit of no money (（%）, (人)) or two units
    index: int
    wide: bool  # a 単位 declaration: the unit of the whole table below it, every column


@dataclass(frozen=True, slots=True)
class Headed:
    """A number read under the unit line over it."""

    quantity: Quantity
    unit_line: int  # the index of the unit's line among the page's lines
    wide: bool  # the unit line is a 単位 declaration of the whole table, not one column's head


def _unit_words(line: NormalizedLine, index: int) -> list[_UnitLine]:
    """The units standing as words of a head drawn as one string (``人 報 酬 給 料 計``: the
    人 under 職員数), each heading the column under it."""
    words = list(regex.finditer(r"\S+", line.written))
    if len(words) < 2 or any(regex.search(r"[0-9０-９]", word[0]) for word in words):
        return []
    found = []
    for word in words:
        text = word[0]
        if not (OTHER_UNIT.fullmatch(text) or MONEY_UNIT.fullmatch(text) or declares_units(text)):
            continue
        box = line.line.box_of(*word.span())  # the written text's own boxes
        header = unit_header(f"({text.strip('()（）')})")
        if box is not None:
            found.append(_UnitLine(box, replace(header, column=True) if header else None, index, False))
    return found


def _unit_lines(lines: Sequence[NormalizedLine]) -> list[_UnitLine]:
    """The page's lines that declare a unit, with their boxes and money units, and the unit
    words of head lines."""
    found = []
    for index, line in enumerate(lines):
        box = line.box_of(0, len(line.text)) if declares_units(line.text) else None
        if box is None:
            found += _unit_words(line, index)
            continue
        header = unit_header(line.text)
        wide = bool(UNITS_DECLARED.search(line.text))
        if header is not None and header.conflict:
            header = None
        found.append(_UnitLine(box, replace(header, column=not wide) if header else None, index, wide))
    return found


def _boxes(lines: Sequence[NormalizedLine], quantities: Sequence[list[Quantity]]) -> tuple[list[BBox], list[BBox]]:
    """Boxes of the page's lines that hold words (letters outside their figures: not
    ``26,000千円``; unit lines left out), and boxes of its figures."""
    words, figures = [], []
    for line, read in zip(lines, quantities, strict=True):
        rest = list(line.text)
        for quantity in read:
            rest[quantity.span[0]:quantity.span[1]] = " " * (quantity.span[1] - quantity.span[0])
            box = line.box_of(*quantity.span)
            if box is not None:
                figures.append(box)
        box = line.box_of(0, len(line.text))
        if box is not None and LETTER.search("".join(rest)) and not declares_units(line.text):
            words.append(box)
    return words, figures


def _between(box: BBox, unit: BBox, cell: BBox) -> bool:
    """Whether ``box`` stands in ``cell``'s column, below ``unit`` and above ``cell``."""
    return _across(box, cell) and box.top >= unit.bottom - 0.5 and box.bottom <= cell.top + 0.5


def column_head_units(lines: Sequence[NormalizedLine], quantities: Sequence[list[Quantity]],
                      money: str | None, cents: str | None) -> dict[tuple[int, tuple[int, int]], Headed]:
    """Each bare number of the page (keyed: its line's index, its span) that a unit line
    heads: the number read under that unit, the index of the unit's line, and whether that
    line is a 単位 declaration of the whole table (else the unit heads its column only)."""
    units = _unit_lines(lines)
    if not units:
        return {}
    words, figures = _boxes(lines, quantities)
    found: dict[tuple[int, tuple[int, int]], Headed] = {}
    for index, (line, read) in enumerate(zip(lines, quantities, strict=True)):
        for quantity in read:
            box = line.box_of(*quantity.span)
            if box is None or not (quantity.kind == "number" and quantity.unit is None or quantity.unit_from_header):
                continue
            above = [unit for unit in units
                     if unit.box.bottom <= box.top + 0.5 and (unit.wide or _across(unit.box, box))]
            if not above:
                continue
            unit = max(above, key=lambda u: u.box.bottom)
            if unit.header is None and not quantity.unit_from_header:
                continue
            # words in the column below figures of it: another table, or a 説明 entry, begins
            body = [figure.top for figure in figures
                    if _between(figure, unit.box, box) and figure.top < box.top - 0.5]
            if not unit.wide and body and any(_between(word, unit.box, box) and word.top >= min(body)
                                              for word in words):
                continue
            again = [q for q in find_quantities(line.text, money, header=unit.header, cents=cents)
                     if q.span == quantity.span]
            if again and (unit.header is None or again[0].unit_from_header):
                found[(index, quantity.span)] = Headed(again[0], unit.index, unit.wide)
    return found
