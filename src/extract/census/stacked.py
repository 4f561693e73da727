"""Stacked ``|`` tables: a Markdown table copied from a web page, its rows broken over lines.

Pure: no I/O. Copied text often keeps a table's cells but not its rows: a cell per line,
each ``|`` a line of its own, or a row cut anywhere; only the separator row (``---|---|---|``)
says how many columns there are::

    大項目/事業項目            決算期 | 1株あたりの配当 |
    |                          配当金総額(年間) [百万円] |
    予算額(単位:10億ユーロ)    配当性向(連結)[%] | 純資産配当率(連結)[%] | ||
    |                          ---|---|---|---|---|---|---|
    予算全体に占める割合       第2四半期末 [円銭] |
    |                          期末 [円銭] |
    ---|---|---|               年間 [円銭] |
    持続可能な成長             ||||
    |                          2025年3月期 (*は予想) |
    67.5                       73.00* | 73.00* | 146.00* | - | 42.8* | - |
    |
    45.9%
    |

The lines are read as one stream of cells, each ended by a ``|`` (two ``|`` in a row leave
a cell empty; the lines of one cell are joined). The ``k`` columns of the separator row are
believed only where the head above it (from the last blank line) is exactly ``k`` cells;
the cells below are then counted off ``k`` to a row. Each column takes the unit its head
names at its end (``予算額(単位:10億ユーロ)``, ``[百万円]``). A first row below the separator
whose every cell names a unit is a second head row: where the head has one column with no
unit of its own (``1株あたりの配当``) and its units fill exactly the columns left, that
column is taken as spanning them (three ``[円銭]`` columns). A run of two blank lines, a
line of no ``|`` after a complete row, or the end of the page ends the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from extract.japanese.units import UNIT_AT_CELL_END, UnitHeader, unit_header

SEPARATOR_ROW = regex.compile(r"^\s*[|｜]?\s*:?-{3,}:?\s*(?:[|｜]\s*:?-{3,}:?\s*)+[|｜]?\s*$")
BAR = regex.compile(r"[|｜]")
BLANK_RUN_ENDS_TABLE = 2


@dataclass(frozen=True, slots=True)
class StackedCell:
    """A cell's text on one line: its span there, its column's head and unit, its row's label."""

    start: int
    end: int
    head: str | None  # None: the row-label column
    unit: UnitHeader | None
    row_label: str | None


@dataclass(frozen=True, slots=True)
class StackedLine:
    """The cells of a stacked table on one line of its body."""

    table: int  # the index of the table's separator row among the page's lines
    cells: tuple[StackedCell, ...]
    units: bool  # whether any column of the table names a money unit

    def cell_at(self, position: int) -> StackedCell | None:
        return next((cell for cell in self.cells if cell.start <= position < cell.end), None)


@dataclass(frozen=True, slots=True)
class StackedTable:
    """One stacked table of a page: the lines of its heads (their units are columns', not the
    page's), and each body line (by index among the page's lines)."""

    head_lines: frozenset[int]
    body: dict[int, StackedLine]


@dataclass
class _Cell:
    parts: list[tuple[int, int, int]]  # (line index, start, end) of its text on each line

    def text(self, texts: Sequence[str]) -> str:
        return " ".join(texts[i][a:b].strip() for i, a, b in self.parts if texts[i][a:b].strip())


def _stream(texts: Sequence[str], lines: range) -> tuple[list[_Cell], _Cell | None, int]:
    """The cells of ``lines`` (each ended by a ``|``), the unended cell after the last ``|``
    (None if empty), and the index of the line the stream stopped at (a run of blank lines)."""
    cells: list[_Cell] = []
    current, blanks = _Cell([]), 0
    for index in lines:
        text = texts[index]
        if not text.strip():
            blanks += 1
            if blanks >= BLANK_RUN_ENDS_TABLE:
                return cells, current if current.parts else None, index
            continue
        blanks, start = 0, 0
        for bar in BAR.finditer(text):
            if text[start:bar.start()].strip():
                current.parts.append((index, start, bar.start()))
            cells.append(current)
            current, start = _Cell([]), bar.end()
        if text[start:].strip():
            current.parts.append((index, start, len(text)))
    return cells, current if current.parts else None, lines.stop


def _unit(text: str) -> UnitHeader | None:
    """The money unit a head cell names at its end, as one column's (a decimal under it is money)."""
    named = UNIT_AT_CELL_END.search(text)
    unit = unit_header("(" + named["units"] + ")") if named else None
    return replace(unit, column=True) if unit else None


def _names_unit(text: str) -> bool:
    return bool(UNIT_AT_CELL_END.search(text))


def _leaves(heads: list[str], sub: list[str] | None) -> list[tuple[str, UnitHeader | None]] | None:
    """The head and unit of each column after the row-label column: the head row's, with a
    column of no unit spanning a second head row's units (None where they do not fit)."""
    columns = [(head, _unit(head)) for head in heads[1:]]
    if sub is None:
        return columns
    named = [text for text in sub if text]
    spanning = [i for i, (head, _) in enumerate(columns) if head and not _names_unit(head)]
    if len(spanning) != 1:
        return None
    at = spanning[0]
    leaves = [c for c in columns[:at] if c[0]] + [(f"{columns[at][0]} {text}", _unit(text)) for text in named]
    leaves += [c for c in columns[at + 1:] if c[0]]
    return leaves if len(leaves) == len(heads) - 1 else None


def stacked_tables(texts: Sequence[str]) -> list[StackedTable]:
    """The stacked tables of a page's lines, top to bottom."""
    found = []
    for separator, text in enumerate(texts):
        if not SEPARATOR_ROW.match(text):
            continue
        columns = len([part for part in BAR.split(text.strip().strip("|｜")) if part.strip()])
        first = max((i + 1 for i in range(separator) if not texts[i].strip()), default=0)
        head, open_cell, _ = _stream(texts, range(first, separator))
        if open_cell is not None:
            head.append(open_cell)
        if len(head) == columns and any(BAR.search(texts[i]) for i in range(first, separator)):
            heads = [cell.text(texts) for cell in head]
            found.append(_table(texts, separator, heads, set(range(first, separator + 1))))
    return found


def _table(texts: Sequence[str], separator: int, heads: list[str], head_lines: set[int]) -> StackedTable:
    """The body below a separator row, cells counted off ``len(heads)`` to a row."""
    k = len(heads)
    cells, _, _ = _stream(texts, range(separator + 1, len(texts)))
    rows = [cells[i:i + k] for i in range(0, len(cells) - k + 1, k)]
    sub = None
    if rows and all(_names_unit(c.text(texts)) for c in rows[0] if c.parts) and any(c.parts for c in rows[0]):
        sub = [c.text(texts) for c in rows[0]]
        head_lines |= {i for c in rows[0] for i, _, _ in c.parts}
        rows = rows[1:]
    leaves = _leaves(heads, sub)
    units = any(unit is not None for _, unit in leaves or [])
    body: dict[int, list[StackedCell]] = {}
    for row in rows:
        label = row[0].text(texts) or None
        for column, cell in enumerate(row):
            # a second head row that does not fit: which column a cell is under is not known
            head, unit = (None, None) if column == 0 else leaves[column - 1] if leaves else (None, None)
            for index, start, end in cell.parts:
                body.setdefault(index, []).append(StackedCell(start, end, head, unit, label if column else None))
    return StackedTable(frozenset(head_lines),
                        {index: StackedLine(separator, tuple(found), units) for index, found in body.items()})
