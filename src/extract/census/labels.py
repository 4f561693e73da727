"""Each figure's row and column label: the name at the left of its row, the head above its column.

Pure: no I/O. A figure is a table cell when its line (a PDF text segment, or a line of a
text layer) holds nothing but figures, or a leading label and then figures (``市税
48,352,400``); a figure inside running text gets no labels, never a guessed one.

- ``row_label``: the leading label of its own line; else, on a PDF page, the nearest text
  to its left on the same row (the 目 or 節 name; an item number is no text).
- ``column_label``: on a PDF page, the word above it, in the nearest head band, whose span
  overlaps its own most. A head band is a row of two or more words and no figure (unit
  words such as 千円 are no words), not standing just under a row of cells (a wrapped
  name's end, a 説明 entry: body text) and with a word over some cell below it; single
  characters set apart on one band are one word (``比　　較`` is 比較). In a text
  layer's ``|`` table, the head cell of its column.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extract.japanese.quantities import ITEM_NUMBER as ONE_TO_THREE_DIGITS
from extract.japanese.units import cells, column_units, declares_units
from extract.read.document import BBox

LETTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Latin}]")
UNIT_WORD = regex.compile(r"[(（]?(?:単位[:：]?)?(?:千|百万|十億|億|万)?(?:円|ドル|ユーロ)[)）]?|[(（]?[%％][)）]?")
SINGLE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
ITEM_NUMBER = regex.compile(r"^\s*[0-9０-９]{1,3}(?=\s)")
LEADING_ITEM = regex.compile(r"\s*[0-9０-９]{1,3}\s+")
WRAP_GAP_EMS = 1.5  # a wrapped name's second line stands at most this many heights below the first
JOIN_SINGLES_EMS = 16.0  # single characters of one head at most this many heights apart
# A figure's labels (keyed: the index of its read, its span): row label, column label, and the
# key of the table it is a cell of (a head block's, a ``|`` head's), None where not known.
TableKey = tuple[str, int]
Labels = dict[tuple[int, tuple[int, int]], tuple[str | None, str | None, TableKey | None]]


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    box: BBox


def _overlap_y(a: BBox, b: BBox) -> bool:
    """Whether two boxes stand on one row: they overlap over half the smaller height."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _overlap_x(a: BBox, b: BBox) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _leading_label(text: str, spans: list[tuple[int, int]]) -> tuple[bool, str | None]:
    """Whether a line is a table cell (nothing but its figures, after a leading label), and
    that label (None: none)."""
    rest = list(text)
    for start, end in spans:
        rest[start:end] = " " * (end - start)
    after = "".join(rest[spans[0][0]:]) if spans else ""
    if after.strip(" |｜\u3000"):
        return False, None
    label = text[: spans[0][0]].strip(" |｜\u3000") if spans else ""
    return True, (label if label and LETTER.search(label) else None)


def _words(read) -> list[_Word]:
    """A PDF segment's words with their boxes (as written; unit words and numbers left out)."""
    line = read.line.line
    words = []
    for match in regex.finditer(r"\S+", line.text):
        box = line.box_of(match.start(), match.end())
        if box is not None and LETTER.search(match[0]) and not UNIT_WORD.fullmatch(match[0]):
            words.append(_Word(match[0], box))
    return words


def _split_run(run: list[_Word]) -> list[list[_Word]]:
    """A run of single characters cut into words: at its widest gap while that is clearly
    wider than its narrowest (区 分 金 額: 区分, 金額), each part one word if its letters
    stand within :data:`JOIN_SINGLES_EMS` heights of each other (比　　較), else a word each."""
    if len(run) < 2:
        return [run]
    gaps = [b.box.x0 - a.box.x1 for a, b in zip(run, run[1:], strict=False)]
    widest = max(range(len(gaps)), key=gaps.__getitem__)
    if len(run) > 2 and gaps[widest] > 1.5 * max(min(gaps), 0.5):
        return _split_run(run[:widest + 1]) + _split_run(run[widest + 1:])
    if gaps[widest] <= JOIN_SINGLES_EMS * max(w.box.bottom - w.box.top for w in run):
        return [run]
    return [[word] for word in run]


def _joined_singles(words: list[_Word]) -> list[_Word]:
    """Single characters set apart on one band joined into the words they spell (比　　較)."""
    out: list[_Word] = []
    run: list[_Word] = []
    for word in [*sorted(words, key=lambda w: w.box.x0), None]:
        if word is not None and SINGLE.fullmatch(word.text):
            run.append(word)
            continue
        out += [_Word("".join(w.text for w in part), BBox.union([w.box for w in part])) for part in _split_run(run)
                if part]
        run = []
        if word is not None:
            out.append(word)
    return out


def _bands(words: list[_Word]) -> list[list[_Word]]:
    """Words grouped into rows by their boxes, top to bottom."""
    bands: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.box.top + w.box.bottom) / 2):
        if bands and _overlap_y(bands[-1][0].box, word.box):
            bands[-1].append(word)
        else:
            bands.append([word])
    return bands


def _blocks(bands: list[list[_Word]]) -> list[list[list[_Word]]]:
    """Head bands one above the other (a head of two lines: 節 over 区分 金額) as one block."""
    blocks: list[list[list[_Word]]] = []
    for band in sorted(bands, key=lambda b: b[0].box.top):
        height = max(w.box.bottom - w.box.top for w in band)
        if blocks and band[0].box.top - max(w.box.bottom for w in blocks[-1][-1]) <= 1.5 * height:
            blocks[-1].append(band)
        else:
            blocks.append([band])
    return blocks


def _column_of(block: list[list[_Word]], box: BBox) -> str | None:
    """The head word of a figure's column: of the words over it, the one nearest above it;
    where none stands over it (a right-aligned figure past its head), the word whose span,
    widened half-way to its neighbours, holds the figure's middle, if the figure stands
    no farther from it than the word is wide (else none: a name's last word is no head)."""
    over = [(band[0].box.bottom, _overlap_x(w.box, box), w) for band in block for w in band
            if _overlap_x(w.box, box) > 0]
    if over:
        return max(over, key=lambda o: (o[0], o[1]))[2].text
    words = sorted((w for band in block for w in band), key=lambda w: w.box.x0)
    middle = (box.x0 + box.x1) / 2
    for index, word in enumerate(words):
        low = (words[index - 1].box.x1 + word.box.x0) / 2 if index else float("-inf")
        high = (word.box.x1 + words[index + 1].box.x0) / 2 if index + 1 < len(words) else float("inf")
        gap = max(word.box.x0 - box.x1, box.x0 - word.box.x1)
        if low <= middle < high:
            return word.text if gap <= word.box.x1 - word.box.x0 else None
    return None


def _over_cells(block: list[list[_Word]], cell_boxes: list[BBox]) -> bool:
    """Whether some word of a head block stands over a table cell below it: a head names
    the columns of figures, a wrapped name's words stand over none."""
    bottom = max(w.box.bottom for w in block[-1])
    return any(_overlap_x(w.box, box) > 0 for band in block for w in band for box in cell_boxes
               if box.top >= bottom - 0.5)


def _just_below_cells(band: list[_Word], cell_boxes: list[BBox]) -> bool:
    """Whether a band stands just under a row of table cells (a wrapped name's end, a 説明
    entry): body text, not a head. A head follows a title, a heading or the page's top."""
    top = min(w.box.top for w in band)
    height = max(w.box.bottom - w.box.top for w in band)
    return any(box.bottom <= top + 0.5 and top - box.bottom <= 2 * height for box in cell_boxes)


def _row_text(text: str) -> str:
    """A row's label as the page prints it, its item number left out (1 現年課税分)."""
    return ITEM_NUMBER.sub("", text).strip()


def _pdf_labels(reads: Sequence, cells_of: dict[int, list[tuple[int, int, BBox, bool]]],
                labels: list[tuple[BBox, str, float | None]]) -> Labels:
    """Row and column labels of the table cells of one PDF page (a figure written with its
    own unit, ``48,352,400千円``, is no column's cell: a heading's, or a sentence's)."""
    figure_boxes = [box for spans in cells_of.values() for _, _, box, _ in spans]
    texts = [read for index, read in enumerate(reads) if read.line.line.char_boxes and index not in cells_of
             and LETTER.search(read.line.text) and not declares_units(read.line.text)]
    numbers = [box for read in reads for q in read.quantities
               if q.kind == "code" and ONE_TO_THREE_DIGITS.fullmatch(q.text) and (box := read.line.box_of(*q.span))]
    segments = [(read.line.line.box_of(0, len(read.line.line.text)), _row_text(read.line.text),
                 _name_x0(read, numbers)) for read in texts]
    segments = [(box, text, name) for box, text, name in segments if box is not None and text]
    segments += labels
    cell_boxes = [box for spans in cells_of.values() for _, _, box, inline in spans if not inline]
    heads = [band for band in _bands([w for read in texts if not read.quantities for w in _words(read)])
             if not any(_overlap_y(band[0].box, box) for box in figure_boxes)
             and not _just_below_cells(band, cell_boxes)]
    # a block holds a band of two or more words; a lone word just above or below joins it
    # (教育職 over its column, set higher than the head's other words; (高校等) under it)
    blocks = [block for block in _blocks([_joined_singles(band) for band in heads])
              if any(len(band) >= 2 for band in block) and _over_cells(block, cell_boxes)]
    segments.sort(key=lambda s: s[0].top)
    tops = [b.top for b, _, _ in segments]
    tallest = max((b.bottom - b.top for b, _, _ in segments), default=0.0)
    rows: dict[tuple[int, int, int], int] = {}  # a cell's row label: the index of its segment
    for key, spans in cells_of.items():
        for start, end, box, _ in spans:
            low = bisect.bisect_left(tops, box.top - tallest)
            left = [i for i in range(low, bisect.bisect_right(tops, box.bottom))
                    if _overlap_y(segments[i][0], box) and segments[i][0].x1 <= box.x0 + 0.5]
            if left:
                rows[(key, start, end)] = max(left, key=lambda i: segments[i][0].x1)
    found: Labels = {}
    for key, spans in cells_of.items():
        for start, end, box, inline in spans:
            at = rows.get((key, start, end))
            row = _wrapped(segments, at, set(rows.values())) if at is not None else None
            above = [i for i, b in enumerate(blocks) if max(w.box.bottom for w in b[-1]) <= box.top + 0.5]
            nearest = max(above, key=lambda i: max(w.box.bottom for w in blocks[i][-1]), default=None)
            if inline or nearest is None:
                found[(key, (start, end))] = (row, None, None)
            else:
                found[(key, (start, end))] = (row, _column_of(blocks[nearest], box), ("block", nearest))
    return found


def _next_cell_label(read) -> list[tuple[BBox, str, float | None]]:
    """The label a cell's line ends with, after an item number (``△28,960 1 返還金``: 返還金,
    and where its name starts), as a row label for the figures right of it."""
    text = read.line.text
    number = LEADING_ITEM.match(text, read.cell_end)
    start = number.end() if number else read.cell_end
    name = text[start:].strip()
    box, first = read.line.box_of(read.cell_end, len(text)), read.line.box_of(start, start + 1)
    if box is None or not LETTER.search(name):
        return []
    return [(box, name, first.x0 if first is not None else None)]


def _name_x0(read, numbers: list[BBox]) -> float | None:
    """Where the name of a row label starts after its item number (``1 総務管理費寄``: the 総;
    the number in the text or drawn just left of it), or None for a text with no item number."""
    number = ITEM_NUMBER.match(read.line.text)
    if number is not None:
        rest = len(read.line.text) - len(read.line.text[number.end():].lstrip())
        box = read.line.box_of(rest, rest + 1)
        return box.x0 if box is not None else None
    box = read.line.box_of(0, len(read.line.text))
    if box is None:
        return None
    height = box.bottom - box.top
    return box.x0 if any(_overlap_y(n, box) and 0 <= box.x0 - n.x1 <= 1.5 * height for n in numbers) else None


def _wrapped(segments: list[tuple[BBox, str, float | None]], at: int, labels: set[int]) -> str:
    """A row label with the rest of its name, where the name wraps onto the line below
    (``1 総務管理費寄`` over ``附金``): the text just below it, starting where its name starts
    after the item number or where its item number starts (a hanging indent), no row's label
    itself, with no item number of its own (a row of its own) and opening with no digit."""
    box, text, name_x0 = segments[at]
    if name_x0 is None:
        return text
    height = box.bottom - box.top
    for index, (below, more, numbered) in enumerate(segments):
        if (index != at and index not in labels and numbered is None
                and 0 <= below.top - box.bottom + 0.5 <= WRAP_GAP_EMS * height
                and min(abs(below.x0 - name_x0), abs(below.x0 - box.x0)) <= 1.0 and not more[:1].isdigit()):
            return text + more
    return text


def _head_after(text: str, spans: list[tuple[int, int]], head: list[str] | None) -> tuple[list[str] | None, bool]:
    """The ``|`` table head in force after a text line, and whether the line is that head
    (cells of no figure, or cells naming their units: ``配当金の総額(百万円) | …``)."""
    parts = cells(text)
    if "|" not in text and "｜" not in text:
        return None, False
    if len(parts) >= 2 and (not spans or column_units(text)):
        return [text[a:b].strip() for a, b in parts], True
    return head, False


def _cell_labels(text: str, spans: list[tuple[int, int]],
                 head: list[str] | None) -> tuple[str | None, list[str | None]] | None:
    """A line's row label and each figure's column (its ``|`` head cell); None where the line
    is no table row (running text)."""
    parts = cells(text)
    in_head = head is not None and len(parts) == len(head)
    tabular, label = _leading_label(text, spans)
    if not tabular and not in_head:
        return None
    if not in_head or head is None:
        return label, [None] * len(spans)
    first = text[parts[0][0]:parts[0][1]].strip()
    columns = [next((head[i] or None for i, (a, b) in enumerate(parts) if a <= span[0] < b), None) for span in spans]
    return (first if LETTER.search(first) else None), columns


def figure_labels(reads: Sequence) -> Labels:
    """For each figure of a page's reads, keyed (index of its read, its span): its row label,
    column label and table key (None where it is no table cell, or none is found); a line of
    a stacked table (``read.stacked``) takes its cell's."""
    found: Labels = {}
    pdf_cells: dict[int, list[tuple[int, int, BBox, bool]]] = {}
    pdf_labels: list[tuple[BBox, str, float | None]] = []  # labels on PDF cells' lines (橋りょう費 300)
    head: list[str] | None = None
    head_at = 0  # the index of the read that is the | head in force
    for index, read in enumerate(reads):
        spans = sorted(q.span for q in read.quantities)
        if read.stacked is not None:
            head, stacked = None, ("stacked", read.stacked.table)
            for span in spans:
                cell = read.stacked.cell_at(span[0])
                found[(index, span)] = (cell.row_label, cell.head, stacked) if cell else (None, None, stacked)
            continue
        text = read.line.text[:read.cell_end]  # up to the next cell's item number (△28,960 1 返還金)
        spans = [span for span in spans if span[1] <= len(text)]
        if read.cell_end is not None:  # the next cell (1 返還金) labels the row of the figures right of it
            pdf_labels += _next_cell_label(read)
        head, is_head = _head_after(text, spans, head)
        head_at = index if is_head else head_at
        labelled = None if is_head or not spans else _cell_labels(text, spans, head)
        if labelled is None:
            continue
        label, columns = labelled
        inline = {q.span for q in read.quantities if q.unit and not q.unit_from_header}
        for span, column in zip(spans, columns, strict=True):
            found[(index, span)] = (label, column, ("pipe", head_at) if column else None)
            box = read.line.box_of(*span)
            if box is not None:
                pdf_cells.setdefault(index, []).append((span[0], span[1], box, span in inline))
        label_box = read.line.box_of(0, spans[0][0]) if label else None
        if label_box is not None and label:
            pdf_labels.append((label_box, _row_text(label), None))
    for key, (row, column, table) in _pdf_labels(reads, pdf_cells, pdf_labels).items():
        own_row, own_column, own_table = found[key]
        found[key] = (own_row or row, own_column or column, own_table or table)
    return found
