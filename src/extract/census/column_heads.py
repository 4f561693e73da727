"""Units that head a column of a PDF page: a ``千円`` line standing over the figures it applies to.

Pure: no I/O. A PDF's text layer often gives a table's head after its body (the 第1表 of a
budget book lists its rows first and its ``款 項 金 額 千円`` last), so a unit line read in
the order of the text applies to nothing. On a page whose lines have boxes, a line that
declares a unit (``千円``, ``（百万円）``, ``（単位：千円）``, ``（%）``) heads the column
under it. A bare number, or one that took the unit of a header read before it, whose box
that line overlaps across, is read under the unit line nearest above it: a money unit
gives it that unit (the column's own unit is the nearer and the more particular); a unit
of no money (``（%）``, ``(人)``) makes it a number of no money, whatever the page declared.
That holds only where no line of words stands in the column between them (the column
below a unit holds figures; words there begin another table or a 説明 entry).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import regex

from extract.japanese.quantities import Quantity, find_quantities
from extract.japanese.units import UnitHeader, declares_units, unit_header
from extract.read.document import BBox
from extract.read.lines import NormalizedLine

LETTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Latin}]")


def _across(a: BBox, b: BBox) -> bool:
    """Whether two boxes overlap across (their x spans share more than a hair)."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5


def _unit_lines(lines: Sequence[NormalizedLine]) -> list[tuple[BBox, UnitHeader | None, int]]:
    """The page's lines that declare a unit, with their boxes, their money unit (None: a unit
    of no money, ``（%）``, ``(人)``, or two units) and their indexes."""
    found: list[tuple[BBox, UnitHeader | None, int]] = []
    for index, line in enumerate(lines):
        box = line.box_of(0, len(line.text)) if declares_units(line.text) else None
        if box is None:
            continue
        header = unit_header(line.text)
        if header is not None and (header.conflict or _has_figures(line.text, header)):
            header = None
        found.append((box, replace(header, column=True) if header else None, index))
    return found


def _has_figures(text: str, header: UnitHeader) -> bool:
    """Whether the line holds more than its unit (a heading's ``予算額 48,352,400千円``)."""
    rest = text[: header.span[0]] + text[header.span[1]:]
    return bool(regex.search(r"[0-9]", rest))


def _word_boxes(lines: Sequence[NormalizedLine], quantities: Sequence[list[Quantity]]) -> list[BBox]:
    """Boxes of the page's lines that hold words (letters outside their figures: not
    ``26,000千円``), unit lines left out."""
    boxes = []
    for line, read in zip(lines, quantities, strict=True):
        rest = list(line.text)
        for quantity in read:
            rest[quantity.span[0]:quantity.span[1]] = " " * (quantity.span[1] - quantity.span[0])
        if LETTER.search("".join(rest)) and not declares_units(line.text):
            box = line.box_of(0, len(line.text))
            if box is not None:
                boxes.append(box)
    return boxes


def column_head_units(lines: Sequence[NormalizedLine], quantities: Sequence[list[Quantity]],
                      money: str | None, cents: str | None) -> dict[tuple[int, tuple[int, int]], tuple[Quantity, int]]:
    """Each bare number of the page (keyed: its line's index, its span) that a unit line
    heads: the number read under that unit, and the index of the unit's line."""
    units = _unit_lines(lines)
    if not units:
        return {}
    words = _word_boxes(lines, quantities)
    found: dict[tuple[int, tuple[int, int]], tuple[Quantity, int]] = {}
    for index, (line, read) in enumerate(zip(lines, quantities, strict=True)):
        for quantity in read:
            if not (quantity.kind == "number" and quantity.unit is None or quantity.unit_from_header):
                continue
            box = line.box_of(*quantity.span)
            if box is None:
                continue
            above = [(unit_box, header, at) for unit_box, header, at in units
                     if unit_box.bottom <= box.top + 0.5 and _across(unit_box, box)]
            if not above:
                continue
            unit_box, header, at = max(above, key=lambda u: u[0].bottom)
            if (header is None and not quantity.unit_from_header) or any(
                    _across(word, box) and word.top >= unit_box.bottom - 0.5 and word.bottom <= box.top + 0.5
                    for word in words):
                continue
            start, end = quantity.span
            again = find_quantities(line.text[start:end], money, header=header, cents=cents)
            if len(again) == 1 and again[0].span == (0, end - start) and (header is None or again[0].unit_from_header):
                found[(index, quantity.span)] = (replace(again[0], span=quantity.span), at)
    return found
