"""The deck's mineral tables (pages 2, 5, 9): rows as read, and whether a PDF draws them so.

Under a header row that opens with 鉱種, each row is a mineral: its label
(``ジスプロシウム（重稀土）``) in the left cell, its text in the cell to the right. The text
layer, like a PDF's content stream, gives each row as its label's line and the lines after
it, up to the next label or a slide heading (the header row is no row's text); a row with
no text of its own shares the merged cell above it.

A PDF whose stream no longer follows its slide (another producer, an edited file) can put
one row's text after another row's label. :func:`rows_as_drawn` then compares the rows read
from the stream with where their characters stand on the page: the rows of a table are
stacked, each row's lines in one column. A row read across another row, a line read into a
row from outside the table's text column, or a row left without text of its own stops the
run (exit 1) rather than tie a reduction or a percent target to the wrong mineral.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.read.document import BBox
from extract.read.lines import NormalizedLine

from .. import glossary
from .context import NUMBERED_TITLE, REFERENCE_TITLE, nonblank

ROWS_CHECK = "table_rows_as_drawn"

MINERAL_HEADER = regex.compile(
    r"^(?P<mineral>" + "|".join(glossary.MINERALS) + r")(?:\((?P<class>\p{Han}+)\))?"
)
TABLE_HEADER = regex.compile(r"^鉱種")  # the header row: 鉱種 | 海外資源の確保, …
OVERLAP = 0.5  # points two rows may share (touching boxes) before they overlap
COLUMN_SHARE = 0.5  # a line's left edge may stray this share of its height off the column


@dataclass(frozen=True, slots=True)
class Piece:
    """Text of a row: ``line.text[start:]``."""

    line: NormalizedLine
    start: int

    @property
    def text(self) -> str:
        return self.line.text[self.start :]

    @property
    def box(self) -> BBox | None:
        return self.line.box_of(self.start, len(self.line.text))


@dataclass(frozen=True, slots=True)
class Row:
    """One mineral's row: its label and the text read into its cell."""

    mineral: str
    class_ja: str | None
    label: NormalizedLine  # the line the label opens
    label_end: int  # where the label ends on that line
    pieces: tuple[Piece, ...]  # its text, in reading order
    shared: bool = False  # no text of its own: the pieces are the merged cell's above

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def label_box(self) -> BBox | None:
        return self.label.box_of(0, self.label_end)


def table_header(page: list[NormalizedLine]) -> NormalizedLine | None:
    """The page's 鉱種 header row, if it has one."""
    return next((line for line in page if TABLE_HEADER.search(line.text)), None)


def mineral_rows(page: list[NormalizedLine]) -> list[Row]:
    """Each mineral row of a page's table, in reading order (a label read twice: the last)."""
    rows: dict[str, Row] = {}
    current: str | None = None
    for line in nonblank(page):
        header = MINERAL_HEADER.search(line.text)
        if header:
            current = header["mineral"]
            start = header.end() + len(line.text[header.end() :]) - len(line.text[header.end() :].lstrip())
            rest = (Piece(line, start),) if start < len(line.text) else ()
            rows[current] = Row(current, header["class"], line, header.end(), rest)
            continue
        if TABLE_HEADER.search(line.text):
            continue  # the header row is no row's text
        if REFERENCE_TITLE.search(line.text) or NUMBERED_TITLE.search(line.text):
            current = None
        if current:
            row = rows[current]
            rows[current] = Row(row.mineral, row.class_ja, row.label, row.label_end,
                                row.pieces + (Piece(line, 0),))
    # A row with no text of its own shares the merged cell of the row above it.
    ordered = list(rows.values())
    for position, row in enumerate(ordered):
        if not row.pieces and position:
            above = ordered[position - 1]
            ordered[position] = Row(row.mineral, row.class_ja, row.label, row.label_end,
                                    above.pieces, shared=True)
    return ordered


# ---------------------------------------------------------------- the rows on the page


def _where(line: NormalizedLine) -> str:
    return f"p{line.page} l{line.number} 「{line.written.strip()}」"


def _span(boxes: list[BBox]) -> tuple[float, float]:
    return min(box.top for box in boxes), max(box.bottom for box in boxes)


def _has_geometry(rows: list[Row]) -> bool:
    return bool(rows) and all(row.label.line.char_boxes for row in rows)


def rows_as_drawn(rows: list[Row]) -> list[str]:
    """Where the rows read (from a PDF's stream) are not rows of the slide; [] for a text
    layer (no geometry). Each row has text of its own, its lines stand in one column with
    the other rows' (their left edges agree), and no two rows overlap from top to bottom.

    A row without text of its own cannot be told, from where its characters stand, from
    a row whose text was read into the row above it (a merged cell looks the same), so on
    a PDF it stops the run too."""
    if not _has_geometry(rows):
        return []
    failures = _off_the_column(rows)
    spans: list[tuple[Row, tuple[float, float]]] = []
    for row in rows:
        if row.shared or not row.pieces:
            failures.append(f"{row.mineral} has no text of its own in its row ({_where(row.label)}): "
                            "its text may have been read into another row")
            continue
        boxes = [box for box in (row.label_box, *(piece.box for piece in row.pieces)) if box is not None]
        spans.append((row, _span(boxes)))
    for index, (upper, (a_top, a_bottom)) in enumerate(spans):
        for lower, (b_top, b_bottom) in spans[index + 1 :]:
            if a_top < b_bottom - OVERLAP and b_top < a_bottom - OVERLAP:
                failures.append(
                    f"the rows read for {upper.mineral} ({_where(upper.label)} to "
                    f"{_where(upper.pieces[-1].line)}) and {lower.mineral} ({_where(lower.label)} to "
                    f"{_where(lower.pieces[-1].line)}) overlap on the page: text tied to the wrong mineral")
    return failures


def _off_the_column(rows: list[Row]) -> list[str]:
    """Whole lines read into rows whose left edge strays from the column the others share."""
    lines = [(row, piece, piece.box) for row in rows if not row.shared for piece in row.pieces
             if piece.start == 0 and piece.box is not None]
    if not lines:
        return []
    edges = sorted(box.x0 for _, _, box in lines)
    column = edges[len(edges) // 2]  # the median: most lines stand in the column
    failures = []
    for row, piece, box in lines:
        if abs(box.x0 - column) > COLUMN_SHARE * (box.bottom - box.top):
            failures.append(f"「{piece.text}」 ({_where(piece.line)}), read as text of {row.mineral}, "
                            f"stands outside the column of the table's text")
    return failures
