"""Item numbers are never figures: the 目 and 節 numbers of a budget's 区分 column, drawn
beside their names, whatever unit the page declares (pure: no I/O)."""

from __future__ import annotations

import bisect
from dataclasses import replace

import regex

from extract.census.reads import Read
from extract.japanese.quantities import ITEM_NUMBER, NAME_AFTER, Quantity
from extract.read.document import BBox

LONE_ITEM_NUMBER = regex.compile(r"\s*[0-9０-９]{1,3}[.．]?\s*")  # a line that is one bare number...
STARTS_WITH_NAME = regex.compile(r"\s*[\p{Han}\p{Hiragana}\p{Katakana}]")  # ...and the name after it
ITEM_GAP_EMS = 1.5  # at most this many of the number's heights between the number and its name
ITEM_REASON = "an item number: the name of its row follows it (1 個人)"
ITEM_COLUMN_LEAST = 3  # item numbers in a column that make a lone number there one too


def item_numbers_are_no_figures(reads: list[Read]) -> list[Read]:
    """On a PDF page, a number standing alone on its line with a name just right of it on
    the same row (``1`` then ``個人``: the 目 or 節 number in a budget's 区分 column, drawn
    as lines of their own) is an item number, not a figure in the page's unit; unless a
    unit line heads its column (``719`` in the 節's 金額 column, a 説明 entry right of it)."""
    starts = sorted(((read.line.line.char_boxes[0], read.line.text) for read in reads if read.line.line.char_boxes),
                    key=lambda start: start[0].top)
    tops = [box.top for box, _ in starts]
    for read in reads:
        boxes = read.line.line.char_boxes
        if not boxes or len(read.quantities) != 1 or not LONE_ITEM_NUMBER.fullmatch(read.line.text):
            continue
        if (read.quantities[0].kind in ("amount", "number") and not headed_by_column(read, read.quantities[0].span)
                and _named_after(boxes, starts, tops)):
            read.quantities[0] = _item_number(read.quantities[0], ITEM_REASON)
    return _item_numbers_after_figures(_item_number_columns(reads))


def _item_number_columns(reads: list[Read]) -> list[Read]:
    """A number alone on its line, in a column (right edges level) whose other entries are item
    numbers or labels (at least :data:`ITEM_COLUMN_LEAST` of them) and no figure but such lone
    numbers, is an item number too (``16`` among 1 … 22
    in a 款 column, its name set lower than its number)."""
    lone = [(index, read, read.line.line.char_boxes) for index, read in enumerate(reads) if read.line.line.char_boxes
            and len(read.quantities) == 1 and LONE_ITEM_NUMBER.fullmatch(read.line.text)]
    items = [box for read in reads if read.line.line.char_boxes for q in read.quantities
             if q.kind == "code" and ITEM_NUMBER.fullmatch(q.text) and (box := read.line.line.box_of(*q.span))]
    candidates = {index for index, _, _ in lone}
    figures = [box for index, read in enumerate(reads) if read.line.line.char_boxes and index not in candidates
               for q in read.quantities if q.kind in ("amount", "number") and (box := read.line.line.box_of(*q.span))]
    for _, read, boxes in lone:
        quantity = read.quantities[0]
        if quantity.kind not in ("amount", "number") or headed_by_column(read, quantity.span):
            continue
        box = BBox.union(boxes)
        near = [other for other in items if abs(other.x1 - box.x1) <= box.bottom - box.top]
        in_column = [f for f in figures if abs(f.x1 - box.x1) <= box.bottom - box.top]
        if len(near) >= ITEM_COLUMN_LEAST and not in_column:
            read.quantities[0] = _item_number(quantity, "an item number: the column's other entries are item numbers")
    return reads


def _item_numbers_after_figures(reads: list[Read]) -> list[Read]:
    """A number of one to three digits between a figure and a name, blanks apart
    (``△28,960 1 返還金``: the 比較 of a 目 row, then the number of the 節 beside it, drawn
    as one string) is an item number, not a figure in the page's unit."""
    out = []
    for read in reads:
        text = read.line.text
        ordered = sorted(read.quantities, key=lambda q: q.span)
        for before, quantity in zip(ordered, ordered[1:], strict=False):
            start, end = quantity.span
            if (quantity.kind in ("amount", "number") and ITEM_NUMBER.fullmatch(text, start, end)
                    and text[before.span[1]:start].isspace() and NAME_AFTER.match(text, end)
                    and not headed_by_column(read, quantity.span)):
                read.quantities[read.quantities.index(quantity)] = _item_number(
                    quantity, "an item number between a figure and its name (△28,960 1 返還金)")
                read = replace(read, cell_end=read.cell_end if read.cell_end is not None else start)
        out.append(read)
    return out


def _item_number(quantity: Quantity, reason: str) -> Quantity:
    return replace(quantity, kind="code", value=None, high=None, currency=None, unit=None, unit_from_header=False,
                   approximate=False, negative=False, bound=None, reason=reason)


def _named_after(boxes: tuple, starts: list[tuple], tops: list[float]) -> bool:
    """Whether a line that starts with a name (of ``starts``, by their ``tops``) begins
    just right of ``boxes``, on their row."""
    first, last = boxes[0], boxes[-1]
    height = max(last.bottom - last.top, 1.0)
    low, high = bisect.bisect_left(tops, last.top - 2 * height), bisect.bisect_right(tops, last.bottom)
    for box, text in starts[low:high]:
        overlap = min(box.bottom, last.bottom) - max(box.top, last.top)
        if (overlap > 0.5 * min(height, box.bottom - box.top) and last.x1 <= box.x0 <= last.x1 + ITEM_GAP_EMS * height
                and box.x0 > first.x0 and STARTS_WITH_NAME.match(text)):
            return True
    return False


def headed_by_column(read: Read, span: tuple[int, int]) -> bool:
    """Whether a unit line heading this figure's column alone (``千円`` over it) gave its unit."""
    headed = read.column_heads.get(span)
    return headed is not None and not headed.wide
