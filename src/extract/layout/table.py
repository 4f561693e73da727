"""A table under a header: columns named by header words, their units, and row bands.

Like pdfplumber's TableFinder the settings are explicit. Columns come from the header
words a caller names (matched with blanks between characters ignored, so 比 較 is 比較),
bounded by the vertical rules drawn through the header where there are any, else by the
middle of the gap between neighbouring header cells. A unit word (千円, 円) standing under
a column's header, or inside it, is that column's unit.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field, replace

import regex

from extract.layout.geometry import Edge, Line, Word

CAPTION = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]{1,4}")  # 節 of 節 区分: a word a header cell adds


@dataclass(frozen=True)
class Settings:
    """How a header and its columns are found."""

    labels: tuple[str, ...]  # header words that name columns (blanks ignored)
    units: tuple[str, ...] = ("千円", "円")
    min_labels: int = 3  # a header names at least this many columns
    header_depth: int = 5  # lines a header (with its unit line) may span
    rule_slack: float = 1.5  # points a rule may stand outside a header cell


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its header label (blanks removed), unit (None: none stated), and x span."""

    label: str
    unit: str | None
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class Row:
    """A row band under the header: each column's words, and the words no column holds."""

    cells: dict[str, tuple[Word, ...]]
    top: float
    bottom: float
    line: Line
    stray: tuple[Word, ...] = ()

    def text(self, label: str) -> str:
        """The column's text, words joined with one blank."""
        return " ".join(w.text for w in self.cells.get(label, ()))


@dataclass(frozen=True)
class Table:
    """The lines above the header, the header's columns, and the rows below it."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    preamble: tuple[Line, ...]
    header_top: float
    header_bottom: float
    units: dict[str, str] = field(default_factory=dict)

    def column(self, label: str) -> Column | None:
        return next((c for c in self.columns if c.label == label), None)


def _continues(words: tuple[Word, ...], start: int, end: int, rules: tuple[float, ...] = ()) -> bool:
    """Whether the word after a spaced-out run stands as close as the run's own letters
    (本 年 度 予 算 額 の 財 源: the run is the start of a longer phrase). A rule drawn
    between them ends the run whatever the spacing (比　　較 | 特 定 財 源: two cells)."""
    if end - start < 2 or end >= len(words):
        return False
    if any(words[end - 1].x1 - 0.5 <= x <= words[end].x0 + 0.5 for x in rules):
        return False
    gaps = [words[i + 1].x0 - words[i].x1 for i in range(start, end - 1)]
    return words[end].x0 - words[end - 1].x1 <= 1.1 * max(gaps)


def _segments(text: str, labels: tuple[str, ...]) -> list[str] | None:
    """A word that is two or more labels run together (本年度予算額前年度予算額: two header
    cells the text layer joined), split into them; None where it is not."""
    if not text:
        return []
    for label in sorted(labels, key=len, reverse=True):
        if text.startswith(label):
            rest = _segments(text[len(label):], labels)
            if rest is not None:
                return [label, *rest]
    return None


def _split_joined(words: tuple[Word, ...], labels: tuple[str, ...]) -> tuple[Word, ...]:
    """Words joined from several labels cut back into one word per label, each given the
    share of the word's width its characters take."""
    out: list[Word] = []
    for word in words:
        parts = _segments(word.text, labels)
        if parts is None or len(parts) < 2:
            out.append(word)
            continue
        step, x = (word.x1 - word.x0) / len(word.text), word.x0
        for part in parts:
            out.append(Word(part, x, x + step * len(part), word.top, word.bottom))
            x += step * len(part)
    return tuple(out)


def _runs(line: Line, labels: tuple[str, ...], rules: tuple[float, ...] = ()) -> list[tuple[str, float, float]]:
    """Runs of consecutive words on a line that spell a label, blanks ignored (``rules``:
    the x of the vertical rules drawn through the line), each widened to a caption word set
    just beside it (節 区分: the cell is both words)."""
    found: list[tuple[str, int, int]] = []
    words, index = _split_joined(line.words, labels), 0
    while index < len(words):
        matched = None
        for label in sorted(labels, key=len, reverse=True):
            text, end = "", index
            while end < len(words) and len(text) < len(label):
                text += words[end].text.replace(" ", "").replace("\u3000", "")
                end += 1
            if text == label and not _continues(words, index, end, rules):
                matched = (label, index, end)
                break
        if matched:
            found.append(matched)
            index = matched[2]
        else:
            index += 1
    taken = {i for _, start, end in found for i in range(start, end)}
    return [_captioned(words, run, taken, rules) for run in found]


def _caption_gap(words: tuple[Word, ...], index: int, edge: float, taken: set[int],
                 rules: tuple[float, ...]) -> float | None:
    """The gap between word ``index`` and a label cell's ``edge`` where that word is a
    caption of the cell (kanji or kana of no label, nearer than its own height, no rule
    between); None where it is not."""
    if not 0 <= index < len(words) or index in taken or CAPTION.fullmatch(words[index].text) is None:
        return None
    word = words[index]
    low, high = sorted((word.x1 if word.x1 <= edge else word.x0, edge))
    if high - low > word.bottom - word.top or any(low - 0.5 <= x <= high + 0.5 for x in rules):
        return None
    return high - low


def _captioned(words: tuple[Word, ...], run: tuple[str, int, int], taken: set[int],
               rules: tuple[float, ...]) -> tuple[str, float, float]:
    """A label's cell: its words, widened to a caption word just beside it that stands
    nearer to it than to the label on its other side."""
    label, start, end = run
    x0, x1 = words[start].x0, words[end - 1].x1
    before = _caption_gap(words, start - 1, x0, taken, rules)
    if before is not None and not (start - 2 in taken and words[start - 1].x0 - words[start - 2].x1 < before):
        x0 = words[start - 1].x0
    after = _caption_gap(words, end, x1, taken, rules)
    if after is not None and not (end + 1 in taken and words[end + 1].x0 - words[end].x1 < after):
        x1 = words[end].x1
    return label, x0, x1


def _rules_through(line: Line, edges: tuple[Edge, ...]) -> tuple[float, ...]:
    """The x of each vertical rule that crosses a line's band."""
    return tuple(e.x for e in edges if e.top <= line.bottom and e.bottom >= line.top)


def _header_at(lines: tuple[Line, ...], start: int, last: int, labels: tuple[str, ...],
               edges: tuple[Edge, ...] = ()) -> list[tuple[str, float, float]]:
    """The labels found on the header's lines; a label found twice is told apart by #2, #3."""
    runs: list[tuple[str, float, float]] = []
    seen: dict[str, int] = {}
    for line in lines[start:last + 1]:
        for label, x0, x1 in _runs(line, labels, _rules_through(line, edges)):
            seen[label] = seen.get(label, 0) + 1
            runs.append((label if seen[label] == 1 else f"{label}#{seen[label]}", x0, x1))
    return runs


def _unit_line(lines: tuple[Line, ...], start: int, settings: Settings) -> int | None:
    """The index of the first line, within the header's depth, made only of unit words."""
    for index in range(start, min(len(lines), start + settings.header_depth + 1)):
        if lines[index].words and all(w.text in settings.units for w in lines[index].words):
            return index
    return None


def _widened(runs: list[tuple[str, float, float]], unit_line: Line | None,
             settings: Settings) -> list[tuple[str, float, float]]:
    """Header cells widened to the unit word standing under each (right-aligned 千円 marks
    where a column of right-aligned figures ends)."""
    units = [w for w in (unit_line.words if unit_line else ()) if w.text in settings.units]
    widened = []
    for label, x0, x1 in runs:
        under = [u for u in units if u.x0 < x1 + (x1 - x0) and u.x1 > x0 - settings.rule_slack]
        nearest = min(under, key=lambda u: abs(u.x1 - x1), default=None)
        widened.append((label, min(x0, nearest.x0), max(x1, nearest.x1)) if nearest else (label, x0, x1))
    return widened


def _crossings(steps: list[float], start: float, body: tuple[Word, ...]) -> list[int]:
    """For each x of ``steps`` (``start`` + 0.5 i), how many words it lies strictly inside:
    each word adds one over its run of steps (a running sum, not steps × words)."""
    last = len(steps) - 1
    change = [0] * (len(steps) + 1)
    for word in body:
        low = min(max(0, math.floor((word.x0 - start) / 0.5)), last + 1)
        while low > 0 and word.x0 < steps[low - 1]:
            low -= 1
        while low <= last and not word.x0 < steps[low]:
            low += 1
        high = max(min(last, math.ceil((word.x1 - start) / 0.5)), -1)
        while high < last and steps[high + 1] < word.x1:
            high += 1
        while high >= 0 and not steps[high] < word.x1:
            high -= 1
        if low <= high:
            change[low] += 1
            change[high + 1] -= 1
    return list(itertools.accumulate(change[:-1]))


def _river(left: tuple[str, float, float], right: tuple[str, float, float], body: tuple[Word, ...]) -> float:
    """Where no rule is drawn: the x between two header cells' middles that the fewest words
    under the header cross (the middle of the widest such run, one in the gap between the
    two cells before one under either), so a right-aligned figure and the left-aligned
    text after it fall on their own sides, whatever the space inside the text."""
    start, stop = (left[1] + left[2]) / 2, (right[1] + right[2]) / 2
    steps = [start + 0.5 * i for i in range(int((stop - start) / 0.5) + 1)]
    if not steps or not body:
        return (left[2] + right[1]) / 2
    crossed = _crossings(steps, start, body)
    fewest = min(crossed)
    runs: list[tuple[int, int]] = []  # (first step, steps) of each run of the fewest crossings
    first = None
    for index, count in enumerate([*crossed, fewest + 1]):
        if count == fewest and first is None:
            first = index
        elif count != fewest and first is not None:
            runs.append((first, index - first))
            first = None

    def middle(run: tuple[int, int]) -> float:
        return steps[run[0] + (run[1] - 1) // 2]

    best = max(runs, key=lambda run: (left[2] <= middle(run) <= right[1], run[1]))
    return middle(best)


def _bounds(runs: list[tuple[str, float, float]], edges: tuple[Edge, ...], band: tuple[float, float],
            settings: Settings, body: tuple[Word, ...] = ()) -> list[tuple[str, float, float]]:
    """Each label's column span: from the nearest rule drawn through the header in the gap
    before it to the nearest in the gap after it; where no rule is drawn, half-way to the
    neighbouring header cell (the outer columns run to the page's edges)."""
    runs = sorted(runs, key=lambda r: r[1])
    crossing = sorted({round(e.x, 1) for e in edges if e.top <= band[1] and e.bottom >= band[0]})
    spans = []
    for index, (label, x0, x1) in enumerate(runs):
        gap_left = runs[index - 1][2] if index else 0.0
        gap_right = runs[index + 1][1] if index + 1 < len(runs) else float("inf")
        before = [x for x in crossing if gap_left - settings.rule_slack <= x <= x0 + settings.rule_slack]
        after = [x for x in crossing if x1 - settings.rule_slack <= x <= gap_right + settings.rule_slack]
        left = before[-1] if before else (_river(runs[index - 1], (label, x0, x1), body) if index else 0.0)
        right = after[0] if after else (_river((label, x0, x1), runs[index + 1], body)
                                        if index + 1 < len(runs) else float("inf"))
        spans.append((label, left, right))
    return spans


def _units(line: Line | None, spans: list[tuple[str, float, float]], settings: Settings) -> dict[str, str]:
    """The unit word under each column (one whose box lies inside the column's span)."""
    units: dict[str, str] = {}
    for word in () if line is None else line.words:
        for label, x0, x1 in spans:
            inside = x0 - settings.rule_slack <= word.x0 and word.x1 <= x1 + settings.rule_slack
            if word.text in settings.units and inside:
                units[label] = word.text
    return units


def _row(line: Line, columns: tuple[Column, ...]) -> Row:
    """A line's words placed in columns: a word belongs to the column its box lies most in."""
    cells: dict[str, list[Word]] = {c.label: [] for c in columns}
    stray = []
    for word in line.words:
        overlaps = [(min(word.x1, c.x1) - max(word.x0, c.x0), c) for c in columns]
        best, column = max(overlaps, key=lambda o: o[0])
        if best > 0.5 * (word.x1 - word.x0):
            cells[column.label].append(word)
        else:
            stray.append(word)
    return Row({k: tuple(v) for k, v in cells.items()}, line.top, line.bottom, line, tuple(stray))


def find_table(lines: tuple[Line, ...], edges: tuple[Edge, ...], settings: Settings) -> Table | None:
    """The first header naming ``min_labels`` columns, its columns and units, and the rows
    below it; None where no line starts such a header."""
    for start in range(len(lines)):
        runs = _runs(lines[start], settings.labels, _rules_through(lines[start], edges))
        if not runs:
            continue
        unit_index = _unit_line(lines, start, settings)
        last = unit_index if unit_index is not None else start
        runs = _header_at(lines, start, last, settings.labels, edges)
        if len({r[0] for r in runs}) < settings.min_labels:
            continue
        band = (lines[start].top, lines[last].bottom)
        unit_line = lines[unit_index] if unit_index is not None else None
        body = tuple(w for line in lines[last + 1:] for w in line.words)
        spans = _bounds(_widened(runs, unit_line, settings), edges, band, settings, body)
        units = _units(unit_line, spans, settings)
        columns = tuple(Column(label, units.get(label), x0, x1) for label, x0, x1 in spans)
        rows = tuple(_row(line, columns) for line in lines[last + 1:])
        return Table(columns, rows, lines[:start], band[0], band[1], units)
    return None


def find_tables(lines: tuple[Line, ...], edges: tuple[Edge, ...], settings: Settings) -> tuple[Table, ...]:
    """Every table on the page, top down: a header printed again lower down (the other
    side's 総括, with more columns) starts a new table, and the rows of the one above end
    where its header begins."""
    tables: list[Table] = []
    rest = lines
    while (table := find_table(rest, edges, settings)) is not None:
        tables.append(table)
        rest = tuple(line for line in rest if line.top > table.header_bottom)
    return tuple(replace(table, rows=tuple(r for r in table.rows if r.bottom <= below.header_top))
                 for table, below in zip(tables, tables[1:], strict=False)) + tuple(tables[-1:])
